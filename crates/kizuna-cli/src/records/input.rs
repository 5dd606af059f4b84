//! Records from JSON Lines or CSV, one at a time with the line they started on.
//!
//! CSV columns become fields; a dotted column (`author.followers`) a field of a nested object,
//! so that a flat export carries the same records as JSON Lines. Counts (`followers`, `likes`…)
//! are read as numbers and flags (`is_brand`, `automated`…) as booleans; an empty cell is an
//! absent field. The public "Customer Support on Twitter" export (`tweet_id`, `author_id`,
//! `inbound`, `created_at`…) is recognised by its columns and read as posts.

use std::io::BufRead;
use std::path::Path;

use kizuna::sla::{Event, TwcsRecord};
use serde_json::{Map, Value};

/// The shape of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// One JSON object a line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

impl InputFormat {
    /// The format `flag` names, else the one the file's extension says (`.csv`), else JSON
    /// Lines (standard input included).
    pub fn detect(flag: Option<InputFormat>, path: Option<&Path>) -> InputFormat {
        flag.unwrap_or_else(|| {
            let extension = path.and_then(Path::extension).and_then(|e| e.to_str());
            match extension {
                Some(e) if e.eq_ignore_ascii_case("csv") => InputFormat::Csv,
                _ => InputFormat::Jsonl,
            }
        })
    }
}

/// One record of the input, or why its line cannot be one.
pub type Parsed = Result<Map<String, Value>, String>;

/// A record as read: a JSON line still to parse (so that parsing can run in parallel), or a
/// CSV row already read.
pub enum RawRecord {
    /// A JSON line.
    Json(String),
    /// A CSV row, or why it is not a record.
    Read(Parsed),
}

impl RawRecord {
    /// The record, or why it is not one.
    pub fn parse(self) -> Parsed {
        match self {
            RawRecord::Json(line) => parse_json_line(&line),
            RawRecord::Read(parsed) => parsed,
        }
    }
}

/// Records one at a time with the (1-based) line each starts on; an input failure ends the
/// iteration with an `Err`.
pub type Records = Box<dyn Iterator<Item = std::io::Result<(usize, RawRecord)>> + Send>;

/// The records of `input` in `format`.
///
/// # Errors
///
/// A CSV input whose header cannot be read.
pub fn records(input: Box<dyn BufRead + Send>, format: InputFormat) -> std::io::Result<Records> {
    Ok(match format {
        InputFormat::Jsonl => Box::new(jsonl(input)),
        InputFormat::Csv => Box::new(csv_records(input)?),
    })
}

fn jsonl(input: impl BufRead) -> JsonLines<impl BufRead> {
    JsonLines { input, line: 0 }
}

/// The lines of a JSON Lines input, blank ones skipped; a line that is not UTF-8 is a record
/// to reject, not the end of the input.
struct JsonLines<R> {
    input: R,
    line: usize,
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = std::io::Result<(usize, RawRecord)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let mut bytes = Vec::new();
            match self.input.read_until(b'\n', &mut bytes) {
                Ok(0) => return None,
                Ok(_) => self.line += 1,
                Err(e) => return Some(Err(e)),
            }
            if bytes.last() == Some(&b'\n') {
                bytes.pop();
                if bytes.last() == Some(&b'\r') {
                    bytes.pop();
                }
            }
            let raw = match String::from_utf8(bytes) {
                Ok(text) if text.trim().is_empty() => continue,
                Ok(text) => RawRecord::Json(text),
                Err(e) => RawRecord::Read(Err(format!(
                    "not UTF-8: an invalid byte after {} bytes",
                    e.utf8_error().valid_up_to()
                ))),
            };
            return Some(Ok((self.line, raw)));
        }
    }
}

fn parse_json_line(line: &str) -> Parsed {
    match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(record)) => Ok(record),
        Ok(_) => Err("not a JSON object".to_owned()),
        Err(e) => Err(format!("not JSON: {e}")),
    }
}

/// The columns that name a "Customer Support on Twitter" export.
const TWCS_COLUMNS: [&str; 5] = ["tweet_id", "author_id", "inbound", "created_at", "text"];

fn csv_records(mut input: Box<dyn BufRead + Send>) -> std::io::Result<CsvRows> {
    let crlf = {
        let start = input.fill_buf()?;
        let first_break = start.iter().position(|&b| b == b'\n');
        first_break.is_some_and(|at| at > 0 && start[at - 1] == b'\r')
    };
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let header: Vec<String> = reader
        .headers()
        .map_err(csv_io)?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let twcs = TWCS_COLUMNS.iter().all(|c| header.iter().any(|h| h == c));
    Ok(CsvRows {
        reader,
        header,
        twcs,
        crlf,
        row: csv::StringRecord::new(),
    })
}

/// The rows of a CSV input as records.
struct CsvRows {
    reader: csv::Reader<Box<dyn BufRead + Send>>,
    header: Vec<String>,
    twcs: bool,
    /// Whether lines end in CR LF (the reader counts such a line's break only on the next read).
    crlf: bool,
    row: csv::StringRecord,
}

impl Iterator for CsvRows {
    type Item = std::io::Result<(usize, RawRecord)>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.reader.read_record(&mut self.row) {
            Ok(false) => None,
            Ok(true) => {
                let began = self.row.position().map_or(1, csv::Position::line);
                let ended = self.reader.position().line();
                let line = start_line(began, ended, self.crlf, &self.row);
                let parsed = if self.row.len() != self.header.len() {
                    Err(format!(
                        "{} cells where the header has {} columns",
                        self.row.len(),
                        self.header.len()
                    ))
                } else if self.twcs {
                    twcs_post(&self.header, &self.row)
                } else {
                    csv_record(&self.header, &self.row)
                };
                Some(Ok((line, RawRecord::Read(parsed))))
            }
            Err(e) => match e.kind() {
                csv::ErrorKind::Io(_) => Some(Err(csv_io(e))),
                _ => {
                    let line = e.position().map_or(0, csv::Position::line);
                    let line = usize::try_from(line).unwrap_or(usize::MAX);
                    Some(Ok((line, RawRecord::Read(Err(format!("not CSV: {e}"))))))
                }
            },
        }
    }
}

/// The line a CSV record starts on. The reader's record position is where it began reading,
/// before the blank lines it skips, so the start is worked back from where it stopped: less
/// the line breaks inside quoted cells and the record's own break (counted at once after LF,
/// on the next read after CR LF). Never before where it began; a last record without a
/// final line break after blank lines is the one case this puts a line early.
fn start_line(began: u64, ended: u64, crlf: bool, row: &csv::StringRecord) -> usize {
    let inside: u64 = row
        .iter()
        .map(|cell| cell.matches('\n').count() as u64)
        .sum();
    let own_break = u64::from(!crlf);
    let start = ended.saturating_sub(inside + own_break).max(began);
    usize::try_from(start).unwrap_or(usize::MAX)
}

fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{other:?}")),
    }
}

/// Fields whose cells are numbers, wherever they sit (`followers`, `author.followers`).
const NUMBER_FIELDS: [&str; 11] = [
    "followers",
    "likes",
    "shares",
    "replies",
    "quotes",
    "clicks",
    "saves",
    "impressions",
    "reach",
    "sentiment_score",
    "flame_risk",
];
/// Fields whose cells are lists written as JSON (as `kizuna classify --to csv` writes them).
const LIST_FIELDS: [&str; 4] = ["intents", "evidence", "entities", "flame_reasons"];
/// Fields whose cells are flags.
const FLAG_FIELDS: [&str; 5] = [
    "is_brand",
    "is_share",
    "automated",
    "resolves",
    "needs_reply",
];

/// A CSV row as a record: dotted columns nest, counts and flags are typed, empty cells are
/// absent.
fn csv_record(header: &[String], row: &csv::StringRecord) -> Parsed {
    let mut record = Map::new();
    for (column, cell) in header.iter().zip(row.iter()) {
        if cell.is_empty() || column.is_empty() {
            continue;
        }
        let name = column.rsplit('.').next().unwrap_or(column);
        let value = if NUMBER_FIELDS.contains(&name) {
            let number: f64 = cell
                .trim()
                .parse()
                .map_err(|_| format!("column {column:?}: {cell:?} is not a number"))?;
            serde_json::Number::from_f64(number)
                .map(Value::Number)
                .ok_or_else(|| format!("column {column:?}: {cell:?} is not a finite number"))?
        } else if LIST_FIELDS.contains(&name) {
            serde_json::from_str::<Value>(cell)
                .ok()
                .filter(Value::is_array)
                .ok_or_else(|| format!("column {column:?}: {cell:?} is not a JSON list"))?
        } else if FLAG_FIELDS.contains(&name) {
            Value::Bool(flag(cell).ok_or_else(|| {
                format!("column {column:?}: {cell:?} is not true/false, yes/no or 1/0")
            })?)
        } else {
            Value::String(cell.to_owned())
        };
        insert_dotted(&mut record, column, value)?;
    }
    Ok(record)
}

fn flag(cell: &str) -> Option<bool> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Some(true),
        "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// Puts `value` at the dotted path `column` (`author.id`), making the objects on the way.
fn insert_dotted(
    record: &mut Map<String, Value>,
    column: &str,
    value: Value,
) -> Result<(), String> {
    let mut parts = column.split('.').peekable();
    let mut object = record;
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            object.insert(part.to_owned(), value);
            return Ok(());
        }
        let next = object
            .entry(part.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        object = next
            .as_object_mut()
            .ok_or_else(|| format!("column {column:?}: {part:?} is both a value and an object"))?;
    }
    Ok(())
}

/// A "Customer Support on Twitter" row as a post: the brand's tweets (`inbound` False) are
/// the brand's, times become RFC 3339, the parent tweet becomes `in_reply_to`.
fn twcs_post(header: &[String], row: &csv::StringRecord) -> Parsed {
    let cell = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .and_then(|i| row.get(i))
            .map(str::to_owned)
    };
    let inbound = cell("inbound").unwrap_or_default();
    let tweet = TwcsRecord {
        tweet_id: cell("tweet_id").unwrap_or_default(),
        author_id: cell("author_id").unwrap_or_default(),
        inbound: flag(&inbound)
            .ok_or_else(|| format!("inbound must be True or False, not {inbound:?}"))?,
        created_at: cell("created_at").unwrap_or_default(),
        text: cell("text").unwrap_or_default(),
        response_tweet_id: cell("response_tweet_id"),
        in_response_to_tweet_id: cell("in_response_to_tweet_id"),
    };
    let text = tweet.text.clone();
    let event = Event::try_from(tweet).map_err(|e| e.to_string())?;
    let post = serde_json::json!({
        "id": event.id,
        "platform": "twitter",
        "created_at": event.created_at.to_string(),
        "author": {"id": event.author_id, "handle": event.author_id, "is_brand": event.is_brand},
        "text": text,
        "in_reply_to": event.in_reply_to,
    });
    match post {
        Value::Object(record) => Ok(record),
        _ => Err("a post is an object".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &'static str, format: InputFormat) -> Vec<(usize, Parsed)> {
        records(Box::new(text.as_bytes()), format)
            .expect("header")
            .map(|item| item.map(|(line, raw)| (line, raw.parse())))
            .collect::<std::io::Result<Vec<_>>>()
            .expect("in memory")
    }

    #[test]
    fn the_extension_names_the_format_unless_the_flag_does() {
        let csv = Path::new("export.CSV");
        assert_eq!(InputFormat::detect(None, Some(csv)), InputFormat::Csv);
        assert_eq!(
            InputFormat::detect(None, Some(Path::new("a.jsonl"))),
            InputFormat::Jsonl
        );
        assert_eq!(InputFormat::detect(None, None), InputFormat::Jsonl);
        let flag = Some(InputFormat::Jsonl);
        assert_eq!(InputFormat::detect(flag, Some(csv)), InputFormat::Jsonl);
    }

    #[test]
    fn csv_columns_nest_and_are_typed_and_bad_cells_are_reported() {
        let rows = read(
            "id,text,author.id,author.followers,author.is_brand,metrics.likes\n\
             1,\"hello, world\",u1,120,no,\n\
             2,x,u2,many,no,3\n\
             3,y,u3\n",
            InputFormat::Csv,
        );
        let first = rows[0].1.as_ref().expect("a record");
        assert_eq!(rows[0].0, 2);
        assert_eq!(first["text"], "hello, world");
        assert_eq!(first["author"]["followers"], 120.0);
        assert_eq!(first["author"]["is_brand"], false);
        assert!(first.get("metrics").is_none(), "empty cells are absent");
        assert!(rows[1].1.as_ref().unwrap_err().contains("not a number"));
        assert!(rows[2].1.as_ref().unwrap_err().contains("3 cells"));
    }

    #[test]
    fn twcs_rows_become_posts_of_their_threads() {
        let rows = read(
            "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n\
             8,115712,True,Tue Oct 31 21:45:10 +0000 2017,@sprintcare is the worst,6,\n\
             6,sprintcare,False,Tue Oct 31 21:46:24 +0000 2017,@115712 Sorry to hear that.,,8\n\
             9,115713,maybe,Tue Oct 31 21:45:10 +0000 2017,x,,\n",
            InputFormat::Csv,
        );
        let customer = rows[0].1.as_ref().expect("a post");
        assert_eq!(customer["created_at"], "2017-10-31T21:45:10Z");
        assert_eq!(customer["author"]["is_brand"], false);
        assert_eq!(customer["in_reply_to"], Value::Null);
        let brand = rows[1].1.as_ref().expect("a post");
        assert_eq!(brand["author"]["is_brand"], true);
        assert_eq!(brand["in_reply_to"], "8");
        let post: kizuna::engage::Post =
            serde_json::from_value(Value::Object(brand.clone())).expect("a Post");
        assert_eq!(post.author.id, "sprintcare");
        assert!(rows[2].1.as_ref().unwrap_err().contains("True or False"));
    }

    #[test]
    fn csv_lines_count_blank_lines_multi_line_cells_and_crlf() {
        let rows = read(
            "id,text\r\n\r\n\r\n1,a\r\n2,\"two\r\nlines\"\r\n\n3,c",
            InputFormat::Csv,
        );
        let lines: Vec<usize> = rows.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [4, 5, 8]);
        let lf = read("id,text\n\n1,a\n2,\"b\nc\"\n\n\n3,d\n4,e", InputFormat::Csv);
        assert_eq!(
            lf.iter().map(|(line, _)| *line).collect::<Vec<_>>(),
            [3, 4, 8, 9]
        );
        let lists = read(
            "id,intents\n1,\"[\"\"question\"\"]\"\n2,question\n",
            InputFormat::Csv,
        );
        assert_eq!(
            lists[0].1.as_ref().expect("a record")["intents"],
            serde_json::json!(["question"])
        );
        assert!(lists[1].1.as_ref().unwrap_err().contains("not a JSON list"));
    }

    #[test]
    fn a_line_that_is_not_utf8_is_rejected_alone() {
        let input: &'static [u8] = b"{\"a\": 1}\n{\"text\": \"\xff\"}\r\n\n{\"a\": 2}";
        let rows: Vec<(usize, Parsed)> = records(Box::new(input), InputFormat::Jsonl)
            .expect("JSON Lines")
            .map(|item| item.map(|(line, raw)| (line, raw.parse())))
            .collect::<std::io::Result<Vec<_>>>()
            .expect("in memory");
        assert_eq!(rows.len(), 3);
        assert_eq!((rows[1].0, rows[2].0), (2, 4));
        assert!(rows[1].1.as_ref().unwrap_err().contains("not UTF-8"));
        assert_eq!(rows[2].1.as_ref().expect("a record")["a"], 2);
    }

    #[test]
    fn json_lines_skip_blank_lines_and_report_the_rest() {
        let rows = read("{\"a\": 1}\n\n[1]\nnope\n", InputFormat::Jsonl);
        assert_eq!(rows.len(), 3);
        assert_eq!((rows[1].0, rows[2].0), (3, 4));
        assert!(
            rows[1]
                .1
                .as_ref()
                .unwrap_err()
                .contains("not a JSON object")
        );
        assert!(rows[2].1.as_ref().unwrap_err().contains("not JSON"));
    }
}
