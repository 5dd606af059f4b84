//! Account metrics over a stream of posts in bounded memory: counters, the window's active
//! days and a [`RateSketch`] for the median, whatever the number of posts.

use std::collections::BTreeSet;

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};

use super::account::{AccountMetrics, Window, ratio};
use super::{Post, RateSketch};
use crate::Result;

/// Builds [`AccountMetrics`] one post at a time, for exports too large to hold: memory is
/// bounded by the days of the window and the spread of the engagement rates, not by the
/// number of posts. Every figure equals [`account_metrics`](super::account_metrics)'s but
/// the median engagement rate, which comes from a [`RateSketch`] (within 0.5 %).
///
/// Posts may come in any order; accumulators of chunks [`merge`](Self::merge).
///
/// ```
/// use kizuna::engage::{AccountAccumulator, Post, Window};
///
/// let week = Window::new("2026-11-16T00:00:00Z".parse()?, "2026-11-23T00:00:00Z".parse()?, "UTC")?;
/// let mut account = AccountAccumulator::new("brand", week);
/// for line in [
///     r#"{"id": "2", "created_at": "2026-11-18T01:00:00Z", "author": {"id": "brand"}, "metrics": {"likes": 3, "impressions": 100}}"#,
///     r#"{"id": "1", "created_at": "2026-11-16T01:00:00Z", "author": {"id": "brand"}, "metrics": {"likes": 9, "impressions": 100}}"#,
///     r#"{"id": "8", "created_at": "2026-11-16T02:00:00Z", "author": {"id": "taro"}, "metrics": {"likes": 1}}"#,
/// ] {
///     account.push(&serde_json::from_str::<Post>(line)?)?;
/// }
/// let m = account.finish();
/// assert_eq!((m.posts, m.active_days), (2, 2));
/// assert_eq!(m.applause_rate, Some(6.0));
/// assert_eq!(m.engagement_rate, Some(12.0 / 200.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct AccountAccumulator {
    account: String,
    window: Window,
    posts: usize,
    active: BTreeSet<Date>,
    /// The earliest and latest post as (time, followers); ties keep the first and the last
    /// pushed, as a stable sort by time would.
    first: Option<(Timestamp, Option<f64>)>,
    last: Option<(Timestamp, Option<f64>)>,
    replies: f64,
    shares: f64,
    likes: f64,
    engagements: f64,
    impressions: f64,
    rates: RateSketch,
}

impl AccountAccumulator {
    /// An empty accumulator for the posts of `account` (an author id) in `window`.
    ///
    /// ```
    /// use kizuna::engage::{AccountAccumulator, Window};
    ///
    /// let day = Window::new("2026-11-16T00:00:00Z".parse()?, "2026-11-17T00:00:00Z".parse()?, "UTC")?;
    /// let m = AccountAccumulator::new("brand", day).finish();
    /// assert_eq!((m.posts, m.days, m.posts_per_day), (0, 1, Some(0.0)));
    /// assert_eq!(m.engagement_rate, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(account: &str, window: Window) -> AccountAccumulator {
        AccountAccumulator {
            account: account.to_owned(),
            window,
            posts: 0,
            active: BTreeSet::new(),
            first: None,
            last: None,
            replies: 0.0,
            shares: 0.0,
            likes: 0.0,
            engagements: 0.0,
            impressions: 0.0,
            rates: RateSketch::default(),
        }
    }

    /// Counts `post` if it is the account's and in the window; other posts are passed over.
    ///
    /// # Errors
    ///
    /// [`Error::Record`](crate::Error::Record) for a post of the account with a negative or
    /// non-finite count; the accumulator is left as it was.
    ///
    /// ```
    /// use kizuna::engage::{AccountAccumulator, Post, Window};
    ///
    /// let day = Window::new("2026-11-16T00:00:00Z".parse()?, "2026-11-17T00:00:00Z".parse()?, "UTC")?;
    /// let mut account = AccountAccumulator::new("brand", day);
    /// let bad: Post = serde_json::from_str(r#"{"id": "3", "created_at": "2026-11-16T01:00:00Z",
    ///     "author": {"id": "brand"}, "metrics": {"likes": -2}}"#)?;
    /// assert!(account.push(&bad).unwrap_err().to_string().contains("record 3"));
    /// assert_eq!(account.finish().posts, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn push(&mut self, post: &Post) -> Result<()> {
        self.push_rate(post).map(|_| ())
    }

    /// As [`push`](Self::push), and the post's engagement rate by impressions when it was
    /// counted, for a caller that keeps the rates for an exact median.
    pub(super) fn push_rate(&mut self, post: &Post) -> Result<Option<f64>> {
        if post.author.id != self.account || !self.window.contains(post.created_at) {
            return Ok(None);
        }
        let rates = post.engagement_rates()?;
        if let Some(rate) = rates.by_impressions {
            self.rates.insert(rate)?; // first, so that a failure leaves nothing counted
        }
        let (at, followers) = (post.created_at, post.author.followers);
        self.posts += 1;
        self.active.insert(self.window.date_of(at));
        if self.first.is_none_or(|(t, _)| at < t) {
            self.first = Some((at, followers));
        }
        if self.last.is_none_or(|(t, _)| at >= t) {
            self.last = Some((at, followers));
        }
        let m = &post.metrics;
        self.replies += m.replies.unwrap_or(0.0);
        self.shares += m.shares.unwrap_or(0.0);
        self.likes += m.likes.unwrap_or(0.0);
        if let Some(shown) = m.impressions.filter(|i| *i > 0.0) {
            self.engagements += rates.engagements;
            self.impressions += shown;
        }
        Ok(rates.by_impressions)
    }

    /// Adds what `other` counted (for the same account and window), as if its posts had been
    /// pushed here after this one's.
    ///
    /// ```
    /// use kizuna::engage::{AccountAccumulator, Post, Window};
    ///
    /// let day = Window::new("2026-11-16T00:00:00Z".parse()?, "2026-11-17T00:00:00Z".parse()?, "UTC")?;
    /// let post: Post = serde_json::from_str(r#"{"id": "1", "created_at": "2026-11-16T01:00:00Z",
    ///     "author": {"id": "brand"}, "metrics": {"likes": 4}}"#)?;
    /// let (mut a, mut b) = (AccountAccumulator::new("brand", day.clone()), AccountAccumulator::new("brand", day));
    /// a.push(&post)?;
    /// b.push(&post)?;
    /// a.merge(&b);
    /// assert_eq!(a.finish().posts, 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge(&mut self, other: &AccountAccumulator) {
        self.posts += other.posts;
        self.active.extend(other.active.iter().copied());
        if let Some(theirs) = other
            .first
            .filter(|(t, _)| self.first.is_none_or(|f| *t < f.0))
        {
            self.first = Some(theirs);
        }
        if let Some(theirs) = other
            .last
            .filter(|(t, _)| self.last.is_none_or(|l| *t >= l.0))
        {
            self.last = Some(theirs);
        }
        self.replies += other.replies;
        self.shares += other.shares;
        self.likes += other.likes;
        self.engagements += other.engagements;
        self.impressions += other.impressions;
        self.rates.merge(&other.rates);
    }

    /// The figures over every post pushed; see [`AccountMetrics`] for each one's formula.
    pub fn finish(&self) -> AccountMetrics {
        let days = self.window.days();
        let weekend = |d: &Date| matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday);
        let coverage = |want_weekend: bool| {
            let of_kind = days.iter().filter(|d| weekend(d) == want_weekend);
            let total = of_kind.clone().count();
            let covered = of_kind.filter(|d| self.active.contains(d)).count();
            ratio(covered as f64, total as f64)
        };
        let growth = match (self.first, self.last) {
            (Some((t0, Some(a))), Some((t1, Some(b)))) => {
                ratio(b - a, t1.duration_since(t0).as_secs_f64() / 86_400.0)
            }
            _ => None,
        };
        let n = self.posts as f64;
        AccountMetrics {
            posts: self.posts,
            days: days.len(),
            posts_per_day: ratio(n, days.len() as f64),
            active_days: self.active.len(),
            weekday_coverage: coverage(false),
            weekend_coverage: coverage(true),
            follower_growth_per_day: growth,
            conversation_rate: ratio(self.replies, n),
            amplification_rate: ratio(self.shares, n),
            applause_rate: ratio(self.likes, n),
            engagement_rate: ratio(self.engagements, self.impressions),
            median_engagement_rate: self.rates.median(),
        }
    }
}
