//! Emoji as whole grapheme clusters: ZWJ families, skin tones, flags, keycaps and tag
//! sequences stay one entity.
//!
//! A cluster is an emoji when it is a flag or keycap, asks for emoji presentation (`U+FE0F`),
//! joins pictographs with ZWJ or a skin tone, or starts with a pictograph shown as emoji by
//! default. Pictographs from the symbol and dingbat blocks (`☺ ♥ ✈ ✔`) count as well, since
//! posts use them as emoji; those that read as punctuation or letters (`‼ ™ © ↔ 〰`) count
//! only with `U+FE0F`.

use std::sync::OnceLock;

use icu_properties::CodePointSetData;
use icu_properties::props::{
    Emoji, EmojiModifier, EmojiPresentation, ExtendedPictographic, RegionalIndicator,
};
use unicode_segmentation::UnicodeSegmentation;

const VARIATION_EMOJI: char = '\u{FE0F}';
const KEYCAP: char = '\u{20E3}';
const ZWJ: char = '\u{200D}';

/// Whether an emoji can start with `c` (a cheap test before the grapheme cluster is cut).
pub(super) fn may_start(c: char) -> bool {
    // No emoji below ©, between ® and ‼, among CJK punctuation (but 〰 U+3030 and 〽 U+303D),
    // kana, kanji, Hangul or the width forms.
    let never = matches!(c, '\0'..='\u{A8}' | '\u{AF}'..='\u{203B}' | '\u{3000}'..='\u{302F}'
        | '\u{3031}'..='\u{303C}' | '\u{303E}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7FF}'
        | '\u{FF00}'..='\u{FFEF}');
    !never
        && match common(c) {
            Some(flags) => flags & MAY_START != 0,
            None => has_emoji_start_property(c),
        }
}

/// Whether `c` is a pictograph, a regional indicator or shown as emoji by default.
fn has_emoji_start_property(c: char) -> bool {
    CodePointSetData::new::<ExtendedPictographic>().contains(c)
        || CodePointSetData::new::<RegionalIndicator>().contains(c)
        || CodePointSetData::new::<EmojiPresentation>().contains(c)
}

/// The blocks that hold nearly every emoji posts use: symbols and dingbats (U+2000–U+2BFF)
/// and the emoji planes' blocks (U+1F000–U+1FAFF). What their chars say for [`may_start`] and
/// [`is_emoji`] is worked out once, as a few binary searches of property sets per char add up.
const COMMON_BLOCKS: [(u32, u32); 2] = [(0x2000, 0x2BFF), (0x1_F000, 0x1_FAFF)];
/// An emoji can start with the char.
const MAY_START: u8 = 1;
/// The char alone, or with any mark, modifier or selector after it, is an emoji (a regional
/// indicator, or a char shown as emoji by default).
const PRESENTS: u8 = 2;
/// The char is a pictograph or an emoji: with a selector, joiner or skin tone after it, the
/// cluster is an emoji.
const PICTOGRAPH_OR_EMOJI: u8 = 4;
/// The char alone is an emoji.
const ALONE: u8 = 8;

/// The flags of `c` ([`MAY_START`] and those of [`first_char_flags`]) if it lies in the
/// [`COMMON_BLOCKS`].
fn common(c: char) -> Option<u8> {
    static FLAGS: OnceLock<Vec<u8>> = OnceLock::new();
    let flags = FLAGS.get_or_init(|| {
        COMMON_BLOCKS
            .iter()
            .flat_map(|&(first, last)| first..=last)
            .map(|code| {
                let Some(c) = char::from_u32(code) else {
                    return 0;
                };
                let may = if has_emoji_start_property(c) {
                    MAY_START
                } else {
                    0
                };
                may | first_char_flags(c)
            })
            .collect()
    });
    let code = c as u32;
    let mut offset = 0;
    for (first, last) in COMMON_BLOCKS {
        if (first..=last).contains(&code) {
            return flags.get((offset + code - first) as usize).copied();
        }
        offset += last - first + 1;
    }
    None
}

/// The end of the emoji starting at `at`, if the grapheme cluster there is one.
pub(super) fn at(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let first_len = rest.chars().next()?.len_utf8();
    // Nothing ASCII extends a cluster (no mark, joiner, modifier or selector is ASCII, and a
    // pictograph never joins a CR or LF): a lone emoji before ASCII needs no segmentation.
    let cluster = match rest.as_bytes().get(first_len) {
        None => rest,
        Some(next) if next.is_ascii() => &rest[..first_len],
        Some(_) => rest.graphemes(true).next()?,
    };
    is_emoji(cluster).then_some(at + cluster.len())
}

/// A keycap emoji (`1️⃣`, `#⃣`) whose base character is the ASCII byte at `at`.
pub(super) fn keycap(text: &str, at: usize) -> Option<usize> {
    let cluster = text[at..].graphemes(true).next()?;
    let mut chars = cluster.chars();
    let base = chars.next()?;
    let keycap = matches!(base, '0'..='9' | '#' | '*') && cluster.ends_with(KEYCAP);
    keycap.then_some(at + cluster.len())
}

fn is_emoji(cluster: &str) -> bool {
    let mut chars = cluster.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let flags = common(first).unwrap_or_else(|| first_char_flags(first));
    if flags & PRESENTS != 0 {
        return true;
    }
    let styled = chars.any(|c| {
        c == VARIATION_EMOJI || c == ZWJ || CodePointSetData::new::<EmojiModifier>().contains(c)
    });
    if styled {
        flags & PICTOGRAPH_OR_EMOJI != 0
    } else {
        flags & ALONE != 0
    }
}

/// What the first char of a cluster says of it ([`PRESENTS`], [`PICTOGRAPH_OR_EMOJI`],
/// [`ALONE`]), through the Unicode property sets.
fn first_char_flags(first: char) -> u8 {
    let presents = CodePointSetData::new::<RegionalIndicator>().contains(first)
        || CodePointSetData::new::<EmojiPresentation>().contains(first);
    let pictograph = CodePointSetData::new::<ExtendedPictographic>().contains(first);
    let emoji = CodePointSetData::new::<Emoji>().contains(first);
    let symbol_block = matches!(first, '\u{2600}'..='\u{27BF}' | '\u{1F000}'..);
    let flag = |yes: bool, flag: u8| if yes { flag } else { 0 };
    flag(presents, PRESENTS)
        | flag(pictograph || emoji, PICTOGRAPH_OR_EMOJI)
        | flag(presents || (pictograph && emoji && symbol_block), ALONE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emoji(text: &str) -> Option<&str> {
        at(text, 0).map(|end| &text[..end])
    }

    #[test]
    fn clusters_stay_whole() {
        assert_eq!(emoji("👨‍👩‍👧‍👦ｗ"), Some("👨‍👩‍👧‍👦"));
        assert_eq!(emoji("👍🏽!"), Some("👍🏽"));
        assert_eq!(emoji("🇯🇵🇯🇵"), Some("🇯🇵"));
        assert_eq!(emoji("❤️x"), Some("❤️"));
        assert_eq!(emoji("🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland"), Some("🏴󠁧󠁢󠁳󠁣󠁴󠁿"));
        assert_eq!(emoji("☺"), Some("☺"));
        assert_eq!(emoji("😭😭"), Some("😭"));
    }

    #[test]
    fn text_symbols_are_not_emoji() {
        for text in ["™", "©", "‼", "↔", "〰", "★", "♪", "♡", "→", "あ"] {
            assert_eq!(emoji(text), None, "{text}");
        }
        assert_eq!(emoji("‼️"), Some("‼️"));
        assert_eq!(emoji("〰️"), Some("〰️"));
    }

    /// The answers worked out once for the common blocks are the property sets' answers.
    #[test]
    fn common_blocks_answer_as_the_property_sets() {
        for (first, last) in COMMON_BLOCKS {
            for c in (first..=last).filter_map(char::from_u32) {
                let never = matches!(c, '\u{2000}'..='\u{203B}');
                assert_eq!(may_start(c), !never && has_emoji_start_property(c), "{c:?}");
                let cached = common(c).unwrap_or_default();
                assert_eq!(cached & !MAY_START, first_char_flags(c), "{c:?}");
            }
        }
        assert_eq!(
            common('😭'),
            Some(MAY_START | PRESENTS | PICTOGRAPH_OR_EMOJI | ALONE)
        );
        assert_eq!(common('♥'), Some(MAY_START | PICTOGRAPH_OR_EMOJI | ALONE));
        assert_eq!(common('‼'), Some(MAY_START | PICTOGRAPH_OR_EMOJI)); // only with U+FE0F
        assert_eq!(common('あ'), None);
    }

    #[test]
    fn keycaps() {
        assert_eq!(keycap("1️⃣位", 0), Some("1️⃣".len()));
        assert_eq!(keycap("#⃣", 0), Some("#⃣".len()));
        assert_eq!(keycap("1️", 0), None);
        assert_eq!(keycap("12", 0), None);
    }
}
