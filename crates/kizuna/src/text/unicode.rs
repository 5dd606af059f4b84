//! Unicode normalisation (NFC, and NFKC with Japanese exceptions) applied chunk by chunk, so
//! that each result maps back to the characters that produced it.
//!
//! A chunk is a character and the combining marks that follow it. Normalisation never moves
//! anything across a chunk boundary, so normalising chunks one at a time gives the same text
//! as normalising the whole string, and each chunk's output maps onto the chunk.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use icu_normalizer::{ComposingNormalizer, ComposingNormalizerBorrowed};
use icu_properties::props::{CanonicalCombiningClass, GeneralCategory, NfcInert, NfkcInert};
use icu_properties::{CodePointMapData, CodePointSetData};

use super::UnicodeForm;
use super::chars;

/// Whether `c` attaches to the character before it under normalisation: a combining mark,
/// a half-width sound mark (`ﾞ ﾟ`, whose compatibility forms combine), or a Hangul vowel or
/// final consonant jamo.
pub(crate) fn is_continuation(c: char) -> bool {
    match c {
        '\0'..='\u{2FF}' => false,
        '\u{FF9E}' | '\u{FF9F}' | '\u{1160}'..='\u{11FF}' | '\u{3099}' | '\u{309A}' => true,
        // Kana, kanji and the half-width and full-width forms hold no marks but these.
        '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}' => false,
        _ => {
            CodePointMapData::<CanonicalCombiningClass>::new().get(c)
                != CanonicalCombiningClass::NotReordered
                || matches!(
                    CodePointMapData::<GeneralCategory>::new().get(c),
                    GeneralCategory::NonspacingMark
                        | GeneralCategory::SpacingMark
                        | GeneralCategory::EnclosingMark
                )
        }
    }
}

/// Whether `c` is unchanged by NFKC and NFC and composes with nothing after it, when no
/// continuation follows: ASCII, kana, kanji, and the CJK symbols and punctuation that have
/// no compatibility mapping (`、。「」〜` and the like; not the combining tone marks).
pub(crate) fn is_inert(c: char) -> bool {
    matches!(c,
        '\0'..='\u{7F}'
        | '\u{3001}'..='\u{3029}'
        | '\u{3030}'..='\u{3035}'
        | '\u{3037}'
        | '\u{303B}'..='\u{303F}'
        | '\u{3041}'..='\u{3096}'
        | '\u{309D}'..='\u{309E}'
        | '\u{30A0}'..='\u{30FE}'
        | '\u{4E00}'..='\u{9FFF}')
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

    /// The form of `c` when no continuation follows it, where a table gives it without the
    /// normaliser: inert chars (by range, or by the form's inert property), and under NFKC the
    /// full-width ASCII forms and half-width katakana (the commonest changes in Japanese posts).
    pub(crate) fn quick(&self, c: char) -> Option<char> {
        if is_inert(c) || self.form == UnicodeForm::None {
            return Some(c);
        }
        match (self.form, c) {
            (UnicodeForm::Nfkc, '\u{FF01}'..='\u{FF5E}' | '\u{FF61}'..='\u{FF9D}') => {
                chars::full_width(c)
            }
            (UnicodeForm::Nfkc, _) if CodePointSetData::new::<NfkcInert>().contains(c) => Some(c),
            (UnicodeForm::Nfc, _) if CodePointSetData::new::<NfcInert>().contains(c) => Some(c),
            _ => None,
        }
    }

    /// The normalised form of `chunk`, borrowed when it is unchanged.
    pub(crate) fn normalize<'a>(&self, chunk: &'a str) -> Cow<'a, str> {
        // Most chunks are their own form, and ASCII, the tables of `quick` and the inert
        // properties say so far faster than the normaliser (some two thousand instructions a
        // call).
        if chunk.is_ascii() {
            return Cow::Borrowed(chunk);
        }
        let mut chars = chunk.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            match self.quick(c) {
                Some(same) if same == c => return Cow::Borrowed(chunk),
                Some(other) => return Cow::Owned(other.to_string()),
                None => {}
            }
        }
        let inert = |c: char| match self.form {
            UnicodeForm::None => true,
            UnicodeForm::Nfc => CodePointSetData::new::<NfcInert>().contains(c),
            UnicodeForm::Nfkc => CodePointSetData::new::<NfkcInert>().contains(c),
        };
        if chunk.chars().all(inert) {
            return Cow::Borrowed(chunk);
        }
        match remembered(self.form, chunk, |chunk| self.run_normalizer(chunk)) {
            Some(Some(formed)) => Cow::Owned(formed),
            Some(None) => Cow::Borrowed(chunk),
            None => self.run_normalizer(chunk),
        }
    }

    /// The normaliser's own answer for `chunk`.
    fn run_normalizer<'a>(&self, chunk: &'a str) -> Cow<'a, str> {
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

/// The longest chunk worth remembering, in bytes: a char and a mark or two.
const REMEMBERED_BYTES: usize = 8;
/// How many chunks a thread remembers before it starts again.
const REMEMBERED_CHUNKS: usize = 4096;

/// A remembered chunk: the form, the chunk's length and its bytes.
type ChunkKey = (UnicodeForm, u8, [u8; REMEMBERED_BYTES]);

thread_local! {
    /// Short chunks the normaliser changed or kept on this thread, and what it made of them
    /// (`None`: unchanged). Posts repeat the few that need it (`…`, `ｶﾞ`, `㈱`), and the
    /// normaliser costs a few thousand instructions a call where a lookup and a copy of the
    /// answer cost a few dozen.
    static REMEMBERED: RefCell<HashMap<ChunkKey, Option<String>>> = RefCell::new(HashMap::new());
}

/// What `normalize` made of `chunk` in `form` on this thread, working it out with `normalize`
/// the first time: `Some(None)` when unchanged. `None` for a chunk too long to remember.
fn remembered(
    form: UnicodeForm,
    chunk: &str,
    normalize: impl FnOnce(&str) -> Cow<'_, str>,
) -> Option<Option<String>> {
    let mut bytes = [0u8; REMEMBERED_BYTES];
    bytes
        .get_mut(..chunk.len())?
        .copy_from_slice(chunk.as_bytes());
    let key = (form, u8::try_from(chunk.len()).ok()?, bytes);
    if let Some(formed) = REMEMBERED.with_borrow(|remembered| remembered.get(&key).cloned()) {
        return Some(formed);
    }
    let formed = match normalize(chunk) {
        Cow::Borrowed(_) => None,
        Cow::Owned(formed) if formed == chunk => None,
        Cow::Owned(formed) => Some(formed),
    };
    REMEMBERED.with_borrow_mut(|remembered| {
        if remembered.len() >= REMEMBERED_CHUNKS {
            remembered.clear();
        }
        remembered.insert(key, formed.clone());
    });
    Some(formed)
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
    fn quick_forms_agree_with_the_normaliser() {
        for form in [UnicodeForm::Nfc, UnicodeForm::Nfkc] {
            let n = ChunkNormalizer::new(form);
            for c in ('\u{3000}'..='\u{30FF}')
                .chain('\u{FF00}'..='\u{FFEF}')
                .chain('\u{4E00}'..='\u{4FFF}')
            {
                if let Some(quick) = n.quick(c) {
                    let mut buf = [0; 4];
                    assert_eq!(
                        n.normalize(c.encode_utf8(&mut buf)),
                        quick.to_string(),
                        "{c:?} in {form:?}"
                    );
                }
            }
        }
    }

    /// A chunk remembered from an earlier call comes out as the normaliser makes it, in each
    /// form, and longer chunks are not remembered.
    #[test]
    fn remembered_chunks_come_out_as_the_normaliser_makes_them() {
        let chunks = [
            "…",
            "ｶﾞ",
            "ﾊﾟ",
            "ｱﾞ",
            "㈱",
            "e\u{301}",
            "゛",
            "①",
            "ﬁ",
            "a\u{301}\u{302}\u{303}",
        ];
        for form in [UnicodeForm::Nfc, UnicodeForm::Nfkc] {
            let n = ChunkNormalizer::new(form);
            for _ in 0..2 {
                for chunk in chunks {
                    assert_eq!(
                        n.normalize(chunk),
                        n.run_normalizer(chunk),
                        "{chunk:?} in {form:?}"
                    );
                }
            }
        }
        let long = "e\u{301}\u{302}\u{303}\u{304}";
        assert!(long.len() > REMEMBERED_BYTES);
        assert_eq!(
            remembered(UnicodeForm::Nfkc, long, |c| Cow::Borrowed(c)),
            None
        );
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
