//! Unicode normalisation (NFC, and NFKC with Japanese exceptions) applied chunk by chunk, so
//! that each result maps back to the characters that produced it.
//!
//! A chunk is a character and the combining marks that follow it. Normalisation never moves
//! anything across a chunk boundary, so normalising chunks one at a time gives the same text
//! as normalising the whole string, and each chunk's output maps onto the chunk.

use std::borrow::Cow;

use icu_normalizer::{ComposingNormalizer, ComposingNormalizerBorrowed};
use icu_properties::CodePointMapData;
use icu_properties::props::{CanonicalCombiningClass, GeneralCategory};

use super::UnicodeForm;

/// Whether `c` attaches to the character before it under normalisation: a combining mark,
/// a half-width sound mark (`ﾞ ﾟ`, whose compatibility forms combine), or a Hangul vowel or
/// final consonant jamo.
pub(crate) fn is_continuation(c: char) -> bool {
    if c < '\u{300}' {
        return false;
    }
    if matches!(c, '\u{FF9E}' | '\u{FF9F}' | '\u{1160}'..='\u{11FF}') {
        return true;
    }
    if CodePointMapData::<CanonicalCombiningClass>::new().get(c)
        != CanonicalCombiningClass::NotReordered
    {
        return true;
    }
    matches!(
        CodePointMapData::<GeneralCategory>::new().get(c),
        GeneralCategory::NonspacingMark
            | GeneralCategory::SpacingMark
            | GeneralCategory::EnclosingMark
    )
}

/// Whether `c` is unchanged by NFKC and NFC and composes with nothing after it, when no
/// continuation follows: ASCII, kana, and the common kanji block.
pub(crate) fn is_inert(c: char) -> bool {
    matches!(c, '\0'..='\u{7F}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{30FC}' | '\u{4E00}'..='\u{9FFF}')
}

/// Normalises chunks in one form.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ChunkNormalizer {
    form: UnicodeForm,
}

impl ChunkNormalizer {
    pub(crate) fn new(form: UnicodeForm) -> Self {
        ChunkNormalizer { form }
    }

    /// The normalised form of `chunk`, borrowed when it is unchanged.
    pub(crate) fn normalize<'a>(&self, chunk: &'a str) -> Cow<'a, str> {
        match self.form {
            UnicodeForm::None => Cow::Borrowed(chunk),
            UnicodeForm::Nfc => nfc().normalize(chunk),
            UnicodeForm::Nfkc => {
                let nfkc = ComposingNormalizer::new_nfkc().normalize(chunk);
                if splits_into_space_and_mark(chunk, &nfkc) {
                    // ゛ → " ゙", ´ → " ́": the exception that keeps kaomoji and kana marks intact.
                    nfc().normalize(chunk)
                } else {
                    nfkc
                }
            }
        }
    }
}

fn nfc() -> ComposingNormalizerBorrowed<'static> {
    ComposingNormalizer::new_nfc()
}

/// Whether NFKC turned a visible spacing mark into a space followed by a combining mark.
fn splits_into_space_and_mark(chunk: &str, normalized: &str) -> bool {
    let mut out = normalized.chars();
    !chunk.starts_with(' ') && out.next() == Some(' ') && out.next().is_some_and(is_continuation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nfkc(s: &str) -> String {
        ChunkNormalizer::new(UnicodeForm::Nfkc)
            .normalize(s)
            .into_owned()
    }

    #[test]
    fn nfkc_keeps_spacing_marks_whole() {
        assert_eq!(nfkc("゛"), "゛");
        assert_eq!(nfkc("´"), "´");
        assert_eq!(nfkc("￣"), "￣");
        assert_eq!(nfkc("¨"), "¨");
    }

    #[test]
    fn nfkc_expands_and_composes() {
        assert_eq!(nfkc("㈱"), "(株)");
        assert_eq!(nfkc("ｶﾞ"), "ガ");
        assert_eq!(nfkc("Ａ"), "A");
        assert_eq!(nfkc("e\u{301}"), "é");
        assert_eq!(nfkc("①"), "1");
    }

    #[test]
    fn continuations() {
        assert!(is_continuation('\u{301}'));
        assert!(is_continuation('\u{3099}'));
        assert!(is_continuation('ﾞ'));
        assert!(is_continuation('\u{FE0F}'));
        assert!(!is_continuation('゛'));
        assert!(!is_continuation('a'));
        assert!(!is_continuation('ア'));
    }
}
