//! Scores the built-in classifier on labelled mentions (LABELS.md format), on the part used
//! for development (four records in five) and the part kept aside (every fifth).
//!
//! ```sh
//! cargo run --release -p kizuna --example eval_dev -- tests/data/mentions_dev.jsonl
//! ```

use std::error::Error;

use kizuna::classify::Classifier;
use kizuna::classify::eval::{EvalReport, evaluate, read_labelled};

fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/data/mentions_dev.jsonl".to_owned());
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let records = read_labelled(&text)?;
    let (kept, development): (Vec<_>, Vec<_>) = records
        .into_iter()
        .enumerate()
        .partition(|(i, _)| i % 5 == 4);
    let classifier = Classifier::builder().build()?;
    for (name, part) in [("development 80%", development), ("kept aside 20%", kept)] {
        let part: Vec<_> = part.into_iter().map(|(_, r)| r).collect();
        print(name, &evaluate(&classifier, &part));
    }
    Ok(())
}

fn print(name: &str, report: &EvalReport) {
    println!("== {name}\n\n{report}");
}
