//! Reply times of a thread, and how they stand against a policy's targets at a given "now".
//!
//! A customer waits from their first post until the brand's first reply (the *first reply*),
//! and after each brand reply from their next post until the brand answers again (each *next
//! reply*, timed from the oldest post not yet answered). *Resolution* runs from the first
//! customer post to the brand event that closes the thread, and a customer post after it
//! reopens the thread.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::{Calendar, Clock, SlaPolicy, Target, Thread};
use crate::{Error, Result};

/// What counts as the brand's reply: its posts in the thread, bots' replies only if asked.
///
/// ```
/// let rules = kizuna::sla::ReplyRules::default();
/// assert!(!rules.count_automated);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReplyRules {
    /// Whether an automated brand reply counts as a reply.
    #[serde(default)]
    pub count_automated: bool,
}

/// One wait of a customer: from `asked` until the brand `answered` (if it has).
///
/// ```
/// use kizuna::sla::{build_threads, measure, Event, ReplyRules};
///
/// let t = |m: i8| jiff::civil::date(2026, 11, 20).at(10, m, 0, 0).in_tz("UTC").unwrap().timestamp();
/// let thread = &build_threads(vec![
///     Event::customer("1", t(0), "taro"),
///     Event::brand_reply("2", t(7), "agent_a", "1"),
/// ]).threads[0];
/// let wait = measure(thread, ReplyRules::default()).first_reply.unwrap();
/// assert_eq!((wait.asked, wait.answered), (t(0), Some(t(7))));
/// assert_eq!(wait.by.as_deref(), Some("agent_a"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wait {
    /// The oldest customer post not yet answered.
    pub asked: Timestamp,
    /// The brand's reply, if any.
    pub answered: Option<Timestamp>,
    /// Who replied (the brand account or agent).
    pub by: Option<String>,
}

/// The reply times of one thread.
///
/// ```
/// use kizuna::sla::{build_threads, measure, Event, ReplyRules};
///
/// let t = |m: i8| jiff::civil::date(2026, 11, 20).at(10, m, 0, 0).in_tz("UTC").unwrap().timestamp();
/// let mut close = Event::brand_reply("4", t(30), "sora_air", "3");
/// close.resolves = true;
/// let thread = &build_threads(vec![
///     Event::customer("1", t(0), "taro"),
///     Event::brand_reply("2", t(5), "sora_air", "1"),
///     Event { in_reply_to: Some("2".into()), ..Event::customer("3", t(10), "taro") },
///     close,
/// ]).threads[0];
/// let times = measure(thread, ReplyRules::default());
/// assert_eq!(times.next_replies.len(), 1);
/// assert_eq!(times.next_replies[0].asked, t(10));
/// assert_eq!(times.resolved, Some(t(30)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadTimes {
    /// The first customer post, if there is one.
    pub opened: Option<Timestamp>,
    /// The wait for the first reply.
    pub first_reply: Option<Wait>,
    /// Every later wait, answered or not.
    pub next_replies: Vec<Wait>,
    /// When the thread was closed, if it still is.
    pub resolved: Option<Timestamp>,
}

/// The reply times of `thread`; see the [module docs](self).
///
/// ```
/// use kizuna::sla::{build_threads, measure, Event, ReplyRules};
///
/// let t = |m: i8| jiff::civil::date(2026, 11, 20).at(10, m, 0, 0).in_tz("UTC").unwrap().timestamp();
/// let mut bot = Event::brand_reply("2", t(1), "sora_bot", "1");
/// bot.automated = true;
/// let events = vec![Event::customer("1", t(0), "taro"), bot, Event::brand_reply("3", t(20), "sora_air", "1")];
/// let thread = &build_threads(events).threads[0];
/// // The bot's instant answer does not count: the first reply is the person's, at 20 minutes.
/// assert_eq!(measure(thread, ReplyRules::default()).first_reply.unwrap().answered, Some(t(20)));
/// ```
pub fn measure(thread: &Thread, rules: ReplyRules) -> ThreadTimes {
    let mut times = ThreadTimes {
        opened: None,
        first_reply: None,
        next_replies: Vec::new(),
        resolved: None,
    };
    let mut waiting: Option<Timestamp> = None;
    for event in &thread.events {
        if !event.is_brand {
            times.opened.get_or_insert(event.created_at);
            waiting.get_or_insert(event.created_at);
            times.resolved = None; // a customer post reopens the thread
            continue;
        }
        if event.resolves && times.opened.is_some() {
            times.resolved = Some(event.created_at);
        }
        if event.automated && !rules.count_automated {
            continue;
        }
        if let Some(asked) = waiting.take() {
            let wait = Wait {
                asked,
                answered: Some(event.created_at),
                by: Some(event.author_id.clone()),
            };
            match times.first_reply {
                None => times.first_reply = Some(wait),
                Some(_) => times.next_replies.push(wait),
            }
        }
    }
    if let Some(asked) = waiting {
        let wait = Wait {
            asked,
            answered: None,
            by: None,
        };
        match times.first_reply {
            None => times.first_reply = Some(wait),
            Some(_) => times.next_replies.push(wait),
        }
    }
    times
}

/// How one wait stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Status {
    /// Answered within the target.
    Achieved,
    /// Answered late, or still unanswered past the deadline.
    Breached,
    /// Unanswered, with this much of the target left (in the target's clock).
    Pending {
        /// Time left until the deadline.
        remaining: SignedDuration,
    },
    /// Unanswered, with less than the policy's at-risk share of the target left.
    AtRisk {
        /// Time left until the deadline.
        remaining: SignedDuration,
    },
}

/// One wait against one target.
///
/// ```
/// use kizuna::sla::{Outcome, Status};
///
/// let t = "2026-11-20T10:00:00Z".parse().unwrap();
/// let outcome = Outcome { started: t, deadline: t, finished: Some(t), took: Some(jiff::SignedDuration::ZERO), status: Status::Achieved };
/// assert!(outcome.status == Status::Achieved);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// When the clock started.
    pub started: Timestamp,
    /// When the target runs out.
    pub deadline: Timestamp,
    /// When the wait ended (the reply, or the resolution), if it has.
    pub finished: Option<Timestamp>,
    /// How long it took, in the target's clock, if it has ended.
    pub took: Option<SignedDuration>,
    /// Where it stands.
    pub status: Status,
}

/// A thread's reply times against the rule its policy chose for it; see [`evaluate`].
///
/// ```
/// use kizuna::sla::*;
///
/// let t = "2026-11-24T01:00:00Z".parse().unwrap();
/// let thread = &build_threads(vec![Event::customer("1", t, "taro")]).threads[0];
/// let eval = evaluate(thread, &SlaPolicy::new(Vec::new()), None, ReplyRules::default(), t)?;
/// assert_eq!(eval.rule, None); // no rule matched: nothing to judge
/// assert!(eval.first_reply.is_none());
/// # Ok::<(), kizuna::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// The thread's key.
    pub key: String,
    /// The rule that applied, if any did.
    pub rule: Option<String>,
    /// The reply times.
    pub times: ThreadTimes,
    /// The first reply against its target.
    pub first_reply: Option<Outcome>,
    /// Each next reply against its target.
    pub next_replies: Vec<Outcome>,
    /// Resolution against its target.
    pub resolution: Option<Outcome>,
}

/// Measures `thread` and sets each wait against the targets of the first matching rule of
/// `policy`, as things stand at `now`.
///
/// # Errors
///
/// [`Error::InvalidOption`] when a business-time target has no calendar; the calendar's
/// errors when an instant lies outside its years.
///
/// ```
/// use jiff::civil::{date, Weekday};
/// use jiff::SignedDuration;
/// use kizuna::sla::*;
///
/// let cal = Calendar::builder("Asia/Tokyo")
///     .hours(Weekday::Monday..=Weekday::Friday, "09:00-18:00")?
///     .build()?;
/// let at = |d, h, m| date(2026, 11, d).at(h, m, 0, 0).in_tz("Asia/Tokyo").unwrap().timestamp();
/// let policy = SlaPolicy::new(vec![Rule::new("support").first_reply(Target::business(SignedDuration::from_hours(1)))]);
/// // Asked on Friday at 17:30, answered on Monday at 9:20: 50 business minutes, achieved.
/// let threads = build_threads(vec![
///     Event::customer("1", at(20, 17, 30), "taro"),
///     Event::brand_reply("2", at(23, 9, 20), "sora_air", "1"),
/// ]);
/// let eval = evaluate(&threads.threads[0], &policy, Some(&cal), ReplyRules::default(), at(24, 12, 0))?;
/// let first = eval.first_reply.unwrap();
/// assert_eq!(first.took, Some(SignedDuration::from_mins(50)));
/// assert_eq!(first.status, Status::Achieved);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate(
    thread: &Thread,
    policy: &SlaPolicy,
    calendar: Option<&Calendar>,
    rules: ReplyRules,
    now: Timestamp,
) -> Result<Evaluation> {
    let times = measure(thread, rules);
    let rule = policy.rule_for(thread);
    let judge = |target: Option<&Target>, started: Timestamp, finished: Option<Timestamp>| {
        target
            .map(|t| outcome(*t, started, finished, calendar, policy.at_risk, now))
            .transpose()
    };
    let first_reply = match (&times.first_reply, rule) {
        (Some(wait), Some(rule)) => judge(rule.first_reply.as_ref(), wait.asked, wait.answered)?,
        _ => None,
    };
    let next_replies = match rule {
        Some(rule) => times
            .next_replies
            .iter()
            .filter_map(|w| judge(rule.next_reply.as_ref(), w.asked, w.answered).transpose())
            .collect::<Result<_>>()?,
        None => Vec::new(),
    };
    let resolution = match (times.opened, rule) {
        (Some(opened), Some(rule)) => judge(rule.resolution.as_ref(), opened, times.resolved)?,
        _ => None,
    };
    Ok(Evaluation {
        key: thread.key.clone(),
        rule: rule.map(|r| r.name.clone()),
        times,
        first_reply,
        next_replies,
        resolution,
    })
}

/// One wait from `started` (ended at `finished`, if so) against `target`.
fn outcome(
    target: Target,
    started: Timestamp,
    finished: Option<Timestamp>,
    calendar: Option<&Calendar>,
    at_risk: f64,
    now: Timestamp,
) -> Result<Outcome> {
    let business = match (target.clock, calendar) {
        (Clock::Calendar, _) => None,
        (Clock::Business, Some(calendar)) => Some(calendar),
        (Clock::Business, None) => {
            return Err(Error::InvalidOption {
                option: "clock".into(),
                reason: "a business-time target needs a calendar".into(),
            });
        }
    };
    let elapsed = |from: Timestamp, to: Timestamp| -> Result<SignedDuration> {
        match business {
            Some(calendar) => calendar.business_duration(from, to),
            None => Ok(to.duration_since(from)),
        }
    };
    let deadline = match business {
        Some(calendar) => calendar.add_business(started, target.within)?,
        None => started
            .checked_add(target.within)
            .map_err(|e| Error::OutOfRange {
                what: "deadline".into(),
                value: format!("{started} + {:#}", target.within),
                range: e.to_string(),
            })?,
    };
    let (took, status) = match finished {
        Some(end) => {
            let status = if end <= deadline {
                Status::Achieved
            } else {
                Status::Breached
            };
            (Some(elapsed(started, end.max(started))?), status)
        }
        None if now >= deadline => (None, Status::Breached),
        None => {
            let remaining = elapsed(now.max(started), deadline)?;
            let threshold = target.within.as_secs_f64() * at_risk;
            if remaining.as_secs_f64() < threshold {
                (None, Status::AtRisk { remaining })
            } else {
                (None, Status::Pending { remaining })
            }
        }
    };
    Ok(Outcome {
        started,
        deadline,
        finished,
        took,
        status,
    })
}
