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
    /// A value lies outside the range that is supported or was set up.
    #[error("{what} {value} is out of range: {range}")]
    OutOfRange {
        /// What the value is.
        what: String,
        /// The value, as written.
        value: String,
        /// The range that would be accepted.
        range: String,
    },
    /// Two values that must be in order are not (a start after its end).
    #[error("{what}: start {start} is after end {end}")]
    Order {
        /// What the pair is.
        what: String,
        /// The start, as written.
        start: String,
        /// The end, as written.
        end: String,
    },
    /// A time zone name is unknown, or a local time cannot be placed in it.
    #[error("time zone {name:?}: {reason}")]
    TimeZone {
        /// The IANA name given.
        name: String,
        /// What went wrong.
        reason: String,
    },
    /// Business hours that do not parse or do not make sense.
    #[error("business hours {spec:?}: {reason}")]
    Hours {
        /// The hours as written.
        spec: String,
        /// What is wrong.
        reason: String,
    },
    /// A line or record of an input document could not be read.
    #[error("{what}, line {line}: {reason}")]
    Parse {
        /// What the document is.
        what: String,
        /// The 1-based line (or record) number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// One input record (a post, an event) is not usable; the id names it.
    #[error("record {id}: {reason}")]
    Record {
        /// The record's id.
        id: String,
        /// What is wrong with it.
        reason: String,
    },
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
