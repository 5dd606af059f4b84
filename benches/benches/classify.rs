//! Full classification (normalisation included) of the development mentions replicated to
//! 1,000,000 posts, as issue 3 states the bench, on one core: one post at a time, and in
//! batches.
//!
//! ```sh
//! cargo bench -p kizuna-benches --bench classify
//! ```

use criterion::{Criterion, Throughput};
use kizuna::classify::Classifier;

const POSTS: usize = 1_000_000;

fn bench(c: &mut Criterion) {
    let data = include_str!("../../tests/data/mentions_dev.jsonl");
    let texts: Vec<String> = data
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .collect();
    let posts: Vec<&str> = texts
        .iter()
        .cycle()
        .take(POSTS)
        .map(String::as_str)
        .collect();
    let classifier = Classifier::builder().build().expect("built-in lexicons");
    let mut group = c.benchmark_group("classify");
    group.throughput(Throughput::Elements(POSTS as u64));
    group.bench_function("dev_mentions", |b| {
        b.iter(|| {
            posts
                .iter()
                .map(|p| classifier.classify(p).intents.len())
                .sum::<usize>()
        })
    });
    // The batch call in batches of 1,000, as a pipeline reading a file would make them, on
    // one core here (the benches build kizuna without `parallel`): it scans two posts'
    // lexicon terms in lockstep.
    group.bench_function("dev_mentions_batches", |b| {
        b.iter(|| {
            posts
                .chunks(1_000)
                .map(|chunk| {
                    let out = classifier.classify_batch(chunk);
                    out.iter().map(|c| c.intents.len()).sum::<usize>()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

kizuna_benches::bench_main!(bench);
