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
/// and the emoji planes' blocks (U+1F000–U+1FAFF). For their chars the answers of
/// [`may_start`] and of [`is_emoji`] on the char alone are worked out once, as a few
/// binary searches of property sets per char add up.
const COMMON_BLOCKS: [(u32, u32); 2] = [(0x2000, 0x2BFF), (0x1_F000, 0x1_FAFF)];
const MAY_START: u8 = 1;
const ALONE: u8 = 2;

/// The flags of `c` ([`MAY_START`], [`ALONE`]) if it lies in the [`COMMON_BLOCKS`].
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
                let alone = if looks_up_is_emoji(c.encode_utf8(&mut [0; 4])) {
                    ALONE
                } else {
                    0
                };
                may | alone
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
    if let (Some(only), None) = (chars.next(), chars.next()) {
        if let Some(flags) = common(only) {
            return flags & ALONE != 0;
        }
    }
    looks_up_is_emoji(cluster)
}

/// [`is_emoji`] through the Unicode property sets.
fn looks_up_is_emoji(cluster: &str) -> bool {
    let Some(first) = cluster.chars().next() else {
        return false;
    };
    if CodePointSetData::new::<RegionalIndicator>().contains(first)
        || CodePointSetData::new::<EmojiPresentation>().contains(first)
    {
        return true;
    }
    let pictograph = CodePointSetData::new::<ExtendedPictographic>().contains(first);
    let emoji = CodePointSetData::new::<Emoji>().contains(first);
    let styled = cluster.chars().skip(1).any(|c| {
        c == VARIATION_EMOJI || c == ZWJ || CodePointSetData::new::<EmojiModifier>().contains(c)
    });
    let symbol_block = matches!(first, '\u{2600}'..='\u{27BF}' | '\u{1F000}'..);
    (pictograph || emoji) && (styled || (pictograph && emoji && symbol_block))
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
                let alone = c.encode_utf8(&mut [0; 4]).to_owned();
                assert_eq!(is_emoji(&alone), looks_up_is_emoji(&alone), "{c:?}");
            }
        }
        assert_eq!(common('😭'), Some(MAY_START | ALONE));
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
