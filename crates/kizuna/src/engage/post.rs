//! Posts as exports give them, and engagement per post.
//!
//! - *Engagements*: likes + shares + replies + quotes, plus clicks and saves where the export
//!   gives them.
//! - *Engagement rate by impressions*: engagements ÷ impressions (the common definition of the
//!   platforms' analytics); *by reach*: ÷ unique accounts reached; *by followers*: ÷ the
//!   author's followers when the post went out (the rate used where impressions are not
//!   public). Each is `None` when its denominator is missing or zero.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// A post (or mention) with its author and counts, as in the design notes' record.
///
/// ```
/// use kizuna::engage::Post;
///
/// let post: Post = serde_json::from_str(r#"{
///   "id": "1", "platform": "twitter", "created_at": "2026-11-20T01:15:00Z",
///   "author": {"id": "u1", "handle": "taro", "followers": 1200, "is_brand": false},
///   "text": "@sora_air 羽田の搭乗口に誰もいない…", "in_reply_to": null,
///   "metrics": {"likes": 3, "shares": 1, "replies": 0, "quotes": 0, "impressions": 500}
/// }"#).unwrap();
/// assert_eq!(post.metrics.likes, Some(3.0));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Post {
    /// Unique id.
    pub id: String,
    /// `twitter`, `facebook`, `instagram`…
    #[serde(default)]
    pub platform: Option<String>,
    /// When it was posted.
    pub created_at: Timestamp,
    /// Who posted it.
    pub author: Author,
    /// Its text as written.
    #[serde(default)]
    pub text: String,
    /// The post it answers.
    #[serde(default)]
    pub in_reply_to: Option<String>,
    /// The conversation it belongs to.
    #[serde(default)]
    pub conversation_id: Option<String>,
    /// Whether it shares (retweets, reposts) another post rather than saying something.
    #[serde(default)]
    pub is_share: bool,
    /// Its counts.
    #[serde(default)]
    pub metrics: Metrics,
}

/// A post's author.
///
/// ```
/// let author = kizuna::engage::Author { id: "u1".into(), handle: Some("taro".into()), followers: Some(1200.0), is_brand: false };
/// assert!(!author.is_brand);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Author {
    /// The account's id.
    pub id: String,
    /// Its handle.
    #[serde(default)]
    pub handle: Option<String>,
    /// Its followers when the post went out.
    #[serde(default)]
    pub followers: Option<f64>,
    /// Whether it is the brand's account.
    #[serde(default)]
    pub is_brand: bool,
}

/// A post's counts; any may be missing from an export.
///
/// ```
/// let none = kizuna::engage::Metrics::default();
/// assert_eq!(none.impressions, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Metrics {
    /// Likes (favourites, reactions).
    pub likes: Option<f64>,
    /// Shares (retweets, reposts).
    pub shares: Option<f64>,
    /// Replies (comments).
    pub replies: Option<f64>,
    /// Quotes.
    pub quotes: Option<f64>,
    /// Link clicks.
    pub clicks: Option<f64>,
    /// Saves (bookmarks).
    pub saves: Option<f64>,
    /// Times shown.
    pub impressions: Option<f64>,
    /// Unique accounts reached.
    pub reach: Option<f64>,
}

impl Post {
    /// Checks that every count is a finite, non-negative number.
    ///
    /// # Errors
    ///
    /// [`Error::Record`] naming the post and the count.
    ///
    /// ```
    /// use kizuna::engage::Post;
    ///
    /// let mut post: Post = serde_json::from_str(r#"{"id": "7", "created_at": "2026-11-20T01:15:00Z", "author": {"id": "u1"}}"#).unwrap();
    /// assert!(post.validate().is_ok());
    /// post.metrics.likes = Some(-1.0);
    /// assert!(post.validate().unwrap_err().to_string().contains("record 7"));
    /// ```
    pub fn validate(&self) -> Result<()> {
        let m = &self.metrics;
        let counts = [
            ("likes", m.likes),
            ("shares", m.shares),
            ("replies", m.replies),
            ("quotes", m.quotes),
            ("clicks", m.clicks),
            ("saves", m.saves),
            ("impressions", m.impressions),
            ("reach", m.reach),
            ("followers", self.author.followers),
        ];
        for (name, value) in counts {
            if let Some(v) = value.filter(|v| !v.is_finite() || *v < 0.0) {
                return Err(Error::Record {
                    id: self.id.clone(),
                    reason: format!("{name} is {v}; counts must be finite and not negative"),
                });
            }
        }
        Ok(())
    }

    /// Likes + shares + replies + quotes, plus clicks and saves where given (missing counts
    /// count as zero).
    ///
    /// # Errors
    ///
    /// As [`validate`](Self::validate).
    ///
    /// ```
    /// use kizuna::engage::{Metrics, Post};
    ///
    /// let mut post: Post = serde_json::from_str(r#"{"id": "1", "created_at": "2026-11-20T01:15:00Z", "author": {"id": "u1"}}"#).unwrap();
    /// post.metrics = Metrics { likes: Some(10.0), shares: Some(2.0), replies: Some(3.0), clicks: Some(5.0), ..Metrics::default() };
    /// assert_eq!(post.engagements()?, 20.0);
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn engagements(&self) -> Result<f64> {
        self.validate()?;
        let m = &self.metrics;
        Ok([m.likes, m.shares, m.replies, m.quotes, m.clicks, m.saves]
            .into_iter()
            .flatten()
            .sum())
    }

    /// The post's engagement rates.
    ///
    /// # Errors
    ///
    /// As [`validate`](Self::validate).
    ///
    /// ```
    /// use kizuna::engage::Post;
    ///
    /// let post: Post = serde_json::from_str(r#"{"id": "1", "created_at": "2026-11-20T01:15:00Z",
    ///   "author": {"id": "u1", "followers": 1000},
    ///   "metrics": {"likes": 40, "shares": 10, "impressions": 2000, "reach": 0}}"#).unwrap();
    /// let rates = post.engagement_rates()?;
    /// assert_eq!(rates.engagements, 50.0);
    /// assert_eq!(rates.by_impressions, Some(0.025));
    /// assert_eq!(rates.by_reach, None); // zero reach: no rate, not infinity
    /// assert_eq!(rates.by_followers, Some(0.05));
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn engagement_rates(&self) -> Result<EngagementRates> {
        let engagements = self.engagements()?;
        let per = |base: Option<f64>| base.filter(|b| *b > 0.0).map(|b| engagements / b);
        Ok(EngagementRates {
            engagements,
            by_impressions: per(self.metrics.impressions),
            by_reach: per(self.metrics.reach),
            by_followers: per(self.author.followers),
        })
    }
}

/// Engagements and engagement rates of one post; see the [module docs](self).
///
/// ```
/// let rates = kizuna::engage::EngagementRates { engagements: 0.0, by_impressions: None, by_reach: None, by_followers: None };
/// assert_eq!(rates.by_impressions, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EngagementRates {
    /// Engagements.
    pub engagements: f64,
    /// Engagements ÷ impressions.
    pub by_impressions: Option<f64>,
    /// Engagements ÷ reach.
    pub by_reach: Option<f64>,
    /// Engagements ÷ followers at posting time.
    pub by_followers: Option<f64>,
}
