//! Net Promoter Score from 0–10 answers to "how likely are you to recommend us?" (Reichheld,
//! 2003): promoters answer 9–10, passives 7–8, detractors 0–6, and
//! NPS = 100 × (promoters − detractors) ÷ answers.
//!
//! Its standard error, from the multinomial variance of the promoter and detractor shares
//! `p` and `d` over `n` answers, is 100 · √((p + d − (p − d)²) ÷ n); the 95 % interval is NPS
//! ± 1.96 standard errors, clipped to [−100, 100].
//!
//! [`nps_from_sentiment`] gives an *estimate* from classified mentions instead (positive as
//! promoter, neutral as passive, negative as detractor): a proxy for when no survey exists,
//! and labelled as such.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// What an [`Nps`] was computed from.
///
/// ```
/// assert_ne!(kizuna::engage::NpsBasis::Survey, kizuna::engage::NpsBasis::SentimentEstimate);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NpsBasis {
    /// 0–10 survey answers.
    Survey,
    /// Mentions' sentiment, as a proxy: an estimate, not a measured NPS.
    SentimentEstimate,
}

/// A Net Promoter Score with its uncertainty; see the [module docs](self).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Nps {
    /// What it was computed from.
    pub basis: NpsBasis,
    /// Answers counted.
    pub responses: usize,
    /// Promoters (9–10).
    pub promoters: usize,
    /// Passives (7–8).
    pub passives: usize,
    /// Detractors (0–6).
    pub detractors: usize,
    /// The score, −100 to 100; `None` without answers.
    pub score: Option<f64>,
    /// Its standard error.
    pub standard_error: Option<f64>,
    /// Its 95 % interval.
    pub interval_95: Option<(f64, f64)>,
}

/// The NPS of 0–10 survey scores.
///
/// # Errors
///
/// [`Error::OutOfRange`] for a score above 10, naming its position.
///
/// ```
/// use kizuna::engage::nps;
///
/// // 5 promoters, 3 passives, 2 detractors.
/// let result = nps(&[10, 9, 9, 10, 9, 8, 7, 8, 3, 6])?;
/// assert_eq!(result.score, Some(30.0));
/// let se = result.standard_error.unwrap();
/// assert!((se - 100.0 * ((0.5 + 0.2 - 0.3f64 * 0.3) / 10.0).sqrt()).abs() < 1e-9);
/// assert!(nps(&[11]).is_err());
/// assert_eq!(nps(&[])?.score, None);
/// # Ok::<(), kizuna::Error>(())
/// ```
pub fn nps(scores: &[u8]) -> Result<Nps> {
    let mut counts = [0usize; 3];
    for (i, &score) in scores.iter().enumerate() {
        let class = match score {
            9..=10 => 0,
            7..=8 => 1,
            0..=6 => 2,
            _ => {
                return Err(Error::OutOfRange {
                    what: format!("NPS answer #{}", i + 1),
                    value: score.to_string(),
                    range: "0..=10".into(),
                });
            }
        };
        counts[class] += 1;
    }
    Ok(from_counts(NpsBasis::Survey, counts))
}

/// An NPS *estimate* from mentions' sentiment labels (`positive`, `neutral`, `negative`, as
/// in the label set); see the [module docs](self).
///
/// # Errors
///
/// [`Error::InvalidOption`] for another label, naming it.
///
/// ```
/// use kizuna::engage::{nps_from_sentiment, NpsBasis};
///
/// let estimate = nps_from_sentiment(["positive", "positive", "neutral", "negative"])?;
/// assert_eq!(estimate.basis, NpsBasis::SentimentEstimate);
/// assert_eq!(estimate.score, Some(25.0));
/// # Ok::<(), kizuna::Error>(())
/// ```
pub fn nps_from_sentiment<'a>(labels: impl IntoIterator<Item = &'a str>) -> Result<Nps> {
    let mut counts = [0usize; 3];
    for label in labels {
        let class = match label {
            "positive" => 0,
            "neutral" => 1,
            "negative" => 2,
            other => {
                return Err(Error::InvalidOption {
                    option: "sentiment".into(),
                    reason: format!("{other:?} is not positive, neutral or negative"),
                });
            }
        };
        counts[class] += 1;
    }
    Ok(from_counts(NpsBasis::SentimentEstimate, counts))
}

fn from_counts(basis: NpsBasis, [promoters, passives, detractors]: [usize; 3]) -> Nps {
    let n = promoters + passives + detractors;
    let (score, standard_error, interval_95) = if n == 0 {
        (None, None, None)
    } else {
        let (p, d) = (promoters as f64 / n as f64, detractors as f64 / n as f64);
        let score = 100.0 * (p - d);
        let se = 100.0 * ((p + d - (p - d).powi(2)).max(0.0) / n as f64).sqrt();
        let interval = (
            (score - 1.96 * se).max(-100.0),
            (score + 1.96 * se).min(100.0),
        );
        (Some(score), Some(se), Some(interval))
    };
    Nps {
        basis,
        responses: n,
        promoters,
        passives,
        detractors,
        score,
        standard_error,
        interval_95,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_promoters_have_no_spread() {
        let all = nps(&[10, 9, 10]).unwrap();
        assert_eq!((all.score, all.standard_error), (Some(100.0), Some(0.0)));
        assert_eq!(all.interval_95, Some((100.0, 100.0)));
        let none = nps(&[0, 6]).unwrap();
        assert_eq!(none.score, Some(-100.0));
    }

    #[test]
    fn the_interval_stays_within_bounds() {
        let few = nps(&[10, 0, 10]).unwrap();
        let (low, high) = few.interval_95.unwrap();
        assert!((-100.0..=100.0).contains(&low) && (-100.0..=100.0).contains(&high));
    }
}
