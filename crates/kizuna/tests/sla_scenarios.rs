//! Reply-SLA scenarios with hand-computed expectations, and every bad input the design names.

use jiff::civil::{Weekday, date};
use jiff::{SignedDuration, Timestamp};
use kizuna::Error;
use kizuna::sla::*;
use proptest::prelude::*;

/// 2026-11-24 (a Tuesday) at `h:m`, Tokyo time.
fn at(h: i8, m: i8) -> Timestamp {
    date(2026, 11, 24)
        .at(h, m, 0, 0)
        .in_tz("Asia/Tokyo")
        .expect("valid")
        .timestamp()
}

fn reply(id: &str, t: Timestamp, to: &str) -> Event {
    Event::brand_reply(id, t, "sora_air", to)
}

fn follow_up(id: &str, t: Timestamp, to: &str) -> Event {
    Event {
        in_reply_to: Some(to.into()),
        ..Event::customer(id, t, "taro")
    }
}

fn mins(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

fn policy() -> SlaPolicy {
    SlaPolicy::new(vec![
        Rule::new("urgent")
            .when("urgency", &["high"])
            .first_reply(Target::calendar(mins(30)))
            .next_reply(Target::calendar(mins(60))),
        Rule::new("default")
            .first_reply(Target::calendar(mins(60)))
            .next_reply(Target::calendar(mins(60)))
            .resolution(Target::calendar(mins(24 * 60))),
    ])
}

fn evaluate_one(events: Vec<Event>, now: Timestamp) -> Evaluation {
    let threads = build_threads(events);
    assert_eq!(threads.threads.len(), 1, "{:?}", threads.problems);
    evaluate(
        &threads.threads[0],
        &policy(),
        None,
        ReplyRules::default(),
        now,
    )
    .expect("evaluates")
}

#[test]
fn first_and_next_replies_with_a_pending_one_at_risk() {
    let eval = evaluate_one(
        vec![
            Event::customer("1", at(10, 0), "taro"),
            reply("2", at(10, 20), "1"),
            follow_up("3", at(10, 30), "2"),
            reply("4", at(11, 45), "3"),
            follow_up("5", at(12, 0), "4"),
        ],
        at(12, 50),
    );
    assert_eq!(eval.rule.as_deref(), Some("default"));
    let first = eval.first_reply.expect("first reply");
    assert_eq!(
        (first.took, first.status),
        (Some(mins(20)), Status::Achieved)
    );
    assert_eq!(eval.next_replies.len(), 2);
    assert_eq!(eval.next_replies[0].took, Some(mins(75)));
    assert_eq!(eval.next_replies[0].status, Status::Breached);
    // 10 of 60 minutes left, under a quarter: at risk.
    assert_eq!(
        eval.next_replies[1].status,
        Status::AtRisk {
            remaining: mins(10)
        }
    );
    assert_eq!(eval.next_replies[1].deadline, at(13, 0));
    let resolution = eval.resolution.expect("resolution target");
    assert_eq!(
        resolution.status,
        Status::Pending {
            remaining: mins(24 * 60 - 170)
        }
    );
}

#[test]
fn unanswered_past_the_deadline_is_breached() {
    let eval = evaluate_one(vec![Event::customer("1", at(10, 0), "taro")], at(11, 1));
    let first = eval.first_reply.expect("first reply");
    assert_eq!((first.took, first.status), (None, Status::Breached));
}

#[test]
fn the_first_matching_rule_wins() {
    let urgent = Event::customer("1", at(10, 0), "taro").tag("urgency", "high");
    let eval = evaluate_one(vec![urgent, reply("2", at(10, 40), "1")], at(12, 0));
    assert_eq!(eval.rule.as_deref(), Some("urgent"));
    assert_eq!(eval.first_reply.expect("first").status, Status::Breached);
    assert!(
        eval.resolution.is_none(),
        "the urgent rule sets no resolution target"
    );
}

#[test]
fn business_time_targets_skip_nights_weekends_and_holidays() {
    let cal = Calendar::builder("Asia/Tokyo")
        .hours(Weekday::Monday..=Weekday::Friday, "09:00-18:00")
        .expect("hours")
        .japanese_holidays()
        .years(2026..=2026)
        .build()
        .expect("calendar");
    let friday = |h, m| {
        date(2026, 11, 20)
            .at(h, m, 0, 0)
            .in_tz("Asia/Tokyo")
            .expect("valid")
            .timestamp()
    };
    let policy = SlaPolicy::new(vec![
        Rule::new("support").first_reply(Target::business(SignedDuration::from_hours(2))),
    ]);
    let threads = build_threads(vec![Event::customer("1", friday(17, 0), "taro")]);
    // Monday the 23rd is 勤労感謝の日: one hour on Friday, the second on Tuesday by 10:00.
    let eval = evaluate(
        &threads.threads[0],
        &policy,
        Some(&cal),
        ReplyRules::default(),
        at(9, 30),
    )
    .expect("evaluates");
    let first = eval.first_reply.expect("first reply");
    assert_eq!(first.deadline, at(10, 0));
    assert_eq!(
        first.status,
        Status::Pending {
            remaining: mins(30)
        }
    );
    // Without a calendar, a business target cannot be judged.
    let err = evaluate(
        &threads.threads[0],
        &policy,
        None,
        ReplyRules::default(),
        at(9, 30),
    );
    assert!(matches!(err, Err(Error::InvalidOption { .. })));
}

#[test]
fn resolution_and_reopening() {
    let mut close = reply("2", at(10, 30), "1");
    close.resolves = true;
    let resolved = evaluate_one(
        vec![Event::customer("1", at(10, 0), "taro"), close.clone()],
        at(12, 0),
    );
    assert_eq!(
        resolved.resolution.expect("resolution").status,
        Status::Achieved
    );
    let reopened = evaluate_one(
        vec![
            Event::customer("1", at(10, 0), "taro"),
            close,
            follow_up("3", at(11, 0), "2"),
        ],
        at(12, 0),
    );
    assert_eq!(reopened.times.resolved, None);
    assert!(matches!(
        reopened.resolution.expect("resolution").status,
        Status::Pending { .. }
    ));
}

#[test]
fn bot_replies_count_only_when_asked() {
    let mut bot = reply("2", at(10, 1), "1");
    bot.automated = true;
    let events = vec![
        Event::customer("1", at(10, 0), "taro"),
        bot,
        reply("3", at(10, 50), "1"),
    ];
    let thread = &build_threads(events).threads[0];
    let people = measure(thread, ReplyRules::default());
    assert_eq!(
        people.first_reply.expect("first").answered,
        Some(at(10, 50))
    );
    let with_bots = measure(
        thread,
        ReplyRules {
            count_automated: true,
        },
    );
    assert_eq!(
        with_bots.first_reply.expect("first").answered,
        Some(at(10, 1))
    );
}

#[test]
fn bad_input_is_reported_not_dropped() {
    let mut conversation = Event::customer("9", at(10, 5), "jiro");
    conversation.conversation_id = Some("1".into());
    let events = vec![
        Event::customer("1", at(10, 0), "taro"),
        Event::customer("1", at(10, 1), "taro"), // duplicate id
        reply("2", at(9, 0), "1"),               // before the post it answers
        follow_up("3", at(10, 2), "4"),          // 3 → 4 → 3: a loop
        follow_up("4", at(10, 2), "3"),          // (a loop needs equal times)
        follow_up("5", at(10, 4), "missing"),    // answers a post not in the export
        follow_up("6", at(10, 6), "missing"),
        conversation, // joins thread 1 by conversation id
    ];
    let threads = build_threads(events);
    let kinds: Vec<(String, ProblemKind)> = threads
        .problems
        .iter()
        .map(|p| (p.id.clone(), p.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("1".to_owned(), ProblemKind::DuplicateId),
            ("2".to_owned(), ProblemKind::ReplyBeforeParent),
            ("3".to_owned(), ProblemKind::Cycle),
            ("4".to_owned(), ProblemKind::Cycle),
            ("5".to_owned(), ProblemKind::UnknownParent),
            ("6".to_owned(), ProblemKind::UnknownParent),
        ]
    );
    assert_eq!(threads.skipped(), 4);
    let keys: Vec<(&str, usize)> = threads
        .threads
        .iter()
        .map(|t| (t.key.as_str(), t.events.len()))
        .collect();
    assert_eq!(keys, [("1", 2), ("missing", 2)]);
}

#[test]
fn twitter_customer_support_records() {
    let record =
        |id: &str, author: &str, inbound: bool, created: &str, parent: Option<&str>| TwcsRecord {
            tweet_id: id.into(),
            author_id: author.into(),
            inbound,
            created_at: created.into(),
            text: String::new(),
            response_tweet_id: None,
            in_response_to_tweet_id: parent.map(Into::into),
        };
    let events: Vec<Event> = [
        record("10", "115712", true, "Tue Oct 31 22:10:47 +0000 2017", None),
        record(
            "11",
            "sprintcare",
            false,
            "Tue Oct 31 22:12:03 +0000 2017",
            Some("10.0"),
        ),
    ]
    .into_iter()
    .map(|r| Event::try_from(r).expect("valid record"))
    .collect();
    let thread = &build_threads(events).threads[0];
    let wait = measure(thread, ReplyRules::default())
        .first_reply
        .expect("first");
    assert_eq!(
        wait.answered
            .expect("answered")
            .duration_since(wait.asked)
            .as_secs(),
        76
    );
    let bad = record("12", "x", true, "yesterday", None);
    assert!(matches!(Event::try_from(bad), Err(Error::Record { id, .. }) if id == "12"));
}

#[test]
fn policy_from_toml() {
    let policy: SlaPolicy = toml::from_str(
        r#"
        at_risk = 0.2

        [[rules]]
        name = "urgent"
        when = { urgency = ["high"], channel = ["twitter", "instagram"] }
        first_reply = { within = "15m", clock = "business" }
        next_reply = { within = "1h" }

        [[rules]]
        name = "default"
        first_reply = { within = "4h", clock = "business" }
        resolution = { within = "PT48H" }
        "#,
    )
    .expect("policy");
    assert_eq!(policy.at_risk, 0.2);
    assert_eq!(policy.rules[0].when["channel"], ["twitter", "instagram"]);
    assert_eq!(
        policy.rules[0].first_reply,
        Some(Target::business(mins(15)))
    );
    assert_eq!(
        policy.rules[1].resolution,
        Some(Target::calendar(SignedDuration::from_hours(48)))
    );
}

#[test]
fn policy_from_json() {
    let policy: SlaPolicy = serde_json::from_str(
        r#"{"rules": [{"name": "all", "first_reply": {"within": "PT1H"}, "when": {"channel": ["twitter"]}}]}"#,
    )
    .expect("policy");
    assert_eq!(
        policy.rules[0].first_reply,
        Some(Target::calendar(SignedDuration::from_hours(1)))
    );
    assert!(serde_json::from_str::<SlaPolicy>(r#"{"rules": [], "typo": 1}"#).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every input event lands in exactly one thread or is reported as skipped, and each
    /// thread is in time order.
    #[test]
    fn no_event_is_lost(spec in prop::collection::vec((0u8..12, any::<bool>(), prop::option::of(0u8..14), 0i64..600), 0..40)) {
        let events: Vec<Event> = spec.iter().map(|&(id, brand, parent, minute)| {
            let t = at(10, 0) + SignedDuration::from_mins(minute);
            Event {
                is_brand: brand,
                in_reply_to: parent.map(|p| p.to_string()),
                ..Event::customer(&id.to_string(), t, "someone")
            }
        }).collect();
        let count = events.len();
        let threads = build_threads(events);
        let placed: usize = threads.threads.iter().map(|t| t.events.len()).sum();
        prop_assert_eq!(placed + threads.skipped(), count);
        for thread in &threads.threads {
            prop_assert!(thread.events.windows(2).all(|w| w[0].created_at <= w[1].created_at));
        }
    }
}

#[test]
fn aggregates_by_agent_and_day_with_a_documented_score() {
    let events = vec![
        Event::customer("1", at(10, 0), "taro"),
        Event::brand_reply("2", at(10, 20), "agent_a", "1"), // first reply in 20 min: achieved
        follow_up("3", at(10, 30), "2"),
        Event::brand_reply("4", at(12, 0), "agent_a", "3"), // next reply in 90 min: breached
        Event::customer("5", at(10, 0), "jiro"),
        Event::brand_reply("6", at(11, 30), "agent_b", "5"), // first reply in 90 min: breached
        Event::customer("7", at(11, 0), "hanako"),           // unanswered, 60 min left at 12:00
    ];
    let threads = build_threads(events).threads;
    let evals: Vec<Evaluation> = threads
        .iter()
        .map(|t| evaluate(t, &policy(), None, ReplyRules::default(), at(11, 30)))
        .collect::<Result<_, _>>()
        .expect("evaluates");
    let all = summarize(threads.iter().zip(&evals), None).expect("summary");
    assert_eq!((all.threads, all.needing_reply, all.answered), (3, 3, 2));
    assert_eq!(all.response_rate, Some(2.0 / 3.0));
    assert_eq!(all.first_reply.achieved, 1);
    assert_eq!(all.first_reply.breached, 1);
    assert_eq!(all.first_reply.pending + all.first_reply.at_risk, 1);
    assert_eq!(all.next_reply.breached, 1);
    // First reply attainment 1/2, next reply 0/1, no resolution decided: weights 0.5 and 0.3.
    let score = 100.0 * (0.5 * 0.5 + 0.3 * 0.0) / 0.8;
    assert!((all.score.expect("score") - score).abs() < 1e-9);
    let stats = all.first_reply_time.expect("times");
    assert_eq!(
        (stats.count, stats.median, stats.p99),
        (2, mins(20), mins(90))
    );

    let by_agent = summarize_by(threads.iter().zip(&evals), &GroupBy::Agent, None).expect("groups");
    let agents: Vec<(&str, usize)> = by_agent
        .iter()
        .map(|(k, s)| (k.as_str(), s.threads))
        .collect();
    assert_eq!(agents, [("-", 1), ("agent_a", 1), ("agent_b", 1)]);
    let by_brand = summarize_by(threads.iter().zip(&evals), &GroupBy::Brand, None).expect("groups");
    let brands: Vec<&str> = by_brand.keys().map(String::as_str).collect();
    assert_eq!(brands, ["-", "agent_a", "agent_b"]); // no brand tags: the replying accounts
    let by_day = summarize_by(threads.iter().zip(&evals), &GroupBy::Day, None).expect("groups");
    assert_eq!(by_day.keys().collect::<Vec<_>>(), ["2026-11-24"]); // 01:00–02:00 UTC
}

#[test]
fn the_monitor_takes_late_arrivals_and_lets_settled_threads_go() {
    let mut monitor = SlaMonitor::new(policy(), None, ReplyRules::default());
    // The brand's reply and the customer's follow-up arrive before the post they answer.
    monitor.push(reply("2", at(10, 20), "1")).expect("taken");
    monitor
        .push(follow_up("3", at(10, 30), "2"))
        .expect("taken");
    monitor
        .push(Event::customer("1", at(10, 0), "taro"))
        .expect("taken");
    monitor
        .push(Event::customer("5", at(10, 45), "jiro"))
        .expect("taken");
    assert_eq!(monitor.open_threads(), 2);
    let due = monitor.due(at(11, 0)).expect("due");
    let order: Vec<(&str, TargetKind, Timestamp)> = due
        .iter()
        .map(|d| (d.thread.as_str(), d.target, d.deadline))
        .collect();
    assert_eq!(
        order,
        [
            ("1", TargetKind::NextReply, at(11, 30)),
            ("5", TargetKind::FirstReply, at(11, 45)),
            (
                "1",
                TargetKind::Resolution,
                at(10, 0) + SignedDuration::from_hours(24)
            ),
            (
                "5",
                TargetKind::Resolution,
                at(10, 45) + SignedDuration::from_hours(24)
            ),
        ]
    );
    // Bad input is refused with the reason, and nothing else changes.
    let dup = monitor
        .push(Event::customer("5", at(10, 50), "jiro"))
        .unwrap_err();
    assert_eq!(dup.kind, ProblemKind::DuplicateId);
    let early = monitor.push(reply("9", at(9, 0), "5")).unwrap_err();
    assert_eq!(early.kind, ProblemKind::ReplyBeforeParent);
    // Thread 1 answered and resolved: let go; thread 5 still waits.
    let mut close = reply("4", at(11, 10), "3");
    close.resolves = true;
    monitor.push(close).expect("taken");
    assert_eq!(monitor.settle().expect("settles"), 1);
    assert_eq!(monitor.open_threads(), 1);
}
