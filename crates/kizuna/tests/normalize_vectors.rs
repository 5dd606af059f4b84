//! Hand cases for every preset and step, from the shared vectors in
//! `tests/vectors/normalize.jsonl` (the Python and C suites run the same file).

use kizuna::text::{Normalizer, NormalizerOptions};
use serde::Deserialize;

#[derive(Deserialize)]
struct Vector {
    preset: String,
    options: serde_json::Map<String, serde_json::Value>,
    input: String,
    expected: String,
    why: String,
}

fn normalizer(vector: &Vector) -> Normalizer {
    let mut config = vector.options.clone();
    config.insert("preset".into(), vector.preset.clone().into());
    let options: NormalizerOptions =
        serde_json::from_value(serde_json::Value::Object(config)).expect("valid options");
    Normalizer::new(options)
}

#[test]
fn hand_cases() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/normalize.jsonl"
    );
    let data = std::fs::read_to_string(path).expect("vectors are committed");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in data.lines() {
        let vector: Vector = serde_json::from_str(line).expect("valid vector");
        let out = normalizer(&vector).normalize(&vector.input);
        count += 1;
        if out.text() != vector.expected {
            failures.push(format!(
                "[{}] {} — {:?}: expected {:?}, got {:?}",
                vector.preset,
                vector.why,
                vector.input,
                vector.expected,
                out.text()
            ));
        }
        // Whatever the text, the whole output maps into the input.
        if !out.text().is_empty() {
            let span = out
                .original_span(0..out.text().len())
                .expect("full range maps");
            assert!(span.bytes.end <= vector.input.len(), "{}", vector.why);
        }
    }
    assert!(count >= 80, "only {count} hand cases");
    assert!(
        failures.is_empty(),
        "{} of {count} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
