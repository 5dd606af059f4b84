//! Reading records line by line and writing them back, counting what was read, written and
//! rejected: a malformed line is reported with its number and skipped, never dropped
//! silently.

use std::io::{BufRead, Write};

use serde_json::{Map, Value};

/// What a run did with its input.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Records read (non-empty lines).
    pub read: usize,
    /// Records written.
    pub written: usize,
    /// Records rejected, each reported on standard error.
    pub rejected: usize,
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} records read, {} written, {} rejected",
            self.read, self.written, self.rejected
        )
    }
}

/// Hands every JSON Lines record of `input` to `take`, counting it as written when `take`
/// keeps it; a line that is not a JSON object, or that `take` refuses (the inner `Err`), is
/// reported on `errors` with its line number and skipped. An input or output failure (the
/// outer `Err`) ends the run.
pub fn each_record(
    input: impl BufRead,
    mut errors: impl Write,
    mut take: impl FnMut(Map<String, Value>) -> std::io::Result<Result<(), String>>,
) -> std::io::Result<Counts> {
    let mut counts = Counts::default();
    for (index, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        counts.read += 1;
        let taken = match serde_json::from_str::<Value>(&line) {
            Ok(Value::Object(record)) => take(record)?,
            Ok(_) => Err("not a JSON object".to_owned()),
            Err(e) => Err(format!("not JSON: {e}")),
        };
        match taken {
            Ok(()) => counts.written += 1,
            Err(reason) => {
                writeln!(errors, "line {}: {reason}; skipped", index + 1)?;
                counts.rejected += 1;
            }
        }
    }
    Ok(counts)
}

/// Runs `each` over every JSON Lines record of `input` and writes what it returns to
/// `output`, one JSON object a line; bad lines go as in [`each_record`].
pub fn map_jsonl(
    input: impl BufRead,
    mut output: impl Write,
    errors: impl Write,
    mut each: impl FnMut(Map<String, Value>) -> Result<Map<String, Value>, String>,
) -> std::io::Result<Counts> {
    let counts = each_record(input, errors, |record| match each(record) {
        Ok(record) => {
            serde_json::to_writer(&mut output, &record)?;
            output.write_all(b"\n")?;
            Ok(Ok(()))
        }
        Err(reason) => Ok(Err(reason)),
    })?;
    output.flush()?;
    Ok(counts)
}

/// The text field of a record.
pub fn text_of<'r>(record: &'r Map<String, Value>, field: &str) -> Result<&'r str, String> {
    match record.get(field) {
        Some(Value::String(text)) => Ok(text),
        Some(other) => Err(format!("field {field:?} is {other}, not a string")),
        None => Err(format!("no {field:?} field")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_reported_and_counted_not_dropped() {
        let input = "{\"text\": \"a\"}\n\nnot json\n[1]\n{\"text\": 3}\n{\"text\": \"b\"}\n";
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let counts = map_jsonl(input.as_bytes(), &mut out, &mut err, |mut r| {
            let upper = text_of(&r, "text")?.to_uppercase();
            r.insert("upper".into(), upper.into());
            Ok(r)
        })
        .expect("in memory");
        assert_eq!(
            counts,
            Counts {
                read: 5,
                written: 2,
                rejected: 3
            }
        );
        let err = String::from_utf8(err).expect("utf-8");
        assert!(err.contains("line 3: not JSON"), "{err}");
        assert!(err.contains("line 4: not a JSON object"), "{err}");
        assert!(err.contains("line 5: field \"text\" is 3"), "{err}");
        assert_eq!(String::from_utf8(out).expect("utf-8").lines().count(), 2);
    }
}
