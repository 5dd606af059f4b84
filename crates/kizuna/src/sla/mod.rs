//! Reply SLAs in calendar and business time.
//!
//! - [`Calendar`]: a time zone, weekly business hours with several intervals a day, holidays,
//!   closures and extra open days, and business time between instants in O(log n);
//!   [`holidays`]: the Japanese public holidays computed from the Act on National Holidays, and
//!   user lists for other countries.
//! - [`Event`]s (from any export, or the "Customer Support on Twitter" records, [`TwcsRecord`])
//!   and [`build_threads`], which rebuilds conversations and reports every event it cannot
//!   place.
//! - [`SlaPolicy`]: first-reply, next-reply and resolution targets chosen by ordered rules, in
//!   calendar or business time; [`measure`] and [`evaluate`] set a thread's waits against them
//!   (achieved, breached, pending, at risk).
//! - [`summarize`] and [`summarize_by`]: response rate, attainment, reply-time percentiles and
//!   an SLA score 0–100, overall or by channel, tag, agent or day.
//! - [`score_events`]: all of the above in one call, as an [`SlaReport`].
//! - [`SlaMonitor`]: events as they arrive, in any order; what breaches next at any instant.
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

mod aggregate;
mod calendar;
mod calendar_config;
mod event;
pub mod holidays;
mod monitor;
mod policy;
mod report;
mod score;
mod threads;

pub use aggregate::{GroupBy, SlaSummary, TargetSummary, TimeStats, summarize, summarize_by};
pub use calendar::{Calendar, CalendarBuilder, DEFAULT_YEARS, Weekdays};
pub use calendar_config::{CalendarConfig, HolidayEntry};
pub use event::{Event, TwcsRecord, read_events};
pub use monitor::{Due, SlaMonitor, TargetKind};
pub use policy::{Clock, Rule, SlaPolicy, Target};
pub use report::{SlaReport, score_events};
pub use score::{Evaluation, Outcome, ReplyRules, Status, ThreadTimes, Wait, evaluate, measure};
pub use threads::{Problem, ProblemKind, Thread, Threads, build_threads};
