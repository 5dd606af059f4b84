//! Normalises the posts of a JSON Lines export and prints each with its entities and the
//! original span of every entity, as a care-team tool would before classifying them.
//!
//! ```sh
//! cargo run -p kizuna --example normalize_posts -- examples/data/sample_posts.jsonl
//! ```

use std::error::Error;
use std::io::{BufRead, BufReader};

use kizuna::text::{Normalizer, Preset};
use serde::Deserialize;

/// The fields of an exported post this example needs.
#[derive(Deserialize)]
struct Post {
    id: String,
    platform: String,
    text: String,
}

fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/data/sample_posts.jsonl".to_owned());
    let file = std::fs::File::open(&path).map_err(|e| format!("cannot open {path}: {e}"))?;
    let search = Normalizer::from_preset(Preset::Search);
    let neologdn = Normalizer::from_preset(Preset::Neologdn);

    for (number, line) in BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let post: Post = serde_json::from_str(&line)
            .map_err(|e| format!("{path}:{}: not a post record: {e}", number + 1))?;
        let out = search.normalize(&post.text);
        println!("#{} ({})", post.id, post.platform);
        println!("  original : {}", post.text);
        println!("  search   : {}", out.text());
        println!("  neologdn : {}", neologdn.normalize(&post.text).text());
        for entity in out.entities() {
            let shown = entity
                .normalized
                .clone()
                .map_or("removed".to_owned(), |r| format!("{:?}", &out.text()[r]));
            println!(
                "  {:<8} {:<40} chars {:>3}..{:<3} -> {}",
                entity.kind.name(),
                format!("{:?}", entity.text),
                entity.original.chars.start,
                entity.original.chars.end,
                shown
            );
        }
        println!();
    }
    Ok(())
}
