//! Engagement metrics: account figures from a list of post dicts or straight from a table
//! (pyarrow, pandas, polars) without building a Python object per row; profile and repeat
//! engagers from post dicts.

use std::fmt::Write as _;

use arrow_array::types::{
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType,
};
use arrow_array::{
    Array, Float32Array, Float64Array, Int32Array, Int64Array, LargeStringArray, StringArray,
    StringViewArray, StructArray, UInt32Array, UInt64Array,
};
use arrow_schema::{DataType, TimeUnit};
use jiff::Timestamp;
use kizuna::engage::{Author, Metrics, Post, Window};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

use crate::convert::{document, from_py, instant};
use crate::errors::OrRaise;

/// The window `[start, end)` read in `time_zone`.
fn window(start: &Bound<'_, PyAny>, end: &Bound<'_, PyAny>, time_zone: &str) -> PyResult<Window> {
    Window::new(instant(start, "start")?, instant(end, "end")?, time_zone).or_raise()
}

/// Whether `posts` is a table (a pyarrow Table, a pandas or polars DataFrame) rather than a
/// sequence of dicts.
fn is_table(posts: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(posts.hasattr("__arrow_c_stream__")? || posts.hasattr("columns")?)
}

/// Posts from a sequence of dicts in kizuna's post shape (`id`, `created_at`, `author`,
/// `metrics`, …).
fn post_dicts(posts: &Bound<'_, PyAny>) -> PyResult<Vec<Post>> {
    posts
        .try_iter()?
        .enumerate()
        .map(|(i, post)| from_py(&post?, &format!("post #{}", i + 1)))
        .collect()
}

/// The posting and engagement figures of `account` (an author id) in `[start, end)`, days
/// read in `time_zone`: posts per day, active days, weekday and weekend coverage, follower
/// growth per day, conversation, amplification and applause rates, and total and median
/// engagement rate by impressions (exact). `posts` is a sequence of post dicts, or a table
/// with the columns `author_id` and `created_at` (timestamps, or RFC 3339 strings), and any of
/// `id`, `followers`, `likes`, `shares`, `replies`, `quotes`, `clicks`, `saves`,
/// `impressions`, `reach` (numbers; null for unknown).
#[pyfunction]
#[pyo3(signature = (posts, account, start, end, time_zone = "UTC"))]
pub fn account_metrics<'py>(
    py: Python<'py>,
    posts: &Bound<'py, PyAny>,
    account: &str,
    start: &Bound<'py, PyAny>,
    end: &Bound<'py, PyAny>,
    time_zone: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let window = window(start, end, time_zone)?;
    let metrics = if is_table(posts)? {
        let batches = crate::arrow::record_batches(posts)?;
        let columns = batches
            .iter()
            .map(PostColumns::new)
            .collect::<PyResult<Vec<_>>>()?;
        py.detach(|| {
            kizuna::engage::account_metrics_from(account, &window, |sink| {
                let mut post = empty_post();
                for batch in &columns {
                    batch.feed(account, &mut post, sink)?;
                }
                Ok(())
            })
        })
        .or_raise()?
    } else {
        let posts = post_dicts(posts)?;
        py.detach(|| kizuna::engage::account_metrics(&posts, account, &window))
            .or_raise()?
    };
    document(py, &metrics)
}

/// How `account` talks in `[start, end)`: dialogue, link, broadcast-question, share and
/// hashtag rates, mean length without URLs (as X counts), posts per day; from post dicts.
#[pyfunction]
#[pyo3(signature = (posts, account, start, end, time_zone = "UTC"))]
pub fn profile<'py>(
    py: Python<'py>,
    posts: &Bound<'py, PyAny>,
    account: &str,
    start: &Bound<'py, PyAny>,
    end: &Bound<'py, PyAny>,
    time_zone: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let window = window(start, end, time_zone)?;
    let posts = post_dicts(posts)?;
    let profile = kizuna::engage::profile(&posts, account, &window).or_raise()?;
    document(py, &profile)
}

/// The authors who engaged with `account` (replied to it or mentioned `handle`) at least
/// `min` times in `[start, end)`, most engaged first; from post dicts.
#[pyfunction]
#[pyo3(signature = (posts, account, handle, start, end, time_zone = "UTC", *, min = 2))]
#[allow(clippy::too_many_arguments)]
pub fn repeat_engagers<'py>(
    py: Python<'py>,
    posts: &Bound<'py, PyAny>,
    account: &str,
    handle: &str,
    start: &Bound<'py, PyAny>,
    end: &Bound<'py, PyAny>,
    time_zone: &str,
    min: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let window = window(start, end, time_zone)?;
    let posts = post_dicts(posts)?;
    let engagers = kizuna::engage::repeat_engagers(&posts, account, handle, &window, min);
    document(py, &engagers)
}

/// A post to refill row after row.
fn empty_post() -> Post {
    Post {
        id: String::new(),
        platform: None,
        created_at: Timestamp::UNIX_EPOCH,
        author: Author {
            id: String::new(),
            handle: None,
            followers: None,
            is_brand: false,
        },
        text: String::new(),
        in_reply_to: None,
        conversation_id: None,
        is_share: false,
        metrics: Metrics::default(),
    }
}

/// A text column of any Arrow string type.
enum Texts<'a> {
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray),
}

impl<'a> Texts<'a> {
    fn new(array: &'a dyn Array, name: &str) -> PyResult<Texts<'a>> {
        let any = array.as_any();
        if let Some(a) = any.downcast_ref::<StringArray>() {
            Ok(Texts::Utf8(a))
        } else if let Some(a) = any.downcast_ref::<LargeStringArray>() {
            Ok(Texts::Large(a))
        } else if let Some(a) = any.downcast_ref::<StringViewArray>() {
            Ok(Texts::View(a))
        } else {
            Err(PyTypeError::new_err(format!(
                "column {name} holds {}, not strings",
                array.data_type()
            )))
        }
    }

    fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Texts::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Texts::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Texts::View(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }
}

/// A count column of any common Arrow number type, read as `f64`.
enum Numbers<'a> {
    I64(&'a Int64Array),
    I32(&'a Int32Array),
    U64(&'a UInt64Array),
    U32(&'a UInt32Array),
    F64(&'a Float64Array),
    F32(&'a Float32Array),
}

impl<'a> Numbers<'a> {
    fn new(array: &'a dyn Array, name: &str) -> PyResult<Numbers<'a>> {
        let any = array.as_any();
        let found = any
            .downcast_ref::<Int64Array>()
            .map(Numbers::I64)
            .or_else(|| any.downcast_ref::<Int32Array>().map(Numbers::I32))
            .or_else(|| any.downcast_ref::<UInt64Array>().map(Numbers::U64))
            .or_else(|| any.downcast_ref::<UInt32Array>().map(Numbers::U32))
            .or_else(|| any.downcast_ref::<Float64Array>().map(Numbers::F64))
            .or_else(|| any.downcast_ref::<Float32Array>().map(Numbers::F32));
        found.ok_or_else(|| {
            PyTypeError::new_err(format!(
                "column {name} holds {}, not numbers (int32, int64, uint32, uint64, float32, float64)",
                array.data_type()
            ))
        })
    }

    fn get(&self, i: usize) -> Option<f64> {
        match self {
            Numbers::I64(a) => a.is_valid(i).then(|| a.value(i) as f64),
            Numbers::I32(a) => a.is_valid(i).then(|| f64::from(a.value(i))),
            Numbers::U64(a) => a.is_valid(i).then(|| a.value(i) as f64),
            Numbers::U32(a) => a.is_valid(i).then(|| f64::from(a.value(i))),
            Numbers::F64(a) => a.is_valid(i).then(|| a.value(i)),
            Numbers::F32(a) => a.is_valid(i).then(|| f64::from(a.value(i))),
        }
    }
}

/// A time column: Arrow timestamps of any unit (the zone does not matter: they are instants),
/// or RFC 3339 strings.
enum Times<'a> {
    Stamps(&'a dyn Array, TimeUnit),
    Texts(Texts<'a>),
}

impl<'a> Times<'a> {
    fn new(array: &'a dyn Array) -> PyResult<Times<'a>> {
        match array.data_type() {
            DataType::Timestamp(unit, _) => Ok(Times::Stamps(array, *unit)),
            _ => Texts::new(array, "created_at").map(Times::Texts),
        }
    }

    /// The instant of row `i`; `None` when null, an error text when it does not read.
    fn get(&self, i: usize) -> Result<Option<Timestamp>, String> {
        use arrow_array::cast::AsArray;
        match self {
            Times::Stamps(array, unit) => {
                if array.is_null(i) {
                    return Ok(None);
                }
                let (value, per_second) = match unit {
                    TimeUnit::Second => (array.as_primitive::<TimestampSecondType>().value(i), 1),
                    TimeUnit::Millisecond => (
                        array.as_primitive::<TimestampMillisecondType>().value(i),
                        1_000,
                    ),
                    TimeUnit::Microsecond => (
                        array.as_primitive::<TimestampMicrosecondType>().value(i),
                        1_000_000,
                    ),
                    TimeUnit::Nanosecond => (
                        array.as_primitive::<TimestampNanosecondType>().value(i),
                        1_000_000_000,
                    ),
                };
                let (seconds, rest) = (value.div_euclid(per_second), value.rem_euclid(per_second));
                let nanos = (rest * (1_000_000_000 / per_second)) as i32;
                Timestamp::new(seconds, nanos)
                    .map(Some)
                    .map_err(|e| e.to_string())
            }
            Times::Texts(texts) => texts
                .get(i)
                .map(|t| t.parse::<Timestamp>().map_err(|e| format!("{t:?}: {e}")))
                .transpose(),
        }
    }
}

/// Where a count column goes in a post's metrics.
type CountField = fn(&mut Metrics) -> &mut Option<f64>;

/// The columns of one record batch that account figures read.
struct PostColumns<'a> {
    rows: usize,
    ids: Option<Texts<'a>>,
    authors: Texts<'a>,
    times: Times<'a>,
    followers: Option<Numbers<'a>>,
    counts: [(Option<Numbers<'a>>, CountField); 8],
}

impl<'a> PostColumns<'a> {
    fn new(batch: &'a StructArray) -> PyResult<PostColumns<'a>> {
        let column = |name: &str| batch.column_by_name(name).map(|c| c.as_ref());
        let required = |name: &str| {
            column(name).ok_or_else(|| {
                crate::errors::ConfigError::new_err(format!("the posts table has no {name} column"))
            })
        };
        let numbers = |name: &str| column(name).map(|c| Numbers::new(c, name)).transpose();
        Ok(PostColumns {
            rows: batch.len(),
            ids: column("id").map(|c| Texts::new(c, "id")).transpose()?,
            authors: Texts::new(required("author_id")?, "author_id")?,
            times: Times::new(required("created_at")?)?,
            followers: numbers("followers")?,
            counts: [
                (numbers("likes")?, |m| &mut m.likes),
                (numbers("shares")?, |m| &mut m.shares),
                (numbers("replies")?, |m| &mut m.replies),
                (numbers("quotes")?, |m| &mut m.quotes),
                (numbers("clicks")?, |m| &mut m.clicks),
                (numbers("saves")?, |m| &mut m.saves),
                (numbers("impressions")?, |m| &mut m.impressions),
                (numbers("reach")?, |m| &mut m.reach),
            ],
        })
    }

    /// Refills `post` from each row of `account` and hands it to `sink`; rows of other
    /// authors are passed over without reading the rest of them.
    fn feed(
        &self,
        account: &str,
        post: &mut Post,
        sink: &mut dyn FnMut(&Post) -> kizuna::Result<()>,
    ) -> kizuna::Result<()> {
        for i in 0..self.rows {
            let row_id = |post: &mut Post| {
                post.id.clear();
                match self.ids.as_ref().and_then(|ids| ids.get(i)) {
                    Some(id) => post.id.push_str(id),
                    None => {
                        let _ = write!(post.id, "row {i}");
                    }
                }
            };
            let Some(author) = self.authors.get(i) else {
                row_id(post);
                return Err(kizuna::Error::Record {
                    id: post.id.clone(),
                    reason: "author_id is missing".into(),
                });
            };
            if author != account {
                continue;
            }
            row_id(post);
            post.created_at = match self.times.get(i) {
                Ok(Some(at)) => at,
                Ok(None) => {
                    return Err(kizuna::Error::Record {
                        id: post.id.clone(),
                        reason: "created_at is missing".into(),
                    });
                }
                Err(reason) => {
                    return Err(kizuna::Error::Record {
                        id: post.id.clone(),
                        reason: format!("created_at does not read: {reason}"),
                    });
                }
            };
            post.author.id.clear();
            post.author.id.push_str(author);
            post.author.followers = self.followers.as_ref().and_then(|f| f.get(i));
            for (column, field) in &self.counts {
                *field(&mut post.metrics) = column.as_ref().and_then(|c| c.get(i));
            }
            sink(post)?;
        }
        Ok(())
    }
}

/// The response to inbound mentions of `account` (replies to it, or posts naming `handle`) in
/// `[start, end)`: how many, how many answered, the response rate and response times (in
/// business time too with a `calendar`), through the same threads as the SLA scores.
#[pyfunction]
#[pyo3(signature = (posts, account, handle, start, end, time_zone = "UTC", calendar = None))]
#[allow(clippy::too_many_arguments)]
pub fn response_metrics<'py>(
    py: Python<'py>,
    posts: &Bound<'py, PyAny>,
    account: &str,
    handle: &str,
    start: &Bound<'py, PyAny>,
    end: &Bound<'py, PyAny>,
    time_zone: &str,
    calendar: Option<&crate::sla::Calendar>,
) -> PyResult<Bound<'py, PyAny>> {
    let window = window(start, end, time_zone)?;
    let posts = post_dicts(posts)?;
    let calendar = calendar.map(crate::sla::Calendar::core);
    let metrics =
        kizuna::engage::response_metrics(&posts, account, handle, &window, calendar).or_raise()?;
    document(py, &metrics)
}

/// A post's engagements (likes + shares + replies + quotes, plus clicks and saves where given)
/// and its engagement rates by impressions, reach and followers (None where the base is
/// unknown or zero), from a post dict.
#[pyfunction]
pub fn engagement_rates<'py>(
    py: Python<'py>,
    post: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let post: Post = from_py(post, "post")?;
    document(py, &post.engagement_rates().or_raise()?)
}

/// `day` or `week`.
fn bucket(name: &str) -> PyResult<kizuna::engage::Bucket> {
    match name {
        "day" => Ok(kizuna::engage::Bucket::Day),
        "week" => Ok(kizuna::engage::Bucket::Week),
        other => Err(crate::errors::error(kizuna::Error::InvalidOption {
            option: "bucket".into(),
            reason: format!("{other:?} is not `day` or `week`"),
        })),
    }
}

fn time_zone(name: &str) -> PyResult<jiff::tz::TimeZone> {
    jiff::tz::TimeZone::get(name).map_err(|e| {
        crate::errors::error(kizuna::Error::TimeZone {
            name: name.to_owned(),
            reason: e.to_string(),
        })
    })
}

fn date<'py>(py: Python<'py>, day: jiff::civil::Date) -> PyResult<Bound<'py, PyAny>> {
    py.import("datetime")?
        .getattr("date")?
        .call1((day.year(), day.month(), day.day()))
}

/// Instants from any iterable of aware datetimes or Unix seconds.
fn instants(times: &Bound<'_, PyAny>) -> PyResult<Vec<Timestamp>> {
    times
        .try_iter()?
        .enumerate()
        .map(|(i, t)| instant(&t?, &format!("time #{}", i + 1)))
        .collect()
}

/// Refuses a column whose length differs from the times'.
fn same_length(times: usize, other: usize, what: &str) -> PyResult<()> {
    if times == other {
        return Ok(());
    }
    Err(crate::errors::InvalidOptionError::new_err(format!(
        "{times} times but {other} {what}"
    )))
}

/// Sums `values` (1 each when not given: counts) by day or week (weeks start on Monday) in
/// `time_zone`, every bucket from the first to the last present: `[(date, total), …]`.
#[pyfunction]
#[pyo3(signature = (times, values = None, *, bucket = "day", time_zone = "UTC"))]
pub fn series<'py>(
    py: Python<'py>,
    times: &Bound<'py, PyAny>,
    values: Option<Vec<f64>>,
    bucket: &str,
    time_zone: &str,
) -> PyResult<Vec<(Bound<'py, PyAny>, f64)>> {
    let times = instants(times)?;
    let values = values.unwrap_or_else(|| vec![1.0; times.len()]);
    same_length(times.len(), values.len(), "values")?;
    let tz = self::time_zone(time_zone)?;
    kizuna::engage::series(times.into_iter().zip(values), self::bucket(bucket)?, &tz)
        .into_iter()
        .map(|(day, total)| Ok((date(py, day)?, total)))
        .collect()
}

/// The share of flagged items (negative posts, say) by day or week in `time_zone`:
/// `[(date, share or None), …]`.
#[pyfunction]
#[pyo3(signature = (times, flags, *, bucket = "day", time_zone = "UTC"))]
pub fn share_series<'py>(
    py: Python<'py>,
    times: &Bound<'py, PyAny>,
    flags: Vec<bool>,
    bucket: &str,
    time_zone: &str,
) -> PyResult<Vec<(Bound<'py, PyAny>, Option<f64>)>> {
    let times = instants(times)?;
    same_length(times.len(), flags.len(), "flags")?;
    let tz = self::time_zone(time_zone)?;
    kizuna::engage::share_series(times.into_iter().zip(flags), self::bucket(bucket)?, &tz)
        .into_iter()
        .map(|(day, share)| Ok((date(py, day)?, share)))
        .collect()
}

/// Spikes in a series (`[(date, value), …]`, as `series` gives): buckets whose value stands
/// `z` standard deviations and `ratio` times above the mean of the `baseline` buckets before
/// it, at least `min_value`, with `cooldown` buckets of quiet after each.
#[pyfunction]
#[pyo3(signature = (series, *, baseline = None, z = None, ratio = None, min_value = None, cooldown = None))]
pub fn detect_spikes<'py>(
    py: Python<'py>,
    series: Vec<(Bound<'py, PyAny>, f64)>,
    baseline: Option<usize>,
    z: Option<f64>,
    ratio: Option<f64>,
    min_value: Option<f64>,
    cooldown: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let defaults = kizuna::engage::SpikeRule::default();
    let rule = kizuna::engage::SpikeRule {
        baseline: baseline.unwrap_or(defaults.baseline),
        z: z.unwrap_or(defaults.z),
        ratio: ratio.unwrap_or(defaults.ratio),
        min_value: min_value.unwrap_or(defaults.min_value),
        cooldown: cooldown.unwrap_or(defaults.cooldown),
    };
    let series = series
        .iter()
        .map(|(day, value)| Ok((from_py::<jiff::civil::Date>(day, "series date")?, *value)))
        .collect::<PyResult<Vec<_>>>()?;
    document(py, &kizuna::engage::detect_spikes(&series, &rule))
}
