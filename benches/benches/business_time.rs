//! Business durations on a Japanese support calendar (weekdays 9:00–12:00 and 13:00–18:00,
//! Saturday mornings, public holidays) between random instants spanning two years, and
//! deadlines a random business duration after random starts.
//!
//! ```sh
//! cargo bench -p kizuna-benches --bench business_time
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiff::civil::Weekday;
use jiff::{SignedDuration, Timestamp};
use kizuna::sla::Calendar;

const PAIRS: usize = 1_000_000;

/// SplitMix64, as the text corpus uses: the same instants on every run.
fn instants(count: usize, seed: u64) -> Vec<Timestamp> {
    let (first, span) = (1_735_657_200_i64, 2 * 365 * 86_400); // 2025-01-01 Tokyo, two years
    let mut state = seed;
    (0..count)
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            let offset = ((z ^ (z >> 31)) % span as u64) as i64;
            Timestamp::from_second(first + offset).expect("in range")
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let cal = Calendar::builder("Asia/Tokyo")
        .hours(
            Weekday::Monday..=Weekday::Friday,
            "09:00-12:00, 13:00-18:00",
        )
        .and_then(|b| b.hours(Weekday::Saturday, "10:00-14:00"))
        .expect("hours")
        .japanese_holidays()
        .years(2024..=2027)
        .build()
        .expect("calendar");
    let (a, b) = (instants(PAIRS, 1), instants(PAIRS, 2));
    let pairs: Vec<(Timestamp, Timestamp)> = a
        .iter()
        .zip(&b)
        .map(|(&x, &y)| if x <= y { (x, y) } else { (y, x) })
        .collect();

    let mut group = c.benchmark_group("business_time");
    group.throughput(Throughput::Elements(PAIRS as u64));
    group.bench_function("duration_between", |bench| {
        bench.iter(|| {
            pairs
                .iter()
                .map(|&(s, e)| cal.business_duration(s, e).map_or(0, |d| d.as_secs()))
                .sum::<i64>()
        })
    });
    let budgets: Vec<SignedDuration> = instants(PAIRS, 3)
        .iter()
        .map(|t| SignedDuration::from_secs(t.as_second() % (40 * 3600)))
        .collect();
    group.bench_function("deadline_after", |bench| {
        bench.iter(|| {
            a.iter()
                .zip(&budgets)
                .map(|(&s, &d)| cal.add_business(s, d).map_or(0, |t| t.as_second()))
                .sum::<i64>()
        })
    });
    group.finish();
    black_box(&cal);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
