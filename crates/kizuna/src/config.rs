//! Configuration documents: every configurable part of kizuna (normaliser options, classifier,
//! calendar, SLA policy) reads from JSON or TOML through [`parse`], so the Python package,
//! the C library and the command line accept the same files.

use serde::de::DeserializeOwned;

use crate::{Error, Result};

/// Reads a configuration document: JSON when it starts with `{` (after white space), TOML
/// otherwise. `what` names the document in errors ("classifier config").
///
/// # Errors
///
/// [`Error::Config`] saying what the document is, where it fails, and why (unknown fields
/// included: configs refuse them rather than ignore a typo).
///
/// ```
/// use kizuna::text::{NormalizerOptions, Tilde};
///
/// let json: NormalizerOptions = kizuna::config::parse(r#"{"preset": "neologdn", "tilde": "normalize"}"#, "normaliser")?;
/// let toml: NormalizerOptions = kizuna::config::parse("preset = \"neologdn\"\ntilde = \"normalize\"\n", "normaliser")?;
/// assert_eq!(json, toml);
/// assert_eq!(json.tilde, Tilde::Normalize);
///
/// let err = kizuna::config::parse::<NormalizerOptions>("preset = 3", "normaliser").unwrap_err();
/// assert!(err.to_string().starts_with("invalid configuration: normaliser (TOML)"));
/// # Ok::<(), kizuna::Error>(())
/// ```
pub fn parse<T: DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| Error::Config(format!("{what} (JSON): {e}")))
    } else {
        toml::from_str(text)
            .map_err(|e| Error::Config(format!("{what} (TOML): {}", e.to_string().trim_end())))
    }
}
