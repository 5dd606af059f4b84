//! Holidays: the built-in Japanese calendar ([`japanese_holidays`]), and lists users bring for
//! other countries or their own closures ([`parse_holidays`]).
//!
//! A holiday list is CSV (`date,name` per line, a header line allowed, the name optional and
//! quoted when it holds a comma) or JSON (an array of `{"date": …, "name": …}`), dates in ISO
//! form (`2026-12-31`).
//!
//! ```
//! use kizuna::sla::holidays::parse_holidays;
//!
//! let csv = "date,name\n2026-12-31,年末休業\n2027-01-02,\"New Year, day 2\"\n";
//! let days = parse_holidays(csv)?;
//! assert_eq!(days[1].name_en, "New Year, day 2");
//! let json = r#"[{"date": "2026-07-04", "name": "Independence Day"}]"#;
//! assert_eq!(parse_holidays(json)?[0].date.to_string(), "2026-07-04");
//! # Ok::<(), kizuna::Error>(())
//! ```

use std::borrow::Cow;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

mod japan;

pub use japan::{SUPPORTED_YEARS, japanese_holidays, japanese_holidays_in};

/// One day off, with its names.
///
/// ```
/// use kizuna::sla::holidays::{japanese_holidays, HolidayKind};
///
/// let new_year = &japanese_holidays(2027)?[0];
/// assert_eq!((new_year.name_ja.as_ref(), new_year.name_en.as_ref()), ("元日", "New Year's Day"));
/// assert_eq!(new_year.kind, HolidayKind::National);
/// # Ok::<(), kizuna::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// The day.
    pub date: Date,
    /// Its Japanese name (a user list's one name).
    pub name_ja: Cow<'static, str>,
    /// Its English name (a user list's one name).
    pub name_en: Cow<'static, str>,
    /// What made it a holiday.
    pub kind: HolidayKind,
}

/// What made a day a holiday.
///
/// ```
/// use kizuna::sla::holidays::{japanese_holidays, HolidayKind};
///
/// let kinds: Vec<HolidayKind> = japanese_holidays(2015)?.iter().map(|h| h.kind).collect();
/// assert!(kinds.contains(&HolidayKind::Bridge)); // 22 September, Silver Week
/// # Ok::<(), kizuna::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// A national holiday (国民の祝日).
    National,
    /// A day set by a special act (an imperial wedding, funeral or enthronement).
    Special,
    /// A substitute holiday (振替休日) for a national holiday on a Sunday.
    Substitute,
    /// A citizens' holiday (国民の休日) between two national holidays.
    Bridge,
    /// A day from a user's list.
    Custom,
}

/// One record of a JSON holiday list.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    date: String,
    #[serde(default)]
    name: String,
}

/// Reads a holiday list, CSV or JSON (see the [module docs](self)); every day is
/// [`HolidayKind::Custom`].
///
/// # Errors
///
/// [`Error::Parse`] naming the line (CSV) or record (JSON) that is not a holiday.
///
/// ```
/// use kizuna::sla::holidays::parse_holidays;
///
/// let err = parse_holidays("2026-12-31,ok\n2026-13-01,bad month\n").unwrap_err();
/// assert!(err.to_string().contains("line 2"));
/// ```
pub fn parse_holidays(text: &str) -> Result<Vec<Holiday>> {
    if text.trim_start().starts_with('[') {
        let records: Vec<Record> = serde_json::from_str(text).map_err(|e| Error::Parse {
            what: "holiday list".into(),
            line: e.line(),
            reason: e.to_string(),
        })?;
        return records
            .into_iter()
            .enumerate()
            .map(|(i, r)| custom(&r.date, r.name, i + 1))
            .collect();
    }
    let mut days = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let fields = csv_fields(line).map_err(|reason| Error::Parse {
            what: "holiday list".into(),
            line: index + 1,
            reason,
        })?;
        match fields.as_slice() {
            [] => continue,
            [first, ..] if index == 0 && first.eq_ignore_ascii_case("date") => continue,
            [date] => days.push(custom(date, String::new(), index + 1)?),
            [date, name] => days.push(custom(date, name.clone(), index + 1)?),
            _ => {
                return Err(Error::Parse {
                    what: "holiday list".into(),
                    line: index + 1,
                    reason: "expected `date,name`".into(),
                });
            }
        }
    }
    Ok(days)
}

fn custom(date: &str, name: String, line: usize) -> Result<Holiday> {
    let date: Date = date.trim().parse().map_err(|e| Error::Parse {
        what: "holiday list".into(),
        line,
        reason: format!("{date:?} is not a date (YYYY-MM-DD): {e}"),
    })?;
    let name: Cow<'static, str> = Cow::Owned(name);
    Ok(Holiday {
        date,
        name_ja: name.clone(),
        name_en: name,
        kind: HolidayKind::Custom,
    })
}

/// The fields of one CSV line: comma-separated, optionally double-quoted with `""` for a quote.
fn csv_fields(line: &str) -> std::result::Result<Vec<String>, String> {
    let line = line.trim_end_matches('\r');
    if line.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut fields = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some(c) => field.push(c),
                    None => return Err("unclosed quote".into()),
                }
            }
            if !matches!(chars.peek(), None | Some(',')) {
                return Err("text after a closing quote".into());
            }
        } else {
            while let Some(&c) = chars.peek().filter(|&&c| c != ',') {
                field.push(c);
                chars.next();
            }
        }
        fields.push(field.trim().to_owned());
        if chars.next().is_none() {
            return Ok(fields);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_headers() {
        let days =
            parse_holidays("Date,Name\n2026-01-02,\"say \"\"hi\"\"\"\n\n2026-01-03\n").unwrap();
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].name_ja, "say \"hi\"");
        assert_eq!(days[1].name_en, "");
    }

    #[test]
    fn bad_lists_name_the_line() {
        for (text, line) in [
            ("2026-01-01,a,b\n", 1),
            ("2026-01-01\nnot a date\n", 2),
            ("\"open,2026\n", 1),
            ("[{\"date\": \"2026-02-30\"}]", 1),
            ("[{\"date\": \"2026-02-03\", \"when\": 1}]", 1),
        ] {
            match parse_holidays(text) {
                Err(Error::Parse { line: got, .. }) => assert_eq!(got, line, "{text:?}"),
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }
}
