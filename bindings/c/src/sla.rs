//! Business calendars, SLA policies, scoring and the streaming monitor.

use std::ffi::c_char;

use jiff::SignedDuration;
use kizuna::sla::{
    Calendar, CalendarConfig, Event, ReplyRules, SlaMonitor, SlaPolicy, holidays, read_events,
    score_events,
};

use crate::KzStatus;
use crate::ffi::{
    self, Failure, free_handle, give_handle, give_json, guard, handle, handle_mut, instant, out,
};

/// A business calendar (time zone, hours, holidays): immutable, so one handle may be shared
/// by any number of threads at once. Create with `kz_calendar_japan` or
/// `kz_calendar_from_config`, free with `kz_calendar_free`.
pub struct KzCalendar(Calendar);

/// An SLA policy: immutable, shareable across threads. Create with
/// `kz_sla_policy_from_config`, free with `kz_sla_policy_free`.
pub struct KzSlaPolicy(SlaPolicy);

/// A streaming SLA monitor. NOT thread-safe: it changes with every event, so use one handle
/// from one thread at a time, reads included (or guard every call with one mutex). Create with `kz_sla_monitor_new`,
/// free with `kz_sla_monitor_free`.
pub struct KzSlaMonitor(SlaMonitor);

/// Creates the usual Japanese support calendar: Asia/Tokyo, Monday to Friday 09:00–18:00,
/// closed on Japanese public holidays, years 2000–2060.
///
/// # Safety
///
/// `out_calendar` is NULL or writable.
///
/// ```c
/// kz_calendar *japan = NULL;
/// kz_status s = kz_calendar_japan(&japan);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_calendar_japan(out_calendar: *mut *mut KzCalendar) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promise.
        let out = unsafe { out(out_calendar, std::ptr::null_mut(), "out_calendar") }?;
        give_handle(KzCalendar(Calendar::japan()?), out)
    })
}

/// Creates a calendar from a configuration document, JSON or TOML: `time_zone`, `hours`
/// (`{"mon-fri": "09:00-18:00"}`), `japanese_holidays`, `holidays`, `closed`, `open`, `years`.
///
/// Returns `KZ_STATUS_CONFIG`, `KZ_STATUS_TIME_ZONE` or `KZ_STATUS_HOURS` for what is wrong.
///
/// # Safety
///
/// `config` points to `config_len` readable bytes (or is NULL with length 0); `out_calendar`
/// is NULL or writable.
///
/// ```c
/// const char *cfg = "{\"time_zone\": \"Asia/Tokyo\", \"hours\": {\"mon-fri\": \"09:00-18:00\"}, \"japanese_holidays\": true}";
/// kz_calendar *cal = NULL;
/// kz_status s = kz_calendar_from_config((const uint8_t *)cfg, strlen(cfg), &cal);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_calendar_from_config(
    config: *const u8,
    config_len: usize,
    out_calendar: *mut *mut KzCalendar,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (out, config) = unsafe {
            (
                out(out_calendar, std::ptr::null_mut(), "out_calendar")?,
                ffi::text(config, config_len, "config")?,
            )
        };
        let config: CalendarConfig = kizuna::config::parse(config, "calendar config")?;
        give_handle(KzCalendar(Calendar::from_config(&config)?), out)
    })
}

/// Frees a calendar. NULL is accepted.
///
/// # Safety
///
/// `calendar` is NULL or a live handle, used by no thread after this call.
///
/// ```c
/// kz_calendar_free(japan);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_calendar_free(calendar: *mut KzCalendar) {
    // SAFETY: the caller's promise.
    unsafe { free_handle(calendar) }
}

/// Whether the calendar is open at the instant `at`.
///
/// Thread-safe on a shared calendar. Returns `KZ_STATUS_OUT_OF_RANGE` for an instant
/// outside the calendar's years.
///
/// # Safety
///
/// `calendar` is NULL or live; `out_open` is NULL or writable.
///
/// ```c
/// bool open = false;
/// kz_calendar_is_open(japan, 1795482000, &open); // Tuesday 2026-11-24 10:00 JST: open
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_calendar_is_open(
    calendar: *const KzCalendar,
    at: i64,
    out_open: *mut bool,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (out, calendar) = unsafe {
            (
                out(out_open, false, "out_open")?,
                handle(calendar, "calendar")?,
            )
        };
        out.set(calendar.0.is_open(instant(at, "at")?)?);
        Ok(())
    })
}

/// Business seconds between `start` and `end`.
///
/// Thread-safe on a shared calendar. Returns `KZ_STATUS_ORDER` when `start` is after `end`,
/// `KZ_STATUS_OUT_OF_RANGE` for an instant outside the calendar's years.
///
/// # Safety
///
/// `calendar` is NULL or live; `out_seconds` is NULL or writable.
///
/// ```c
/// int64_t secs = 0;
/// kz_calendar_business_seconds(japan, asked, answered, &secs);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_calendar_business_seconds(
    calendar: *const KzCalendar,
    start: i64,
    end: i64,
    out_seconds: *mut i64,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (out, calendar) = unsafe {
            (
                out(out_seconds, 0, "out_seconds")?,
                handle(calendar, "calendar")?,
            )
        };
        let duration = calendar
            .0
            .business_duration(instant(start, "start")?, instant(end, "end")?)?;
        out.set(duration.as_secs());
        Ok(())
    })
}

/// The instant `seconds` of business time after `start` (a deadline).
///
/// Thread-safe on a shared calendar. Returns `KZ_STATUS_ORDER` for a negative duration,
/// `KZ_STATUS_OUT_OF_RANGE` for a deadline beyond the calendar's years.
///
/// # Safety
///
/// `calendar` is NULL or live; `out_at` is NULL or writable.
///
/// ```c
/// int64_t due = 0;
/// kz_calendar_add_business(japan, asked, 2 * 3600, &due);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_calendar_add_business(
    calendar: *const KzCalendar,
    start: i64,
    seconds: i64,
    out_at: *mut i64,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (out, calendar) = unsafe { (out(out_at, 0, "out_at")?, handle(calendar, "calendar")?) };
        let due = calendar
            .0
            .add_business(instant(start, "start")?, SignedDuration::from_secs(seconds))?;
        out.set(due.as_second());
        Ok(())
    })
}

/// The Japanese public holidays of the years `first_year` to `last_year` (1949–2099), as a
/// JSON array of `{"date", "name_ja", "name_en", "kind"}`.
///
/// Thread-safe. Returns `KZ_STATUS_OUT_OF_RANGE` for years the rules do not cover,
/// `KZ_STATUS_ORDER` when `first_year` is after `last_year`.
///
/// # Safety
///
/// `out_json` is NULL or writable; `out_len` is NULL or writable.
///
/// ```c
/// char *json = NULL;
/// kz_japanese_holidays_json(2026, 2026, &json, NULL);
/// kz_string_free(json);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_japanese_holidays_json(
    first_year: i32,
    last_year: i32,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (len, out) = unsafe {
            (
                ffi::out_len(out_len)?,
                out(out_json, std::ptr::null_mut(), "out_json")?,
            )
        };
        let year = |year: i32| {
            i16::try_from(year).map_err(|_| {
                Failure::new(KzStatus::OutOfRange, format!("year {year} is out of range"))
            })
        };
        let days = holidays::japanese_holidays_in(year(first_year)?..=year(last_year)?)?;
        give_json(&days, out, len)
    })
}

/// Creates an SLA policy from a configuration document, JSON or TOML: ordered `rules` with
/// conditions (`when`) and `first_reply`, `next_reply`, `resolution` targets (`{"within":
/// "30m", "clock": "business"}`), and the `at_risk` share.
///
/// Returns `KZ_STATUS_CONFIG` for a document that does not parse, `KZ_STATUS_OUT_OF_RANGE`
/// for a target that is not positive or a share outside 0–1.
///
/// # Safety
///
/// `config` points to `config_len` readable bytes (or is NULL with length 0); `out_policy` is
/// NULL or writable.
///
/// ```c
/// const char *cfg = "{\"rules\": [{\"name\": \"all\", \"first_reply\": {\"within\": \"1h\"}}]}";
/// kz_sla_policy *policy = NULL;
/// kz_status s = kz_sla_policy_from_config((const uint8_t *)cfg, strlen(cfg), &policy);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_sla_policy_from_config(
    config: *const u8,
    config_len: usize,
    out_policy: *mut *mut KzSlaPolicy,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (out, config) = unsafe {
            (
                out(out_policy, std::ptr::null_mut(), "out_policy")?,
                ffi::text(config, config_len, "config")?,
            )
        };
        give_handle(KzSlaPolicy(SlaPolicy::from_config(config)?), out)
    })
}

/// Frees a policy. NULL is accepted.
///
/// # Safety
///
/// `policy` is NULL or a live handle, used by no thread after this call.
///
/// ```c
/// kz_sla_policy_free(policy);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_sla_policy_free(policy: *mut KzSlaPolicy) {
    // SAFETY: the caller's promise.
    unsafe { free_handle(policy) }
}

/// Scores a whole export: `events` is JSON Lines, one event per line (`id`, `created_at` in
/// RFC 3339, `author_id`, and optionally `is_brand`, `in_reply_to`, `conversation_id`,
/// `channel`, `automated`, `resolves`, `tags`). Threads are rebuilt, each is judged against
/// `policy` as things stand at `now`, and the result is a JSON document `{"evaluations",
/// "problems", "summary"}`; events that fit no thread are listed in `problems`, never dropped
/// silently.
///
/// Thread-safe on shared policy and calendar. `calendar` may be NULL when no target uses
/// business time. Returns `KZ_STATUS_PARSE` naming the line of an event that does not read,
/// `KZ_STATUS_INVALID_OPTION` for a business target without a calendar.
///
/// # Safety
///
/// `policy` is NULL or live; `calendar` is NULL or live; `events` points to `events_len`
/// readable bytes (or is NULL with length 0); `out_json` and `out_len` are NULL or writable.
///
/// ```c
/// char *report = NULL;
/// kz_sla_score_json(policy, japan, (const uint8_t *)jsonl, jsonl_len, time(NULL), &report, NULL);
/// kz_string_free(report);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_sla_score_json(
    policy: *const KzSlaPolicy,
    calendar: *const KzCalendar,
    events: *const u8,
    events_len: usize,
    now: i64,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (len, out, policy, calendar, events) = unsafe {
            (
                ffi::out_len(out_len)?,
                out(out_json, std::ptr::null_mut(), "out_json")?,
                handle(policy, "policy")?,
                calendar.as_ref(),
                ffi::text(events, events_len, "events")?,
            )
        };
        let report = score_events(
            read_events(events)?,
            &policy.0,
            calendar.map(|c| &c.0),
            ReplyRules::default(),
            instant(now, "now")?,
        )?;
        give_json(&report, out, len)
    })
}

/// Creates a monitor judging by a copy of `policy` and of `calendar` (NULL when no target
/// uses business time); the handles passed may be freed afterwards.
///
/// # Safety
///
/// `policy` is NULL or live; `calendar` is NULL or live; `out_monitor` is NULL or writable.
///
/// ```c
/// kz_sla_monitor *monitor = NULL;
/// kz_status s = kz_sla_monitor_new(policy, japan, &monitor);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_sla_monitor_new(
    policy: *const KzSlaPolicy,
    calendar: *const KzCalendar,
    out_monitor: *mut *mut KzSlaMonitor,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (out, policy, calendar) = unsafe {
            (
                out(out_monitor, std::ptr::null_mut(), "out_monitor")?,
                handle(policy, "policy")?,
                calendar.as_ref(),
            )
        };
        let monitor = SlaMonitor::new(
            policy.0.clone(),
            calendar.map(|c| c.0.clone()),
            ReplyRules::default(),
        );
        give_handle(KzSlaMonitor(monitor), out)
    })
}

/// Frees a monitor. NULL is accepted.
///
/// # Safety
///
/// `monitor` is NULL or a live handle, used by no thread after this call.
///
/// ```c
/// kz_sla_monitor_free(monitor);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_sla_monitor_free(monitor: *mut KzSlaMonitor) {
    // SAFETY: the caller's promise.
    unsafe { free_handle(monitor) }
}

/// Feeds one event, a JSON object as in `kz_sla_score_json`, in any order.
///
/// Returns `KZ_STATUS_PARSE` for an event that does not read and `KZ_STATUS_RECORD` for one
/// the monitor cannot take (an id it already holds, a reply older than its post); the
/// monitor is unchanged then.
///
/// # Safety
///
/// `monitor` is NULL or live and used by no other thread during the call; `event` points to
/// `event_len` readable bytes (or is NULL with length 0).
///
/// ```c
/// const char *e = "{\"id\": \"1\", \"created_at\": \"2026-11-24T01:00:00Z\", \"author_id\": \"taro\"}";
/// kz_sla_monitor_push_json(monitor, (const uint8_t *)e, strlen(e));
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_sla_monitor_push_json(
    monitor: *mut KzSlaMonitor,
    event: *const u8,
    event_len: usize,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (monitor, event) = unsafe {
            (
                handle_mut(monitor, "monitor")?,
                ffi::text(event, event_len, "event")?,
            )
        };
        let event: Event = serde_json::from_str(event).map_err(|e| kizuna::Error::Parse {
            what: "event".into(),
            line: e.line(),
            reason: e.to_string(),
        })?;
        monitor
            .0
            .push(event)
            .map_err(|problem| Failure::new(KzStatus::Record, problem.to_string()))
    })
}

/// What breaches next as things stand at `now`: a JSON array of `{"thread", "rule", "target",
/// "started", "deadline", "status"}`, soonest deadline first.
///
/// # Safety
///
/// `monitor` is NULL or live and used by no other thread during the call; `out_json` and
/// `out_len` are NULL or writable.
///
/// ```c
/// char *due = NULL;
/// kz_sla_monitor_due_json(monitor, time(NULL), &due, NULL);
/// kz_string_free(due);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_sla_monitor_due_json(
    monitor: *const KzSlaMonitor,
    now: i64,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (len, out, monitor) = unsafe {
            (
                ffi::out_len(out_len)?,
                out(out_json, std::ptr::null_mut(), "out_json")?,
                handle(monitor, "monitor")?,
            )
        };
        give_json(&monitor.0.due(instant(now, "now")?)?, out, len)
    })
}

/// Lets go of threads with nothing left to wait for; writes how many through `out_settled`.
///
/// # Safety
///
/// `monitor` is NULL or live and used by no other thread during the call; `out_settled` is
/// NULL or writable.
///
/// ```c
/// size_t settled = 0;
/// kz_sla_monitor_settle(monitor, &settled);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_sla_monitor_settle(
    monitor: *mut KzSlaMonitor,
    out_settled: *mut usize,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (out, monitor) = unsafe {
            (
                out(out_settled, 0, "out_settled")?,
                handle_mut(monitor, "monitor")?,
            )
        };
        out.set(monitor.0.settle()?);
        Ok(())
    })
}

/// How many threads the monitor holds.
///
/// # Safety
///
/// `monitor` is NULL or live and used by no other thread during the call; `out_count` is NULL
/// or writable.
///
/// ```c
/// size_t open = 0;
/// kz_sla_monitor_open_threads(monitor, &open);
/// ```
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kz_sla_monitor_open_threads(
    monitor: *const KzSlaMonitor,
    out_count: *mut usize,
) -> KzStatus {
    guard(|| {
        // SAFETY: the caller's promises on each pointer.
        let (out, monitor) =
            unsafe { (out(out_count, 0, "out_count")?, handle(monitor, "monitor")?) };
        out.set(monitor.0.open_threads());
        Ok(())
    })
}
