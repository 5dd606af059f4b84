//! The identifiers of social platforms: @mentions, #hashtags and $cashtags, by X's rules.
//!
//! - A mention is `@` or `＠` and 1–15 letters, digits or underscores, ASCII or full-width
//!   (`＠ｓｕｐｐｏｒｔ` is a mention once folded, so it is one here); it is not one inside an
//!   e-mail address or a longer name.
//! - A hashtag is `#` or `＃` and a run of letters, marks, digits, underscores and the
//!   Japanese signs X allows (`・`, `ー`, `〜`, `゛`…), with at least one letter. It ends at
//!   punctuation or space, never at a change of script (`#ソラ航空の対応` is one hashtag, as on
//!   X), and it must not be glued to a word before it, nor to a `#` or `://` after it.
//! - A cashtag is `$` and 1–6 Latin letters (with an optional `.xx` or `_xx` class suffix),
//!   after a space or at the start, before a space, punctuation or the end.

use super::{fold, is_latin_word, is_mark, next_char, prev_char};
use crate::text::chars;
use crate::text::unicode::is_continuation;

/// A mention whose `@` is at `at`; returns its end.
pub(super) fn mention(text: &str, at: usize) -> Option<usize> {
    let sign = next_char(text, at)?;
    if prev_char(text, at).is_some_and(|c| {
        is_latin_word(c) || matches!(fold(c), '!' | '#' | '$' | '%' | '&' | '*' | '@')
    }) {
        return None;
    }
    let start = at + sign.len_utf8();
    let mut end = start;
    for (count, c) in text[start..].chars().enumerate() {
        if !is_latin_word(c) {
            break;
        }
        if count == 15 {
            return None; // longer than any handle: not a mention
        }
        end += c.len_utf8();
    }
    let next = next_char(text, end);
    let glued = next.is_some_and(|c| {
        fold(c) == '@' || ('\u{C0}'..='\u{24F}').contains(&c) || is_continuation(c)
    }) || text[end..].starts_with("://");
    (end > start && !glued).then_some(end)
}

/// A hashtag whose `#` is at `at`; returns its end.
pub(super) fn hashtag(text: &str, at: usize) -> Option<usize> {
    let sign = next_char(text, at)?;
    let start = at + sign.len_utf8();
    if matches!(next_char(text, start), Some('\u{FE0F}' | '\u{20E3}')) {
        return None; // a keycap emoji: #️⃣
    }
    if glued_before(text, at) {
        return None;
    }
    let mut end = start;
    let mut has_letter = false;
    for c in text[start..].chars() {
        if !is_hashtag_char(c) {
            break;
        }
        has_letter = has_letter || c.is_alphabetic() || is_mark(c);
        end += c.len_utf8();
    }
    // X takes neither `#a#b` nor `#ahttps://…` as a hashtag.
    let glued =
        next_char(text, end).is_some_and(|c| fold(c) == '#') || text[end..].starts_with("://");
    (has_letter && !glued).then_some(end)
}

/// Whether the hashtag sign at `at` is glued to a word before it: a letter, digit or `&`, or
/// dashes that follow kana and so become the long-vowel mark `ー` (`ﾄ━━#タグ`). A tilde is not a
/// word, though X counts it in hashtags.
fn glued_before(text: &str, at: usize) -> bool {
    let mut before = at;
    while let Some(dash) = prev_char(text, before).filter(|&c| chars::is_long_vowel_mark(c)) {
        before -= dash.len_utf8();
    }
    let Some(c) = prev_char(text, before) else {
        return false;
    };
    if before < at {
        let sound_mark = matches!(c, 'ﾞ' | 'ﾟ' | '゛' | '゜' | '\u{3099}' | '\u{309A}');
        return text[before..at].chars().any(char::is_alphabetic)
            || sound_mark
            || chars::is_kana(chars::full_width(c).unwrap_or(c));
    }
    fold(c) == '&' || is_latin_word(c) || (is_hashtag_char(c) && fold(c) != '~')
}

/// A cashtag whose `$` is at `at`; returns its end.
pub(super) fn cashtag(text: &str, at: usize) -> Option<usize> {
    if prev_char(text, at).is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    let bytes = text.as_bytes();
    let letters = |from: usize, max: usize| {
        let n = bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        (1..=max).contains(&n).then_some(from + n)
    };
    let mut end = letters(at + 1, 6)?;
    if matches!(bytes.get(end), Some(b'.' | b'_')) {
        if let Some(suffix_end) = letters(end + 1, 2) {
            end = suffix_end;
        }
    }
    let ends_well = next_char(text, end).is_none_or(|c| {
        c.is_whitespace() || (c.is_ascii_punctuation() && c != '_') || is_cjk_punctuation(c)
    });
    ends_well.then_some(end)
}

/// What a hashtag may hold after its `#`.
fn is_hashtag_char(c: char) -> bool {
    // Kana, kanji and ASCII letters and digits first: most of any hashtag.
    if matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{30FC}' | '\u{4E00}'..='\u{9FFF}')
        || c.is_ascii_alphanumeric()
    {
        return true;
    }
    c.is_alphanumeric()
        || c == '_'
        || is_mark(c)
        || matches!(
            c,
            '\u{200C}'
                | '\u{200D}'
                | '・'
                | '･'
                | '～'
                | '〜'
                | '゛'
                | '゜'
                | '゠'
                | '〃'
                | '·'
                | '＿'
        )
}

fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF1F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first<'t>(
        text: &'t str,
        sign: &[char],
        f: fn(&str, usize) -> Option<usize>,
    ) -> Option<&'t str> {
        let at = text.find(sign)?;
        f(text, at).map(|end| &text[at..end])
    }

    #[test]
    fn mentions() {
        let m = |t| first(t, &['@', '＠'], mention);
        assert_eq!(m("@sora_air 助けて"), Some("@sora_air"));
        assert_eq!(m("宛先@sora_airありがとう"), Some("@sora_air"));
        assert_eq!(m("＠ＳＯＲＡ＿ＡＩＲ"), Some("＠ＳＯＲＡ＿ＡＩＲ"));
        assert_eq!(m("taro@example.com"), None);
        assert_eq!(m("@a_name_that_is_too_long"), None);
        assert_eq!(m("@ alone"), None);
        assert_eq!(m("@user@host"), None);
        assert_eq!(m("@josé"), None);
        assert_eq!(m("@jose\u{301}"), None);
        assert_eq!(m("@sora_airsoooo\u{ff9e}"), None);
    }

    #[test]
    fn hashtags() {
        let h = |t| first(t, &['#', '＃'], hashtag);
        assert_eq!(h("#拡散希望 お願い"), Some("#拡散希望"));
        assert_eq!(h("#ソラ航空の対応、最悪"), Some("#ソラ航空の対応"));
        assert_eq!(h("#サポート #SALE"), Some("#サポート"));
        assert_eq!(h("#トロピカル～ジュ!"), Some("#トロピカル～ジュ"));
        assert_eq!(h("＃セール開催中。"), Some("＃セール開催中"));
        assert_eq!(h("#スーパー・セール"), Some("#スーパー・セール"));
        assert_eq!(h("#123"), None);
        assert_eq!(h("#1位"), Some("#1位"));
        assert_eq!(h("今日は#セール"), None);
        assert_eq!(h("&#39;"), None);
        assert_eq!(h("#️⃣"), None);
        assert_eq!(h("#😭"), None);
        assert_eq!(h("〜#拡散希望"), Some("#拡散希望"));
        assert_eq!(h("か゛#拡散希望"), None);
        assert_eq!(h("ﾄ━━#拡散希望"), None);
        assert_eq!(h("ｶﾞ━#拡散希望"), None);
        assert_eq!(h("漢字ー#拡散希望"), None);
        assert_eq!(h("漢字━#拡散希望"), Some("#拡散希望"));
        assert_eq!(h("#a#b"), None);
        assert_eq!(h("#見てhttps://t.co/x"), None);
    }

    #[test]
    fn cashtags() {
        let c = |t| first(t, &['$'], cashtag);
        assert_eq!(c("$TSLA up"), Some("$TSLA"));
        assert_eq!(c("buy $brk.b now"), Some("$brk.b"));
        assert_eq!(c("$LYNQ、"), Some("$LYNQ"));
        assert_eq!(c("$7203"), None);
        assert_eq!(c("US$ABC"), None);
        assert_eq!(c("$TOOLONGX"), None);
        assert_eq!(c("$TSLA買った"), None);
    }
}
