//! The [`Normalizer`]: one pass over the text that applies every enabled step and records the
//! offset map as it writes.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use super::Span;
use super::chars;
use super::entities::{self, Entity, EntityKind, EntityKinds, Found};
use super::fast::{FastTables, SPECIAL};
use super::offsets::{Builder, OffsetMap, Src};
use super::options::{
    EntityAction, KanaFold, LongVowels, NormalizerOptions, Preset, Spaces, Tilde, UnicodeForm,
    Width,
};
use super::repeat::shorten_repeat;
use super::unicode::{ChunkNormalizer, is_continuation};
use crate::Result;

/// What `prev` holds right after a kept or masked entity: a character that no step combines
/// with, collapses into, or counts as Japanese or ASCII.
const AFTER_ENTITY: char = '\u{FFFC}';

/// A text normaliser, built once from options and shared.
///
/// Immutable, `Send + Sync` and cheap to clone (the options live behind an `Arc`).
///
/// ```
/// use kizuna::text::{Normalizer, Preset};
///
/// let n = Normalizer::from_preset(Preset::Search);
/// let out = n.normalize("ｱﾌﾟﾘが落ちてるｗｗｗｗ #ｻﾎﾟｰﾄ　お願いします");
/// assert_eq!(out.text(), "あぷりが落ちてるww #さぽーと お願いします");
///
/// std::thread::scope(|s| {
///     let n2 = n.clone();
///     s.spawn(move || assert_eq!(n2.normalize("ＯＫ").text(), "ok"));
/// });
/// ```
#[derive(Debug, Clone)]
pub struct Normalizer {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    options: NormalizerOptions,
    unicode: ChunkNormalizer,
    /// The kinds to scan for: the reported ones, or those with an action other than plain.
    scan: EntityKinds,
    /// What each common char becomes on its own, for the fast path.
    tables: FastTables,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new(NormalizerOptions::default())
    }
}

impl Normalizer {
    /// Builds a normaliser from options.
    ///
    /// ```
    /// use kizuna::text::{Normalizer, NormalizerOptions, Preset};
    ///
    /// let n = Normalizer::new(NormalizerOptions::preset(Preset::Neologdn).remove_space(false));
    /// assert_eq!(n.normalize("#セール　開催中").text(), "#セール 開催中");
    /// ```
    pub fn new(options: NormalizerOptions) -> Self {
        let mut scan = EntityKinds::default();
        for kind in EntityKind::ALL {
            if options.entities.report || options.entities.action(kind) != EntityAction::Plain {
                scan.insert(kind);
            }
        }
        Normalizer {
            inner: Arc::new(Inner {
                options,
                unicode: ChunkNormalizer::new(options.unicode),
                scan,
                tables: FastTables::new(&options, ChunkNormalizer::new(options.unicode)),
            }),
        }
    }

    /// Builds a normaliser with a named preset's options.
    ///
    /// ```
    /// use kizuna::text::{Normalizer, Preset};
    ///
    /// let display = Normalizer::from_preset(Preset::Display);
    /// assert_eq!(display.normalize("  ありがとう！！\r\n\r\n\r\n助かりました  ").text(), "ありがとう！！\n\n助かりました");
    /// ```
    pub fn from_preset(preset: Preset) -> Self {
        Normalizer::new(NormalizerOptions::preset(preset))
    }

    /// The options this normaliser was built with (serialise them to rebuild it elsewhere).
    ///
    /// ```
    /// use kizuna::text::{Normalizer, NormalizerOptions, Preset};
    ///
    /// let n = Normalizer::from_preset(Preset::Display);
    /// assert_eq!(*n.options(), NormalizerOptions::preset(Preset::Display));
    /// ```
    pub fn options(&self) -> &NormalizerOptions {
        &self.inner.options
    }

    /// Normalises one text. Any valid UTF-8 is accepted; the result is never longer than
    /// the bound given in [`Normalized`].
    ///
    /// ```
    /// use kizuna::text::{EntityKind, Normalizer, Preset};
    ///
    /// let out = Normalizer::from_preset(Preset::Search).normalize("＠ＳＯＲＡ＿ＡＩＲ 返金まだ？😡");
    /// assert_eq!(out.text(), "@sora_air 返金まだ?😡");
    /// assert_eq!(out.entities()[0].kind, EntityKind::Mention);
    /// assert_eq!(out.entities()[0].normalized, Some(0..9));
    /// ```
    pub fn normalize(&self, text: &str) -> Normalized {
        self.normalize_with(text, true)
    }

    /// [`normalize`](Self::normalize), with the fast path on or off (tests compare the two).
    pub(crate) fn normalize_with(&self, text: &str, fast: bool) -> Normalized {
        let mut out = Normalized::default();
        self.write_normalized(text, fast, &mut out);
        out
    }

    /// The normalised text and its offset map (no [`Entity`] list), with the entities found
    /// and where each went: what the classifier reads, without copying each entity's text.
    /// Written over `buffers`, so that a caller normalising post after post need not
    /// allocate for each.
    // Inlined into its callers: the result and buffers moved through a call's frame were read
    // back while their stores were still in flight, a stall per 16 bytes (~10 ns a post;
    // +3 % for the `neologdn` preset on the bench corpus).
    #[inline(always)]
    pub(crate) fn normalize_found(
        &self,
        text: &str,
        fast: bool,
        buffers: Buffers,
    ) -> (Normalized, Vec<Found>) {
        let inner = &*self.inner;
        let options = &inner.options;
        let Buffers {
            text: out_text,
            offsets,
            found,
        } = buffers;
        let mut found = entities::find_into(text, &inner.scan, found);

        let tables = fast.then_some(&inner.tables);
        let out = Builder::reusing(out_text, offsets, text.len());
        let mut pass = Pass::new(options, inner.unicode, tables, out);
        let (mut at, mut char_at) = (0, 0);
        for entity in &mut found {
            let action = options.entities.action(entity.kind);
            if action == EntityAction::Plain {
                continue;
            }
            pass.run_text(text, at..entity.start, char_at);
            let src = Src {
                start: entity.start,
                end: entity.end,
                char_start: entity.chars.start,
                char_end: entity.chars.end,
            };
            entity.normalized = pass.entity(text, entity, action, src);
            (at, char_at) = (entity.end, src.char_end);
        }
        pass.run_text(text, at..text.len(), char_at);
        pass.finish();

        let mut out = pass.out;
        if options.repeat > 0 {
            out = shorten_plain_regions(out, &mut found, options);
        }
        let (normalized, offsets) = out.finish();
        let normalized = Normalized {
            text: normalized,
            offsets,
            entities: Vec::new(),
        };
        (normalized, found)
    }

    /// [`normalize`](Self::normalize) into `out`, writing over an earlier result: its text
    /// and offset map keep their memory (when the text held at most 64 KiB, and but for a
    /// `repeat` limit, whose pass builds them anew), and so does its entity list, so that
    /// normalising post after post mostly allocates only while they grow.
    ///
    /// ```
    /// use kizuna::text::{Normalized, Normalizer, Preset};
    ///
    /// let n = Normalizer::from_preset(Preset::Neologdn);
    /// let mut out = Normalized::default();
    /// let mut texts = Vec::new();
    /// for post in ["ﾃｽﾄ　です", "ｗｗｗ"] {
    ///     n.normalize_into(post, &mut out);
    ///     texts.push(out.text().to_owned());
    /// }
    /// assert_eq!(texts, ["テストです", "www"]);
    /// assert_eq!(out, n.normalize("ｗｗｗ"));
    /// ```
    pub fn normalize_into(&self, text: &str, out: &mut Normalized) {
        self.write_normalized(text, true, out);
    }

    /// Writes the normalisation of `text` over `out`, its buffers reused.
    fn write_normalized(&self, text: &str, fast: bool, out: &mut Normalized) {
        let mut entities = std::mem::take(&mut out.entities);
        let buffers = Buffers::of(std::mem::take(out), Vec::new());
        let (mut normalized, found) = self.normalize_found(text, fast, buffers);
        entities.clear();
        if self.inner.options.entities.report {
            entities.extend(found.into_iter().map(|f| f.into_entity(text)));
        }
        normalized.entities = entities;
        *out = normalized;
    }

    /// Normalises many texts; with the `parallel` feature, on all cores.
    ///
    /// ```
    /// use kizuna::text::{Normalizer, Preset};
    ///
    /// let n = Normalizer::from_preset(Preset::Neologdn);
    /// let out = n.normalize_batch(&["ﾃｽﾄ", "ｗｗｗ"]);
    /// assert_eq!(out[1].text(), "www");
    /// ```
    pub fn normalize_batch(&self, texts: &[&str]) -> Vec<Normalized> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            texts.par_iter().map(|t| self.normalize(t)).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            texts.iter().map(|t| self.normalize(t)).collect()
        }
    }
}

/// Applies neologdn's substring repeat shortening to the text between kept entities, and
/// moves the entities' output ranges with it.
fn shorten_plain_regions(
    out: Builder,
    found: &mut [Found],
    options: &NormalizerOptions,
) -> Builder {
    let units = out.into_units();
    let mut kept: Vec<(usize, Range<usize>)> = found
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.normalized.clone().map(|r| (i, r)))
        .collect();
    kept.sort_by_key(|(_, r)| r.start);

    let mut rebuilt = Builder::with_capacity(units.len() * 3);
    let (mut byte, mut unit) = (0usize, 0usize);
    let push_plain = |rebuilt: &mut Builder, upto_unit: usize, from: usize| {
        let mut region = units[from..upto_unit].to_vec();
        shorten_repeat(
            &mut region,
            options.repeat as usize,
            options.max_repeat_substr_length as usize,
        );
        for u in region {
            rebuilt.push(u.ch, u.src, u.whole);
        }
    };
    for (index, range) in kept {
        // Find the units of the entity by walking output bytes.
        let mut start_unit = unit;
        while byte < range.start && start_unit < units.len() {
            byte += units[start_unit].ch.len_utf8();
            start_unit += 1;
        }
        let mut end_unit = start_unit;
        while byte < range.end && end_unit < units.len() {
            byte += units[end_unit].ch.len_utf8();
            end_unit += 1;
        }
        push_plain(&mut rebuilt, start_unit, unit);
        let new_start = rebuilt.len();
        for u in &units[start_unit..end_unit] {
            rebuilt.push(u.ch, u.src, u.whole);
        }
        found[index].normalized = Some(new_start..rebuilt.len());
        unit = end_unit;
    }
    push_plain(&mut rebuilt, units.len(), unit);
    rebuilt
}

/// The buffers of an earlier normalisation, to be written over (the builder and the entity
/// scan empty them first).
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    text: String,
    offsets: OffsetMap,
    found: Vec<Found>,
}

impl Buffers {
    /// The largest buffers worth keeping for the next post: past them a long post's memory
    /// would stay held for short ones.
    const KEEP_BYTES: usize = 1 << 16;

    /// The buffers of `out` and `found`; none at all when they grew large.
    #[inline(always)] // as `Normalizer::normalize_found`, for the same reason
    pub(crate) fn of(out: Normalized, found: Vec<Found>) -> Buffers {
        let Normalized { text, offsets, .. } = out;
        if text.capacity() > Self::KEEP_BYTES {
            return Buffers::default();
        }
        Buffers {
            text,
            offsets,
            found,
        }
    }
}

/// A normalised text with its offset map and entities.
///
/// Length bound: the output is at most 18 times the input in bytes (NFKC expands a
/// character at most 18-fold, `ﷺ`; every other step keeps or shrinks length; a mask token is
/// at most 9 bytes and replaces an entity of at least 1 byte).
///
/// ```
/// use kizuna::text::{Normalizer, Preset};
///
/// let post = "ｿﾗ航空の対応、神すぎ！ありがとうございます";
/// let out = Normalizer::from_preset(Preset::Search).normalize(post);
/// let at = out.text().find("そら").unwrap();
/// let span = out.original_span(at..at + "そら".len()).unwrap();
/// assert_eq!(&post[span.bytes], "ｿﾗ");
/// assert_eq!(span.chars, 0..2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Normalized {
    text: String,
    offsets: OffsetMap,
    entities: Vec<Entity>,
}

impl Normalized {
    /// The normalised text.
    ///
    /// ```
    /// let out = kizuna::text::Normalizer::default().normalize("ＡＢＣ");
    /// assert_eq!(out.text(), "abc");
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The normalised text, by value.
    ///
    /// ```
    /// let text: String = kizuna::text::Normalizer::default().normalize("Ｈｉ").into_text();
    /// assert_eq!(text, "hi");
    /// ```
    pub fn into_text(self) -> String {
        self.text
    }

    /// The offset map back to the original.
    ///
    /// ```
    /// let out = kizuna::text::Normalizer::default().normalize("ﾃｽﾄ");
    /// assert_eq!(out.offsets().alignments().count(), 1);
    /// ```
    pub fn offsets(&self) -> &OffsetMap {
        &self.offsets
    }

    /// The entities found in the original, in order (empty when reporting is off).
    ///
    /// ```
    /// use kizuna::text::{EntityKind, Normalizer};
    ///
    /// let out = Normalizer::default().normalize("#拡散希望 ひどい");
    /// assert_eq!(out.entities()[0].kind, EntityKind::Hashtag);
    /// assert_eq!(out.entities()[0].text, "#拡散希望");
    /// ```
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The span of the original text that produced `range` (bytes of [`text`](Self::text)).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRange`](crate::Error::InvalidRange) when `range` is reversed, past the
    /// end, or not on char boundaries.
    ///
    /// ```
    /// use kizuna::text::{Normalizer, Preset};
    ///
    /// let out = Normalizer::from_preset(Preset::Neologdn).normalize("ｽｺﾞｲ!!!");
    /// assert_eq!(out.original_span(0..6).unwrap().bytes, 0..9); // スゴ ← ｽｺﾞ
    /// assert!(out.original_span(1..3).is_err());
    /// ```
    pub fn original_span(&self, range: Range<usize>) -> Result<Span> {
        self.offsets.original_span(&self.text, range)
    }
}

/// The char starting at byte `i` of valid UTF-8, and its length.
#[inline(always)]
fn decode(bytes: &[u8], i: usize) -> (char, usize) {
    let b = |k: usize| u32::from(bytes.get(i + k).copied().unwrap_or(0) & 0x3F);
    let lead = u32::from(bytes.get(i).copied().unwrap_or(0));
    let (code, len) = match lead {
        0x00..=0x7F => (lead, 1),
        0xC0..=0xDF => ((lead & 0x1F) << 6 | b(1), 2),
        0xE0..=0xEF => ((lead & 0x0F) << 12 | b(1) << 6 | b(2), 3),
        _ => ((lead & 0x07) << 18 | b(1) << 12 | b(2) << 6 | b(3), 4),
    };
    (char::from_u32(code).unwrap_or('\u{FFFD}'), len)
}

/// Kana folding for one char.
fn fold_kana(kana: KanaFold, c: char) -> char {
    match kana {
        KanaFold::Off => c,
        KanaFold::Hiragana => chars::to_hiragana(c),
        KanaFold::Katakana => chars::to_katakana(c),
    }
}

/// The end of the three-byte chars from `start` that map to themselves (kanji, and kana or
/// CJK punctuation whose table entry is the char itself) and stay within the repeat limit,
/// and how many there are.
fn identity_stretch(
    tables: &FastTables,
    bytes: &[u8],
    start: usize,
    repeats: &mut Repeats,
) -> (usize, usize) {
    let (mut i, mut count) = (start, 0);
    while let Some(&[lead, second, third]) = bytes.get(i..i + 3) {
        let same = match lead {
            0xE4..=0xE9 => true,
            0xE3 => {
                let code = 0x3000 | u32::from(second & 0x3F) << 6 | u32::from(third & 0x3F);
                tables.maps_to_itself(code)
            }
            _ => false,
        };
        if !same || (repeats.limit > 0 && !repeats.admit(decode(bytes, i).0)) {
            break;
        }
        (i, count) = (i + 3, count + 1);
    }
    if count > 0 && repeats.limit == 0 {
        repeats.last = decode(bytes, i - 3).0; // not counted along the way
    }
    (i, count)
}

/// The repeat state as a stretch moves along: the last char written, how many times in a
/// row, and the limit (`0`: none, and then nothing is counted).
#[derive(Debug, Clone, Copy)]
struct Repeats {
    last: char,
    run: u32,
    limit: u32,
}

impl Repeats {
    fn new(last: char, run: u32, limit: u32) -> Self {
        Repeats { last, run, limit }
    }

    /// Takes `c` as the next char written, unless it would repeat past the limit.
    fn admit(&mut self, c: char) -> bool {
        if self.limit > 0 {
            if c == self.last {
                if self.run >= self.limit && !c.is_numeric() {
                    return false;
                }
                self.run += 1;
            } else {
                self.run = 1;
            }
        }
        self.last = c;
        true
    }
}

/// Where a stretch written without offset segments began: in the output, and in the
/// original's bytes and chars.
#[derive(Debug, Clone, Copy)]
struct Open {
    out: usize,
    src: usize,
    chars: usize,
}

impl Open {
    fn at(out: usize, src: usize, chars: usize) -> Self {
        Open { out, src, chars }
    }
}

/// Whether the byte at `i` is a space after `last`, a graphic ASCII char, and before a
/// graphic ASCII byte that maps on its own: every space mode keeps such a space as it is (but
/// neologdn's, which drops a space after `*`).
fn lone_space_after(
    tables: &FastTables,
    options: &NormalizerOptions,
    bytes: &[u8],
    i: usize,
    last: char,
) -> bool {
    let next = bytes.get(i + 1).copied().unwrap_or(0);
    bytes[i] == b' '
        && last.is_ascii_graphic()
        && next.is_ascii_graphic()
        && tables.ascii(next) != SPECIAL
        && !(last == '*' && options.spaces == Spaces::Neologdn)
}

/// The part of `piece` (which starts at `src` of the original) that `part` covers.
fn text_of(piece: &str, src: Src, part: Src) -> &str {
    &piece[part.start - src.start..part.end - src.start]
}

/// The state of one normalisation pass.
struct Pass<'a> {
    options: &'a NormalizerOptions,
    unicode: ChunkNormalizer,
    /// The fast path's tables; `None` sends every char the slow way.
    tables: Option<&'a FastTables>,
    out: Builder,
    /// The last character that counts for the rules: neologdn's `prev` in its space mode,
    /// the last written character otherwise, [`AFTER_ENTITY`] after a kept entity.
    prev: char,
    /// How many times the last written char repeats at the end of the output.
    run: u32,
    /// neologdn: a space written after an ASCII character, withdrawn if Japanese follows.
    latin_space: bool,
    /// Tidy and display: the first space of the run waiting for the next character.
    pending_space: Option<Src>,
    /// Display: newlines waiting for the next character (at most two are written).
    pending_newlines: [Option<Src>; 2],
    newline_count: u32,
    /// Display: the last character read was a carriage return.
    after_cr: bool,
    /// The last space read since the last written character.
    space_before: Option<Src>,
    after_entity: bool,
}

impl<'a> Pass<'a> {
    fn new(
        options: &'a NormalizerOptions,
        unicode: ChunkNormalizer,
        tables: Option<&'a FastTables>,
        out: Builder,
    ) -> Self {
        Pass {
            options,
            unicode,
            tables,
            out,
            prev: '\0',
            run: 0,
            latin_space: false,
            pending_space: None,
            pending_newlines: [None; 2],
            newline_count: 0,
            after_cr: false,
            space_before: None,
            after_entity: false,
        }
    }

    /// Normalises `text[range]`, whose first char has index `char_at` in `text`.
    fn run_text(&mut self, text: &str, range: Range<usize>, mut char_at: usize) {
        let mut at = range.start;
        while at < range.end {
            let (fast_end, fast_chars) = match self.tables {
                Some(tables) => self.fast_run(tables, text, at..range.end, char_at),
                None => (at, char_at),
            };
            if fast_end > at {
                (at, char_at) = (fast_end, fast_chars);
                continue;
            }
            let Some(c) = text[at..range.end].chars().next() else {
                break;
            };
            let src = Src::of_char(c, at, char_at);
            at = src.end;
            char_at += 1;
            if self.raw(c, src) {
                continue;
            }
            let next_continues = || {
                text[at..range.end]
                    .chars()
                    .next()
                    .is_some_and(is_continuation)
            };
            if let Some(formed) = self.unicode.quick(c).filter(|_| !next_continues()) {
                self.formed(formed, src, true);
                continue;
            }
            // The char and its combining marks form one chunk for Unicode normalisation.
            let mut chunk = src;
            for mark in text[at..range.end]
                .chars()
                .take_while(|&m| is_continuation(m))
            {
                chunk = chunk.to(Src::of_char(mark, chunk.end, chunk.char_end));
            }
            let piece = &text[chunk.start..chunk.end];
            if is_continuation(c) && self.rejoin(piece, chunk) {
                (at, char_at) = (chunk.end, chunk.char_end);
                continue;
            }
            let normalized = self.form_chunk(piece);
            if normalized == piece {
                self.formed(c, src, true);
                continue;
            }
            let whole = normalized.chars().nth(1).is_none();
            for ch in normalized.chars() {
                self.unified(ch, chunk, whole);
            }
            (at, char_at) = (chunk.end, chunk.char_end);
        }
    }

    /// Normalises marks whose base char was dropped (a control, a byte order mark) together
    /// with the char now before them, as normalising the output again would. Returns whether
    /// they were written so.
    fn rejoin(&mut self, marks: &str, src: Src) -> bool {
        // Nothing waits between them, and the char before is not the end of a kept entity.
        let waiting = self.pending_space.is_some()
            || self.newline_count > 0
            || self.latin_space
            || self.prev == AFTER_ENTITY;
        let Some(last) = self.out.last_char().filter(|_| !waiting) else {
            return false;
        };
        let mut joined = String::from(last);
        joined.push_str(marks);
        let normalized = self.form_chunk(&joined).into_owned();
        if normalized == joined {
            return false;
        }
        let Some((_, before)) = self.out.pop_whole() else {
            return false;
        };
        self.after_pop();
        let whole = normalized.chars().nth(1).is_none();
        for ch in normalized.chars() {
            self.unified(ch, before.to(src), whole);
        }
        true
    }

    /// Runs a char that Unicode normalisation produced through the steps on typed chars first
    /// (`︲` becomes the dash `–` under NFKC, which the hyphen step then unifies), then the rest.
    fn unified(&mut self, c: char, src: Src, whole: bool) {
        if !self.raw(c, src) {
            self.formed(c, src, whole);
        }
    }

    /// Sets `prev` and `run` from the output after its last char was taken back.
    fn after_pop(&mut self) {
        let last = self.out.last_char();
        self.prev = last.unwrap_or('\0');
        self.run = last.map_or(0, |last| {
            self.out.trailing_run(last, self.options.repeat_limit + 1)
        });
    }

    /// A chunk in the Unicode form, lowercased if asked. Lowercasing can leave marks out of
    /// canonical order (`İ` → `i` U+0307), so the form is applied again until both agree.
    fn form_chunk<'t>(&self, chunk: &'t str) -> Cow<'t, str> {
        let mut formed = self.unicode.normalize(chunk);
        if self.options.lowercase {
            for _ in 0..3 {
                let lower = formed.to_lowercase();
                if lower == formed {
                    break;
                }
                formed = Cow::Owned(self.unicode.normalize(&lower).into_owned());
            }
        }
        formed
    }

    /// Writes the chars from `range.start` that the [`FastTables`] map on their own, and those
    /// the typed-char steps take (spaces, dashes, tildes), until one needs the slow path;
    /// returns the byte and char position reached. This is where plain English and Japanese
    /// text spends its time: chars that keep their UTF-8 length are written without an offset
    /// segment each (one segment covers the stretch), plain ASCII and kana or kanji that map
    /// to themselves are copied in stretches.
    fn fast_run(
        &mut self,
        tables: &FastTables,
        text: &str,
        range: Range<usize>,
        char_at: usize,
    ) -> (usize, usize) {
        let bytes = &text.as_bytes()[..range.end];
        let limit = self.options.repeat_limit;
        let (mut i, mut chars) = (range.start, char_at);
        let mut open: Option<Open> = None;
        while let Some(&b) = bytes.get(i) {
            if !self.has_pending() {
                let mut repeats = Repeats::new(self.prev, self.run, limit);
                let stretch = if b.is_ascii() && tables.ascii(b) != SPECIAL {
                    self.ascii_stretch(tables, bytes, i, &mut repeats)
                } else if (0xE3..=0xE9).contains(&b) {
                    identity_stretch(tables, bytes, i, &mut repeats)
                } else {
                    (i, 0)
                };
                let (end, count) = self.without_last_if_marked(bytes, i, stretch);
                if count > 0 {
                    open.get_or_insert(Open::at(self.out.len(), i, chars));
                    self.out.append(&text[i..end], self.options.lowercase);
                    if end == stretch.0 {
                        (self.prev, self.run) = (repeats.last, repeats.run);
                    } else {
                        // Cut short before a mark: recount the state from the output.
                        self.after_pop();
                    }
                    self.after_write();
                    (i, chars) = (end, chars + count);
                    continue;
                }
            }
            let (typed, len) = decode(bytes, i);
            let mapped = match tables.ascii(b) {
                _ if !b.is_ascii() => tables.map(typed),
                SPECIAL if self.lone_space(tables, bytes, i) => Some(' '),
                SPECIAL => None,
                mapped => Some(char::from(mapped)),
            };
            let marked = self.mark_follows(bytes, i + len);
            let src = Src::of_char(typed, i, chars);
            match mapped {
                Some(c) if !marked => {
                    if self.has_pending() {
                        self.close(&mut open, i, chars);
                        self.before_write(c, true);
                    }
                    if limit > 0 && c == self.prev && self.run >= limit && !c.is_numeric() {
                        self.close(&mut open, i, chars); // a repeat past the limit is dropped
                    } else if c.len_utf8() == len && !self.has_pending() {
                        open.get_or_insert(Open::at(self.out.len(), i, chars));
                        self.out.append_char(c);
                        self.run = if c == self.prev { self.run + 1 } else { 1 };
                        self.prev = c;
                        self.after_write();
                    } else {
                        // A char that changes length gets its own (char) offset segment.
                        self.close(&mut open, i, chars);
                        self.run = if c == self.prev { self.run + 1 } else { 1 };
                        self.prev = c;
                        self.out.push(c, src, true);
                        self.after_write();
                    }
                }
                // The commonest typed-char steps of neologdn's rules, as `raw` takes them: a
                // space after Japanese goes, a long-vowel mark after another goes or becomes
                // `ー` (same length, so it joins the open stretch).
                _ if !marked && self.drops_space(typed) => {
                    self.close(&mut open, i, chars);
                    self.space_before = Some(src);
                }
                _ if !marked && self.neologdn_long_vowel(typed) => {
                    if self.prev == 'ー' {
                        self.close(&mut open, i, chars);
                    } else {
                        if self.has_pending() {
                            self.close(&mut open, i, chars);
                            self.before_write('ー', false);
                        }
                        open.get_or_insert(Open::at(self.out.len(), i, chars));
                        self.out.append_char('ー');
                        (self.prev, self.run) = ('ー', 1);
                        self.after_write();
                    }
                }
                _ => {
                    self.close(&mut open, i, chars);
                    // The slow path's first steps, without its Unicode chunking when the
                    // form is none: spaces, dashes, tildes, and any other char as it stands.
                    if marked || !(self.raw(typed, src) || self.formed_as_typed(typed, src)) {
                        break;
                    }
                }
            }
            (i, chars) = (i + len, chars + 1);
        }
        self.close(&mut open, i, chars);
        (i, chars)
    }

    /// Records the stretch written since `open` as one linear offset segment ending at byte
    /// `end` (char `chars`) of the original.
    fn close(&mut self, open: &mut Option<Open>, end: usize, chars: usize) {
        if let Some(stretch) = open.take() {
            let src = Src {
                start: stretch.src,
                end,
                char_start: stretch.chars,
                char_end: chars,
            };
            self.out.close_linear(stretch.out, src);
        }
    }

    /// Whether neologdn's space rule drops `c` here: a space after a space or a Japanese char,
    /// with `remove_space` (the first thing [`space`](Self::space) checks).
    fn drops_space(&self, c: char) -> bool {
        let o = self.options;
        o.spaces == Spaces::Neologdn
            && (c == ' ' || c == '\u{3000}')
            && o.remove_space
            && !self.after_entity
            && (self.prev == ' ' || chars::is_neologdn_block(self.prev))
    }

    /// Whether `c` is a long-vowel mark under neologdn's rule (every such mark becomes `ー`,
    /// which is three bytes long like each of them), and no hyphen rule takes it first.
    fn neologdn_long_vowel(&self, c: char) -> bool {
        self.options.long_vowels == LongVowels::Neologdn
            && chars::is_long_vowel_mark(c)
            && c.len_utf8() == 3
            && !(self.options.hyphens && chars::is_hyphen(c))
    }

    /// With no Unicode form, the slow path writes a char that no table maps as it stands
    /// (after width, case and kana folding); returns whether it did so here.
    fn formed_as_typed(&mut self, c: char, src: Src) -> bool {
        let none = self.options.unicode == UnicodeForm::None;
        if none {
            self.formed(c, src, true);
        }
        none
    }

    /// A stretch `(end, count)` from `start`, less its last char when a combining mark follows
    /// it (that char is normalised with its mark, the slow way).
    fn without_last_if_marked(
        &self,
        bytes: &[u8],
        start: usize,
        (end, count): (usize, usize),
    ) -> (usize, usize) {
        if count == 0 || !self.mark_follows(bytes, end) {
            return (end, count);
        }
        let last_len = if bytes[end - 1].is_ascii() { 1 } else { 3 };
        let (end, count) = (end - last_len, count - 1);
        // A stretch never ends on a space: whether it stays depends on what follows.
        if count > 0 && bytes[end - 1] == b' ' {
            return (end - 1, count - 1);
        }
        debug_assert!(end >= start);
        (end, count)
    }

    /// Whether spaces or newlines wait to be written (or withdrawn) before the next char.
    fn has_pending(&self) -> bool {
        self.pending_space.is_some() || self.newline_count > 0 || self.latin_space
    }

    /// Whether a combining mark starts at `at`: the char before it is then normalised with
    /// it, the slow way.
    fn mark_follows(&self, bytes: &[u8], at: usize) -> bool {
        // With no Unicode form a mark still goes with its char when lowercasing: `İ` and a
        // mark lowercase to three chars mapped as a whole.
        if self.options.unicode == UnicodeForm::None && !self.options.lowercase {
            return false;
        }
        // Marks start at U+0300 (lead byte CC); the kana block holds only U+3099 and U+309A
        // (E3 82 99, E3 82 9A); kanji (E4–E9) hold none.
        match bytes.get(at..).unwrap_or_default() {
            [0xE3, second, third, ..] => *second == 0x82 && matches!(third, 0x99 | 0x9A),
            [next, ..] if *next >= 0xCC && !(0xE4..=0xE9).contains(next) => {
                is_continuation(decode(bytes, at).0)
            }
            _ => false,
        }
    }

    /// The end of the plain ASCII bytes and lone spaces from `start` (a plain ASCII byte), and
    /// how many there are.
    fn ascii_stretch(
        &self,
        tables: &FastTables,
        bytes: &[u8],
        start: usize,
        repeats: &mut Repeats,
    ) -> (usize, usize) {
        let mut j = start;
        while let Some(&b) = bytes.get(j) {
            let mapped = match tables.ascii(b) {
                SPECIAL if lone_space_after(tables, self.options, bytes, j, repeats.last) => b' ',
                SPECIAL => break,
                mapped => mapped,
            };
            if !repeats.admit(char::from(mapped)) {
                break;
            }
            j += 1;
        }
        (j, j - start)
    }

    /// Whether the special ASCII byte at `i` is a lone space after a plain char the fast path
    /// just wrote; see [`lone_space_after`].
    fn lone_space(&self, tables: &FastTables, bytes: &[u8], i: usize) -> bool {
        !self.has_pending() && lone_space_after(tables, self.options, bytes, i, self.prev)
    }

    /// The steps that look at the character as typed: spaces, hyphens, long vowels, tildes.
    /// Returns whether `c` was consumed.
    fn raw(&mut self, c: char, src: Src) -> bool {
        let o = self.options;
        if self.space(c, src) {
            return true;
        }
        if o.hyphens && chars::is_hyphen(c) {
            if self.prev != '-' {
                self.write('-', src, true, false);
            }
            return true;
        }
        let long_vowel = match o.long_vowels {
            LongVowels::Off => false,
            LongVowels::Neologdn => chars::is_long_vowel_mark(c),
            LongVowels::AfterKana => chars::is_long_vowel_mark(c) && chars::is_kana(self.prev),
        };
        if long_vowel {
            if self.prev != 'ー' {
                self.write('ー', src, true, false);
            }
            return true;
        }
        if chars::is_tilde(c) {
            match o.tilde {
                Tilde::Ignore => self.write(c, src, true, false),
                Tilde::Remove => {}
                Tilde::Normalize => self.write('~', src, true, false),
                Tilde::NormalizeZenkaku => self.write('〜', src, true, false),
            }
            return true;
        }
        false
    }

    /// Space handling for the character as typed; returns whether `c` was consumed.
    fn space(&mut self, c: char, src: Src) -> bool {
        let o = self.options;
        match o.spaces {
            Spaces::Keep => false,
            Spaces::Neologdn => {
                if c != ' ' && c != '\u{3000}' {
                    return false;
                }
                self.space_before = Some(src);
                if self.after_entity {
                    if self.prev != ' ' {
                        self.out.push(' ', src, true);
                        self.prev = ' ';
                    }
                    return true;
                }
                let remove = o.remove_space;
                if (self.prev == ' ' || chars::is_neologdn_block(self.prev)) && remove {
                    return true;
                } else if self.prev != '*' && !self.out.is_empty() && self.prev.is_ascii() {
                    self.latin_space = true;
                    self.out.push(' ', src, true);
                } else if !remove {
                    self.out.push(' ', src, true);
                }
                self.prev = ' ';
                true
            }
            Spaces::Tidy => {
                if !c.is_whitespace() {
                    return false;
                }
                self.space_before = Some(src);
                self.pending_space.get_or_insert(src);
                true
            }
            Spaces::Display => {
                let after_cr = std::mem::replace(&mut self.after_cr, c == '\r');
                if matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}') {
                    if !(c == '\n' && after_cr) {
                        self.pending_space = None;
                        if let Some(slot) =
                            self.pending_newlines.get_mut(self.newline_count as usize)
                        {
                            *slot = Some(src);
                        }
                        self.newline_count += 1;
                    }
                    return true;
                }
                if c.is_whitespace() && c != '\u{3000}' {
                    self.space_before = Some(src);
                    if self.newline_count == 0 {
                        self.pending_space.get_or_insert(src);
                    }
                    return true;
                }
                // Controls are invisible or harmful when shown; a BOM is noise.
                c.is_control() || c == '\u{FEFF}'
            }
        }
    }

    /// The steps after Unicode normalisation: width (with sound-mark composition), case and
    /// kana folding; then the character is written.
    fn formed(&mut self, c: char, src: Src, whole: bool) {
        let o = self.options;
        let c = self.width(c);
        let sound_mark = matches!(c, '\u{FF9E}' | '\u{FF9F}' | '\u{309B}' | '\u{309C}');
        let composed = if sound_mark {
            self.compose(self.prev, c)
        } else {
            None
        };
        if let Some(composed) = composed {
            if let Some((_, before)) = self.out.pop_whole() {
                self.after_pop();
                self.write(self.fold(composed), before.to(src), true, true);
                return;
            }
        }
        if o.lowercase && !c.is_lowercase() && c.is_uppercase() {
            let mut lower = c.to_lowercase();
            if lower.len() > 1 {
                for l in lower {
                    self.write(self.fold(l), src, false, true);
                }
                return;
            }
            if let Some(l) = lower.next() {
                self.write(self.fold(l), src, whole, true);
                return;
            }
        }
        self.write(self.fold(c), src, whole, true);
    }

    /// The width step for one char.
    fn width(&self, c: char) -> char {
        match self.options.width {
            Width::Off => c,
            Width::Neologdn => chars::neologdn_width(c).unwrap_or(c),
            Width::Full => chars::full_width(c).unwrap_or(c),
        }
    }

    /// The kana that `prev` and the sound mark `mark` (after the width step) compose into.
    fn compose(&self, prev: char, mark: char) -> Option<char> {
        match self.options.width {
            Width::Off => None,
            Width::Neologdn => match mark {
                '\u{FF9E}' => chars::neologdn_voiced(prev),
                '\u{FF9F}' => chars::neologdn_semi_voiced(prev),
                _ => None,
            },
            Width::Full => chars::compose_sound_mark(prev, mark),
        }
    }

    fn fold(&self, c: char) -> char {
        fold_kana(self.options.kana, c)
    }

    /// Writes `c`. `text` is true for ordinary characters (which may withdraw neologdn's
    /// Latin space) and false for the results of the hyphen, long-vowel and tilde rules.
    fn write(&mut self, c: char, src: Src, whole: bool, text: bool) {
        self.before_write(c, text);
        let o = self.options;
        let repeats = self.out.last_char() == Some(c);
        if repeats && o.repeat_limit > 0 && self.run >= o.repeat_limit && !c.is_numeric() {
            return;
        }
        self.out.push(c, src, whole);
        self.run = if repeats { self.run + 1 } else { 1 };
        self.prev = c;
        self.after_write();
    }

    /// Settles the spaces waiting before `next` is written.
    fn before_write(&mut self, next: char, text: bool) {
        let o = self.options;
        match o.spaces {
            Spaces::Keep => {}
            Spaces::Neologdn => {
                if text && self.latin_space && o.remove_space && chars::is_neologdn_block(next) {
                    self.out.pop_whole();
                }
                self.latin_space = false;
            }
            Spaces::Tidy => {
                if let Some(space) = self.pending_space.take() {
                    // A space before a combining mark stays: without it the mark would
                    // combine with the char before the space on the next pass.
                    let between_japanese = chars::is_japanese(self.prev)
                        && chars::is_japanese(next)
                        && !is_continuation(next);
                    if !self.out.is_empty()
                        && (self.after_entity || !(o.remove_space && between_japanese))
                    {
                        self.out.push(' ', space, true);
                        (self.prev, self.run) = (' ', 1);
                    }
                }
            }
            Spaces::Display => self.flush_display(),
        }
    }

    fn flush_display(&mut self) {
        let newlines = std::mem::take(&mut self.pending_newlines);
        let space = self.pending_space.take();
        self.newline_count = 0;
        if self.out.is_empty() {
            return;
        }
        if newlines[0].is_some() {
            for src in newlines.into_iter().flatten() {
                self.out.push('\n', src, true);
            }
            (self.prev, self.run) = ('\n', 1);
        } else if let Some(src) = space {
            self.out.push(' ', src, true);
            (self.prev, self.run) = (' ', 1);
        }
    }

    fn after_write(&mut self) {
        self.after_entity = false;
        self.space_before = None;
    }

    /// Writes a kept or masked entity (or drops a removed one); returns its output range.
    fn entity(
        &mut self,
        text: &str,
        entity: &Found,
        action: EntityAction,
        src: Src,
    ) -> Option<Range<usize>> {
        if action == EntityAction::Remove {
            return None;
        }
        self.space_before_entity();
        let start = self.out.len();
        let piece = &text[entity.start..entity.end];
        match (action, entity.kind) {
            (EntityAction::Mask, kind) => self.out.push_replacement(kind.mask(), src),
            (_, EntityKind::Mention | EntityKind::Hashtag | EntityKind::Cashtag) => {
                self.identifier(piece, src)
            }
            _ => self.out.push_copy(piece, src),
        }
        self.prev = AFTER_ENTITY;
        self.run = 0;
        self.latin_space = false;
        self.after_entity = true;
        self.space_before = None;
        Some(start..self.out.len())
    }

    /// Keeps one space between the output so far and an entity that had one before it.
    fn space_before_entity(&mut self) {
        match self.options.spaces {
            Spaces::Keep => {}
            Spaces::Neologdn => {
                if let Some(space) = self.space_before.take() {
                    if !self.out.is_empty() && self.out.last_char() != Some(' ') {
                        self.out.push(' ', space, true);
                    }
                }
            }
            Spaces::Tidy => {
                if let Some(space) = self.pending_space.take() {
                    if !self.out.is_empty() {
                        self.out.push(' ', space, true);
                    }
                }
            }
            Spaces::Display => self.flush_display(),
        }
    }

    /// Folds an identifier (mention, hashtag, cashtag) as a whole: each char with its marks in
    /// the Unicode form, then width (composing sound marks: `ﾎﾟ` → `ポ`), case and kana, never
    /// dropping or merging anything else. Tildes become `〜` and nothing gains a space, so the
    /// folded identifier is found whole again.
    fn identifier(&mut self, piece: &str, src: Src) {
        let o = self.options;
        // `@sora_air`, `#SALE`: ASCII the tables map byte for byte goes as one stretch.
        if let Some(tables) = self.tables {
            let as_is = |b: u8| {
                if o.lowercase {
                    b.to_ascii_lowercase()
                } else {
                    b
                }
            };
            if piece
                .bytes()
                .all(|b| b.is_ascii() && tables.ascii(b) == as_is(b))
            {
                let start = self.out.len();
                self.out.append(piece, o.lowercase);
                self.out.close_linear(start, src);
                return;
            }
        }
        let (mut at, mut char_at) = (src.start, src.char_start);
        let mut chars = piece.chars().peekable();
        while let Some(c) = chars.next() {
            let mut chunk = Src::of_char(c, at, char_at);
            let marked = chars.peek().is_some_and(|&m| is_continuation(m));
            // A char the fast tables map on its own (`sora_air`, `ＳＡＬＥ`, カタカナ) is
            // what the steps below make of it: no Unicode chunk to normalise, no sound mark.
            if let Some(mapped) = self.tables.filter(|_| !marked).and_then(|t| t.alone(c)) {
                self.out.push(mapped, chunk, true);
                (at, char_at) = (chunk.end, chunk.char_end);
                continue;
            }
            while let Some(mark) = chars.next_if(|&m| is_continuation(m)) {
                chunk = chunk.to(Src::of_char(mark, chunk.end, chunk.char_end));
            }
            (at, char_at) = (chunk.end, chunk.char_end);
            let raw = text_of(piece, src, chunk);
            let mut formed = self.unicode.normalize(raw);
            if chars::is_tilde(c) && o.tilde != Tilde::Ignore {
                // NFKC's `~` would end a hashtag (`#トロピカル～ジュ`); the wave dash does not.
                formed = Cow::Borrowed("〜");
            } else if formed.chars().any(char::is_whitespace) {
                formed = Cow::Borrowed(raw); // `ﷺ` would split the identifier
            }
            let whole = formed.chars().nth(1).is_none();
            for f in formed.chars() {
                let f = self.width(f);
                let composed = self
                    .out
                    .last_char()
                    .and_then(|prev| self.compose(prev, f))
                    .and_then(|k| self.out.pop_whole().map(|(_, before)| (k, before)));
                // A composed kana covers the char before the chunk too, and so does the
                // rest of the chunk's output.
                let f = match composed {
                    Some((k, before)) => {
                        chunk = before.to(chunk);
                        k
                    }
                    None => f,
                };
                let f = if o.lowercase {
                    f.to_lowercase().next().unwrap_or(f)
                } else {
                    f
                };
                self.out.push(self.fold(f), chunk, whole);
            }
        }
    }

    fn finish(&mut self) {
        if self.options.spaces == Spaces::Neologdn && self.out.last_char() == Some(' ') {
            self.out.pop_whole();
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Pieces of posts that exercise the fast path's edges: batches, lone and double spaces,
    /// marks after plain chars, repeats, width forms, kana, entities.
    const PIECES: &[&str] = &[
        "abc",
        "ABC",
        " ",
        "  ",
        "　",
        "\n",
        "*",
        "~",
        "〜",
        "ー",
        "ｰ",
        "-",
        "‐",
        "ｗｗｗ",
        "www",
        "!!!",
        "ａｂｃ",
        "ＡＢＣ",
        "ｱｲｳ",
        "ｶﾞ",
        "ﾊﾟ",
        "ﾞ",
        "゛",
        "\u{3099}",
        "e\u{301}",
        "か",
        "カ",
        "漢字",
        "、",
        "。",
        "「",
        "」",
        "・",
        "！",
        "？",
        "1000",
        "１２",
        "@sora_air",
        "@SoraAir_JP",
        "#SALE2026",
        "$TSLA",
        "#タグ",
        "#ｻﾎﾟｰﾄ",
        "＠ＳＯＲＡ＿ａｉｒ",
        "#Ｃａｆé",
        "https://t.co/x",
        "😭",
        "(^^;)",
        "é",
        "ß",
        "İ",
        "\t",
        "\u{7}",
        "\u{FEFF}",
        "ーー",
        "－",
        "—",
        "─",
        "ｳﾞ",
        "ﾟ",
        "日本 語",
        "’",
        "…",
        "★",
        "♪",
        "Ω",
        "Ж",
        "❤\u{FE0F}",
        "🇯🇵",
        "👍🏻",
        "👨\u{200D}👩\u{200D}👧",
        "𠮷",
        "\u{2028}",
    ];

    /// Options with every step on or off (or in any of its modes), and entities plain,
    /// kept or masked.
    fn any_options() -> impl Strategy<Value = NormalizerOptions> {
        use crate::text::{EntityOptions, KanaFold, Tilde, Width};
        let unicode =
            prop::sample::select(vec![UnicodeForm::None, UnicodeForm::Nfc, UnicodeForm::Nfkc]);
        let width = prop::sample::select(vec![Width::Off, Width::Neologdn, Width::Full]);
        let long_vowels = prop::sample::select(vec![
            LongVowels::Off,
            LongVowels::Neologdn,
            LongVowels::AfterKana,
        ]);
        let tilde = prop::sample::select(vec![
            Tilde::Ignore,
            Tilde::Remove,
            Tilde::Normalize,
            Tilde::NormalizeZenkaku,
        ]);
        let spaces = prop::sample::select(vec![
            Spaces::Keep,
            Spaces::Neologdn,
            Spaces::Tidy,
            Spaces::Display,
        ]);
        let kana =
            prop::sample::select(vec![KanaFold::Off, KanaFold::Hiragana, KanaFold::Katakana]);
        let entities = prop::sample::select(vec![
            EntityAction::Plain,
            EntityAction::Keep,
            EntityAction::Mask,
        ]);
        let steps = (unicode, width, any::<bool>(), long_vowels, tilde);
        let rest = (
            0..4u32,
            spaces,
            any::<bool>(),
            any::<bool>(),
            kana,
            entities,
        );
        (steps, rest).prop_map(
            |(
                (unicode, width, hyphens, long_vowels, tilde),
                (limit, spaces, remove, lower, kana, entities),
            )| {
                NormalizerOptions {
                    unicode,
                    width,
                    hyphens,
                    long_vowels,
                    tilde,
                    repeat_limit: limit,
                    spaces,
                    remove_space: remove,
                    lowercase: lower,
                    kana,
                    entities: EntityOptions::all(entities),
                    ..NormalizerOptions::none()
                }
            },
        )
    }

    fn post() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..16).prop_map(|p| p.concat())
    }

    /// Lowercasing with no Unicode form still takes a char with its marks: `İ` and a sound
    /// mark lowercase to three chars that map back to both as a whole.
    #[test]
    fn lowercase_keeps_a_char_with_its_marks() {
        let n = Normalizer::new(NormalizerOptions::none().lowercase(true));
        let out = n.normalize("İ\u{3099}x");
        assert_eq!(out.text(), "i\u{307}\u{3099}x");
        let span = out.original_span(0..1).unwrap();
        assert_eq!((span.bytes, span.chars), (0..5, 0..2));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The fast path is only a shortcut: text, offsets and entities are the slow path's.
        #[test]
        fn fast_path_changes_nothing(text in post()) {
            for preset in Preset::ALL {
                let n = Normalizer::from_preset(preset);
                prop_assert_eq!(n.normalize_with(&text, true), n.normalize_with(&text, false), "{}", preset.name());
            }
        }

        /// The same under any mix of the steps, not just the presets' (the fast path takes
        /// some steps' rules as shortcuts, and only when those steps are on).
        #[test]
        fn fast_path_changes_nothing_under_any_options(text in post(), options in any_options()) {
            let n = Normalizer::new(options);
            prop_assert_eq!(n.normalize_with(&text, true), n.normalize_with(&text, false), "{:?}", options);
        }

        /// Normalising into the result of earlier posts gives what a fresh call gives.
        #[test]
        fn normalizing_into_an_earlier_result_changes_nothing(
            posts in prop::collection::vec(post(), 1..4),
            options in any_options(),
        ) {
            let n = Normalizer::new(options);
            let mut out = Normalized::default();
            for post in &posts {
                n.normalize_into(post, &mut out);
                prop_assert_eq!(&out, &n.normalize(post), "{:?}", options);
            }
        }
    }
}
