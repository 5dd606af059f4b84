//! Evaluation on labelled records (the format of `../shared/LABELS.md`): accuracy, per-class
//! precision, recall and F1, macro-F1 and the confusion matrix for sentiment, urgency and
//! needs-reply, and per-intent and macro F1 for the intents, overall and per language.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Classifier, Context, Intent, Sentiment, Urgency};
use crate::{Error, Result};

/// One labelled mention.
///
/// ```
/// use kizuna::classify::eval::LabelledRecord;
///
/// let r: LabelledRecord = serde_json::from_str(r#"{"id": "dev-ja-0001", "lang": "ja", "brand": "ソラ航空",
///   "text": "最高でした", "sentiment": "positive", "intents": ["praise"], "urgency": "low", "needs_reply": false}"#).unwrap();
/// assert_eq!(r.intents, [kizuna::classify::Intent::Praise]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelledRecord {
    /// Unique id.
    pub id: String,
    /// `ja` or `en`.
    pub lang: String,
    /// The brand the post is about.
    #[serde(default)]
    pub brand: String,
    /// The post.
    pub text: String,
    /// Gold sentiment.
    pub sentiment: Sentiment,
    /// Gold intents.
    pub intents: Vec<Intent>,
    /// Gold urgency.
    pub urgency: Urgency,
    /// Gold needs-reply.
    pub needs_reply: bool,
}

/// Reads labelled records from JSON Lines.
///
/// # Errors
///
/// [`Error::Parse`] naming the line of a record that does not fit the label set.
///
/// ```
/// let err = kizuna::classify::eval::read_labelled(r#"{"id": "1"}"#).unwrap_err();
/// assert!(err.to_string().contains("line 1"));
/// ```
pub fn read_labelled(text: &str) -> Result<Vec<LabelledRecord>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|e| Error::Parse {
                what: "labelled records".into(),
                line: i + 1,
                reason: e.to_string(),
            })
        })
        .collect()
}

/// Precision, recall, F1 and support of one class.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Prf {
    /// Correct among predicted.
    pub precision: f64,
    /// Correct among gold.
    pub recall: f64,
    /// Their harmonic mean.
    pub f1: f64,
    /// Gold instances.
    pub support: usize,
}

/// A single-label task's scores.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ClassReport {
    /// Correct ÷ all.
    pub accuracy: f64,
    /// Per class.
    pub per_class: BTreeMap<String, Prf>,
    /// The mean F1 over classes with gold support.
    pub macro_f1: f64,
    /// Counts by (gold, predicted).
    pub confusion: BTreeMap<String, BTreeMap<String, usize>>,
}

/// Scores of every task on a set of records.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Scores {
    /// Records scored.
    pub records: usize,
    /// Sentiment.
    pub sentiment: ClassReport,
    /// Intents, one binary task per intent (`macro_f1` over intents with support).
    pub intents: ClassReport,
    /// Urgency.
    pub urgency: ClassReport,
    /// Needs-reply (`true` and `false` classes).
    pub needs_reply: ClassReport,
}

/// Scores overall and per language.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EvalReport {
    /// All records.
    pub overall: Scores,
    /// By the records' `lang`.
    pub by_language: BTreeMap<String, Scores>,
}

/// The report as Markdown tables: one row per scope (all records, then each language) with
/// accuracy and macro-F1 for sentiment, macro-F1 for intents, F1 of needs-reply and recall of
/// high urgency; then F1 per intent, and the confusion of sentiment and urgency.
///
/// ```
/// use kizuna::classify::{eval::{evaluate, read_labelled}, Classifier};
///
/// let records = read_labelled(r#"{"id": "1", "lang": "ja", "text": "最高でした", "sentiment": "positive", "intents": ["praise"], "urgency": "low", "needs_reply": false}"#)?;
/// let table = evaluate(&Classifier::builder().build()?, &records).to_string();
/// assert!(table.starts_with("| scope | records |"));
/// assert!(table.contains("| ja | 1 |"));
/// # Ok::<(), kizuna::Error>(())
/// ```
impl std::fmt::Display for EvalReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "| scope | records | sentiment accuracy | sentiment macro-F1 | intents macro-F1 | needs-reply F1 | high-urgency recall |"
        )?;
        writeln!(f, "|---|---|---|---|---|---|---|")?;
        let scopes = std::iter::once(("all", &self.overall))
            .chain(self.by_language.iter().map(|(lang, s)| (lang.as_str(), s)));
        for (scope, s) in scopes {
            let reply = s.needs_reply.per_class.get("true").map_or(0.0, |p| p.f1);
            let high = s.urgency.per_class.get("high").map_or(0.0, |p| p.recall);
            writeln!(
                f,
                "| {scope} | {} | {:.3} | {:.3} | {:.3} | {reply:.3} | {high:.3} |",
                s.records, s.sentiment.accuracy, s.sentiment.macro_f1, s.intents.macro_f1
            )?;
        }
        writeln!(f)?;
        writeln!(f, "| intent | precision | recall | F1 | support |")?;
        writeln!(f, "|---|---|---|---|---|")?;
        for (intent, p) in &self.overall.intents.per_class {
            writeln!(
                f,
                "| {intent} | {:.3} | {:.3} | {:.3} | {} |",
                p.precision, p.recall, p.f1, p.support
            )?;
        }
        for (task, report) in [
            ("sentiment", &self.overall.sentiment),
            ("urgency", &self.overall.urgency),
        ] {
            writeln!(f)?;
            let labels: Vec<&String> = report.per_class.keys().collect();
            write!(f, "| {task}: gold \\ predicted |")?;
            labels.iter().try_for_each(|l| write!(f, " {l} |"))?;
            writeln!(f)?;
            writeln!(f, "|---|{}", "---|".repeat(labels.len()))?;
            for gold in &labels {
                write!(f, "| {gold} |")?;
                for predicted in &labels {
                    let n = report
                        .confusion
                        .get(*gold)
                        .and_then(|row| row.get(*predicted))
                        .copied()
                        .unwrap_or(0);
                    write!(f, " {n} |")?;
                }
                writeln!(f)?;
            }
        }
        Ok(())
    }
}

/// Classifies every record (with its brand as context) and scores the predictions.
///
/// ```
/// use kizuna::classify::{eval::{evaluate, read_labelled}, Classifier};
///
/// let records = read_labelled(r#"{"id": "1", "lang": "en", "brand": "Sora Air", "text": "worst airline ever, delayed again", "sentiment": "negative", "intents": ["complaint", "outage"], "urgency": "normal", "needs_reply": true}"#)?;
/// let report = evaluate(&Classifier::builder().build()?, &records);
/// assert_eq!(report.overall.sentiment.accuracy, 1.0);
/// assert_eq!(report.by_language["en"].records, 1);
/// # Ok::<(), kizuna::Error>(())
/// ```
pub fn evaluate(classifier: &Classifier, records: &[LabelledRecord]) -> EvalReport {
    let predictions: Vec<(&LabelledRecord, super::Classification)> = records
        .iter()
        .map(|r| {
            let context = Context {
                brands: vec![r.brand.clone()],
                ..Context::default()
            };
            (r, classifier.classify_with(&r.text, &context))
        })
        .collect();
    let mut by_language: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, (r, _)) in predictions.iter().enumerate() {
        by_language.entry(r.lang.clone()).or_default().push(i);
    }
    let score = |indices: &[usize]| {
        scores(
            indices
                .iter()
                .map(|&i| (predictions[i].0, &predictions[i].1)),
        )
    };
    let all: Vec<usize> = (0..predictions.len()).collect();
    EvalReport {
        overall: score(&all),
        by_language: by_language
            .iter()
            .map(|(lang, idx)| (lang.clone(), score(idx)))
            .collect(),
    }
}

fn scores<'a>(
    pairs: impl Iterator<Item = (&'a LabelledRecord, &'a super::Classification)>,
) -> Scores {
    let pairs: Vec<_> = pairs.collect();
    let sentiment: Vec<(String, String)> = pairs
        .iter()
        .map(|(r, c)| (r.sentiment.name().to_owned(), c.sentiment.name().to_owned()))
        .collect();
    let urgency: Vec<(String, String)> = pairs
        .iter()
        .map(|(r, c)| (r.urgency.name().to_owned(), c.urgency.name().to_owned()))
        .collect();
    let needs: Vec<(String, String)> = pairs
        .iter()
        .map(|(r, c)| (r.needs_reply.to_string(), c.needs_reply.to_string()))
        .collect();
    Scores {
        records: pairs.len(),
        sentiment: single_label(&sentiment),
        intents: multi_label(&pairs),
        urgency: single_label(&urgency),
        needs_reply: single_label(&needs),
    }
}

fn prf(tp: usize, fp: usize, fn_: usize) -> Prf {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (precision, recall) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Prf {
        precision,
        recall,
        f1,
        support: tp + fn_,
    }
}

fn single_label(pairs: &[(String, String)]) -> ClassReport {
    let mut confusion: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (gold, predicted) in pairs {
        *confusion
            .entry(gold.clone())
            .or_default()
            .entry(predicted.clone())
            .or_default() += 1;
    }
    let classes: std::collections::BTreeSet<&String> =
        pairs.iter().flat_map(|(g, p)| [g, p]).collect();
    let per_class: BTreeMap<String, Prf> = classes
        .iter()
        .map(|class| {
            let tp = pairs
                .iter()
                .filter(|(g, p)| g == *class && p == *class)
                .count();
            let fp = pairs
                .iter()
                .filter(|(g, p)| g != *class && p == *class)
                .count();
            let fn_ = pairs
                .iter()
                .filter(|(g, p)| g == *class && p != *class)
                .count();
            ((*class).clone(), prf(tp, fp, fn_))
        })
        .collect();
    let supported: Vec<f64> = per_class
        .values()
        .filter(|p| p.support > 0)
        .map(|p| p.f1)
        .collect();
    ClassReport {
        accuracy: if pairs.is_empty() {
            0.0
        } else {
            pairs.iter().filter(|(g, p)| g == p).count() as f64 / pairs.len() as f64
        },
        macro_f1: if supported.is_empty() {
            0.0
        } else {
            supported.iter().sum::<f64>() / supported.len() as f64
        },
        per_class,
        confusion,
    }
}

fn multi_label(pairs: &[(&LabelledRecord, &super::Classification)]) -> ClassReport {
    let mut per_class = BTreeMap::new();
    for &intent in Intent::ALL {
        let gold = |r: &LabelledRecord| r.intents.contains(&intent);
        let predicted = |c: &super::Classification| c.intents.contains(&intent);
        let tp = pairs
            .iter()
            .filter(|(r, c)| gold(r) && predicted(c))
            .count();
        let fp = pairs
            .iter()
            .filter(|(r, c)| !gold(r) && predicted(c))
            .count();
        let fn_ = pairs
            .iter()
            .filter(|(r, c)| gold(r) && !predicted(c))
            .count();
        per_class.insert(intent.name().to_owned(), prf(tp, fp, fn_));
    }
    let supported: Vec<f64> = per_class
        .values()
        .filter(|p| p.support > 0)
        .map(|p| p.f1)
        .collect();
    let exact = pairs
        .iter()
        .filter(|(r, c)| {
            let mut gold = r.intents.clone();
            gold.sort();
            gold == c.intents
        })
        .count();
    ClassReport {
        accuracy: if pairs.is_empty() {
            0.0
        } else {
            exact as f64 / pairs.len() as f64
        },
        macro_f1: if supported.is_empty() {
            0.0
        } else {
            supported.iter().sum::<f64>() / supported.len() as f64
        },
        per_class,
        confusion: BTreeMap::new(),
    }
}
