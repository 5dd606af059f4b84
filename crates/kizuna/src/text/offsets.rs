//! The offset map: which bytes and chars of the original post produced each part of the
//! normalised text.
//!
//! The map is an alignment of two texts made of segments. A *linear* segment maps byte for byte
//! (a run of characters copied or changed into characters of the same UTF-8 length, such as
//! katakana folded to hiragana); a *char* segment maps char for char a run in which every
//! char changed its length the same way (`ＳＡＬＥ` → `SALE`: three bytes to one each); any
//! other segment maps its whole output range onto its whole source range (`ｶﾞ` → `ガ`,
//! `㈱` → `(株)`, a mask token). Original bytes covered by no segment
//! were removed (spaces, tildes, repeats). Segments increase on both sides, so lookups are a
//! binary search.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// A span of the original text, in bytes (for slicing in Rust and C) and in chars (Unicode
/// scalar values, for Python strings and most UIs).
///
/// ```
/// use kizuna::text::Span;
///
/// let post = "ｺﾝﾆﾁﾊ world";
/// let span = Span { bytes: 16..21, chars: 6..11 };
/// assert_eq!(&post[span.bytes.clone()], "world");
/// assert_eq!(post.chars().skip(span.chars.start).take(span.chars.len()).collect::<String>(), "world");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Byte range into the original UTF-8 text.
    pub bytes: Range<usize>,
    /// Char (Unicode scalar value) range into the original text.
    pub chars: Range<usize>,
}

/// One row of the alignment between normalised and original text; see [`OffsetMap::alignments`].
///
/// ```
/// use kizuna::text::{Normalizer, Preset};
///
/// let out = Normalizer::from_preset(Preset::Neologdn).normalize("ｶﾞｲﾄﾞ");
/// let first = out.offsets().alignments().next().unwrap();
/// assert_eq!(first.normalized, 0..3); // ガ
/// assert_eq!(first.original.bytes, 0..6); // ｶﾞ
/// assert!(!first.linear);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alignment {
    /// Byte range of the normalised text.
    pub normalized: Range<usize>,
    /// The original span that produced it.
    pub original: Span,
    /// Whether the two ranges correspond byte for byte (same length, same char boundaries).
    pub linear: bool,
}

/// Where a source piece of one segment lies in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Src {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) char_start: usize,
    pub(crate) char_end: usize,
}

impl Src {
    /// The source of one char `c` at byte `at`, char index `char_at`.
    pub(crate) fn of_char(c: char, at: usize, char_at: usize) -> Self {
        Src {
            start: at,
            end: at + c.len_utf8(),
            char_start: char_at,
            char_end: char_at + 1,
        }
    }

    /// The smallest source covering `self` and the later `other`.
    pub(crate) fn to(self, other: Src) -> Self {
        Src {
            start: self.start,
            end: other.end,
            char_start: self.char_start,
            char_end: other.char_end,
        }
    }

    fn span(self) -> Span {
        Span {
            bytes: self.start..self.end,
            chars: self.char_start..self.char_end,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    out: usize,
    src: Src,
    kind: Kind,
}

/// How a segment's output corresponds to its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Byte for byte.
    Linear,
    /// Char for char, each source char `src` bytes long and each output char `out` bytes.
    Chars { src: u8, out: u8 },
    /// As a whole.
    Whole,
}

impl Segment {
    /// The offset into the source that output offset `at` (inside the segment, on a char
    /// boundary of the output) stands for, in bytes and chars; `None` for a whole segment.
    fn source_at(&self, normalized: &str, at: usize) -> Option<(usize, usize)> {
        match self.kind {
            Kind::Linear => {
                // A source with as many chars as bytes is ASCII, and so is its copy.
                let ascii =
                    self.src.end - self.src.start == self.src.char_end - self.src.char_start;
                let chars = if ascii {
                    at - self.out
                } else {
                    normalized[self.out..at].chars().count()
                };
                Some((
                    self.src.start + (at - self.out),
                    self.src.char_start + chars,
                ))
            }
            Kind::Chars { src, out } => {
                let chars = (at - self.out) / usize::from(out);
                Some((
                    self.src.start + chars * usize::from(src),
                    self.src.char_start + chars,
                ))
            }
            Kind::Whole => None,
        }
    }
}

/// The alignment of a normalised text with its original; see the [module docs](self).
///
/// ```
/// use kizuna::text::{Normalizer, Preset};
///
/// let out = Normalizer::from_preset(Preset::Search).normalize("ＳＡＬＥ　開催中");
/// assert_eq!(out.text(), "sale 開催中");
/// let span = out.original_span(5..out.text().len()).unwrap();
/// assert_eq!(span.chars, 5..8);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OffsetMap {
    segments: Vec<Segment>,
    out_len: usize,
}

impl OffsetMap {
    /// The rows of the alignment, in order. Original bytes that no row covers were removed.
    ///
    /// ```
    /// use kizuna::text::{Normalizer, Preset};
    ///
    /// let out = Normalizer::from_preset(Preset::Neologdn).normalize("a  b");
    /// let rows: Vec<_> = out.offsets().alignments().map(|a| (a.normalized, a.original.bytes)).collect();
    /// assert_eq!(rows, [(0..2, 0..2), (2..3, 3..4)]); // the second space was removed
    /// ```
    pub fn alignments(&self) -> impl Iterator<Item = Alignment> + '_ {
        self.segments.iter().enumerate().flat_map(|(i, seg)| {
            let end = self.segment_out_end(i);
            // A char segment gives a row per char, each mapping as a whole.
            let (rows, out_step, src_step) = match seg.kind {
                Kind::Chars { src, out } => {
                    let (src, out) = (usize::from(src), usize::from(out));
                    ((end - seg.out) / out, out, src)
                }
                _ => (1, 0, 0),
            };
            (0..rows).map(move |k| match seg.kind {
                Kind::Chars { .. } => {
                    let (start, char_start) =
                        (seg.src.start + k * src_step, seg.src.char_start + k);
                    Alignment {
                        normalized: seg.out + k * out_step..seg.out + (k + 1) * out_step,
                        original: Span {
                            bytes: start..start + src_step,
                            chars: char_start..char_start + 1,
                        },
                        linear: false,
                    }
                }
                _ => Alignment {
                    normalized: seg.out..end,
                    original: seg.src.span(),
                    linear: seg.kind == Kind::Linear,
                },
            })
        })
    }

    fn segment_out_end(&self, index: usize) -> usize {
        self.segments
            .get(index + 1)
            .map_or(self.out_len, |next| next.out)
    }

    /// The segment holding output byte `at` (`at < out_len`).
    fn segment_at(&self, at: usize) -> Option<usize> {
        self.segments
            .partition_point(|s| s.out <= at)
            .checked_sub(1)
    }

    /// Maps a byte range of `normalized` (the text this map belongs to) to the original span
    /// that produced it.
    pub(crate) fn original_span(&self, normalized: &str, range: Range<usize>) -> Result<Span> {
        let bad = || Error::InvalidRange {
            start: range.start,
            end: range.end,
            len: normalized.len(),
        };
        if range.start > range.end
            || !normalized.is_char_boundary(range.start)
            || !normalized.is_char_boundary(range.end)
        {
            return Err(bad());
        }
        if range.is_empty() {
            let point = match self.segment_at(range.start) {
                Some(i) if range.start < self.out_len => self.start_of(normalized, i, range.start),
                _ => self
                    .segments
                    .last()
                    .map_or((0, 0), |s| (s.src.end, s.src.char_end)),
            };
            return Ok(Span {
                bytes: point.0..point.0,
                chars: point.1..point.1,
            });
        }
        let first = self.segment_at(range.start).ok_or_else(bad)?;
        let last = self.segment_at(range.end - 1).ok_or_else(bad)?;
        let (start, start_char) = self.start_of(normalized, first, range.start);
        let seg = &self.segments[last];
        let (end, end_char) = if first == last && seg.kind == Kind::Linear {
            // Within one linear segment the end is counted from the span's start, not again
            // from the segment's.
            let chars = normalized[range.clone()].chars().count();
            (start + range.len(), start_char + chars)
        } else {
            seg.source_at(normalized, range.end)
                .unwrap_or((seg.src.end, seg.src.char_end))
        };
        Ok(Span {
            bytes: start..end,
            chars: start_char..end_char,
        })
    }

    fn start_of(&self, normalized: &str, index: usize, at: usize) -> (usize, usize) {
        let seg = &self.segments[index];
        seg.source_at(normalized, at)
            .unwrap_or((seg.src.start, seg.src.char_start))
    }
}

/// One output char with its source, as the repeat pass sees the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unit {
    pub(crate) ch: char,
    pub(crate) src: Src,
    /// Whether this char is the only output of its source (so it may map linearly).
    pub(crate) whole: bool,
}

/// Writes normalised text and its offset map together.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    out: String,
    segments: Vec<Segment>,
}

impl Builder {
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        Builder::reusing(String::new(), OffsetMap::default(), bytes)
    }

    /// A builder writing over the buffers of an earlier output (emptied here), with room
    /// for `bytes` of output.
    pub(crate) fn reusing(mut out: String, offsets: OffsetMap, bytes: usize) -> Self {
        let mut segments = offsets.segments;
        segments.clear();
        out.clear();
        out.reserve(bytes);
        // Room for a segment per dozen bytes, so few posts ever grow it.
        segments.reserve(bytes / 12 + 2);
        Builder { out, segments }
    }

    pub(crate) fn len(&self) -> usize {
        self.out.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    pub(crate) fn last_char(&self) -> Option<char> {
        self.out.chars().next_back()
    }

    /// How many times `c` ends the output in a row, counting up to `cap`.
    pub(crate) fn trailing_run(&self, c: char, cap: u32) -> u32 {
        let run = self
            .out
            .chars()
            .rev()
            .take_while(|&x| x == c)
            .take(cap as usize)
            .count();
        u32::try_from(run).unwrap_or(cap)
    }

    /// Appends `c`, produced from `src`. `whole` says `c` is the only char `src` produces.
    pub(crate) fn push(&mut self, c: char, src: Src, whole: bool) {
        let out = self.out.len();
        self.out.push(c);
        let len = c.len_utf8();
        let src_len = src.end - src.start;
        let one_char = whole && src.char_end - src.char_start == 1;
        let kind = match (one_char, u8::try_from(src_len), u8::try_from(len)) {
            (true, _, _) if src_len == len => Kind::Linear,
            (true, Ok(src), Ok(out)) => Kind::Chars { src, out },
            _ => Kind::Whole,
        };
        if let Some(last) = self.segments.last_mut() {
            if last.src == src {
                // A further char of the same source: the segment maps as a whole.
                last.kind = Kind::Whole;
                return;
            }
            if kind != Kind::Whole && last.kind == kind && last.src.end == src.start {
                last.src.end = src.end;
                last.src.char_end = src.char_end;
                return;
            }
        }
        self.segments.push(Segment { out, src, kind });
    }

    /// Appends `run` without recording where it came from: the caller closes the stretch with
    /// [`close_linear`](Self::close_linear). Lowercases ASCII if asked.
    pub(crate) fn append(&mut self, run: &str, lowercase: bool) {
        let at = self.out.len();
        self.out.push_str(run);
        if lowercase {
            self.out[at..].make_ascii_lowercase();
        }
    }

    /// Appends `c` without recording where it came from; see [`append`](Self::append).
    pub(crate) fn append_char(&mut self, c: char) {
        self.out.push(c);
    }

    /// Records that the output from `out` (appended since) maps byte for byte onto `src`.
    pub(crate) fn close_linear(&mut self, out: usize, src: Src) {
        if out < self.out.len() {
            debug_assert_eq!(self.out.len() - out, src.end - src.start);
            // Char for char too: `Segment::source_at` relies on it.
            debug_assert_eq!(
                self.out[out..].chars().count(),
                src.char_end - src.char_start
            );
            self.extend_linear(out, src);
        }
    }

    /// Appends `run` copied unchanged from `src`.
    pub(crate) fn push_copy(&mut self, run: &str, src: Src) {
        let out = self.out.len();
        self.out.push_str(run);
        self.extend_linear(out, src);
    }

    /// Records that output from `out` maps byte for byte onto `src`.
    fn extend_linear(&mut self, out: usize, src: Src) {
        if let Some(last) = self.segments.last_mut() {
            if last.kind == Kind::Linear && last.src.end == src.start {
                last.src.end = src.end;
                last.src.char_end = src.char_end;
                return;
            }
        }
        self.segments.push(Segment {
            out,
            src,
            kind: Kind::Linear,
        });
    }

    /// Appends `s` as the replacement of `src` as a whole (a mask token).
    pub(crate) fn push_replacement(&mut self, s: &str, src: Src) {
        let out = self.out.len();
        self.out.push_str(s);
        self.segments.push(Segment {
            out,
            src,
            kind: Kind::Whole,
        });
    }

    /// Removes the last char if it is the only output of its source, and returns it with
    /// that source. A char that shares its source with others is left in place.
    pub(crate) fn pop_whole(&mut self) -> Option<(char, Src)> {
        let last = self.segments.last_mut()?;
        let c = self.out.chars().next_back()?;
        let new_len = self.out.len() - c.len_utf8();
        let src = if new_len == last.out {
            // The char is all that is left of its segment.
            let src = last.src;
            self.segments.pop();
            src
        } else {
            let src_len = match last.kind {
                Kind::Linear => c.len_utf8(),
                Kind::Chars { src, .. } => usize::from(src),
                Kind::Whole => return None,
            };
            let src = Src {
                start: last.src.end - src_len,
                end: last.src.end,
                char_start: last.src.char_end - 1,
                char_end: last.src.char_end,
            };
            last.src.end = src.start;
            last.src.char_end = src.char_start;
            src
        };
        self.out.truncate(new_len);
        Some((c, src))
    }

    /// Takes the text apart into units, one per char, for passes that delete across chars.
    pub(crate) fn into_units(self) -> Vec<Unit> {
        let mut units = Vec::with_capacity(self.out.len());
        for (i, seg) in self.segments.iter().enumerate() {
            let end = self.segments.get(i + 1).map_or(self.out.len(), |n| n.out);
            let piece = &self.out[seg.out..end];
            let source_len = |ch: char| match seg.kind {
                Kind::Chars { src, .. } => usize::from(src),
                _ => ch.len_utf8(),
            };
            if seg.kind != Kind::Whole {
                let (mut at, mut char_at) = (seg.src.start, seg.src.char_start);
                for ch in piece.chars() {
                    let len = source_len(ch);
                    let src = Src {
                        start: at,
                        end: at + len,
                        char_start: char_at,
                        char_end: char_at + 1,
                    };
                    units.push(Unit {
                        ch,
                        src,
                        whole: true,
                    });
                    at += len;
                    char_at += 1;
                }
            } else {
                let whole = piece.chars().nth(1).is_none();
                units.extend(piece.chars().map(|ch| Unit {
                    ch,
                    src: seg.src,
                    whole,
                }));
            }
        }
        units
    }

    pub(crate) fn finish(self) -> (String, OffsetMap) {
        let out_len = self.out.len();
        (
            self.out,
            OffsetMap {
                segments: self.segments,
                out_len,
            },
        )
    }
}
