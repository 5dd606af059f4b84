//! Normalises the benchmark corpus many times with one preset, for a profiler to watch.
//!
//! ```sh
//! cargo build --profile bench -p kizuna-benches --example profile_preset
//! perf record target/release/examples/profile_preset search mixed        # or english
//! perf record target/release/examples/profile_preset search mixed noscan # entities off
//! ```

use kizuna::text::{EntityAction, EntityOptions, Normalizer, NormalizerOptions, Preset};
use kizuna_benches::{BENCH_BYTES, english_corpus, mixed_corpus};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let preset: Preset = args.next().as_deref().unwrap_or("search").parse()?;
    let posts = match args.next().as_deref() {
        Some("english") => english_corpus(BENCH_BYTES),
        _ => mixed_corpus(BENCH_BYTES),
    };
    let mut options = NormalizerOptions::preset(preset);
    if args.next().as_deref() == Some("noscan") {
        options = options.entities(EntityOptions::all(EntityAction::Plain).report(false));
    }
    let normalizer = Normalizer::new(options);
    let start = std::time::Instant::now();
    let mut out = 0;
    for _ in 0..5 {
        out += posts
            .iter()
            .map(|p| normalizer.normalize(p).text().len())
            .sum::<usize>();
    }
    let seconds = start.elapsed().as_secs_f64();
    let mb = 5.0 * posts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!(
        "{}: {:.1} MB/s ({out} bytes out)",
        preset.name(),
        mb / seconds
    );
    Ok(())
}
