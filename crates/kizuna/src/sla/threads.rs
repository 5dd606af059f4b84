//! Threads rebuilt from events: each event joins the conversation its reply chain (or its
//! `conversation_id`) leads to. Nothing is dropped silently: an event left out of every thread
//! is listed in [`Threads::problems`] with the reason, and so is anything odd about one kept.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::Event;

/// The threads of a set of events, and what could not be placed.
///
/// ```
/// use kizuna::sla::{build_threads, Event, ProblemKind};
///
/// let t = |m: i8| jiff::civil::date(2026, 11, 20).at(10, m, 0, 0).in_tz("UTC").unwrap().timestamp();
/// let events = vec![
///     Event::customer("1", t(0), "taro"),
///     Event::brand_reply("2", t(5), "sora_air", "1"),
///     Event::customer("2", t(6), "jiro"), // the same id again
/// ];
/// let threads = build_threads(events);
/// assert_eq!(threads.threads.len(), 1);
/// assert_eq!(threads.threads[0].events.len(), 2);
/// assert_eq!(threads.problems[0].kind, ProblemKind::DuplicateId);
/// assert_eq!(threads.skipped(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Threads {
    /// The threads, ordered by their first event.
    pub threads: Vec<Thread>,
    /// Events left out, and notes on events kept, in input order.
    pub problems: Vec<Problem>,
}

impl Threads {
    /// How many input events are in no thread.
    ///
    /// ```
    /// let none = kizuna::sla::build_threads(Vec::new());
    /// assert_eq!(none.skipped(), 0);
    /// ```
    pub fn skipped(&self) -> usize {
        self.problems.iter().filter(|p| p.kind.skips()).count()
    }
}

/// One conversation: its events in time order.
///
/// ```
/// use kizuna::sla::{build_threads, Event};
///
/// let t = |m: i8| jiff::civil::date(2026, 11, 20).at(10, m, 0, 0).in_tz("UTC").unwrap().timestamp();
/// let mut first = Event::customer("1", t(0), "taro").tag("urgency", "normal");
/// first.channel = Some("twitter".into());
/// let later = Event { in_reply_to: Some("1".into()), ..Event::customer("3", t(9), "taro").tag("urgency", "high") };
/// let thread = &build_threads(vec![later, first]).threads[0];
/// assert_eq!(thread.key, "1");
/// assert_eq!(thread.channel.as_deref(), Some("twitter"));
/// assert_eq!(thread.tags["urgency"], "high"); // later posts override
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Thread {
    /// The conversation id, or the id of the first post of the reply chain (or of the post
    /// outside the export that the chain answers).
    pub key: String,
    /// The channel of its first event that names one.
    pub channel: Option<String>,
    /// The tags of its events, later events overriding earlier ones.
    pub tags: BTreeMap<String, String>,
    /// Its events by time (then id).
    pub events: Vec<Event>,
}

impl Thread {
    /// Sets the thread's channel and tags from its events (in time order).
    pub(crate) fn derive_labels(&mut self) {
        self.channel = self.events.iter().find_map(|e| e.channel.clone());
        self.tags = self
            .events
            .iter()
            .flat_map(|e| e.tags.iter().map(|(k, v)| (k.clone(), v.clone())))
            .collect();
    }
}

/// Something about one input event.
///
/// ```
/// use kizuna::sla::ProblemKind;
///
/// assert!(ProblemKind::Cycle.skips());
/// assert!(!ProblemKind::UnknownParent.skips());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The event's id.
    pub id: String,
    /// What is wrong.
    pub kind: ProblemKind,
    /// Details for a person reading the report.
    pub detail: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.kind {
            ProblemKind::DuplicateId => "duplicate id",
            ProblemKind::ReplyBeforeParent => "reply older than its parent",
            ProblemKind::Cycle => "reply chain loops",
            ProblemKind::UnknownParent => "answers a post not in the input",
        };
        write!(f, "event {}: {what} ({})", self.id, self.detail)
    }
}

impl std::error::Error for Problem {}

/// What is wrong with an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProblemKind {
    /// Its id was already seen; it is left out (the first one counts).
    DuplicateId,
    /// It answers a post made after it; it is left out.
    ReplyBeforeParent,
    /// Its reply chain loops; it is left out.
    Cycle,
    /// It answers a post that is not in the input; it is kept, in a thread named after that
    /// post.
    UnknownParent,
}

impl ProblemKind {
    /// Whether the event is left out of every thread.
    ///
    /// ```
    /// assert!(kizuna::sla::ProblemKind::DuplicateId.skips());
    /// ```
    pub fn skips(self) -> bool {
        !matches!(self, ProblemKind::UnknownParent)
    }
}

/// Rebuilds the threads of `events` (in any order); see [`Threads`].
///
/// Reply chains are followed with memoised roots, so a million events take linear time.
///
/// ```
/// use kizuna::sla::{build_threads, Event, ProblemKind};
///
/// let t = |m: i8| jiff::civil::date(2026, 11, 20).at(10, m, 0, 0).in_tz("UTC").unwrap().timestamp();
/// let early = Event::brand_reply("2", t(0), "sora_air", "1"); // before the post it answers
/// let threads = build_threads(vec![Event::customer("1", t(5), "taro"), early]);
/// assert_eq!(threads.problems[0].kind, ProblemKind::ReplyBeforeParent);
/// assert_eq!(threads.threads[0].events.len(), 1);
/// ```
pub fn build_threads(events: Vec<Event>) -> Threads {
    let mut problems = Vec::new();
    let (keys, thread_of, sizes) = group(&events, &mut problems);
    let mut threads: Vec<Thread> = keys
        .into_iter()
        .zip(sizes)
        .map(|(key, size)| Thread {
            key,
            channel: None,
            tags: BTreeMap::new(),
            events: Vec::with_capacity(size),
        })
        .collect();
    for (event, thread) in events.into_iter().zip(thread_of) {
        if let Some(thread) = threads.get_mut(thread) {
            thread.events.push(event);
        }
    }
    for thread in &mut threads {
        // Ids are unique here, so the order is total and an unstable sort is deterministic.
        thread.events.sort_unstable_by(|a, b| {
            a.created_at
                .cmp(&b.created_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        thread.derive_labels();
    }
    threads.sort_unstable_by(|a, b| {
        let first = |t: &Thread| t.events.first().map(|e| e.created_at);
        first(a).cmp(&first(b)).then_with(|| a.key.cmp(&b.key))
    });
    Threads { threads, problems }
}

/// The thread keys in order of first sight, the thread of every event (`usize::MAX` for one
/// left out, which is added to `problems`), and the size of every thread. Ids are hashed once
/// each and borrowed, not copied: only a thread's key is.
fn group(events: &[Event], problems: &mut Vec<Problem>) -> (Vec<String>, Vec<usize>, Vec<usize>) {
    const NONE: usize = usize::MAX;
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(events.len());
    let mut duplicate = vec![false; events.len()];
    for (i, event) in events.iter().enumerate() {
        if index.contains_key(event.id.as_str()) {
            duplicate[i] = true;
            problems.push(problem(
                &event.id,
                ProblemKind::DuplicateId,
                "a second event with this id",
            ));
        } else {
            index.insert(&event.id, i);
        }
    }
    // Each event's parent, looked up once.
    let parents: Vec<Option<usize>> = events
        .iter()
        .map(|e| e.in_reply_to.as_deref().and_then(|p| index.get(p).copied()))
        .collect();
    drop(index);

    let mut chains = Chains {
        events,
        parents: &parents,
        roots: vec![Root::Unknown; events.len()],
        path: Vec::new(),
    };
    let mut thread_of = vec![NONE; events.len()];
    // Threads by name (their key), with a shortcut by root event for the many reply chains.
    let mut by_root = vec![NONE; events.len()];
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    let (mut keys, mut sizes): (Vec<String>, Vec<usize>) = (Vec::new(), Vec::new());
    let mut new_thread = |key: &str, sizes: &mut Vec<usize>| {
        keys.push(key.to_owned());
        sizes.push(0);
        sizes.len() - 1
    };
    for (i, event) in events.iter().enumerate().filter(|(i, _)| !duplicate[*i]) {
        if let Some(p) = parents[i].filter(|&p| event.created_at < events[p].created_at) {
            problems.push(problem(
                &event.id,
                ProblemKind::ReplyBeforeParent,
                &format!(
                    "posted at {} but answers {} of {}",
                    event.created_at, events[p].id, events[p].created_at
                ),
            ));
            continue;
        }
        let thread = match (event.conversation_id.as_deref(), chains.root(i)) {
            (Some(conversation), _) => *by_name
                .entry(conversation)
                .or_insert_with(|| new_thread(conversation, &mut sizes)),
            (None, Root::Event(r)) => {
                // A conversation id may name the same thread: keys are one namespace.
                if by_root[r] == NONE {
                    let key = events[r].id.as_str();
                    by_root[r] = *by_name
                        .entry(key)
                        .or_insert_with(|| new_thread(key, &mut sizes));
                }
                by_root[r]
            }
            (None, Root::External(name)) => {
                problems.push(problem(
                    &event.id,
                    ProblemKind::UnknownParent,
                    &format!("its reply chain leads to {name}, which is not in the input"),
                ));
                *by_name
                    .entry(name)
                    .or_insert_with(|| new_thread(name, &mut sizes))
            }
            (None, _) => {
                problems.push(problem(
                    &event.id,
                    ProblemKind::Cycle,
                    "its reply chain loops",
                ));
                continue;
            }
        };
        sizes[thread] += 1;
        thread_of[i] = thread;
    }
    (keys, thread_of, sizes)
}

/// The top of an event's reply chain, as far as it is known.
#[derive(Debug, Clone, Copy)]
enum Root<'a> {
    Unknown,
    /// On the chain being followed now: meeting it again means a loop.
    Visiting,
    /// The chain loops.
    Loop,
    /// The first event of the chain (one with no parent).
    Event(usize),
    /// The id the chain answers that is not in the input.
    External(&'a str),
}

/// Reply chains followed to their tops, memoised so that every event is visited once.
struct Chains<'a> {
    events: &'a [Event],
    parents: &'a [Option<usize>],
    roots: Vec<Root<'a>>,
    /// The chain being followed (kept to save an allocation a call).
    path: Vec<usize>,
}

impl<'a> Chains<'a> {
    /// The root of event `i`'s chain: [`Root::Event`], [`Root::External`] or [`Root::Loop`].
    fn root(&mut self, i: usize) -> Root<'a> {
        self.path.clear();
        let mut at = i;
        let found = loop {
            match self.roots[at] {
                Root::Unknown => {}
                Root::Visiting => break Root::Loop,
                known => break known,
            }
            self.roots[at] = Root::Visiting;
            self.path.push(at);
            match (self.parents[at], self.events[at].in_reply_to.as_deref()) {
                (Some(parent), _) => at = parent,
                (None, Some(external)) => break Root::External(external),
                (None, None) => break Root::Event(at),
            }
        };
        for &p in &self.path {
            self.roots[p] = found;
        }
        found
    }
}

fn problem(id: &str, kind: ProblemKind, detail: &str) -> Problem {
    Problem {
        id: id.to_owned(),
        kind,
        detail: detail.to_owned(),
    }
}
