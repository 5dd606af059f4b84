//! Records out as JSON Lines, CSV or an aligned table for a terminal.
//!
//! CSV flattens nested objects into dotted columns (`author.id`), the way the CSV reader
//! nests them back, and writes lists and deeper values as JSON text. Its header is the first
//! record's fields: a field that first appears later cannot have a column, so it is named on
//! standard error at the end (JSON Lines keeps everything).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use serde_json::{Map, Value};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The shape of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// One JSON object a line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Aligned columns for reading in a terminal.
    Table,
}

impl OutputFormat {
    /// The format `flag` names, else the one the output file's extension says, else JSON Lines.
    pub fn detect(flag: Option<OutputFormat>, path: Option<&Path>) -> OutputFormat {
        flag.unwrap_or_else(|| {
            let extension = path.and_then(Path::extension).and_then(|e| e.to_str());
            match extension {
                Some(e) if e.eq_ignore_ascii_case("csv") => OutputFormat::Csv,
                _ => OutputFormat::Jsonl,
            }
        })
    }
}

/// Writes records in one format.
pub struct RecordWriter<W: Write> {
    out: Sink<W>,
    /// The CSV header, or the table's columns.
    columns: Option<Vec<String>>,
    /// The columns a table shows (`None`: the first record's).
    table_columns: Option<Vec<String>>,
    /// CSV fields that had no column.
    left_out: BTreeSet<String>,
}

/// JSON Lines and tables write straight through; CSV goes through the `csv` crate's quoting.
enum Sink<W: Write> {
    Jsonl(W),
    Csv(Box<csv::Writer<W>>),
    Table(W),
}

/// Widest a table cell gets, in terminal columns; the last column (usually the text) is not cut.
const CELL_WIDTH: usize = 14;

impl<W: Write> RecordWriter<W> {
    /// A writer of `format`; a table shows `table_columns` (dotted paths) when given.
    pub fn new(out: W, format: OutputFormat, table_columns: Option<&[&str]>) -> Self {
        let out = match format {
            OutputFormat::Jsonl => Sink::Jsonl(out),
            OutputFormat::Csv => Sink::Csv(Box::new(csv::Writer::from_writer(out))),
            OutputFormat::Table => Sink::Table(out),
        };
        RecordWriter {
            out,
            columns: None,
            table_columns: table_columns.map(|c| c.iter().map(|&s| s.to_owned()).collect()),
            left_out: BTreeSet::new(),
        }
    }

    /// Writes one record.
    pub fn write(&mut self, record: &Map<String, Value>) -> std::io::Result<()> {
        match &mut self.out {
            Sink::Jsonl(out) => {
                serde_json::to_writer(&mut *out, record)?;
                out.write_all(b"\n")
            }
            Sink::Csv(out) => write_csv(out, &mut self.columns, &mut self.left_out, record),
            Sink::Table(out) => write_table(
                out,
                &mut self.columns,
                self.table_columns.as_deref(),
                record,
            ),
        }
    }

    /// Whether records go out as JSON Lines, so that workers can serialise them.
    pub fn writes_json_lines(&self) -> bool {
        matches!(self.out, Sink::Jsonl(_))
    }

    /// Writes one record already serialised as JSON; only a JSON Lines writer takes one
    /// (see [`RecordWriter::writes_json_lines`]).
    pub fn write_json_line(&mut self, json: &[u8]) -> std::io::Result<()> {
        match &mut self.out {
            Sink::Jsonl(out) => {
                out.write_all(json)?;
                out.write_all(b"\n")
            }
            _ => Err(std::io::Error::other(
                "a JSON line handed to a CSV or table writer",
            )),
        }
    }

    /// Sends what is buffered on to the output.
    pub fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.out {
            Sink::Jsonl(out) | Sink::Table(out) => out.flush(),
            Sink::Csv(out) => out.flush(),
        }
    }

    /// Flushes the output and returns the CSV fields that had no column.
    pub fn finish(self) -> std::io::Result<BTreeSet<String>> {
        match self.out {
            Sink::Jsonl(mut out) | Sink::Table(mut out) => out.flush()?,
            Sink::Csv(mut out) => out.flush()?,
        }
        Ok(self.left_out)
    }
}

fn write_csv<W: Write>(
    out: &mut csv::Writer<W>,
    header: &mut Option<Vec<String>>,
    left_out: &mut BTreeSet<String>,
    record: &Map<String, Value>,
) -> std::io::Result<()> {
    let mut flat = Vec::new();
    flatten("", record, &mut flat);
    let columns = match header {
        Some(columns) => columns,
        None => {
            let columns: Vec<String> = flat.iter().map(|(k, _)| k.clone()).collect();
            out.write_record(&columns)?;
            header.insert(columns)
        }
    };
    for (key, _) in &flat {
        if !columns.contains(key) {
            left_out.insert(key.clone());
        }
    }
    let cells: Vec<String> = columns
        .iter()
        .map(|c| {
            flat.iter()
                .find(|(k, _)| k == c)
                .map_or(String::new(), |(_, v)| cell_text(v))
        })
        .collect();
    Ok(out.write_record(&cells)?)
}

fn write_table<W: Write>(
    out: &mut W,
    header: &mut Option<Vec<String>>,
    shown: Option<&[String]>,
    record: &Map<String, Value>,
) -> std::io::Result<()> {
    let columns = match header {
        Some(columns) => columns,
        None => {
            let columns = shown
                .map(<[String]>::to_vec)
                .unwrap_or_else(|| record.keys().cloned().collect());
            writeln!(out, "{}", table_line(&columns))?;
            header.insert(columns)
        }
    };
    let cells: Vec<String> = columns
        .iter()
        .map(|c| lookup(record, c).map_or(String::new(), table_text))
        .collect();
    writeln!(out, "{}", table_line(&cells))
}

/// `(dotted path, value)` for every leaf of `record`; lists stay whole.
fn flatten(prefix: &str, record: &Map<String, Value>, flat: &mut Vec<(String, Value)>) {
    for (key, value) in record {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Value::Object(inner) if !inner.is_empty() => flatten(&path, inner, flat),
            other => flat.push((path, other.clone())),
        }
    }
}

fn lookup<'r>(record: &'r Map<String, Value>, path: &str) -> Option<&'r Value> {
    let mut parts = path.split('.');
    let mut value = record.get(parts.next()?)?;
    for part in parts {
        value = value.get(part)?;
    }
    Some(value)
}

/// A CSV cell: strings as they are, null empty, numbers and flags as JSON writes them,
/// lists and objects as JSON text.
fn cell_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A table cell: lists joined by commas, numbers to three decimals, line breaks as spaces.
fn table_text(value: &Value) -> String {
    match value {
        Value::Array(items) => items.iter().map(table_text).collect::<Vec<_>>().join(","),
        Value::Number(n) if n.is_f64() => format!("{:.3}", n.as_f64().unwrap_or(f64::NAN)),
        other => printable(&cell_text(other)),
    }
}

/// `text` safe to print on a terminal: control characters (escape sequences among them) and
/// line or paragraph separators become spaces, so that no input can move the cursor, retitle
/// the window or break a row.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Cells padded (or cut with `…`) to [`CELL_WIDTH`] terminal columns, the last one whole.
fn table_line(cells: &[String]) -> String {
    let mut line = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i + 1 == cells.len() {
            line.push_str(cell);
            break;
        }
        let fitted = fit(cell, CELL_WIDTH);
        let pad = CELL_WIDTH.saturating_sub(fitted.width());
        line.push_str(&fitted);
        line.extend(std::iter::repeat_n(' ', pad + 2));
    }
    line
}

/// `text` cut to `width` terminal columns (wide CJK characters count two), with `…` where cut.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(
        format: OutputFormat,
        columns: Option<&[&str]>,
        records: &[Value],
    ) -> (String, BTreeSet<String>) {
        let mut out = Vec::new();
        let mut writer = RecordWriter::new(&mut out, format, columns);
        for r in records {
            writer
                .write(r.as_object().expect("object"))
                .expect("in memory");
        }
        let left_out = writer.finish().expect("in memory");
        (String::from_utf8(out).expect("UTF-8"), left_out)
    }

    #[test]
    fn csv_flattens_quotes_and_names_late_fields() {
        let records = [
            serde_json::json!({"id": "1", "text": "a, \"b\"", "author": {"id": "u1"}, "intents": ["question"]}),
            serde_json::json!({"id": "2", "text": "c", "author": {"id": "u2"}, "extra": 1}),
        ];
        let (csv, left_out) = written(OutputFormat::Csv, None, &records);
        assert_eq!(
            csv,
            "id,text,author.id,intents\n1,\"a, \"\"b\"\"\",u1,\"[\"\"question\"\"]\"\n2,c,u2,\n"
        );
        assert_eq!(left_out.into_iter().collect::<Vec<_>>(), ["extra"]);
    }

    #[test]
    fn tables_align_wide_characters_and_cut_long_cells() {
        let records = [
            serde_json::json!({"id": "1", "sentiment": "negative", "score": -0.5, "text": "繋がらない"}),
            serde_json::json!({"id": "22222222222222222222", "sentiment": "positive", "score": 0.25, "text": "ok"}),
        ];
        let (table, _) = written(
            OutputFormat::Table,
            Some(&["id", "score", "text"]),
            &records,
        );
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines[0],
            format!("id{}score{}text", " ".repeat(14), " ".repeat(11))
        );
        assert_eq!(
            lines[1],
            format!("1{}-0.500{}繋がらない", " ".repeat(15), " ".repeat(10))
        );
        assert!(
            lines[2].starts_with("2222222222222…  0.250"),
            "{}",
            lines[2]
        );
    }

    #[test]
    fn tables_print_no_control_characters() {
        let records = [
            serde_json::json!({"id": "1\u{1b}]0;owned\u{7}", "text": "a\u{1b}[2Jb\u{2028}c\u{85}d"}),
        ];
        let (table, _) = written(OutputFormat::Table, None, &records);
        assert!(
            !table.chars().any(|c| c.is_control() && c != '\n'),
            "{table:?}"
        );
        assert!(table.contains("a [2Jb c d"), "{table:?}");
    }

    #[test]
    fn the_output_extension_picks_csv() {
        let path = Path::new("out.csv");
        assert_eq!(OutputFormat::detect(None, Some(path)), OutputFormat::Csv);
        assert_eq!(OutputFormat::detect(None, None), OutputFormat::Jsonl);
        assert_eq!(
            OutputFormat::detect(Some(OutputFormat::Table), Some(path)),
            OutputFormat::Table
        );
    }
}
