//! A quantile sketch for non-negative rates in bounded memory, so that a median engagement
//! rate can be taken over a stream of any length.
//!
//! Values fall into logarithmic buckets `(γ^(i−1), γ^i]` with `γ = (1 + α) ÷ (1 − α)`, and a
//! bucket answers with `2γ^i ÷ (γ + 1)`, which lies within the relative error `α` of every
//! value in it (the bucket scheme of DDSketch, Masson, Rim and Lee, VLDB 2019). Zeros are
//! counted apart. Memory grows with the spread of the values (about 920 buckets from 10⁻⁴
//! to 1 at α = 0.5 %), never with their number.

use std::collections::BTreeMap;

use crate::{Error, Result};

/// A log-bucketed histogram of non-negative values with relative accuracy [`ACCURACY`].
///
/// ```
/// use kizuna::engage::RateSketch;
///
/// let mut sketch = RateSketch::default();
/// for rate in [0.01, 0.02, 0.03, 0.5] {
///     sketch.insert(rate)?;
/// }
/// let median = sketch.median().unwrap(); // exact: (0.02 + 0.03) ÷ 2
/// assert!((median - 0.025).abs() <= 0.025 * RateSketch::ACCURACY);
/// # Ok::<(), kizuna::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RateSketch {
    zeros: u64,
    buckets: BTreeMap<i32, u64>,
    count: u64,
}

/// The relative accuracy of every answer the sketch gives.
const ACCURACY: f64 = 0.005;
const GAMMA: f64 = (1.0 + ACCURACY) / (1.0 - ACCURACY);

impl RateSketch {
    /// Every answer lies within this share of the exact value: 0.5 %.
    pub const ACCURACY: f64 = ACCURACY;

    /// Counts `value`.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] for a negative, NaN or infinite value (no rate is one); the
    /// sketch is left as it was.
    ///
    /// ```
    /// use kizuna::engage::RateSketch;
    ///
    /// let mut sketch = RateSketch::default();
    /// assert!(sketch.insert(f64::NAN).is_err());
    /// sketch.insert(0.0)?;
    /// assert_eq!(sketch.count(), 1);
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn insert(&mut self, value: f64) -> Result<()> {
        if !value.is_finite() || value < 0.0 {
            return Err(Error::OutOfRange {
                what: "rate".into(),
                value: value.to_string(),
                range: "finite and at least 0".into(),
            });
        }
        self.count += 1;
        if value == 0.0 {
            self.zeros += 1;
        } else {
            *self.buckets.entry(bucket_of(value)).or_insert(0) += 1;
        }
        Ok(())
    }

    /// Adds the counts of `other`, as if its values had been inserted here: sketches of
    /// chunks of a stream merge into the sketch of the whole.
    ///
    /// ```
    /// use kizuna::engage::RateSketch;
    ///
    /// let (mut a, mut b) = (RateSketch::default(), RateSketch::default());
    /// a.insert(0.1)?;
    /// b.insert(0.3)?;
    /// a.merge(&b);
    /// assert_eq!(a.count(), 2);
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn merge(&mut self, other: &RateSketch) {
        self.zeros += other.zeros;
        self.count += other.count;
        for (&bucket, &n) in &other.buckets {
            *self.buckets.entry(bucket).or_insert(0) += n;
        }
    }

    /// The number of values counted.
    ///
    /// ```
    /// use kizuna::engage::RateSketch;
    ///
    /// assert_eq!(RateSketch::default().count(), 0);
    /// ```
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The median (the mean of the middle two for an even count, as the exact median is
    /// taken), within [`RateSketch::ACCURACY`] of the exact one; `None` when empty.
    ///
    /// ```
    /// use kizuna::engage::RateSketch;
    ///
    /// let mut sketch = RateSketch::default();
    /// assert_eq!(sketch.median(), None);
    /// sketch.insert(0.0)?;
    /// assert_eq!(sketch.median(), Some(0.0));
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn median(&self) -> Option<f64> {
        let n = self.count;
        match n {
            0 => None,
            _ if n % 2 == 1 => Some(self.at_rank(n / 2)),
            _ => Some((self.at_rank(n / 2 - 1) + self.at_rank(n / 2)) / 2.0),
        }
    }

    /// The value at 0-based `rank` in sorted order, as its bucket answers it.
    fn at_rank(&self, rank: u64) -> f64 {
        if rank < self.zeros {
            return 0.0;
        }
        let mut seen = self.zeros;
        for (&bucket, &n) in &self.buckets {
            seen += n;
            if rank < seen {
                return 2.0 * GAMMA.powi(bucket) / (GAMMA + 1.0);
            }
        }
        unreachable!("rank {rank} below the count {}", self.count)
    }
}

/// The bucket `i` with `γ^(i−1) < value ≤ γ^i`.
fn bucket_of(value: f64) -> i32 {
    // Positive finite f64 lie within γ^±71,000, far inside i32.
    (value.ln() / GAMMA.ln()).ceil() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bucket_answers_within_the_accuracy() {
        for value in [1e-300, 1e-9, 0.000_123, 0.01, 0.5, 1.0, 7.0, 3e12, 1e300] {
            let mut sketch = RateSketch::default();
            sketch.insert(value).unwrap();
            let got = sketch.median().unwrap();
            assert!(
                (got - value).abs() <= value * ACCURACY * (1.0 + 1e-12),
                "{value}: {got}"
            );
        }
    }

    #[test]
    fn zeros_sort_first() {
        let mut sketch = RateSketch::default();
        for v in [0.0, 0.0, 0.0, 0.2] {
            sketch.insert(v).unwrap();
        }
        assert_eq!(sketch.median(), Some(0.0));
        sketch.insert(0.2).unwrap();
        sketch.insert(0.2).unwrap();
        let median = sketch.median().unwrap(); // (0 + 0.2) ÷ 2
        assert!((median - 0.1).abs() <= 0.1 * ACCURACY);
    }
}
