//! Japanese public holidays, computed from the rules of the Act on National Holidays
//! (国民の祝日に関する法律, 1948) and its amendments, not from a pasted list:
//!
//! - the national holidays (国民の祝日) with their history: 成人の日 and 体育の日 moving to
//!   Mondays in 2000, 海の日 and 敬老の日 in 2003, 天皇誕生日 following the reigning emperor
//!   (29 April to 1988, 23 December 1989–2018, none in 2019, 23 February from 2020), 29 April
//!   as みどりの日 (1989–2006) then 昭和の日 (from 2007) with みどりの日 on 4 May, 山の日 from
//!   2016, 体育の日 renamed スポーツの日 in 2020, and the Olympic moves of 2020 and 2021;
//! - the vernal and autumnal equinox days, by the formula that reproduces the dates the
//!   National Astronomical Observatory announces (valid for 1900–2099);
//! - the one-off days set by special acts (imperial weddings, funeral and enthronements);
//! - 振替休日: from 12 April 1973 a holiday on a Sunday moves to the Monday; from 2007 to the
//!   first following day that is not itself a holiday;
//! - 国民の休日: from 27 December 1985 a day between two national holidays is a holiday (until
//!   2006 only when it is neither a Sunday nor a substitute holiday).

use std::borrow::Cow;

use jiff::civil::{Date, Weekday};

use super::{Holiday, HolidayKind};
use crate::{Error, Result};

/// The years the rules are implemented for.
pub const SUPPORTED_YEARS: std::ops::RangeInclusive<i16> = 1949..=2099;

/// The Japanese public holidays of every year of `years`, in date order.
///
/// # Errors
///
/// [`Error::Order`] when the range runs backwards; [`Error::OutOfRange`] for a year outside
/// [`SUPPORTED_YEARS`].
///
/// ```
/// use kizuna::sla::holidays::japanese_holidays_in;
///
/// assert_eq!(japanese_holidays_in(2000..=2030)?.len(), 540);
/// assert!(japanese_holidays_in(2027..=2026).is_err());
/// # Ok::<(), kizuna::Error>(())
/// ```
pub fn japanese_holidays_in(years: std::ops::RangeInclusive<i16>) -> Result<Vec<Holiday>> {
    let (first, last) = (*years.start(), *years.end());
    if first > last {
        return Err(Error::Order {
            what: "holiday years".into(),
            start: first.to_string(),
            end: last.to_string(),
        });
    }
    let mut days = Vec::new();
    for year in years {
        days.extend(japanese_holidays(year)?);
    }
    Ok(days)
}

/// The Japanese public holidays of `year`, in date order.
///
/// # Errors
///
/// [`Error::OutOfRange`] for a year outside [`SUPPORTED_YEARS`].
///
/// ```
/// use kizuna::sla::holidays::{japanese_holidays, HolidayKind};
///
/// let y2019 = japanese_holidays(2019)?;
/// let golden_week: Vec<_> = y2019.iter()
///     .filter(|h| h.date.month() == 4 && h.date.day() >= 29 || h.date.month() == 5 && h.date.day() <= 6)
///     .map(|h| (h.date.day(), h.name_ja.as_ref()))
///     .collect();
/// assert_eq!(golden_week, [
///     (29, "昭和の日"), (30, "国民の休日"), (1, "天皇の即位の日"), (2, "国民の休日"),
///     (3, "憲法記念日"), (4, "みどりの日"), (5, "こどもの日"), (6, "振替休日"),
/// ]);
/// assert_eq!(y2019.last().unwrap().kind, HolidayKind::National); // 勤労感謝の日
/// # Ok::<(), kizuna::Error>(())
/// ```
pub fn japanese_holidays(year: i16) -> Result<Vec<Holiday>> {
    if !SUPPORTED_YEARS.contains(&year) {
        return Err(Error::OutOfRange {
            what: "year for Japanese holidays".into(),
            value: year.to_string(),
            range: format!("{}..={}", SUPPORTED_YEARS.start(), SUPPORTED_YEARS.end()),
        });
    }
    let mut holidays = national(year);
    holidays.extend(special(year));
    holidays.sort_by_key(|h| h.date);
    let mut extra = substitutes(&holidays);
    extra.extend(bridges(year, &holidays, &extra));
    holidays.extend(extra);
    holidays.sort_by_key(|h| h.date);
    Ok(holidays)
}

fn holiday(date: Date, ja: &'static str, en: &'static str, kind: HolidayKind) -> Holiday {
    Holiday {
        date,
        name_ja: Cow::Borrowed(ja),
        name_en: Cow::Borrowed(en),
        kind,
    }
}

/// The `nth` `weekday` of `month` in `year`, for the Happy Monday days.
fn nth(year: i16, month: i8, nth: i8, weekday: Weekday) -> Option<Date> {
    Date::new(year, month, 1)
        .and_then(|d| d.nth_weekday_of_month(nth, weekday))
        .ok()
}

fn day(year: i16, month: i8, day: i8) -> Option<Date> {
    Date::new(year, month, day).ok()
}

/// The national holidays (国民の祝日) of `year` as the Act stood then.
fn national(year: i16) -> Vec<Holiday> {
    use HolidayKind::National;
    use Weekday::Monday;
    let y = year;
    let rules: [(Option<Date>, &str, &str); 17] = [
        (day(y, 1, 1), "元日", "New Year's Day"),
        (
            if y <= 1999 {
                day(y, 1, 15)
            } else {
                nth(y, 1, 2, Monday)
            },
            "成人の日",
            "Coming of Age Day",
        ),
        (
            if y >= 1967 { day(y, 2, 11) } else { None },
            "建国記念の日",
            "National Foundation Day",
        ),
        (
            match y {
                ..=1988 => day(y, 4, 29),
                1989..=2018 => day(y, 12, 23),
                2019 => None,
                _ => day(y, 2, 23),
            },
            "天皇誕生日",
            "The Emperor's Birthday",
        ),
        (
            equinox(y, Equinox::Vernal),
            "春分の日",
            "Vernal Equinox Day",
        ),
        (
            if y >= 2007 { day(y, 4, 29) } else { None },
            "昭和の日",
            "Shōwa Day",
        ),
        (
            match y {
                1989..=2006 => day(y, 4, 29),
                2007.. => day(y, 5, 4),
                _ => None,
            },
            "みどりの日",
            "Greenery Day",
        ),
        (day(y, 5, 3), "憲法記念日", "Constitution Memorial Day"),
        (day(y, 5, 5), "こどもの日", "Children's Day"),
        (
            match y {
                1996..=2002 => day(y, 7, 20),
                2020 => day(y, 7, 23),
                2021 => day(y, 7, 22),
                2003.. => nth(y, 7, 3, Monday),
                _ => None,
            },
            "海の日",
            "Marine Day",
        ),
        (
            match y {
                2020 => day(y, 8, 10),
                2021 => day(y, 8, 8),
                2016.. => day(y, 8, 11),
                _ => None,
            },
            "山の日",
            "Mountain Day",
        ),
        (
            match y {
                1966..=2002 => day(y, 9, 15),
                2003.. => nth(y, 9, 3, Monday),
                _ => None,
            },
            "敬老の日",
            "Respect for the Aged Day",
        ),
        (
            equinox(y, Equinox::Autumnal),
            "秋分の日",
            "Autumnal Equinox Day",
        ),
        (
            match y {
                1966..=1999 => day(y, 10, 10),
                2000..=2019 => nth(y, 10, 2, Monday),
                _ => None,
            },
            "体育の日",
            "Health and Sports Day",
        ),
        (
            match y {
                2020 => day(y, 7, 24),
                2021 => day(y, 7, 23),
                2022.. => nth(y, 10, 2, Monday),
                _ => None,
            },
            "スポーツの日",
            "Sports Day",
        ),
        (day(y, 11, 3), "文化の日", "Culture Day"),
        (day(y, 11, 23), "勤労感謝の日", "Labour Thanksgiving Day"),
    ];
    rules
        .into_iter()
        .filter_map(|(date, ja, en)| date.map(|d| holiday(d, ja, en, National)))
        .collect()
}

/// The days made holidays by special acts; they count as national holidays for the
/// substitute and bridge rules.
fn special(year: i16) -> Vec<Holiday> {
    const DAYS: [(i16, i8, i8, &str, &str); 6] = [
        (
            1959,
            4,
            10,
            "皇太子明仁親王の結婚の儀",
            "Wedding of Crown Prince Akihito",
        ),
        (
            1989,
            2,
            24,
            "昭和天皇の大喪の礼",
            "Funeral of Emperor Shōwa",
        ),
        (1990, 11, 12, "即位礼正殿の儀", "Enthronement Ceremony"),
        (
            1993,
            6,
            9,
            "皇太子徳仁親王の結婚の儀",
            "Wedding of Crown Prince Naruhito",
        ),
        (2019, 5, 1, "天皇の即位の日", "Enthronement of the Emperor"),
        (2019, 10, 22, "即位礼正殿の儀", "Enthronement Ceremony"),
    ];
    DAYS.iter()
        .filter(|d| d.0 == year)
        .filter_map(|&(y, m, d, ja, en)| {
            day(y, m, d).map(|date| holiday(date, ja, en, HolidayKind::Special))
        })
        .collect()
}

#[derive(Clone, Copy)]
enum Equinox {
    Vernal,
    Autumnal,
}

/// The equinox day of `year` (1900–2099) by the standard formula, in integer arithmetic
/// (millionths of a day) so that no rounding can move it.
fn equinox(year: i16, which: Equinox) -> Option<Date> {
    let y = i64::from(year);
    let (base, month) = match (which, y <= 1979) {
        (Equinox::Vernal, true) => (20_835_700, 3),
        (Equinox::Vernal, false) => (20_843_100, 3),
        (Equinox::Autumnal, true) => (23_258_800, 9),
        (Equinox::Autumnal, false) => (23_248_800, 9),
    };
    let leap_base = if y <= 1979 { 1983 } else { 1980 };
    // The formula's leap-year term truncates towards zero, as Rust's `/` does.
    let micro = base + 242_194 * (y - 1980) - 1_000_000 * ((y - leap_base) / 4);
    let d = i8::try_from(micro.div_euclid(1_000_000)).ok()?;
    day(year, month, d)
}

/// The first day a Sunday holiday was substituted.
const SUBSTITUTE_FROM: Date = Date::constant(1973, 4, 12);
/// From this day a substitute is the first following non-holiday, not just the Monday.
const NEW_SUBSTITUTE_RULE: Date = Date::constant(2007, 1, 1);
/// The first day the bridge rule (国民の休日) was in force.
const BRIDGE_FROM: Date = Date::constant(1985, 12, 27);

/// 振替休日 for the national (and special) holidays of a year, sorted by date.
fn substitutes(holidays: &[Holiday]) -> Vec<Holiday> {
    let is_holiday = |d: Date| holidays.iter().any(|h| h.date == d);
    holidays
        .iter()
        .filter(|h| h.date >= SUBSTITUTE_FROM && h.date.weekday() == Weekday::Sunday)
        .filter_map(|h| {
            let mut next = h.date.tomorrow().ok()?;
            if h.date >= NEW_SUBSTITUTE_RULE {
                while is_holiday(next) {
                    next = next.tomorrow().ok()?;
                }
            }
            Some(holiday(
                next,
                "振替休日",
                "Substitute Holiday",
                HolidayKind::Substitute,
            ))
        })
        .collect()
}

/// 国民の休日: days of `year` between two national holidays.
fn bridges(year: i16, national: &[Holiday], substitutes: &[Holiday]) -> Vec<Holiday> {
    let is_national = |d: Date| national.iter().any(|h| h.date == d);
    let is_substitute = |d: Date| substitutes.iter().any(|h| h.date == d);
    national
        .iter()
        .filter_map(|h| {
            let between = h.date.tomorrow().ok()?;
            let after = between.tomorrow().ok()?;
            let old_rule = between < NEW_SUBSTITUTE_RULE;
            let excluded = is_national(between)
                || old_rule && (between.weekday() == Weekday::Sunday || is_substitute(between));
            (between.year() == year && between >= BRIDGE_FROM && is_national(after) && !excluded)
                .then(|| {
                    holiday(
                        between,
                        "国民の休日",
                        "Citizens' Holiday",
                        HolidayKind::Bridge,
                    )
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(year: i16) -> Vec<String> {
        japanese_holidays(year)
            .unwrap()
            .iter()
            .map(|h| format!("{} {}", h.date, h.name_ja))
            .collect()
    }

    #[test]
    fn equinoxes_match_the_announced_days() {
        let days: Vec<_> = [1973, 1999, 2000, 2012, 2024, 2025, 2026, 2027, 2092, 2099]
            .into_iter()
            .map(|y| {
                let v = equinox(y, Equinox::Vernal).unwrap();
                let a = equinox(y, Equinox::Autumnal).unwrap();
                (y, v.day(), a.day())
            })
            .collect();
        assert_eq!(
            days,
            [
                (1973, 21, 23),
                (1999, 21, 23),
                (2000, 20, 23),
                (2012, 20, 22),
                (2024, 20, 22),
                (2025, 20, 23),
                (2026, 20, 23),
                (2027, 21, 23),
                (2092, 19, 22),
                (2099, 20, 23),
            ]
        );
    }

    #[test]
    fn substitute_rules_old_and_new() {
        // 1973: 29 April was a Sunday, and the first substitute holiday followed.
        assert!(dates(1973).contains(&"1973-04-30 振替休日".to_owned()));
        // Before the law, a Sunday holiday had no substitute.
        assert!(!dates(1973).iter().any(|d| d.starts_with("1973-01-02")));
        // 2008: 6 May, since 4 and 5 May are holidays too (the post-2007 rule).
        assert!(dates(2008).contains(&"2008-05-06 振替休日".to_owned()));
        // 2020: 23 February on a Sunday, the new Emperor's Birthday.
        assert!(dates(2020).contains(&"2020-02-24 振替休日".to_owned()));
    }

    #[test]
    fn bridge_days() {
        // 1988: the first 国民の休日, 4 May between 3 and 5 May.
        assert!(dates(1988).contains(&"1988-05-04 国民の休日".to_owned()));
        // 2015: Silver Week, 22 September between 敬老の日 and 秋分の日.
        assert!(dates(2015).contains(&"2015-09-22 国民の休日".to_owned()));
        // 1992: 4 May was a Monday, the substitute for 3 May; no bridge then.
        assert!(dates(1992).contains(&"1992-05-04 振替休日".to_owned()));
    }

    #[test]
    fn special_years() {
        assert!(dates(1989).contains(&"1989-02-24 昭和天皇の大喪の礼".to_owned()));
        assert!(dates(1989).contains(&"1989-12-23 天皇誕生日".to_owned()));
        assert!(!dates(2019).iter().any(|d| d.ends_with("天皇誕生日")));
        let olympic: Vec<_> = dates(2021)
            .into_iter()
            .filter(|d| d.starts_with("2021-07") || d.starts_with("2021-08"))
            .collect();
        assert_eq!(
            olympic,
            [
                "2021-07-22 海の日",
                "2021-07-23 スポーツの日",
                "2021-08-08 山の日",
                "2021-08-09 振替休日"
            ]
        );
    }

    #[test]
    fn years_outside_the_rules_are_errors() {
        assert!(japanese_holidays(1948).is_err());
        assert!(japanese_holidays(2100).is_err());
        assert!(japanese_holidays(2099).is_ok());
    }
}
