//! Character classes and tables used by the normalisation steps.

use icu_normalizer::properties::CanonicalCompositionBorrowed;

/// Hyphens and minus signs that neologdn unifies to `-`.
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(
        c,
        '\u{2D7}'
            | '\u{58A}'
            | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2043}'
            | '\u{207B}'
            | '\u{208B}'
            | '\u{2212}'
    )
}

/// Long-vowel marks and the dashes that stand for one (`﹣ － ｰ — ― ─ ━ ー`).
pub(crate) fn is_long_vowel_mark(c: char) -> bool {
    matches!(
        c,
        '\u{FE63}'
            | '\u{FF0D}'
            | '\u{FF70}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2500}'
            | '\u{2501}'
            | 'ー'
    )
}

/// Tildes and wave dashes (`~ ∼ ∾ 〜 〰 ～`).
pub(crate) fn is_tilde(c: char) -> bool {
    matches!(
        c,
        '~' | '\u{223C}' | '\u{223E}' | '\u{301C}' | '\u{3030}' | '\u{FF5E}'
    )
}

/// The characters neologdn calls Japanese when it decides about spaces: CJK unified
/// ideographs, hiragana, katakana, CJK symbols (without the ideographic space) and the
/// half-width and full-width forms block.
pub(crate) fn is_neologdn_block(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3001}'..='\u{303F}'
        | '\u{FF00}'..='\u{FFEF}')
}

/// Japanese script for space tidying: kanji (with extensions and compatibility forms),
/// kana, CJK symbols and punctuation, and the full-width forms.
pub(crate) fn is_japanese(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{3134F}')
}

/// Kana, for [`LongVowels::AfterKana`](super::LongVowels::AfterKana).
pub(crate) fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309E}' | '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FE}' | '\u{31F0}'..='\u{31FF}')
}

/// neologdn's width table: full-width Latin letters and digits, its list of symbols, and
/// half-width katakana and punctuation. `＂ ＇ ｀ ＼ ～ －` are not in it, and `¥ ’ “ ” ‘`
/// are, as in the package.
pub(crate) fn neologdn_width(c: char) -> Option<char> {
    let mapped = match c {
        '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' | '\u{FF10}'..='\u{FF19}' => {
            return fullwidth_ascii(c);
        }
        '！' | '＃' | '＄' | '％' | '＆' | '（' | '）' | '＊' | '＋' | '，' | '．' | '／'
        | '：' | '；' | '＜' | '＝' | '＞' | '？' | '＠' | '［' | '］' | '＾' | '＿' | '｛'
        | '｜' | '｝' => return fullwidth_ascii(c),
        '\u{201C}' | '\u{201D}' => '"',
        '\u{2019}' => '\'',
        '\u{2018}' => '`',
        '\u{2212}' => '-',
        '\u{A5}' => '\\',
        '\u{309B}' => '\u{FF9E}',
        '\u{309C}' => '\u{FF9F}',
        '\u{FF9E}' | '\u{FF9F}' => return None,
        _ => return halfwidth_kana(c),
    };
    Some(mapped)
}

/// Full-width ASCII forms (U+FF01–U+FF5E) to ASCII.
fn fullwidth_ascii(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21),
        _ => None,
    }
}

/// Half-width katakana and CJK punctuation (U+FF61–U+FF9D) to their full-width forms.
fn halfwidth_kana(c: char) -> Option<char> {
    const TABLE: [char; 61] = [
        '。', '「', '」', '、', '・', 'ヲ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ',
        'ー', 'ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ',
        'ソ', 'タ', 'チ', 'ツ', 'テ', 'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ',
        'ホ', 'マ', 'ミ', 'ム', 'メ', 'モ', 'ヤ', 'ユ', 'ヨ', 'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ',
        'ン',
    ];
    let index = (c as u32).checked_sub(0xFF61)?;
    TABLE.get(index as usize).copied()
}

/// The full width table: every full-width ASCII form, half-width katakana with its
/// punctuation and voiced marks, and the half-width and full-width symbols.
pub(crate) fn full_width(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => fullwidth_ascii(c),
        '\u{FF61}'..='\u{FF9D}' => halfwidth_kana(c),
        '\u{FF9E}' => Some('\u{309B}'),
        '\u{FF9F}' => Some('\u{309C}'),
        '\u{FFE0}' => Some('\u{A2}'),
        '\u{FFE1}' => Some('\u{A3}'),
        '\u{FFE2}' => Some('\u{AC}'),
        '\u{FFE4}' => Some('\u{A6}'),
        '\u{FFE5}' => Some('\u{A5}'),
        '\u{FFE6}' => Some('\u{20A9}'),
        '\u{FFE8}' => Some('\u{2502}'),
        '\u{FFE9}'..='\u{FFEC}' => char::from_u32(c as u32 - 0xFFE9 + 0x2190),
        '\u{FFED}' => Some('\u{25A0}'),
        '\u{FFEE}' => Some('\u{25CB}'),
        _ => None,
    }
}

/// neologdn's composition of a voiced mark `ﾞ` with the kana before it: katakana カ–ト, ハ–ホ,
/// ウ and hiragana う only, as in the package.
pub(crate) fn neologdn_voiced(prev: char) -> Option<char> {
    match prev {
        'カ' | 'キ' | 'ク' | 'ケ' | 'コ' | 'サ' | 'シ' | 'ス' | 'セ' | 'ソ' | 'タ' | 'チ'
        | 'ツ' | 'テ' | 'ト' | 'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ' => {
            char::from_u32(prev as u32 + 1)
        }
        'ウ' => Some('ヴ'),
        'う' => Some('ゔ'),
        _ => None,
    }
}

/// neologdn's composition of a semi-voiced mark `ﾟ` with ハ–ホ or は–ほ before it.
pub(crate) fn neologdn_semi_voiced(prev: char) -> Option<char> {
    match prev {
        'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ' | 'は' | 'ひ' | 'ふ' | 'へ' | 'ほ' => {
            char::from_u32(prev as u32 + 2)
        }
        _ => None,
    }
}

/// Composes `prev` with a voiced (`ﾞ`, `゛`) or semi-voiced (`ﾟ`, `゜`) sound mark, where
/// Unicode has the composed kana.
pub(crate) fn compose_sound_mark(prev: char, mark: char) -> Option<char> {
    let combining = match mark {
        '\u{FF9E}' | '\u{309B}' => '\u{3099}',
        '\u{FF9F}' | '\u{309C}' => '\u{309A}',
        _ => return None,
    };
    CanonicalCompositionBorrowed::new().compose(prev, combining)
}

/// Katakana to hiragana, where a hiragana form exists.
pub(crate) fn to_hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}'..='\u{30FE}' => {
            char::from_u32(c as u32 - 0x60).unwrap_or(c)
        }
        _ => c,
    }
}

/// Hiragana to katakana.
pub(crate) fn to_katakana(c: char) -> char {
    match c {
        '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309E}' => {
            char::from_u32(c as u32 + 0x60).unwrap_or(c)
        }
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halfwidth_table_lines_up_with_unicode() {
        assert_eq!(halfwidth_kana('\u{FF61}'), Some('。'));
        assert_eq!(halfwidth_kana('ｦ'), Some('ヲ'));
        assert_eq!(halfwidth_kana('ｰ'), Some('ー'));
        assert_eq!(halfwidth_kana('ｱ'), Some('ア'));
        assert_eq!(halfwidth_kana('ﾝ'), Some('ン'));
        assert_eq!(halfwidth_kana('ﾞ'), None);
    }

    #[test]
    fn voiced_tables() {
        assert_eq!(neologdn_voiced('カ'), Some('ガ'));
        assert_eq!(neologdn_voiced('ホ'), Some('ボ'));
        assert_eq!(neologdn_voiced('か'), None);
        assert_eq!(neologdn_semi_voiced('ヘ'), Some('ペ'));
        assert_eq!(neologdn_semi_voiced('ほ'), Some('ぽ'));
        assert_eq!(compose_sound_mark('か', '゛'), Some('が'));
        assert_eq!(compose_sound_mark('ワ', 'ﾞ'), Some('ヷ'));
        assert_eq!(compose_sound_mark('ア', 'ﾞ'), None);
    }

    #[test]
    fn kana_folding_round_trips() {
        for c in ['ア', 'ヴ', 'ヵ', 'ヽ', 'ー', 'ヷ'] {
            assert_eq!(to_katakana(to_hiragana(c)), c);
        }
        assert_eq!(to_hiragana('ヴ'), 'ゔ');
        assert_eq!(to_hiragana('ヷ'), 'ヷ');
    }
}
