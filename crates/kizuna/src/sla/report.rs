//! One call from events to scores: threads, every thread against the policy, the problems
//! found on the way, and the summary. The Python package, the C library and the command
//! line all answer "how did we do?" through [`score_events`].

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{
    Calendar, Evaluation, Event, Problem, ReplyRules, SlaPolicy, SlaSummary, build_threads,
    evaluate, summarize,
};
use crate::Result;

/// What [`score_events`] found; it serialises as the JSON document the C library and the
/// command line hand out.
///
/// ```
/// use kizuna::sla::{score_events, ReplyRules, SlaPolicy};
///
/// let report = score_events(Vec::new(), &SlaPolicy::new(Vec::new()), None, ReplyRules::default(), jiff::Timestamp::UNIX_EPOCH)?;
/// assert!(report.evaluations.is_empty() && report.problems.is_empty());
/// assert_eq!(report.summary.threads, 0);
/// # Ok::<(), kizuna::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlaReport {
    /// Every thread against its targets, ordered by the thread's first event.
    pub evaluations: Vec<Evaluation>,
    /// Events left out of threads (and notes on events kept), in input order.
    pub problems: Vec<Problem>,
    /// The aggregates over all threads.
    pub summary: SlaSummary,
}

/// Builds threads from `events`, evaluates each against `policy` as things stand at `now`,
/// and summarises them.
///
/// # Errors
///
/// As [`evaluate`] and [`summarize`]: a business target without a calendar, or an instant
/// outside the calendar's years.
///
/// ```
/// use jiff::SignedDuration;
/// use kizuna::sla::*;
///
/// let t = |m: i8| jiff::civil::date(2026, 11, 24).at(10, m, 0, 0).in_tz("UTC").unwrap().timestamp();
/// let events = vec![
///     Event::customer("1", t(0), "taro"),
///     Event::brand_reply("2", t(20), "sora_air", "1"),
///     Event::customer("3", t(5), "jiro"),
///     Event::customer("3", t(6), "jiro"), // a duplicate id: reported, not counted
/// ];
/// let policy = SlaPolicy::new(vec![Rule::new("all").first_reply(Target::calendar(SignedDuration::from_mins(30)))]);
/// let report = score_events(events, &policy, None, ReplyRules::default(), t(50))?;
/// assert_eq!(report.evaluations.len(), 2);
/// assert_eq!(report.problems.len(), 1);
/// assert_eq!(report.summary.first_reply.attainment, Some(0.5));
/// # Ok::<(), kizuna::Error>(())
/// ```
pub fn score_events(
    events: Vec<Event>,
    policy: &SlaPolicy,
    calendar: Option<&Calendar>,
    rules: ReplyRules,
    now: Timestamp,
) -> Result<SlaReport> {
    let threads = build_threads(events);
    let evaluations = threads
        .threads
        .iter()
        .map(|thread| evaluate(thread, policy, calendar, rules, now))
        .collect::<Result<Vec<_>>>()?;
    let summary = summarize(threads.threads.iter().zip(&evaluations), calendar)?;
    Ok(SlaReport {
        evaluations,
        problems: threads.problems,
        summary,
    })
}
