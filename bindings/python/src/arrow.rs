//! Arrow in and out, through the Arrow PyCapsule interface: pyarrow arrays and chunked
//! arrays, polars Series and Arrow-backed pandas Series come in without copying their strings;
//! results go out as Arrow record batches that pyarrow, pandas and polars take over.

use std::ffi::CStr;
use std::sync::Arc;

use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema, from_ffi, to_ffi};
use arrow_array::{Array, ArrayRef, LargeStringArray, StringArray, StringViewArray, make_array};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyString, PyTuple};

const SCHEMA: &CStr = c"arrow_schema";
const ARRAY: &CStr = c"arrow_array";

/// The texts of a batch: Arrow string arrays borrowed as they are, or Python strs copied.
pub enum Texts {
    /// Arrow arrays (utf8, large_utf8 or utf8_view), in order.
    Arrow(Vec<ArrayRef>),
    /// Python strs copied one after another into one buffer (one allocation for the batch,
    /// not one a post), and where each lies in it (None for a missing post).
    Python {
        joined: String,
        spans: Vec<Option<std::ops::Range<usize>>>,
    },
}

impl Texts {
    /// Every text, `None` where the input had a null.
    pub fn views(&self) -> Vec<Option<&str>> {
        match self {
            Texts::Python { joined, spans } => spans
                .iter()
                .map(|span| span.clone().and_then(|span| joined.get(span)))
                .collect(),
            Texts::Arrow(arrays) => {
                let mut out = Vec::with_capacity(arrays.iter().map(|a| a.len()).sum());
                for array in arrays {
                    let any = array.as_any();
                    if let Some(a) = any.downcast_ref::<StringArray>() {
                        out.extend(a.iter());
                    } else if let Some(a) = any.downcast_ref::<LargeStringArray>() {
                        out.extend(a.iter());
                    } else if let Some(a) = any.downcast_ref::<StringViewArray>() {
                        out.extend(a.iter());
                    }
                }
                out
            }
        }
    }
}

/// Reads a batch of texts from any of: an object with `__arrow_c_array__` (a pyarrow array),
/// one with `__arrow_c_stream__` (a chunked array, a polars Series), an Arrow-backed pandas
/// Series (`__arrow_array__`), or any iterable of str and None.
pub fn texts(batch: &Bound<'_, PyAny>) -> PyResult<Texts> {
    if batch.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "a batch is a sequence of str, not one str (use the single-text call for one post)",
        ));
    }
    if batch.hasattr("__arrow_c_array__")? {
        return Ok(Texts::Arrow(vec![import_array(batch)?]));
    }
    if batch.hasattr("__arrow_c_stream__")? || batch.hasattr("__arrow_array__")? {
        // pyarrow gathers a stream or an Arrow-backed pandas column into chunks without
        // copying them.
        let pyarrow = batch.py().import("pyarrow")?;
        let chunked = pyarrow.call_method1("chunked_array", (batch,))?;
        let chunks = chunked
            .getattr("chunks")?
            .try_iter()?
            .map(|chunk| import_array(&chunk?))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(Texts::Arrow(chunks));
    }
    let (mut joined, mut spans) = (String::new(), Vec::new());
    for (i, item) in batch.try_iter()?.enumerate() {
        let item = item?;
        if item.is_none() {
            spans.push(None);
            continue;
        }
        let text = item.cast::<PyString>().map_err(|_| {
            let kind = item
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default();
            PyTypeError::new_err(format!("batch item {i} is {kind}, not str"))
        })?;
        let start = joined.len();
        joined.push_str(text.to_str()?);
        spans.push(Some(start..joined.len()));
    }
    Ok(Texts::Python { joined, spans })
}

/// Takes one Arrow array from an object's `__arrow_c_array__`, checking it holds strings.
fn import_array(object: &Bound<'_, PyAny>) -> PyResult<ArrayRef> {
    let array = import_any(object)?;
    match array.data_type() {
        arrow_schema::DataType::Utf8
        | arrow_schema::DataType::LargeUtf8
        | arrow_schema::DataType::Utf8View => Ok(array),
        other => Err(PyTypeError::new_err(format!(
            "an Arrow batch of texts holds strings, not {other}"
        ))),
    }
}

/// The record batches of a table: a pyarrow Table, a pandas or polars DataFrame, or anything
/// `pyarrow.table` reads, each as a struct array of its columns.
pub fn record_batches(table: &Bound<'_, PyAny>) -> PyResult<Vec<arrow_array::StructArray>> {
    let pyarrow = table.py().import("pyarrow").map_err(|_| {
        PyErr::new::<pyo3::exceptions::PyImportError, _>("tables need pyarrow: pip install pyarrow")
    })?;
    let table = pyarrow.call_method1("table", (table,))?;
    table
        .call_method0("to_batches")?
        .try_iter()?
        .map(|batch| {
            let array = import_any(&batch?)?;
            array
                .as_any()
                .downcast_ref::<arrow_array::StructArray>()
                .cloned()
                .ok_or_else(|| {
                    PyTypeError::new_err("a record batch did not come as a struct array")
                })
        })
        .collect()
}

/// Takes one Arrow array, of any type, from an object's `__arrow_c_array__`.
fn import_any(object: &Bound<'_, PyAny>) -> PyResult<ArrayRef> {
    let pair = object.call_method0("__arrow_c_array__")?;
    let pair = pair
        .cast::<PyTuple>()
        .map_err(|_| PyTypeError::new_err("__arrow_c_array__ did not return a pair of capsules"))?;
    let schema = pair.get_item(0)?;
    let array = pair.get_item(1)?;
    let schema = schema
        .cast::<PyCapsule>()
        .map_err(|_| PyTypeError::new_err("the Arrow schema is not a capsule"))?;
    let array = array
        .cast::<PyCapsule>()
        .map_err(|_| PyTypeError::new_err("the Arrow array is not a capsule"))?;
    let schema_ptr = capsule_pointer(schema, SCHEMA)?.cast::<FFI_ArrowSchema>();
    let array_ptr = capsule_pointer(array, ARRAY)?.cast::<FFI_ArrowArray>();
    // SAFETY: the capsules are named as the Arrow PyCapsule interface says, so they hold an
    // ArrowSchema and an ArrowArray; the array is moved out (its release marked done in the
    // capsule) and the schema only borrowed while the capsule lives.
    let data = unsafe {
        let array = FFI_ArrowArray::from_raw(array_ptr);
        from_ffi(array, &*schema_ptr)
    }
    .map_err(|e| crate::errors::ParseError::new_err(format!("cannot read the Arrow array: {e}")))?;
    Ok(make_array(data))
}

fn capsule_pointer(capsule: &Bound<'_, PyCapsule>, name: &CStr) -> PyResult<*mut std::ffi::c_void> {
    capsule
        .pointer_checked(Some(name))
        .map(|p| p.as_ptr())
        .map_err(|_| PyTypeError::new_err(format!("expected a capsule named {name:?}")))
}

/// A finished Arrow array (a struct array for a record batch) that Python libraries take
/// through `__arrow_c_array__`.
#[pyclass(frozen, module = "kizuna")]
pub struct ArrowArray {
    array: ArrayRef,
}

/// The most posts one piece of a batch holds: pieces are classified (or normalised) and
/// turned into Arrow on one core each, and each becomes one record batch (or chunk) of the
/// result.
pub const PIECE: usize = 16_384;

/// Runs `work` on pieces of `texts`, on every core of the process's pool when `parallel`
/// (the GIL released), and returns the pieces' Arrow arrays in order.
pub fn in_pieces<'t>(
    py: Python<'_>,
    texts: &[Option<&'t str>],
    parallel: bool,
    work: impl Fn(&[Option<&'t str>]) -> PyResult<ArrayRef> + Sync + Send,
) -> PyResult<Vec<ArrayRef>> {
    // An empty batch still gives one (empty) piece, so that the result has its schema.
    let pieces: Vec<&[Option<&'t str>]> = if texts.is_empty() {
        vec![texts]
    } else {
        texts
            .chunks(crate::convert::posts_per_task(texts.len(), PIECE))
            .collect()
    };
    crate::convert::par_map(py, &pieces, parallel, |piece| work(piece))?
        .into_iter()
        .collect()
}

/// Record batches (struct arrays) as one `pyarrow.Table`.
pub fn table<'py>(py: Python<'py>, batches: Vec<ArrayRef>) -> PyResult<Bound<'py, PyAny>> {
    let pyarrow = pyarrow(py)?;
    let batches = batches
        .into_iter()
        .map(|array| pyarrow.call_method1("record_batch", (Bound::new(py, ArrowArray { array })?,)))
        .collect::<PyResult<Vec<_>>>()?;
    pyarrow
        .getattr("Table")?
        .call_method1("from_batches", (batches,))
}

/// Arrays as one `pyarrow.ChunkedArray`.
pub fn chunked<'py>(py: Python<'py>, arrays: Vec<ArrayRef>) -> PyResult<Bound<'py, PyAny>> {
    let pyarrow = pyarrow(py)?;
    let arrays = arrays
        .into_iter()
        .map(|array| pyarrow.call_method1("array", (Bound::new(py, ArrowArray { array })?,)))
        .collect::<PyResult<Vec<_>>>()?;
    pyarrow.call_method1("chunked_array", (arrays,))
}

fn pyarrow(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("pyarrow").map_err(|_| {
        PyErr::new::<pyo3::exceptions::PyImportError, _>(
            "Arrow results need pyarrow: pip install pyarrow",
        )
    })
}

#[pymethods]
impl ArrowArray {
    /// The Arrow PyCapsule interface: a fresh (schema, array) pair of capsules.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let _ = requested_schema; // the array is handed over as it is
        let (array, schema) = to_ffi(&self.array.to_data()).map_err(|e| {
            crate::errors::KizunaError::new_err(format!("cannot export the Arrow array: {e}"))
        })?;
        // Each capsule owns its struct: if nobody takes it, dropping it calls its release.
        let schema = PyCapsule::new_with_value(py, schema, SCHEMA)?;
        let array = PyCapsule::new_with_value(py, array, ARRAY)?;
        PyTuple::new(py, [schema.into_any(), array.into_any()])
    }
}

/// The record batch of `classify_table`, built row by row as posts are classified (each
/// classification dropped once written): one row per post, all null where the post is missing.
pub struct ClassificationColumns {
    language: arrow_array::builder::StringBuilder,
    sentiment: arrow_array::builder::StringBuilder,
    score: arrow_array::builder::Float64Builder,
    intents: arrow_array::builder::ListBuilder<arrow_array::builder::StringBuilder>,
    urgency: arrow_array::builder::StringBuilder,
    needs_reply: arrow_array::builder::BooleanBuilder,
    flame_risk: arrow_array::builder::Float64Builder,
}

impl ClassificationColumns {
    pub fn with_capacity(rows: usize) -> ClassificationColumns {
        use arrow_array::builder::{BooleanBuilder, Float64Builder, ListBuilder, StringBuilder};
        let labels = || StringBuilder::with_capacity(rows, rows * 8);
        ClassificationColumns {
            language: labels(),
            sentiment: labels(),
            score: Float64Builder::with_capacity(rows),
            intents: ListBuilder::with_capacity(
                StringBuilder::with_capacity(rows, rows * 10),
                rows,
            ),
            urgency: labels(),
            needs_reply: BooleanBuilder::with_capacity(rows),
            flame_risk: Float64Builder::with_capacity(rows),
        }
    }

    /// Writes one row.
    pub fn push(&mut self, row: Option<&kizuna::classify::Classification>) {
        match row {
            Some(c) => {
                self.language.append_value(c.language.name());
                self.sentiment.append_value(c.sentiment.name());
                self.score.append_value(c.score);
                for intent in &c.intents {
                    self.intents.values().append_value(intent.name());
                }
                self.intents.append(true);
                self.urgency.append_value(c.urgency.name());
                self.needs_reply.append_value(c.needs_reply);
                self.flame_risk.append_value(c.flame_risk);
            }
            None => {
                self.language.append_null();
                self.sentiment.append_null();
                self.score.append_null();
                self.intents.append(false);
                self.urgency.append_null();
                self.needs_reply.append_null();
                self.flame_risk.append_null();
            }
        }
    }

    /// The rows written, as a record batch (a struct array).
    pub fn finish(mut self) -> PyResult<ArrayRef> {
        use arrow_array::StructArray;
        use arrow_schema::Field;
        let columns: Vec<(&str, ArrayRef)> = vec![
            ("language", Arc::new(self.language.finish())),
            ("sentiment", Arc::new(self.sentiment.finish())),
            ("score", Arc::new(self.score.finish())),
            ("intents", Arc::new(self.intents.finish())),
            ("urgency", Arc::new(self.urgency.finish())),
            ("needs_reply", Arc::new(self.needs_reply.finish())),
            ("flame_risk", Arc::new(self.flame_risk.finish())),
        ];
        let fields: Vec<Field> = columns
            .iter()
            .map(|(name, array)| Field::new(*name, array.data_type().clone(), true))
            .collect();
        let arrays = columns.into_iter().map(|(_, array)| array).collect();
        let batch = StructArray::try_new(fields.into(), arrays, None).map_err(|e| {
            crate::errors::KizunaError::new_err(format!("cannot build the table: {e}"))
        })?;
        Ok(Arc::new(batch))
    }
}
