//! Kaomoji and emoticons: bracketed faces with their arms (`(´；ω；｀)`, `m(_ _)m`,
//! `ヽ(°▽°)ノ`), bare Japanese faces (`^^;`, `^_^`, `T_T`, `>_<`), Western emoticons (`:-)`,
//! `;D`, `<3`) and `orz`.
//!
//! A bracketed face is told from a parenthetical remark by what is inside: no words, digits
//! or kanji, and either a mark that belongs to faces (eyes and mouths such as `^ _ ´ ω Д ▽ ∀`)
//! or two different weaker ones (`・ ; - . > <`), so `(・∀・)` and `(・・;)` are faces while
//! `(笑)`, `(2)`, `(...)` and `(see above)` are not. Full-width forms count as their ASCII
//! twins (`（＾＿＾）`).

use super::{fold_width as fold, folded_last, is_latin_word, next_char, prev_char};

/// The most chars a face may hold between its brackets.
const MAX_FACE_CHARS: usize = 24;
/// The most arm chars taken on either side of a bracketed face.
const MAX_ARM_CHARS: usize = 3;

/// Marks that make a bracketed text a face on their own.
const STRONG: &[char] = &[
    '^', '_', '´', '`', 'ω', 'Д', 'д', '▽', '△', '∀', 'ε', '∇', '≧', '≦', '◕', '‿', '◡', '゜', 'ﾟ',
    '⌒', '﹏', 'ロ', 'ﾛ', 'ェ', 'ｪ', 'ヮ', 'ಠ', 'ᴗ', '꒳', 'ʖ', '╥', '◉', '皿', '益', '≖', '°',
    '˘', 'ᵔ', '๑', '•', 'з', '〃', 'ᗜ', 'ˊ', 'ˋ',
];
/// Marks of which two different ones make a face.
const WEAK: &[char] = &[
    '・', '･', ';', '>', '<', '-', 'ー', 'ｰ', '~', '〜', '*', 'o', 'O', 'x', 'X', '\'', '"', '=',
    '.', '。', ',', '、', '○', '◯', '●', 'T', 'U', 'u', 'v', 'w', 'q', 'p', 'd', 'b', '3', '/',
    '\\', '|', '+', 'c',
];
/// Letters that may stand in a face (as eyes, mouths or cheeks) without making it a word.
const FACE_LETTERS: &[char] = &[
    'ω', 'Д', 'д', 'ε', 'з', 'ʖ', 'ロ', 'ﾛ', 'ェ', 'ｪ', 'ヮ', 'ノ', 'ﾉ', 'ゝ', 'ゞ', 'ー', 'ｰ',
    'へ', 'ヘ', 'つ', 'っ', 'ﾂ', '皿', '益', '艸', 'ಠ', 'ʘ', 'ᴗ', 'ᵔ', '꒳', 'ﾟ', '๑', 'ᗜ', 'ˊ',
    'ˋ', 'σ', 'ε', 'o', 'O', 'x', 'X', 'T', 'U', 'u', 'v', 'w', 'q', 'p', 'd', 'b', 'c',
];
const LEFT_ARMS: &[char] = &[
    'm', 'o', 'ヽ', '＼', '\\', '٩', 'ლ', '୧', '⊂', 'ヾ', '┌', '┐', 'σ', 'Σ', '∩', '_', '⊃', 'ʅ',
    'ƪ', 'ξ', '〃', '｡', '。', '*', '.', '+', '゜', 'ﾟ',
];
const RIGHT_ARMS: &[char] = &[
    'm', 'ﾉ', 'ノ', '／', '/', '۶', 'ლ', '୨', '⊃', 'ゞ', '┘', '┐', '┌', 'σ', '彡', 'ʃ', 'ｼ', 'ﾍ',
    'ヘ', '∩', 'b', 'd', 'v', 'o', 'و', '☆', '✧', '♪', '〃', '｡', '。', '*', '.', '+', '゜', 'ﾟ',
];

/// A bracketed face whose opening bracket is at `open`, with its arms; returns its span.
pub(super) fn bracketed(text: &str, open: usize, floor: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut face = Face::default();
    let mut close = None;
    for (count, (i, c)) in text[open..].char_indices().enumerate() {
        if count > MAX_FACE_CHARS + 1 {
            return None;
        }
        match fold(c) {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(open + i + c.len_utf8());
                    break;
                }
            }
            folded => face.take(folded)?,
        }
    }
    let close = close?;
    if !face.is_face() {
        return None;
    }
    let start = arms_before(text, open, floor);
    Some((start, arms_after(text, close)))
}

/// What a bracketed body has shown so far.
#[derive(Default)]
struct Face {
    strong: bool,
    weak: [Option<char>; 2],
}

impl Face {
    /// Takes one char of the body; `None` when it cannot be part of a face.
    fn take(&mut self, c: char) -> Option<()> {
        let allowed = match c {
            ' ' | '　' => true,
            c if c.is_whitespace() || c.is_control() => false,
            c if c.is_alphanumeric() => FACE_LETTERS.contains(&c) || c == '3',
            _ => true,
        };
        if !allowed {
            return None;
        }
        if STRONG.contains(&c) {
            self.strong = true;
        } else if WEAK.contains(&c) {
            match self.weak {
                [None, _] => self.weak[0] = Some(c),
                [Some(first), None] if first != c => self.weak[1] = Some(c),
                _ => {}
            }
        }
        Some(())
    }

    fn is_face(&self) -> bool {
        self.strong || self.weak[1].is_some()
    }
}

/// Whether an arm that is also a letter (`m`, `o`, `ノ`) belongs to the word beside it instead:
/// a Latin arm next to a Latin letter or digit, a kana arm next to kana (`(^^)ノート`; before
/// a kanji, as in `ヽ(`Д´)ﾉ怒`, it is an arm).
fn glued(arm: char, neighbour: char) -> bool {
    if arm.is_ascii_alphabetic() {
        is_latin_word(neighbour)
    } else if matches!(arm, 'ノ' | 'ﾉ' | 'ヘ' | 'ﾍ' | 'ｼ') {
        matches!(neighbour, '\u{3041}'..='\u{30FF}' | '\u{FF66}'..='\u{FF9F}' )
    } else {
        false
    }
}

/// Extends a face left over its arms (`m`, `ヽ`, `＼`, `٩`…), not before `floor`, unless a
/// letter arm is [`glued`] to the word before it.
fn arms_before(text: &str, start: usize, floor: usize) -> usize {
    let mut start = start;
    for c in text[floor..start].chars().rev().take(MAX_ARM_CHARS) {
        if !LEFT_ARMS.contains(&c) {
            break;
        }
        let before = start - c.len_utf8();
        if prev_char(text, before).is_some_and(|n| glued(c, n)) {
            break;
        }
        start = before;
    }
    start
}

/// Extends a face right over its arms (`m`, `ﾉ`, `／`, `۶`…), unless a letter arm is [`glued`]
/// to the word after it.
fn arms_after(text: &str, end: usize) -> usize {
    let mut end = end;
    for c in text[end..].chars().take(MAX_ARM_CHARS) {
        if !RIGHT_ARMS.contains(&c) {
            break;
        }
        let after = end + c.len_utf8();
        if next_char(text, after).is_some_and(|n| glued(c, n)) {
            break;
        }
        end = after;
    }
    end
}

/// Whether a bare face or emoticon may start with `c`, so that the scanner tries [`bare`].
pub(super) fn may_start_bare(c: char) -> bool {
    matches!(
        fold(c),
        '^' | ';' | '>' | '.' | '*' | '=' | ':' | '<' | '_' | 'z' | 'Z' | 'L'
    )
}

/// A bare face or emoticon at `at` (or, for `T_T` and `orz`, ending just after it); returns
/// its span, which starts at or after `floor`.
pub(super) fn bare(text: &str, at: usize, floor: usize) -> Option<(usize, usize)> {
    let c = next_char(text, at)?;
    match fold(c) {
        '_' => letter_eyes(text, at, c.len_utf8(), floor).or_else(|| dash_eyes(text, at)),
        'z' | 'Z' | 'L' => orz(text, at, floor),
        ':' => western(text, at),
        ';' | '=' => eyes(text, at).or_else(|| western(text, at)),
        '<' => heart(text, at),
        '.' => eyes(text, at).or_else(|| dash_eyes(text, at)),
        _ => eyes(text, at),
    }
    .filter(|&(start, _)| start >= floor)
}

/// `-_-` and `-.-`, found from their mouth at `at` (a dash is too common to start a search).
fn dash_eyes(text: &str, at: usize) -> Option<(usize, usize)> {
    let eye = prev_char(text, at).filter(|&c| fold(c) == '-')?;
    eyes(text, at - eye.len_utf8())
}

/// Faces of two symbol eyes and an optional mouth: `^^`, `^_^;`, `-_-`, `>_<`, `;_;`, `*_*`.
fn eyes(text: &str, at: usize) -> Option<(usize, usize)> {
    let mut chars = text[at..].chars();
    let eye = chars.next()?;
    let (left, mut end) = (fold(eye), at + eye.len_utf8());
    let (right, mouths): (char, &[char]) = match left {
        '^' => (
            '^',
            &[
                '_', '-', 'o', '.', 'ω', '▽', 'ー', 'ｰ', '∀', 'v', 'ェ', 'ε', '3',
            ],
        ),
        '-' => ('-', &['_', '.']),
        '>' => ('<', &['_', '.', 'ω', '▽', 'o']),
        ';' | '.' | '*' | '=' => (left, &['_']),
        _ => return None,
    };
    let second = chars.next()?;
    let closing = if mouths.contains(&fold(second)) {
        end += second.len_utf8();
        chars.next()?
    } else if left == '^' {
        second
    } else {
        return None;
    };
    if fold(closing) != right {
        return None;
    }
    end += closing.len_utf8();
    end = trailing_sweat(text, end);
    let clear = |c: Option<char>| c.is_none_or(|c| !fold(c).is_ascii_digit());
    let symbol_clear = left == '^' || prev_char(text, at).is_none_or(|c| !is_latin_word(c));
    (clear(prev_char(text, at)) && clear(next_char(text, end)) && symbol_clear).then_some((at, end))
}

/// `;` after a face (`^^;`, `-_-;;`), up to three.
fn trailing_sweat(text: &str, mut end: usize) -> usize {
    for c in text[end..].chars().take(3) {
        if fold(c) != ';' {
            break;
        }
        end += c.len_utf8();
    }
    end
}

/// Faces of two letter eyes around the `_` (`mouth` bytes long) at `at`: `T_T`, `o_O`, `ಠ_ಠ`.
fn letter_eyes(text: &str, at: usize, mouth: usize, floor: usize) -> Option<(usize, usize)> {
    let left = prev_char(text, at)?;
    let right = next_char(text, at + mouth)?;
    let pair = matches!(
        (left, right),
        ('T', 'T') | ('o' | 'O', 'o' | 'O') | ('x', 'x') | ('X', 'X') | ('u', 'u') | ('ಠ', 'ಠ')
    );
    let start = at.checked_sub(left.len_utf8())?;
    let end = trailing_sweat(text, at + mouth + right.len_utf8());
    let free = |c: Option<char>| c.is_none_or(|c| !is_latin_word(c));
    (pair && start >= floor && free(prev_char(text, start)) && free(next_char(text, end)))
        .then_some((start, end))
}

/// `orz`, `Orz`, `ORZ` and `OTL` ending at `at`, not glued to Latin letters or digits.
fn orz(text: &str, at: usize, floor: usize) -> Option<(usize, usize)> {
    let start = at.checked_sub(2).filter(|&s| s >= floor)?;
    let word = text.get(start..at + 1)?;
    let known = matches!(word, "orz" | "Orz" | "ORZ" | "OTL");
    let free = |c: Option<char>| c.is_none_or(|c| !is_latin_word(c));
    (known && free(prev_char(text, start)) && free(next_char(text, at + 1)))
        .then_some((start, at + 1))
}

/// Western emoticons: `:)`, `:-(`, `;D`, `:'(`, `=)`, `:P`, `:/`.
fn western(text: &str, at: usize) -> Option<(usize, usize)> {
    let mut end = at + 1;
    let bytes = text.as_bytes();
    if matches!(bytes.get(end), Some(b'-' | b'\'')) {
        end += 1;
    }
    let mouth = *bytes.get(end)?;
    if !matches!(
        mouth,
        b')' | b'(' | b'D' | b'P' | b'p' | b'O' | b'o' | b'3' | b'/' | b'|' | b']' | b'['
    ) {
        return None;
    }
    end += 1;
    let before_ok = prev_char(text, at).is_none_or(stands_apart);
    let after_ok = next_char(text, end).is_none_or(|c| !is_latin_word(c) && fold(c) != '/');
    (before_ok && after_ok).then_some((at, end))
}

/// Whether an emoticon may follow `c`: a space, or a char that is not ASCII even when folded
/// (so `本当:)` is one, `note:)` and `10:30` are not).
fn stands_apart(c: char) -> bool {
    c.is_whitespace() || !folded_last(c).is_ascii()
}

/// `<3` and `</3`.
fn heart(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &text[at..];
    let len = if rest.starts_with("<3") {
        2
    } else if rest.starts_with("</3") {
        3
    } else {
        return None;
    };
    let before_ok = prev_char(text, at).is_none_or(stands_apart);
    let after_ok = next_char(text, at + len).is_none_or(|c| !fold(c).is_ascii_digit());
    (before_ok && after_ok).then_some((at, at + len))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first face in `text`, found the way the scanner finds it.
    fn face(text: &str) -> Option<&str> {
        text.char_indices().find_map(|(at, c)| {
            let hit = match fold(c) {
                '(' => bracketed(text, at, 0),
                c if may_start_bare(c) => bare(text, at, 0),
                _ => None,
            };
            hit.map(|(start, end)| &text[start..end])
        })
    }

    #[test]
    fn bracketed_faces_with_arms() {
        for f in [
            "(´；ω；｀)",
            "(^^;)",
            "m(_ _)m",
            "(^_^)",
            "(´・ω・`)",
            "ヽ(`Д´)ﾉ",
            "(・∀・)",
            "(・・;)",
            "（＾＿＾）",
            "＼(^o^)／",
            "(((;ﾟДﾟ)))",
            "(>_<)",
            "(T_T)",
            "(*´▽`*)",
            "٩(ˊᗜˋ*)و",
            "(-.-)",
            "( ͡° ͜ʖ ͡°)",
            "(^^)v",
        ] {
            assert_eq!(face(&format!("すごい{f} ね")), Some(f), "{f}");
        }
    }

    #[test]
    fn remarks_in_brackets_are_not_faces() {
        for text in [
            "(笑)",
            "(2)",
            "(...)",
            "(see above)",
            "(株)",
            "(!?)",
            "(a, b)",
            "(x-y)",
            "( )",
            "(*)",
        ] {
            assert_eq!(face(text), None, "{text}");
        }
    }

    #[test]
    fn letter_arms_need_a_boundary() {
        assert_eq!(face("arm(^^)"), Some("(^^)"));
        assert_eq!(face("(^^)mother"), Some("(^^)"));
        assert_eq!(face("(^^)ノート"), Some("(^^)"));
    }

    #[test]
    fn bare_faces_and_emoticons() {
        for f in [
            "^^", "^^;", "^_^", "-_-;", ">_<", ";_;", "T_T", "o_O", "ಠ_ಠ", "orz", "OTL", ":)",
            ":-(", ";D", ":'(", "<3", "＾＾",
        ] {
            assert_eq!(face(&format!("ありがとう{f}")), Some(f), "{f}");
            assert_eq!(face(&format!("{f} ok")), Some(f), "{f}");
        }
    }

    #[test]
    fn look_alikes_are_not_emoticons() {
        for text in [
            "10:30",
            "note:)",
            "2^^3",
            "TEST_TEMP",
            "max_x",
            "ok:Do",
            "a<3",
            "<30",
            "--",
            "...",
            "---",
            "x=_=",
            "worz",
            "OTLs",
            "http://",
        ] {
            assert_eq!(face(text), None, "{text}");
        }
    }
}
