//! Calendars from configuration documents (JSON or TOML), and the built-in Japanese one.
//!
//! ```
//! use kizuna::sla::{Calendar, CalendarConfig};
//!
//! let config: CalendarConfig = kizuna::config::parse(r#"
//! time_zone = "Asia/Tokyo"
//! japanese_holidays = true
//! closed = ["2026-12-29", "2026-12-30", "2026-12-31"]
//!
//! [hours]
//! mon-fri = "09:00-12:00, 13:00-18:00"
//! sat = "10:00-14:00"
//! "#, "calendar")?;
//! let cal = Calendar::from_config(&config)?;
//! assert!(cal.is_closed_day(jiff::civil::date(2026, 12, 30)));
//! # Ok::<(), kizuna::Error>(())
//! ```

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::holidays::{Holiday, HolidayKind};
use super::{Calendar, Weekdays};
use crate::{Error, Result};

/// A business calendar as written in a configuration document; see the [module docs](self).
///
/// ```
/// let config: kizuna::sla::CalendarConfig =
///     serde_json::from_str(r#"{"time_zone": "UTC", "hours": {"mon-fri": "09:00-17:00"}}"#).unwrap();
/// assert_eq!(config.hours["mon-fri"], "09:00-17:00");
/// assert!(!config.japanese_holidays);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarConfig {
    /// The IANA time zone (`Asia/Tokyo`).
    pub time_zone: String,
    /// Weekly hours: weekdays (`mon-fri`, `sat,sun`, `wed`; see [`Weekdays`]) to
    /// `HH:MM-HH:MM[, …]` intervals. No day may be named twice.
    #[serde(default)]
    pub hours: BTreeMap<String, String>,
    /// Close the Japanese public holidays.
    #[serde(default)]
    pub japanese_holidays: bool,
    /// Other days off.
    #[serde(default)]
    pub holidays: Vec<HolidayEntry>,
    /// One-off closures.
    #[serde(default)]
    pub closed: Vec<Date>,
    /// Extra open days (even on a holiday or a weekend) and their hours.
    #[serde(default)]
    pub open: BTreeMap<Date, String>,
    /// The first and last year covered (default [`DEFAULT_YEARS`](super::DEFAULT_YEARS)).
    #[serde(default)]
    pub years: Option<[i16; 2]>,
}

/// One day off in a [`CalendarConfig`].
///
/// ```
/// let day: kizuna::sla::HolidayEntry = serde_json::from_str(r#"{"date": "2026-07-04", "name": "Independence Day"}"#).unwrap();
/// assert_eq!(day.name, "Independence Day");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayEntry {
    /// The day.
    pub date: Date,
    /// Its name.
    #[serde(default)]
    pub name: String,
}

impl Calendar {
    /// Builds the calendar a [`CalendarConfig`] describes.
    ///
    /// # Errors
    ///
    /// [`Error::Hours`] for hours that do not parse or a weekday named twice, and the errors of
    /// [`CalendarBuilder::build`](super::CalendarBuilder::build).
    ///
    /// ```
    /// use kizuna::sla::{Calendar, CalendarConfig};
    ///
    /// let twice: CalendarConfig = serde_json::from_str(
    ///     r#"{"time_zone": "UTC", "hours": {"mon-fri": "09:00-17:00", "fri": "10:00-12:00"}}"#).unwrap();
    /// let err = Calendar::from_config(&twice).unwrap_err();
    /// assert!(err.to_string().contains("Friday"));
    /// ```
    pub fn from_config(config: &CalendarConfig) -> Result<Calendar> {
        let mut builder = Calendar::builder(&config.time_zone);
        let mut named = Weekdays::default();
        for (days, hours) in &config.hours {
            let parsed: Weekdays = days.parse()?;
            if let Some(day) = parsed.iter().find(|d| named.contains(*d)) {
                return Err(Error::Hours {
                    spec: days.clone(),
                    reason: format!("{day:?} already has hours under another key"),
                });
            }
            named = named.union(parsed);
            builder = builder.hours(parsed, hours)?;
        }
        if config.japanese_holidays {
            builder = builder.japanese_holidays();
        }
        builder = builder.holidays(config.holidays.iter().map(|h| Holiday {
            date: h.date,
            name_ja: h.name.clone().into(),
            name_en: h.name.clone().into(),
            kind: HolidayKind::Custom,
        }));
        for &date in &config.closed {
            builder = builder.closed(date);
        }
        for (&date, hours) in &config.open {
            builder = builder.open(date, hours)?;
        }
        if let Some([first, last]) = config.years {
            builder = builder.years(first..=last);
        }
        builder.build()
    }

    /// The usual Japanese support desk: `Asia/Tokyo`, Monday to Friday 09:00–18:00, closed on
    /// the Japanese public holidays (土日祝休み), over [`DEFAULT_YEARS`](super::DEFAULT_YEARS).
    /// Company closures such as 年末年始 differ from firm to firm: add them with a
    /// [`CalendarConfig`] or [`CalendarBuilder::closed`](super::CalendarBuilder::closed).
    ///
    /// # Errors
    ///
    /// None in practice (the zone and the holiday rules are built in); the `Result` is that of
    /// [`CalendarBuilder::build`](super::CalendarBuilder::build).
    ///
    /// ```
    /// use jiff::civil::date;
    ///
    /// let japan = kizuna::sla::Calendar::japan()?;
    /// assert!(japan.is_closed_day(date(2026, 11, 23))); // 勤労感謝の日
    /// assert!(!japan.is_closed_day(date(2026, 11, 24)));
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn japan() -> Result<Calendar> {
        Calendar::from_config(&CalendarConfig::japan())
    }
}

impl CalendarConfig {
    /// The configuration of [`Calendar::japan`], for callers that keep a calendar's
    /// configuration beside it (to save or send it).
    ///
    /// ```
    /// let japan = kizuna::sla::CalendarConfig::japan();
    /// assert_eq!((japan.time_zone.as_str(), japan.hours["mon-fri"].as_str()), ("Asia/Tokyo", "09:00-18:00"));
    /// assert!(japan.japanese_holidays);
    /// ```
    pub fn japan() -> CalendarConfig {
        CalendarConfig {
            time_zone: "Asia/Tokyo".into(),
            hours: [("mon-fri".to_owned(), "09:00-18:00".to_owned())].into(),
            japanese_holidays: true,
            holidays: Vec::new(),
            closed: Vec::new(),
            open: BTreeMap::new(),
            years: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn every_field_reaches_the_calendar() {
        let config: CalendarConfig = serde_json::from_str(
            r#"{"time_zone": "America/New_York",
                "hours": {"mon-fri": "08:00-20:00", "sat": "10:00-14:00"},
                "holidays": [{"date": "2026-11-26", "name": "Thanksgiving"}],
                "closed": ["2026-12-24"],
                "open": {"2026-12-27": "10:00-12:00"},
                "years": [2026, 2027]}"#,
        )
        .expect("valid config");
        let cal = Calendar::from_config(&config).expect("builds");
        assert_eq!(cal.years(), 2026..=2027);
        assert_eq!(
            cal.holiday(date(2026, 11, 26)).map(|h| h.name_en.as_ref()),
            Some("Thanksgiving")
        );
        assert!(cal.is_closed_day(date(2026, 12, 24)));
        let open_at = |d: i8, h: i8| {
            let at = date(2026, 12, d).at(h, 0, 0, 0).in_tz("America/New_York");
            cal.is_open(at.expect("valid").timestamp())
                .expect("in range")
        };
        assert!(open_at(23, 9)); // a Wednesday
        assert!(!open_at(24, 9)); // closed
        assert!(open_at(26, 11)); // Saturday hours
        assert!(!open_at(20, 11)); // an ordinary Sunday
        assert!(open_at(27, 11)); // a Sunday, opened
    }

    #[test]
    fn unknown_fields_and_bad_days_are_refused() {
        let typo = serde_json::from_str::<CalendarConfig>(r#"{"time_zone": "UTC", "hour": {}}"#);
        assert!(typo.is_err());
        let config: CalendarConfig =
            serde_json::from_str(r#"{"time_zone": "UTC", "hours": {"mon-fry": "09:00-17:00"}}"#)
                .expect("shape is fine");
        let err = Calendar::from_config(&config).unwrap_err();
        assert!(matches!(err, Error::Hours { .. }), "{err}");
    }
}
