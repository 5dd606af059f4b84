//! Reply SLAs in calendar and business time.
//!
//! This release holds the ground the scores stand on: [`Calendar`] (a time zone, weekly
//! business hours with several intervals a day, holidays, closures and extra open days, and
//! business time between instants in O(log n)) and [`holidays`] (the Japanese public holidays
//! computed from the Act on National Holidays, and user lists for other countries).
//!
//! ```
//! use jiff::civil::{date, Weekday};
//! use kizuna::sla::Calendar;
//!
//! let support = Calendar::builder("Asia/Tokyo")
//!     .hours(Weekday::Monday..=Weekday::Friday, "09:00-18:00")?
//!     .japanese_holidays()
//!     .build()?;
//! assert_eq!(support.holiday(date(2026, 9, 22)).unwrap().name_en, "Citizens' Holiday");
//! # Ok::<(), kizuna::Error>(())
//! ```

mod calendar;
pub mod holidays;

pub use calendar::{Calendar, CalendarBuilder, DEFAULT_YEARS, Weekdays};
