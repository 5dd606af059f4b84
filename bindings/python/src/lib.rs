//! The `kizuna` Python package's compiled module (`kizuna._kizuna`): conversions, GIL
//! release and error mapping over the core crate, and no logic of its own.

use pyo3::prelude::*;

mod arrow;
mod classify;
mod convert;
mod engage;
mod errors;
mod metrics;
mod sla;
mod text;

#[pymodule]
fn _kizuna(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    m.add_class::<text::Normalizer>()?;
    m.add_class::<text::Normalized>()?;
    m.add_class::<text::Entity>()?;
    m.add_function(wrap_pyfunction!(text::normalize, m)?)?;
    m.add_function(wrap_pyfunction!(text::extract_entities, m)?)?;
    m.add_class::<classify::Classifier>()?;
    m.add_class::<classify::Classification>()?;
    m.add_class::<classify::Evidence>()?;
    m.add_class::<sla::Calendar>()?;
    m.add_class::<sla::SlaPolicy>()?;
    m.add_class::<sla::SlaMonitor>()?;
    m.add_function(wrap_pyfunction!(sla::score_events, m)?)?;
    m.add_function(wrap_pyfunction!(sla::japanese_holidays, m)?)?;
    m.add_function(wrap_pyfunction!(engage::account_metrics, m)?)?;
    m.add_function(wrap_pyfunction!(engage::profile, m)?)?;
    m.add_function(wrap_pyfunction!(engage::repeat_engagers, m)?)?;
    m.add_function(wrap_pyfunction!(engage::response_metrics, m)?)?;
    m.add_function(wrap_pyfunction!(engage::engagement_rates, m)?)?;
    m.add_function(wrap_pyfunction!(engage::series, m)?)?;
    m.add_function(wrap_pyfunction!(engage::share_series, m)?)?;
    m.add_function(wrap_pyfunction!(engage::detect_spikes, m)?)?;
    m.add_class::<metrics::Nps>()?;
    m.add_class::<arrow::ArrowArray>()?;
    m.add_function(wrap_pyfunction!(metrics::nps, m)?)?;
    m.add_function(wrap_pyfunction!(metrics::nps_from_sentiment, m)?)?;
    Ok(())
}
