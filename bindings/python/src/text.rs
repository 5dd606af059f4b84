//! Normalisation and entities.

use kizuna::text::{Entity as CoreEntity, Normalizer as CoreNormalizer, NormalizerOptions, Preset};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use std::sync::OnceLock;

use crate::convert::{
    DETACH_BYTES, html_table, non_null, on_text, par_map, posts_per_task, quoted, reduce_to_config,
    to_json,
};
use crate::errors::{OrRaise, error};

/// A normaliser built once from a preset and options; immutable and thread-safe.
#[pyclass(frozen, module = "kizuna")]
pub struct Normalizer {
    inner: CoreNormalizer,
}

impl Normalizer {
    fn from_options(options: NormalizerOptions) -> Normalizer {
        Normalizer {
            inner: CoreNormalizer::new(options),
        }
    }
}

#[pymethods]
impl Normalizer {
    /// `Normalizer(preset="search", **options)`: a preset (`neologdn`, `search`, `display`)
    /// and any steps to override, named as in the core (`repeat`, `remove_space`, `tilde`…).
    #[new]
    #[pyo3(signature = (preset = "search", **options))]
    fn new(preset: &str, options: Option<&Bound<'_, PyDict>>) -> PyResult<Normalizer> {
        let mut config = match options {
            Some(options) => to_json(options.as_any())?,
            None => serde_json::Value::Object(Default::default()),
        };
        if let serde_json::Value::Object(map) = &mut config {
            map.insert("preset".into(), preset.into());
        }
        let options: NormalizerOptions = serde_json::from_value(config)
            .map_err(|e| error(kizuna::Error::Config(format!("normaliser options: {e}"))))?;
        Ok(Normalizer::from_options(options))
    }

    /// A normaliser from a configuration document (JSON or TOML).
    #[staticmethod]
    fn from_config(config: &str) -> PyResult<Normalizer> {
        Ok(Normalizer::from_options(
            kizuna::config::parse(config, "normaliser config").or_raise()?,
        ))
    }

    /// The options as a dict (what `from_config` reads back).
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::document(py, self.inner.options())
    }

    /// The normalised text. A text under 4 KiB is normalised holding the GIL (releasing and
    /// taking it back would cost as much as the work); a longer one releases it.
    fn normalize<'py>(&self, py: Python<'py>, text: &str) -> Bound<'py, PyString> {
        if text.len() >= DETACH_BYTES {
            return PyString::new(py, &py.detach(|| self.inner.normalize(text).into_text()));
        }
        // A short text is written into this thread's reused result, and the str made from it
        // (into a fresh result should a call ever come back in while it is in use).
        LAST.with(|last| match last.try_borrow_mut() {
            Ok(mut out) => {
                self.inner.normalize_into(text, &mut out);
                PyString::new(py, out.text())
            }
            Err(_) => PyString::new(py, self.inner.normalize(text).text()),
        })
    }

    /// The normalised text, its entities, and the map back to the original.
    fn normalize_full(&self, py: Python<'_>, text: &str) -> Normalized {
        let out = on_text(py, text, || self.inner.normalize(text));
        Normalized {
            original: text.to_owned(),
            inner: out,
        }
    }

    /// Normalises every text of a sequence (list, tuple, pyarrow array, polars or pandas
    /// Series of str), without the GIL, on all cores unless `parallel=False`.
    #[pyo3(signature = (texts, *, parallel = true))]
    fn normalize_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        parallel: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let texts = crate::arrow::texts(texts)?;
        let views = non_null(&texts)?;
        // Pieces of posts, each normalised into one reused result and written one after
        // another into one string: no allocation a post, and a Python str made from each slice.
        let pieces = par_map(
            py,
            &views
                .chunks(posts_per_task(views.len(), POSTS_PER_BUFFER))
                .collect::<Vec<_>>(),
            parallel,
            |piece| {
                let mut out = kizuna::text::Normalized::default();
                let mut joined = String::with_capacity(piece.iter().map(|t| t.len()).sum());
                let mut ends = Vec::with_capacity(piece.len());
                for text in *piece {
                    self.inner.normalize_into(text, &mut out);
                    joined.push_str(out.text());
                    ends.push(joined.len());
                }
                (joined, ends)
            },
        )?;
        let list = PyList::empty(py);
        for (joined, ends) in &pieces {
            let mut start = 0;
            for &end in ends {
                list.append(PyString::new(
                    py,
                    joined.get(start..end).unwrap_or_default(),
                ))?;
                start = end;
            }
        }
        Ok(list)
    }

    /// Like `normalize_batch`, into a `pyarrow.ChunkedArray` of strings (missing posts stay
    /// null), for pandas and polars columns.
    #[pyo3(signature = (texts, *, parallel = true))]
    fn normalize_arrow<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        parallel: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let texts = crate::arrow::texts(texts)?;
        let pieces = crate::arrow::in_pieces(py, &texts.views(), parallel, |piece| {
            let mut column = arrow_array::builder::StringBuilder::new();
            let mut out = kizuna::text::Normalized::default();
            for text in piece {
                match text {
                    Some(text) => {
                        self.inner.normalize_into(text, &mut out);
                        column.append_value(out.text());
                    }
                    None => column.append_null(),
                }
            }
            Ok(std::sync::Arc::new(column.finish()) as arrow_array::ArrayRef)
        })?;
        crate::arrow::chunked(py, pieces)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce_to_config(slf, "from_config", slf.get().inner.options())
    }

    fn __repr__(&self) -> String {
        let options = serde_json::to_string(self.inner.options()).unwrap_or_default();
        format!("Normalizer.from_config({})", quoted(&options))
    }
}

thread_local! {
    /// The last short text `Normalizer.normalize` wrote on this thread: its buffers serve the
    /// next call.
    static LAST: std::cell::RefCell<kizuna::text::Normalized> =
        std::cell::RefCell::new(kizuna::text::Normalized::default());
}

/// The most posts a task of `normalize_batch` normalises into one buffer.
const POSTS_PER_BUFFER: usize = 4096;

/// A normalised text with its entities and offset map.
#[pyclass(frozen, module = "kizuna")]
pub struct Normalized {
    original: String,
    inner: kizuna::text::Normalized,
}

#[pymethods]
impl Normalized {
    /// The normalised text.
    #[getter]
    fn text(&self) -> &str {
        self.inner.text()
    }

    /// The original text.
    #[getter]
    fn original(&self) -> &str {
        &self.original
    }

    /// The entities found, in order.
    #[getter]
    fn entities(&self) -> Vec<Entity> {
        self.inner.entities().iter().cloned().map(Entity).collect()
    }

    /// The (start, end) char offsets in the original text of the normalised chars
    /// `start..end`.
    fn original_span(&self, start: usize, end: usize) -> PyResult<(usize, usize)> {
        let text = self.inner.text();
        let byte = |char_index: usize| {
            text.char_indices()
                .map(|(b, _)| b)
                .chain(std::iter::once(text.len()))
                .nth(char_index)
        };
        let range = match (byte(start), byte(end)) {
            (Some(s), Some(e)) if s <= e => s..e,
            _ => {
                return Err(error(kizuna::Error::InvalidRange {
                    start,
                    end,
                    len: text.chars().count(),
                }));
            }
        };
        let span = self.inner.original_span(range).or_raise()?;
        Ok((span.chars.start, span.chars.end))
    }

    fn _repr_html_(&self) -> String {
        let mut rows = vec![
            ("original", self.original.clone()),
            ("normalized", self.inner.text().to_owned()),
        ];
        rows.extend(self.inner.entities().iter().map(|e| {
            let span = format!(
                "{} ({}–{})",
                e.text, e.original.chars.start, e.original.chars.end
            );
            (e.kind.name(), span)
        }));
        html_table(&rows)
    }

    fn __repr__(&self) -> String {
        format!(
            "Normalized(text={}, entities={})",
            quoted(self.inner.text()),
            self.inner.entities().len()
        )
    }
}

/// One entity (URL, mention, hashtag, cashtag, emoji, kaomoji) in a post.
#[pyclass(frozen, module = "kizuna")]
#[derive(Clone)]
pub struct Entity(CoreEntity);

#[pymethods]
impl Entity {
    /// `url`, `mention`, `hashtag`, `cashtag`, `emoji` or `kaomoji`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.name()
    }

    /// The entity as written in the original post.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    /// Char offset in the original post where it starts.
    #[getter]
    fn start(&self) -> usize {
        self.0.original.chars.start
    }

    /// Char offset in the original post where it ends.
    #[getter]
    fn end(&self) -> usize {
        self.0.original.chars.end
    }

    /// Byte offsets (UTF-8) in the original post.
    #[getter]
    fn byte_span(&self) -> (usize, usize) {
        (self.0.original.bytes.start, self.0.original.bytes.end)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Entity>().is_ok_and(|o| o.get().0 == self.0)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (self.0.kind.name(), &self.0.text, self.start(), self.end()).hash(&mut hasher);
        hasher.finish()
    }

    fn _repr_html_(&self) -> String {
        html_table(&[
            ("kind", self.kind().into()),
            ("text", self.0.text.clone()),
            ("chars", format!("{}–{}", self.start(), self.end())),
        ])
    }

    fn __repr__(&self) -> String {
        format!(
            "Entity(kind={}, text={}, start={}, end={})",
            quoted(self.kind()),
            quoted(&self.0.text),
            self.start(),
            self.end()
        )
    }
}

/// Normalises one text with a preset (`search` unless told otherwise); holding the GIL for a
/// text under 4 KiB, like `Normalizer.normalize`.
#[pyfunction]
#[pyo3(signature = (text, preset = "search"))]
pub fn normalize(py: Python<'_>, text: &str, preset: &str) -> PyResult<String> {
    // Each preset's normaliser is built once, on first use.
    static PRESETS: OnceLock<Vec<(Preset, CoreNormalizer)>> = OnceLock::new();
    let preset: Preset = preset.parse().or_raise()?;
    let presets = PRESETS.get_or_init(|| {
        Preset::ALL
            .iter()
            .map(|&p| (p, CoreNormalizer::from_preset(p)))
            .collect()
    });
    let normalizer = presets
        .iter()
        .find(|(p, _)| *p == preset)
        .map(|(_, n)| n)
        .ok_or_else(|| {
            error(kizuna::Error::Config(format!(
                "no preset {}",
                preset.name()
            )))
        })?;
    Ok(on_text(py, text, || normalizer.normalize(text).into_text()))
}

/// Every entity in `text`, in order (holding the GIL for a text under 4 KiB).
#[pyfunction]
pub fn extract_entities(py: Python<'_>, text: &str) -> Vec<Entity> {
    on_text(py, text, || kizuna::text::extract_entities(text))
        .into_iter()
        .map(Entity)
        .collect()
}
