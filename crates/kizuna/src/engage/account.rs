//! An account over a window of time: how much and how it posts, how people engage with it,
//! who its regulars are, and how fast it answers them.
//!
//! - *Posting*: posts per day, days with at least one post, and coverage of weekdays and of
//!   weekend days (days with a post ÷ days of that kind in the window), in the window's time
//!   zone. *Follower growth per day*: the change in followers between the account's first and
//!   last post of the window ÷ the days between them.
//! - *Conversation, amplification and applause rates* (Avinash Kaushik, "Best Social Media
//!   Metrics", 2011): replies, shares and likes per post of the account.
//! - *Engagement rate*: Σ engagements ÷ Σ impressions of the account's posts, and the median
//!   of the posts' own rates.
//! - *Profile*, as Japanese social-media analyses describe an account: dialogue rate (posts
//!   replying to other users ÷ posts; a reply whose parent is not in the input counts as one),
//!   link rate, broadcast-question rate (posts that reply to no one and ask a question ÷
//!   posts), share rate, hashtag rate, mean length of a post as X counts it (weighted: CJK and
//!   emoji count two) with its URLs left out, and posts per day.
//! - *Repeat engagers*: other accounts that replied to or mentioned the account at least N
//!   times in the window, most engaged first.
//! - *Response*: inbound threads answered ÷ inbound threads, and reply times, through the
//!   thread logic of [`crate::sla`].
//!
//! Every rate is `None` on a zero denominator.

use std::collections::{BTreeSet, HashMap};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use super::{AccountAccumulator, Post};
use crate::sla::{
    Calendar, Event, ReplyRules, SlaPolicy, TimeStats, build_threads, evaluate, summarize,
};
use crate::text::{EntityKind, extract_entities};
use crate::{Error, Result};

/// A window of time in a time zone: `[start, end)`.
///
/// ```
/// use kizuna::engage::Window;
///
/// let week = Window::new("2026-11-16T00:00:00+09:00".parse()?, "2026-11-23T00:00:00+09:00".parse()?, "Asia/Tokyo")?;
/// assert_eq!(week.days().len(), 7);
/// assert!(Window::new("2026-11-23T00:00:00Z".parse()?, "2026-11-16T00:00:00Z".parse()?, "UTC").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    start: Timestamp,
    end: Timestamp,
    tz: TimeZone,
}

impl Window {
    /// The window from `start` to `end` in the IANA time zone `tz_name`.
    ///
    /// # Errors
    ///
    /// [`Error::Order`] unless `start` is before `end`; [`Error::TimeZone`] for an unknown zone.
    pub fn new(start: Timestamp, end: Timestamp, tz_name: &str) -> Result<Window> {
        if start >= end {
            return Err(Error::Order {
                what: "window".into(),
                start: start.to_string(),
                end: end.to_string(),
            });
        }
        let tz = TimeZone::get(tz_name).map_err(|e| Error::TimeZone {
            name: tz_name.into(),
            reason: e.to_string(),
        })?;
        Ok(Window { start, end, tz })
    }

    /// Whether `t` lies in the window.
    ///
    /// ```
    /// use kizuna::engage::Window;
    ///
    /// let w = Window::new("2026-11-16T00:00:00Z".parse()?, "2026-11-17T00:00:00Z".parse()?, "UTC")?;
    /// assert!(w.contains("2026-11-16T12:00:00Z".parse()?));
    /// assert!(!w.contains("2026-11-17T00:00:00Z".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains(&self, t: Timestamp) -> bool {
        self.start <= t && t < self.end
    }

    /// Where the window starts (included) and ends (excluded).
    ///
    /// ```
    /// use kizuna::engage::Window;
    ///
    /// let w = Window::new("2026-11-16T00:00:00Z".parse()?, "2026-11-17T00:00:00Z".parse()?, "UTC")?;
    /// assert_eq!((w.start().to_string(), w.end().to_string()), ("2026-11-16T00:00:00Z".into(), "2026-11-17T00:00:00Z".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn start(&self) -> Timestamp {
        self.start
    }

    /// Where the window ends (excluded); see [`Window::start`].
    ///
    /// ```
    /// use kizuna::engage::Window;
    ///
    /// let w = Window::new("2026-11-16T00:00:00Z".parse()?, "2026-11-17T00:00:00Z".parse()?, "UTC")?;
    /// assert!(!w.contains(w.end()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn end(&self) -> Timestamp {
        self.end
    }

    /// The window's time zone.
    ///
    /// ```
    /// use kizuna::engage::Window;
    ///
    /// let w = Window::new("2026-11-16T00:00:00Z".parse()?, "2026-11-17T00:00:00Z".parse()?, "Asia/Tokyo")?;
    /// assert_eq!(w.time_zone().iana_name(), Some("Asia/Tokyo"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }

    /// The local date of `t`.
    pub(crate) fn date_of(&self, t: Timestamp) -> Date {
        t.to_zoned(self.tz.clone()).date()
    }

    /// The local dates the window touches, in order.
    ///
    /// ```
    /// use kizuna::engage::Window;
    ///
    /// // 15:00 UTC to 15:00 UTC is midnight to midnight in Tokyo: one day.
    /// let w = Window::new("2026-11-15T15:00:00Z".parse()?, "2026-11-16T15:00:00Z".parse()?, "Asia/Tokyo")?;
    /// assert_eq!(w.days().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn days(&self) -> Vec<Date> {
        let first = self.date_of(self.start);
        let last = self.date_of(self.end - jiff::SignedDuration::from_nanos(1));
        let mut days = Vec::new();
        let mut day = first;
        while day <= last {
            days.push(day);
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        days
    }
}

/// Posting and engagement figures of an account; see the [module docs](self).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountMetrics {
    /// The account's posts in the window.
    pub posts: usize,
    /// Days in the window.
    pub days: usize,
    /// Posts per day.
    pub posts_per_day: Option<f64>,
    /// Days with at least one post.
    pub active_days: usize,
    /// Weekdays with a post ÷ weekdays in the window.
    pub weekday_coverage: Option<f64>,
    /// Weekend days with a post ÷ weekend days in the window.
    pub weekend_coverage: Option<f64>,
    /// Follower change per day between the first and last post.
    pub follower_growth_per_day: Option<f64>,
    /// Replies per post.
    pub conversation_rate: Option<f64>,
    /// Shares per post.
    pub amplification_rate: Option<f64>,
    /// Likes per post.
    pub applause_rate: Option<f64>,
    /// Σ engagements ÷ Σ impressions.
    pub engagement_rate: Option<f64>,
    /// The median of the posts' engagement rates by impressions: exact from
    /// [`account_metrics`], within 0.5 % from an [`AccountAccumulator`].
    pub median_engagement_rate: Option<f64>,
}

/// The posting and engagement figures of `account` (an author id) in `window`.
///
/// # Errors
///
/// [`Error::Record`] for a post of the account with a negative or non-finite count.
///
/// ```
/// use kizuna::engage::{account_metrics, Post, Window};
///
/// let post = |id: &str, at: &str, likes: f64, followers: f64| -> Post {
///     serde_json::from_value(serde_json::json!({"id": id, "created_at": at,
///         "author": {"id": "brand", "followers": followers},
///         "metrics": {"likes": likes, "replies": 1, "impressions": 100}})).unwrap()
/// };
/// let posts = [
///     post("1", "2026-11-16T01:00:00Z", 9.0, 1000.0), // Monday
///     post("2", "2026-11-18T01:00:00Z", 3.0, 1040.0), // Wednesday
///     post("3", "2026-11-21T01:00:00Z", 3.0, 1100.0), // Saturday
/// ];
/// let week = Window::new("2026-11-16T00:00:00Z".parse()?, "2026-11-23T00:00:00Z".parse()?, "UTC")?;
/// let m = account_metrics(&posts, "brand", &week)?;
/// assert_eq!((m.posts, m.days, m.active_days), (3, 7, 3));
/// assert_eq!(m.weekday_coverage, Some(2.0 / 5.0));
/// assert_eq!(m.weekend_coverage, Some(0.5));
/// assert_eq!(m.follower_growth_per_day, Some(20.0)); // 100 followers over 5 days
/// assert_eq!(m.applause_rate, Some(5.0));
/// assert_eq!(m.conversation_rate, Some(1.0));
/// assert_eq!(m.engagement_rate, Some(18.0 / 300.0));
/// assert_eq!(m.median_engagement_rate, Some(0.04));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn account_metrics(posts: &[Post], account: &str, window: &Window) -> Result<AccountMetrics> {
    account_metrics_from(account, window, |sink| posts.iter().try_for_each(sink))
}

/// As [`account_metrics`], for posts that are not in a slice: `feed` hands every post to the
/// sink it is given, one at a time (a columnar reader can refill one `Post` for each row), and
/// returns the sink's first error.
///
/// # Errors
///
/// As [`account_metrics`], and whatever `feed` returns.
///
/// ```
/// use kizuna::engage::{account_metrics_from, Post, Window};
///
/// let day = Window::new("2026-11-16T00:00:00Z".parse()?, "2026-11-17T00:00:00Z".parse()?, "UTC")?;
/// let mut post: Post = serde_json::from_str(r#"{"id": "1", "created_at": "2026-11-16T01:00:00Z",
///     "author": {"id": "brand"}, "metrics": {"likes": 0, "impressions": 100}}"#)?;
/// let m = account_metrics_from("brand", &day, |sink| {
///     for likes in [2.0, 4.0, 9.0] {
///         post.metrics.likes = Some(likes); // one buffer, refilled
///         sink(&post)?;
///     }
///     Ok(())
/// })?;
/// assert_eq!(m.posts, 3);
/// assert_eq!(m.median_engagement_rate, Some(0.04));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn account_metrics_from(
    account: &str,
    window: &Window,
    feed: impl FnOnce(&mut dyn FnMut(&Post) -> Result<()>) -> Result<()>,
) -> Result<AccountMetrics> {
    let mut accumulator = AccountAccumulator::new(account, window.clone());
    let mut rates = Vec::new();
    feed(&mut |post| {
        rates.extend(accumulator.push_rate(post)?);
        Ok(())
    })?;
    // With every rate at hand the median is exact, not the accumulator's sketch.
    Ok(AccountMetrics {
        median_engagement_rate: median(&mut rates),
        ..accumulator.finish()
    })
}

/// How an account talks; see the [module docs](self).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// The account's posts in the window.
    pub posts: usize,
    /// Replies to other users ÷ posts.
    pub dialogue_rate: Option<f64>,
    /// Posts with a URL ÷ posts.
    pub link_rate: Option<f64>,
    /// Posts that reply to no one and ask a question ÷ posts.
    pub broadcast_question_rate: Option<f64>,
    /// Shares ÷ posts.
    pub share_rate: Option<f64>,
    /// Posts with a hashtag ÷ posts.
    pub hashtag_rate: Option<f64>,
    /// Mean length as X counts it, URLs left out (shares excluded).
    pub mean_length: Option<f64>,
    /// Posts per day.
    pub posts_per_day: Option<f64>,
}

/// The profile of `account` in `window`.
///
/// # Errors
///
/// [`Error::Record`] for a post of the account with a negative or non-finite count.
///
/// ```
/// use kizuna::engage::{profile, Post, Window};
///
/// let post = |id: &str, text: &str, reply_to: Option<&str>, author: &str| -> Post {
///     serde_json::from_value(serde_json::json!({"id": id, "created_at": "2026-11-16T01:00:00Z",
///         "author": {"id": author}, "text": text, "in_reply_to": reply_to})).unwrap()
/// };
/// let posts = [
///     post("1", "新作の感想を教えてください？ #ソラ航空", None, "brand"),
///     post("2", "@taro ご不便をおかけしております", Some("9"), "brand"),
///     post("3", "運航状況はこちら https://sora.example/status", None, "brand"),
///     post("9", "@sora_air 欠航ですか", None, "taro"),
/// ];
/// let day = Window::new("2026-11-16T00:00:00Z".parse()?, "2026-11-17T00:00:00Z".parse()?, "UTC")?;
/// let p = profile(&posts, "brand", &day)?;
/// assert_eq!(p.posts, 3);
/// assert_eq!(p.dialogue_rate, Some(1.0 / 3.0));
/// assert_eq!(p.broadcast_question_rate, Some(1.0 / 3.0));
/// assert_eq!(p.link_rate, Some(1.0 / 3.0));
/// assert_eq!(p.hashtag_rate, Some(1.0 / 3.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn profile(posts: &[Post], account: &str, window: &Window) -> Result<Profile> {
    let own = own_posts(posts, account, window)?;
    let author_of: HashMap<&str, &str> = posts
        .iter()
        .map(|p| (p.id.as_str(), p.author.id.as_str()))
        .collect();
    let n = own.len() as f64;
    let share =
        |test: &dyn Fn(&Post) -> bool| ratio(own.iter().filter(|p| test(p)).count() as f64, n);
    let has = |p: &Post, kind: EntityKind| extract_entities(&p.text).iter().any(|e| e.kind == kind);
    let dialogue = |p: &Post| {
        p.in_reply_to
            .as_deref()
            .is_some_and(|parent| author_of.get(parent).is_none_or(|a| *a != account))
    };
    let lengths: Vec<f64> = own
        .iter()
        .filter(|p| !p.is_share)
        .map(|p| weighted_length_without_urls(&p.text) as f64)
        .collect();
    Ok(Profile {
        posts: own.len(),
        dialogue_rate: share(&dialogue),
        link_rate: share(&|p| has(p, EntityKind::Url)),
        broadcast_question_rate: share(&|p| {
            p.in_reply_to.is_none() && !p.is_share && asks_question(&p.text)
        }),
        share_rate: share(&|p| p.is_share),
        hashtag_rate: share(&|p| has(p, EntityKind::Hashtag)),
        mean_length: ratio(lengths.iter().sum(), lengths.len() as f64),
        posts_per_day: ratio(n, window.days().len() as f64),
    })
}

/// Whether a post asks a question: a question mark (ASCII or full-width), or a Japanese clause
/// ending in the particle か (`欠航ですか`, `どこですか。`).
///
/// ```
/// use kizuna::engage::asks_question;
///
/// assert!(asks_question("anyone know if the app is down?"));
/// assert!(asks_question("返金はいつですか"));
/// assert!(asks_question("運休ですか。振替は？"));
/// assert!(!asks_question("ありがとうございました"));
/// assert!(!asks_question("まかせて！"));
/// ```
pub fn asks_question(text: &str) -> bool {
    if text.contains(['?', '？']) {
        return true;
    }
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        let ends_clause = chars
            .get(i + 1)
            .is_none_or(|n| matches!(n, '。' | '、' | '！' | '!' | ' ' | '　' | '\n' | '…'));
        let polite = i > 0 && matches!(chars[i - 1], 'す' | 'う' | 'ん' | 'の' | 'た' | 'い');
        c == 'か' && ends_clause && polite
    })
}

/// The length of `text` as X counts it (each grapheme of CJK, kana, emoji and other wide
/// scripts counts two, Latin and most punctuation one), with its URLs left out.
///
/// ```
/// use kizuna::engage::weighted_length_without_urls;
///
/// assert_eq!(weighted_length_without_urls("hello"), 5);
/// assert_eq!(weighted_length_without_urls("こんにちは"), 10);
/// assert_eq!(weighted_length_without_urls("見て https://sora.example/x 😭"), 4 + 2 + 2);
/// ```
pub fn weighted_length_without_urls(text: &str) -> usize {
    let mut length = 0;
    let mut at = 0;
    for url in extract_entities(text)
        .iter()
        .filter(|e| e.kind == EntityKind::Url)
    {
        length += weighted_length(&text[at..url.original.bytes.start]);
        at = url.original.bytes.end;
    }
    length + weighted_length(&text[at..])
}

fn weighted_length(text: &str) -> usize {
    text.graphemes(true)
        .map(|g| {
            let light = g.chars().all(|c| {
                matches!(c as u32, 0x0000..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037)
            });
            if light { g.chars().count() } else { 2 }
        })
        .sum()
}

/// An account that engaged with the account repeatedly.
///
/// ```
/// let regular = kizuna::engage::Engager { author_id: "u1".into(), handle: None, engagements: 4, last: "2026-11-20T01:00:00Z".parse().unwrap() };
/// assert_eq!(regular.engagements, 4);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Engager {
    /// Its id.
    pub author_id: String,
    /// Its handle, if the export gives it.
    pub handle: Option<String>,
    /// How many of its posts in the window replied to or mentioned the account.
    pub engagements: usize,
    /// Its latest such post.
    pub last: Timestamp,
}

/// The accounts that replied to or mentioned `account` (whose handle is `handle`) at least
/// `min` times in `window`, most engaged first (then most recent, then by id).
///
/// ```
/// use kizuna::engage::{repeat_engagers, Post, Window};
///
/// let post = |id: &str, author: &str, text: &str, reply_to: Option<&str>| -> Post {
///     serde_json::from_value(serde_json::json!({"id": id, "created_at": format!("2026-11-16T0{id}:00:00Z"),
///         "author": {"id": author}, "text": text, "in_reply_to": reply_to})).unwrap()
/// };
/// let posts = [
///     post("1", "brand", "本日のおすすめ", None),
///     post("2", "taro", "いいですね！", Some("1")),
///     post("3", "taro", "@Sora_Air また行きます", None),
///     post("4", "jiro", "@sora_air ありがとう", None),
/// ];
/// let day = Window::new("2026-11-16T00:00:00Z".parse()?, "2026-11-17T00:00:00Z".parse()?, "UTC")?;
/// let regulars = repeat_engagers(&posts, "brand", "sora_air", &day, 2);
/// assert_eq!(regulars.len(), 1);
/// assert_eq!((regulars[0].author_id.as_str(), regulars[0].engagements), ("taro", 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn repeat_engagers(
    posts: &[Post],
    account: &str,
    handle: &str,
    window: &Window,
    min: usize,
) -> Vec<Engager> {
    let by_account: BTreeSet<&str> = posts
        .iter()
        .filter(|p| p.author.id == account)
        .map(|p| p.id.as_str())
        .collect();
    let mut engagers: HashMap<&str, Engager> = HashMap::new();
    for post in posts
        .iter()
        .filter(|p| p.author.id != account && window.contains(p.created_at))
    {
        let replies = post
            .in_reply_to
            .as_deref()
            .is_some_and(|r| by_account.contains(r));
        if !(replies || mentions_handle(&post.text, handle)) {
            continue;
        }
        let entry = engagers.entry(&post.author.id).or_insert_with(|| Engager {
            author_id: post.author.id.clone(),
            handle: post.author.handle.clone(),
            engagements: 0,
            last: post.created_at,
        });
        entry.engagements += 1;
        entry.last = entry.last.max(post.created_at);
    }
    let mut ranked: Vec<Engager> = engagers
        .into_values()
        .filter(|e| e.engagements >= min)
        .collect();
    ranked.sort_by(|a, b| {
        (b.engagements, b.last)
            .cmp(&(a.engagements, a.last))
            .then_with(|| a.author_id.cmp(&b.author_id))
    });
    ranked
}

/// How an account answers the people who write to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseMetrics {
    /// Threads opened in the window by others that address the account.
    pub inbound: usize,
    /// Of those, the ones the account answered.
    pub answered: usize,
    /// `answered ÷ inbound`.
    pub response_rate: Option<f64>,
    /// Time to the first reply, in calendar time.
    pub response_time: Option<TimeStats>,
    /// Time to the first reply, in business time (with a calendar).
    pub business_response_time: Option<TimeStats>,
}

/// The response rate and times of `account` (handle `handle`) to threads opened in `window`
/// that address it (mentioning it, answering one of its posts, or answered by it), built with
/// the threads of [`crate::sla`].
///
/// # Errors
///
/// The calendar's errors, when a post lies outside its years.
///
/// ```
/// use kizuna::engage::{response_metrics, Post, Window};
///
/// let post = |id: &str, at: &str, author: &str, text: &str, reply_to: Option<&str>| -> Post {
///     serde_json::from_value(serde_json::json!({"id": id, "created_at": at,
///         "author": {"id": author}, "text": text, "in_reply_to": reply_to})).unwrap()
/// };
/// let posts = [
///     post("1", "2026-11-16T01:00:00Z", "taro", "@sora_air 欠航ですか", None),
///     post("2", "2026-11-16T01:12:00Z", "brand", "@taro はい、欠航です", Some("1")),
///     post("3", "2026-11-16T02:00:00Z", "jiro", "@sora_air 荷物が出てこない", None),
///     post("4", "2026-11-16T03:00:00Z", "hanako", "今日は晴れ", None), // not to the brand
/// ];
/// let day = Window::new("2026-11-16T00:00:00Z".parse()?, "2026-11-17T00:00:00Z".parse()?, "UTC")?;
/// let r = response_metrics(&posts, "brand", "sora_air", &day, None)?;
/// assert_eq!((r.inbound, r.answered, r.response_rate), (2, 1, Some(0.5)));
/// assert_eq!(r.response_time.unwrap().median, jiff::SignedDuration::from_mins(12));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn response_metrics(
    posts: &[Post],
    account: &str,
    handle: &str,
    window: &Window,
    calendar: Option<&Calendar>,
) -> Result<ResponseMetrics> {
    let by_account: BTreeSet<&str> = posts
        .iter()
        .filter(|p| p.author.id == account)
        .map(|p| p.id.as_str())
        .collect();
    let addressed: BTreeSet<&str> = posts
        .iter()
        .filter(|p| {
            p.author.id != account
                && (p
                    .in_reply_to
                    .as_deref()
                    .is_some_and(|r| by_account.contains(r))
                    || mentions_handle(&p.text, handle))
        })
        .map(|p| p.id.as_str())
        .collect();
    let events: Vec<Event> = posts
        .iter()
        .map(|p| Event {
            is_brand: p.author.id == account,
            ..Event::from(p)
        })
        .collect();
    let threads = build_threads(events).threads;
    let inbound: Vec<_> = threads
        .iter()
        .filter(|t| {
            let opened = t.events.iter().find(|e| !e.is_brand);
            opened.is_some_and(|e| window.contains(e.created_at))
                && t.events
                    .iter()
                    .any(|e| e.is_brand || addressed.contains(e.id.as_str()))
        })
        .collect();
    let policy = SlaPolicy::new(Vec::new());
    let now = window.end;
    let evaluations = inbound
        .iter()
        .map(|t| evaluate(t, &policy, calendar, ReplyRules::default(), now))
        .collect::<Result<Vec<_>>>()?;
    let summary = summarize(inbound.iter().copied().zip(&evaluations), calendar)?;
    Ok(ResponseMetrics {
        inbound: summary.needing_reply,
        answered: summary.answered,
        response_rate: summary.response_rate,
        response_time: summary.first_reply_time,
        business_response_time: summary.first_reply_business_time,
    })
}

/// Whether `text` mentions `handle` (with or without its `@`), full-width forms and case
/// folded: `＠ＳＯＲＡ＿ＡＩＲ` mentions `sora_air`.
///
/// ```
/// use kizuna::engage::mentions_handle;
///
/// assert!(mentions_handle("＠ＳＯＲＡ＿ＡＩＲ 助けて", "@sora_air"));
/// assert!(!mentions_handle("@sora_airport", "sora_air"));
/// ```
pub fn mentions_handle(text: &str, handle: &str) -> bool {
    let fold = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = fold(handle.trim_start_matches(['@', '＠']));
    extract_entities(text).iter().any(|e| {
        e.kind == EntityKind::Mention && fold(e.text.trim_start_matches(['@', '＠'])) == wanted
    })
}

/// The account's posts in the window, checked, in time order.
fn own_posts<'a>(posts: &'a [Post], account: &str, window: &Window) -> Result<Vec<&'a Post>> {
    let mut own: Vec<&Post> = posts
        .iter()
        .filter(|p| p.author.id == account && window.contains(p.created_at))
        .collect();
    for post in &own {
        post.validate()?;
    }
    own.sort_by_key(|p| p.created_at);
    Ok(own)
}

/// `part ÷ whole`, `None` when `whole` is zero.
pub(super) fn ratio(part: f64, whole: f64) -> Option<f64> {
    (whole != 0.0).then(|| part / whole)
}

/// The median (the mean of the middle two for an even count), `None` when empty.
fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}
