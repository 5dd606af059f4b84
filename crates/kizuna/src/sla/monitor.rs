//! A streaming SLA monitor: feed events as they arrive, in any order, and ask at any instant
//! what breaches next.
//!
//! The monitor keeps the open threads only: [`SlaMonitor::settle`] lets go of threads with
//! nothing left to wait for, so memory follows the open work, not the history. An event that
//! arrives before the post it answers starts a thread named after that post, and the two are
//! joined when the post arrives.

use std::collections::HashMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{
    Calendar, Event, Outcome, Problem, ProblemKind, ReplyRules, SlaPolicy, Status, Thread,
    evaluate, measure,
};
use crate::Result;

/// Which target a wait runs against.
///
/// ```
/// use kizuna::sla::TargetKind;
///
/// assert_ne!(TargetKind::FirstReply, TargetKind::Resolution);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// The first reply to a customer.
    FirstReply,
    /// A later reply.
    NextReply,
    /// Closing the thread.
    Resolution,
}

/// One open wait and its deadline, as [`SlaMonitor::due`] lists them.
///
/// ```
/// use kizuna::sla::{Due, Status, TargetKind};
///
/// let t = "2026-11-24T01:00:00Z".parse().unwrap();
/// let due = Due { thread: "1".into(), rule: "all".into(), target: TargetKind::FirstReply, started: t, deadline: t, status: Status::Breached };
/// assert_eq!(due.target, TargetKind::FirstReply);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    /// The thread's key.
    pub thread: String,
    /// The rule that set the target.
    pub rule: String,
    /// Which target.
    pub target: TargetKind,
    /// When the clock started.
    pub started: Timestamp,
    /// When the target runs out.
    pub deadline: Timestamp,
    /// Pending, at risk, or already breached.
    pub status: Status,
}

/// The streaming monitor; see the [module docs](self).
///
/// ```
/// use jiff::SignedDuration;
/// use kizuna::sla::*;
///
/// let t = |m: i8| jiff::civil::date(2026, 11, 24).at(10, m, 0, 0).in_tz("UTC").unwrap().timestamp();
/// let policy = SlaPolicy::new(vec![Rule::new("all").first_reply(Target::calendar(SignedDuration::from_mins(30)))]);
/// let mut monitor = SlaMonitor::new(policy, None, ReplyRules::default());
/// monitor.push(Event::customer("1", t(0), "taro"))?;
/// monitor.push(Event::customer("2", t(10), "jiro"))?;
/// monitor.push(Event::brand_reply("3", t(12), "sora_air", "1"))?;
/// let next = monitor.due(t(20))?;
/// assert_eq!(next.len(), 1);
/// assert_eq!((next[0].thread.as_str(), next[0].deadline), ("2", t(40)));
/// monitor.settle()?; // thread 1 is answered and let go
/// assert_eq!(monitor.open_threads(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct SlaMonitor {
    policy: SlaPolicy,
    calendar: Option<Calendar>,
    rules: ReplyRules,
    threads: HashMap<String, Thread>,
    /// The thread of every event id in an open thread.
    thread_of: HashMap<String, String>,
}

impl SlaMonitor {
    /// A monitor judging by `policy` (business targets need the `calendar`).
    ///
    /// ```
    /// use kizuna::sla::{ReplyRules, SlaMonitor, SlaPolicy};
    ///
    /// let monitor = SlaMonitor::new(SlaPolicy::new(Vec::new()), None, ReplyRules::default());
    /// assert_eq!(monitor.open_threads(), 0);
    /// ```
    pub fn new(policy: SlaPolicy, calendar: Option<Calendar>, rules: ReplyRules) -> Self {
        SlaMonitor {
            policy,
            calendar,
            rules,
            threads: HashMap::new(),
            thread_of: HashMap::new(),
        }
    }

    /// How many threads the monitor holds.
    ///
    /// ```
    /// use kizuna::sla::{Event, ReplyRules, SlaMonitor, SlaPolicy};
    ///
    /// let mut monitor = SlaMonitor::new(SlaPolicy::new(Vec::new()), None, ReplyRules::default());
    /// monitor.push(Event::customer("1", "2026-11-24T01:00:00Z".parse().unwrap(), "taro")).unwrap();
    /// assert_eq!(monitor.open_threads(), 1);
    /// ```
    pub fn open_threads(&self) -> usize {
        self.threads.len()
    }

    /// Takes one event.
    ///
    /// # Errors
    ///
    /// A [`Problem`] for an id already held in an open thread (the event is not taken), or a
    /// reply older than the post it answers (likewise).
    ///
    /// ```
    /// use kizuna::sla::{Event, ProblemKind, ReplyRules, SlaMonitor, SlaPolicy};
    ///
    /// let t = "2026-11-24T01:00:00Z".parse().unwrap();
    /// let mut monitor = SlaMonitor::new(SlaPolicy::new(Vec::new()), None, ReplyRules::default());
    /// monitor.push(Event::customer("1", t, "taro")).unwrap();
    /// let again = monitor.push(Event::customer("1", t, "taro")).unwrap_err();
    /// assert_eq!(again.kind, ProblemKind::DuplicateId);
    /// ```
    pub fn push(&mut self, event: Event) -> std::result::Result<(), Problem> {
        let problem = |kind, detail: String| Problem {
            id: event.id.clone(),
            kind,
            detail,
        };
        if self.thread_of.contains_key(&event.id) {
            return Err(problem(ProblemKind::DuplicateId, "already held".into()));
        }
        let parent_key = event
            .in_reply_to
            .as_ref()
            .map(|p| self.thread_of.get(p).cloned().unwrap_or_else(|| p.clone()));
        if let Some(parent) = event.in_reply_to.as_ref().and_then(|p| self.find(p)) {
            if event.created_at < parent.created_at {
                let detail = format!("posted at {} but answers {}", event.created_at, parent.id);
                return Err(problem(ProblemKind::ReplyBeforeParent, detail));
            }
        }
        let key = event
            .conversation_id
            .clone()
            .or(parent_key)
            .unwrap_or_else(|| event.id.clone());
        // Replies that arrived before this event wait in a thread named after it: join them.
        if key != event.id {
            if let Some(early) = self.threads.remove(&event.id) {
                for e in &early.events {
                    self.thread_of.insert(e.id.clone(), key.clone());
                }
                for e in early.events {
                    self.insert(&key, e);
                }
            }
        }
        self.thread_of.insert(event.id.clone(), key.clone());
        self.insert(&key, event);
        Ok(())
    }

    /// The open waits as they stand at `now`, the earliest deadline first.
    ///
    /// # Errors
    ///
    /// As [`evaluate`]: a business target without a calendar, or an instant outside its years.
    ///
    /// ```
    /// use jiff::SignedDuration;
    /// use kizuna::sla::*;
    ///
    /// let t = |m: i8| jiff::civil::date(2026, 11, 24).at(10, m, 0, 0).in_tz("UTC").unwrap().timestamp();
    /// let policy = SlaPolicy::new(vec![Rule::new("all").first_reply(Target::calendar(SignedDuration::from_mins(10)))]);
    /// let mut monitor = SlaMonitor::new(policy, None, ReplyRules::default());
    /// monitor.push(Event::customer("1", t(0), "taro"))?;
    /// assert_eq!(monitor.due(t(5))?[0].status, Status::Pending { remaining: SignedDuration::from_mins(5) });
    /// assert_eq!(monitor.due(t(11))?[0].status, Status::Breached);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn due(&self, now: Timestamp) -> Result<Vec<Due>> {
        let mut due = Vec::new();
        for thread in self.threads.values() {
            let eval = evaluate(
                thread,
                &self.policy,
                self.calendar.as_ref(),
                self.rules,
                now,
            )?;
            let rule = eval.rule.clone().unwrap_or_default();
            let kinds = eval
                .first_reply
                .iter()
                .map(|o| (TargetKind::FirstReply, o))
                .chain(eval.next_replies.iter().map(|o| (TargetKind::NextReply, o)))
                .chain(eval.resolution.iter().map(|o| (TargetKind::Resolution, o)));
            for (target, outcome) in kinds.filter(|(_, o)| o.finished.is_none()) {
                due.push(open(thread, &rule, target, outcome));
            }
        }
        due.sort_by(|a, b| {
            (a.deadline, &a.thread, a.target as u8).cmp(&(b.deadline, &b.thread, b.target as u8))
        });
        Ok(due)
    }

    /// Lets go of the threads with nothing left to wait for: every customer post answered,
    /// and resolved if the rule sets a resolution target. Returns how many were let go.
    ///
    /// # Errors
    ///
    /// None yet; kept fallible so that a policy check can join without a breaking change.
    ///
    /// ```
    /// use kizuna::sla::*;
    ///
    /// let t = |m: i8| jiff::civil::date(2026, 11, 24).at(10, m, 0, 0).in_tz("UTC").unwrap().timestamp();
    /// let mut monitor = SlaMonitor::new(SlaPolicy::new(vec![Rule::new("all")]), None, ReplyRules::default());
    /// monitor.push(Event::customer("1", t(0), "taro"))?;
    /// assert_eq!(monitor.settle()?, 0); // still waiting for a reply
    /// monitor.push(Event::brand_reply("2", t(3), "sora_air", "1"))?;
    /// assert_eq!(monitor.settle()?, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn settle(&mut self) -> Result<usize> {
        let settled: Vec<String> = self
            .threads
            .iter()
            .filter(|(_, thread)| {
                let times = measure(thread, self.rules);
                let waiting = times
                    .first_reply
                    .as_ref()
                    .is_some_and(|w| w.answered.is_none())
                    || times.next_replies.iter().any(|w| w.answered.is_none());
                let needs_resolution = self
                    .policy
                    .rule_for(thread)
                    .is_some_and(|r| r.resolution.is_some());
                !waiting && (!needs_resolution || times.resolved.is_some())
            })
            .map(|(key, _)| key.clone())
            .collect();
        for key in &settled {
            if let Some(thread) = self.threads.remove(key) {
                for event in thread.events {
                    self.thread_of.remove(&event.id);
                }
            }
        }
        Ok(settled.len())
    }

    /// The held event with id `id`.
    fn find(&self, id: &str) -> Option<&Event> {
        let thread = self.threads.get(self.thread_of.get(id)?)?;
        thread.events.iter().find(|e| e.id == id)
    }

    /// Puts `event` into the thread `key`, in time order.
    fn insert(&mut self, key: &str, event: Event) {
        let thread = self
            .threads
            .entry(key.to_owned())
            .or_insert_with(|| Thread {
                key: key.to_owned(),
                channel: None,
                tags: Default::default(),
                events: Vec::new(),
            });
        let at = thread
            .events
            .partition_point(|e| (e.created_at, &e.id) <= (event.created_at, &event.id));
        thread.events.insert(at, event);
        thread.derive_labels();
    }
}

fn open(thread: &Thread, rule: &str, target: TargetKind, outcome: &Outcome) -> Due {
    Due {
        thread: thread.key.clone(),
        rule: rule.to_owned(),
        target,
        started: outcome.started,
        deadline: outcome.deadline,
        status: outcome.status,
    }
}
