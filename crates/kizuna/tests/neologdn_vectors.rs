//! The `neologdn` preset against what the `neologdn` package itself returns
//! (`tests/vectors/neologdn.jsonl`, written by `scripts/neologdn_vectors.py`).

use kizuna::text::{Normalizer, NormalizerOptions};
use serde::Deserialize;

#[derive(Deserialize)]
struct Vector {
    input: String,
    options: serde_json::Map<String, serde_json::Value>,
    expected: String,
}

#[test]
fn neologdn_preset_matches_the_package() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/neologdn.jsonl"
    );
    let data = std::fs::read_to_string(path).expect("vectors are committed");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in data.lines() {
        let vector: Vector = serde_json::from_str(line).expect("valid vector");
        let mut config = vector.options.clone();
        config.insert("preset".into(), "neologdn".into());
        let options: NormalizerOptions =
            serde_json::from_value(serde_json::Value::Object(config)).expect("valid options");
        let got = Normalizer::new(options).normalize(&vector.input);
        count += 1;
        if got.text() != vector.expected {
            failures.push(format!(
                "{:?} {:?}: expected {:?}, got {:?}",
                vector.input,
                vector.options,
                vector.expected,
                got.text()
            ));
        }
    }
    assert!(count > 1000, "only {count} vectors");
    assert!(
        failures.is_empty(),
        "{} of {count} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
