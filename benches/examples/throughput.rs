//! Times one normaliser over a corpus and prints the median throughput as JSON, so that
//! `benches/compare/` can set kizuna beside the Python tools on the very same posts.
//!
//! ```sh
//! # write the benchmark corpus as JSON Lines ({"text": ...} per post)
//! cargo run --release -p kizuna-benches --example throughput -- --dump corpus.jsonl
//! # time a preset (neologdn, search, display), plain NFKC (nfkc) or the built-in classifier
//! # over it, one post after another (classify) or in batches of 1,000 (classify_batch), on
//! # one thread
//! cargo run --release -p kizuna-benches --example throughput -- --input corpus.jsonl neologdn
//! # the classifier with an optional vocabulary built in too
//! cargo run --release -p kizuna-benches --example throughput -- --vocabulary japanese_general classify
//! ```

use std::error::Error;

use icu_normalizer::ComposingNormalizerBorrowed;
use kizuna::classify::Classifier;
use kizuna::classify::lexicon::Vocabulary;
use kizuna::text::{Normalizer, Preset};
use kizuna_benches::{BENCH_BYTES, english_corpus, median_seconds, mixed_corpus};

/// How many times the corpus is normalised; the median run is reported.
const RUNS: usize = 7;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let mut posts = None;
    let mut contender = None;
    let mut classifier = Classifier::builder();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dump" => {
                let path = args.next().ok_or("--dump needs a file")?;
                return dump(&path);
            }
            "--input" => {
                let path = args.next().ok_or("--input needs a file")?;
                posts = Some(read(&path)?);
            }
            "--english" => posts = Some(english_corpus(BENCH_BYTES)),
            "--vocabulary" => {
                let name = args.next().ok_or("--vocabulary needs a name")?;
                classifier = classifier.vocabulary(name.parse::<Vocabulary>()?)?;
            }
            name => contender = Some(name.to_owned()),
        }
    }
    let posts = posts.unwrap_or_else(|| mixed_corpus(BENCH_BYTES));
    let name = contender.unwrap_or_else(|| "neologdn".to_owned());
    let run: Run = if name == "nfkc" {
        let nfkc = ComposingNormalizerBorrowed::new_nfkc();
        each(move |t| nfkc.normalize(t).len())
    } else if name == "classify" {
        let classifier = classifier.build()?;
        each(move |t| classifier.classify(t).evidence.len())
    } else if name == "classify_batch" {
        // In batches of 1,000, as the criterion bench makes them.
        let classifier = classifier.build()?;
        Box::new(move |posts: &[&str]| {
            let batches = posts
                .chunks(1_000)
                .map(|batch| classifier.classify_batch(batch));
            batches.flatten().map(|c| c.evidence.len()).sum()
        })
    } else {
        let normalizer = Normalizer::from_preset(name.parse::<Preset>()?);
        each(move |t| normalizer.normalize(t).text().len())
    };
    let texts: Vec<&str> = posts.iter().map(String::as_str).collect();
    let median = median_seconds(RUNS, || run(&texts));
    let bytes: usize = posts.iter().map(String::len).sum();
    println!(
        "{}",
        serde_json::json!({
            "name": name,
            "posts": posts.len(),
            "bytes": bytes,
            "median_seconds": median,
            "mb_per_s": bytes as f64 / 1e6 / median,
            "posts_per_s": posts.len() as f64 / median,
        })
    );
    Ok(())
}

/// A contender: it works through every post and returns a sum of sizes, so that nothing it
/// computes can be left out.
type Run = Box<dyn Fn(&[&str]) -> usize>;

/// The contender that handles the posts one at a time with `f`.
fn each(f: impl Fn(&str) -> usize + 'static) -> Run {
    Box::new(move |posts| posts.iter().map(|p| f(p)).sum())
}

/// Writes the benchmark corpus as JSON Lines.
fn dump(path: &str) -> Result<(), Box<dyn Error>> {
    let lines: Vec<String> = mixed_corpus(BENCH_BYTES)
        .iter()
        .map(|text| serde_json::json!({ "text": text }).to_string())
        .collect();
    std::fs::write(path, lines.join("\n") + "\n")?;
    Ok(())
}

/// Reads posts from JSON Lines with a `text` field.
fn read(path: &str) -> Result<Vec<String>, Box<dyn Error>> {
    let data = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    data.lines()
        .filter(|line| !line.trim().is_empty())
        .enumerate()
        .map(|(number, line)| {
            let record: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", number + 1))?;
            record["text"]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("{path}:{}: no text field", number + 1).into())
        })
        .collect()
}
