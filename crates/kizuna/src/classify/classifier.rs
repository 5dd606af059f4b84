//! The classifier: one pass of the lexicon over the normalised post, then the rules that turn
//! what matched into a sentiment, intents, urgency, needs-reply and flame risk, each with its
//! evidence in the original text.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::lexicon::{self, Compiled, Entry, Kinds, Signal, Vocabulary};
use super::rules::{ClassifierConfig, CompiledRule, Rule, read_lexicons};
use super::scan::Job;
use super::{Intent, Language, Sentiment, Urgency};
use crate::text::Buffers;
use crate::text::entities::Found;
use crate::text::{EntityKind, Normalized, Normalizer, Span};
use crate::{Error, Result};

/// How far after a Japanese sentiment term (in chars of normalised text) a negator still
/// negates it: 良く + ない, 美味しく + なかった.
const JA_NEGATION_REACH: usize = 4;
/// How many words before an English sentiment term a negator still negates it.
const EN_NEGATION_WORDS: usize = 3;
/// What a negated term's score is multiplied by (a negated "good" is less bad than "bad").
const NEGATION: f64 = -0.74;
/// The normalisation constant of the score (VADER's α): score = s ÷ √(s² + α).
const ALPHA: f64 = 15.0;
/// Scores at or beyond this are positive or negative: VADER's documented cut, and the best of
/// 0.05–0.25 on the development part (English macro-F1 0.897 at 0.05, 0.879 at 0.2).
const POLARITY: f64 = 0.05;

/// A mention classifier, built once and shared: immutable, `Send + Sync`, cheap to clone.
///
/// ```
/// use kizuna::classify::{Classifier, Intent, Sentiment, Urgency};
///
/// let classifier = Classifier::builder().brand("ソラ航空").brand("@sora_air").build()?;
/// let c = classifier.classify("@sora_air 羽田の搭乗口に誰もいない…欠航って本当？最悪");
/// assert_eq!(c.sentiment, Sentiment::Negative);
/// assert!(c.intents.contains(&Intent::Outage) && c.intents.contains(&Intent::Question));
/// assert_eq!(c.urgency, Urgency::High);
/// assert!(c.needs_reply);
/// // Evidence points into the original post.
/// let worst = c.evidence.iter().find(|e| e.term == "最悪").unwrap();
/// assert_eq!(&"@sora_air 羽田の搭乗口に誰もいない…欠航って本当？最悪"[worst.span.bytes.clone()], "最悪");
/// # Ok::<(), kizuna::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Classifier {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    normalizer: Normalizer,
    lexicon: Compiled,
    rules: Vec<CompiledRule>,
    /// Brand names and handles, normalised: never sentiment.
    brands: Vec<String>,
}

/// Builds a [`Classifier`]: the built-in lexicons, the brand's names and handles, and any
/// entries the user brings.
///
/// ```
/// use kizuna::classify::{Classifier, Sentiment};
///
/// let classifier = Classifier::builder()
///     .lexicon("sentiment\tぴえん\t-1.5\n", "my.tsv")?
///     .build()?;
/// assert_eq!(classifier.classify("ぴえん").sentiment, Sentiment::Negative);
/// # Ok::<(), kizuna::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ClassifierBuilder {
    brands: Vec<String>,
    extra: Vec<Entry>,
    rules: Vec<CompiledRule>,
}

impl ClassifierBuilder {
    /// Adds a brand name or handle: it is never read as a sentiment word ("United" is not
    /// praise), and a post naming it addresses the brand.
    ///
    /// ```
    /// use kizuna::classify::{Classifier, Sentiment};
    ///
    /// let plain = Classifier::builder().build()?;
    /// let branded = Classifier::builder().brand("Best Buy").build()?;
    /// assert_eq!(plain.classify("Best Buy").sentiment, Sentiment::Positive);
    /// assert_eq!(branded.classify("Best Buy").sentiment, Sentiment::Neutral);
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn brand(mut self, name: &str) -> Self {
        self.brands.push(name.to_owned());
        self
    }

    /// Adds lexicon entries in the format of [`lexicon`](super::lexicon) (`source` names the
    /// text in errors).
    ///
    /// # Errors
    ///
    /// [`Error::Parse`](crate::Error::Parse) naming the source and line of a bad entry.
    pub fn lexicon(mut self, text: &str, source: &str) -> Result<Self> {
        self.extra.extend(lexicon::parse(text, source)?);
        Ok(self)
    }

    /// Adds a vocabulary the project ships but does not build in; see [`Vocabulary`].
    ///
    /// # Errors
    ///
    /// None with the vocabularies as shipped (each is parsed here, so a broken one would
    /// give [`Error::Parse`](crate::Error::Parse)).
    ///
    /// ```
    /// use kizuna::classify::{Classifier, Sentiment, lexicon::Vocabulary};
    ///
    /// let plain = Classifier::builder().build()?;
    /// let wider = Classifier::builder().vocabulary(Vocabulary::JapaneseGeneral)?.build()?;
    /// assert_eq!(plain.classify("対応に呆れた").sentiment, Sentiment::Neutral);
    /// assert_eq!(wider.classify("対応に呆れた").sentiment, Sentiment::Negative);
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn vocabulary(mut self, vocabulary: Vocabulary) -> Result<Self> {
        self.extra.extend(vocabulary.entries()?);
        Ok(self)
    }

    /// Adds a rule (a regular expression with a signal); see [`Rule`].
    ///
    /// # Errors
    ///
    /// [`Error::Config`](crate::Error::Config) naming the rule: a bad pattern, a pattern that
    /// matches empty text, or a bad kind or value.
    ///
    /// ```
    /// use kizuna::classify::{Classifier, Rule, Sentiment};
    ///
    /// let classifier = Classifier::builder()
    ///     .rule(Rule::new("still waiting", "(\\d+|何)(日|週間)も待", "sentiment", "-2"))?
    ///     .build()?;
    /// assert_eq!(classifier.classify("もう３週間も待ってる").sentiment, Sentiment::Negative);
    /// assert!(Classifier::builder().rule(Rule::new("bad", "(", "sentiment", "-2")).is_err());
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn rule(mut self, rule: Rule) -> Result<Self> {
        self.rules.push(CompiledRule::new(&rule)?);
        Ok(self)
    }

    /// Builds the classifier.
    ///
    /// # Errors
    ///
    /// [`Error::Config`](crate::Error::Config) if the lexicon cannot be compiled.
    pub fn build(self) -> Result<Classifier> {
        let normalizer = lexicon::matching_normalizer();
        let mut entries = lexicon::builtin()?;
        entries.extend(self.extra);
        let lexicon = Compiled::new(entries, &normalizer)?;
        let brands = brand_keys(&normalizer, &self.brands);
        Ok(Classifier {
            inner: Arc::new(Inner {
                normalizer,
                lexicon,
                rules: self.rules,
                brands,
            }),
        })
    }
}

fn brand_keys(normalizer: &Normalizer, brands: &[String]) -> Vec<String> {
    brands
        .iter()
        .map(|b| {
            normalizer
                .normalize(b.trim_start_matches(['@', '＠']))
                .into_text()
        })
        .filter(|b| !b.is_empty())
        .collect()
}

/// What a post carries besides its text, all optional.
///
/// ```
/// use kizuna::classify::Context;
///
/// let context = Context { brands: vec!["Sora Air".into()], shares: Some(250.0), ..Context::default() };
/// assert_eq!(context.followers, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Context {
    /// Brand names and handles for this post, besides the classifier's own.
    #[serde(default)]
    pub brands: Vec<String>,
    /// The author's followers.
    #[serde(default)]
    pub followers: Option<f64>,
    /// How many times the post was shared.
    #[serde(default)]
    pub shares: Option<f64>,
    /// Whether the post replies to the brand.
    #[serde(default)]
    pub replies_to_brand: bool,
}

impl Context {
    /// Checks the counts: followers and shares, where given, are finite and not negative.
    /// Bindings call it at their boundary; [`Classifier::classify_with`] trusts its caller.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] naming the count.
    ///
    /// ```
    /// use kizuna::classify::Context;
    ///
    /// assert!(Context { followers: Some(120.0), ..Context::default() }.check().is_ok());
    /// let err = Context { shares: Some(-1.0), ..Context::default() }.check().unwrap_err();
    /// assert!(err.to_string().contains("shares"));
    /// ```
    pub fn check(&self) -> Result<()> {
        for (what, count) in [("followers", self.followers), ("shares", self.shares)] {
            match count {
                Some(value) if !(value.is_finite() && value >= 0.0) => {
                    return Err(Error::OutOfRange {
                        what: format!("context {what}"),
                        value: value.to_string(),
                        range: "a finite count, 0 or more".into(),
                    });
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Everything the classifier decided about a post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// The post's language, from its scripts.
    pub language: Language,
    /// Its sentiment.
    pub sentiment: Sentiment,
    /// Its sentiment score, −1 to 1.
    pub score: f64,
    /// What the post does (`other` alone when nothing else).
    pub intents: Vec<Intent>,
    /// How soon a care team should act.
    pub urgency: Urgency,
    /// Whether an active-support team should reply.
    pub needs_reply: bool,
    /// How likely the post is to spread, 0 to 1.
    pub flame_risk: f64,
    /// Why the flame risk is what it is.
    pub flame_reasons: Vec<String>,
    /// Every signal that fired.
    pub evidence: Vec<Evidence>,
}

/// One signal that fired, where, and what it added.
///
/// ```
/// use kizuna::classify::Classifier;
///
/// let c = Classifier::builder().build()?.classify("not good");
/// let good = c.evidence.iter().find(|e| e.term == "good").unwrap();
/// assert!(good.contribution < 0.0); // negated
/// assert_eq!(good.span.chars, 4..8);
/// # Ok::<(), kizuna::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// `sentiment`, `negator`, `intensifier`, `contrast`, `intent:<name>`, `urgent:<reason>`,
    /// `flame`, `emoji`, `kaomoji`, `punctuation`, `churn` or `failure` (a failure or harm
    /// told as a fact). Borrowed for the built-in signals, so classifying copies no name.
    pub signal: Cow<'static, str>,
    /// The lexicon term (or entity) that fired, as written there; a built-in term borrows
    /// the embedded lexicon.
    pub term: Cow<'static, str>,
    /// What it added to the sentiment before normalisation (0 for other signals).
    pub contribution: f64,
    /// Where it stands in the original post.
    pub span: Span,
}

/// Byte ranges merged into sorted, disjoint ones, so that asking whether a range overlaps
/// any of them costs O(log n): a long post with thousands of links stays linear.
struct RangeSet(Vec<Range<usize>>);

impl RangeSet {
    fn new(mut ranges: Vec<Range<usize>>) -> RangeSet {
        ranges.sort_unstable_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                // Only ranges that share an inner point merge, so overlap stays exact.
                Some(last) if range.start < last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        RangeSet(merged)
    }

    /// Whether `range` overlaps one of the ranges (`a.start < b.end && b.start < a.end`).
    fn overlaps(&self, range: &Range<usize>) -> bool {
        let i = self.0.partition_point(|r| r.end <= range.start);
        self.0.get(i).is_some_and(|r| r.start < range.end)
    }
}

/// One lexicon match in the normalised text.
struct Hit<'a> {
    range: Range<usize>,
    entries: &'a [Entry],
    kinds: Kinds,
}

/// A post read for classification (see `Classifier::read`).
struct Read<'t> {
    text: &'t str,
    out: Normalized,
    found: Vec<Found>,
    brand_ranges: Vec<Range<usize>>,
    /// Where no lexicon term may match: links, handles, the brand's names.
    quiet: RangeSet,
    /// An empty vector for the post's hits, left by an earlier post.
    spare_hits: Vec<Hit<'static>>,
}

/// What a post leaves for the next post on its thread to write over.
#[derive(Default)]
struct Leftovers {
    normalizer: Buffers,
    /// Emptied: while kept, the vector holds no hit, so it borrows no lexicon.
    hits: Vec<Hit<'static>>,
}

impl Leftovers {
    /// The most hits whose room is kept for the next post (40 KB): past it a long post's
    /// memory would stay held for short ones.
    const KEEP_HITS: usize = 1 << 10;
}

thread_local! {
    /// What this thread's last posts (one, or two for a pair) left: classifying a post then
    /// allocates for its results only.
    static LEFTOVERS: RefCell<Vec<Leftovers>> = const { RefCell::new(Vec::new()) };
}

/// `hits` emptied, as a vector for hits that borrow another lexicon, or the same one for
/// longer: collecting in place keeps the allocation, the two element types differing in
/// their lifetime only.
fn emptied<'b>(mut hits: Vec<Hit<'_>>) -> Vec<Hit<'b>> {
    hits.clear();
    // Never called, the vector being empty: it only names the new element type.
    let unborrowed = |hit: Hit<'_>| Hit {
        range: hit.range,
        entries: &[],
        kinds: hit.kinds,
    };
    hits.into_iter().map(unborrowed).collect()
}

impl Read<'_> {
    /// Hands the post's buffers and its hits' vector back for the next post on this thread.
    fn done(self, hits: Vec<Hit<'_>>) {
        let leftovers = Leftovers {
            normalizer: Buffers::of(self.out, self.found),
            hits: if hits.capacity() <= Leftovers::KEEP_HITS {
                emptied(hits)
            } else {
                Vec::new()
            },
        };
        LEFTOVERS.with_borrow_mut(|kept| {
            if kept.len() < 2 {
                kept.push(leftovers);
            }
        });
    }

    /// The lexicon scan of this post, which collects its hits into the spare vector (a
    /// vector for `'static` hits serves for hits of any shorter lifetime as it is).
    fn scan<'a, 'l>(&'a mut self, lexicon: &'l Compiled) -> ScanJob<'a, 'l> {
        let hits = std::mem::take(&mut self.spare_hits);
        ScanJob {
            norm: self.out.text(),
            quiet: &self.quiet,
            lexicon,
            hits,
        }
    }
}

/// One post's lexicon scan: a term must not touch a quiet range, and a Latin term must be a
/// whole word.
struct ScanJob<'a, 'l> {
    norm: &'a str,
    quiet: &'a RangeSet,
    lexicon: &'l Compiled,
    hits: Vec<Hit<'l>>,
}

impl Job for ScanJob<'_, '_> {
    fn text(&self) -> &str {
        self.norm
    }

    fn accept(&self, m: &aho_corasick::Match) -> bool {
        let latin = self.lexicon.latin.get(m.pattern().as_usize()) == Some(&true);
        !self.quiet.overlaps(&m.range()) && (!latin || whole_word(self.norm, m.range()))
    }

    fn found(&mut self, m: aho_corasick::Match) {
        let pattern = m.pattern().as_usize();
        let lexicon = self.lexicon;
        if let (Some(entries), Some(&kinds)) =
            (lexicon.entries.get(pattern), lexicon.kinds.get(pattern))
        {
            self.hits.push(Hit {
                range: m.range(),
                entries,
                kinds,
            });
        }
    }
}

impl Classifier {
    /// A builder with the built-in lexicons.
    ///
    /// ```
    /// let classifier = kizuna::classify::Classifier::builder().build()?;
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn builder() -> ClassifierBuilder {
        ClassifierBuilder::default()
    }

    /// The classifier a config document describes; see [`ClassifierConfig`].
    ///
    /// # Errors
    ///
    /// [`Error::Config`](crate::Error::Config) for an unreadable lexicon file or a bad rule,
    /// [`Error::Parse`](crate::Error::Parse) naming the file and line of a bad lexicon entry.
    pub fn from_config(config: &ClassifierConfig) -> Result<Classifier> {
        let mut builder = ClassifierBuilder {
            brands: config.brands.clone(),
            extra: read_lexicons(&config.lexicons)?,
            rules: Vec::new(),
        };
        for &vocabulary in &config.vocabularies {
            builder = builder.vocabulary(vocabulary)?;
        }
        for rule in &config.rules {
            builder = builder.rule(rule.clone())?;
        }
        builder.build()
    }

    /// Classifies a post with no context.
    ///
    /// ```
    /// use kizuna::classify::{Classifier, Intent, Sentiment};
    ///
    /// let c = Classifier::builder().build()?.classify("thanks for sorting out my refund so quickly!");
    /// assert_eq!(c.sentiment, Sentiment::Positive);
    /// assert!(c.intents.contains(&Intent::Praise));
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn classify(&self, text: &str) -> Classification {
        self.classify_with(text, &Context::default())
    }

    /// Classifies many posts; with the `parallel` feature, on all cores.
    ///
    /// ```
    /// use kizuna::classify::{Classifier, Sentiment};
    ///
    /// let out = Classifier::builder().build()?.classify_batch(&["最高！", "最悪"]);
    /// assert_eq!((out[0].sentiment, out[1].sentiment), (Sentiment::Positive, Sentiment::Negative));
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn classify_batch(&self, texts: &[&str]) -> Vec<Classification> {
        let context = Context::default();
        // Two posts at a time: their lexicon scans share the wait for memory.
        let pair = |chunk: &[&str]| self.classify_chunk(chunk, &context).into_iter().flatten();
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            texts.par_chunks(2).flat_map_iter(pair).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            // Sized up front: growing would copy the results and ask the allocator for ever
            // larger blocks while every result so far is held.
            let mut out = Vec::with_capacity(texts.len());
            out.extend(texts.chunks(2).flat_map(pair));
            out
        }
    }

    /// Classifies a chunk of one or two posts (of `classify_batch`).
    fn classify_chunk(&self, chunk: &[&str], context: &Context) -> [Option<Classification>; 2] {
        match *chunk {
            [one, two] => self.classify_together([one, two], context).map(Some),
            [one] => [Some(self.classify_with(one, context)), None],
            _ => [None, None],
        }
    }

    /// Classifies a post with its context.
    ///
    /// ```
    /// use kizuna::classify::{Classifier, Context, Sentiment};
    ///
    /// let classifier = Classifier::builder().build()?;
    /// let context = Context { brands: vec!["Great Wall Tea".into()], ..Context::default() };
    /// assert_eq!(classifier.classify_with("Great Wall Tea opened today", &context).sentiment, Sentiment::Neutral);
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn classify_with(&self, text: &str, context: &Context) -> Classification {
        let [classification] = self.classify_together([text], context);
        classification
    }

    /// Classifies `N` posts (one, or two of a batch), scanning them for lexicon terms
    /// together: walking the automaton waits on memory, and two walks in lockstep share the
    /// wait.
    fn classify_together<const N: usize>(
        &self,
        texts: [&str; N],
        context: &Context,
    ) -> [Classification; N] {
        let lexicon = &self.inner.lexicon;
        let mut reads = texts.map(|text| self.read(text, context));
        let mut scans = reads.each_mut().map(|read| read.scan(lexicon));
        lexicon.find_accepted(&mut scans);
        let mut hits = scans.map(|scan| scan.hits);
        let scored = std::array::from_fn(|i| self.score(&reads[i], &mut hits[i], context));
        for (read, hits) in reads.into_iter().zip(hits) {
            read.done(hits);
        }
        scored
    }

    /// Reads a post for classification: normalised, with its entities, and the ranges where
    /// no lexicon term may match.
    fn read<'t>(&self, text: &'t str, context: &Context) -> Read<'t> {
        let inner = &*self.inner;
        let leftovers = LEFTOVERS.with_borrow_mut(Vec::pop).unwrap_or_default();
        let (out, found) = inner
            .normalizer
            .normalize_found(text, true, leftovers.normalizer);
        let norm = out.text();
        let mut brand_ranges = ranges_of(norm, &inner.brands);
        brand_ranges.extend(ranges_of(
            norm,
            &brand_keys(&inner.normalizer, &context.brands),
        ));
        // Links and handles say nothing about how the author feels.
        let quiet = RangeSet::new(
            found
                .iter()
                .filter(|e| matches!(e.kind, EntityKind::Url | EntityKind::Mention))
                .filter_map(|e| e.normalized.clone())
                .chain(brand_ranges.iter().cloned())
                .collect(),
        );
        Read {
            text,
            out,
            found,
            brand_ranges,
            quiet,
            spare_hits: leftovers.hits,
        }
    }

    /// Classifies a post read and scanned for lexicon terms (`hits`, in order).
    fn score<'l>(
        &'l self,
        read: &Read<'_>,
        hits: &mut Vec<Hit<'l>>,
        context: &Context,
    ) -> Classification {
        let inner = &*self.inner;
        let Read {
            text,
            ref out,
            ref found,
            ref brand_ranges,
            ref quiet,
            ..
        } = *read;
        let norm = out.text();
        let ruled: Vec<Hit<'_>> = inner
            .rules
            .iter()
            .flat_map(|rule| rule.regex.find_iter(norm).map(move |m| (rule, m.range())))
            .filter(|(_, range)| !quiet.overlaps(range))
            .map(|(rule, range)| Hit {
                range,
                entries: &rule.entry,
                kinds: rule.kinds,
            })
            .collect();
        if !ruled.is_empty() {
            // A rule says more than the words it spans.
            let ruled_ranges = RangeSet::new(ruled.iter().map(|r| r.range.clone()).collect());
            hits.retain(|h| !ruled_ranges.overlaps(&h.range));
            hits.extend(ruled);
            hits.sort_by_key(|h| (h.range.start, h.range.end));
        }
        let mut scorer = Scorer {
            out,
            original: text,
            found,
            norm,
            hits,
            evidence: Vec::with_capacity(hits.len() + found.len()),
            marks: Marks::of(norm, text),
        };
        let raw = scorer.sentiment();
        let score = raw / (raw * raw + ALPHA).sqrt();
        let mut sentiment = if score >= POLARITY {
            Sentiment::Positive
        } else if score <= -POLARITY {
            Sentiment::Negative
        } else {
            Sentiment::Neutral
        };
        let mut intents = scorer.intents(sentiment);
        let urgent = scorer.urgent_reasons();
        let (flame_risk, flame_reasons) = scorer.flame(context);
        let spam = intents.contains(&Intent::Spam);
        if spam {
            intents = vec![Intent::Spam];
            sentiment = Sentiment::Neutral;
        }
        let acts = [
            Intent::Complaint,
            Intent::Question,
            Intent::Outage,
            Intent::Request,
            Intent::Churn,
        ];
        let acting = intents.iter().any(|i| acts.contains(i));
        let many = urgent.contains(&"many");
        let urgency = if spam {
            Urgency::Low
        } else if flame_risk >= 0.5
            || urgent.iter().any(|&r| r != "many")
            // An outage of the kind that hits many at once (down, 障害, 遅延, 圏外).
            || (many && intents.contains(&Intent::Outage))
        {
            Urgency::High
        } else if acting {
            Urgency::Normal
        } else {
            Urgency::Low
        };
        let addressed = context.replies_to_brand
            || found.iter().any(|e| e.kind == EntityKind::Mention)
            || !brand_ranges.is_empty();
        let thanked = intents
            .iter()
            .any(|i| matches!(i, Intent::Praise | Intent::Purchase));
        let needs_reply = !spam && (acting || (thanked && addressed));
        let language = language(text, found);
        Classification {
            language,
            sentiment,
            score,
            intents,
            urgency,
            needs_reply,
            flame_risk,
            flame_reasons,
            evidence: scorer.evidence,
        }
    }
}

/// Whether `range` of `text` is a whole word: no ASCII letter or digit right outside it.
fn whole_word(text: &str, range: Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(|c| c.is_ascii_alphanumeric())
        && !after.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// The question and exclamation marks of a post, found in one pass (memchr's vector search
/// jumps from mark to mark).
#[derive(Debug, Default, PartialEq, Eq)]
struct Marks {
    /// The normalised text asks something: it holds a `?`.
    question: bool,
    /// Where `??` first stands in the normalised text.
    doubled_question: Option<usize>,
    /// The normalised text holds `!!`.
    doubled_exclamation: bool,
    /// The post as written holds `?` or `？`.
    question_written: bool,
}

impl Marks {
    /// The marks of the normalised text `norm` and of the post as written, `original`.
    fn of(norm: &str, original: &str) -> Marks {
        let mut marks = Marks::default();
        let norm = norm.as_bytes();
        for at in memchr::memchr2_iter(b'?', b'!', norm) {
            let mark = norm[at];
            let twice = norm.get(at + 1) == Some(&mark);
            if mark == b'?' {
                marks.question = true;
                if twice && marks.doubled_question.is_none() {
                    marks.doubled_question = Some(at);
                }
            } else {
                marks.doubled_exclamation |= twice;
            }
        }
        // `？` is EF BC 9F.
        let original = original.as_bytes();
        marks.question_written = memchr::memchr2_iter(b'?', 0xEF, original)
            .any(|at| original[at] == b'?' || original.get(at + 1..at + 3) == Some(&[0xBC, 0x9F]));
        marks
    }
}

/// Every occurrence of any of `needles` in `text`.
fn ranges_of(text: &str, needles: &[String]) -> Vec<Range<usize>> {
    needles
        .iter()
        .flat_map(|n| {
            text.match_indices(n.as_str())
                .map(move |(at, _)| at..at + n.len())
        })
        .collect()
}

/// The language by script: the share of kana and kanji among the letters outside entities.
fn language(text: &str, found: &[Found]) -> Language {
    // Entities come in order and never overlap: count the text between them.
    let (mut japanese, mut latin, mut at) = (0usize, 0usize, 0usize);
    for entity in found {
        let (j, l) = script_letters(text.as_bytes().get(at..entity.start));
        (japanese, latin, at) = (japanese + j, latin + l, entity.end);
    }
    let (j, l) = script_letters(text.as_bytes().get(at..));
    (japanese, latin) = (japanese + j, latin + l);
    let total = japanese + latin;
    if total == 0 {
        return Language::Unknown;
    }
    match japanese as f64 / total as f64 {
        share if share >= 0.3 => Language::Ja,
        share if share <= 0.05 => Language::En,
        _ => Language::Mixed,
    }
}

/// How many Japanese letters (kana U+3040–U+30FF, kanji U+4E00–U+9FFF, half-width katakana
/// U+FF66–U+FF9F) and Latin letters (ASCII and full-width) the UTF-8 `bytes` hold, told from
/// the bytes without decoding a char: every position is asked the same questions, without a
/// branch, so that the compiler can ask them of many bytes at once.
fn script_letters(bytes: Option<&[u8]>) -> (usize, usize) {
    let bytes = bytes.unwrap_or_default();
    let (mut japanese, mut latin) = (0, 0);
    // Blocks of 32 positions (each reads the two bytes after it too); at the end, the rest
    // copied into a zeroed block: zero bytes are no letter, and every position goes through
    // the same vector code instead of a byte-by-byte tail.
    let mut at = 0;
    while let Some(rest) = bytes.get(at..).filter(|rest| !rest.is_empty()) {
        let (j, l) = match rest.get(..LETTER_BLOCK + 2) {
            Some(window) => block_letters(window),
            None => {
                let mut padded = [0u8; LETTER_BLOCK + 2];
                padded[..rest.len()].copy_from_slice(rest);
                block_letters(&padded)
            }
        };
        (japanese, latin) = (japanese + j, latin + l);
        at += LETTER_BLOCK;
    }
    (japanese, latin)
}

/// How many positions [`block_letters`] asks at once.
const LETTER_BLOCK: usize = 32;

/// The Japanese and Latin letters that start at the first [`LETTER_BLOCK`] positions of
/// `window` ([`LETTER_BLOCK`] + 2 bytes: a three-byte char is told by its first two or three
/// bytes, and a continuation byte never matches a first byte nor an ASCII letter).
#[inline(always)]
fn block_letters(window: &[u8]) -> (usize, usize) {
    let (first, second, third) = (&window[..LETTER_BLOCK], &window[1..], &window[2..]);
    let (mut japanese, mut latin) = (0u8, 0u8);
    for ((&a, &b), &c) in first.iter().zip(second).zip(third) {
        let (j, w) = three_byte_letter(a, b, c);
        let ascii = u8::from((a | 0x20).wrapping_sub(b'a') < 26);
        (japanese, latin) = (japanese + j, latin + w + ascii);
    }
    (usize::from(japanese), usize::from(latin))
}

/// Whether the bytes `a b c` start a Japanese letter, and whether a full-width Latin one, as
/// `0` or `1` each.
#[inline(always)]
fn three_byte_letter(a: u8, b: u8, c: u8) -> (u8, u8) {
    let kanji = (a.wrapping_sub(0xE5) < 5) | ((a == 0xE4) & (b >= 0xB8));
    let kana = (a == 0xE3) & (b.wrapping_sub(0x81) < 3);
    let forms = a == 0xEF;
    let half_kana = forms & (((b == 0xBD) & (c >= 0xA6)) | ((b == 0xBE) & (c <= 0x9F)));
    let wide = forms
        & (((b == 0xBC) & (c.wrapping_sub(0xA1) < 26))
            | ((b == 0xBD) & (c.wrapping_sub(0x81) < 26)));
    (u8::from(kanji | kana | half_kana), u8::from(wide))
}

/// Scoring state for one post.
struct Scorer<'a> {
    out: &'a Normalized,
    /// The post as written, and the entities found in it.
    original: &'a str,
    found: &'a [Found],
    norm: &'a str,
    hits: &'a [Hit<'a>],
    evidence: Vec<Evidence>,
    marks: Marks,
}

impl<'a> Scorer<'a> {
    fn note(
        &mut self,
        signal: impl Into<Cow<'static, str>>,
        term: Cow<'static, str>,
        contribution: f64,
        range: Range<usize>,
    ) {
        if let Ok(span) = self.out.original_span(range) {
            self.evidence.push(Evidence {
                signal: signal.into(),
                term,
                contribution,
                span,
            });
        }
    }

    /// Whether a clause boundary lies in `range` of the normalised text.
    fn boundary_in(&self, range: Range<usize>) -> bool {
        self.norm
            .get(range)
            .is_some_and(|s| s.contains(['。', '、', '!', '?', '.', ',', '\n', '…', '！', '？']))
    }

    /// The raw sentiment: each term with its intensifiers, negation and place around a
    /// contrast, plus emoji, kaomoji and exclamation marks.
    fn sentiment(&mut self) -> f64 {
        let contrast_at = self
            .hits
            .iter()
            .filter(|h| h.kinds.any(Kinds::CONTRAST))
            .map(|h| h.range.start)
            .next_back();
        let failure = self
            .hits
            .iter()
            .any(|h| h.kinds.any(Kinds::FAILING | Kinds::NEGATIVE));
        let cue = self.hits.iter().any(|h| h.kinds.any(Kinds::SARCASM));
        let sarcastic = failure && (cue || self.norm.contains('👏'));
        let mut total = 0.0;
        let valued = self.hits.iter().enumerate();
        for (i, hit) in valued.filter(|(_, h)| h.kinds.any(Kinds::SENTIMENT | Kinds::EXCESS)) {
            for entry in hit.entries {
                let base = match entry.signal {
                    Signal::Sentiment(base) => base,
                    // 〜すぎ: "too" with a sentiment word right before, else a complaint.
                    Signal::Excess(_) if self.after_sentiment(i) => continue,
                    Signal::Excess(base) => base,
                    _ => continue,
                };
                let mut value = base * self.intensity(i) * self.excess_after(i);
                if self.negated(i) {
                    value *= NEGATION;
                }
                if sarcastic && value > 0.0 {
                    value = -value; // さすが, 期待を裏切らない遅延: praise that means the opposite
                }
                match contrast_at {
                    Some(at) if hit.range.start < at => value *= 0.5,
                    Some(_) => value *= 1.5,
                    None => {}
                }
                total += value;
                self.note("sentiment", entry.term.clone(), value, hit.range.clone());
            }
        }
        for entity in self.found {
            let written = &self.original[entity.start..entity.end];
            let mut polarity = match entity.kind {
                EntityKind::Emoji => emoji_polarity(written),
                EntityKind::Kaomoji => kaomoji_polarity(written),
                _ => 0.0,
            };
            if sarcastic && polarity > 0.0 {
                polarity = -polarity; // 👏 after a delay is not applause
            }
            if polarity != 0.0 {
                total += polarity;
                if let Some(range) = entity.normalized.clone() {
                    self.note(
                        entity.kind.name(),
                        written.to_owned().into(),
                        polarity,
                        range,
                    );
                }
            }
        }
        // Churn is said in anger or disappointment, whatever the words.
        let churn = self.hits.iter().find(|h| h.kinds.any(Kinds::CHURN));
        if let Some(hit) = churn {
            let (norm, range) = (self.norm, hit.range.clone());
            total -= 1.5;
            self.note("churn", norm[range.clone()].to_owned().into(), -1.5, range);
        }
        // So is a failure or a harm told as a fact; asked about ("is it down?") it is neutral.
        let reported = self.hits.iter().find(|h| h.kinds.any(Kinds::HARM));
        if let Some(hit) = reported.filter(|_| churn.is_none() && !self.marks.question) {
            let (norm, range) = (self.norm, hit.range.clone());
            total -= 1.5;
            self.note(
                "failure",
                norm[range.clone()].to_owned().into(),
                -1.5,
                range,
            );
        }
        // Doubled question marks ask in frustration: 届いてないんだけど？？, "where is it??".
        if let Some(at) = self.marks.doubled_question {
            total -= 1.2;
            self.note("punctuation", Cow::Borrowed("??"), -1.2, at..at + 2);
        }
        if total != 0.0 && self.marks.doubled_exclamation {
            total *= 1.15;
        }
        total
    }

    /// Whether hit `i` follows a sentiment term directly (`美味しすぎ`, `遅すぎ`).
    fn after_sentiment(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1).map(|p| &self.hits[p]) else {
            return false;
        };
        let gap = prev.range.end.min(self.hits[i].range.start)..self.hits[i].range.start;
        prev.kinds.any(Kinds::SENTIMENT) && self.norm[gap].chars().count() <= 1
    }

    /// The multiplier of an excess marker (〜すぎ) right after hit `i`.
    fn excess_after(&self, i: usize) -> f64 {
        match self.hits.get(i + 1) {
            Some(next) if next.kinds.any(Kinds::EXCESS) && self.after_sentiment(i + 1) => 1.5,
            _ => 1.0,
        }
    }

    /// The multiplier of the intensifiers right before hit `i`.
    fn intensity(&self, i: usize) -> f64 {
        let start = self.hits[i].range.start;
        let Some(prev) = i.checked_sub(1).map(|p| &self.hits[p]) else {
            return 1.0;
        };
        if !prev.kinds.any(Kinds::INTENSIFIER) {
            return 1.0;
        }
        let gap = &self.norm[prev.range.end.min(start)..start];
        // More than two chars apart (counted no further than needed: a gap can be long).
        if gap.chars().nth(2).is_some() || self.boundary_in(prev.range.end.min(start)..start) {
            return 1.0;
        }
        prev.entries
            .iter()
            .find_map(|e| match e.signal {
                Signal::Intensifier(m) => Some(m),
                _ => None,
            })
            .unwrap_or(1.0)
    }

    /// Whether a negator governs hit `i`: in Japanese right after it, in English a few words
    /// before, with no clause boundary between.
    fn negated(&self, i: usize) -> bool {
        let hit = &self.hits[i];
        let is_negator = |h: &Hit<'_>| h.kinds.any(Kinds::NEGATOR);
        let latin = self.norm[hit.range.clone()]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        if latin {
            self.hits[..i]
                .iter()
                .rev()
                .take(EN_NEGATION_WORDS)
                .any(|h| {
                    is_negator(h)
                        && !self.boundary_in(h.range.end..hit.range.start)
                        && self.norm[h.range.end..hit.range.start]
                            .split_whitespace()
                            .nth(EN_NEGATION_WORDS - 1)
                            .is_none()
                })
                || self.norm[..hit.range.start].trim_end().ends_with("n't")
        } else {
            self.hits.get(i + 1).is_some_and(|next| {
                is_negator(next)
                    && self.norm[hit.range.end..next.range.start]
                        .chars()
                        .nth(JA_NEGATION_REACH)
                        .is_none()
                    && !self.boundary_in(hit.range.end..next.range.start)
            })
        }
    }

    fn intents(&mut self, sentiment: Sentiment) -> Vec<Intent> {
        let mut intents = Vec::new();
        let add = |intent: Intent, intents: &mut Vec<Intent>| {
            if !intents.contains(&intent) {
                intents.push(intent);
            }
        };
        let hits = self.hits.iter().enumerate();
        for (i, hit) in hits.filter(|(_, h)| h.kinds.any(Kinds::INTENT)) {
            for entry in hit.entries {
                if let Signal::Intent(intent) = entry.signal {
                    // Praise that is negated ("not great") is no praise.
                    if intent == Intent::Praise
                        && (self.negated(i) || sentiment == Sentiment::Negative)
                    {
                        continue;
                    }
                    add(intent, &mut intents);
                    self.note(
                        intent_signal(intent),
                        entry.term.clone(),
                        0.0,
                        hit.range.clone(),
                    );
                }
            }
        }
        if self.marks.question_written {
            add(Intent::Question, &mut intents);
        }
        if sentiment == Sentiment::Negative {
            add(Intent::Complaint, &mut intents);
        }
        // An order that went wrong is told as a complaint, not as a purchase.
        if intents.contains(&Intent::Complaint) || intents.contains(&Intent::Outage) {
            intents.retain(|i| *i != Intent::Purchase);
        }
        if sentiment != Sentiment::Positive {
            intents.retain(|i| *i != Intent::Praise);
        } else if !intents
            .iter()
            .any(|i| matches!(i, Intent::Request | Intent::Question | Intent::Spam))
        {
            // Warmth that asks nothing is thanks or a compliment, a happy purchase included.
            add(Intent::Praise, &mut intents);
        }
        // Thanks for a fix tells of a failure that is over, not one happening now.
        if sentiment == Sentiment::Positive && intents.contains(&Intent::Praise) {
            intents.retain(|i| *i != Intent::Outage);
        }
        if intents.is_empty() {
            intents.push(Intent::Other);
        }
        intents.sort();
        intents
    }

    fn urgent_reasons(&mut self) -> Vec<&'a str> {
        let mut reasons: Vec<&str> = Vec::new();
        let hits = self.hits;
        for hit in hits.iter().filter(|h| h.kinds.any(Kinds::URGENT)) {
            for entry in hit.entries {
                if let Signal::Urgent(reason) = &entry.signal {
                    if !reasons.contains(&reason.as_str()) {
                        reasons.push(reason);
                    }
                    self.note(
                        urgent_signal(reason),
                        entry.term.clone(),
                        0.0,
                        hit.range.clone(),
                    );
                }
            }
        }
        reasons
    }

    /// The flame risk, 1 − Π(1 − wᵢ) over the flame terms, raised by wide reach.
    fn flame(&mut self, context: &Context) -> (f64, Vec<String>) {
        let mut calm = 1.0;
        let mut reasons = Vec::new();
        let hits = self.hits;
        for hit in hits.iter().filter(|h| h.kinds.any(Kinds::FLAME)) {
            for entry in hit.entries {
                if let Signal::Flame(w) = entry.signal {
                    calm *= 1.0 - w;
                    reasons.push(entry.term.to_string());
                    self.note("flame", entry.term.clone(), 0.0, hit.range.clone());
                }
            }
        }
        if context.shares.is_some_and(|s| s >= 100.0) {
            calm *= 0.8;
            reasons.push("shared 100+ times".into());
        }
        if context.followers.is_some_and(|f| f >= 10_000.0) {
            calm *= 0.9;
            reasons.push("author with 10k+ followers".into());
        }
        ((1.0 - calm).clamp(0.0, 1.0), reasons)
    }
}

/// The evidence signal of an intent: `intent:complaint`…
fn intent_signal(intent: Intent) -> &'static str {
    match intent {
        Intent::Complaint => "intent:complaint",
        Intent::Question => "intent:question",
        Intent::Praise => "intent:praise",
        Intent::Purchase => "intent:purchase",
        Intent::Outage => "intent:outage",
        Intent::Request => "intent:request",
        Intent::Churn => "intent:churn",
        Intent::Spam => "intent:spam",
        Intent::Other => "intent:other",
    }
}

/// The evidence signal of an urgency reason: `urgent:stranded`… (the built-in reasons are
/// written out, so naming them copies nothing).
fn urgent_signal(reason: &str) -> Cow<'static, str> {
    match reason {
        "legal" => "urgent:legal".into(),
        "many" => "urgent:many".into(),
        "money" => "urgent:money".into(),
        "now" => "urgent:now".into(),
        "safety" => "urgent:safety".into(),
        "stranded" => "urgent:stranded".into(),
        "vulnerable" => "urgent:vulnerable".into(),
        other => format!("urgent:{other}").into(),
    }
}

/// The polarity of an emoji, by its first char: faces, hands and hearts that say how the writer
/// feels (0 for the rest, and for the ambiguous: 🔥, 🙏, 🤷, 🥲, 🖤).
fn emoji_polarity(emoji: &str) -> f64 {
    let first = emoji.chars().next().unwrap_or(' ');
    match first {
        // Anger, crying, despair, disgust, contempt, a broken heart.
        '😭' | '😡' | '😤' | '💢' | '😞' | '😩' | '😫' | '😠' | '🙄' | '👎' | '😢' | '😰'
        | '😱' | '🤬' | '💔' | '😓' | '😒' | '😖' | '😣' | '😥' | '😨' | '😿' | '😾' | '🤢'
        | '🤮' | '🖕' | '💩' => -1.8,
        // Disappointment, worry, unease, a facepalm, a clown (mockery).
        '☹' | '🙁' | '😟' | '😔' | '😕' | '😧' | '😦' | '😬' | '🥺' | '🤦' | '🤡' => {
            -1.0
        }
        // Joy, love, laughter, applause, celebration, approval.
        '😊' | '😍' | '🥰' | '👍' | '✨' | '❤' | '😄' | '🎉' | '😆' | '🥳' | '💕' | '😁' | '👏'
        | '💯' | '🤩' | '☺' | '🙌' | '👌' | '😂' | '🤣' | '😎' | '😋' | '💖' | '💗' | '💙'
        | '💚' | '💛' | '🧡' | '💜' | '👑' | '😀' | '😃' | '😘' | '😗' | '😙' | '😚' | '🤗'
        | '🎊' | '🌟' | '💪' | '♥' | '💓' | '💞' | '💘' | '💝' | '💟' | '🤍' | '🤎' | '😹'
        | '😻' | '🏆' | '🥇' => 1.8,
        // A slight smile, relief, an angel, drooling over food, a handshake, flowers.
        '🙂' | '😌' | '😇' | '🤤' | '🤝' | '💐' => 1.0,
        _ => 0.0,
    }
}

/// The polarity of a kaomoji or emoticon: tears, sweat, anger and despair are negative,
/// smiles positive.
fn kaomoji_polarity(face: &str) -> f64 {
    let western = face.starts_with([':', ';', '=']) && face.chars().count() <= 4;
    let sad = face.contains(['；', '╥', 'Д', 'д', '皿', '益'])
        || (!western && face.contains(';'))
        || matches!(face, "orz" | "Orz" | "ORZ" | "OTL" | "T_T" | ";_;" | "</3")
        || (western && face.ends_with(['(', '[', '/']));
    let happy = face.contains(['^', '＾', '▽', '∀', '≧'])
        || face == "<3"
        || (western && face.ends_with([')', 'D', ']', '3', 'P', 'p']));
    if sad {
        -1.6
    } else if happy {
        1.4
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Every start and length around the block size: counted as decoding every char counts.
    #[test]
    fn script_letters_counts_every_prefix() {
        let text = "Ａa日本ｶb語c ".repeat(12);
        let cut: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for start in 0..8 {
            for &end in cut.iter().skip(start) {
                let piece = &text[cut[start]..end];
                let japanese = piece
                    .chars()
                    .filter(|c| matches!(c, '日' | '本' | '語' | 'ｶ'))
                    .count();
                let latin = piece
                    .chars()
                    .filter(|c| matches!(c, 'Ａ' | 'a' | 'b' | 'c'))
                    .count();
                assert_eq!(
                    script_letters(Some(piece.as_bytes())),
                    (japanese, latin),
                    "{piece:?}"
                );
            }
        }
    }

    fn range() -> impl Strategy<Value = Range<usize>> {
        (0usize..60, 0usize..8).prop_map(|(start, len)| start..start + len)
    }

    proptest! {
        /// The byte-level count of letters by script agrees with decoding every char.
        #[test]
        fn script_letters_counts_as_decoded_chars(
            text in "([a-zA-Z0-9 .@]{0,40}[ぁ-ヿ㐀-䶿一-鿿＀-￯😀é]{0,4}){0,5}"
        ) {
            let (mut japanese, mut latin) = (0, 0);
            for c in text.chars() {
                match c {
                    '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF66}'..='\u{FF9F}' => {
                        japanese += 1
                    }
                    'a'..='z' | 'A'..='Z' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => latin += 1,
                    _ => {}
                }
            }
            prop_assert_eq!(script_letters(Some(text.as_bytes())), (japanese, latin));
        }

        /// The merged set answers exactly as asking every range would.
        #[test]
        fn range_set_overlaps_as_the_ranges_do(
            ranges in prop::collection::vec(range(), 0..12),
            query in range(),
        ) {
            let each = ranges.iter().any(|r| r.start < query.end && query.start < r.end);
            prop_assert_eq!(RangeSet::new(ranges).overlaps(&query), each);
        }
    }

    #[test]
    fn marks_are_found_where_they_first_stand_together() {
        let marks = Marks::of("届いてない?? まだ??", "届いてない？？ まだ？？");
        assert_eq!(marks.doubled_question, Some(15));
        assert!(marks.question && marks.question_written && !marks.doubled_exclamation);
        let marks = Marks::of("why? where? ?!", "why? where? ?!");
        assert_eq!(marks.doubled_question, None);
        assert!(!marks.doubled_exclamation);
        assert!(Marks::of("!!", "!!").doubled_exclamation);
        assert_eq!(Marks::of("", ""), Marks::default());
        // `？` is found by its bytes, not by a lead byte it shares with other full-width forms.
        assert!(!Marks::of("!", "！（）").question_written);
        assert!(Marks::of("", "ｗ？").question_written);
    }

    /// A batch (scanned two posts at a time) classifies each post as `classify` does, an odd
    /// post at the end included.
    #[test]
    fn a_batch_classifies_each_post_as_one_call_does() {
        let data = include_str!("../../../../tests/data/mentions_dev.jsonl");
        let texts: Vec<String> = data
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_owned))
            .take(101)
            .collect();
        let posts: Vec<&str> = texts.iter().map(String::as_str).collect();
        assert_eq!(posts.len(), 101);
        let classifier = Classifier::builder().build().expect("builds");
        let one_by_one: Vec<Classification> =
            posts.iter().map(|p| classifier.classify(p)).collect();
        assert_eq!(classifier.classify_batch(&posts), one_by_one);
    }

    /// A post classified with the buffers an earlier post left behind (longer, with other
    /// entities) comes out as on a thread that never classified anything.
    #[test]
    fn buffers_left_by_earlier_posts_change_nothing() {
        let classifier = Classifier::builder().build().expect("builds");
        let posts = [
            "最悪 @sora_air 返金まだ？？ https://sora.example/x 😡😡 (´；ω；｀)",
            "thanks, great job!",
            "ログインできない",
            "",
        ];
        let fresh: Vec<Classification> = posts
            .iter()
            .map(|p| {
                let c = classifier.clone();
                let p = p.to_string();
                std::thread::spawn(move || c.classify(&p))
                    .join()
                    .expect("classifies")
            })
            .collect();
        for (post, expected) in posts.iter().zip(&fresh) {
            for earlier in posts {
                classifier.classify(earlier);
                assert_eq!(
                    &classifier.classify(post),
                    expected,
                    "{post} after {earlier}"
                );
            }
        }
        assert_eq!(classifier.classify_batch(&posts), fresh);
    }

    /// A long post's room for hits is let go, not kept for the short posts after it.
    #[test]
    fn a_long_post_leaves_no_large_vector_of_hits() {
        let classifier = Classifier::builder().build().expect("builds");
        let long = "最悪 ".repeat(5_000);
        assert!(classifier.classify(&long).evidence.len() > Leftovers::KEEP_HITS);
        classifier.classify("最悪");
        LEFTOVERS.with_borrow(|kept| {
            assert!(!kept.is_empty());
            for leftovers in kept {
                assert!(leftovers.hits.capacity() <= Leftovers::KEEP_HITS);
            }
        });
    }

    /// The hits' vector a post leaves keeps its allocation for the next post: `emptied`
    /// relies on collecting in place.
    #[test]
    fn an_emptied_vector_of_hits_keeps_its_allocation() {
        let entries = [];
        let mut hits = Vec::with_capacity(16);
        hits.push(Hit {
            range: 0..1,
            entries: &entries,
            kinds: Kinds::default(),
        });
        let kept: Vec<Hit<'static>> = emptied(hits);
        assert!(kept.is_empty());
        assert!(kept.capacity() >= 16, "{}", kept.capacity());
    }

    #[test]
    fn a_long_post_full_of_links_classifies_in_linear_time() {
        // 20,000 mentions and links: checking every hit against every one of them was
        // quadratic (a 10 MB post took half a minute).
        let post = "@sora_air flight delayed https://sora.example/x ".repeat(20_000);
        let c = Classifier::builder()
            .build()
            .expect("builds")
            .classify(&post);
        assert_eq!(c.language, Language::En);
        assert!(c.evidence.iter().all(|e| !e.term.contains("sora")));
    }
}
