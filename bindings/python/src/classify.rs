//! Mention classification and evaluation.

use kizuna::classify::{
    Classification as CoreClassification, Classifier as CoreClassifier, ClassifierConfig, Context,
};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::convert::{
    document, escape_html, from_py, html_table, non_null, par_map, quoted, quoted_list,
    reduce_to_config,
};
use crate::errors::OrRaise;

/// The built-in Japanese/English classifier, with the brand's names, custom lexicons and
/// rules; immutable and thread-safe.
#[pyclass(frozen, module = "kizuna")]
pub struct Classifier {
    inner: CoreClassifier,
    config: ClassifierConfig,
}

impl Classifier {
    fn build(config: ClassifierConfig) -> PyResult<Classifier> {
        let inner = CoreClassifier::from_config(&config).or_raise()?;
        Ok(Classifier { inner, config })
    }
}

/// The optional context of a post, checked.
fn context(
    brands: Option<Vec<String>>,
    followers: Option<f64>,
    shares: Option<f64>,
    replies_to_brand: bool,
) -> PyResult<Context> {
    let context = Context {
        brands: brands.unwrap_or_default(),
        followers,
        shares,
        replies_to_brand,
    };
    context.check().or_raise()?;
    Ok(context)
}

#[pymethods]
impl Classifier {
    /// `Classifier(brands=(), lexicons=(), vocabularies=(), rules=())`: brand names and
    /// handles (never read as sentiment), lexicon files in kizuna's format, vocabularies
    /// shipped with kizuna but not built in (`"japanese_general"`), and rules as dicts with
    /// `name`, `pattern`, `kind` and `value`.
    #[new]
    #[pyo3(signature = (*, brands = None, lexicons = None, vocabularies = None, rules = None))]
    fn new(
        brands: Option<Vec<String>>,
        lexicons: Option<Vec<std::path::PathBuf>>,
        vocabularies: Option<Vec<String>>,
        rules: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Classifier> {
        let rules = match rules {
            Some(rules) => from_py(rules, "classifier rules")?,
            None => Vec::new(),
        };
        let vocabularies = vocabularies
            .unwrap_or_default()
            .iter()
            .map(|name| name.parse().or_raise())
            .collect::<PyResult<_>>()?;
        Classifier::build(ClassifierConfig {
            brands: brands.unwrap_or_default(),
            lexicons: lexicons.unwrap_or_default(),
            vocabularies,
            rules,
        })
    }

    /// A classifier from a configuration document (JSON or TOML).
    #[staticmethod]
    fn from_config(config: &str) -> PyResult<Classifier> {
        Classifier::build(kizuna::config::parse(config, "classifier config").or_raise()?)
    }

    /// Classifies one post, with what is known about it.
    #[pyo3(signature = (text, *, brands = None, followers = None, shares = None, replies_to_brand = false))]
    fn classify(
        &self,
        py: Python<'_>,
        text: &str,
        brands: Option<Vec<String>>,
        followers: Option<f64>,
        shares: Option<f64>,
        replies_to_brand: bool,
    ) -> PyResult<Classification> {
        let context = context(brands, followers, shares, replies_to_brand)?;
        // A classification takes microseconds: releasing the GIL for it costs a few percent.
        Ok(Classification(
            py.detach(|| self.inner.classify_with(text, &context)),
        ))
    }

    /// Classifies every post of a sequence (list, tuple, pyarrow array, polars or pandas
    /// Series of str), without the GIL, on all cores unless `parallel=False`.
    #[pyo3(signature = (texts, *, parallel = true))]
    fn classify_batch(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        parallel: bool,
    ) -> PyResult<Vec<Classification>> {
        let texts = crate::arrow::texts(texts)?;
        par_map(py, &non_null(&texts)?, parallel, |text| {
            Classification(self.inner.classify(text))
        })
    }

    /// Classifies a column of posts into a `pyarrow.Table` with one row per post (null
    /// where the post is missing): `language`, `sentiment`, `score`, `intents` (a list),
    /// `urgency`, `needs_reply`, `flame_risk`. `to_pandas()` and `polars.from_arrow` take it
    /// over; pyarrow is needed.
    #[pyo3(signature = (texts, *, parallel = true))]
    fn classify_table<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        parallel: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let texts = crate::arrow::texts(texts)?;
        let batches = crate::arrow::in_pieces(py, &texts.views(), parallel, |piece| {
            let mut columns = crate::arrow::ClassificationColumns::with_capacity(piece.len());
            for text in piece {
                columns.push(text.map(|t| self.inner.classify(t)).as_ref());
            }
            columns.finish()
        })?;
        crate::arrow::table(py, batches)
    }

    /// Evaluates the classifier on labelled records (dicts in the label set's format, or a
    /// JSON Lines string): accuracy, per-class precision/recall/F1 and confusion matrices,
    /// overall and per language, as a dict.
    fn evaluate<'py>(&self, records: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = records.py();
        let records: Vec<kizuna::classify::eval::LabelledRecord> = match records.cast::<PyString>()
        {
            Ok(jsonl) => kizuna::classify::eval::read_labelled(jsonl.to_str()?).or_raise()?,
            Err(_) => from_py(records, "labelled records")?,
        };
        let report = py.detach(|| kizuna::classify::eval::evaluate(&self.inner, &records));
        document(py, &report)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce_to_config(slf, "from_config", &slf.get().config)
    }

    fn __repr__(&self) -> String {
        let vocabularies: Vec<&str> = self.config.vocabularies.iter().map(|v| v.name()).collect();
        format!(
            "Classifier(brands={}, lexicons={}, vocabularies={}, rules={})",
            quoted_list(&self.config.brands),
            self.config.lexicons.len(),
            quoted_list(&vocabularies),
            self.config.rules.len()
        )
    }
}

/// What the classifier decided about a post: immutable.
#[pyclass(frozen, module = "kizuna")]
pub struct Classification(CoreClassification);

#[pymethods]
impl Classification {
    /// `ja`, `en`, `mixed` or `unknown`.
    #[getter]
    fn language(&self) -> &'static str {
        self.0.language.name()
    }

    /// `positive`, `neutral` or `negative`.
    #[getter]
    fn sentiment(&self) -> &'static str {
        self.0.sentiment.name()
    }

    /// The sentiment score, −1 to 1.
    #[getter]
    fn score(&self) -> f64 {
        self.0.score
    }

    /// What the post does: complaint, question, praise, purchase, outage, request, churn,
    /// spam, or other alone.
    #[getter]
    fn intents(&self) -> Vec<&'static str> {
        self.0.intents.iter().map(|i| i.name()).collect()
    }

    /// `high`, `normal` or `low`.
    #[getter]
    fn urgency(&self) -> &'static str {
        self.0.urgency.name()
    }

    /// Whether a care team should reply.
    #[getter]
    fn needs_reply(&self) -> bool {
        self.0.needs_reply
    }

    /// How likely the post is to spread, 0 to 1.
    #[getter]
    fn flame_risk(&self) -> f64 {
        self.0.flame_risk
    }

    /// Why the flame risk is what it is.
    #[getter]
    fn flame_reasons(&self) -> Vec<String> {
        self.0.flame_reasons.clone()
    }

    /// Every signal that fired, with its span in the original post.
    #[getter]
    fn evidence(&self) -> Vec<Evidence> {
        self.0.evidence.iter().cloned().map(Evidence).collect()
    }

    /// Everything above as a dict (evidence spans in bytes and chars).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        document(py, &self.0)
    }

    /// A classification from `to_dict()`'s JSON, as pickling does.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Classification> {
        serde_json::from_str(json)
            .map(Classification)
            .map_err(|e| crate::errors::ParseError::new_err(format!("classification: {e}")))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce_to_config(slf, "from_json", &slf.get().0)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Classification>()
            .is_ok_and(|o| o.get().0 == self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "Classification(language={}, sentiment={}, score={:.3}, intents={}, urgency={}, needs_reply={}, flame_risk={:.3})",
            quoted(self.language()),
            quoted(self.sentiment()),
            self.0.score,
            quoted_list(&self.intents()),
            quoted(self.urgency()),
            if self.0.needs_reply { "True" } else { "False" },
            self.0.flame_risk
        )
    }

    fn _repr_html_(&self) -> String {
        let summary = html_table(&[
            ("language", self.language().into()),
            (
                "sentiment",
                format!("{} ({:+.2})", self.sentiment(), self.0.score),
            ),
            ("intents", self.intents().join(", ")),
            ("urgency", self.urgency().into()),
            (
                "needs reply",
                if self.0.needs_reply { "yes" } else { "no" }.into(),
            ),
            ("flame risk", format!("{:.2}", self.0.flame_risk)),
        ]);
        let evidence: String = self
            .0
            .evidence
            .iter()
            .map(|e| {
                format!(
                    "<tr><td>{}</td><td>{}</td><td>{:+.2}</td><td>{}–{}</td></tr>",
                    escape_html(&e.signal),
                    escape_html(&e.term),
                    e.contribution,
                    e.span.chars.start,
                    e.span.chars.end
                )
            })
            .collect();
        format!(
            "{summary}<table><tr><th>signal</th><th>term</th><th>contribution</th><th>chars</th></tr>{evidence}</table>"
        )
    }
}

/// One signal that fired: which, the term, what it added, and where it stands in the original
/// post.
#[pyclass(frozen, module = "kizuna")]
pub struct Evidence(kizuna::classify::Evidence);

#[pymethods]
impl Evidence {
    /// `sentiment`, `negator`, `intent:<name>`, `urgent:<reason>`, …
    #[getter]
    fn signal(&self) -> &str {
        &self.0.signal
    }

    /// The lexicon term, rule or entity that fired.
    #[getter]
    fn term(&self) -> &str {
        &self.0.term
    }

    /// What it added to the sentiment (0 for other signals).
    #[getter]
    fn contribution(&self) -> f64 {
        self.0.contribution
    }

    /// Char offset in the original post where it starts.
    #[getter]
    fn start(&self) -> usize {
        self.0.span.chars.start
    }

    /// Char offset in the original post where it ends.
    #[getter]
    fn end(&self) -> usize {
        self.0.span.chars.end
    }

    fn _repr_html_(&self) -> String {
        html_table(&[
            ("signal", self.0.signal.to_string()),
            ("term", self.0.term.to_string()),
            ("contribution", format!("{:+.3}", self.0.contribution)),
            ("chars", format!("{}–{}", self.start(), self.end())),
        ])
    }

    fn __repr__(&self) -> String {
        format!(
            "Evidence(signal={}, term={}, contribution={:.3}, start={}, end={})",
            quoted(&self.0.signal),
            quoted(&self.0.term),
            self.0.contribution,
            self.start(),
            self.end()
        )
    }
}
