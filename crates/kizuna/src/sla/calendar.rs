//! Business calendars: a time zone, weekly hours, holidays, closures and extra open days, and
//! the business time between two instants.
//!
//! A [`Calendar`] turns its rules into the list of its open intervals, as instants, once, for a
//! range of years: daylight saving time is settled there (an hour of business lost or gained
//! on the night clocks change is counted as it passed). Cumulative business seconds over that
//! list make [`Calendar::business_duration`] and [`Calendar::add_business`] binary searches:
//! O(log n), exact to the second, whatever the span.
//!
//! ```
//! use jiff::civil::{date, Weekday};
//! use jiff::SignedDuration;
//! use kizuna::sla::Calendar;
//!
//! // 土日祝休み, 9:00–12:00 and 13:00–18:00 in Tokyo.
//! let tokyo = Calendar::builder("Asia/Tokyo")
//!     .hours(Weekday::Monday..=Weekday::Friday, "09:00-12:00, 13:00-18:00")?
//!     .japanese_holidays()
//!     .build()?;
//! // A complaint on Friday 2026-11-20 at 17:00; 3 November was 文化の日, 23 November is a Monday
//! // holiday (勤労感謝の日): the reply due in 2 business hours is due on Tuesday at 10:00.
//! let asked = date(2026, 11, 20).at(17, 0, 0, 0).in_tz("Asia/Tokyo")?.timestamp();
//! let due = tokyo.add_business(asked, SignedDuration::from_hours(2))?;
//! assert_eq!(due.to_zoned(tokyo.time_zone().clone()).datetime(), date(2026, 11, 24).at(10, 0, 0, 0));
//! assert_eq!(tokyo.business_duration(asked, due)?, SignedDuration::from_hours(2));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::sync::Arc;

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::holidays::{Holiday, japanese_holidays};
use crate::{Error, Result};

/// The years a calendar covers unless told otherwise.
pub const DEFAULT_YEARS: RangeInclusive<i16> = 2000..=2060;

/// Seconds in a civil day; an interval may end at 24:00.
const DAY: u32 = 86_400;

/// A business calendar, built once and shared: immutable, `Send + Sync`, cheap to clone.
/// See the [module docs](self).
#[derive(Debug, Clone)]
pub struct Calendar {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    tz: TimeZone,
    years: RangeInclusive<i16>,
    holidays: BTreeMap<Date, Holiday>,
    /// Open intervals as Unix seconds, in order, none touching another.
    starts: Vec<i64>,
    ends: Vec<i64>,
    /// Business seconds before each interval (one more entry than intervals).
    before: Vec<i64>,
    /// The instants the intervals were computed for: `[first, last)`.
    first: i64,
    last: i64,
}

/// Hours of one day: intervals of seconds since local midnight, sorted, not overlapping.
type DayHours = Vec<(u32, u32)>;

/// Builds a [`Calendar`]; start with [`Calendar::builder`].
///
/// ```
/// use jiff::civil::{date, Weekday};
/// use kizuna::sla::Calendar;
///
/// let cal = Calendar::builder("America/New_York")
///     .hours(Weekday::Monday..=Weekday::Friday, "08:00-20:00")?
///     .hours([Weekday::Saturday], "10:00-14:00")?
///     .closed(date(2026, 12, 25))
///     .open(date(2026, 12, 27), "10:00-12:00")? // a Sunday, open for the rush
///     .years(2025..=2027)
///     .build()?;
/// assert!(cal.is_closed_day(date(2026, 12, 25)));
/// # Ok::<(), kizuna::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct CalendarBuilder {
    tz_name: String,
    weekly: [DayHours; 7],
    japanese: bool,
    holidays: Vec<Holiday>,
    closed: Vec<Date>,
    open: BTreeMap<Date, DayHours>,
    years: RangeInclusive<i16>,
}

impl Calendar {
    /// A builder for a calendar in the IANA time zone `tz_name` (the bundled tz database, so
    /// results are the same on every host), closed until hours are added.
    ///
    /// ```
    /// let cal = kizuna::sla::Calendar::builder("Asia/Tokyo").build()?;
    /// assert_eq!(cal.time_zone().iana_name(), Some("Asia/Tokyo"));
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn builder(tz_name: &str) -> CalendarBuilder {
        CalendarBuilder {
            tz_name: tz_name.to_owned(),
            weekly: Default::default(),
            japanese: false,
            holidays: Vec::new(),
            closed: Vec::new(),
            open: BTreeMap::new(),
            years: DEFAULT_YEARS,
        }
    }

    /// The calendar's time zone.
    ///
    /// ```
    /// let cal = kizuna::sla::Calendar::builder("Europe/London").build()?;
    /// assert_eq!(cal.time_zone().iana_name(), Some("Europe/London"));
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn time_zone(&self) -> &TimeZone {
        &self.inner.tz
    }

    /// The years the calendar covers.
    ///
    /// ```
    /// let cal = kizuna::sla::Calendar::builder("UTC").years(2024..=2026).build()?;
    /// assert_eq!(cal.years(), 2024..=2026);
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn years(&self) -> RangeInclusive<i16> {
        self.inner.years.clone()
    }

    /// The holiday on `date`, if the calendar keeps one there.
    ///
    /// ```
    /// use jiff::civil::date;
    ///
    /// let cal = kizuna::sla::Calendar::builder("Asia/Tokyo").japanese_holidays().build()?;
    /// assert_eq!(cal.holiday(date(2026, 5, 6)).unwrap().name_ja, "振替休日");
    /// assert!(cal.holiday(date(2026, 5, 7)).is_none());
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn holiday(&self, date: Date) -> Option<&Holiday> {
        self.inner.holidays.get(&date)
    }

    /// Whether `date` is closed all day by a holiday or closure (weekly hours aside).
    ///
    /// ```
    /// use jiff::civil::date;
    ///
    /// let cal = kizuna::sla::Calendar::builder("Asia/Tokyo").japanese_holidays().build()?;
    /// assert!(cal.is_closed_day(date(2027, 1, 1)));
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn is_closed_day(&self, date: Date) -> bool {
        self.inner.holidays.contains_key(&date)
    }

    /// Whether the calendar is open at `at`.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] when `at` is outside the calendar's years.
    ///
    /// ```
    /// use jiff::civil::{date, Weekday};
    ///
    /// let cal = kizuna::sla::Calendar::builder("Asia/Tokyo")
    ///     .hours(Weekday::Monday..=Weekday::Friday, "09:00-18:00")?
    ///     .build()?;
    /// let at = |h| date(2026, 11, 24).at(h, 0, 0, 0).in_tz("Asia/Tokyo").unwrap().timestamp();
    /// assert!(cal.is_open(at(9))?);
    /// assert!(!cal.is_open(at(18))?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_open(&self, at: Timestamp) -> Result<bool> {
        let t = self.second(at)?;
        let inner = &*self.inner;
        let count = inner.starts.partition_point(|&s| s <= t);
        Ok(count > 0 && t < inner.ends[count - 1])
    }

    /// The business time from `start` to `end`: the open seconds between them.
    ///
    /// # Errors
    ///
    /// [`Error::Order`] when `start` is after `end`; [`Error::OutOfRange`] when either is
    /// outside the calendar's years.
    ///
    /// ```
    /// use jiff::civil::{date, Weekday};
    /// use jiff::SignedDuration;
    ///
    /// let cal = kizuna::sla::Calendar::builder("Asia/Tokyo")
    ///     .hours(Weekday::Monday..=Weekday::Friday, "09:00-18:00")?
    ///     .build()?;
    /// let at = |d, h| date(2026, 11, d).at(h, 0, 0, 0).in_tz("Asia/Tokyo").unwrap().timestamp();
    /// // Friday 17:00 to Monday 10:00: one hour on Friday, one on Monday.
    /// assert_eq!(cal.business_duration(at(20, 17), at(23, 10))?, SignedDuration::from_hours(2));
    /// assert!(cal.business_duration(at(23, 10), at(20, 17)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn business_duration(&self, start: Timestamp, end: Timestamp) -> Result<SignedDuration> {
        if start > end {
            return Err(Error::Order {
                what: "business duration".into(),
                start: start.to_string(),
                end: end.to_string(),
            });
        }
        let (a, b) = (self.second(start)?, self.second(end)?);
        Ok(SignedDuration::from_secs(
            self.open_before(b) - self.open_before(a),
        ))
    }

    /// The earliest instant at which `duration` of business time has passed since `start`
    /// (a deadline). Zero gives `start` back.
    ///
    /// # Errors
    ///
    /// [`Error::Order`] for a negative duration; [`Error::OutOfRange`] when `start` or the
    /// deadline is outside the calendar's years.
    ///
    /// ```
    /// use jiff::civil::{date, Weekday};
    /// use jiff::SignedDuration;
    ///
    /// let cal = kizuna::sla::Calendar::builder("Asia/Tokyo")
    ///     .hours(Weekday::Monday..=Weekday::Friday, "09:00-18:00")?
    ///     .build()?;
    /// let sat = date(2026, 11, 21).at(12, 0, 0, 0).in_tz("Asia/Tokyo")?.timestamp();
    /// let due = cal.add_business(sat, SignedDuration::from_mins(30))?;
    /// assert_eq!(due.to_string(), "2026-11-23T00:30:00Z"); // Monday 9:30 in Tokyo
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_business(&self, start: Timestamp, duration: SignedDuration) -> Result<Timestamp> {
        if duration.is_negative() {
            return Err(Error::Order {
                what: "business duration to add".into(),
                start: "0s".into(),
                end: format!("{duration:#}"),
            });
        }
        let s = self.second(start)?;
        if duration.is_zero() {
            return Ok(start);
        }
        let inner = &*self.inner;
        let target = self.open_before(s) + duration.as_secs();
        // The interval in which the business seconds reach `target`.
        let index = inner.before[1..].partition_point(|&b| b < target);
        let (Some(&from), Some(&before)) = (inner.starts.get(index), inner.before.get(index))
        else {
            return Err(self.out_of_range(format!("{start} + {duration:#}")));
        };
        let at = from + (target - before);
        Timestamp::from_second(at).map_err(|e| self.out_of_range(e.to_string()))
    }

    /// Business seconds from the calendar's first instant up to `t`.
    fn open_before(&self, t: i64) -> i64 {
        let inner = &*self.inner;
        let count = inner.starts.partition_point(|&s| s <= t);
        match count.checked_sub(1) {
            None => 0,
            Some(last) => inner.before[last] + (t.min(inner.ends[last]) - inner.starts[last]),
        }
    }

    /// `at` in whole Unix seconds, if the calendar covers it.
    fn second(&self, at: Timestamp) -> Result<i64> {
        let t = at.as_second();
        let inner = &*self.inner;
        if t < inner.first || t >= inner.last {
            return Err(self.out_of_range(at.to_string()));
        }
        Ok(t)
    }

    fn out_of_range(&self, value: String) -> Error {
        let years = &self.inner.years;
        Error::OutOfRange {
            what: "instant for the business calendar".into(),
            value,
            range: format!("the years {}..={}", years.start(), years.end()),
        }
    }
}

impl CalendarBuilder {
    /// Opens `days` during `hours`: comma-separated `HH:MM-HH:MM` intervals in local time
    /// (`24:00` may end one), replacing what those days had.
    ///
    /// # Errors
    ///
    /// [`Error::Hours`] for an interval that does not parse, ends before it starts, or
    /// overlaps another.
    ///
    /// ```
    /// use jiff::civil::Weekday;
    ///
    /// let builder = kizuna::sla::Calendar::builder("Asia/Tokyo");
    /// assert!(builder.clone().hours([Weekday::Monday], "09:00-12:00,13:00-18:00").is_ok());
    /// assert!(builder.clone().hours([Weekday::Monday], "18:00-09:00").is_err());
    /// assert!(builder.hours([Weekday::Monday], "09:00-13:00,12:00-18:00").is_err());
    /// ```
    pub fn hours(mut self, days: impl Into<Weekdays>, hours: &str) -> Result<Self> {
        let parsed = parse_hours(hours)?;
        for day in days.into().iter() {
            self.weekly[weekday_index(day)] = parsed.clone();
        }
        Ok(self)
    }

    /// Closes the Japanese public holidays ([`japanese_holidays`]) of the calendar's years.
    ///
    /// ```
    /// use jiff::civil::date;
    ///
    /// let cal = kizuna::sla::Calendar::builder("Asia/Tokyo").japanese_holidays().years(2026..=2026).build()?;
    /// assert!(cal.is_closed_day(date(2026, 9, 22))); // 国民の休日
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn japanese_holidays(mut self) -> Self {
        self.japanese = true;
        self
    }

    /// Closes the days of a holiday list (see [`parse_holidays`](super::holidays::parse_holidays)).
    ///
    /// ```
    /// use jiff::civil::date;
    /// use kizuna::sla::holidays::parse_holidays;
    ///
    /// let us = parse_holidays("2026-07-04,Independence Day\n2026-11-26,Thanksgiving\n")?;
    /// let cal = kizuna::sla::Calendar::builder("America/New_York").holidays(us).build()?;
    /// assert_eq!(cal.holiday(date(2026, 11, 26)).unwrap().name_en, "Thanksgiving");
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn holidays(mut self, holidays: impl IntoIterator<Item = Holiday>) -> Self {
        self.holidays.extend(holidays);
        self
    }

    /// Closes one day (a one-off closure).
    ///
    /// ```
    /// use jiff::civil::date;
    ///
    /// let cal = kizuna::sla::Calendar::builder("UTC").closed(date(2026, 12, 31)).build()?;
    /// assert!(cal.is_closed_day(date(2026, 12, 31)));
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn closed(mut self, date: Date) -> Self {
        self.closed.push(date);
        self
    }

    /// Opens one day during `hours`, whatever its weekday and even on a holiday.
    ///
    /// # Errors
    ///
    /// [`Error::Hours`] as for [`hours`](Self::hours).
    ///
    /// ```
    /// use jiff::civil::date;
    ///
    /// let cal = kizuna::sla::Calendar::builder("Asia/Tokyo")
    ///     .japanese_holidays()
    ///     .open(date(2027, 1, 1), "10:00-15:00")? // open on New Year's Day for a campaign
    ///     .build()?;
    /// let noon = date(2027, 1, 1).at(12, 0, 0, 0).in_tz("Asia/Tokyo").unwrap().timestamp();
    /// assert!(cal.is_open(noon)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn open(mut self, date: Date, hours: &str) -> Result<Self> {
        self.open.insert(date, parse_hours(hours)?);
        Ok(self)
    }

    /// The years the calendar covers (default [`DEFAULT_YEARS`]); instants outside them are
    /// errors, never guesses.
    ///
    /// ```
    /// let cal = kizuna::sla::Calendar::builder("UTC").years(1990..=1991).build()?;
    /// assert_eq!(cal.years(), 1990..=1991);
    /// # Ok::<(), kizuna::Error>(())
    /// ```
    pub fn years(mut self, years: RangeInclusive<i16>) -> Self {
        self.years = years;
        self
    }

    /// Builds the calendar: its holidays, and its open intervals over its years.
    ///
    /// # Errors
    ///
    /// [`Error::TimeZone`] for an unknown time zone; [`Error::OutOfRange`] for an empty range
    /// of years, or Japanese holidays asked for years the rules do not cover.
    ///
    /// ```
    /// let err = kizuna::sla::Calendar::builder("Asia/Nowhere").build().unwrap_err();
    /// assert!(matches!(err, kizuna::Error::TimeZone { .. }));
    /// ```
    pub fn build(self) -> Result<Calendar> {
        let tz = TimeZone::get(&self.tz_name).map_err(|e| Error::TimeZone {
            name: self.tz_name.clone(),
            reason: e.to_string(),
        })?;
        let (first_year, last_year) = (*self.years.start(), *self.years.end());
        let bad_years = || Error::OutOfRange {
            what: "calendar years".into(),
            value: format!("{first_year}..={last_year}"),
            range: "a non-empty range of years from 1 to 9998".into(),
        };
        let first_day = Date::new(first_year, 1, 1).map_err(|_| bad_years())?;
        let end_day = Date::new(last_year.checked_add(1).ok_or_else(bad_years)?, 1, 1)
            .map_err(|_| bad_years())?;
        if first_day >= end_day {
            return Err(bad_years());
        }
        let mut holidays = BTreeMap::new();
        if self.japanese {
            for year in self.years.clone() {
                holidays.extend(japanese_holidays(year)?.into_iter().map(|h| (h.date, h)));
            }
        }
        for holiday in self.holidays {
            holidays.insert(holiday.date, holiday);
        }
        for date in self.closed {
            holidays.entry(date).or_insert_with(|| Holiday {
                date,
                name_ja: "休業".into(),
                name_en: "Closed".into(),
                kind: super::holidays::HolidayKind::Custom,
            });
        }
        let midnight = |d: Date, tz: &TimeZone| -> Result<i64> {
            tz.to_ambiguous_timestamp(d.to_datetime(Time::midnight()))
                .compatible()
                .map(Timestamp::as_second)
                .map_err(|e| Error::TimeZone {
                    name: self.tz_name.clone(),
                    reason: e.to_string(),
                })
        };
        let (first, last) = (midnight(first_day, &tz)?, midnight(end_day, &tz)?);
        let (mut starts, mut ends) = (Vec::new(), Vec::<i64>::new());
        let mut day = first_day;
        while day < end_day {
            let hours = match self.open.get(&day) {
                Some(hours) => hours,
                None if holidays.contains_key(&day) => &Vec::new(),
                None => &self.weekly[weekday_index(day.weekday())],
            };
            for &(from, to) in hours {
                let at = |secs: u32| -> Result<i64> {
                    if secs == DAY {
                        return midnight(day.tomorrow().map_err(|_| bad_years())?, &tz);
                    }
                    let time = Time::new(
                        (secs / 3600) as i8,
                        (secs / 60 % 60) as i8,
                        (secs % 60) as i8,
                        0,
                    )
                    .map_err(|_| bad_years())?;
                    tz.to_ambiguous_timestamp(day.to_datetime(time))
                        .compatible()
                        .map(Timestamp::as_second)
                        .map_err(|e| Error::TimeZone {
                            name: self.tz_name.clone(),
                            reason: e.to_string(),
                        })
                };
                let (s, e) = (at(from)?, at(to)?);
                if s >= e {
                    continue; // swallowed by a clock change
                }
                match ends.last_mut() {
                    Some(end) if *end >= s => *end = (*end).max(e),
                    _ => {
                        starts.push(s);
                        ends.push(e);
                    }
                }
            }
            day = day.tomorrow().map_err(|_| bad_years())?;
        }
        let mut before = Vec::with_capacity(starts.len() + 1);
        let mut total = 0;
        before.push(0);
        for (s, e) in starts.iter().zip(&ends) {
            total += e - s;
            before.push(total);
        }
        Ok(Calendar {
            inner: Arc::new(Inner {
                tz,
                years: self.years,
                holidays,
                starts,
                ends,
                before,
                first,
                last,
            }),
        })
    }
}

/// A set of weekdays: an inclusive range in week order (`Monday..=Friday`, or `Saturday..=Monday`
/// across the week's end), an array, or one day.
///
/// ```
/// use jiff::civil::Weekday::*;
/// use kizuna::sla::Weekdays;
///
/// let weekend_and_monday: Vec<_> = Weekdays::from(Saturday..=Monday).iter().collect();
/// assert_eq!(weekend_and_monday, [Monday, Saturday, Sunday]);
/// assert_eq!(Weekdays::from([Friday, Monday]).iter().count(), 2);
/// assert_eq!(Weekdays::from(Wednesday).iter().next(), Some(Wednesday));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Weekdays {
    /// Bit `i` for the weekday `i` days after Monday.
    bits: u8,
}

impl Weekdays {
    /// The days in the set, Monday first.
    ///
    /// ```
    /// use jiff::civil::Weekday;
    ///
    /// let days = kizuna::sla::Weekdays::from(Weekday::Monday..=Weekday::Friday);
    /// assert_eq!(days.iter().last(), Some(Weekday::Friday));
    /// ```
    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        (0..7u8)
            .filter(move |i| self.bits & (1 << i) != 0)
            .map(|i| Weekday::Monday.wrapping_add(i))
    }

    /// Whether `day` is in the set.
    ///
    /// ```
    /// use jiff::civil::Weekday;
    ///
    /// let weekend = kizuna::sla::Weekdays::from([Weekday::Saturday, Weekday::Sunday]);
    /// assert!(weekend.contains(Weekday::Sunday) && !weekend.contains(Weekday::Monday));
    /// ```
    pub fn contains(self, day: Weekday) -> bool {
        self.bits & (1 << weekday_index(day)) != 0
    }

    /// The days in either set.
    ///
    /// ```
    /// use jiff::civil::Weekday;
    /// use kizuna::sla::Weekdays;
    ///
    /// let both = Weekdays::from(Weekday::Monday).union(Weekdays::from(Weekday::Friday));
    /// assert_eq!(both.iter().count(), 2);
    /// ```
    pub fn union(self, other: Weekdays) -> Weekdays {
        Weekdays {
            bits: self.bits | other.bits,
        }
    }

    fn insert(&mut self, day: Weekday) {
        self.bits |= 1 << weekday_index(day);
    }
}

/// Reads weekdays as people write them in configs and on the command line: English names or
/// their first three letters, any case, ranges in week order with `-` (`mon-fri`, `sat-mon`),
/// lists with `,` (`sat,sun`), and `daily`.
///
/// ```
/// use jiff::civil::Weekday;
/// use kizuna::sla::Weekdays;
///
/// let days: Weekdays = "mon-wed, Friday".parse()?;
/// assert_eq!(days.iter().collect::<Vec<_>>(), [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Friday]);
/// assert_eq!("daily".parse::<Weekdays>()?.iter().count(), 7);
/// assert!("weekdayz".parse::<Weekdays>().is_err());
/// # Ok::<(), kizuna::Error>(())
/// ```
impl std::str::FromStr for Weekdays {
    type Err = Error;

    fn from_str(spec: &str) -> Result<Weekdays> {
        let day = |name: &str| -> Result<Weekday> {
            let lower = name.trim().to_ascii_lowercase();
            WEEKDAY_NAMES
                .iter()
                .find(|(full, _)| lower.len() >= 3 && full.starts_with(&lower))
                .map(|&(_, day)| day)
                .ok_or_else(|| Error::Hours {
                    spec: spec.to_owned(),
                    reason: format!(
                        "{:?} is not a weekday (mon, tue, …, sun, or their full names)",
                        name.trim()
                    ),
                })
        };
        if spec.trim().eq_ignore_ascii_case("daily") {
            return Ok(Weekdays::from(Weekday::Monday..=Weekday::Sunday));
        }
        let mut days = Weekdays::default();
        for part in spec.split(',') {
            days = days.union(match part.split_once('-') {
                Some((from, to)) => Weekdays::from(day(from)?..=day(to)?),
                None => Weekdays::from(day(part)?),
            });
        }
        Ok(days)
    }
}

/// English weekday names, for [`Weekdays`]'s parser.
const WEEKDAY_NAMES: [(&str, Weekday); 7] = [
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

impl From<Weekday> for Weekdays {
    fn from(day: Weekday) -> Self {
        let mut days = Weekdays::default();
        days.insert(day);
        days
    }
}

impl<const N: usize> From<[Weekday; N]> for Weekdays {
    fn from(list: [Weekday; N]) -> Self {
        let mut days = Weekdays::default();
        list.into_iter().for_each(|d| days.insert(d));
        days
    }
}

impl From<RangeInclusive<Weekday>> for Weekdays {
    fn from(range: RangeInclusive<Weekday>) -> Self {
        let (mut day, last) = (*range.start(), *range.end());
        let mut days = Weekdays::from(day);
        while day != last {
            day = day.next();
            days.insert(day);
        }
        days
    }
}

/// Monday 0 … Sunday 6.
fn weekday_index(day: Weekday) -> usize {
    usize::from(day.to_monday_zero_offset().unsigned_abs())
}

/// Parses `HH:MM-HH:MM[, …]` into sorted, non-overlapping intervals of seconds.
fn parse_hours(spec: &str) -> Result<DayHours> {
    let bad = |reason: String| Error::Hours {
        spec: spec.to_owned(),
        reason,
    };
    let mut intervals = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (from, to) = part
            .split_once('-')
            .ok_or_else(|| bad(format!("{part:?} is not HH:MM-HH:MM")))?;
        let (from, to) = (time_of_day(from.trim()), time_of_day(to.trim()));
        let (Some(from), Some(to)) = (from, to) else {
            return Err(bad(format!(
                "{part:?} has a time that is not HH:MM (00:00–24:00)"
            )));
        };
        if from >= to {
            return Err(bad(format!("{part:?} ends before it starts")));
        }
        intervals.push((from, to));
    }
    intervals.sort_unstable();
    if let Some(pair) = intervals.windows(2).find(|w| w[1].0 < w[0].1) {
        return Err(bad(format!("intervals {:?} overlap", pair)));
    }
    Ok(intervals)
}

/// `HH:MM` or `HH:MM:SS` as seconds since midnight, `24:00` included.
fn time_of_day(text: &str) -> Option<u32> {
    let mut parts = text.split(':');
    let mut field = |max: u32| {
        parts
            .next()
            .filter(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|&v| v <= max)
    };
    let (h, m) = (field(24)?, field(59)?);
    let s = field(59).unwrap_or(0);
    let secs = h * 3600 + m * 60 + s;
    (parts.next().is_none() && secs <= DAY).then_some(secs)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn at(tz: &str, y: i16, mo: i8, d: i8, h: i8, mi: i8) -> Timestamp {
        date(y, mo, d)
            .at(h, mi, 0, 0)
            .in_tz(tz)
            .expect("valid")
            .timestamp()
    }

    fn tokyo() -> Calendar {
        Calendar::builder("Asia/Tokyo")
            .hours(
                Weekday::Monday..=Weekday::Friday,
                "09:00-12:00, 13:00-18:00",
            )
            .and_then(|b| b.hours([Weekday::Saturday], "10:00-14:00"))
            .expect("hours")
            .japanese_holidays()
            .years(2025..=2027)
            .build()
            .expect("calendar")
    }

    #[test]
    fn hours_parse() {
        assert_eq!(parse_hours("09:00-12:00").unwrap(), [(32_400, 43_200)]);
        assert_eq!(parse_hours("00:00-24:00").unwrap(), [(0, DAY)]);
        assert_eq!(parse_hours("13:00-18:00,9:00-12:00").unwrap()[0].0, 32_400);
        assert_eq!(parse_hours("09:00:30-09:01").unwrap(), [(32_430, 32_460)]);
        for bad in [
            "9-12",
            "09:00-25:00",
            "09:60-10:00",
            "12:00-12:00",
            "a-b",
            "09:00",
        ] {
            assert!(parse_hours(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations_across_lunch_weekends_and_holidays() {
        let cal = tokyo();
        let tz = "Asia/Tokyo";
        let hours = |a, b| cal.business_duration(a, b).unwrap().as_secs() as f64 / 3600.0;
        // Across lunch: 11:00 to 14:00 is two hours.
        assert_eq!(
            hours(at(tz, 2026, 11, 24, 11, 0), at(tz, 2026, 11, 24, 14, 0)),
            2.0
        );
        // Friday 17:00 to Tuesday 10:00 over Saturday (4 h) and a Monday holiday.
        assert_eq!(
            hours(at(tz, 2026, 11, 20, 17, 0), at(tz, 2026, 11, 24, 10, 0)),
            6.0
        );
        // Golden Week 2026: 29 April (Wed) and 3–6 May are holidays; 2 May is a Saturday.
        assert_eq!(
            hours(at(tz, 2026, 4, 28, 18, 0), at(tz, 2026, 5, 7, 9, 0)),
            8.0 + 8.0 + 4.0
        );
        // Outside hours on both ends: nothing.
        assert_eq!(
            hours(at(tz, 2026, 11, 22, 1, 0), at(tz, 2026, 11, 22, 23, 0)),
            0.0
        );
        // The same instant: nothing.
        let t = at(tz, 2026, 11, 24, 10, 0);
        assert_eq!(hours(t, t), 0.0);
    }

    #[test]
    fn deadlines() {
        let cal = tokyo();
        let tz = "Asia/Tokyo";
        let due = |start, mins| {
            cal.add_business(start, SignedDuration::from_mins(mins))
                .unwrap()
        };
        // An hour from 11:30 ends at 13:30, after lunch.
        assert_eq!(
            due(at(tz, 2026, 11, 24, 11, 30), 60),
            at(tz, 2026, 11, 24, 13, 30)
        );
        // Exactly to the end of the morning stays at 12:00, not 13:00.
        assert_eq!(
            due(at(tz, 2026, 11, 24, 11, 0), 60),
            at(tz, 2026, 11, 24, 12, 0)
        );
        // From a Sunday night, 30 minutes into Monday.
        assert_eq!(
            due(at(tz, 2026, 11, 29, 23, 0), 30),
            at(tz, 2026, 11, 30, 9, 30)
        );
        assert!(
            cal.add_business(at(tz, 2026, 11, 24, 11, 0), SignedDuration::from_secs(-1))
                .is_err()
        );
    }

    #[test]
    fn daylight_saving_days_count_the_hours_that_passed() {
        let ny = Calendar::builder("America/New_York")
            .hours(Weekday::Sunday..=Weekday::Saturday, "00:00-24:00")
            .unwrap()
            .years(2026..=2026)
            .build()
            .unwrap();
        let tz = "America/New_York";
        let day = |mo, d| {
            ny.business_duration(at(tz, 2026, mo, d, 0, 0), at(tz, 2026, mo, d + 1, 0, 0))
                .unwrap()
                .as_hours()
        };
        assert_eq!(day(3, 8), 23); // spring forward
        assert_eq!(day(11, 1), 25); // fall back
        assert_eq!(day(6, 1), 24);
        // An opening time in the skipped hour moves forward by the gap (2:30 is 3:30 EDT), as
        // jiff's compatible rule has it.
        let early = Calendar::builder(tz)
            .hours([Weekday::Sunday], "02:30-04:00")
            .unwrap()
            .years(2026..=2026)
            .build()
            .unwrap();
        let sunday = early
            .business_duration(at(tz, 2026, 3, 8, 0, 0), at(tz, 2026, 3, 9, 0, 0))
            .unwrap();
        assert_eq!(sunday.as_mins(), 30);
    }

    #[test]
    fn bad_input() {
        let cal = tokyo();
        let tz = "Asia/Tokyo";
        let (a, b) = (at(tz, 2026, 1, 5, 10, 0), at(tz, 2026, 1, 6, 10, 0));
        assert!(matches!(
            cal.business_duration(b, a),
            Err(Error::Order { .. })
        ));
        let far = at(tz, 2031, 1, 6, 10, 0);
        assert!(matches!(
            cal.business_duration(a, far),
            Err(Error::OutOfRange { .. })
        ));
        assert!(matches!(
            Calendar::builder("Nowhere/City").build(),
            Err(Error::TimeZone { .. })
        ));
        let (first, last) = (2027, 2026);
        assert!(
            Calendar::builder("UTC")
                .years(first..=last)
                .build()
                .is_err()
        );
        assert!(
            Calendar::builder("UTC")
                .japanese_holidays()
                .years(2099..=2100)
                .build()
                .is_err()
        );
        // A deadline past the calendar's years is an error, not a guess.
        let late = at(tz, 2027, 12, 30, 10, 0);
        assert!(
            cal.add_business(late, SignedDuration::from_hours(24 * 400))
                .is_err()
        );
    }
}
