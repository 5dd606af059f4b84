//! Throughput of each normaliser preset on the reproducible corpus, against plain NFKC
//! (icu_normalizer) on the same text in the same run, plus the ASCII fast path on plain
//! English posts. Each preset is measured twice: per byte (MB/s) and per post (posts/s).
//!
//! ```sh
//! cargo bench -p kizuna-benches --bench normalize
//! ```

use std::hint::black_box;

use criterion::{BenchmarkGroup, Criterion, Throughput};
use icu_normalizer::ComposingNormalizerBorrowed;
use kizuna::text::{Normalizer, Preset};
use kizuna_benches::{BENCH_BYTES, english_corpus, mixed_corpus};

/// A normaliser under test: text in, output length out (so the work cannot be optimised away).
type Contender = (&'static str, Box<dyn Fn(&str) -> usize>);

/// Every normaliser the benches time, by name: the presets, and plain NFKC as the baseline.
fn contenders() -> Vec<Contender> {
    let mut all: Vec<Contender> = Preset::ALL
        .iter()
        .map(|&preset| {
            let n = Normalizer::from_preset(preset);
            let run: Box<dyn Fn(&str) -> usize> = Box::new(move |t| n.normalize(t).text().len());
            (preset.name(), run)
        })
        .collect();
    let nfkc = ComposingNormalizerBorrowed::new_nfkc();
    all.push(("icu_nfkc", Box::new(move |t| nfkc.normalize(t).len())));
    all
}

fn run_corpus(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, posts: &[String]) {
    for (name, normalize) in contenders() {
        group.bench_function(name, |b| {
            b.iter(|| posts.iter().map(|p| normalize(black_box(p))).sum::<usize>())
        });
    }
}

fn bench(c: &mut Criterion) {
    let mixed = mixed_corpus(BENCH_BYTES);
    let english = english_corpus(BENCH_BYTES);
    let bytes = |posts: &[String]| posts.iter().map(String::len).sum::<usize>() as u64;

    let mut group = c.benchmark_group("mixed_bytes");
    group.throughput(Throughput::Bytes(bytes(&mixed)));
    run_corpus(&mut group, &mixed);
    group.finish();

    let mut group = c.benchmark_group("mixed_posts");
    group.throughput(Throughput::Elements(mixed.len() as u64));
    run_corpus(&mut group, &mixed);
    group.finish();

    let mut group = c.benchmark_group("english_bytes");
    group.throughput(Throughput::Bytes(bytes(&english)));
    run_corpus(&mut group, &english);
    group.finish();
}

kizuna_benches::bench_main!(bench);
