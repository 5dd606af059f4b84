//! Time series by day or week in a time zone, and spike detection on them.
//!
//! A spike is a bucket whose value stands out against the trailing baseline of the buckets
//! before it: at least `min_value`, at least `z` standard deviations above the baseline mean
//! (any rise counts when the baseline never moved), and at least `ratio` times that mean (any
//! value counts over a zero mean). After a spike, the next `cooldown` buckets raise none, so
//! a team hears about a flare-up once.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

/// How long a bucket is.
///
/// ```
/// assert_ne!(kizuna::engage::Bucket::Day, kizuna::engage::Bucket::Week);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// A local day.
    Day,
    /// A week, Monday to Sunday, named by its Monday.
    Week,
}

/// Sums `values` by bucket in time zone `tz`, with a zero for every empty bucket between the
/// first and the last: the series of any metric (pass 1.0 per item for counts).
///
/// ```
/// use jiff::tz::TimeZone;
/// use kizuna::engage::{series, Bucket};
///
/// let t = |s: &str| s.parse().unwrap();
/// let counts = series(
///     [(t("2026-11-16T01:00:00Z"), 1.0), (t("2026-11-16T05:00:00Z"), 1.0), (t("2026-11-18T01:00:00Z"), 1.0)],
///     Bucket::Day,
///     &TimeZone::UTC,
/// );
/// let values: Vec<f64> = counts.iter().map(|(_, v)| *v).collect();
/// assert_eq!(values, [2.0, 0.0, 1.0]);
/// assert_eq!(counts[0].0.to_string(), "2026-11-16");
/// ```
pub fn series(
    values: impl IntoIterator<Item = (Timestamp, f64)>,
    bucket: Bucket,
    tz: &TimeZone,
) -> Vec<(Date, f64)> {
    let mut sums: BTreeMap<Date, f64> = BTreeMap::new();
    for (at, value) in values {
        *sums.entry(bucket_of(at, bucket, tz)).or_default() += value;
    }
    let (Some(&first), Some(&last)) = (sums.keys().next(), sums.keys().next_back()) else {
        return Vec::new();
    };
    let step = match bucket {
        Bucket::Day => 1,
        Bucket::Week => 7,
    };
    let mut out = Vec::new();
    let mut day = first;
    while day <= last {
        out.push((day, sums.get(&day).copied().unwrap_or(0.0)));
        match day.checked_add(jiff::Span::new().days(step)) {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    out
}

/// The share of flagged items by bucket (`None` for a bucket with no items), for instance the
/// negative share of mentions.
///
/// ```
/// use jiff::tz::TimeZone;
/// use kizuna::engage::{share_series, Bucket};
///
/// let t = |s: &str| s.parse().unwrap();
/// let negative = share_series(
///     [(t("2026-11-16T01:00:00Z"), true), (t("2026-11-16T02:00:00Z"), false), (t("2026-11-18T01:00:00Z"), false)],
///     Bucket::Day,
///     &TimeZone::UTC,
/// );
/// let shares: Vec<Option<f64>> = negative.iter().map(|(_, v)| *v).collect();
/// assert_eq!(shares, [Some(0.5), None, Some(0.0)]);
/// ```
pub fn share_series(
    items: impl IntoIterator<Item = (Timestamp, bool)>,
    bucket: Bucket,
    tz: &TimeZone,
) -> Vec<(Date, Option<f64>)> {
    let items: Vec<(Timestamp, bool)> = items.into_iter().collect();
    let totals = series(items.iter().map(|&(t, _)| (t, 1.0)), bucket, tz);
    let flagged: BTreeMap<Date, f64> = series(
        items.iter().map(|&(t, f)| (t, if f { 1.0 } else { 0.0 })),
        bucket,
        tz,
    )
    .into_iter()
    .collect();
    totals
        .into_iter()
        .map(|(day, total)| {
            let share = (total > 0.0).then(|| flagged.get(&day).copied().unwrap_or(0.0) / total);
            (day, share)
        })
        .collect()
}

fn bucket_of(at: Timestamp, bucket: Bucket, tz: &TimeZone) -> Date {
    let day = at.to_zoned(tz.clone()).date();
    match bucket {
        Bucket::Day => day,
        Bucket::Week => {
            let back = i64::from(day.weekday().to_monday_zero_offset());
            day.checked_sub(jiff::Span::new().days(back)).unwrap_or(day)
        }
    }
}

/// When a bucket counts as a spike; see the [module docs](self).
///
/// ```
/// let rule = kizuna::engage::SpikeRule::default();
/// assert_eq!((rule.baseline, rule.z, rule.ratio, rule.cooldown), (7, 3.0, 2.0, 1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SpikeRule {
    /// How many buckets before the current one make the baseline.
    pub baseline: usize,
    /// Standard deviations above the baseline mean.
    pub z: f64,
    /// Times the baseline mean.
    pub ratio: f64,
    /// The least value that can be a spike (so that 0 → 2 mentions is not one).
    pub min_value: f64,
    /// Buckets after a spike that raise none.
    pub cooldown: usize,
}

impl Default for SpikeRule {
    fn default() -> Self {
        SpikeRule {
            baseline: 7,
            z: 3.0,
            ratio: 2.0,
            min_value: 5.0,
            cooldown: 1,
        }
    }
}

/// One spike.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spike {
    /// The bucket.
    pub bucket: Date,
    /// Its value.
    pub value: f64,
    /// The baseline's mean.
    pub baseline_mean: f64,
    /// The baseline's standard deviation (population).
    pub baseline_sd: f64,
    /// How many standard deviations above the mean (`None` when the baseline never moved).
    pub z: Option<f64>,
    /// Value ÷ baseline mean (`None` over a zero mean).
    pub ratio: Option<f64>,
}

/// The spikes of `series` by `rule`; buckets without a full baseline behind them are not
/// judged.
///
/// ```
/// use kizuna::engage::{detect_spikes, SpikeRule};
///
/// let day = |d: i8| jiff::civil::date(2026, 11, d);
/// let mentions: Vec<_> = [10.0, 12.0, 9.0, 11.0, 10.0, 48.0, 50.0, 12.0]
///     .into_iter().enumerate().map(|(i, v)| (day(10 + i as i8), v)).collect();
/// let rule = SpikeRule { baseline: 4, ..SpikeRule::default() };
/// let spikes = detect_spikes(&mentions, &rule);
/// assert_eq!(spikes.len(), 1); // the 15th; the 16th is in the cooldown
/// assert_eq!(spikes[0].bucket, day(15));
/// assert_eq!(spikes[0].baseline_mean, 10.5);
/// ```
pub fn detect_spikes(series: &[(Date, f64)], rule: &SpikeRule) -> Vec<Spike> {
    let mut spikes = Vec::new();
    let mut quiet_until = 0;
    for i in rule.baseline.max(1)..series.len() {
        if i < quiet_until {
            continue;
        }
        let base: Vec<f64> = series[i - rule.baseline.max(1)..i]
            .iter()
            .map(|(_, v)| *v)
            .collect();
        let mean = base.iter().sum::<f64>() / base.len() as f64;
        let sd = (base.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / base.len() as f64).sqrt();
        let (bucket, value) = series[i];
        let z = (sd > 0.0).then(|| (value - mean) / sd);
        let ratio = (mean > 0.0).then(|| value / mean);
        let high_z = z.map_or(value > mean, |z| z >= rule.z);
        let high_ratio = ratio.map_or(value > 0.0, |r| r >= rule.ratio);
        if value >= rule.min_value && high_z && high_ratio {
            spikes.push(Spike {
                bucket,
                value,
                baseline_mean: mean,
                baseline_sd: sd,
                z,
                ratio,
            });
            quiet_until = i + 1 + rule.cooldown;
        }
    }
    spikes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday() {
        let t = |s: &str| s.parse().unwrap();
        let weekly = series(
            [
                (t("2026-11-22T12:00:00Z"), 1.0),
                (t("2026-11-23T12:00:00Z"), 2.0),
            ], // Sun, Mon
            Bucket::Week,
            &TimeZone::UTC,
        );
        let weeks: Vec<(String, f64)> = weekly.iter().map(|(d, v)| (d.to_string(), *v)).collect();
        assert_eq!(
            weeks,
            [
                ("2026-11-16".to_owned(), 1.0),
                ("2026-11-23".to_owned(), 2.0)
            ]
        );
    }

    #[test]
    fn a_flat_baseline_and_small_values() {
        let day = |d: i8| jiff::civil::date(2026, 11, d);
        let flat: Vec<_> = [3.0, 3.0, 3.0, 4.0]
            .into_iter()
            .enumerate()
            .map(|(i, v)| (day(1 + i as i8), v))
            .collect();
        // 4 over a flat 3: z undefined (a rise counts), ratio 1.33 < 2: no spike.
        assert!(
            detect_spikes(
                &flat,
                &SpikeRule {
                    baseline: 3,
                    ..SpikeRule::default()
                }
            )
            .is_empty()
        );
        let zero: Vec<_> = [0.0, 0.0, 0.0, 6.0]
            .into_iter()
            .enumerate()
            .map(|(i, v)| (day(1 + i as i8), v))
            .collect();
        assert_eq!(
            detect_spikes(
                &zero,
                &SpikeRule {
                    baseline: 3,
                    ..SpikeRule::default()
                }
            )
            .len(),
            1
        );
        assert!(detect_spikes(&[], &SpikeRule::default()).is_empty());
    }
}
