//! Arrow in and out, through the Arrow PyCapsule interface: pyarrow arrays and chunked
//! arrays, polars Series and Arrow-backed pandas Series come in without copying their strings;
//! results go out as Arrow record batches that pyarrow, pandas and polars take over.

use std::ffi::CStr;
use std::sync::Arc;

use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema, from_ffi, to_ffi};
use arrow_array::{Array, ArrayRef, LargeStringArray, StringArray, StringViewArray, make_array};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyString, PyTuple};

const SCHEMA: &CStr = c"arrow_schema";
const ARRAY: &CStr = c"arrow_array";

/// The texts of a batch: Arrow string arrays borrowed as they are, or Python strs copied.
pub enum Texts {
    /// Arrow arrays (utf8, large_utf8 or utf8_view), in order.
    Arrow(Vec<ArrayRef>),
    /// Python strs (None for a missing post).
    Python(Vec<Option<String>>),
}

impl Texts {
    /// Every text, `None` where the input had a null.
    pub fn views(&self) -> Vec<Option<&str>> {
        match self {
            Texts::Python(texts) => texts.iter().map(Option::as_deref).collect(),
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
    let mut out = Vec::new();
    for (i, item) in batch.try_iter()?.enumerate() {
        let item = item?;
        if item.is_none() {
            out.push(None);
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
        out.push(Some(text.to_str()?.to_owned()));
    }
    Ok(Texts::Python(out))
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
    .map_err(|e| PyValueError::new_err(format!("cannot read the Arrow array: {e}")))?;
    Ok(make_array(data))
}

fn capsule_pointer(capsule: &Bound<'_, PyCapsule>, name: &CStr) -> PyResult<*mut std::ffi::c_void> {
    capsule
        .pointer_checked(Some(name))
        .map(|p| p.as_ptr())
        .map_err(|_| PyTypeError::new_err(format!("expected a capsule named {name:?}")))
}

/// A finished Arrow array (a struct array for a table) that Python libraries can take through
/// `__arrow_c_array__`.
#[pyclass(frozen, module = "kizuna")]
pub struct ArrowArray {
    array: ArrayRef,
}

impl ArrowArray {
    pub fn new(array: ArrayRef) -> ArrowArray {
        ArrowArray { array }
    }

    /// As a `pyarrow.Table` (for a struct array) or `pyarrow.Array`.
    pub fn into_pyarrow<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let is_table = matches!(self.array.data_type(), arrow_schema::DataType::Struct(_));
        let pyarrow = py.import("pyarrow").map_err(|_| {
            PyErr::new::<pyo3::exceptions::PyImportError, _>(
                "tables need pyarrow: pip install pyarrow",
            )
        })?;
        let holder = Bound::new(py, self)?;
        if is_table {
            let batch = pyarrow.call_method1("record_batch", (holder,))?;
            pyarrow
                .getattr("Table")?
                .call_method1("from_batches", (vec![batch],))
        } else {
            pyarrow.call_method1("array", (holder,))
        }
    }
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
        let (array, schema) = to_ffi(&self.array.to_data())
            .map_err(|e| PyValueError::new_err(format!("cannot export the Arrow array: {e}")))?;
        // Each capsule owns its struct: if nobody takes it, dropping it calls its release.
        let schema = PyCapsule::new_with_value(py, schema, SCHEMA)?;
        let array = PyCapsule::new_with_value(py, array, ARRAY)?;
        PyTuple::new(py, [schema.into_any(), array.into_any()])
    }
}

/// The table of `classify_table`: one row per post, all null where the post is missing.
pub fn classification_table(
    rows: &[Option<&kizuna::classify::Classification>],
) -> PyResult<ArrayRef> {
    use arrow_array::builder::{ListBuilder, StringBuilder};
    use arrow_array::{BooleanArray, Float64Array, StructArray};
    use arrow_schema::Field;

    let label = |pick: fn(&kizuna::classify::Classification) -> &'static str| -> ArrayRef {
        Arc::new(rows.iter().map(|r| r.map(pick)).collect::<StringArray>())
    };
    let number = |pick: fn(&kizuna::classify::Classification) -> f64| -> ArrayRef {
        Arc::new(rows.iter().map(|r| r.map(pick)).collect::<Float64Array>())
    };
    let mut intents = ListBuilder::new(StringBuilder::new());
    for row in rows {
        match row {
            Some(c) => {
                for intent in &c.intents {
                    intents.values().append_value(intent.name());
                }
                intents.append(true);
            }
            None => intents.append(false),
        }
    }
    let intents: ArrayRef = Arc::new(intents.finish());
    let needs_reply: ArrayRef = Arc::new(
        rows.iter()
            .map(|r| r.map(|c| c.needs_reply))
            .collect::<BooleanArray>(),
    );
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("language", label(|c| c.language.name())),
        ("sentiment", label(|c| c.sentiment.name())),
        ("score", number(|c| c.score)),
        ("intents", intents),
        ("urgency", label(|c| c.urgency.name())),
        ("needs_reply", needs_reply),
        ("flame_risk", number(|c| c.flame_risk)),
    ];
    let fields: Vec<Field> = columns
        .iter()
        .map(|(name, array)| Field::new(*name, array.data_type().clone(), true))
        .collect();
    let arrays: Vec<ArrayRef> = columns.into_iter().map(|(_, array)| array).collect();
    let table = StructArray::try_new(fields.into(), arrays, None)
        .map_err(|e| PyValueError::new_err(format!("cannot build the table: {e}")))?;
    Ok(Arc::new(table))
}
