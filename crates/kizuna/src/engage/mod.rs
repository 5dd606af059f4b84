//! Engagement metrics: per post, per account over a window, the account's profile, its
//! regulars and its response, Net Promoter Score, and time series with spike detection.
//!
//! Every metric's formula and source is in its item's docs; every ratio is `None` on a zero
//! denominator (never NaN), and a negative or non-finite count is an error naming the post.
//! Account metrics also come from a stream, in memory bounded by the window's days rather
//! than the posts ([`AccountAccumulator`]).
//!
//! ```
//! use kizuna::engage::{nps, Post};
//!
//! let post: Post = serde_json::from_str(r#"{"id": "1", "created_at": "2026-11-20T01:15:00Z",
//!     "author": {"id": "sora_air", "followers": 52000},
//!     "metrics": {"likes": 120, "shares": 30, "replies": 12, "impressions": 8000}}"#).unwrap();
//! assert_eq!(post.engagement_rates()?.by_impressions, Some(162.0 / 8000.0));
//! assert_eq!(nps(&[10, 9, 7, 3])?.score, Some(25.0));
//! # Ok::<(), kizuna::Error>(())
//! ```

mod account;
mod nps;
mod post;
mod series;
mod sketch;
mod stream;

pub use account::{
    AccountMetrics, Engager, Profile, ResponseMetrics, Window, account_metrics,
    account_metrics_from, asks_question, mentions_handle, profile, repeat_engagers,
    response_metrics, weighted_length_without_urls,
};
pub use nps::{Nps, NpsBasis, nps, nps_from_sentiment};
pub use post::{Author, EngagementRates, Metrics, Post};
pub use series::{Bucket, Spike, SpikeRule, detect_spikes, series, share_series};
pub use sketch::RateSketch;
pub use stream::AccountAccumulator;
