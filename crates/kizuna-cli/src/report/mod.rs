//! `kizuna report`: everything a care-team lead asks of an export, worked out once and then
//! written as a self-contained HTML page ([`html`]) or a Markdown summary ([`markdown`]).
//!
//! The analysis classifies every customer post, rebuilds the threads and scores them against
//! the SLA policy as of `now` (by default the export's last post: the moment it was taken),
//! finds the threads still waiting for the brand, counts sentiment and intents by local day,
//! looks for spikes in mention volume, and profiles each brand account.

pub mod accounts;
pub mod html;
pub mod markdown;
mod svg;

use std::collections::HashMap;
use std::ops::Range;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use kizuna::classify::{Classification, Classifier, Context, Intent, Sentiment, Urgency};
use kizuna::engage::{Post, Spike, SpikeRule, Window, detect_spikes};
use kizuna::sla::{
    Calendar, Event, Outcome, ReplyRules, SlaPolicy, SlaSummary, Status, build_threads, evaluate,
    summarize,
};
use rayon::prelude::*;

use crate::records::{Counts, ExportPost};
pub use accounts::AccountView;

/// What the report is asked to cover.
pub struct Options<'a> {
    /// The export's name, for the title.
    pub source: String,
    /// The time zone that days are counted in.
    pub tz: String,
    /// Business hours, for business-time targets and reply times.
    pub calendar: Option<&'a Calendar>,
    /// The SLA policy.
    pub policy: &'a SlaPolicy,
    /// The instant to judge waiting threads at; the last post when absent.
    pub now: Option<Timestamp>,
    /// How long a wait can be and still be in the queue: older ones are counted as gone
    /// unanswered, not listed as work for now.
    pub horizon: SignedDuration,
    /// `--brand` handles (`@sora_air`) whose authors are the brand's even when the export
    /// does not flag them.
    pub brand_handles: Vec<String>,
}

/// A thread that waits for the brand, with the post it waits on.
pub struct Waiting {
    /// The waiting customer post.
    pub post: Post,
    /// Its classification.
    pub class: Classification,
    /// Since when the customer has waited.
    pub asked: Timestamp,
    /// How long, as of the report.
    pub waited: SignedDuration,
    /// The SLA target's status, when a rule sets one.
    pub status: Option<Status>,
}

/// The whole analysis, ready to be written out.
pub struct Analysis {
    /// The export's name.
    pub source: String,
    /// The moment the report judges at.
    pub now: Timestamp,
    /// The time zone of its days.
    pub tz: String,
    /// From the first post to the last.
    pub window: Window,
    /// Records read, kept and rejected.
    pub counts: Counts,
    /// Posts by customers (classified) and by the brand.
    pub customer_posts: usize,
    /// Posts by the brand's accounts.
    pub brand_posts: usize,
    /// Threads waiting for a reply that needs to come, most urgent first.
    pub queue: Vec<Waiting>,
    /// Threads that needed a reply and have waited longer than the horizon.
    pub gone_unanswered: usize,
    /// The horizon.
    pub horizon: SignedDuration,
    /// Posts left out for being later than `--now`.
    pub after_now: usize,
    /// Posts that could not be placed in a thread (a duplicate id, a reply older than what it
    /// answers…), each with why.
    pub problems: Vec<String>,
    /// The SLA aggregates.
    pub sla: SlaSummary,
    /// The policy's first-reply targets, as people say them.
    pub targets: Vec<String>,
    /// Every answered first reply: how long it took and whether it met its target (`None`
    /// without one).
    pub reply_times: Vec<(SignedDuration, Option<bool>)>,
    /// Every day of the window (its last [`MAX_DAYS`] when longer).
    pub days: Vec<Date>,
    /// Customer posts a day by sentiment, in [`Sentiment::ALL`] order.
    pub sentiment_by_day: Vec<Vec<f64>>,
    /// Customer posts a day by intent, in [`Intent::ALL`] order.
    pub intents_by_day: Vec<Vec<f64>>,
    /// Spikes in daily mentions and in daily negative mentions.
    pub spikes: Vec<(&'static str, Spike)>,
    /// The brand's accounts.
    pub accounts: Vec<AccountView>,
}

/// Works out the report of `posts`.
///
/// # Errors
///
/// No posts, an unknown time zone, or a failure of the core's scoring.
pub fn analyse(
    mut export: Vec<ExportPost>,
    counts: Counts,
    classifier: &Classifier,
    options: &Options<'_>,
) -> Result<Analysis, String> {
    let before = export.len();
    if let Some(now) = options.now {
        export.retain(|p| p.post.created_at <= now);
    }
    let after_now = before - export.len();
    export.sort_by(|a, b| (a.post.created_at, &a.post.id).cmp(&(b.post.created_at, &b.post.id)));
    let (mut posts, flags): (Vec<Post>, Vec<(bool, bool)>) = export
        .into_iter()
        .map(|p| (p.post, (p.automated, p.resolves)))
        .unzip();
    mark_brand_posts(&mut posts, &options.brand_handles);
    let window = window_of(&posts, &options.tz)?;
    let last = window.end() - SignedDuration::from_secs(1);
    let tz = window.time_zone().clone();
    let now = options.now.unwrap_or(last);

    let classes = classify_customers(&posts, classifier);
    let days = charted_days(&window, &options.tz)?;
    let (sentiment_by_day, intents_by_day) = by_day(&posts, &classes, &days, &tz);
    let spikes = spikes(&days, &sentiment_by_day);
    let (mut queue, sla, reply_times, problems) = score(&posts, &flags, &classes, options, now)?;
    let waiting = queue.len();
    queue.retain(|w| w.waited <= options.horizon);
    let accounts = accounts::views(&posts, &window, options.calendar)?;
    Ok(Analysis {
        source: options.source.clone(),
        now,
        tz: options.tz.clone(),
        counts,
        customer_posts: classes.iter().flatten().count(),
        brand_posts: posts.iter().filter(|p| p.author.is_brand).count(),
        gone_unanswered: waiting - queue.len(),
        after_now,
        problems,
        horizon: options.horizon,
        queue,
        sla,
        targets: targets(options.policy),
        reply_times,
        sentiment_by_day,
        intents_by_day,
        spikes,
        accounts,
        days,
        window,
    })
}

/// Flags as the brand's the posts whose author's handle (or id) is one of `brands` (with or
/// without `@`, any case); names without a handle's shape are left to the classifier.
pub fn mark_brand_posts(posts: &mut [Post], brands: &[String]) {
    let handles: Vec<String> = brands
        .iter()
        .map(|h| h.trim_start_matches('@').to_lowercase())
        .collect();
    for post in posts {
        let handle = post.author.handle.as_deref().unwrap_or(&post.author.id);
        if handles.contains(&handle.trim_start_matches('@').to_lowercase()) {
            post.author.is_brand = true;
        }
    }
}

/// The window from the first post to just after the last, its days in `tz`.
///
/// # Errors
///
/// No posts, or an unknown time zone.
pub fn window_of(posts: &[Post], tz: &str) -> Result<Window, String> {
    let first = posts.iter().map(|p| p.created_at).min();
    let last = posts.iter().map(|p| p.created_at).max();
    let (Some(first), Some(last)) = (first, last) else {
        return Err("no posts to report on".to_owned());
    };
    let end = last
        .checked_add(SignedDuration::from_secs(1))
        .map_err(|e| format!("the last post's time: {e}"))?;
    Window::new(first, end, tz).map_err(|e| e.to_string())
}

/// The most days the report charts: the last two years of a longer export.
pub const MAX_DAYS: i64 = 731;

/// The days the report charts: every day of the window, or its last [`MAX_DAYS`].
fn charted_days(window: &Window, tz: &str) -> Result<Vec<Date>, String> {
    let span = SignedDuration::from_hours(24 * MAX_DAYS);
    match window.end().checked_sub(span) {
        Ok(start) if start > window.start() => Window::new(start, window.end(), tz)
            .map(|w| w.days())
            .map_err(|e| e.to_string()),
        _ => Ok(window.days()),
    }
}

/// Every customer post classified (on every core), with what the export says about its
/// reach; `None` for the brand's own posts.
fn classify_customers(posts: &[Post], classifier: &Classifier) -> Vec<Option<Classification>> {
    let brand_posts: std::collections::HashSet<&str> = posts
        .iter()
        .filter(|p| p.author.is_brand)
        .map(|p| p.id.as_str())
        .collect();
    posts
        .par_iter()
        .map(|post| {
            (!post.author.is_brand).then(|| {
                let context = Context {
                    followers: post.author.followers,
                    shares: post.metrics.shares,
                    replies_to_brand: post
                        .in_reply_to
                        .as_deref()
                        .is_some_and(|r| brand_posts.contains(r)),
                    ..Context::default()
                };
                classifier.classify_with(&post.text, &context)
            })
        })
        .collect()
}

/// Customer posts a local day by sentiment and by intent.
fn by_day(
    posts: &[Post],
    classes: &[Option<Classification>],
    days: &[Date],
    tz: &TimeZone,
) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let index: HashMap<Date, usize> = days.iter().enumerate().map(|(i, d)| (*d, i)).collect();
    let mut sentiment = vec![vec![0.0; Sentiment::ALL.len()]; days.len()];
    let mut intents = vec![vec![0.0; Intent::ALL.len()]; days.len()];
    for (post, class) in posts.iter().zip(classes) {
        let Some(class) = class else { continue };
        let Some(&day) = index.get(&post.created_at.to_zoned(tz.clone()).date()) else {
            continue;
        };
        let s = Sentiment::ALL.iter().position(|s| *s == class.sentiment);
        if let Some(s) = s {
            sentiment[day][s] += 1.0;
        }
        for intent in &class.intents {
            if let Some(i) = Intent::ALL.iter().position(|x| x == intent) {
                intents[day][i] += 1.0;
            }
        }
    }
    (sentiment, intents)
}

/// Spikes in daily mentions and in daily negative mentions.
fn spikes(days: &[Date], sentiment_by_day: &[Vec<f64>]) -> Vec<(&'static str, Spike)> {
    let negative = Sentiment::ALL
        .iter()
        .position(|s| *s == Sentiment::Negative);
    let all: Vec<(Date, f64)> = days
        .iter()
        .zip(sentiment_by_day)
        .map(|(d, counts)| (*d, counts.iter().sum()))
        .collect();
    let negatives: Vec<(Date, f64)> = days
        .iter()
        .zip(sentiment_by_day)
        .map(|(d, counts)| {
            (
                *d,
                negative.and_then(|n| counts.get(n)).copied().unwrap_or(0.0),
            )
        })
        .collect();
    let rule = SpikeRule::default();
    let mut found: Vec<(&'static str, Spike)> = detect_spikes(&all, &rule)
        .into_iter()
        .map(|s| ("mentions", s))
        .chain(
            detect_spikes(&negatives, &rule)
                .into_iter()
                .map(|s| ("negative mentions", s)),
        )
        .collect();
    found.sort_by_key(|(_, s)| s.bucket);
    found
}

type Scored = (
    Vec<Waiting>,
    SlaSummary,
    Vec<(SignedDuration, Option<bool>)>,
    Vec<String>,
);

/// Threads scored against the policy: the waiting ones that need a reply (most urgent
/// first), the aggregates, and the first-reply times.
fn score(
    posts: &[Post],
    flags: &[(bool, bool)],
    classes: &[Option<Classification>],
    options: &Options<'_>,
    now: Timestamp,
) -> Result<Scored, String> {
    // The first post with an id is the one threads keep; a later one is a reported problem.
    let mut by_id: HashMap<&str, usize> = HashMap::with_capacity(posts.len());
    for (i, post) in posts.iter().enumerate() {
        by_id.entry(post.id.as_str()).or_insert(i);
    }
    let events: Vec<Event> = posts
        .iter()
        .zip(classes)
        .zip(flags)
        .map(|((post, class), &(automated, resolves))| {
            let mut event = Event::from(post);
            event.automated = automated;
            event.resolves = resolves;
            if let Some(class) = class {
                let intent = class.intents.first().map(|i| i.name());
                crate::sla::tag(&mut event, Some(class.urgency.name()), intent);
            }
            event
        })
        .collect();
    let built = build_threads(events);
    let problems = built.problems.iter().map(ToString::to_string).collect();
    let threads = built.threads;
    let rules = ReplyRules::default();
    let evaluations = threads
        .iter()
        .map(|t| evaluate(t, options.policy, options.calendar, rules, now))
        .collect::<kizuna::Result<Vec<_>>>()
        .map_err(|e| e.to_string())?;
    let summary =
        summarize(threads.iter().zip(&evaluations), options.calendar).map_err(|e| e.to_string())?;

    let reply_times = evaluations
        .iter()
        .filter_map(|e| {
            e.times
                .first_reply
                .as_ref()
                .map(|w| (w, e.first_reply.as_ref()))
        })
        .filter_map(|(wait, outcome)| {
            let took = wait.asked.duration_until(wait.answered?);
            Some((took, outcome.map(|o| matches!(o.status, Status::Achieved))))
        })
        .collect();

    let mut queue = Vec::new();
    for (thread, evaluation) in threads.iter().zip(&evaluations) {
        let times = &evaluation.times;
        if times.resolved.is_some() {
            continue;
        }
        let (wait, outcome): (_, Option<&Outcome>) = match times.next_replies.last() {
            Some(next) if next.answered.is_none() => (next, evaluation.next_replies.last()),
            _ => match &times.first_reply {
                Some(first) if first.answered.is_none() => (first, evaluation.first_reply.as_ref()),
                _ => continue,
            },
        };
        // The waiting part of the thread: its most pressing customer post speaks for it.
        let pressing = thread
            .events
            .iter()
            .filter(|e| !e.is_brand && e.created_at >= wait.asked)
            .filter_map(|e| by_id.get(e.id.as_str()).copied())
            .filter_map(|i| classes[i].as_ref().map(|c| (i, c)))
            .max_by(|(_, a), (_, b)| {
                (rank(a.urgency), a.flame_risk)
                    .partial_cmp(&(rank(b.urgency), b.flame_risk))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
        let Some((i, class)) = pressing else { continue };
        if !class.needs_reply {
            continue;
        }
        queue.push(Waiting {
            post: posts[i].clone(),
            class: class.clone(),
            asked: wait.asked,
            waited: wait.asked.duration_until(now),
            status: outcome.map(|o| o.status),
        });
    }
    queue.sort_by(|a, b| {
        (rank(b.class.urgency), severity(&b.status), b.waited).cmp(&(
            rank(a.class.urgency),
            severity(&a.status),
            a.waited,
        ))
    });
    Ok((queue, summary, reply_times, problems))
}

/// Urgency as a number to sort by: high is 2.
fn rank(urgency: Urgency) -> u8 {
    match urgency {
        Urgency::High => 2,
        Urgency::Normal => 1,
        Urgency::Low => 0,
    }
}

/// How bad an SLA status is, to sort by: breached is 3.
fn severity(status: &Option<Status>) -> u8 {
    match status {
        Some(Status::Breached) => 3,
        Some(Status::AtRisk { .. }) => 2,
        Some(Status::Pending { .. }) => 1,
        Some(Status::Achieved) | None => 0,
    }
}

/// The policy's first-reply targets, as people say them: `default: 1h (calendar)`.
fn targets(policy: &SlaPolicy) -> Vec<String> {
    policy
        .rules
        .iter()
        .filter_map(|rule| {
            let target = rule.first_reply.as_ref()?;
            let clock = match target.clock {
                kizuna::sla::Clock::Calendar => "calendar time",
                kizuna::sla::Clock::Business => "business time",
            };
            Some(format!(
                "{}: first reply within {:#} ({clock})",
                rule.name, target.within
            ))
        })
        .collect()
}

/// The reply-time bins' upper edges in minutes; the last bin is open.
const BIN_EDGES: [i64; 9] = [5, 15, 30, 60, 120, 240, 480, 1440, 4320];

/// First-reply times binned: each bin's label and its counts of replies that met their
/// target, missed it, and had none.
pub fn reply_time_bins(times: &[(SignedDuration, Option<bool>)]) -> Vec<(String, [f64; 3])> {
    let label = |minutes: i64| match minutes {
        m if m % 1440 == 0 => format!("{}d", m / 1440),
        m if m % 60 == 0 => format!("{}h", m / 60),
        m => format!("{m}m"),
    };
    let mut bins: Vec<(String, [f64; 3])> = (0..=BIN_EDGES.len())
        .map(|i| {
            let name = match (i.checked_sub(1).map(|j| BIN_EDGES[j]), BIN_EDGES.get(i)) {
                (None, Some(&hi)) => format!("< {}", label(hi)),
                (Some(lo), Some(&hi)) => format!("{}–{}", label(lo), label(hi)),
                (Some(lo), None) => format!("≥ {}", label(lo)),
                (None, None) => String::new(),
            };
            (name, [0.0; 3])
        })
        .collect();
    for (took, met) in times {
        let minutes = took.as_secs() / 60;
        let bin = BIN_EDGES
            .iter()
            .position(|&edge| minutes < edge)
            .unwrap_or(BIN_EDGES.len());
        let column = match met {
            Some(true) => 0,
            Some(false) => 1,
            None => 2,
        };
        bins[bin].1[column] += 1.0;
    }
    bins
}

/// A duration as people read it: `45m`, `3h 20m`, `2d 4h`.
pub fn human(duration: SignedDuration) -> String {
    let minutes = duration.as_secs().max(0) / 60;
    match minutes {
        m if m < 60 => format!("{m}m"),
        m if m < 24 * 60 => format!("{}h {:02}m", m / 60, m % 60),
        m if (m / 60) % 24 == 0 => format!("{}d", m / (24 * 60)),
        m => format!("{}d {}h", m / (24 * 60), (m / 60) % 24),
    }
}

/// A status as people read it.
pub fn status_text(status: &Option<Status>) -> String {
    match status {
        Some(Status::Achieved) => "achieved".into(),
        Some(Status::Breached) => "breached".into(),
        Some(Status::Pending { remaining }) => format!("{} left", human(*remaining)),
        Some(Status::AtRisk { remaining }) => format!("at risk, {} left", human(*remaining)),
        None => "no target".into(),
    }
}

/// `t` as a date and minute in the time zone `tz` (UTC for a zone jiff does not know).
pub fn local_time(tz: &str, t: Timestamp) -> String {
    let tz = TimeZone::get(tz).unwrap_or(TimeZone::UTC);
    t.to_zoned(tz).strftime("%Y-%m-%d %H:%M").to_string()
}

/// The report's opening sentence, in plain text: the moment, the window, the counts, and
/// what was left out and why.
pub fn overview(a: &Analysis) -> String {
    let local = |t: Timestamp| local_time(&a.tz, t);
    let mut text = format!(
        "As of {} ({}); posts from {} to {}. {} records read, {} rejected; {} customer posts, {} by the brand.",
        local(a.now),
        a.tz,
        local(a.window.start()),
        local(a.window.end()),
        a.counts.read,
        a.counts.rejected,
        a.customer_posts,
        a.brand_posts
    );
    if a.days.len() as i64 >= MAX_DAYS {
        text.push_str(&format!(" Days are charted for the last {MAX_DAYS}."));
    }
    if a.after_now > 0 {
        text.push_str(&format!(
            " {} posts later than that moment are left out.",
            a.after_now
        ));
    }
    if !a.problems.is_empty() {
        text.push_str(&format!(
            " {} posts could not be placed in a thread (a repeated id, a reply older than what it answers…; each is named on standard error).",
            a.problems.len()
        ));
    }
    text
}

/// Why a post is in the queue: urgency, intents and flame risk in a few words.
pub fn reason(class: &Classification) -> String {
    let intents: Vec<&str> = class.intents.iter().map(|i| i.name()).collect();
    let mut reason = format!("{} urgency; {}", class.urgency.name(), intents.join(", "));
    if class.flame_risk >= 0.5 {
        reason.push_str(&format!("; flame risk {:.2}", class.flame_risk));
    }
    reason
}

/// The evidence's byte ranges in the original text, merged where they overlap, each with
/// the signals that fired there and the sum of their contributions.
pub fn marks(class: &Classification, text: &str) -> Vec<(Range<usize>, String, f64)> {
    let mut spans: Vec<(Range<usize>, String, f64)> = class
        .evidence
        .iter()
        .filter(|e| {
            e.span.bytes.start < e.span.bytes.end && text.get(e.span.bytes.clone()).is_some()
        })
        .map(|e| {
            (
                e.span.bytes.clone(),
                format!("{}: {}", e.signal, e.term),
                e.contribution,
            )
        })
        .collect();
    spans.sort_by_key(|(r, _, _)| (r.start, r.end));
    let mut merged: Vec<(Range<usize>, String, f64)> = Vec::with_capacity(spans.len());
    for (range, label, weight) in spans {
        match merged.last_mut() {
            Some((last, labels, total)) if range.start < last.end => {
                last.end = last.end.max(range.end);
                labels.push_str("; ");
                labels.push_str(&label);
                *total += weight;
            }
            _ => merged.push((range, label, weight)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(
        id: &str,
        at: &str,
        author: &str,
        brand: bool,
        text: &str,
        parent: Option<&str>,
    ) -> Post {
        serde_json::from_value(serde_json::json!({
            "id": id, "created_at": at, "text": text, "in_reply_to": parent,
            "author": {"id": author, "handle": author, "is_brand": brand},
        }))
        .expect("a post")
    }

    /// The analysis of people's posts (none automated), in Tokyo time, as of the last post.
    fn analysis(posts: Vec<Post>, brand_handles: &[&str]) -> Analysis {
        let export = posts.into_iter().map(|post| (post, false)).collect();
        analysis_of(export, "Asia/Tokyo", None, brand_handles)
    }

    /// The analysis of posts, each with whether it is automated, in `tz` as of `now`.
    fn analysis_of(
        export: Vec<(Post, bool)>,
        tz: &str,
        now: Option<Timestamp>,
        brand_handles: &[&str],
    ) -> Analysis {
        let policy = SlaPolicy::from_config(crate::sla::DEFAULT_POLICY).expect("policy");
        let options = Options {
            source: "test".into(),
            tz: tz.into(),
            calendar: None,
            policy: &policy,
            now,
            horizon: SignedDuration::from_hours(72),
            brand_handles: brand_handles.iter().map(|h| (*h).to_owned()).collect(),
        };
        let classifier = Classifier::builder().build().expect("classifier");
        let export = export
            .into_iter()
            .map(|(post, automated)| ExportPost {
                post,
                automated,
                resolves: false,
            })
            .collect();
        analyse(export, Counts::default(), &classifier, &options).expect("analysis")
    }

    #[test]
    fn the_queue_holds_unanswered_threads_that_need_a_reply_most_urgent_first() {
        let posts = vec![
            post(
                "1",
                "2026-11-20T10:00:00+09:00",
                "taro",
                false,
                "ログインできない、助けて",
                None,
            ),
            post(
                "2",
                "2026-11-20T10:05:00+09:00",
                "sora",
                false,
                "Thanks for the great flight!",
                None,
            ),
            post(
                "3",
                "2026-11-20T10:10:00+09:00",
                "hana",
                false,
                "Flight cancelled and I'm stranded at the gate, please help",
                None,
            ),
            post(
                "4",
                "2026-11-20T10:20:00+09:00",
                "aki",
                false,
                "how do I change my seat?",
                None,
            ),
            post(
                "5",
                "2026-11-20T10:30:00+09:00",
                "sora_air",
                false,
                "@aki you can change it in the app",
                Some("4"),
            ),
            post(
                "6",
                "2026-11-20T12:00:00+09:00",
                "ken",
                false,
                "hello",
                None,
            ),
        ];
        let a = analysis(posts, &["@Sora_Air"]);
        assert_eq!(a.brand_posts, 1, "--brand makes sora_air the brand");
        let ids: Vec<&str> = a.queue.iter().map(|w| w.post.id.as_str()).collect();
        assert_eq!(a.gone_unanswered, 0);
        assert_eq!(
            ids.first(),
            Some(&"3"),
            "stranded, high urgency, first: {ids:?}"
        );
        assert!(ids.contains(&"1"), "{ids:?}");
        assert!(!ids.contains(&"4"), "answered: {ids:?}");
        assert!(!ids.contains(&"2"), "praise needs no reply: {ids:?}");
        assert_eq!(
            a.now.to_string(),
            "2026-11-20T03:00:00Z",
            "as of the last post"
        );
        let stranded = &a.queue[0];
        assert_eq!(human(stranded.waited), "1h 50m");
        assert!(matches!(stranded.status, Some(Status::Breached)));
        assert_eq!(a.reply_times.len(), 1);
        assert_eq!(
            a.reply_times[0],
            (SignedDuration::from_mins(10), Some(true))
        );
        assert_eq!(a.days.len(), 1);
        let total: f64 = a.sentiment_by_day[0].iter().sum();
        assert_eq!(total, 5.0, "the five customer posts");
    }

    #[test]
    fn bot_replies_do_not_answer_and_repeated_ids_are_reported() {
        let at = |m: i8| format!("2026-11-20T10:{m:02}:00Z");
        let export = vec![
            (
                post(
                    "1",
                    &at(0),
                    "taro",
                    false,
                    "stranded at the gate, flight cancelled, please help",
                    None,
                ),
                false,
            ),
            (
                post(
                    "2",
                    &at(1),
                    "bot",
                    true,
                    "Thanks for reaching out!",
                    Some("1"),
                ),
                true,
            ),
            (
                post("1", &at(5), "hana", false, "love this airline", None),
                false,
            ),
            (
                post(
                    "3",
                    "2026-11-20T13:00:00Z",
                    "ken",
                    false,
                    "later than --now",
                    None,
                ),
                false,
            ),
        ];
        let now = "2026-11-20T12:00:00Z".parse().expect("a time");
        let a = analysis_of(export, "UTC", Some(now), &[]);
        assert_eq!(a.queue.len(), 1, "the bot's reply answers no one");
        assert_eq!(
            a.queue[0].post.author.id, "taro",
            "the first post with id 1 is kept"
        );
        assert_eq!(a.problems.len(), 1, "{:?}", a.problems);
        assert!(a.problems[0].contains("duplicate id"), "{:?}", a.problems);
        assert_eq!(a.after_now, 1);
        assert!(a.reply_times.is_empty());
    }

    #[test]
    fn a_long_export_charts_its_last_two_years_and_times_stay_in_range() {
        let posts = vec![
            post("1", "-009999-01-03T00:00:00Z", "taro", false, "hello", None),
            post(
                "2",
                "2026-11-20T10:00:00+09:00",
                "hana",
                false,
                "ログインできない",
                None,
            ),
        ];
        let a = analysis(posts, &[]);
        assert_eq!(a.days.len() as i64, MAX_DAYS + 1);
        assert!(overview(&a).contains("charted for the last 731"));
        assert_eq!(a.queue.len(), 1);
    }

    #[test]
    fn marks_merge_overlapping_evidence_and_stay_on_char_boundaries() {
        let classifier = Classifier::builder().build().expect("classifier");
        let text = "全然繋がらない、最悪";
        let class = classifier.classify(text);
        let marks = marks(&class, text);
        assert!(!marks.is_empty());
        for pair in marks.windows(2) {
            assert!(pair[0].0.end <= pair[1].0.start);
        }
        for (range, label, _) in &marks {
            assert!(text.get(range.clone()).is_some());
            assert!(!label.is_empty());
        }
    }

    #[test]
    fn reply_times_fall_in_readable_bins() {
        let mins = SignedDuration::from_mins;
        let bins = reply_time_bins(&[
            (mins(3), Some(true)),
            (mins(59), Some(true)),
            (mins(61), Some(false)),
            (mins(5000), None),
        ]);
        let names: Vec<&str> = bins.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "< 5m",
                "5m–15m",
                "15m–30m",
                "30m–1h",
                "1h–2h",
                "2h–4h",
                "4h–8h",
                "8h–1d",
                "1d–3d",
                "≥ 3d"
            ]
        );
        assert_eq!(bins[0].1, [1.0, 0.0, 0.0]);
        assert_eq!(bins[3].1, [1.0, 0.0, 0.0]);
        assert_eq!(bins[4].1, [0.0, 1.0, 0.0]);
        assert_eq!(bins[9].1, [0.0, 0.0, 1.0]);
    }

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(human(SignedDuration::from_secs(59)), "0m");
        assert_eq!(human(SignedDuration::from_mins(200)), "3h 20m");
        assert_eq!(human(SignedDuration::from_hours(52)), "2d 4h");
        assert_eq!(human(SignedDuration::from_hours(72)), "3d");
        assert_eq!(human(SignedDuration::from_mins(-5)), "0m");
    }
}
