//! SLA figures over many threads, overall or by brand, channel, tag, agent or day.
//!
//! - *Response rate*: threads answered ÷ threads needing a reply (those with a customer post).
//! - *Attainment* of a target: achieved ÷ decided (achieved + breached); pending waits are not
//!   decided yet and count in neither.
//! - *Reply times*: mean, median, p90 and p99 of the first reply, in calendar time and, given a
//!   calendar, in business time; percentiles by the nearest-rank method (the smallest time at
//!   or above which at least that share of replies lie).
//! - *SLA score*, 0–100: the weighted mean of the attainments, first reply 0.5, next reply 0.3,
//!   resolution 0.2, the weights shared among the targets that have decided waits. `None`
//!   when nothing is decided yet.
//!
//! Every ratio is `None` on a zero denominator, never NaN.

use std::collections::BTreeMap;

use jiff::SignedDuration;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::{Calendar, Evaluation, Outcome, Status, Thread};
use crate::Result;

/// Weights of the SLA score: first reply, next reply, resolution.
const SCORE_WEIGHTS: [f64; 3] = [0.5, 0.3, 0.2];

/// How to split threads into groups.
///
/// ```
/// use kizuna::sla::GroupBy;
///
/// let by_urgency = GroupBy::Tag("urgency".into());
/// assert_ne!(by_urgency, GroupBy::Channel);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    /// The brand: the thread's `brand` tag, or else the account of its first brand post (`-`
    /// for neither), as in exports that hold many brands' threads.
    Brand,
    /// The thread's channel (`-` for none).
    Channel,
    /// A tag's value (`-` for none).
    Tag(String),
    /// Who gave the first reply (`-` for unanswered threads).
    Agent,
    /// The day of the first customer post, in the calendar's time zone (UTC without one).
    Day,
}

/// SLA figures of a set of threads; see the [module docs](self).
///
/// ```
/// use kizuna::sla::*;
/// use jiff::SignedDuration;
///
/// let t = |m: i8| jiff::civil::date(2026, 11, 24).at(10, m, 0, 0).in_tz("UTC").unwrap().timestamp();
/// let threads = build_threads(vec![
///     Event::customer("1", t(0), "taro"),
///     Event::brand_reply("2", t(10), "agent_a", "1"),
///     Event::customer("3", t(5), "jiro"),
/// ]).threads;
/// let policy = SlaPolicy::new(vec![Rule::new("all").first_reply(Target::calendar(SignedDuration::from_mins(30)))]);
/// let evals: Vec<Evaluation> = threads.iter()
///     .map(|th| evaluate(th, &policy, None, ReplyRules::default(), t(50)))
///     .collect::<Result<_, _>>()?;
/// let summary = summarize(threads.iter().zip(&evals), None)?;
/// assert_eq!(summary.response_rate, Some(0.5));
/// assert_eq!(summary.first_reply.attainment, Some(0.5)); // one on time, one breached
/// assert_eq!(summary.score, Some(50.0));
/// # Ok::<(), kizuna::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlaSummary {
    /// Threads counted.
    pub threads: usize,
    /// Threads with a customer post.
    pub needing_reply: usize,
    /// Threads with a customer post that the brand answered.
    pub answered: usize,
    /// `answered ÷ needing_reply`.
    pub response_rate: Option<f64>,
    /// First replies against their targets.
    pub first_reply: TargetSummary,
    /// Next replies against their targets.
    pub next_reply: TargetSummary,
    /// Resolutions against their targets.
    pub resolution: TargetSummary,
    /// First-reply times in calendar time.
    pub first_reply_time: Option<TimeStats>,
    /// First-reply times in business time (with a calendar).
    pub first_reply_business_time: Option<TimeStats>,
    /// The SLA score, 0–100.
    pub score: Option<f64>,
}

/// Outcomes of one kind of target.
///
/// ```
/// let none = kizuna::sla::TargetSummary::default();
/// assert_eq!(none.attainment, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct TargetSummary {
    /// Met.
    pub achieved: usize,
    /// Missed.
    pub breached: usize,
    /// Open with time to spare.
    pub pending: usize,
    /// Open with little time left.
    pub at_risk: usize,
    /// `achieved ÷ (achieved + breached)`.
    pub attainment: Option<f64>,
}

/// Summary statistics of a set of durations.
///
/// ```
/// use jiff::SignedDuration;
/// use kizuna::sla::TimeStats;
///
/// let stats = TimeStats::of(&mut [5, 1, 3].map(SignedDuration::from_mins)).unwrap();
/// assert_eq!(stats.median, SignedDuration::from_mins(3));
/// assert_eq!(stats.mean, SignedDuration::from_mins(3));
/// assert!(TimeStats::of(&mut []).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeStats {
    /// How many durations.
    pub count: usize,
    /// Their mean (to the second).
    pub mean: SignedDuration,
    /// Their median (nearest rank).
    pub median: SignedDuration,
    /// The 90th percentile (nearest rank).
    pub p90: SignedDuration,
    /// The 99th percentile (nearest rank).
    pub p99: SignedDuration,
}

impl TimeStats {
    /// The statistics of `times` (sorted in place), `None` when there are none.
    pub fn of(times: &mut [SignedDuration]) -> Option<TimeStats> {
        if times.is_empty() {
            return None;
        }
        times.sort_unstable();
        let rank = |share: f64| {
            // The smallest value with at least `share` of the values at or below it.
            let index = ((share * times.len() as f64).ceil() as usize).clamp(1, times.len()) - 1;
            times[index]
        };
        let total: i128 = times.iter().map(|t| i128::from(t.as_secs())).sum();
        let mean = i64::try_from(total / times.len() as i128).unwrap_or(i64::MAX);
        Some(TimeStats {
            count: times.len(),
            mean: SignedDuration::from_secs(mean),
            median: rank(0.5),
            p90: rank(0.9),
            p99: rank(0.99),
        })
    }
}

/// The SLA figures of `threads` with their evaluations (see [`SlaSummary`] for a worked
/// example).
///
/// # Errors
///
/// The calendar's errors, when a reply lies outside its years.
///
/// ```
/// let none = kizuna::sla::summarize(std::iter::empty(), None)?;
/// assert_eq!((none.threads, none.response_rate, none.score), (0, None, None));
/// # Ok::<(), kizuna::Error>(())
/// ```
pub fn summarize<'a>(
    threads: impl IntoIterator<Item = (&'a Thread, &'a Evaluation)>,
    calendar: Option<&Calendar>,
) -> Result<SlaSummary> {
    let mut acc = Accumulator::default();
    for (_, evaluation) in threads {
        acc.add(evaluation, calendar)?;
    }
    Ok(acc.finish())
}

/// The SLA figures of each group of `threads`, by `by`.
///
/// # Errors
///
/// The calendar's errors, when a reply lies outside its years.
///
/// ```
/// use kizuna::sla::*;
/// use jiff::SignedDuration;
///
/// let t = |m: i8| jiff::civil::date(2026, 11, 24).at(10, m, 0, 0).in_tz("UTC").unwrap().timestamp();
/// let urgent = Event::customer("1", t(0), "taro").tag("urgency", "high");
/// let threads = build_threads(vec![urgent, Event::customer("2", t(1), "jiro")]).threads;
/// let policy = SlaPolicy::new(vec![Rule::new("all")]);
/// let evals: Vec<Evaluation> = threads.iter()
///     .map(|th| evaluate(th, &policy, None, ReplyRules::default(), t(5)))
///     .collect::<Result<_, _>>()?;
/// let groups = summarize_by(threads.iter().zip(&evals), &GroupBy::Tag("urgency".into()), None)?;
/// assert_eq!(groups.keys().collect::<Vec<_>>(), ["-", "high"]);
/// # Ok::<(), kizuna::Error>(())
/// ```
pub fn summarize_by<'a>(
    threads: impl IntoIterator<Item = (&'a Thread, &'a Evaluation)>,
    by: &GroupBy,
    calendar: Option<&Calendar>,
) -> Result<BTreeMap<String, SlaSummary>> {
    let tz = calendar.map_or(TimeZone::UTC, |c| c.time_zone().clone());
    let mut groups: BTreeMap<String, Accumulator> = BTreeMap::new();
    for (thread, evaluation) in threads {
        let key = match by {
            GroupBy::Brand => thread.tags.get("brand").cloned().or_else(|| {
                thread
                    .events
                    .iter()
                    .find(|e| e.is_brand)
                    .map(|e| e.author_id.clone())
            }),
            GroupBy::Channel => thread.channel.clone(),
            GroupBy::Tag(tag) => thread.tags.get(tag).cloned(),
            GroupBy::Agent => evaluation
                .times
                .first_reply
                .as_ref()
                .and_then(|w| w.by.clone()),
            GroupBy::Day => evaluation
                .times
                .opened
                .map(|t| t.to_zoned(tz.clone()).date().to_string()),
        };
        groups
            .entry(key.unwrap_or_else(|| "-".to_owned()))
            .or_default()
            .add(evaluation, calendar)?;
    }
    Ok(groups
        .into_iter()
        .map(|(k, acc)| (k, acc.finish()))
        .collect())
}

#[derive(Default)]
struct Accumulator {
    threads: usize,
    needing_reply: usize,
    answered: usize,
    targets: [TargetSummary; 3],
    calendar_times: Vec<SignedDuration>,
    business_times: Vec<SignedDuration>,
}

impl Accumulator {
    fn add(&mut self, eval: &Evaluation, calendar: Option<&Calendar>) -> Result<()> {
        self.threads += 1;
        if let Some(wait) = &eval.times.first_reply {
            self.needing_reply += 1;
            if let Some(answered) = wait.answered {
                self.answered += 1;
                self.calendar_times
                    .push(answered.duration_since(wait.asked));
                if let Some(calendar) = calendar {
                    self.business_times
                        .push(calendar.business_duration(wait.asked, answered)?);
                }
            }
        }
        let outcomes = [
            eval.first_reply.iter().collect::<Vec<_>>(),
            eval.next_replies.iter().collect(),
            eval.resolution.iter().collect(),
        ];
        for (summary, list) in self.targets.iter_mut().zip(outcomes) {
            for outcome in list {
                count(summary, outcome);
            }
        }
        Ok(())
    }

    fn finish(mut self) -> SlaSummary {
        for t in &mut self.targets {
            t.attainment = ratio(t.achieved, t.achieved + t.breached);
        }
        let decided: Vec<(f64, f64)> = self
            .targets
            .iter()
            .zip(SCORE_WEIGHTS)
            .filter_map(|(t, w)| t.attainment.map(|a| (a, w)))
            .collect();
        let weight: f64 = decided.iter().map(|(_, w)| w).sum();
        let score = (weight > 0.0)
            .then(|| 100.0 * decided.iter().map(|(a, w)| a * w).sum::<f64>() / weight);
        let [first_reply, next_reply, resolution] = self.targets;
        SlaSummary {
            threads: self.threads,
            needing_reply: self.needing_reply,
            answered: self.answered,
            response_rate: ratio(self.answered, self.needing_reply),
            first_reply,
            next_reply,
            resolution,
            first_reply_time: TimeStats::of(&mut self.calendar_times),
            first_reply_business_time: TimeStats::of(&mut self.business_times),
            score,
        }
    }
}

fn count(summary: &mut TargetSummary, outcome: &Outcome) {
    match outcome.status {
        Status::Achieved => summary.achieved += 1,
        Status::Breached => summary.breached += 1,
        Status::Pending { .. } => summary.pending += 1,
        Status::AtRisk { .. } => summary.at_risk += 1,
    }
}

/// `part ÷ whole`, `None` on a zero denominator.
fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let mut times: Vec<SignedDuration> = (1..=100).map(SignedDuration::from_mins).collect();
        let stats = TimeStats::of(&mut times).unwrap();
        assert_eq!(stats.median, SignedDuration::from_mins(50));
        assert_eq!(stats.p90, SignedDuration::from_mins(90));
        assert_eq!(stats.p99, SignedDuration::from_mins(99));
        assert_eq!(stats.mean, SignedDuration::from_secs(3030));
        let one = TimeStats::of(&mut [SignedDuration::from_mins(7)]).unwrap();
        assert_eq!(
            (one.median, one.p99),
            (SignedDuration::from_mins(7), SignedDuration::from_mins(7))
        );
    }

    #[test]
    fn empty_groups_give_none_not_nan() {
        let summary = Accumulator::default().finish();
        assert_eq!(summary.response_rate, None);
        assert_eq!(summary.score, None);
        assert_eq!(summary.first_reply_time, None);
    }
}
