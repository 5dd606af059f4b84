//! Hand cases for entity extraction, from the shared vectors in `tests/vectors/entities.jsonl`
//! (the Python and C suites run the same file).

use kizuna::text::extract_entities;
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    kind: String,
    text: String,
    chars: [usize; 2],
}

#[derive(Deserialize)]
struct Vector {
    input: String,
    entities: Vec<Expected>,
    why: String,
}

#[test]
fn hand_cases() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/entities.jsonl"
    );
    let data = std::fs::read_to_string(path).expect("vectors are committed");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in data.lines() {
        let vector: Vector = serde_json::from_str(line).expect("valid vector");
        count += 1;
        let found: Vec<(String, String, [usize; 2])> = extract_entities(&vector.input)
            .into_iter()
            .map(|e| {
                let chars = [e.original.chars.start, e.original.chars.end];
                (e.kind.name().to_owned(), e.text, chars)
            })
            .collect();
        let expected: Vec<(String, String, [usize; 2])> = vector
            .entities
            .into_iter()
            .map(|e| (e.kind, e.text, e.chars))
            .collect();
        if found != expected {
            failures.push(format!(
                "{} — {:?}:\n  expected {:?}\n  found    {:?}",
                vector.why, vector.input, expected, found
            ));
        }
    }
    assert!(count >= 40, "only {count} entity cases");
    assert!(
        failures.is_empty(),
        "{} of {count} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
