//! Properties every preset holds, on arbitrary Unicode and on generated social posts:
//! idempotence, an offset map that is monotone, in bounds and covers what it does not
//! remove, and a bounded output length.

use kizuna::text::{Normalizer, NormalizerOptions, Preset, Tilde};
use proptest::prelude::*;

/// Pieces of Japanese and English social text, including everything the steps treat specially.
const PIECES: &[&str] = &[
    "ありがとう",
    "ソラ航空",
    "ｻﾎﾟｰﾄ",
    "ｶﾞ",
    "ﾊﾟ",
    "か゛",
    "ウ゛",
    "゜",
    "ﾞ",
    "ＡＢＣ",
    "１２３",
    "OK",
    "Thanks",
    "help",
    " ",
    "  ",
    "　",
    "\n",
    "\t",
    "ｗｗｗｗ",
    "www",
    "ーーー",
    "ｰｰ",
    "━━",
    "—",
    "‐‐",
    "−",
    "-",
    "~",
    "〜",
    "～",
    "!!!!",
    "？？",
    "soooo",
    "1000000",
    "¥",
    "“”",
    "‘’",
    "@sora_air",
    "＠ｓｏｒａ",
    "#拡散希望",
    "#SALE",
    "＃セール",
    "$TSLA",
    "https://t.co/xY1",
    "www.example.jp/a",
    "😭",
    "👨‍👩‍👧‍👦",
    "👍🏽",
    "🇯🇵",
    "1️⃣",
    "❤️",
    "(´；ω；｀)",
    "(^^;)",
    "m(_ _)m",
    "orz",
    ":)",
    "㈱",
    "①",
    "Ⅻ",
    "e\u{301}",
    "\u{3099}",
    "*",
    "é",
    "İ",
    "ß",
    "ﷺ",
    "\u{200D}",
    "\u{FE0F}",
    "\u{FEFF}",
    "\r\n",
    "\u{7}",
    "。",
    "、",
    "「",
    "」",
    "・",
];

fn social_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|pieces| pieces.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), social_text()]
}

fn normalizers() -> Vec<(String, Normalizer)> {
    let mut all: Vec<(String, Normalizer)> = Preset::ALL
        .iter()
        .map(|p| (p.name().to_owned(), Normalizer::from_preset(*p)))
        .collect();
    all.push((
        "neologdn, tilde normalize".into(),
        Normalizer::new(NormalizerOptions::preset(Preset::Neologdn).tilde(Tilde::Normalize)),
    ));
    all
}

/// Marks that go with the char before them (and are dropped with it).
fn is_mark_like(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{3099}'..='\u{309C}' | 'ﾞ' | 'ﾟ' | '\u{FE00}'..='\u{FE0F}'
        | '\u{200D}' | '\u{20E3}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}')
}

/// Whether a preset may drop the char at `at` of `input`: spaces, tildes, dashes, long-vowel
/// marks, controls; a mark whose base was dropped; and a repeat, a char (with its marks) that
/// folds for search to the end of what the chars before it fold to (`︙.` folds to `....`,
/// cut to `..`; `ｶﾞｶﾞｶﾞ` to `ががが`, cut to `がが`).
fn removable(input: &str, at: usize, covered: &[bool]) -> bool {
    let search = Normalizer::from_preset(Preset::Search);
    let fold = |s: &str| search.normalize(s).into_text();
    let Some(c) = input[at..].chars().next() else {
        return false;
    };
    // The chars before, spaces skipped (the repeat rule sees through a removed space).
    let before: Vec<(usize, char)> = input[..at]
        .char_indices()
        .rev()
        .filter(|(_, b)| !b.is_whitespace())
        .take(3)
        .collect();
    // The char with none, one, two… of the marks after it.
    let marks: Vec<char> = input[at + c.len_utf8()..]
        .chars()
        .take_while(|&m| is_mark_like(m))
        .collect();
    let chunks: Vec<String> = (0..=marks.len())
        .map(|n| {
            fold(
                &std::iter::once(c)
                    .chain(marks[..n].iter().copied())
                    .collect::<String>(),
            )
        })
        .filter(|chunk| !chunk.is_empty())
        .collect();
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '~' | '∼' | '∾' | '〜' | '〰' | '～' | '\u{FEFF}')
        || matches!(c, '˗' | '֊' | '‐' | '‑' | '‒' | '–' | '⁃' | '⁻' | '₋' | '−')
        || matches!(c, '﹣' | '－' | 'ｰ' | '—' | '―' | '─' | '━' | 'ー')
        || (is_mark_like(c) && before.first().is_some_and(|&(b, _)| !covered[b]))
        || (1..=before.len()).any(|n| {
            let previous: String = before[..n].iter().rev().map(|&(_, b)| b).collect();
            let previous_folded = fold(&previous);
            previous == c.to_string() || chunks.iter().any(|chunk| previous_folded.ends_with(chunk))
        })
}

fn check_offsets(name: &str, input: &str, normalizer: &Normalizer) -> Result<(), TestCaseError> {
    let out = normalizer.normalize(input);
    let text = out.text();
    let mut next_out = 0;
    let mut covered = vec![false; input.len()];
    let mut last_src_end = 0;
    for row in out.offsets().alignments() {
        prop_assert_eq!(
            row.normalized.start,
            next_out,
            "{}: output rows are contiguous",
            name
        );
        prop_assert!(
            row.normalized.end > row.normalized.start,
            "{}: empty row",
            name
        );
        next_out = row.normalized.end;
        let src = row.original.bytes.clone();
        prop_assert!(
            src.start >= last_src_end,
            "{}: rows go forward in the input",
            name
        );
        prop_assert!(
            src.end <= input.len() && src.start < src.end,
            "{}: row in bounds",
            name
        );
        prop_assert!(input.is_char_boundary(src.start) && input.is_char_boundary(src.end));
        prop_assert_eq!(
            input[..src.start].chars().count(),
            row.original.chars.start,
            "{}: char offsets agree with byte offsets",
            name
        );
        prop_assert_eq!(input[src.clone()].chars().count(), row.original.chars.len());
        if row.linear {
            prop_assert_eq!(
                row.normalized.len(),
                src.len(),
                "{}: linear rows keep length",
                name
            );
        }
        last_src_end = src.end;
        covered[src].iter_mut().for_each(|c| *c = true);
    }
    prop_assert_eq!(next_out, text.len(), "{}: rows cover the output", name);
    for (at, c) in input.char_indices() {
        if !covered[at] {
            prop_assert!(
                removable(input, at, &covered),
                "{}: {:?} at {} vanished from {:?} -> {:?}",
                name,
                c,
                at,
                input,
                text
            );
        }
    }
    // Any range of one to four chars of the output maps to a span that slices the input,
    // whose chars are the chars of its bytes.
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    for width in 1..=4 {
        for pair in bounds.windows(width + 1) {
            let range = pair[0]..pair[width];
            let span = out
                .original_span(range)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let (Some(before), Some(inside)) =
                (input.get(..span.bytes.start), input.get(span.bytes.clone()))
            else {
                return Err(TestCaseError::fail(format!(
                    "{name}: span {span:?} slices the input"
                )));
            };
            let first = before.chars().count();
            prop_assert_eq!(
                span.chars.clone(),
                first..first + inside.chars().count(),
                "{}: {:?}",
                name,
                span
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_preset_is_idempotent(input in any_text()) {
        for (name, normalizer) in normalizers() {
            let once = normalizer.normalize(&input).into_text();
            let twice = normalizer.normalize(&once).into_text();
            prop_assert_eq!(&twice, &once, "{} is not idempotent on {:?}", name, input);
        }
    }

    #[test]
    fn offsets_are_monotone_in_bounds_and_cover_the_input(input in any_text()) {
        for (name, normalizer) in normalizers() {
            check_offsets(&name, &input, &normalizer)?;
        }
    }

    #[test]
    fn output_length_is_bounded(input in any_text()) {
        let len = input.len();
        let neologdn = Normalizer::from_preset(Preset::Neologdn).normalize(&input);
        prop_assert!(neologdn.text().len() <= len);
        let display = Normalizer::from_preset(Preset::Display).normalize(&input);
        prop_assert!(display.text().len() <= 3 * len);
        let search = Normalizer::from_preset(Preset::Search).normalize(&input);
        prop_assert!(search.text().len() <= 11 * len);
    }

    #[test]
    fn entity_spans_point_at_their_text(input in social_text()) {
        for (name, normalizer) in normalizers() {
            let out = normalizer.normalize(&input);
            for entity in out.entities() {
                prop_assert_eq!(&input[entity.original.bytes.clone()], entity.text.as_str(), "{}", name);
                if let Some(range) = entity.normalized.clone() {
                    prop_assert!(out.text().get(range).is_some(), "{}", name);
                }
            }
        }
    }
}
