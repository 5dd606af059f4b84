//! Conversions between Python values and the core's serde documents, texts and instants.

use std::sync::{Arc, Mutex};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use rayon::ThreadPool;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::errors::ConfigError;

/// A Python value as JSON: None, bool, int, float, str, list, tuple, dict with str keys, and
/// dates or datetimes (ISO 8601 through `isoformat()`).
pub fn to_json(value: &Bound<'_, PyAny>) -> PyResult<Value> {
    if value.is_none() {
        Ok(Value::Null)
    } else if value.is_instance_of::<PyBool>() {
        Ok(Value::Bool(value.extract()?))
    } else if value.is_instance_of::<PyInt>() {
        match value.extract::<i64>() {
            Ok(i) => Ok(Value::from(i)),
            Err(_) => Ok(Value::from(value.extract::<u64>()?)),
        }
    } else if value.is_instance_of::<PyFloat>() {
        let f: f64 = value.extract()?;
        serde_json::Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| {
                crate::errors::OutOfRangeError::new_err(format!("{f} is not a finite number"))
            })
    } else if let Ok(s) = value.cast::<PyString>() {
        Ok(Value::String(s.to_str()?.to_owned()))
    } else if let Ok(d) = value.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            let key = k.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "dictionary keys must be str, not {}",
                    type_name(&k)
                ))
            })?;
            map.insert(key.to_str()?.to_owned(), to_json(&v)?);
        }
        Ok(Value::Object(map))
    } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        value
            .try_iter()?
            .map(|item| to_json(&item?))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array)
    } else if value.hasattr("isoformat")? {
        Ok(Value::String(value.call_method0("isoformat")?.extract()?))
    } else {
        Err(PyTypeError::new_err(format!(
            "{} cannot be part of a kizuna document (use None, bool, int, float, str, list, dict, date or datetime)",
            type_name(value)
        )))
    }
}

/// A JSON value as Python objects (dicts, lists, str, int, float, bool, None).
pub fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => PyList::new(
            py,
            items
                .iter()
                .map(|v| to_py(py, v))
                .collect::<PyResult<Vec<_>>>()?,
        )?
        .into_any(),
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// A serialisable core value as Python objects.
pub fn document<'py>(py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(value).map_err(|e| {
        crate::errors::KizunaError::new_err(format!("result not serialisable: {e}"))
    })?;
    to_py(py, &json)
}

/// A core config or record from a Python value (a dict, usually); `what` names it in errors.
pub fn from_py<T: DeserializeOwned>(value: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    serde_json::from_value(to_json(value)?)
        .map_err(|e| ConfigError::new_err(format!("invalid configuration: {what}: {e}")))
}

/// The texts of a batch for calls that answer with a list: nulls are refused (a list result
/// has no place for them; the table calls keep them as null rows).
pub fn non_null(texts: &crate::arrow::Texts) -> PyResult<Vec<&str>> {
    texts
        .views()
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            text.ok_or_else(|| {
                PyTypeError::new_err(format!(
                    "batch item {i} is missing (None or null), not str; the table calls keep missing posts as null rows"
                ))
            })
        })
        .collect()
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an object".into())
}

/// `text` as Python writes a str literal in a repr: `'…'`, quotes and backslashes escaped.
pub fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// Text made safe inside HTML.
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A two-column HTML table of (name, value) rows for `_repr_html_`; values are escaped.
pub fn html_table(rows: &[(&str, String)]) -> String {
    let rows: String = rows
        .iter()
        .map(|(name, value)| format!("<tr><th>{name}</th><td>{}</td></tr>", escape_html(value)))
        .collect();
    format!("<table>{rows}</table>")
}

/// A list of strs as Python's repr writes it.
pub fn quoted_list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<String> = items.iter().map(|s| quoted(s.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

/// An instant: an aware `datetime`, or Unix seconds (int or float).
pub fn instant(value: &Bound<'_, PyAny>, what: &str) -> PyResult<jiff::Timestamp> {
    let seconds: f64 = if value.is_instance_of::<PyInt>() || value.is_instance_of::<PyFloat>() {
        value.extract()?
    } else if value.hasattr("tzinfo")? && value.hasattr("timestamp")? {
        if value.getattr("tzinfo")?.is_none() {
            return Err(crate::errors::TimeZoneError::new_err(format!(
                "{what} is a naive datetime: give it a time zone (datetime(..., tzinfo=...))"
            )));
        }
        value.call_method0("timestamp")?.extract()?
    } else {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an aware datetime or Unix seconds, not {}",
            type_name(value)
        )));
    };
    let whole = seconds.floor();
    let nanos = ((seconds - whole) * 1e9).round() as i32;
    if !whole.is_finite() || whole.abs() > 1e15 {
        return Err(crate::errors::OutOfRangeError::new_err(format!(
            "{what} {seconds} is not a usable instant"
        )));
    }
    jiff::Timestamp::new(whole as i64, nanos.min(999_999_999)).map_err(|e| {
        crate::errors::OutOfRangeError::new_err(format!(
            "{what} {seconds} is not a usable instant: {e}"
        ))
    })
}

/// An instant as an aware UTC `datetime`.
pub fn datetime<'py>(py: Python<'py>, at: jiff::Timestamp) -> PyResult<Bound<'py, PyAny>> {
    let module = py.import("datetime")?;
    let utc = module.getattr("timezone")?.getattr("utc")?;
    let seconds = at.as_second() as f64 + f64::from(at.subsec_nanosecond()) / 1e9;
    module
        .getattr("datetime")?
        .call_method1("fromtimestamp", (seconds, utc))
}

/// The shortest text normalised without the GIL. Releasing and taking back the GIL costs as
/// much as normalising a short post; a text this long takes some fifteen microseconds, time
/// enough for other Python threads to use.
pub const DETACH_BYTES: usize = 4 * 1024;

/// How many posts one task of a parallel batch takes: enough tasks for every core to get
/// several, so that a batch of a few thousand posts still spreads, and at most `most`.
pub fn posts_per_task(posts: usize, most: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    posts.div_ceil(cores * 4).clamp(64, most.max(64))
}

/// `work` on `text`, without the GIL when the text is long (see [`DETACH_BYTES`]).
pub fn on_text<T: Send>(py: Python<'_>, text: &str, work: impl FnOnce() -> T + Send) -> T {
    if text.len() < DETACH_BYTES {
        work()
    } else {
        py.detach(work)
    }
}

/// `f` over every item without the GIL: on every core of the process's pool when `parallel`,
/// on this thread alone otherwise. Results keep the items' order.
pub fn par_map<I: Sync, T: Send>(
    py: Python<'_>,
    items: &[I],
    parallel: bool,
    f: impl Fn(&I) -> T + Sync + Send,
) -> PyResult<Vec<T>> {
    use rayon::prelude::*;
    let pool = if parallel { Some(pool()?) } else { None };
    Ok(py.detach(|| match pool {
        Some(pool) => pool.install(|| items.par_iter().map(&f).collect()),
        None => items.iter().map(&f).collect(),
    }))
}

/// The thread pool for parallel batches. A forked child gets a pool of its own: the parent's
/// worker threads do not exist in it, and waiting on them would hang.
fn pool() -> PyResult<Arc<ThreadPool>> {
    static POOL: Mutex<Option<(u32, Arc<ThreadPool>)>> = Mutex::new(None);
    let pid = std::process::id();
    let mut slot = POOL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    match slot.as_ref() {
        Some((owner, pool)) if *owner == pid => Ok(pool.clone()),
        _ => {
            // The parent's pool (if any) is left alone, not dropped: dropping it would signal
            // threads that are not there.
            if let Some(stale) = slot.take() {
                std::mem::forget(stale);
            }
            let pool = Arc::new(
                rayon::ThreadPoolBuilder::new()
                    .thread_name(|i| format!("kizuna-{i}"))
                    .build()
                    .map_err(|e| {
                        crate::errors::KizunaError::new_err(format!("no thread pool: {e}"))
                    })?,
            );
            *slot = Some((pid, pool.clone()));
            Ok(pool)
        }
    }
}

/// `(from_config, (json,))` for `__reduce__`: compiled objects pickle as their config, and
/// results as their JSON (through a `from_json` constructor named by `constructor`).
pub fn reduce_to_config<'py, T: pyo3::PyClass>(
    slf: &Bound<'py, T>,
    constructor: &str,
    config: &impl serde::Serialize,
) -> PyResult<Bound<'py, PyTuple>> {
    let py = slf.py();
    let json = serde_json::to_string(config)
        .map_err(|e| crate::errors::KizunaError::new_err(e.to_string()))?;
    let rebuild = slf.as_any().get_type().getattr(constructor)?;
    PyTuple::new(py, [rebuild, PyTuple::new(py, [json])?.into_any()])
}
