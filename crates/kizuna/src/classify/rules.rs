//! User rules and the classifier as a config document.
//!
//! A rule is a regular expression (the `regex` crate: linear time, so no pattern can hang the
//! classifier) with one signal of the lexicon format: `kind` and `value` as in a lexicon line.
//! Rules match the text the lexicon sees; their literal text is folded the same way (width,
//! katakana as hiragana, dashes and wave dashes) and they match regardless of case, so
//! `ログインでき(ない|ません)` matches ﾛｸﾞｲﾝできない. Long-vowel runs (ーーー) and repeated
//! characters are shortened in the text to two at most, and `\p{Katakana}` never matches
//! (katakana is folded): write patterns accordingly. A rule's match counts like a lexicon
//! term's and takes its place where they overlap.
//!
//! A config document, in TOML (or JSON, same fields):
//!
//! ```toml
//! brands = ["ソラ航空", "@sora_air"]
//! lexicons = ["care/lexicon.tsv"]
//! vocabularies = ["japanese_general"]
//!
//! [[rules]]
//! name = "refund still missing"
//! pattern = "返金.{0,10}(まだ|され(ない|てない|ません))"
//! kind = "intent"
//! value = "complaint"
//! ```

use std::borrow::Cow;
use std::path::PathBuf;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::lexicon::{self, Entry, Kinds};
use crate::text::{
    EntityOptions, KanaFold, Normalizer, NormalizerOptions, Tilde, UnicodeForm, Width,
};
use crate::{Error, Result};

/// A regular expression with the signal it gives; see the [module docs](self).
///
/// ```
/// use kizuna::classify::{Classifier, Intent, Rule};
///
/// let rule = Rule::new("stuck at the gate", r"(stuck|stranded) at (the )?gate", "urgent", "stranded");
/// let classifier = Classifier::builder().rule(rule)?.build()?;
/// let c = classifier.classify("Stuck at gate 12 with no info");
/// assert!(c.evidence.iter().any(|e| e.signal == "urgent:stranded" && e.term == "stuck at the gate"));
/// # Ok::<(), kizuna::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The rule's name, shown as the evidence's term.
    pub name: String,
    /// The regular expression (`regex` crate syntax).
    pub pattern: String,
    /// A lexicon kind: `sentiment`, `intent`, `urgent`, `flame`, …
    pub kind: String,
    /// The kind's value (a score, an intent, a reason); empty for kinds without one.
    #[serde(default)]
    pub value: String,
}

impl Rule {
    /// A rule from its parts.
    ///
    /// ```
    /// let rule = kizuna::classify::Rule::new("double charge", "charged (twice|two times)", "intent", "complaint");
    /// assert_eq!(rule.kind, "intent");
    /// ```
    pub fn new(name: &str, pattern: &str, kind: &str, value: &str) -> Rule {
        Rule {
            name: name.into(),
            pattern: pattern.into(),
            kind: kind.into(),
            value: value.into(),
        }
    }
}

/// A classifier described as data, for TOML or JSON through serde; see the
/// [module docs](self) for an example document.
///
/// ```
/// use kizuna::classify::{Classifier, ClassifierConfig, Intent};
///
/// let config: ClassifierConfig = serde_json::from_str(r#"{
///     "brands": ["@sora_air"],
///     "rules": [{"name": "lost bag", "pattern": "(荷物|スーツケース)が(出てこない|届かない)",
///                "kind": "intent", "value": "complaint"}]}"#)?;
/// let classifier = Classifier::from_config(&config)?;
/// let c = classifier.classify("@sora_air スーツケースが出てこない");
/// assert!(c.intents.contains(&Intent::Complaint));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassifierConfig {
    /// Brand names and handles: never sentiment.
    #[serde(default)]
    pub brands: Vec<String>,
    /// Lexicon files in the [lexicon format](super::lexicon), read when the classifier is built.
    #[serde(default)]
    pub lexicons: Vec<PathBuf>,
    /// Vocabularies shipped with kizuna but not built in, by name (`"japanese_general"`); see
    /// [`Vocabulary`](super::lexicon::Vocabulary).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vocabularies: Vec<super::lexicon::Vocabulary>,
    /// Rules, in order.
    #[serde(default)]
    pub rules: Vec<Rule>,
}

/// A rule ready to match: its expression over the normalised text and its one entry.
#[derive(Debug, Clone)]
pub(crate) struct CompiledRule {
    pub(crate) regex: Regex,
    pub(crate) entry: [Entry; 1],
    /// The kinds of signal of `entry`.
    pub(crate) kinds: Kinds,
}

impl CompiledRule {
    /// Checks and compiles `rule`.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] naming the rule and what is wrong with it.
    pub(crate) fn new(rule: &Rule) -> Result<CompiledRule> {
        let bad = |reason: String| Error::Config(format!("rule {:?}: {reason}", rule.name));
        let signal = lexicon::signal_of(&rule.kind, &rule.value).map_err(bad)?;
        let folded = pattern_folder().normalize(&rule.pattern).into_text();
        let regex = Regex::new(&format!("(?i:{folded})")).map_err(|e| bad(e.to_string()))?;
        if regex.is_match("") {
            return Err(bad("the pattern matches empty text".into()));
        }
        let entry = [Entry {
            signal,
            term: Cow::Owned(rule.name.clone()),
        }];
        Ok(CompiledRule {
            regex,
            kinds: Kinds::of(&entry),
            entry,
        })
    }
}

/// Folds a pattern's literal text as the matching normaliser folds posts, without the steps
/// that would change regular-expression syntax (case, repeats, spaces, long vowels).
fn pattern_folder() -> Normalizer {
    Normalizer::new(NormalizerOptions {
        unicode: UnicodeForm::Nfkc,
        width: Width::Full,
        hyphens: true,
        tilde: Tilde::Normalize,
        kana: KanaFold::Hiragana,
        entities: EntityOptions::default().report(false),
        ..NormalizerOptions::none()
    })
}

/// Reads the lexicon files of a config.
pub(crate) fn read_lexicons(paths: &[PathBuf]) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Config(format!("lexicon {}: {e}", path.display())))?;
        entries.extend(lexicon::parse(&text, &path.display().to_string())?);
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_rules_are_named() {
        let err = CompiledRule::new(&Rule::new("broken", "(unclosed", "intent", "complaint"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("rule \"broken\""), "{err}");
        let err = CompiledRule::new(&Rule::new("odd", "x", "intent", "dancing")).unwrap_err();
        assert!(err.to_string().contains("dancing"), "{err}");
        assert!(CompiledRule::new(&Rule::new("empty", "a*", "sentiment", "1")).is_err());
    }

    #[test]
    fn patterns_fold_like_posts_but_keep_their_syntax() {
        let rule = CompiledRule::new(&Rule::new(
            "x",
            r"ﾛｸﾞｲﾝ\s?でき(ない|ません)\b",
            "intent",
            "outage",
        ))
        .unwrap();
        assert_eq!(rule.regex.as_str(), r"(?i:ろぐいん\s?でき(ない|ません)\b)");
        assert!(rule.regex.is_match("ろぐいんできない"));
    }

    #[test]
    fn missing_lexicon_files_are_named() {
        let err = read_lexicons(&["/no/such/lexicon.tsv".into()]).unwrap_err();
        assert!(err.to_string().contains("/no/such/lexicon.tsv"), "{err}");
    }
}
