//! The events reply SLAs are measured on: posts and replies with who wrote them and what they
//! answer, from a social-listening export or the public "Customer Support on Twitter" data.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// One post in a conversation between customers and a brand.
///
/// `tags` carry what a classifier or an agent said of the post (`urgency`, `intent`, `agent`…);
/// an [`SlaPolicy`](super::SlaPolicy) chooses its targets by them. `resolves` marks a brand
/// event that closes the thread (from a CRM's status, say), and `automated` a brand reply sent
/// by a bot, which can be left out of reply times.
///
/// ```
/// use kizuna::sla::Event;
///
/// let event: Event = serde_json::from_str(r#"{
///     "id": "1", "created_at": "2026-11-20T01:15:00Z", "author_id": "u1",
///     "in_reply_to": null, "channel": "twitter", "tags": {"urgency": "high"}
/// }"#).unwrap();
/// assert!(!event.is_brand);
/// assert_eq!(event.tags["urgency"], "high");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Unique id of the post.
    pub id: String,
    /// When it was posted.
    pub created_at: Timestamp,
    /// Who posted it.
    pub author_id: String,
    /// Whether the brand posted it.
    #[serde(default)]
    pub is_brand: bool,
    /// The id of the post it answers.
    #[serde(default)]
    pub in_reply_to: Option<String>,
    /// The conversation it belongs to, where the platform gives one (X's `conversation_id`).
    #[serde(default)]
    pub conversation_id: Option<String>,
    /// The channel (`twitter`, `facebook`, `instagram`…).
    #[serde(default)]
    pub channel: Option<String>,
    /// A brand reply sent by a bot.
    #[serde(default)]
    pub automated: bool,
    /// A brand event that closes the thread.
    #[serde(default)]
    pub resolves: bool,
    /// Labels for policies and aggregates (`urgency`, `intent`, `agent`, …).
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

impl Event {
    /// A customer's post.
    ///
    /// ```
    /// use jiff::Timestamp;
    /// use kizuna::sla::Event;
    ///
    /// let t: Timestamp = "2026-11-20T01:15:00Z".parse().unwrap();
    /// let post = Event::customer("1", t, "taro");
    /// assert!(!post.is_brand && post.in_reply_to.is_none());
    /// ```
    pub fn customer(id: &str, created_at: Timestamp, author_id: &str) -> Self {
        Event {
            id: id.to_owned(),
            created_at,
            author_id: author_id.to_owned(),
            is_brand: false,
            in_reply_to: None,
            conversation_id: None,
            channel: None,
            automated: false,
            resolves: false,
            tags: BTreeMap::new(),
        }
    }

    /// The brand's reply to `in_reply_to`.
    ///
    /// ```
    /// use jiff::Timestamp;
    /// use kizuna::sla::Event;
    ///
    /// let t: Timestamp = "2026-11-20T01:20:00Z".parse().unwrap();
    /// let reply = Event::brand_reply("2", t, "sora_air", "1");
    /// assert!(reply.is_brand);
    /// assert_eq!(reply.in_reply_to.as_deref(), Some("1"));
    /// ```
    pub fn brand_reply(
        id: &str,
        created_at: Timestamp,
        author_id: &str,
        in_reply_to: &str,
    ) -> Self {
        Event {
            is_brand: true,
            in_reply_to: Some(in_reply_to.to_owned()),
            ..Event::customer(id, created_at, author_id)
        }
    }

    /// Sets a tag.
    ///
    /// ```
    /// use kizuna::sla::Event;
    ///
    /// let post = Event::customer("1", "2026-11-20T01:15:00Z".parse().unwrap(), "taro").tag("urgency", "high");
    /// assert_eq!(post.tags["urgency"], "high");
    /// ```
    pub fn tag(mut self, key: &str, value: &str) -> Self {
        self.tags.insert(key.to_owned(), value.to_owned());
        self
    }
}

/// Reads events from JSON Lines (one [`Event`] per line; blank lines skipped).
///
/// # Errors
///
/// [`Error::Parse`] naming the line (and the record's id when it has one) of a record that is
/// not an event: a missing timestamp, a malformed time, a wrong type.
///
/// ```
/// use kizuna::sla::read_events;
///
/// let events = read_events(r#"{"id": "1", "created_at": "2026-11-20T01:15:00Z", "author_id": "u1"}
///
/// {"id": "2", "created_at": "2026-11-20T01:20:00Z", "author_id": "sora_air", "is_brand": true, "in_reply_to": "1"}"#)?;
/// assert_eq!(events.len(), 2);
/// let err = read_events(r#"{"id": "9", "author_id": "u1"}"#).unwrap_err();
/// assert!(err.to_string().contains("line 1") && err.to_string().contains("record 9"));
/// # Ok::<(), kizuna::Error>(())
/// ```
pub fn read_events(text: &str) -> Result<Vec<Event>> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            serde_json::from_str::<Event>(line).map_err(|e| {
                let id = serde_json::from_str::<serde_json::Value>(line)
                    .ok()
                    .and_then(|v| {
                        v.get("id")
                            .map(|id| id.to_string().trim_matches('"').to_owned())
                    });
                Error::Parse {
                    what: "events".into(),
                    line: index + 1,
                    reason: match id {
                        Some(id) => format!("record {id}: {e}"),
                        None => e.to_string(),
                    },
                }
            })
        })
        .collect()
}

/// A record of the public "Customer Support on Twitter" export, as its CSV columns name them.
///
/// ```
/// use kizuna::sla::{Event, TwcsRecord};
///
/// let record = TwcsRecord {
///     tweet_id: "119237".into(),
///     author_id: "AppleSupport".into(),
///     inbound: false,
///     created_at: "Wed Oct 11 06:55:44 +0000 2017".into(),
///     text: "@105834 Let's take a look.".into(),
///     response_tweet_id: Some("119238".into()),
///     in_response_to_tweet_id: Some("119236".into()),
/// };
/// let event = Event::try_from(record)?;
/// assert!(event.is_brand);
/// assert_eq!(event.created_at.to_string(), "2017-10-11T06:55:44Z");
/// # Ok::<(), kizuna::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwcsRecord {
    /// The tweet's id.
    pub tweet_id: String,
    /// Its author (a brand's handle, or an anonymised customer number).
    pub author_id: String,
    /// Whether a customer sent it to the brand (`True`/`False` in the CSV).
    #[serde(deserialize_with = "python_bool")]
    pub inbound: bool,
    /// `Wed Oct 11 06:55:44 +0000 2017`.
    pub created_at: String,
    /// The tweet's text.
    pub text: String,
    /// The ids of the tweets that answer it, comma-separated (not needed: replies name their
    /// parent).
    #[serde(default)]
    pub response_tweet_id: Option<String>,
    /// The id of the tweet it answers.
    #[serde(default)]
    pub in_response_to_tweet_id: Option<String>,
}

fn python_bool<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    let text = String::deserialize(d)?;
    match text.as_str() {
        "True" | "true" | "1" => Ok(true),
        "False" | "false" | "0" => Ok(false),
        other => Err(serde::de::Error::custom(format!(
            "inbound must be True or False, not {other:?}"
        ))),
    }
}

/// A post of an export as an event of its thread: its id, time, author and brand flag, what it
/// answers, its conversation, and its platform as the channel.
///
/// ```
/// use kizuna::engage::Post;
/// use kizuna::sla::Event;
///
/// let post: Post = serde_json::from_str(r#"{"id": "2", "platform": "twitter", "created_at": "2026-11-24T01:20:00Z",
///     "author": {"id": "b_sora", "is_brand": true}, "in_reply_to": "1"}"#).unwrap();
/// let event = Event::from(&post);
/// assert!(event.is_brand);
/// assert_eq!((event.in_reply_to.as_deref(), event.channel.as_deref()), (Some("1"), Some("twitter")));
/// ```
impl From<&crate::engage::Post> for Event {
    fn from(post: &crate::engage::Post) -> Event {
        Event {
            is_brand: post.author.is_brand,
            in_reply_to: post.in_reply_to.clone(),
            conversation_id: post.conversation_id.clone(),
            channel: post.platform.clone(),
            ..Event::customer(&post.id, post.created_at, &post.author.id)
        }
    }
}

impl TryFrom<TwcsRecord> for Event {
    type Error = Error;

    fn try_from(record: TwcsRecord) -> Result<Event> {
        let created_at = jiff::fmt::strtime::parse("%a %b %d %H:%M:%S %z %Y", &record.created_at)
            .and_then(|t| t.to_timestamp())
            .map_err(|e| Error::Record {
                id: record.tweet_id.clone(),
                reason: format!(
                    "created_at {:?} is not a tweet time: {e}",
                    record.created_at
                ),
            })?;
        // The export writes a missing parent as an empty field (or as a float, `119236.0`).
        let parent = record
            .in_response_to_tweet_id
            .map(|p| p.trim().trim_end_matches(".0").to_owned())
            .filter(|p| !p.is_empty());
        Ok(Event {
            in_reply_to: parent,
            channel: Some("twitter".into()),
            is_brand: !record.inbound,
            ..Event::customer(&record.tweet_id, created_at, &record.author_id)
        })
    }
}
