//! SLA policies: targets for the first reply, every next reply and resolution, chosen by
//! ordered conditions on a thread's channel and tags; the first rule that matches wins, as in
//! Zendesk's SLA policies.
//!
//! A policy reads from TOML or JSON (durations in jiff's friendly form, `30m`, `2h`, `1h 30m`,
//! or ISO 8601 `PT2H`; in hours, not days, since a business day is not 24 hours):
//!
//! ```
//! use kizuna::sla::{Clock, SlaPolicy};
//!
//! let policy: SlaPolicy = serde_json::from_str(r#"{
//!   "at_risk": 0.25,
//!   "rules": [
//!     {"name": "urgent", "when": {"urgency": ["high"]},
//!      "first_reply": {"within": "30m"}, "next_reply": {"within": "1h"}},
//!     {"name": "twitter", "when": {"channel": ["twitter"]},
//!      "first_reply": {"within": "2h", "clock": "business"},
//!      "resolution": {"within": "27h", "clock": "business"}},
//!     {"name": "default", "first_reply": {"within": "24h"}}
//!   ]
//! }"#).unwrap();
//! assert_eq!(policy.rules[1].first_reply.as_ref().unwrap().clock, Clock::Business);
//! ```

use std::collections::BTreeMap;

use jiff::SignedDuration;
use serde::{Deserialize, Serialize};

use super::Thread;
use crate::{Error, Result};

/// An SLA policy: ordered rules and the share of a target below which a pending reply is at
/// risk.
///
/// ```
/// use kizuna::sla::{SlaPolicy, Rule, Target};
/// use jiff::SignedDuration;
///
/// let policy = SlaPolicy::new(vec![Rule::new("all").first_reply(Target::calendar(SignedDuration::from_hours(1)))]);
/// assert_eq!(policy.at_risk, 0.25);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaPolicy {
    /// The rules, tried in order.
    pub rules: Vec<Rule>,
    /// A pending reply is at risk when less than this share of its target is left (0–1).
    #[serde(default = "default_at_risk")]
    pub at_risk: f64,
}

fn default_at_risk() -> f64 {
    0.25
}

impl SlaPolicy {
    /// A policy of `rules`, at risk below a quarter of a target.
    ///
    /// ```
    /// let policy = kizuna::sla::SlaPolicy::new(Vec::new());
    /// assert!(policy.rules.is_empty());
    /// ```
    pub fn new(rules: Vec<Rule>) -> Self {
        SlaPolicy {
            rules,
            at_risk: default_at_risk(),
        }
    }

    /// Reads a policy from a JSON or TOML document (see the [module docs](self)) and checks
    /// it.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a document that does not parse (unknown fields included);
    /// [`Error::OutOfRange`] for an `at_risk` share outside 0–1 or a target that is not
    /// positive.
    ///
    /// ```
    /// use kizuna::sla::SlaPolicy;
    ///
    /// let policy = SlaPolicy::from_config("[[rules]]\nname = \"all\"\nfirst_reply = { within = \"1h\" }\n")?;
    /// assert_eq!(policy.rules[0].name, "all");
    /// let err = SlaPolicy::from_config(r#"{"rules": [{"name": "all", "first_reply": {"within": "-1h"}}]}"#).unwrap_err();
    /// assert!(err.to_string().contains("first_reply"));
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn from_config(text: &str) -> Result<SlaPolicy> {
        let policy: SlaPolicy = crate::config::parse(text, "SLA policy")?;
        policy.check()?;
        Ok(policy)
    }

    /// Checks that the shares and targets make sense.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] for an `at_risk` share outside 0–1 or a target that is not
    /// positive, naming the rule.
    ///
    /// ```
    /// let mut policy = kizuna::sla::SlaPolicy::new(Vec::new());
    /// policy.at_risk = 1.5;
    /// assert!(policy.check().is_err());
    /// ```
    pub fn check(&self) -> Result<()> {
        if !(0.0..=1.0).contains(&self.at_risk) {
            return Err(Error::OutOfRange {
                what: "SLA policy at_risk share".into(),
                value: self.at_risk.to_string(),
                range: "0 to 1".into(),
            });
        }
        for rule in &self.rules {
            let targets = [
                ("first_reply", &rule.first_reply),
                ("next_reply", &rule.next_reply),
                ("resolution", &rule.resolution),
            ];
            for (name, target) in targets {
                if let Some(target) = target.filter(|t| !t.within.is_positive()) {
                    return Err(Error::OutOfRange {
                        what: format!("rule {:?} {name} target", rule.name),
                        value: format!("{:#}", target.within),
                        range: "a positive duration".into(),
                    });
                }
            }
        }
        Ok(())
    }

    /// The first rule whose conditions the thread meets.
    ///
    /// ```
    /// use kizuna::sla::{build_threads, Event, Rule, SlaPolicy};
    ///
    /// let t = jiff::civil::date(2026, 11, 20).at(10, 0, 0, 0).in_tz("UTC").unwrap().timestamp();
    /// let threads = build_threads(vec![Event::customer("1", t, "taro").tag("urgency", "high")]);
    /// let policy = SlaPolicy::new(vec![
    ///     Rule::new("urgent").when("urgency", &["high"]),
    ///     Rule::new("default"),
    /// ]);
    /// assert_eq!(policy.rule_for(&threads.threads[0]).unwrap().name, "urgent");
    /// ```
    pub fn rule_for(&self, thread: &Thread) -> Option<&Rule> {
        self.rules.iter().find(|rule| rule.matches(thread))
    }
}

/// One rule: conditions, and the targets it sets.
///
/// ```
/// use jiff::SignedDuration;
/// use kizuna::sla::{Rule, Target};
///
/// let rule = Rule::new("urgent")
///     .when("urgency", &["high"])
///     .first_reply(Target::business(SignedDuration::from_mins(30)));
/// assert_eq!(rule.when["urgency"], ["high"]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The rule's name, reported with every result.
    pub name: String,
    /// Conditions, all of which must hold: a tag (or `channel`) and the values it may take.
    /// No conditions: the rule matches every thread.
    #[serde(default)]
    pub when: BTreeMap<String, Vec<String>>,
    /// Target for the first reply to a customer.
    #[serde(default)]
    pub first_reply: Option<Target>,
    /// Target for each later reply, from the oldest customer post not yet answered.
    #[serde(default)]
    pub next_reply: Option<Target>,
    /// Target for resolution, from the first customer post.
    #[serde(default)]
    pub resolution: Option<Target>,
}

impl Rule {
    /// A rule that matches every thread and sets no target.
    ///
    /// ```
    /// assert!(kizuna::sla::Rule::new("empty").when.is_empty());
    /// ```
    pub fn new(name: &str) -> Self {
        Rule {
            name: name.to_owned(),
            when: BTreeMap::new(),
            first_reply: None,
            next_reply: None,
            resolution: None,
        }
    }

    /// Adds a condition: `key` (a tag, or `channel`) must be one of `values`.
    ///
    /// ```
    /// let rule = kizuna::sla::Rule::new("social").when("channel", &["twitter", "instagram"]);
    /// assert_eq!(rule.when["channel"].len(), 2);
    /// ```
    pub fn when(mut self, key: &str, values: &[&str]) -> Self {
        self.when.insert(
            key.to_owned(),
            values.iter().map(|v| (*v).to_owned()).collect(),
        );
        self
    }

    /// Sets the first-reply target.
    ///
    /// ```
    /// use jiff::SignedDuration;
    /// let rule = kizuna::sla::Rule::new("r").first_reply(kizuna::sla::Target::calendar(SignedDuration::from_hours(1)));
    /// assert!(rule.first_reply.is_some());
    /// ```
    pub fn first_reply(mut self, target: Target) -> Self {
        self.first_reply = Some(target);
        self
    }

    /// Sets the next-reply target.
    ///
    /// ```
    /// use jiff::SignedDuration;
    /// let rule = kizuna::sla::Rule::new("r").next_reply(kizuna::sla::Target::calendar(SignedDuration::from_hours(2)));
    /// assert!(rule.next_reply.is_some());
    /// ```
    pub fn next_reply(mut self, target: Target) -> Self {
        self.next_reply = Some(target);
        self
    }

    /// Sets the resolution target.
    ///
    /// ```
    /// use jiff::SignedDuration;
    /// let rule = kizuna::sla::Rule::new("r").resolution(kizuna::sla::Target::business(SignedDuration::from_hours(24)));
    /// assert!(rule.resolution.is_some());
    /// ```
    pub fn resolution(mut self, target: Target) -> Self {
        self.resolution = Some(target);
        self
    }

    /// Whether the thread meets every condition.
    ///
    /// ```
    /// use kizuna::sla::{build_threads, Event, Rule};
    ///
    /// let t = jiff::civil::date(2026, 11, 20).at(10, 0, 0, 0).in_tz("UTC").unwrap().timestamp();
    /// let mut post = Event::customer("1", t, "taro");
    /// post.channel = Some("facebook".into());
    /// let thread = &build_threads(vec![post]).threads[0];
    /// assert!(!Rule::new("x").when("channel", &["twitter"]).matches(thread));
    /// assert!(Rule::new("y").when("channel", &["twitter", "facebook"]).matches(thread));
    /// ```
    pub fn matches(&self, thread: &Thread) -> bool {
        self.when.iter().all(|(key, allowed)| {
            let value = match key.as_str() {
                "channel" => thread.channel.as_deref(),
                tag => thread.tags.get(tag).map(String::as_str),
            };
            value.is_some_and(|v| allowed.iter().any(|a| a == v))
        })
    }
}

/// A time target, in calendar or business time.
///
/// ```
/// use jiff::SignedDuration;
/// use kizuna::sla::{Clock, Target};
///
/// let target: Target = serde_json::from_str(r#"{"within": "1h 30m", "clock": "business"}"#).unwrap();
/// assert_eq!(target, Target::business(SignedDuration::from_mins(90)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// How long the reply may take.
    pub within: SignedDuration,
    /// Which clock it runs on (calendar time unless said).
    #[serde(default)]
    pub clock: Clock,
}

impl Target {
    /// A target in calendar (wall) time.
    ///
    /// ```
    /// use jiff::SignedDuration;
    /// assert_eq!(kizuna::sla::Target::calendar(SignedDuration::from_hours(1)).clock, kizuna::sla::Clock::Calendar);
    /// ```
    pub fn calendar(within: SignedDuration) -> Self {
        Target {
            within,
            clock: Clock::Calendar,
        }
    }

    /// A target in business time (a [`Calendar`](super::Calendar)'s open hours).
    ///
    /// ```
    /// use jiff::SignedDuration;
    /// assert_eq!(kizuna::sla::Target::business(SignedDuration::from_hours(1)).clock, kizuna::sla::Clock::Business);
    /// ```
    pub fn business(within: SignedDuration) -> Self {
        Target {
            within,
            clock: Clock::Business,
        }
    }
}

/// The clock a target runs on.
///
/// ```
/// assert_eq!(kizuna::sla::Clock::default(), kizuna::sla::Clock::Calendar);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Clock {
    /// Wall-clock time, every second counts.
    #[default]
    Calendar,
    /// Only the calendar's open hours count.
    Business,
}
