//! Reply-SLA speed: business durations on a Japanese support calendar (weekdays 9:00–12:00 and
//! 13:00–18:00, Saturday mornings, public holidays) between random instants spanning two years,
//! deadlines a random business duration after random starts, and thread reconstruction and
//! scoring of a million events.
//!
//! ```sh
//! cargo bench -p kizuna-benches --bench sla
//! ```

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput};
use jiff::civil::Weekday;
use jiff::{SignedDuration, Timestamp};
use kizuna::sla::{Calendar, Event, ReplyRules, Rule, SlaPolicy, Target, build_threads, evaluate};
use kizuna_benches::Rng;

const PAIRS: usize = 1_000_000;

/// Random instants over two years, the same on every run.
fn instants(count: usize, seed: u64) -> Vec<Timestamp> {
    let (first, span) = (1_735_657_200_i64, 2 * 365 * 86_400); // 2025-01-01 Tokyo, two years
    let mut rng = Rng(seed);
    (0..count)
        .map(|_| Timestamp::from_second(first + rng.below(span) as i64).expect("in range"))
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

    // A million events: 250,000 threads of a post, a reply, a follow-up and a reply.
    let starts = instants(250_000, 4);
    let mut events = Vec::with_capacity(4 * starts.len());
    for (n, &t) in starts.iter().enumerate() {
        let id = |k: usize| format!("{}", 4 * n + k);
        let later = |mins: i64| t + SignedDuration::from_mins(mins + (n % 97) as i64);
        events.push(Event::customer(&id(0), t, "customer"));
        events.push(Event::brand_reply(&id(1), later(20), "brand", &id(0)));
        events.push(Event {
            in_reply_to: Some(id(1)),
            ..Event::customer(&id(2), later(45), "customer")
        });
        events.push(Event::brand_reply(&id(3), later(200), "brand", &id(2)));
    }
    let policy = SlaPolicy::new(vec![
        Rule::new("support")
            .first_reply(Target::business(SignedDuration::from_hours(1)))
            .next_reply(Target::business(SignedDuration::from_hours(2))),
    ]);
    let now = instants(1, 5)[0];
    let mut group = c.benchmark_group("threads");
    group.throughput(Throughput::Elements(events.len() as u64));
    group.bench_function("build_and_score", |bench| {
        // The events are cloned outside the timing: a caller hands them over once.
        bench.iter_batched(
            || events.clone(),
            |events| {
                let threads = build_threads(events);
                let scores: Vec<_> = threads
                    .threads
                    .iter()
                    .filter_map(|t| {
                        evaluate(t, &policy, Some(&cal), ReplyRules::default(), now).ok()
                    })
                    .collect();
                (threads, scores) // criterion drops outputs after the timing
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
    black_box(&cal);
}

kizuna_benches::bench_main!(bench);
