//! Business calendars, SLA policies, scoring and the streaming monitor.

use kizuna::sla::{
    Calendar as CoreCalendar, CalendarConfig, Event, ReplyRules, SlaMonitor as CoreMonitor,
    SlaPolicy as CorePolicy, read_events,
};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::convert::{
    datetime, document, from_py, instant, quoted, quoted_list, reduce_to_config, to_json,
};
use crate::errors::{OrRaise, RecordError, error};

/// A business calendar: time zone, weekly hours, holidays, closures; immutable.
#[pyclass(frozen, module = "kizuna")]
pub struct Calendar {
    inner: CoreCalendar,
    config: CalendarConfig,
}

impl Calendar {
    /// The core calendar, for the other modules' calls.
    pub fn core(&self) -> &CoreCalendar {
        &self.inner
    }

    fn build(config: CalendarConfig) -> PyResult<Calendar> {
        let inner = CoreCalendar::from_config(&config).or_raise()?;
        Ok(Calendar { inner, config })
    }
}

#[pymethods]
impl Calendar {
    /// `Calendar("Asia/Tokyo", {"mon-fri": "09:00-18:00"}, japanese_holidays=True, ...)`:
    /// an IANA time zone, weekly hours (weekdays to `HH:MM-HH:MM[, …]`), days off
    /// (`holidays` as dicts with `date` and `name`; `closed` dates), extra open days (`open`,
    /// date to hours) and the `years` covered.
    #[new]
    #[pyo3(signature = (time_zone, hours = None, *, japanese_holidays = false, holidays = None, closed = None, open = None, years = None))]
    fn new(
        time_zone: &str,
        hours: Option<&Bound<'_, PyAny>>,
        japanese_holidays: bool,
        holidays: Option<&Bound<'_, PyAny>>,
        closed: Option<&Bound<'_, PyAny>>,
        open: Option<&Bound<'_, PyAny>>,
        years: Option<(i16, i16)>,
    ) -> PyResult<Calendar> {
        let mut config = serde_json::Map::new();
        config.insert("time_zone".into(), time_zone.into());
        config.insert("japanese_holidays".into(), japanese_holidays.into());
        let parts = [
            ("hours", hours),
            ("holidays", holidays),
            ("closed", closed),
            ("open", open),
        ];
        for (key, value) in parts {
            if let Some(value) = value {
                config.insert(key.into(), to_json(value)?);
            }
        }
        if let Some((first, last)) = years {
            config.insert("years".into(), serde_json::json!([first, last]));
        }
        let config: CalendarConfig = serde_json::from_value(serde_json::Value::Object(config))
            .map_err(|e| error(kizuna::Error::Config(format!("calendar: {e}"))))?;
        Calendar::build(config)
    }

    /// The usual Japanese support desk: Asia/Tokyo, Monday to Friday 09:00–18:00, closed on
    /// the Japanese public holidays.
    #[staticmethod]
    fn japan() -> PyResult<Calendar> {
        Calendar::build(CalendarConfig::japan())
    }

    /// A calendar from a configuration document (JSON or TOML).
    #[staticmethod]
    fn from_config(config: &str) -> PyResult<Calendar> {
        Calendar::build(kizuna::config::parse(config, "calendar config").or_raise()?)
    }

    /// The IANA time zone.
    #[getter]
    fn time_zone(&self) -> &str {
        &self.config.time_zone
    }

    /// Whether the calendar is open at `at` (an aware datetime or Unix seconds).
    fn is_open(&self, at: &Bound<'_, PyAny>) -> PyResult<bool> {
        self.inner.is_open(instant(at, "at")?).or_raise()
    }

    /// Business seconds between `start` and `end`.
    fn business_seconds(&self, start: &Bound<'_, PyAny>, end: &Bound<'_, PyAny>) -> PyResult<f64> {
        let duration = self
            .inner
            .business_duration(instant(start, "start")?, instant(end, "end")?)
            .or_raise()?;
        Ok(duration.as_secs_f64())
    }

    /// The instant `seconds` of business time after `start` (a deadline), as a UTC datetime.
    fn add_business<'py>(
        &self,
        start: &Bound<'py, PyAny>,
        seconds: f64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let duration = jiff::SignedDuration::try_from_secs_f64(seconds).map_err(|e| {
            error(kizuna::Error::OutOfRange {
                what: "business duration".into(),
                value: seconds.to_string(),
                range: format!("a finite number of seconds ({e})"),
            })
        })?;
        let due = self
            .inner
            .add_business(instant(start, "start")?, duration)
            .or_raise()?;
        datetime(start.py(), due)
    }

    /// The holiday on `date` (a `datetime.date` or `YYYY-MM-DD`) as a dict (`date`,
    /// `name_ja`, `name_en`, `kind`), or None.
    fn holiday<'py>(
        &self,
        py: Python<'py>,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let date: jiff::civil::Date = from_py(date, "date")?;
        self.inner
            .holiday(date)
            .map(|holiday| document(py, holiday))
            .transpose()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce_to_config(slf, "from_config", &slf.get().config)
    }

    fn __repr__(&self) -> String {
        let hours: Vec<String> = self
            .config
            .hours
            .iter()
            .map(|(days, hours)| format!("{}: {}", quoted(days), quoted(hours)))
            .collect();
        format!(
            "Calendar({}, {{{}}}, japanese_holidays={})",
            quoted(&self.config.time_zone),
            hours.join(", "),
            if self.config.japanese_holidays {
                "True"
            } else {
                "False"
            }
        )
    }
}

/// An SLA policy: ordered rules choosing first-reply, next-reply and resolution targets;
/// immutable.
#[pyclass(frozen, module = "kizuna")]
pub struct SlaPolicy {
    inner: CorePolicy,
}

#[pymethods]
impl SlaPolicy {
    /// `SlaPolicy(rules, at_risk=0.25)`: rules as dicts with `name`, optional `when`
    /// (`{"urgency": ["high"]}`) and `first_reply`, `next_reply`, `resolution` targets
    /// (`{"within": "30m", "clock": "business"}`).
    #[new]
    #[pyo3(signature = (rules, *, at_risk = 0.25))]
    fn new(rules: &Bound<'_, PyAny>, at_risk: f64) -> PyResult<SlaPolicy> {
        let policy = CorePolicy {
            rules: from_py(rules, "SLA policy rules")?,
            at_risk,
        };
        policy.check().or_raise()?;
        Ok(SlaPolicy { inner: policy })
    }

    /// A policy from a configuration document (JSON or TOML).
    #[staticmethod]
    fn from_config(config: &str) -> PyResult<SlaPolicy> {
        Ok(SlaPolicy {
            inner: CorePolicy::from_config(config).or_raise()?,
        })
    }

    /// The rules' names, in order.
    #[getter]
    fn rule_names(&self) -> Vec<String> {
        self.inner.rules.iter().map(|r| r.name.clone()).collect()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce_to_config(slf, "from_config", &slf.get().inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "SlaPolicy(rules={}, at_risk={})",
            quoted_list(&self.rule_names()),
            self.inner.at_risk
        )
    }
}

/// Events from a JSON Lines string or a sequence of dicts.
fn events(events: &Bound<'_, PyAny>) -> PyResult<Vec<Event>> {
    match events.cast::<PyString>() {
        Ok(jsonl) => read_events(jsonl.to_str()?).or_raise(),
        Err(_) => events
            .try_iter()?
            .enumerate()
            .map(|(i, event)| from_py(&event?, &format!("event #{}", i + 1)))
            .collect(),
    }
}

/// `now`, or the current time.
fn now_or_current(now: Option<&Bound<'_, PyAny>>) -> PyResult<jiff::Timestamp> {
    now.map_or_else(|| Ok(jiff::Timestamp::now()), |now| instant(now, "now"))
}

/// Scores an export: threads rebuilt from `events` (dicts with `id`, `created_at`,
/// `author_id`, and optionally `is_brand`, `in_reply_to`, `conversation_id`, `channel`,
/// `automated`, `resolves`, `tags`; or a JSON Lines string), each judged against `policy` as
/// things stand at `now` (default: the current time). Returns a dict with `evaluations`,
/// `problems` (events left out, never silently) and `summary`.
#[pyfunction]
#[pyo3(signature = (events, policy, calendar = None, *, now = None, count_automated = false))]
pub fn score_events<'py>(
    py: Python<'py>,
    events: &Bound<'py, PyAny>,
    policy: &SlaPolicy,
    calendar: Option<&Calendar>,
    now: Option<&Bound<'py, PyAny>>,
    count_automated: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let events = self::events(events)?;
    let now = now_or_current(now)?;
    let rules = ReplyRules { count_automated };
    let report = py
        .detach(|| {
            kizuna::sla::score_events(
                events,
                &policy.inner,
                calendar.map(|c| &c.inner),
                rules,
                now,
            )
        })
        .or_raise()?;
    document(py, &report)
}

/// Takes events as they arrive, in any order, and says what breaches next. Not thread-safe:
/// use it from one thread (Python objects of this class refuse concurrent use).
#[pyclass(module = "kizuna")]
pub struct SlaMonitor {
    inner: CoreMonitor,
}

#[pymethods]
impl SlaMonitor {
    /// `SlaMonitor(policy, calendar=None)`; the calendar is needed for business targets.
    #[new]
    #[pyo3(signature = (policy, calendar = None, *, count_automated = false))]
    fn new(policy: &SlaPolicy, calendar: Option<&Calendar>, count_automated: bool) -> SlaMonitor {
        SlaMonitor {
            inner: CoreMonitor::new(
                policy.inner.clone(),
                calendar.map(|c| c.inner.clone()),
                ReplyRules { count_automated },
            ),
        }
    }

    /// Takes one event (a dict as in `score_events`). Raises `RecordError` for an id the
    /// monitor already holds or a reply older than its post; the monitor is unchanged then.
    fn push(&mut self, event: &Bound<'_, PyAny>) -> PyResult<()> {
        let event: Event = from_py(event, "event")?;
        self.inner
            .push(event)
            .map_err(|problem| RecordError::new_err(problem.to_string()))
    }

    /// What breaches next as things stand at `now` (default: the current time), soonest
    /// deadline first: dicts with `thread`, `rule`, `target`, `started`, `deadline`, `status`.
    #[pyo3(signature = (now = None))]
    fn due<'py>(
        &self,
        py: Python<'py>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let due = self.inner.due(now_or_current(now)?).or_raise()?;
        document(py, &due)
    }

    /// Lets go of threads with nothing left to wait for; returns how many.
    fn settle(&mut self) -> PyResult<usize> {
        self.inner.settle().or_raise()
    }

    /// How many threads the monitor holds.
    #[getter]
    fn open_threads(&self) -> usize {
        self.inner.open_threads()
    }

    fn __repr__(&self) -> String {
        format!("SlaMonitor(open_threads={})", self.inner.open_threads())
    }
}

/// The Japanese public holidays of `first_year` to `last_year` (1949–2099), as dicts with
/// `date`, `name_ja`, `name_en` and `kind`.
#[pyfunction]
#[pyo3(signature = (first_year, last_year = None))]
pub fn japanese_holidays<'py>(
    py: Python<'py>,
    first_year: i16,
    last_year: Option<i16>,
) -> PyResult<Bound<'py, PyAny>> {
    let years = first_year..=last_year.unwrap_or(first_year);
    let days = kizuna::sla::holidays::japanese_holidays_in(years).or_raise()?;
    document(py, &days)
}
