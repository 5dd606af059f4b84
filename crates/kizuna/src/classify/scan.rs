//! The lexicon scan: the leftmost-longest matches of the lexicon's terms in normalised posts.
//!
//! With the built-in lexicons the automaton is a full DFA, and walking it waits on memory at
//! every byte. The DFA is re-encoded as a [`Table`] of two-byte state ids, laid out by byte
//! class, that holds only the bytes UTF-8 allows next (a fifth of aho-corasick's own size, so
//! more of it stays in a core's cache), and the walk is written by hand so that two posts can
//! be walked in lockstep, one byte of each per step, sharing that wait (`benches/README.md`
//! has the figures).

use std::ops::Range;

use aho_corasick::automaton::{Automaton as _, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{AhoCorasick, Anchored, Input, Match, MatchKind, PatternID};

use crate::{Error, Result};

/// The most patterns matched through a full DFA. The built-in lexicons have about 5,000, 7,500
/// with the optional Japanese vocabulary; past 12,000 (a whole VADER lexicon added) the DFA's
/// size is no longer worth it, and its states outgrow the [`Table`]'s two-byte ids.
const DFA_MAX_PATTERNS: usize = 12_000;

/// A leftmost-longest automaton of the lexicon's patterns.
#[derive(Debug, Clone)]
pub(crate) enum Automaton {
    /// A full DFA re-encoded, walked by hand (boxed: its column starts are inline).
    Table(Box<Table>),
    /// aho-corasick's own choice, searched through its API: for lexicons past
    /// [`DFA_MAX_PATTERNS`], or a DFA the [`Table`] cannot hold.
    Other(AhoCorasick),
}

impl Automaton {
    /// Builds the automaton of `patterns`.
    pub(crate) fn build(patterns: &[String]) -> Result<Automaton> {
        let table = if patterns.len() <= DFA_MAX_PATTERNS {
            let dfa = DFA::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(patterns)
                .map_err(|e| Error::Config(format!("lexicon automaton: {e}")))?;
            Table::new(&dfa)
        } else {
            None
        };
        match table {
            Some(table) => Ok(Automaton::Table(Box::new(table))),
            None => AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(patterns)
                .map(Automaton::Other)
                .map_err(|e| Error::Config(format!("lexicon automaton: {e}"))),
        }
    }

    /// The heap memory the automaton holds, in bytes.
    #[cfg(test)]
    pub(crate) fn memory_usage(&self) -> usize {
        match self {
            Automaton::Table(table) => table.memory_usage(),
            Automaton::Other(other) => other.memory_usage(),
        }
    }

    /// The leftmost-longest match in `text[span]`.
    fn find(&self, text: &str, span: Range<usize>) -> Option<Match> {
        match self {
            Automaton::Table(table) => table.find(text, span),
            Automaton::Other(other) => other.find(Input::new(text).span(span)),
        }
    }
}

/// A DFA's unanchored states re-encoded for the hand walk: two-byte state ids, byte classes
/// of its own (bytes that lead to the same state from every state share one), and the
/// transitions laid out by class: a class's column holds the transition on it of every state
/// that can read it.
///
/// The text is UTF-8, so a state knows which bytes can come next: a state inside a char
/// reads only continuation bytes (80–BF), one at a char boundary only the others. The table
/// pairs each DFA state with where it stands in a char (a state reached at a char boundary
/// and a state reached inside a char are two states of the table, although the only DFA
/// state met in both places is the start: every other one stands for a pattern prefix, which
/// ends where it ends in a char), and numbers the classes of the two kinds of byte apart, each
/// from 0. The boundary states' columns hold the classes of the other bytes, and the inside
/// states' columns, after them, the classes of the continuation bytes: no cell is spent on a
/// byte a state cannot read.
///
/// Why columns, not rows: the walk's next load waits on the state it reads now, but where a
/// byte's column starts depends on the byte alone, so it is worked out while the load before
/// is still on its way, and the state is all the load waits on. And within a column, states
/// numbered in breadth-first order keep the shallow ones, met most, on a few cache lines.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    /// Byte → where its class's column starts in `next`, less the first id of the states
    /// that read it: state `s` reading byte `b` goes to `next[column_of[b] + s]`.
    column_of: [u32; 256],
    /// The columns: of the boundary states' classes, then of the inside states' classes.
    next: Box<[u16]>,
    /// The match of each match state, the states `1..=matches.len()`: its pattern and that
    /// pattern's length. State 0 is [`DEAD`]; the other boundary states follow the match
    /// states (every match state is one: a pattern ends at a char boundary), then the inside
    /// states.
    matches: Box<[(PatternID, usize)]>,
    /// The start state at a char boundary, where every search starts.
    start: u16,
}

/// The state from which no match can grow any longer.
const DEAD: u16 = 0;

/// A state of the [`Table`]: a DFA state, and how many continuation bytes of the char being
/// read are still to come (0: at a char boundary).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Node {
    state: StateID,
    pending: u8,
}

impl Node {
    /// The bytes valid UTF-8 can hold next.
    fn reads(self) -> impl Iterator<Item = u8> {
        let (first, leads) = if self.pending > 0 {
            (0x80..=0xBF, None)
        } else {
            (0x00..=0x7F, Some(0xC0..=0xFF))
        };
        first.chain(leads.into_iter().flatten())
    }

    /// How many continuation bytes are to come after `byte`.
    fn pending_after(self, byte: u8) -> u8 {
        match byte {
            0x80..=0xBF => self.pending.saturating_sub(1),
            0xC0..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xFF => 3,
            _ => 0,
        }
    }

    /// A key for the column hashes: the same for the dead state wherever it is reached.
    fn key(self, dfa: &DFA) -> u64 {
        if dfa.is_dead(self.state) {
            return 0;
        }
        1 + (u64::from(self.state.as_u32()) << 2 | u64::from(self.pending))
    }
}

/// The table id of each [`Node`] while a [`Table`] is built: [`NodeIds::UNSEEN`] until the
/// walk reaches the node, then [`DEAD`] until it is numbered.
#[derive(Default)]
struct NodeIds {
    /// aho-corasick's state index (sparse: its ids step by a row's length) → a slot.
    slot_of: Vec<u32>,
    /// Slot → the id of the node at each `pending`.
    ids: Vec<[u16; 4]>,
}

impl NodeIds {
    const UNSEEN: u16 = u16::MAX;

    fn of(&mut self, node: Node) -> &mut u16 {
        let index = node.state.as_usize();
        if index >= self.slot_of.len() {
            self.slot_of.resize(index + 1, u32::MAX);
        }
        if self.slot_of[index] == u32::MAX {
            self.slot_of[index] = self.ids.len() as u32;
            self.ids.push([Self::UNSEEN; 4]);
        }
        &mut self.ids[self.slot_of[index] as usize][usize::from(node.pending)]
    }
}

fn is_continuation_byte(byte: u8) -> bool {
    (0x80..=0xBF).contains(&byte)
}

/// Numbers each byte's class among the bytes `of_kind`: bytes whose columns hash alike share
/// one (checked transition by transition when the columns are filled). Returns the first byte
/// of each class, in class order; `None` past 256 classes.
fn number_classes(
    hashes: &[u64; 256],
    of_kind: impl Fn(u8) -> bool,
    classes: &mut [u8; 256],
) -> Option<Vec<u8>> {
    let mut representatives: Vec<u8> = Vec::new();
    for byte in (0..=255u8).filter(|&b| of_kind(b)) {
        let hash = hashes[usize::from(byte)];
        let class = match representatives
            .iter()
            .position(|&r| hashes[usize::from(r)] == hash)
        {
            Some(class) => class,
            None => {
                representatives.push(byte);
                representatives.len() - 1
            }
        };
        classes[usize::from(byte)] = u8::try_from(class).ok()?;
    }
    Some(representatives)
}

impl Table {
    /// Re-encodes the states of `dfa` that its unanchored start reaches through valid UTF-8;
    /// `None` when there are more than a two-byte id can name, or (never seen) two bytes'
    /// columns share a hash but not their transitions.
    fn new(dfa: &DFA) -> Option<Table> {
        let start = Node {
            state: dfa.start_state(Anchored::No).ok()?,
            pending: 0,
        };
        let mut ids = NodeIds::default();
        // The live nodes in breadth-first order, and a hash of each byte's column of
        // transitions, so that bytes can be grouped into classes without keeping the columns.
        *ids.of(start) = DEAD;
        let mut order = vec![start];
        let mut column_hashes = [0u64; 256];
        let mut at = 0;
        while let Some(&node) = order.get(at) {
            at += 1;
            for byte in node.reads() {
                let to = Node {
                    state: dfa.next_state(Anchored::No, node.state, byte),
                    pending: node.pending_after(byte),
                };
                let hash = &mut column_hashes[usize::from(byte)];
                *hash = hash.wrapping_mul(0x100_0000_01B3) ^ to.key(dfa);
                if !dfa.is_dead(to.state) && std::mem::replace(ids.of(to), DEAD) == NodeIds::UNSEEN
                {
                    order.push(to);
                }
            }
        }
        let mut classes = [0u8; 256];
        let boundary = number_classes(&column_hashes, |b| !is_continuation_byte(b), &mut classes)?;
        let inside = number_classes(&column_hashes, is_continuation_byte, &mut classes)?;

        // New ids: 0 is dead (reached or not), the match states follow, then the other
        // boundary states, then the inside states; each kind in breadth-first order.
        let (within, at_boundary): (Vec<Node>, Vec<Node>) =
            order.iter().partition(|node| node.pending > 0);
        let (matching, plain): (Vec<Node>, Vec<Node>) = at_boundary
            .into_iter()
            .partition(|node| dfa.is_match(node.state));
        // A match ends a pattern, and a pattern ends at a char boundary; an empty pattern
        // (which the lexicon never passes) would match inside a char too, and the table could
        // not tell: aho-corasick's own automaton takes such patterns.
        if within.iter().any(|node| dfa.is_match(node.state)) {
            return None;
        }
        for (new, &node) in (1..).zip(matching.iter().chain(&plain).chain(&within)) {
            *ids.of(node) = u16::try_from(new)
                .ok()
                .filter(|&new| new != NodeIds::UNSEEN)?;
        }
        let mut id_of = |node: Node| {
            if dfa.is_dead(node.state) {
                DEAD
            } else {
                *ids.of(node)
            }
        };

        // The boundary states' columns (dead included), then the inside states'.
        let boundary_states = 1 + matching.len() + plain.len();
        let boundary_cells = boundary.len() * boundary_states;
        let mut column_of = [0u32; 256];
        for (byte, column) in (0..=255u8).zip(&mut column_of) {
            let class = usize::from(classes[usize::from(byte)]);
            let start = if is_continuation_byte(byte) {
                // Less the first inside id, which every inside state's id is at least.
                (boundary_cells + class * within.len()).checked_sub(boundary_states)?
            } else {
                class * boundary_states
            };
            *column = u32::try_from(start).ok()?;
        }
        let mut next = vec![DEAD; boundary_cells + inside.len() * within.len()];
        for &node in &order {
            let id = usize::from(id_of(node));
            let representatives = if node.pending > 0 { &inside } else { &boundary };
            // A class's representative is its first byte, so it is read first: the bytes after
            // it are checked against the transition it wrote.
            for byte in node.reads() {
                let to = id_of(Node {
                    state: dfa.next_state(Anchored::No, node.state, byte),
                    pending: node.pending_after(byte),
                });
                let cell = &mut next[column_of[usize::from(byte)] as usize + id];
                if byte == representatives[usize::from(classes[usize::from(byte)])] {
                    *cell = to;
                } else if to != *cell {
                    return None; // two columns with one hash: never seen, but not ruled out
                }
            }
        }
        let matches = matching
            .iter()
            .map(|node| {
                let pattern = dfa.match_pattern(node.state, 0);
                (pattern, dfa.pattern_len(pattern))
            })
            .collect();
        Some(Table {
            column_of,
            next: next.into_boxed_slice(),
            matches,
            start: id_of(start),
        })
    }

    /// The state after `state` reads `byte`.
    #[inline(always)]
    fn next(&self, state: u16, byte: u8) -> u16 {
        // Two lookups, not one at their sum: the column's address is then ready before the
        // state arrives, which is all the load waits on.
        let column = self.next.get(self.column_of[usize::from(byte)] as usize..);
        column
            .and_then(|column| column.get(usize::from(state)))
            .copied()
            .unwrap_or(DEAD)
    }

    /// Whether `state` is dead or a match state: the only states a walk stops to look at.
    #[inline(always)]
    fn is_special(&self, state: u16) -> bool {
        usize::from(state) <= self.matches.len()
    }

    /// Reads `byte` in `state`, the byte that ends at `end`: the next state, `best` set to
    /// it and `end` when it is a match state; `None` when the walk is dead (no longer match
    /// can start at or before the best one).
    #[inline(always)]
    fn read(
        &self,
        state: u16,
        byte: u8,
        end: usize,
        best: &mut Option<(u16, usize)>,
    ) -> Option<u16> {
        let next = self.next(state, byte);
        if self.is_special(next) {
            if next == DEAD {
                return None;
            }
            *best = Some((next, end));
        }
        Some(next)
    }

    /// The match that ends at `end` on entering match state `state`.
    fn matched(&self, (state, end): (u16, usize)) -> Option<Match> {
        let index = usize::from(state).checked_sub(1)?;
        let &(pattern, len) = self.matches.get(index)?;
        Some(Match::new(pattern, end - len..end))
    }

    /// The leftmost-longest match in `text[span]`: a walk from the start state that keeps the
    /// last match state it entered and ends where no longer match can follow.
    fn find(&self, text: &str, span: Range<usize>) -> Option<Match> {
        let bytes = text.as_bytes().get(span.clone())?;
        let mut state = self.start;
        let mut best = None;
        for (end, &byte) in (span.start + 1..).zip(bytes) {
            match self.read(state, byte, end, &mut best) {
                Some(next) => state = next,
                None => break,
            }
        }
        best.and_then(|best| self.matched(best))
    }

    /// The heap memory the table holds, in bytes.
    #[cfg(test)]
    fn memory_usage(&self) -> usize {
        std::mem::size_of_val(&self.column_of)
            + self.next.len() * std::mem::size_of::<u16>()
            + self.matches.len() * std::mem::size_of::<(PatternID, usize)>()
    }
}

/// One post to scan: its normalised text, which matches to take, and where they go.
pub(crate) trait Job {
    /// The text to scan.
    fn text(&self) -> &str;
    /// Whether the scan takes `m`. A match that starts with an ASCII letter or digit right
    /// after another must be refused (a Latin term matches whole words only): the scan skips
    /// such starts.
    fn accept(&self, m: &Match) -> bool;
    /// Takes `m`.
    fn found(&mut self, m: Match);
}

/// Hands each job the matches in its text that its `accept` takes, leftmost first and longest
/// at each start, without overlaps. A longer match that `accept` refuses does not hide a
/// shorter one at the same start ("good job" is not a whole word in "good jobs", "good" is).
/// Through a [`Table`], the jobs are walked two at a time in lockstep.
pub(crate) fn find_accepted<J: Job>(automaton: &Automaton, jobs: &mut [J]) {
    let table = match automaton {
        Automaton::Table(table) => table,
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
    let walker = Walker { automaton, table };
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
            // No match starting inside a run of ASCII letters and digits is a whole word, and
            // a job refuses those (see [`Job::accept`]): the scan goes on after the run.
            let rest = job.text().get(start..).unwrap_or_default();
            match rest.bytes().take_while(u8::is_ascii_alphanumeric).count() {
                0 => start + rest.chars().next().map_or(1, char::len_utf8),
                run => start + run,
            }
        }
    }
}

/// Where one job's walk through the table stands.
struct Walk {
    /// The next byte to read.
    at: usize,
    state: u16,
    /// The longest match of the search under way: the match state entered, and where.
    best: Option<(u16, usize)>,
}

/// The table, shared by the walks.
struct Walker<'a> {
    automaton: &'a Automaton,
    table: &'a Table,
}

impl Walker<'_> {
    fn walk(&self) -> Walk {
        Walk {
            at: 0,
            state: self.table.start,
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
        walk.at += 1;
        match self.table.read(walk.state, byte, walk.at, &mut walk.best) {
            Some(next) => walk.state = next,
            None => return self.end_search(job, walk),
        }
        true
    }

    /// Ends the search under way with its longest match, if any, and starts the next one where
    /// that match leaves the scan; returns whether there is a next one.
    fn end_search(&self, job: &mut impl Job, walk: &mut Walk) -> bool {
        let Some(longest) = walk.best.take().and_then(|best| self.table.matched(best)) else {
            return false; // no match in the rest of the text
        };
        walk.at = take(self.automaton, job, longest);
        walk.state = self.table.start;
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

    /// The matches taken in each of `texts`, scanned together: no match may end at
    /// `refused_end`, nor start inside a run of ASCII letters (as [`Job::accept`] requires).
    fn scan(automaton: &Automaton, texts: &[&str], refused_end: usize) -> Vec<Vec<Range<usize>>> {
        let mut posts: Vec<_> = texts
            .iter()
            .map(|text| {
                let letter = |at: usize| {
                    text.as_bytes()
                        .get(at)
                        .is_some_and(u8::is_ascii_alphanumeric)
                };
                let inside_word = move |at: usize| at > 0 && letter(at - 1) && letter(at);
                Taking::new(text, move |m: &Match| {
                    m.end() != refused_end && !inside_word(m.start())
                })
            })
            .collect();
        find_accepted(automaton, &mut posts);
        posts.into_iter().map(|p| p.found).collect()
    }

    /// An empty pattern matches inside a char as well as at a boundary, which the table
    /// cannot tell (its match states are boundary states): aho-corasick's automaton takes it.
    #[test]
    fn a_match_inside_a_char_goes_to_aho_corasick() {
        let patterns = [String::new(), "悪い".to_owned()];
        let automaton = Automaton::build(&patterns).unwrap();
        assert!(matches!(automaton, Automaton::Other(_)));
        let words = ["悪い".to_owned()];
        assert!(matches!(
            Automaton::build(&words).unwrap(),
            Automaton::Table(_)
        ));
    }

    proptest::proptest! {
        /// A DFA walked by hand, alone or two posts in lockstep, finds what aho-corasick's
        /// own search finds, refusals and all. Chars of every UTF-8 length, in patterns and
        /// out, and chars that share bytes with a pattern's chars (悪 alone, 😢 beside 😡)
        /// exercise the table's states inside chars.
        #[test]
        fn the_hand_walk_finds_what_the_library_finds(
            first in "(good|great|job|jobs|not|working|work|s| |最悪|最高|です|é|café|😡|😢|悪|い)*",
            second in "(good|great|job|jobs|not|working|work|s| |最悪|最高|です|é|café|😡|😢|悪|い)*",
        ) {
            let patterns: Vec<String> = ["good", "good job", "great", "great job", "job", "not",
                "not working", "work", "最悪", "最高", "最悪です", "café", "😡", "悪い"]
                .map(String::from).to_vec();
            let dfa = Automaton::build(&patterns).unwrap();
            proptest::prop_assert!(matches!(dfa, Automaton::Table(_)));
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

        /// Any patterns of chars of every UTF-8 length (which share lead and continuation
        /// bytes: é and ë, 日 and 旦, 😀 and 😃), over any text of those chars: the table,
        /// whose states read only the bytes UTF-8 allows next, finds what aho-corasick finds.
        #[test]
        fn the_table_finds_what_the_library_finds_for_any_patterns(
            patterns in proptest::collection::vec("[aéë日旦😀😃ー]{1,4}", 1..12),
            text in "[aéë日旦😀😃ー ]{0,40}",
        ) {
            let dfa = Automaton::build(&patterns).unwrap();
            proptest::prop_assert!(matches!(dfa, Automaton::Table(_)));
            let library = Automaton::Other(
                AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&patterns).unwrap(),
            );
            proptest::prop_assert_eq!(scan(&dfa, &[&text], 0), scan(&library, &[&text], 0));
        }
    }
}
