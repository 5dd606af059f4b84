//! Entities of social text, found on the original post before anything changes: URLs,
//! @mentions, #hashtags, $cashtags, emoji and kaomoji.
//!
//! Finding them first is what keeps them whole: normalising first would glue `#サポート #SALE`
//! into one token, or cut `#トロピカル～ジュ` at the tilde. [`extract_entities`] returns them
//! with byte and char spans into the text; a [`Normalizer`](super::Normalizer) reports them too,
//! with where each went in the normalised text, and can keep, mask or remove each kind.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use std::borrow::Cow;

use icu_properties::CodePointSetData;
use icu_properties::props::NfkcInert;

use super::Span;
use super::UnicodeForm;
use super::chars;
use super::unicode::{ChunkNormalizer, is_inert};

mod emoji;
mod kaomoji;
mod social;
mod url;

/// The kinds of entity kizuna recognises.
///
/// ```
/// use kizuna::text::EntityKind;
///
/// assert_eq!(EntityKind::Hashtag.mask(), "<hashtag>");
/// assert_eq!(EntityKind::ALL.len(), 6);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A web address, with or without a scheme (`https://t.co/x`, `www.example.jp`, `example.com/help`).
    Url,
    /// An account handle: `@` or `＠` and 1–15 letters, digits or underscores (X's rule).
    Mention,
    /// A hashtag in any script (`#拡散希望`, `#ソラ航空`, `#SALE`), ending at punctuation or space.
    Hashtag,
    /// A ticker symbol: `$` and 1–6 Latin letters (`$TSLA`, `$7203` is not one).
    Cashtag,
    /// An emoji as a whole grapheme cluster: ZWJ families, skin tones, flags and keycaps stay one.
    Emoji,
    /// A kaomoji or emoticon: `(´；ω；｀)`, `(^^;)`, `m(_ _)m`, `orz`, `:-)`.
    Kaomoji,
}

impl EntityKind {
    /// Every kind, in the order of precedence used when two candidates overlap.
    pub const ALL: [EntityKind; 6] = [
        EntityKind::Url,
        EntityKind::Mention,
        EntityKind::Hashtag,
        EntityKind::Cashtag,
        EntityKind::Emoji,
        EntityKind::Kaomoji,
    ];

    /// The token that replaces an entity of this kind when it is masked.
    ///
    /// ```
    /// assert_eq!(kizuna::text::EntityKind::Url.mask(), "<url>");
    /// ```
    pub fn mask(self) -> &'static str {
        match self {
            EntityKind::Url => "<url>",
            EntityKind::Mention => "<mention>",
            EntityKind::Hashtag => "<hashtag>",
            EntityKind::Cashtag => "<cashtag>",
            EntityKind::Emoji => "<emoji>",
            EntityKind::Kaomoji => "<kaomoji>",
        }
    }

    /// The kind's name as written in configs and JSON (`"url"`, `"mention"`, …).
    ///
    /// ```
    /// assert_eq!(kizuna::text::EntityKind::Cashtag.name(), "cashtag");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Url => "url",
            EntityKind::Mention => "mention",
            EntityKind::Hashtag => "hashtag",
            EntityKind::Cashtag => "cashtag",
            EntityKind::Emoji => "emoji",
            EntityKind::Kaomoji => "kaomoji",
        }
    }
}

/// One entity found in a post.
///
/// ```
/// use kizuna::text::{extract_entities, EntityKind};
///
/// let found = extract_entities("＠ｓｏｒａ＿ａｉｒ 助けて");
/// assert_eq!(found[0].kind, EntityKind::Mention);
/// assert_eq!(found[0].original.chars, 0..9);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// What kind of entity this is.
    pub kind: EntityKind,
    /// The entity's text as it stands in the original post.
    pub text: String,
    /// Where it stands in the original post.
    pub original: Span,
    /// Where it went in the normalised text: `None` when it was removed, or when its kind is
    /// normalised as plain text ([`EntityAction::Plain`](super::EntityAction::Plain)).
    pub normalized: Option<Range<usize>>,
}

/// Finds every entity of every kind in `text`, in order, without overlaps.
///
/// ```
/// use kizuna::text::{extract_entities, EntityKind};
///
/// let post = "@sora_air 欠航って本当？😭 #拡散希望 https://sora.example/info";
/// let kinds: Vec<EntityKind> = extract_entities(post).iter().map(|e| e.kind).collect();
/// assert_eq!(
///     kinds,
///     [EntityKind::Mention, EntityKind::Emoji, EntityKind::Hashtag, EntityKind::Url]
/// );
/// ```
pub fn extract_entities(text: &str) -> Vec<Entity> {
    find(text, &EntityKinds::all())
        .into_iter()
        .map(|found| found.into_entity(text))
        .collect()
}

/// Which kinds a scan looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct EntityKinds {
    bits: u8,
}

impl EntityKinds {
    pub(crate) fn all() -> Self {
        let mut kinds = Self::default();
        for kind in EntityKind::ALL {
            kinds.insert(kind);
        }
        kinds
    }

    pub(crate) fn insert(&mut self, kind: EntityKind) {
        self.bits |= 1 << kind as u8;
    }

    pub(crate) fn contains(self, kind: EntityKind) -> bool {
        self.bits & (1 << kind as u8) != 0
    }

    pub(crate) fn is_empty(self) -> bool {
        self.bits == 0
    }
}

/// An entity found by a scan: its kind and its byte and char ranges in the scanned text, and
/// (set by the normaliser) where it went in the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) kind: EntityKind,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) chars: Range<usize>,
    pub(crate) normalized: Option<Range<usize>>,
}

impl Found {
    /// The entity as the public API shows it, with where it went in the normalised text.
    pub(crate) fn into_entity(self, text: &str) -> Entity {
        Entity {
            kind: self.kind,
            text: text[self.start..self.end].to_owned(),
            original: Span {
                bytes: self.start..self.end,
                chars: self.chars,
            },
            normalized: self.normalized,
        }
    }
}

/// The bytes at which the scan stops to look: the ASCII chars that can start an entity (or,
/// for `T_T`, `-_-`, `orz` and schemeless URLs, that an entity holds at a known place), and
/// the lead byte of every non-ASCII char. Any other byte is passed over in a tight loop.
const STOPS: [bool; 256] = {
    let mut table = [false; 256];
    let ascii = b"@#$:.(^;><=*_zZL";
    let mut i = 0;
    while i < ascii.len() {
        table[ascii[i] as usize] = true;
        i += 1;
    }
    let mut lead = 0xC0;
    while lead <= 0xFF {
        table[lead] = true;
        lead += 1;
    }
    table
};

/// Scans `text` once, left to right, for the wanted kinds, and returns the entities in order,
/// without overlaps. The char at each position decides which kinds are tried there, in
/// [`EntityKind::ALL`] order (a `:` is tried as a URL before an emoticon); the first match wins
/// and the scan resumes after it. An entity may start before the char that triggered it
/// (the scheme of a URL, the arms of a kaomoji, a keycap's digit), never before the end of the
/// previous one.
pub(crate) fn find(text: &str, wanted: &EntityKinds) -> Vec<Found> {
    find_into(text, wanted, Vec::new())
}

/// [`find`], into `found` (emptied first).
pub(crate) fn find_into(text: &str, wanted: &EntityKinds, mut found: Vec<Found>) -> Vec<Found> {
    found.clear();
    if wanted.is_empty() {
        return found;
    }
    let bytes = text.as_bytes();
    let mut chars = CharCount::default();
    let (mut at, mut floor) = (0, 0);
    while let Some(skip) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| STOPS[usize::from(b)]))
    {
        at += skip;
        // Kana (E3 81–83 xx) and kanji (E4–E9 xx xx) start no entity: skip them undecoded,
        // a whole run of them at once.
        let kana_or_kanji = |at: usize| match bytes.get(at..at + 2) {
            Some(&[0xE3, second]) => (0x81..=0x83).contains(&second),
            Some(&[lead, _]) => (0xE4..=0xE9).contains(&lead),
            _ => false,
        };
        if kana_or_kanji(at) {
            at += 3;
            while kana_or_kanji(at) {
                at += 3;
            }
            continue;
        }
        let Some(c) = next_char(text, at) else { break };
        match candidate(text, at, c, floor, *wanted) {
            Some((kind, start, end)) => {
                let char_start = chars.at(text, start);
                found.push(Found {
                    kind,
                    start,
                    end,
                    chars: char_start..chars.at(text, end),
                    normalized: None,
                });
                (at, floor) = (end, end);
            }
            None => at += c.len_utf8(),
        }
    }
    found
}

/// Char indices of increasing byte offsets, counted in one forward pass.
#[derive(Debug, Default)]
struct CharCount {
    byte: usize,
    chars: usize,
}

impl CharCount {
    /// The char index of byte offset `at` (never less than the last one asked for).
    fn at(&mut self, text: &str, at: usize) -> usize {
        self.chars += text[self.byte..at].chars().count();
        self.byte = at;
        self.chars
    }
}

/// The entity that the char `c` at `at` starts (or sits in), if any.
fn candidate(
    text: &str,
    at: usize,
    c: char,
    floor: usize,
    wanted: EntityKinds,
) -> Option<(EntityKind, usize, usize)> {
    let attempt = |kind: EntityKind, span: &dyn Fn() -> Option<(usize, usize)>| {
        wanted
            .contains(kind)
            .then(span)
            .flatten()
            .map(|(start, end)| (kind, start, end))
    };
    let from_here = |end: Option<usize>| end.map(|end| (at, end));
    let keycap = || from_here(emoji::keycap(text, at));
    // A keycap is found from its U+FE0F or U+20E3: its digit is too common to stop at.
    let keycap_before = || {
        let base = at.checked_sub(1).filter(|&b| b >= floor)?;
        let digit = matches!(text.as_bytes()[base], b'0'..=b'9' | b'#' | b'*');
        digit
            .then(|| emoji::keycap(text, base))
            .flatten()
            .map(|end| (base, end))
    };
    let face = || kaomoji::bare(text, at, floor);
    match c {
        '@' | '＠' => attempt(EntityKind::Mention, &|| {
            from_here(social::mention(text, at))
        }),
        '#' | '＃' => attempt(EntityKind::Hashtag, &|| {
            from_here(social::hashtag(text, at))
        })
        .or_else(|| attempt(EntityKind::Emoji, &keycap)),
        '$' => attempt(EntityKind::Cashtag, &|| {
            from_here(social::cashtag(text, at))
        }),
        ':' => attempt(EntityKind::Url, &|| url::with_scheme(text, at, floor))
            .or_else(|| attempt(EntityKind::Kaomoji, &face)),
        '.' => attempt(EntityKind::Url, &|| url::without_scheme(text, at, floor))
            .or_else(|| attempt(EntityKind::Kaomoji, &face)),
        '\u{FE0F}' | '\u{20E3}' => attempt(EntityKind::Emoji, &keycap_before),
        '*' => attempt(EntityKind::Emoji, &keycap).or_else(|| attempt(EntityKind::Kaomoji, &face)),
        '(' | '（' => attempt(EntityKind::Kaomoji, &|| kaomoji::bracketed(text, at, floor)),
        _ if c.is_ascii() => attempt(EntityKind::Kaomoji, &face),
        _ if emoji::may_start(c) => attempt(EntityKind::Emoji, &|| from_here(emoji::at(text, at))),
        _ if kaomoji::may_start_bare(c) => attempt(EntityKind::Kaomoji, &face),
        _ => None,
    }
}

/// The char before byte `at`.
fn prev_char(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

/// The char at byte `at`.
fn next_char(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// Full-width ASCII forms (`＾`, `（`, `；`) as their ASCII twins, and nothing else: what
/// kaomoji and emoticons are read with.
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// `c` as the normaliser's NFKC, hyphen and tilde steps would write it, when that is one char
/// (`Ａ` → `A`, `＠` → `@`, `①` → `1`, `‐` → `-`); otherwise `c`. Boundaries are judged on folded chars, so that an
/// entity found in a post is found again in its normalised text.
fn fold(c: char) -> char {
    match c {
        '\0'..='\u{7F}' => c,
        '\u{FF01}'..='\u{FF5E}' => fold_width(c),
        _ if chars::is_hyphen(c) => '-',
        _ if chars::is_tilde(c) => '~',
        _ if is_inert(c) || CodePointSetData::new::<NfkcInert>().contains(c) => c,
        _ => {
            let folded = nfkc(c);
            let mut folded = folded.chars();
            match (folded.next(), folded.next()) {
                (Some(one), None) => one,
                _ => c,
            }
        }
    }
}

/// `c` under NFKC (with the Japanese exceptions); most chars are their own form, which the
/// NFKC_Inert property tells without running the normaliser.
fn nfkc(c: char) -> Cow<'static, str> {
    if CodePointSetData::new::<NfkcInert>().contains(c) {
        return Cow::Owned(c.to_string());
    }
    Cow::Owned(
        ChunkNormalizer::new(UnicodeForm::Nfkc)
            .normalize(c.encode_utf8(&mut [0; 4]))
            .into_owned(),
    )
}

/// The last char `c` becomes under the normaliser's folding: what the char after it will
/// find before it in the normalised text (`🄀` becomes `0.`, so `.`).
fn folded_last(c: char) -> char {
    let one = fold(c);
    if one != c || c.is_ascii() || is_inert(c) {
        return one;
    }
    nfkc(c).chars().next_back().unwrap_or(c)
}

/// A Latin letter, digit or underscore, or a char that NFKC turns into some (`Ｂ`, `①`, `Ⅻ`):
/// what handles are made of, and what must not be glued to a URL, emoticon or letter arm.
fn is_latin_word(c: char) -> bool {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    if c.is_ascii() || is_inert(c) || CodePointSetData::new::<NfkcInert>().contains(c) {
        is_word(c)
    } else if let '\u{FF01}'..='\u{FF5E}' = c {
        is_word(fold(c))
    } else if let '\u{FF61}'..='\u{FFEF}' | '\u{3040}'..='\u{31FF}' = c {
        false // half-width kana, width symbols, kana and Hangul jamo: never ASCII
    } else {
        nfkc(c).chars().any(is_word)
    }
}

/// Whether `c` is a combining mark (general category M).
fn is_mark(c: char) -> bool {
    use icu_properties::CodePointMapData;
    use icu_properties::props::GeneralCategory;
    matches!(
        CodePointMapData::<GeneralCategory>::new().get(c),
        GeneralCategory::NonspacingMark
            | GeneralCategory::SpacingMark
            | GeneralCategory::EnclosingMark
    )
}
