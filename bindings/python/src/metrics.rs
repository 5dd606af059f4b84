//! Net Promoter Score.

use kizuna::engage::{Nps as CoreNps, NpsBasis};
use pyo3::prelude::*;

use crate::errors::OrRaise;

/// A Net Promoter Score with its standard error and 95 % interval; immutable.
#[pyclass(frozen, module = "kizuna")]
pub struct Nps(CoreNps);

#[pymethods]
impl Nps {
    /// `survey` (0–10 answers) or `sentiment_estimate` (mentions' sentiment as a proxy: an
    /// estimate, not a measured NPS).
    #[getter]
    fn basis(&self) -> &'static str {
        match self.0.basis {
            NpsBasis::Survey => "survey",
            NpsBasis::SentimentEstimate => "sentiment_estimate",
        }
    }

    /// Answers counted.
    #[getter]
    fn responses(&self) -> usize {
        self.0.responses
    }

    /// Answers of 9–10.
    #[getter]
    fn promoters(&self) -> usize {
        self.0.promoters
    }

    /// Answers of 7–8.
    #[getter]
    fn passives(&self) -> usize {
        self.0.passives
    }

    /// Answers of 0–6.
    #[getter]
    fn detractors(&self) -> usize {
        self.0.detractors
    }

    /// 100 × (promoters − detractors) ÷ responses; None without answers.
    #[getter]
    fn score(&self) -> Option<f64> {
        self.0.score
    }

    /// 100·√((p + d − (p − d)²)/n); None without answers.
    #[getter]
    fn standard_error(&self) -> Option<f64> {
        self.0.standard_error
    }

    /// The 95 % interval, clamped to [−100, 100]; None without answers.
    #[getter]
    fn interval_95(&self) -> Option<(f64, f64)> {
        self.0.interval_95
    }

    fn _repr_html_(&self) -> String {
        let number = |v: Option<f64>| v.map_or("–".into(), |v| format!("{v:.1}"));
        crate::convert::html_table(&[
            ("basis", self.basis().into()),
            ("NPS", number(self.0.score)),
            ("standard error", number(self.0.standard_error)),
            (
                "95 % interval",
                self.0
                    .interval_95
                    .map_or("–".into(), |(low, high)| format!("{low:.1} to {high:.1}")),
            ),
            ("responses", self.0.responses.to_string()),
            ("promoters", self.0.promoters.to_string()),
            ("passives", self.0.passives.to_string()),
            ("detractors", self.0.detractors.to_string()),
        ])
    }

    fn __repr__(&self) -> String {
        let score = self.0.score.map_or("None".into(), |s| format!("{s:.1}"));
        format!(
            "Nps(basis={}, score={score}, responses={}, promoters={}, passives={}, detractors={})",
            crate::convert::quoted(self.basis()),
            self.0.responses,
            self.0.promoters,
            self.0.passives,
            self.0.detractors
        )
    }
}

/// NPS from 0–10 survey answers.
#[pyfunction]
pub fn nps(scores: Vec<i64>) -> PyResult<Nps> {
    let scores: Vec<u8> = scores
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            u8::try_from(s).map_err(|_| kizuna::Error::OutOfRange {
                what: format!("NPS answer #{}", i + 1),
                value: s.to_string(),
                range: "0..=10".into(),
            })
        })
        .collect::<kizuna::Result<_>>()
        .or_raise()?;
    kizuna::engage::nps(&scores).or_raise().map(Nps)
}

/// An NPS estimate from mentions' sentiment labels (`positive`, `neutral`, `negative`),
/// labelled as an estimate.
#[pyfunction]
pub fn nps_from_sentiment(labels: Vec<String>) -> PyResult<Nps> {
    kizuna::engage::nps_from_sentiment(labels.iter().map(String::as_str))
        .or_raise()
        .map(Nps)
}
