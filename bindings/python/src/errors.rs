//! The exceptions: `KizunaError(ValueError)` and one subclass per kind of core error, so that
//! callers can catch exactly what they can fix.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

pyo3::create_exception!(
    kizuna,
    KizunaError,
    PyValueError,
    "Base of every error kizuna raises."
);
pyo3::create_exception!(
    kizuna,
    InvalidOptionError,
    KizunaError,
    "An option or label is unknown or out of range."
);
pyo3::create_exception!(
    kizuna,
    ConfigError,
    KizunaError,
    "A configuration document could not be read."
);
pyo3::create_exception!(
    kizuna,
    OutOfRangeError,
    KizunaError,
    "A value outside the supported range."
);
pyo3::create_exception!(kizuna, OrderError, KizunaError, "A start after its end.");
pyo3::create_exception!(
    kizuna,
    TimeZoneError,
    KizunaError,
    "An unknown time zone, or a local time that cannot be placed in it."
);
pyo3::create_exception!(
    kizuna,
    HoursError,
    KizunaError,
    "Business hours that do not parse."
);
pyo3::create_exception!(
    kizuna,
    ParseError,
    KizunaError,
    "A line or record of an input document could not be read."
);
pyo3::create_exception!(
    kizuna,
    RecordError,
    KizunaError,
    "An input record is not usable."
);
pyo3::create_exception!(
    kizuna,
    InvalidRangeError,
    KizunaError,
    "A range does not fit its text."
);

/// The Python exception for a core error.
pub fn error(e: kizuna::Error) -> PyErr {
    use kizuna::Error as E;
    let message = e.to_string();
    match e {
        E::InvalidOption { .. } => InvalidOptionError::new_err(message),
        E::Config(_) => ConfigError::new_err(message),
        E::OutOfRange { .. } => OutOfRangeError::new_err(message),
        E::Order { .. } => OrderError::new_err(message),
        E::TimeZone { .. } => TimeZoneError::new_err(message),
        E::Hours { .. } => HoursError::new_err(message),
        E::Parse { .. } => ParseError::new_err(message),
        E::Record { .. } => RecordError::new_err(message),
        E::InvalidRange { .. } => InvalidRangeError::new_err(message),
        _ => KizunaError::new_err(message),
    }
}

/// `kizuna::Result` into `PyResult`.
pub trait OrRaise<T> {
    /// The value, or the matching Python exception.
    fn or_raise(self) -> PyResult<T>;
}

impl<T> OrRaise<T> for kizuna::Result<T> {
    fn or_raise(self) -> PyResult<T> {
        self.map_err(error)
    }
}

/// Adds the exception classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("KizunaError", py.get_type::<KizunaError>())?;
    m.add("InvalidOptionError", py.get_type::<InvalidOptionError>())?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("OutOfRangeError", py.get_type::<OutOfRangeError>())?;
    m.add("OrderError", py.get_type::<OrderError>())?;
    m.add("TimeZoneError", py.get_type::<TimeZoneError>())?;
    m.add("HoursError", py.get_type::<HoursError>())?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    m.add("RecordError", py.get_type::<RecordError>())?;
    m.add("InvalidRangeError", py.get_type::<InvalidRangeError>())?;
    Ok(())
}
