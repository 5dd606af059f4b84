//! `kizuna sla`: threads rebuilt from an export, each scored against a policy in calendar or
//! business time, and the aggregates.

use std::collections::BTreeMap;
use std::io::BufRead;

use kizuna::sla::{Calendar, CalendarConfig, Event, ReplyRules, SlaPolicy, SlaReport};
use serde_json::{Map, Value};

use crate::records::Counts;

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

/// One record of an export as an event: the event shape itself (`author_id`), or a post
/// (`author.id`, `author.is_brand`, `platform`); `urgency` and the first of `intents` (as
/// `kizuna classify` adds them) become tags for the policy's conditions.
pub fn event_of(record: &Map<String, Value>) -> Result<Event, String> {
    let mut event = Map::new();
    let author = record.get("author");
    let field = |name: &str| record.get(name).cloned().unwrap_or(Value::Null);
    event.insert("id".into(), field("id"));
    event.insert("created_at".into(), field("created_at"));
    let author_id = record
        .get("author_id")
        .or_else(|| author.and_then(|a| a.get("id")))
        .cloned()
        .unwrap_or(Value::Null);
    event.insert("author_id".into(), author_id);
    let is_brand = record
        .get("is_brand")
        .or_else(|| author.and_then(|a| a.get("is_brand")))
        .cloned()
        .unwrap_or(Value::Bool(false));
    event.insert("is_brand".into(), is_brand);
    for name in ["in_reply_to", "conversation_id", "automated", "resolves"] {
        if let Some(value) = record.get(name).filter(|v| !v.is_null()) {
            event.insert(name.into(), value.clone());
        }
    }
    if let Some(channel) = record.get("channel").or_else(|| record.get("platform")) {
        event.insert("channel".into(), channel.clone());
    }
    let mut tags = record
        .get("tags")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    if let Some(urgency) = record.get("urgency").and_then(Value::as_str) {
        tags.insert("urgency".into(), urgency.into());
    }
    if let Some(intent) = record
        .get("intents")
        .and_then(|i| i.get(0))
        .and_then(Value::as_str)
    {
        tags.insert("intent".into(), intent.into());
    }
    event.insert("tags".into(), Value::Object(tags));
    serde_json::from_value(Value::Object(event)).map_err(|e| format!("not an event or post: {e}"))
}

/// Reads every record of `input` as an event, reporting bad lines on `errors`.
pub fn read_events(
    input: impl BufRead,
    mut errors: impl std::io::Write,
) -> std::io::Result<(Vec<Event>, Counts)> {
    let mut counts = Counts::default();
    let mut events = Vec::new();
    for (index, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        counts.read += 1;
        let event = match serde_json::from_str::<Value>(&line) {
            Ok(Value::Object(record)) => event_of(&record),
            Ok(_) => Err("not a JSON object".to_owned()),
            Err(e) => Err(format!("not JSON: {e}")),
        };
        match event {
            Ok(event) => {
                events.push(event);
                counts.written += 1;
            }
            Err(reason) => {
                writeln!(errors, "line {}: {reason}; skipped", index + 1)?;
                counts.rejected += 1;
            }
        }
    }
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
            e.key,
            e.rule.as_deref().unwrap_or("-"),
            if next.is_empty() {
                "-".to_owned()
            } else {
                next.join(",")
            }
        ));
    }
    let s = &report.summary;
    let percent = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{:.1}%", v * 100.0));
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
