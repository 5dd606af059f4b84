//! The tables behind the normaliser's fast path, computed once per normaliser: for each char
//! of the blocks that make up most Japanese and English posts (ASCII, CJK punctuation and
//! kana, kanji, the full-width and half-width forms), what the steps turn it into when it
//! stands on its own. A char that a step judges by its neighbours (spaces, dashes, long-vowel
//! marks, tildes, sound marks) has no entry and takes the slow path.

use super::chars;
use super::options::{KanaFold, LongVowels, NormalizerOptions, Spaces, Tilde, Width};
use super::unicode::ChunkNormalizer;

/// What [`FastTables::ascii`] gives for a byte that a step treats specially.
pub(crate) const SPECIAL: u8 = 0xFF;

/// The fast path's char tables; see the [module docs](self).
#[derive(Debug)]
pub(crate) struct FastTables {
    /// ASCII byte → output byte (lowercased if asked), or [`SPECIAL`].
    ascii: [u8; 128],
    /// U+3000–U+30FF → output char, or `'\0'` for the slow path.
    cjk: [char; 256],
    /// U+FF00–U+FFEF → output char, or `'\0'` for the slow path.
    forms: [char; 240],
}

impl FastTables {
    pub(crate) fn new(options: &NormalizerOptions, unicode: ChunkNormalizer) -> Self {
        let mut ascii = [SPECIAL; 128];
        for (b, out) in (0u8..).zip(ascii.iter_mut()) {
            if !typed_step(options, char::from(b)) {
                *out = if options.lowercase {
                    b.to_ascii_lowercase()
                } else {
                    b
                };
            }
        }
        let block = |base: u32, out: &mut [char]| {
            for (offset, slot) in (0u32..).zip(out.iter_mut()) {
                *slot = char::from_u32(base + offset)
                    .and_then(|c| simple_form(options, unicode, c))
                    .unwrap_or('\0');
            }
        };
        let mut cjk = ['\0'; 256];
        block(0x3000, &mut cjk);
        let mut forms = ['\0'; 240];
        block(0xFF00, &mut forms);
        FastTables { ascii, cjk, forms }
    }

    /// The output byte for an ASCII byte, or [`SPECIAL`].
    pub(crate) fn ascii(&self, b: u8) -> u8 {
        self.ascii.get(usize::from(b)).copied().unwrap_or(SPECIAL)
    }

    /// Whether the char `code` of U+3000–U+30FF maps to itself.
    pub(crate) fn maps_to_itself(&self, code: u32) -> bool {
        let entry = self.cjk.get((code as usize).wrapping_sub(0x3000));
        entry.is_some_and(|&c| c as u32 == code)
    }

    /// The output char for any char the tables map on its own.
    pub(crate) fn alone(&self, c: char) -> Option<char> {
        if c.is_ascii() {
            let mapped = self.ascii(c as u8);
            (mapped != SPECIAL).then(|| char::from(mapped))
        } else {
            self.map(c)
        }
    }

    /// The output char for a non-ASCII char, if it takes the fast path.
    pub(crate) fn map(&self, c: char) -> Option<char> {
        let entry = match c {
            '\u{4E00}'..='\u{9FFF}' => return Some(c), // kanji: no step changes them
            '\u{3000}'..='\u{30FF}' => self.cjk[c as usize - 0x3000],
            '\u{FF00}'..='\u{FFEF}' => self.forms[c as usize - 0xFF00],
            _ => return None,
        };
        (entry != '\0').then_some(entry)
    }
}

/// Whether a step on typed chars (spaces, hyphens, long vowels, tildes) takes `c`, whatever
/// stands around it: such chars go the slow way.
fn typed_step(options: &NormalizerOptions, c: char) -> bool {
    let space = match options.spaces {
        Spaces::Keep => false,
        Spaces::Neologdn => c == ' ' || c == '\u{3000}',
        Spaces::Tidy => c.is_whitespace() || c == '\u{B}',
        Spaces::Display => c.is_whitespace() || c.is_control() || c == '\u{FEFF}',
    };
    let tilde = chars::is_tilde(c) && (c != '~' || options.tilde != Tilde::Ignore);
    space
        || tilde
        || (options.hyphens && chars::is_hyphen(c))
        || (options.long_vowels != LongVowels::Off && chars::is_long_vowel_mark(c))
}

/// What the steps make of `c` on its own, or `None` when that depends on its neighbours or
/// needs the Unicode normaliser.
fn simple_form(options: &NormalizerOptions, unicode: ChunkNormalizer, c: char) -> Option<char> {
    let sound_mark = matches!(c, '\u{3099}'..='\u{309C}' | '\u{FF9E}' | '\u{FF9F}');
    if sound_mark || typed_step(options, c) {
        return None;
    }
    let formed = unicode.quick(c)?;
    let wide = match options.width {
        Width::Off => formed,
        Width::Neologdn => chars::neologdn_width(formed).unwrap_or(formed),
        Width::Full => chars::full_width(formed).unwrap_or(formed),
    };
    let mut lower = wide.to_lowercase();
    let cased = match (options.lowercase, lower.next(), lower.next()) {
        (false, _, _) => wide,
        (true, Some(one), None) => one,
        _ => return None,
    };
    Some(match options.kana {
        KanaFold::Off => cased,
        KanaFold::Hiragana => chars::to_hiragana(cased),
        KanaFold::Katakana => chars::to_katakana(cased),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Normalizer, Preset};

    /// Every table entry is what the whole normaliser makes of the char alone.
    #[test]
    fn tables_agree_with_the_slow_path() {
        for preset in Preset::ALL {
            let options = NormalizerOptions::preset(preset);
            let tables = FastTables::new(&options, ChunkNormalizer::new(options.unicode));
            let plain = options.entities(crate::text::EntityOptions::all(
                crate::text::EntityAction::Plain,
            ));
            let normalizer = Normalizer::new(plain);
            let chars = ('\u{21}'..='\u{7E}')
                .chain('\u{3000}'..='\u{30FF}')
                .chain('\u{FF00}'..='\u{FFEF}')
                .chain(['\u{4E00}', '\u{9FFF}']);
            for c in chars {
                if let Some(fast) = tables.alone(c) {
                    let slow = normalizer
                        .normalize_with(c.encode_utf8(&mut [0; 4]), false)
                        .into_text();
                    assert_eq!(slow, fast.to_string(), "{c:?} in {}", preset.name());
                }
            }
        }
    }
}
