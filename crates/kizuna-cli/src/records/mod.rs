//! Reading records (JSON Lines or CSV) and writing them back, counting what was read, written and
//! rejected: a malformed line is reported with its number and skipped, never dropped
//! silently.

pub mod fields;
pub mod input;
pub mod output;
pub mod progress;

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::sync::mpsc::{SyncSender, sync_channel};

use kizuna::engage::Post;
use rayon::prelude::*;
use serde_json::{Map, Value};

use fields::{Added, Fields, LineFields, apply};
pub use input::{InputFormat, Records};
use output::RecordWriter;
use progress::Progress;

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

/// Records to read: where from, in what format, with a progress bar on a terminal.
pub struct Source {
    /// The records.
    pub records: Records,
    /// The bar that follows the bytes read.
    pub progress: Progress,
    /// Whether the records come from standard input, which may be a live feed
    /// (`tail -f export.jsonl | kizuna classify`): they are passed on as they come, not
    /// held back until a chunk is full.
    pub live: bool,
}

impl Source {
    /// Opens `path` (standard input when absent or `-`) in `format` (detected from the
    /// extension when absent).
    pub fn open(path: Option<&Path>, format: Option<InputFormat>) -> Result<Source, String> {
        let format = InputFormat::detect(format, path);
        let (input, size, live): (Box<dyn BufRead + Send>, Option<u64>, bool) = match path {
            Some(path) if path.as_os_str() != "-" => {
                let file =
                    File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
                let size = file.metadata().ok().map(|m| m.len());
                (
                    Box::new(BufReader::with_capacity(1 << 16, file)),
                    size,
                    false,
                )
            }
            _ => (Box::new(BufReader::new(std::io::stdin())), None, true),
        };
        let (input, progress) = Progress::wrap(input, size);
        let records = input::records(input, format)
            .map_err(|e| format!("cannot read the CSV header: {e}"))?;
        Ok(Source {
            records,
            progress,
            live,
        })
    }
}

/// Hands every record of `source` to `take`, counting it as written when `take` keeps it; a
/// record that cannot be read, or that `take` refuses (the inner `Err`), is reported on
/// `errors` with its line number and skipped. An input or output failure (the outer `Err`)
/// ends the run.
pub fn each_record(
    source: Source,
    mut errors: impl Write,
    mut take: impl FnMut(Map<String, Value>) -> std::io::Result<Result<(), String>>,
) -> std::io::Result<Counts> {
    let mut counts = Counts::default();
    for (n, item) in source.records.enumerate() {
        let (line, raw) = item?;
        counts.read += 1;
        let taken = match raw.parse() {
            Ok(record) => take(record)?,
            Err(reason) => Err(reason),
        };
        counts.tally(line, taken, &mut errors)?;
        if n % 4096 == 0 {
            source.progress.tick();
        }
    }
    source.progress.finish();
    Ok(counts)
}

/// A post of an export with what the SLA needs to know beside it.
pub struct ExportPost {
    /// The post.
    pub post: Post,
    /// Sent by a bot or auto-responder (`automated`): not a reply by a person.
    pub automated: bool,
    /// Closes its thread (`resolves`).
    pub resolves: bool,
}

/// Every record of `source` read as a post (and checked: counts finite and not negative,
/// the time within range); the others reported as in [`each_record`].
pub fn read_posts(
    source: Source,
    errors: impl Write,
) -> std::io::Result<(Vec<ExportPost>, Counts)> {
    let mut posts = Vec::new();
    let counts = each_record(source, errors, |record| {
        let flag = |name: &str| record.get(name).and_then(Value::as_bool).unwrap_or(false);
        let (automated, resolves) = (flag("automated"), flag("resolves"));
        let post = serde_json::from_value::<Post>(Value::Object(record))
            .map_err(|e| format!("not a post: {e}"))
            .and_then(|post| post.validate().map(|()| post).map_err(|e| e.to_string()))
            .and_then(|post| {
                // A day is added to the last post for the report's window: keep room for it.
                let room = post
                    .created_at
                    .checked_add(jiff::SignedDuration::from_hours(48));
                room.map(|_| post)
                    .map_err(|_| "created_at is too far in the future".to_owned())
            });
        Ok(post.map(|post| {
            posts.push(ExportPost {
                post,
                automated,
                resolves,
            })
        }))
    })?;
    Ok((posts, counts))
}

/// Records handled in parallel at a time: enough to keep every core busy, few enough that
/// memory stays flat however long the input.
const CHUNK: usize = 4096;

/// A record done by the workers: already JSON text when the output is JSON Lines.
enum Done {
    Line(Vec<u8>),
    Record(Map<String, Value>),
}

/// Runs `each` over every record of `source`, on every core, and writes what it returns to
/// `writer` in input order; bad records go as in [`each_record`].
///
/// A thread reads and splits lines ahead, handing chunks on through a short queue, while
/// this one has the worker pool parse them and run `each` (serialising, for JSON Lines) and
/// then writes them. The reading thread is not waited for when writing fails: it may be
/// blocked on a terminal or pipe that will never say more.
pub fn map_records<W: Write>(
    source: Source,
    writer: &mut RecordWriter<W>,
    mut errors: impl Write,
    each: impl Fn(&dyn Fields) -> Result<Added, String> + Sync,
) -> std::io::Result<Counts> {
    let Source {
        records,
        progress,
        live,
    } = source;
    let (chunks, reading) = sync_channel::<Chunk>(2);
    let reader = std::thread::spawn(move || {
        if live {
            read_as_they_come(records, &chunks)
        } else {
            read_in_chunks(records, &chunks)
        }
    });
    let as_lines = writer.writes_json_lines();
    let mut counts = Counts::default();
    for chunk in reading {
        let done: Vec<(usize, Result<Done, String>)> = chunk
            .into_par_iter()
            .map(|(line, raw)| (line, work(raw, &each, as_lines)))
            .collect();
        for (line, result) in done {
            counts.read += 1;
            let taken = match result {
                Ok(Done::Line(json)) => writer.write_json_line(&json).map(Ok)?,
                Ok(Done::Record(record)) => writer.write(&record).map(Ok)?,
                Err(reason) => Err(reason),
            };
            counts.tally(line, taken, &mut errors)?;
        }
        if live {
            writer.flush()?;
        }
        progress.tick();
    }
    reader
        .join()
        .map_err(|_| std::io::Error::other("the reading thread failed"))??;
    progress.finish();
    Ok(counts)
}

/// Records as the reading thread hands them on, each with its line.
type Chunk = Vec<(usize, input::RawRecord)>;

/// How long a live input's records wait for company before they are passed on.
const LIVE_WAIT: std::time::Duration = std::time::Duration::from_millis(100);

/// Hands `records` on in chunks of [`CHUNK`]; what was read before an input failure is still
/// handed on.
fn read_in_chunks(mut records: Records, chunks: &SyncSender<Chunk>) -> std::io::Result<()> {
    loop {
        let mut chunk = Vec::with_capacity(CHUNK);
        for item in records.by_ref().take(CHUNK) {
            match item {
                Ok(record) => chunk.push(record),
                Err(e) => {
                    let _ = chunks.send(chunk);
                    return Err(e);
                }
            }
        }
        if chunk.is_empty() || chunks.send(chunk).is_err() {
            return Ok(());
        }
    }
}

/// Hands `records` on in chunks of whatever arrived within [`LIVE_WAIT`] of a chunk's first
/// record (up to [`CHUNK`]), so that a quiet feed's records are not held back. A second thread
/// reads, since a read that blocks cannot time out; it is not waited for.
fn read_as_they_come(records: Records, chunks: &SyncSender<Chunk>) -> std::io::Result<()> {
    let (items, arriving) = sync_channel(CHUNK);
    std::thread::spawn(move || {
        for item in records {
            if items.send(item).is_err() {
                return;
            }
        }
    });
    while let Ok(first) = arriving.recv() {
        let mut chunk = Vec::new();
        let mut failure = first.map(|record| chunk.push(record)).err();
        let deadline = std::time::Instant::now() + LIVE_WAIT;
        while failure.is_none() && chunk.len() < CHUNK {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match arriving.recv_timeout(left) {
                Ok(Ok(record)) => chunk.push(record),
                Ok(Err(e)) => failure = Some(e),
                Err(_) => break,
            }
        }
        if chunks.send(chunk).is_err() {
            return Ok(());
        }
        if let Some(e) = failure {
            return Err(e);
        }
    }
    Ok(())
}

/// One record through `each`: a JSON line bound for JSON Lines keeps its text and gains the
/// added fields; anything else is parsed, and the fields put in.
fn work(
    raw: input::RawRecord,
    each: &(impl Fn(&dyn Fields) -> Result<Added, String> + Sync),
    as_lines: bool,
) -> Result<Done, String> {
    match raw {
        input::RawRecord::Json(text) if as_lines => {
            let fields = LineFields::parse(&text)?;
            let added = each(&fields)?;
            let mut out = Vec::with_capacity(text.len() + 1024);
            fields.write_with(&added, &mut out)?;
            Ok(Done::Line(out))
        }
        raw => {
            let mut record = raw.parse()?;
            let added = each(&record)?;
            apply(&mut record, added)?;
            Ok(Done::Record(record))
        }
    }
}

impl Counts {
    /// Counts one record as written, or reports why it was rejected.
    fn tally(
        &mut self,
        line: usize,
        taken: Result<(), String>,
        errors: &mut impl Write,
    ) -> std::io::Result<()> {
        match taken {
            Ok(()) => self.written += 1,
            Err(reason) => {
                writeln!(errors, "line {line}: {reason}; skipped")?;
                self.rejected += 1;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_reported_and_counted_not_dropped_and_order_is_kept() {
        let mut input = String::from("{\"text\": \"a\"}\n\nnot json\n[1]\n{\"text\": 3}\n");
        for i in 0..10_000 {
            input.push_str(&format!("{{\"text\": \"{i}\"}}\n"));
        }
        let input: &'static str = input.leak();
        // Both ways of reading: a file's chunks, and standard input's records as they come.
        for live in [false, true] {
            let (reader, progress) = Progress::wrap(Box::new(input.as_bytes()), None);
            let records = input::records(reader, InputFormat::Jsonl).expect("JSON Lines");
            let source = Source {
                records,
                progress,
                live,
            };
            check_bad_lines_and_order(source);
        }
    }

    fn check_bad_lines_and_order(source: Source) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut writer = RecordWriter::new(&mut out, output::OutputFormat::Jsonl, None);
        let counts = map_records(source, &mut writer, &mut err, |r| {
            let upper = r.text("text")?.to_uppercase();
            Ok(vec![("upper", fields::json(&upper)?)])
        })
        .expect("in memory");
        writer.finish().expect("in memory");
        assert_eq!(
            counts,
            Counts {
                read: 10_004,
                written: 10_001,
                rejected: 3
            }
        );
        let err = String::from_utf8(err).expect("utf-8");
        assert!(err.contains("line 3: not JSON"), "{err}");
        assert!(err.contains("line 4: not a JSON object"), "{err}");
        assert!(err.contains("line 5: field \"text\" is 3"), "{err}");
        let out = String::from_utf8(out).expect("utf-8");
        let texts: Vec<String> = out
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).expect("JSON")["text"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned()
            })
            .collect();
        let expected: Vec<String> = std::iter::once("a".to_owned())
            .chain((0..10_000).map(|i| i.to_string()))
            .collect();
        assert_eq!(texts, expected);
    }
}
