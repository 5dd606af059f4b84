//! Mention classification: how the author feels, what the post does, how urgent it is,
//! whether the care team should reply, and how likely it is to spread, each with the evidence
//! that decided it, in the original text.
//!
//! The pipeline: the `search` normaliser (width, case, kana folding, entities kept) → one
//! Aho-Corasick pass of the [`lexicon`] (built in for Japanese and English, written by the
//! project; user entries on top) → negation with scope (Japanese negators after the
//! predicate, English ones before it), intensifiers and downtoners, contrast (the clause after
//! けど / but weighs more), emoji, kaomoji and emoticons, repeated `!` → a score in [−1, 1]
//! (`s ÷ √(s² + 15)`, as VADER normalises) → intents, urgency, needs-reply and flame risk by
//! the label set's rules (`../shared/LABELS.md`). Brand names and handles are never
//! sentiment.
//!
//! ```
//! use kizuna::classify::{Classifier, Intent, Sentiment};
//!
//! let classifier = Classifier::builder().brand("@lynqs_mobile").build()?;
//! let c = classifier.classify("@lynqs_mobile 解約したいのですが、どこから手続きできますか？");
//! assert!(c.intents.contains(&Intent::Churn) && c.intents.contains(&Intent::Question));
//! assert!(c.needs_reply);
//! assert_eq!(classifier.classify("全然よくない").sentiment, Sentiment::Negative);
//! # Ok::<(), kizuna::Error>(())
//! ```
//!
//! A general Japanese vocabulary (1,322 everyday evaluative words and expressions, written by
//! the project) ships as `data/optional/ja_words.tsv`, not built in: it lifts Japanese sentiment
//! macro-F1 on the development set (0.856 → 0.895 on the part the lexicons were written
//! against, 0.787 → 0.811 on the part kept aside) but grows the lexicon table from 2.6 to
//! 4.0 MB, which costs 3–6 % of single-core speed. Ask for it by name
//! ([`lexicon::Vocabulary`]): with [`ClassifierBuilder::vocabulary`], or
//! `vocabularies = ["japanese_general"]` in a config.
//!
//! ```
//! use kizuna::classify::{Classifier, Sentiment, lexicon::Vocabulary};
//!
//! let classifier = Classifier::builder().vocabulary(Vocabulary::JapaneseGeneral)?.build()?;
//! assert_eq!(classifier.classify("対応に呆れた").sentiment, Sentiment::Negative);
//! # Ok::<(), kizuna::Error>(())
//! ```

mod classifier;
pub mod eval;
pub mod lexicon;
pub mod rules;
mod scan;

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Error;

pub use classifier::{Classification, Classifier, ClassifierBuilder, Context, Evidence};
pub use rules::{ClassifierConfig, Rule};

/// Generates a label enum with its names, `FromStr` and a list of every value.
macro_rules! labels {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The label as the label set writes it.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl FromStr for $name {
            type Err = Error;

            fn from_str(s: &str) -> Result<Self, Error> {
                $name::ALL.iter().copied().find(|v| v.name() == s).ok_or_else(|| Error::InvalidOption {
                    option: stringify!($name).to_lowercase(),
                    reason: format!("unknown label {s:?}"),
                })
            }
        }
    };
}

labels! {
    /// How the author feels about the brand or their experience.
    ///
    /// ```
    /// assert_eq!("negative".parse::<kizuna::classify::Sentiment>()?, kizuna::classify::Sentiment::Negative);
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    Sentiment { /// Positive.
        Positive = "positive", /// Neutral.
        Neutral = "neutral", /// Negative.
        Negative = "negative" }
}

labels! {
    /// What a post does (several may hold).
    ///
    /// ```
    /// assert_eq!(kizuna::classify::Intent::Outage.name(), "outage");
    /// ```
    Intent { /// Dissatisfaction with the product, service, staff or policy.
        Complaint = "complaint", /// Asks for information or help.
        Question = "question", /// Thanks or compliments.
        Praise = "praise", /// Reports buying, ordering, using or trying.
        Purchase = "purchase", /// A failure happening now.
        Outage = "outage", /// Suggests a change or asks for a feature.
        Request = "request", /// Threatens or announces leaving.
        Churn = "churn", /// Promotion, bot output or unrelated.
        Spam = "spam", /// None of the above.
        Other = "other" }
}

labels! {
    /// How soon a care team should act.
    ///
    /// ```
    /// assert!(kizuna::classify::Urgency::ALL.len() == 3);
    /// ```
    Urgency { /// Someone is stuck or harmed now, many are hit, or the post is spreading.
        High = "high", /// Within the day.
        Normal = "normal", /// Praise, purchases, chatter, spam.
        Low = "low" }
}

labels! {
    /// The language of a post, from its scripts.
    ///
    /// ```
    /// use kizuna::classify::{Classifier, Language};
    ///
    /// let classifier = Classifier::builder().build()?;
    /// assert_eq!(classifier.classify("フライト遅延").language, Language::Ja);
    /// assert_eq!(classifier.classify("flight delayed").language, Language::En);
    /// assert_eq!(classifier.classify("😭").language, Language::Unknown);
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    Language { /// Japanese.
        Ja = "ja", /// English.
        En = "en", /// Both, neither dominant.
        Mixed = "mixed", /// No letters to tell.
        Unknown = "unknown" }
}
