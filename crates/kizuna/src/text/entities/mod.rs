//! Entities of social text, found on the original post before anything changes: URLs,
//! @mentions, #hashtags, $cashtags, emoji and kaomoji.
//!
//! Finding them first is what keeps them whole: normalising first would glue `#サポート #SALE`
//! into one token, or cut `#トロピカル～ジュ` at the tilde. [`extract_entities`] returns them
//! with byte and char spans into the text; a [`Normalizer`](super::Normalizer) reports them too,
//! with where each went in the normalised text, and can keep, mask or remove each kind.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::Span;

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
    let mut chars = CharCounter::default();
    find(text, &EntityKinds::all())
        .into_iter()
        .map(|found| {
            let start_char = chars.char_index(text, found.start);
            let end_char = chars.char_index(text, found.end);
            Entity {
                kind: found.kind,
                text: text[found.start..found.end].to_owned(),
                original: Span {
                    bytes: found.start..found.end,
                    chars: start_char..end_char,
                },
                normalized: None,
            }
        })
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

/// An entity found by a scan: its kind and byte range in the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) kind: EntityKind,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Turns increasing byte offsets into char indices in one forward pass.
#[derive(Debug, Default)]
pub(crate) struct CharCounter {
    byte: usize,
    chars: usize,
}

impl CharCounter {
    /// The char index of byte offset `at`; offsets must not decrease between calls.
    pub(crate) fn char_index(&mut self, text: &str, at: usize) -> usize {
        self.chars += text[self.byte..at].chars().count();
        self.byte = at;
        self.chars
    }
}

/// Scans `text` once, left to right, for the wanted kinds. At each position the kinds are tried
/// in [`EntityKind::ALL`] order and the first match wins; the scan resumes after it.
pub(crate) fn find(text: &str, wanted: &EntityKinds) -> Vec<Found> {
    todo!("entity scan over {} bytes for {:?}", text.len(), wanted)
}
