//! Times business durations on a Tokyo support calendar (weekdays 9:00–12:00 and 13:00–18:00,
//! Japanese public holidays) over pairs of instants read from a file, and prints the median
//! rate, the total business time (so other tools can be checked against it) and the holidays
//! used, as JSON. `benches/compare/business_time.py` sets it beside the Python tools.
//!
//! ```sh
//! # one pair a line: start and end as Unix seconds
//! cargo run --release -p kizuna-benches --example business_time -- pairs.txt
//! ```

use std::error::Error;

use jiff::Timestamp;
use jiff::civil::Weekday;
use kizuna::sla::{Calendar, holidays::japanese_holidays};
use kizuna_benches::median_seconds;

/// How many times the pairs are measured; the median run is reported.
const RUNS: usize = 5;
/// The years the pairs may fall in.
const YEARS: std::ops::RangeInclusive<i16> = 2025..=2027;

fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: business_time PAIRS_FILE")?;
    let pairs = read(&path)?;
    let calendar = Calendar::builder("Asia/Tokyo")
        .hours(
            Weekday::Monday..=Weekday::Friday,
            "09:00-12:00, 13:00-18:00",
        )?
        .japanese_holidays()
        .years(YEARS)
        .build()?;
    let total = |cal: &Calendar| -> Result<i64, kizuna::Error> {
        pairs.iter().try_fold(0, |sum, &(start, end)| {
            Ok(sum + cal.business_duration(start, end)?.as_secs())
        })
    };
    let business_seconds = total(&calendar)?;
    let median = median_seconds(RUNS, || total(&calendar));
    let mut holidays = Vec::new();
    for year in YEARS {
        holidays.extend(
            japanese_holidays(year)?
                .into_iter()
                .map(|h| h.date.to_string()),
        );
    }
    println!(
        "{}",
        serde_json::json!({
            "pairs": pairs.len(),
            "median_seconds": median,
            "pairs_per_s": pairs.len() as f64 / median,
            "business_seconds": business_seconds,
            "holidays": holidays,
        })
    );
    Ok(())
}

/// Reads `start end` Unix-second pairs, one a line.
fn read(path: &str) -> Result<Vec<(Timestamp, Timestamp)>, Box<dyn Error>> {
    let data = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    data.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(number, line)| {
            let bad = |reason: String| format!("{path}:{}: {reason}", number + 1);
            let mut fields = line.split_whitespace().map(|f| {
                f.parse::<i64>()
                    .map_err(|e| bad(format!("{f:?}: {e}")))
                    .and_then(|s| Timestamp::from_second(s).map_err(|e| bad(e.to_string())))
            });
            match (fields.next(), fields.next(), fields.next()) {
                (Some(start), Some(end), None) => Ok((start?, end?)),
                _ => Err(bad("expected two Unix seconds".into()).into()),
            }
        })
        .collect()
}
