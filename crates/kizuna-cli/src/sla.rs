//! `kizuna sla`: threads rebuilt from an export, each scored against a policy in calendar or
//! business time, and the aggregates.

use std::collections::BTreeMap;

use kizuna::engage::Post;
use kizuna::sla::{Calendar, CalendarConfig, Event, ReplyRules, SlaPolicy, SlaReport};
use serde_json::{Map, Value};

use crate::records::output::printable;
use crate::records::{Counts, Source, each_record};
use crate::report::accounts::percent;

/// The policy used without `--policy`: every first reply within an hour.
pub const DEFAULT_POLICY: &str =
    r#"{"rules": [{"name": "default", "first_reply": {"within": "1h"}}]}"#;

/// The calendar of `--tz`, `--hours` and `--holidays`, when any hours are given.
pub fn calendar(
    tz: &str,
    hours: &[String],
    holidays: Option<&str>,
) -> Result<Option<Calendar>, String> {
    if hours.is_empty() {
        return Ok(None);
    }
    let mut by_days = BTreeMap::new();
    for spec in hours {
        let (days, times) = spec.trim().split_once(' ').ok_or_else(|| {
            format!("--hours {spec:?}: write days and times, as \"mon-fri 09:00-18:00\"")
        })?;
        by_days.insert(days.to_owned(), times.trim().to_owned());
    }
    let japanese_holidays = match holidays {
        None => false,
        Some(c) if c.eq_ignore_ascii_case("jp") => true,
        Some(other) => return Err(format!("--holidays {other:?}: only `jp` is built in")),
    };
    let config = CalendarConfig {
        time_zone: tz.to_owned(),
        hours: by_days,
        japanese_holidays,
        holidays: Vec::new(),
        closed: Vec::new(),
        open: BTreeMap::new(),
        years: None,
    };
    Calendar::from_config(&config)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// One record of an export as an event: a post (it has an `author` object; see
/// `Event::from(&Post)`) or the event shape itself (`author_id`). `urgency` and the first of
/// `intents` (as `kizuna classify` adds them) become tags for the policy's conditions, and
/// `automated` and `resolves` flags are kept.
pub fn event_of(record: &Map<String, Value>) -> Result<Event, String> {
    let whole = Value::Object(record.clone());
    let mut event = if record.get("author").is_some_and(Value::is_object) {
        let post: Post = serde_json::from_value(whole).map_err(|e| format!("not a post: {e}"))?;
        Event::from(&post)
    } else {
        serde_json::from_value(whole).map_err(|e| format!("not an event or post: {e}"))?
    };
    let flag = |name: &str| record.get(name).and_then(Value::as_bool);
    event.automated = flag("automated").unwrap_or(event.automated);
    event.resolves = flag("resolves").unwrap_or(event.resolves);
    let urgency = record.get("urgency").and_then(Value::as_str);
    let intent = record
        .get("intents")
        .and_then(|i| i.get(0))
        .and_then(Value::as_str);
    tag(&mut event, urgency, intent);
    Ok(event)
}

/// Tags an event with what the classifier said of its post (`urgency`, and the first of its
/// intents as `intent`), the tags a policy's rules choose by.
pub fn tag(event: &mut Event, urgency: Option<&str>, intent: Option<&str>) {
    if let Some(urgency) = urgency {
        event.tags.insert("urgency".into(), urgency.into());
    }
    if let Some(intent) = intent {
        event.tags.insert("intent".into(), intent.into());
    }
}

/// Reads every record of `source` as an event, reporting bad lines on `errors`.
pub fn read_events(
    source: Source,
    errors: impl std::io::Write,
) -> std::io::Result<(Vec<Event>, Counts)> {
    let mut events = Vec::new();
    let counts = each_record(source, errors, |record| {
        Ok(event_of(&record).map(|event| events.push(event)))
    })?;
    Ok((events, counts))
}

/// Scores the events.
pub fn score(
    events: Vec<Event>,
    policy: &SlaPolicy,
    calendar: Option<&Calendar>,
    now: jiff::Timestamp,
) -> Result<SlaReport, String> {
    kizuna::sla::score_events(events, policy, calendar, ReplyRules::default(), now)
        .map_err(|e| e.to_string())
}

/// The report as text: one line per thread (its rule, first reply time and status, next
/// replies), then the aggregates.
pub fn table(report: &SlaReport) -> String {
    let mut out = String::from("thread\trule\tfirst_reply\tstatus\tnext_replies\n");
    for e in &report.evaluations {
        let first = e.first_reply.as_ref();
        let took = first
            .and_then(|o| o.took)
            .map_or("-".to_owned(), |d| format!("{d:#}"));
        let status = first.map_or("-".to_owned(), |o| status_name(&o.status));
        let next: Vec<String> = e
            .next_replies
            .iter()
            .map(|o| status_name(&o.status))
            .collect();
        out.push_str(&format!(
            "{}\t{}\t{took}\t{status}\t{}\n",
            printable(&e.key),
            printable(e.rule.as_deref().unwrap_or("-")),
            if next.is_empty() {
                "-".to_owned()
            } else {
                next.join(",")
            }
        ));
    }
    let s = &report.summary;
    out.push_str(&format!(
        "\nthreads {}, needing a reply {}, answered {} (response rate {})\n\
         first replies: {} achieved, {} breached, {} pending, {} at risk (attainment {})\n\
         SLA score {}\n",
        s.threads,
        s.needing_reply,
        s.answered,
        percent(s.response_rate),
        s.first_reply.achieved,
        s.first_reply.breached,
        s.first_reply.pending,
        s.first_reply.at_risk,
        percent(s.first_reply.attainment),
        s.score.map_or("-".to_owned(), |v| format!("{v:.0}")),
    ));
    out
}

fn status_name(status: &kizuna::sla::Status) -> String {
    use kizuna::sla::Status;
    match status {
        Status::Achieved => "achieved".into(),
        Status::Breached => "breached".into(),
        Status::Pending { remaining } => format!("pending ({remaining:#} left)"),
        Status::AtRisk { remaining } => format!("at risk ({remaining:#} left)"),
    }
}
