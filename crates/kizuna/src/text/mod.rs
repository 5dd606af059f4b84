//! Text normalisation for Japanese and English social posts, with entities and an offset map.
//!
//! A [`Normalizer`] is built once from [`NormalizerOptions`] (or a named [`Preset`]) and shared:
//! it is immutable, `Send + Sync` and cheap to clone. Each call returns a [`Normalized`] text
//! that knows, for any byte range of its output, which bytes and chars of the original post
//! produced it, and which [`Entity`]s the post carried.
//!
//! | preset | for | what it does |
//! |---|---|---|
//! | [`Preset::Neologdn`] | users of the `neologdn` Python package | its rules, options and quirks, faithfully |
//! | [`Preset::Search`] | matching and classification | NFKC (with Japanese exceptions), width, dashes, tildes, case, kana, repeats, spaces |
//! | [`Preset::Display`] | showing text to people | NFC and whitespace tidying, nothing visible changed |
//!
//! ```
//! use kizuna::text::{Normalizer, Preset};
//!
//! let n = Normalizer::from_preset(Preset::Neologdn);
//! assert_eq!(n.normalize("ﾊﾝｶｸｶﾅ　ウェーーーイ～").text(), "ハンカクカナウェーイ");
//! ```

mod chars;
pub mod entities;
mod fast;
mod normalizer;
mod offsets;
mod options;
mod repeat;
mod unicode;

pub use entities::{Entity, EntityKind, extract_entities};
pub(crate) use normalizer::Buffers;
pub use normalizer::{Normalized, Normalizer};
pub use offsets::{OffsetMap, Span};
pub use options::{
    EntityAction, EntityOptions, KanaFold, LongVowels, NormalizerOptions, Preset, Spaces, Tilde,
    UnicodeForm, Width,
};
