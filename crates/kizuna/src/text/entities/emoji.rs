//! Emoji as whole grapheme clusters: ZWJ families, skin tones, flags, keycaps and tag
//! sequences stay one entity.
//!
//! A cluster is an emoji when it is a flag or keycap, asks for emoji presentation (`U+FE0F`),
//! joins pictographs with ZWJ or a skin tone, or starts with a pictograph shown as emoji by
//! default. Pictographs from the symbol and dingbat blocks (`☺ ♥ ✈ ✔`) count as well, since
//! posts use them as emoji; those that read as punctuation or letters (`‼ ™ © ↔ 〰`) count
//! only with `U+FE0F`.

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
    !matches!(c, '\0'..='\u{A8}' | '\u{AF}'..='\u{203B}' | '\u{3000}'..='\u{302F}'
        | '\u{3031}'..='\u{303C}' | '\u{303E}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7FF}'
        | '\u{FF00}'..='\u{FFEF}')
        && (CodePointSetData::new::<ExtendedPictographic>().contains(c)
            || CodePointSetData::new::<RegionalIndicator>().contains(c)
            || CodePointSetData::new::<EmojiPresentation>().contains(c))
}

/// The end of the emoji starting at `at`, if the grapheme cluster there is one.
pub(super) fn at(text: &str, at: usize) -> Option<usize> {
    let cluster = text[at..].graphemes(true).next()?;
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

    #[test]
    fn keycaps() {
        assert_eq!(keycap("1️⃣位", 0), Some("1️⃣".len()));
        assert_eq!(keycap("#⃣", 0), Some("#⃣".len()));
        assert_eq!(keycap("1️", 0), None);
        assert_eq!(keycap("12", 0), None);
    }
}
