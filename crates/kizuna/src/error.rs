//! The one error type of the library.
//!
//! Every fallible call returns [`Result<T>`](Result); the variants say what went wrong and
//! what to fix. The enum is `#[non_exhaustive]`: later capabilities add variants.

/// Result alias used throughout kizuna.
///
/// ```
/// fn parse(s: &str) -> kizuna::Result<kizuna::text::Preset> {
///     s.parse()
/// }
/// assert!(parse("search").is_ok());
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in kizuna.
///
/// ```
/// use kizuna::{Error, text::Preset};
///
/// let err = "shouting".parse::<Preset>().unwrap_err();
/// assert!(matches!(err, Error::InvalidOption { .. }));
/// assert!(err.to_string().contains("neologdn"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An option or configuration value is out of range or unknown.
    #[error("invalid option `{option}`: {reason}")]
    InvalidOption {
        /// The option's name as written in configs.
        option: String,
        /// What is wrong and what would be accepted.
        reason: String,
    },
    /// A configuration document could not be parsed.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// A byte range does not fit the text it refers to.
    #[error(
        "range {start}..{end} is not within the {len}-byte text or not on character boundaries"
    )]
    InvalidRange {
        /// Start of the requested range, in bytes.
        start: usize,
        /// End of the requested range, in bytes.
        end: usize,
        /// Length of the text, in bytes.
        len: usize,
    },
}
