//! Lexicons: the signals the classifier looks for, in a documented TSV format, built in or
//! brought by the user, matched in one Aho-Corasick pass over the normalised text.
//!
//! A lexicon file has one entry a line, `kind<TAB>term<TAB>value`, and `#` comments:
//!
//! | kind | value | meaning |
//! |---|---|---|
//! | `sentiment` | score, −4 to 4 | the term's polarity |
//! | `negator` | — | flips a sentiment term in its scope |
//! | `intensifier` | multiplier | strengthens (above 1) or softens (below 1) the term it precedes |
//! | `contrast` | — | the clause after it weighs more (けど, but) |
//! | `intent` | an intent name | the term signals that intent |
//! | `urgent` | a reason | the term makes a post urgent (stranded, money, safety, legal, many) |
//! | `flame` | weight, 0 to 1 | the term signals a post that may spread |
//! | `excess` | score | "too much" (〜すぎ): strengthens a sentiment term right before it, else counts as this score |
//! | `sarcasm` | — | with a failure in the post, praise is read as its opposite (さすが, "can always count on") |
//!
//! VADER-style lines, `token<TAB>score`, are read as `sentiment` entries. Terms are matched
//! after the `search` normaliser, so width, case and katakana/hiragana do not matter; Latin
//! terms match whole words only.

use std::borrow::Cow;
use std::collections::HashMap;

use super::scan::{self, Automaton, Job};

use super::Intent;
use crate::text::{Normalizer, Preset};
use crate::{Error, Result};

/// What one lexicon entry signals.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Signal {
    Sentiment(f64),
    Negator,
    Intensifier(f64),
    Contrast,
    Intent(Intent),
    Urgent(String),
    Flame(f64),
    Excess(f64),
    Sarcasm,
}

impl Signal {
    /// A failure or harm (an outage or complaint; money, safety or legal trouble): told as a
    /// fact, it makes a post negative whatever its words.
    pub(crate) fn is_harm(&self) -> bool {
        match self {
            Signal::Intent(intent) => matches!(intent, Intent::Outage | Intent::Complaint),
            Signal::Urgent(reason) => matches!(reason.as_str(), "safety" | "legal" | "money"),
            _ => false,
        }
    }
}

/// The kinds of signal among a pattern's entries, a bit each: scoring asks them of every hit,
/// several times over, without reading the entries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Kinds(u16);

impl Kinds {
    pub(crate) const SENTIMENT: Kinds = Kinds(1);
    pub(crate) const NEGATIVE: Kinds = Kinds(1 << 1);
    pub(crate) const NEGATOR: Kinds = Kinds(1 << 2);
    pub(crate) const INTENSIFIER: Kinds = Kinds(1 << 3);
    pub(crate) const CONTRAST: Kinds = Kinds(1 << 4);
    pub(crate) const INTENT: Kinds = Kinds(1 << 5);
    /// An outage, churn or complaint.
    pub(crate) const FAILING: Kinds = Kinds(1 << 6);
    pub(crate) const CHURN: Kinds = Kinds(1 << 7);
    /// See [`Signal::is_harm`].
    pub(crate) const HARM: Kinds = Kinds(1 << 8);
    pub(crate) const URGENT: Kinds = Kinds(1 << 9);
    pub(crate) const FLAME: Kinds = Kinds(1 << 10);
    pub(crate) const EXCESS: Kinds = Kinds(1 << 11);
    pub(crate) const SARCASM: Kinds = Kinds(1 << 12);

    /// The kinds of signal `entries` hold.
    pub(crate) fn of(entries: &[Entry]) -> Kinds {
        let kinds = entries.iter().map(|entry| {
            let signal = &entry.signal;
            let kind = match signal {
                Signal::Sentiment(s) if *s < 0.0 => Kinds::SENTIMENT | Kinds::NEGATIVE,
                Signal::Sentiment(_) => Kinds::SENTIMENT,
                Signal::Negator => Kinds::NEGATOR,
                Signal::Intensifier(_) => Kinds::INTENSIFIER,
                Signal::Contrast => Kinds::CONTRAST,
                Signal::Intent(Intent::Churn) => Kinds::INTENT | Kinds::FAILING | Kinds::CHURN,
                Signal::Intent(Intent::Outage | Intent::Complaint) => {
                    Kinds::INTENT | Kinds::FAILING
                }
                Signal::Intent(_) => Kinds::INTENT,
                Signal::Urgent(_) => Kinds::URGENT,
                Signal::Flame(_) => Kinds::FLAME,
                Signal::Excess(_) => Kinds::EXCESS,
                Signal::Sarcasm => Kinds::SARCASM,
            };
            if signal.is_harm() {
                kind | Kinds::HARM
            } else {
                kind
            }
        });
        kinds.fold(Kinds::default(), |all, kind| all | kind)
    }

    /// Whether any of `kinds` is among these.
    pub(crate) fn any(self, kinds: Kinds) -> bool {
        self.0 & kinds.0 != 0
    }
}

impl std::ops::BitOr for Kinds {
    type Output = Kinds;

    fn bitor(self, other: Kinds) -> Kinds {
        Kinds(self.0 | other.0)
    }
}

/// One entry: its signal and the term as written. A built-in term borrows the embedded
/// lexicon, so the evidence that names it copies nothing.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub(crate) signal: Signal,
    pub(crate) term: Cow<'static, str>,
}

/// Reads a lexicon file; `source` names it in errors.
pub(crate) fn parse(text: &str, source: &str) -> Result<Vec<Entry>> {
    parse_with(text, source, |term| Cow::Owned(term.to_owned()))
}

/// Reads a lexicon, keeping each (trimmed) term as `keep` makes it: borrowed from a lexicon
/// embedded in the library, owned otherwise.
fn parse_with<'t>(
    text: &'t str,
    source: &str,
    keep: impl Fn(&'t str) -> Cow<'static, str>,
) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let bad = |reason: String| Error::Parse {
            what: format!("lexicon {source}"),
            line: index + 1,
            reason,
        };
        let fields: Vec<&str> = line.split('\t').collect();
        let (signal, term) = match fields.as_slice() {
            [term, score] => (Signal::Sentiment(number(score).map_err(bad)?), *term),
            [kind, term, value] | [kind, term, value, ..] => {
                (signal_of(kind, value).map_err(bad)?, *term)
            }
            _ => {
                return Err(bad(
                    "expected kind<TAB>term<TAB>value or token<TAB>score".into()
                ));
            }
        };
        if term.trim().is_empty() {
            return Err(bad("empty term".into()));
        }
        entries.push(Entry {
            signal,
            term: keep(term.trim()),
        });
    }
    Ok(entries)
}

/// The signal of a `kind` with its `value`, as a lexicon line or a rule gives them.
pub(crate) fn signal_of(kind: &str, value: &str) -> std::result::Result<Signal, String> {
    Ok(match kind.trim() {
        "sentiment" => Signal::Sentiment(number(value)?),
        "negator" => Signal::Negator,
        "intensifier" => Signal::Intensifier(number(value)?),
        "contrast" => Signal::Contrast,
        "intent" => Signal::Intent(value.trim().parse().map_err(|e: Error| e.to_string())?),
        "urgent" if value.trim().is_empty() => return Err("urgent needs a reason".into()),
        "urgent" => Signal::Urgent(value.trim().to_owned()),
        "flame" => Signal::Flame(number(value)?.clamp(0.0, 1.0)),
        "excess" => Signal::Excess(number(value)?),
        "sarcasm" => Signal::Sarcasm,
        other => return Err(format!("unknown kind {other:?}")),
    })
}

/// A finite number, or why `s` is not one.
fn number(s: &str) -> std::result::Result<f64, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("{s:?} is not a number"))
}

/// The built-in entries: Japanese, English customer care and general English vocabulary.
pub(crate) fn builtin() -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for (text, source) in [
        (include_str!("../../data/ja.tsv"), "data/ja.tsv"),
        (include_str!("../../data/en.tsv"), "data/en.tsv"),
        (include_str!("../../data/en_words.tsv"), "data/en_words.tsv"),
    ] {
        entries.extend(parse_with(text, source, Cow::Borrowed)?);
    }
    Ok(entries)
}

/// A vocabulary the project ships beside the built-in lexicons, left out unless asked for
/// (with [`ClassifierBuilder::vocabulary`](super::ClassifierBuilder::vocabulary), or
/// `vocabularies = ["japanese_general"]` in a [`ClassifierConfig`](super::ClassifierConfig)):
/// it buys quality with speed and memory.
///
/// ```
/// use kizuna::classify::lexicon::Vocabulary;
///
/// assert_eq!("japanese_general".parse::<Vocabulary>()?, Vocabulary::JapaneseGeneral);
/// assert_eq!(Vocabulary::JapaneseGeneral.name(), "japanese_general");
/// assert!("klingon".parse::<Vocabulary>().is_err());
/// # Ok::<(), kizuna::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Vocabulary {
    /// 1,322 everyday Japanese evaluative words and expressions (`data/optional/ja_words.tsv`).
    /// On the development set, Japanese sentiment macro-F1 rises from 0.856 to 0.895 on the
    /// part the lexicons were written against and from 0.787 to 0.811 on the part kept aside.
    /// The lexicon table grows from 2.6 to 4.0 MB and classification on one core is 3–6 %
    /// slower (measured on two machines); with a parallel batch's copy of the table for its
    /// second worker the classifier holds about 10 MB (7 MB without the vocabulary).
    JapaneseGeneral,
}

impl Vocabulary {
    /// Every vocabulary, in order.
    pub const ALL: &'static [Vocabulary] = &[Vocabulary::JapaneseGeneral];

    /// The name of the vocabulary in configs.
    pub fn name(self) -> &'static str {
        match self {
            Vocabulary::JapaneseGeneral => "japanese_general",
        }
    }

    /// The vocabulary's entries.
    pub(crate) fn entries(self) -> Result<Vec<Entry>> {
        let (text, source) = match self {
            Vocabulary::JapaneseGeneral => (
                include_str!("../../data/optional/ja_words.tsv"),
                "data/optional/ja_words.tsv",
            ),
        };
        parse_with(text, source, Cow::Borrowed)
    }
}

impl std::str::FromStr for Vocabulary {
    type Err = Error;

    fn from_str(name: &str) -> Result<Vocabulary> {
        Vocabulary::ALL
            .iter()
            .copied()
            .find(|v| v.name() == name)
            .ok_or_else(|| {
                let known: Vec<&str> = Vocabulary::ALL.iter().map(|v| v.name()).collect();
                Error::Config(format!(
                    "unknown vocabulary {name:?} (known: {})",
                    known.join(", ")
                ))
            })
    }
}

/// The most copies of the automaton for parallel workers: with the built-in lexicons (a 2.6 MB
/// table) two automata stay well within issue 3's 20 MB for a classifier; further workers
/// share the first.
#[cfg(feature = "parallel")]
const MAX_COPIES: usize = 1;

/// Entries compiled for matching: one pattern per normalised term, each with its entries.
#[derive(Debug)]
pub(crate) struct Compiled {
    automaton: Automaton,
    /// A copy of the automaton for each further worker of a parallel batch (up to
    /// [`MAX_COPIES`]), cloned when that worker first scans: two cores reading one DFA of a
    /// few MB classified 1.77× as fast as one core on the development machine, each with a
    /// copy of its own 1.9× (issue 6).
    #[cfg(feature = "parallel")]
    copies: Box<[std::sync::OnceLock<Automaton>]>,
    /// The entries of each pattern.
    pub(crate) entries: Vec<Vec<Entry>>,
    /// The kinds of signal among each pattern's entries.
    pub(crate) kinds: Vec<Kinds>,
    /// Whether each pattern is Latin (matched as whole words).
    pub(crate) latin: Vec<bool>,
}

impl Compiled {
    pub(crate) fn new(entries: Vec<Entry>, normalizer: &Normalizer) -> Result<Compiled> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut grouped: Vec<Vec<Entry>> = Vec::new();
        let mut keyed: Vec<(String, Entry)> = Vec::new();
        for entry in entries {
            let key = normalizer.normalize(&entry.term).into_text();
            keyed.extend(inflections(&key, &entry));
            keyed.push((key, entry));
        }
        for (key, entry) in keyed {
            if key.is_empty() {
                continue;
            }
            let at = *index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                grouped.push(Vec::new());
                grouped.len() - 1
            });
            grouped[at].push(entry);
        }
        let latin = patterns
            .iter()
            .map(|p| p.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()))
            .collect();
        Ok(Compiled {
            automaton: Automaton::build(&patterns)?,
            #[cfg(feature = "parallel")]
            copies: (1..std::thread::available_parallelism().map_or(1, |n| n.get()))
                .take(MAX_COPIES)
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            kinds: grouped.iter().map(|entries| Kinds::of(entries)).collect(),
            entries: grouped,
            latin,
        })
    }

    /// The automaton this thread scans with: its own copy on a worker of a parallel batch
    /// (worker 0 and every other thread share the first).
    pub(crate) fn automaton(&self) -> &Automaton {
        #[cfg(feature = "parallel")]
        if let Some(copy) = rayon::current_thread_index()
            .and_then(|worker| worker.checked_sub(1))
            .and_then(|worker| self.copies.get(worker))
        {
            // A clone copies the table's rows into memory of its own (a few ms; building it
            // again from the patterns took ~90).
            return copy.get_or_init(|| self.automaton.clone());
        }
        &self.automaton
    }

    /// Hands each job the lexicon's matches in its text that its `accept` takes, leftmost
    /// first and longest at each start, without overlaps; see [`scan::find_accepted`] (two
    /// jobs are scanned in lockstep).
    pub(crate) fn find_accepted<J: Job>(&self, jobs: &mut [J]) {
        scan::find_accepted(self.automaton(), jobs);
    }
}

/// The inflected forms of a Japanese い-adjective sentiment term, so that the lexicon need
/// not list them: 美味しい → 美味しく (美味しくない negates it), 美味しかった, and 美味しすぎ
/// (half as strong again).
fn inflections(key: &str, entry: &Entry) -> Vec<(String, Entry)> {
    let Signal::Sentiment(score) = entry.signal else {
        return Vec::new();
    };
    let Some(stem) = key.strip_suffix('い').filter(|s| s.chars().count() >= 2) else {
        return Vec::new();
    };
    [("く", 1.0), ("かった", 1.0), ("すぎ", 1.5)]
        .into_iter()
        .map(|(ending, strength)| {
            let inflected = Entry {
                signal: Signal::Sentiment(score * strength),
                term: entry.term.clone(),
            };
            (format!("{stem}{ending}"), inflected)
        })
        .collect()
}

/// The normaliser lexicon terms and posts are matched through.
pub(crate) fn matching_normalizer() -> Normalizer {
    Normalizer::from_preset(Preset::Search)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Range;

    /// Each signal sets its kinds, and a pattern's entries pool theirs.
    #[test]
    fn kinds_tell_what_signals_a_pattern_holds() {
        let kinds = |signals: Vec<Signal>| {
            let entries: Vec<Entry> = signals
                .into_iter()
                .map(|signal| Entry {
                    signal,
                    term: Cow::Borrowed("t"),
                })
                .collect();
            Kinds::of(&entries)
        };
        let cases = [
            (vec![Signal::Sentiment(1.5)], Kinds::SENTIMENT),
            (
                vec![Signal::Sentiment(-2.0)],
                Kinds::SENTIMENT | Kinds::NEGATIVE,
            ),
            (vec![Signal::Negator], Kinds::NEGATOR),
            (vec![Signal::Intensifier(1.3)], Kinds::INTENSIFIER),
            (vec![Signal::Contrast], Kinds::CONTRAST),
            (vec![Signal::Intent(Intent::Question)], Kinds::INTENT),
            (
                vec![Signal::Intent(Intent::Outage)],
                Kinds::INTENT | Kinds::FAILING | Kinds::HARM,
            ),
            (
                vec![Signal::Intent(Intent::Churn)],
                Kinds::INTENT | Kinds::FAILING | Kinds::CHURN,
            ),
            (
                vec![Signal::Intent(Intent::Complaint)],
                Kinds::INTENT | Kinds::FAILING | Kinds::HARM,
            ),
            (vec![Signal::Intent(Intent::Praise)], Kinds::INTENT),
            (
                vec![Signal::Urgent("safety".into())],
                Kinds::URGENT | Kinds::HARM,
            ),
            (
                vec![Signal::Urgent("legal".into())],
                Kinds::URGENT | Kinds::HARM,
            ),
            (
                vec![Signal::Urgent("money".into())],
                Kinds::URGENT | Kinds::HARM,
            ),
            // Not below zero, as the scoring has always read it.
            (vec![Signal::Sentiment(f64::NAN)], Kinds::SENTIMENT),
            (vec![Signal::Sentiment(-0.0)], Kinds::SENTIMENT),
            (vec![Signal::Urgent("many".into())], Kinds::URGENT),
            (vec![Signal::Flame(0.4)], Kinds::FLAME),
            (vec![Signal::Excess(-0.8)], Kinds::EXCESS),
            (vec![Signal::Sarcasm], Kinds::SARCASM),
            (
                vec![Signal::Sentiment(0.5), Signal::Flame(0.2)],
                Kinds::SENTIMENT | Kinds::FLAME,
            ),
            (vec![], Kinds::default()),
        ];
        for (signals, expected) in cases {
            assert_eq!(kinds(signals.clone()), expected, "{signals:?}");
        }
        assert!(!Kinds::SENTIMENT.any(Kinds::NEGATIVE | Kinds::FLAME));
    }

    #[test]
    fn the_built_in_lexicons_parse() {
        let entries = builtin().unwrap();
        assert!(entries.len() > 300, "{}", entries.len());
        assert!(entries.iter().any(|e| e.term == "最悪"));
    }

    /// The longest match wins, so a phrase hides the words it covers: it must carry their
    /// sentiment itself ("great job" is praise and positive, "stuck at" urgent and negative),
    /// unless the classifier reads the phrase's own signal as sentiment (an outage, complaint
    /// or churn, money, safety or legal harm) or it is a request, which is meant to be neutral
    /// ("would be great if", もらえると嬉しい). The shipped vocabularies are held to it too.
    #[test]
    fn phrases_keep_the_sentiment_of_the_words_they_cover() {
        let normalizer = matching_normalizer();
        let mut by_key: HashMap<String, Vec<Signal>> = HashMap::new();
        let shipped = Vocabulary::ALL.iter().map(|v| v.entries().unwrap());
        for entry in builtin().unwrap().into_iter().chain(shipped.flatten()) {
            let key = normalizer.normalize(&entry.term).into_text();
            by_key.entry(key).or_default().push(entry.signal);
        }
        let polar = |signals: &[Signal]| {
            signals
                .iter()
                .any(|s| matches!(s, Signal::Sentiment(v) if *v != 0.0))
        };
        let read_otherwise = |signals: &[Signal]| {
            signals.iter().any(|s| {
                matches!(
                    s,
                    Signal::Sentiment(_) | Signal::Intent(Intent::Request | Intent::Churn)
                ) || s.is_harm()
            })
        };
        let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        let mut hidden = Vec::new();
        for (phrase, signals) in &by_key {
            if read_otherwise(signals) {
                continue;
            }
            let bounds: Vec<usize> = phrase.char_indices().map(|(i, _)| i).collect();
            for &start in &bounds {
                for end in bounds.iter().copied().skip(1).chain([phrase.len()]) {
                    if end <= start || (start, end) == (0, phrase.len()) {
                        continue;
                    }
                    let part = &phrase[start..end];
                    // Latin words match whole words only, as in posts.
                    let inside = alnum(part.chars().next())
                        && alnum(phrase[..start].chars().next_back())
                        || alnum(part.chars().next_back()) && alnum(phrase[end..].chars().next());
                    if !inside && by_key.get(part).is_some_and(|s| polar(s)) {
                        hidden.push(format!("{phrase} hides {part}"));
                    }
                }
            }
        }
        hidden.sort();
        assert!(hidden.is_empty(), "{hidden:#?}");
    }

    /// The scan reads the table at every byte: the larger it is, the less of it stays in a
    /// core's cache (2.6 MB with the general English vocabulary, a fifth of aho-corasick's
    /// own DFA; issue 3 allows 20 MB in all).
    #[test]
    fn the_built_in_automaton_stays_small() {
        let compiled = Compiled::new(builtin().unwrap(), &matching_normalizer()).unwrap();
        assert!(matches!(compiled.automaton(), Automaton::Table(_)));
        let bytes = compiled.automaton().memory_usage();
        // 2.6 MB: more would mean the table no longer tells bytes inside a char from the
        // others, or spends cells on bytes a state cannot read.
        assert!(bytes < 11 << 18, "{bytes} bytes");
        // With the workers' copies, a classifier stays under 20 MB.
        #[cfg(feature = "parallel")]
        assert!((1 + MAX_COPIES) * bytes < 18 << 20, "{bytes} bytes a copy");
    }

    proptest::proptest! {
        /// The accepted matches are, left to right, the longest accepted term at each start
        /// not already covered: checked against trying every term at every position. Latin
        /// terms are accepted as whole words only, as the classifier accepts them (the scan
        /// skips the inside of words).
        #[test]
        fn accepted_matches_are_the_longest_accepted_at_each_start(
            text in "(good|great|job|jobs|not|working|work|wow|w|s| |最悪|です)*",
            refused_end in 0usize..40,
        ) {
            let terms = ["good", "good job", "great", "great job", "job", "not", "not working",
                "work", "wow", "最悪", "最悪w", "w です"];
            let lexicon: String = terms.iter().map(|t| format!("sentiment\t{t}\t1\n")).collect();
            let compiled = Compiled::new(parse(&lexicon, "t").unwrap(), &matching_normalizer()).unwrap();
            // A Latin term must be a whole word, and (an arbitrary refusal) no match may end
            // at `refused_end`.
            let letter = |at: usize| text.as_bytes().get(at).is_some_and(u8::is_ascii_alphanumeric);
            let accept = |range: Range<usize>, latin: bool| {
                range.end != refused_end
                    && !(latin && (range.start > 0 && letter(range.start - 1) || letter(range.end)))
            };
            let mut job = [scan::Taking::new(&text, |m: &aho_corasick::Match| {
                accept(m.range(), compiled.latin[m.pattern().as_usize()])
            })];
            compiled.find_accepted(&mut job);
            let [job] = job;
            let found = job.found;
            let mut expected = Vec::new();
            let mut covered = 0;
            for start in 0..text.len() {
                if start < covered || !text.is_char_boundary(start) {
                    continue;
                }
                let longest = terms
                    .iter()
                    .filter(|t| {
                        let latin = t.as_bytes()[0].is_ascii_alphanumeric();
                        text[start..].starts_with(**t) && accept(start..start + t.len(), latin)
                    })
                    .map(|t| t.len())
                    .max();
                if let Some(len) = longest {
                    expected.push(start..start + len);
                    covered = start + len;
                }
            }
            proptest::prop_assert_eq!(found, expected);
        }
    }

    /// Each further worker of a parallel batch scans with a copy of its own, which finds
    /// what the first finds.
    #[cfg(feature = "parallel")]
    #[test]
    fn workers_scan_with_copies_that_find_the_same() {
        let compiled = Compiled::new(builtin().unwrap(), &matching_normalizer()).unwrap();
        let text = "最悪 the app is down again, thank you for nothing";
        let matches = |a: &Automaton| -> Vec<_> {
            let mut job = [scan::Taking::new(text, |_: &aho_corasick::Match| true)];
            scan::find_accepted(a, &mut job);
            let [job] = job;
            job.found
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let workers = pool.broadcast(|_| compiled.automaton());
        let first_matches = matches(compiled.automaton());
        assert!(!first_matches.is_empty());
        if compiled.copies.is_empty() {
            return; // one core: nothing to copy
        }
        assert!(std::ptr::eq(workers[0], &compiled.automaton));
        assert!(!std::ptr::eq(workers[1], workers[0]));
        let copy = pool.broadcast(|ctx| (ctx.index() == 1).then(|| matches(compiled.automaton())));
        assert_eq!(copy.into_iter().flatten().next(), Some(first_matches));
    }

    #[test]
    fn no_built_in_term_is_listed_twice_for_one_kind() {
        // A second entry would count the term twice.
        let mut seen = std::collections::HashSet::new();
        for e in builtin().unwrap() {
            // Scores may differ; an intent or a reason is part of what the entry says.
            let kind = match &e.signal {
                Signal::Intent(intent) => format!("intent {}", intent.name()),
                Signal::Urgent(reason) => format!("urgent {reason}"),
                other => format!("{:?}", std::mem::discriminant(other)),
            };
            assert!(
                seen.insert((kind, e.term.clone())),
                "{} listed twice",
                e.term
            );
        }
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let err = parse("sentiment\tgood\t2\nsentiment\tbad\tworse\n", "mine.tsv").unwrap_err();
        assert!(err.to_string().contains("mine.tsv, line 2"), "{err}");
        assert!(parse("intent\tx\tdancing\n", "m").is_err());
        assert!(parse("shout\tx\t1\n", "m").is_err());
        assert_eq!(
            parse("great\t3.1\n# c\n\n", "vader").unwrap()[0].signal,
            Signal::Sentiment(3.1)
        );
    }
}
