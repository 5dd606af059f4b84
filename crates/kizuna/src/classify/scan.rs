//! The lexicon scan: the leftmost-longest matches of the lexicon's terms in normalised posts.
//!
//! With the built-in lexicons the automaton is a full DFA of a few MB, and walking it waits
//! on memory at every byte. The walk here is written by hand on aho-corasick's
//! [`Automaton`](aho_corasick::automaton::Automaton) states so that two posts can be walked in
//! lockstep, one byte of each per step, sharing that wait: on the development posts about
//! 2.2 ns a byte, against 3.1 for one post at a time and 3.7 for aho-corasick's own iterator
//! (`benches/README.md`).

use std::ops::Range;

use aho_corasick::automaton::{Automaton as _, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{AhoCorasick, Anchored, Input, Match, MatchKind, PatternID};

use crate::{Error, Result};

/// The most patterns matched through a full DFA: past a few thousand terms (a whole VADER
/// lexicon added) its size is no longer worth it.
const DFA_MAX_PATTERNS: usize = 2_000;

/// A leftmost-longest automaton of the lexicon's patterns.
#[derive(Debug, Clone)]
pub(crate) enum Automaton {
    /// A full DFA, walked by hand (boxed: it is some 400 bytes before its tables).
    Dfa(Box<DFA>),
    /// aho-corasick's own choice for larger lexicons, searched through its API.
    Other(AhoCorasick),
}

impl Automaton {
    /// Builds the automaton of `patterns`.
    pub(crate) fn build(patterns: &[String]) -> Result<Automaton> {
        let built = if patterns.len() <= DFA_MAX_PATTERNS {
            DFA::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(patterns)
                .map(|dfa| Automaton::Dfa(Box::new(dfa)))
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(patterns)
                .map(Automaton::Other)
        };
        built.map_err(|e| Error::Config(format!("lexicon automaton: {e}")))
    }

    /// The heap memory the automaton holds, in bytes.
    #[cfg(test)]
    pub(crate) fn memory_usage(&self) -> usize {
        match self {
            Automaton::Dfa(dfa) => dfa.memory_usage(),
            Automaton::Other(other) => other.memory_usage(),
        }
    }

    /// The leftmost-longest match in `text[span]`.
    fn find(&self, text: &str, span: Range<usize>) -> Option<Match> {
        let input = Input::new(text).span(span);
        match self {
            // A DFA built for unanchored leftmost search answers every such input.
            Automaton::Dfa(dfa) => dfa.try_find(&input).ok().flatten(),
            Automaton::Other(other) => other.find(input),
        }
    }
}

/// One post to scan: its normalised text, which matches to take, and where they go.
pub(crate) trait Job {
    /// The text to scan.
    fn text(&self) -> &str;
    /// Whether the scan takes `m`.
    fn accept(&self, m: &Match) -> bool;
    /// Takes `m`.
    fn found(&mut self, m: Match);
}

/// Hands each job the matches in its text that its `accept` takes, leftmost first and longest
/// at each start, without overlaps. A longer match that `accept` refuses does not hide a
/// shorter one at the same start ("good job" is not a whole word in "good jobs", "good" is).
/// Through a DFA, the jobs are walked two at a time in lockstep.
pub(crate) fn find_accepted<J: Job>(automaton: &Automaton, jobs: &mut [J]) {
    let dfa = match automaton {
        Automaton::Dfa(dfa) => dfa,
        Automaton::Other(_) => {
            for job in jobs {
                let mut at = 0;
                while let Some(longest) = automaton.find(job.text(), at..job.text().len()) {
                    at = take(automaton, job, longest);
                }
            }
            return;
        }
    };
    let Ok(start) = dfa.start_state(Anchored::No) else {
        return; // never for a DFA built for unanchored search
    };
    let walker = Walker {
        automaton,
        dfa,
        start,
    };
    for pair in jobs.chunks_mut(2) {
        let (mut first, mut second) = (walker.walk(), walker.walk());
        if let [one, two] = pair {
            // Both walks in step while both go on; whichever is left finishes alone below.
            while walker.step(one, &mut first) & walker.step(two, &mut second) {}
        }
        for (job, walk) in pair.iter_mut().zip([&mut first, &mut second]) {
            while walker.step(job, walk) {}
        }
    }
}

/// Takes the leftmost-longest match `longest` of a job: hands it over if accepted, else the
/// longest accepted match at its start (looking again without the last byte each time), and
/// returns where the scan goes on.
fn take<J: Job>(automaton: &Automaton, job: &mut J, longest: Match) -> usize {
    if job.accept(&longest) {
        job.found(longest);
        return longest.end();
    }
    let start = longest.start();
    let at_start = |job: &J, end: usize| {
        automaton
            .find(job.text(), start..end)
            .filter(|m| m.start() == start)
    };
    let mut candidate = at_start(job, longest.end() - 1);
    while let Some(m) = candidate.filter(|m| !job.accept(m)) {
        candidate = at_start(job, m.end() - 1);
    }
    match candidate {
        Some(m) => {
            job.found(m);
            m.end()
        }
        None => {
            let rest = job.text().get(start..).unwrap_or_default();
            start + rest.chars().next().map_or(1, char::len_utf8)
        }
    }
}

/// Where one job's walk through the DFA stands.
struct Walk {
    /// The next byte to read.
    at: usize,
    state: StateID,
    /// The longest match of the search under way: its pattern and end.
    best: Option<(PatternID, usize)>,
}

/// The DFA and its start state, shared by the walks.
struct Walker<'a> {
    automaton: &'a Automaton,
    dfa: &'a DFA,
    start: StateID,
}

impl Walker<'_> {
    fn walk(&self) -> Walk {
        Walk {
            at: 0,
            state: self.start,
            best: None,
        }
    }

    /// Reads one byte of the job's text (or ends a search at its end); returns whether the
    /// walk goes on.
    #[inline(always)]
    fn step(&self, job: &mut impl Job, walk: &mut Walk) -> bool {
        let Some(&byte) = job.text().as_bytes().get(walk.at) else {
            return self.end_search(job, walk);
        };
        walk.state = self.dfa.next_state(Anchored::No, walk.state, byte);
        walk.at += 1;
        if self.dfa.is_special(walk.state) {
            if self.dfa.is_dead(walk.state) {
                // No longer match can start at or before the best one.
                return self.end_search(job, walk);
            }
            if self.dfa.is_match(walk.state) {
                walk.best = Some((self.dfa.match_pattern(walk.state, 0), walk.at));
            }
        }
        true
    }

    /// Ends the search under way with its longest match, if any, and starts the next one where
    /// that match leaves the scan; returns whether there is a next one.
    fn end_search(&self, job: &mut impl Job, walk: &mut Walk) -> bool {
        let Some((pattern, end)) = walk.best.take() else {
            return false; // no match in the rest of the text
        };
        let longest = Match::new(pattern, end - self.dfa.pattern_len(pattern)..end);
        walk.at = take(self.automaton, job, longest);
        walk.state = self.start;
        true
    }
}

/// A job for tests: the matches of `text` that `accept` takes, collected.
#[cfg(test)]
pub(crate) struct Taking<'t, F> {
    text: &'t str,
    accept: F,
    pub(crate) found: Vec<Range<usize>>,
}

#[cfg(test)]
impl<'t, F: Fn(&Match) -> bool> Taking<'t, F> {
    pub(crate) fn new(text: &'t str, accept: F) -> Self {
        Taking {
            text,
            accept,
            found: Vec::new(),
        }
    }
}

#[cfg(test)]
impl<F: Fn(&Match) -> bool> Job for Taking<'_, F> {
    fn text(&self) -> &str {
        self.text
    }
    fn accept(&self, m: &Match) -> bool {
        (self.accept)(m)
    }
    fn found(&mut self, m: Match) {
        self.found.push(m.range());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The matches taken in each of `texts`, scanned together.
    fn scan(automaton: &Automaton, texts: &[&str], refused_end: usize) -> Vec<Vec<Range<usize>>> {
        let mut posts: Vec<_> = texts
            .iter()
            .map(|text| Taking::new(text, move |m: &Match| m.end() != refused_end))
            .collect();
        find_accepted(automaton, &mut posts);
        posts.into_iter().map(|p| p.found).collect()
    }

    proptest::proptest! {
        /// A DFA walked by hand, alone or two posts in lockstep, finds what aho-corasick's
        /// own search finds, refusals and all.
        #[test]
        fn the_hand_walk_finds_what_the_library_finds(
            first in "(good|great|job|jobs|not|working|work|s| |最悪|最高|です)*",
            second in "(good|great|job|jobs|not|working|work|s| |最悪|最高|です)*",
        ) {
            let patterns: Vec<String> = ["good", "good job", "great", "great job", "job", "not",
                "not working", "work", "最悪", "最高", "最悪です"].map(String::from).to_vec();
            let dfa = Automaton::build(&patterns).unwrap();
            let library = Automaton::Other(
                AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&patterns).unwrap(),
            );
            // Every place a refused match could end, and none.
            for refused_end in 0..=first.len().max(second.len()) + 1 {
                let expected = scan(&library, &[&first, &second], refused_end);
                proptest::prop_assert_eq!(&scan(&dfa, &[&first, &second], refused_end), &expected);
                proptest::prop_assert_eq!(&scan(&dfa, &[&first], refused_end)[0], &expected[0]);
                proptest::prop_assert_eq!(&scan(&dfa, &[&second], refused_end)[0], &expected[1]);
            }
        }
    }
}
