"""Calendars, policies, scoring and the monitor from Python."""
import datetime as dt
import pickle

import pytest

import kizuna

JST = dt.timezone(dt.timedelta(hours=9))
UTC = dt.timezone.utc


def test_japan_calendar_skips_weekends_and_holidays():
    japan = kizuna.Calendar.japan()
    friday = dt.datetime(2026, 11, 20, 17, 0, tzinfo=JST)
    due = japan.add_business(friday, 2 * 3600)
    # Saturday, Sunday and Monday 23 November (勤労感謝の日) are closed.
    assert due == dt.datetime(2026, 11, 24, 10, 0, tzinfo=JST)
    assert japan.business_seconds(friday, due) == 7200
    assert japan.business_seconds(friday.timestamp(), due.timestamp()) == 7200
    assert not japan.is_open(dt.datetime(2026, 11, 23, 10, tzinfo=JST))
    assert japan.holiday(dt.date(2026, 11, 23))["name_en"] == "Labour Thanksgiving Day"
    assert japan.holiday("2026-11-24") is None


def test_calendars_from_arguments_and_configs():
    ny = kizuna.Calendar(
        "America/New_York",
        {"mon-fri": "09:00-17:00"},
        holidays=[{"date": dt.date(2026, 11, 26), "name": "Thanksgiving"}],
        years=(2026, 2027),
    )
    assert not ny.is_open(dt.datetime(2026, 11, 26, 12, tzinfo=dt.timezone(dt.timedelta(hours=-5))))
    toml = kizuna.Calendar.from_config('time_zone = "Asia/Tokyo"\njapanese_holidays = true\n[hours]\nmon-fri = "09:00-18:00"\n')
    friday = dt.datetime(2026, 11, 20, 17, 0, tzinfo=JST)
    assert toml.business_seconds(friday, dt.datetime(2026, 11, 24, 10, tzinfo=JST)) == 7200
    again = pickle.loads(pickle.dumps(ny))
    assert again.time_zone == "America/New_York"
    assert "Calendar('America/New_York'" in repr(ny)


def test_calendar_errors():
    with pytest.raises(kizuna.TimeZoneError):
        kizuna.Calendar("Asia/Nowhere")
    with pytest.raises(kizuna.HoursError):
        kizuna.Calendar("UTC", {"mon": "18:00-09:00"})
    japan = kizuna.Calendar.japan()
    with pytest.raises(kizuna.OrderError):
        japan.business_seconds(dt.datetime(2026, 11, 24, tzinfo=UTC), dt.datetime(2026, 11, 20, tzinfo=UTC))
    with pytest.raises(kizuna.OutOfRangeError):
        japan.is_open(dt.datetime(2100, 1, 2, tzinfo=UTC))
    with pytest.raises(kizuna.TimeZoneError, match="naive"):
        japan.is_open(dt.datetime(2026, 11, 24, 10))
    with pytest.raises(TypeError):
        japan.is_open("2026-11-24")  # type: ignore[arg-type]


POLICY = [
    {"name": "urgent", "when": {"urgency": ["high"]}, "first_reply": {"within": "30m"}},
    {"name": "default", "first_reply": {"within": "1h", "clock": "business"}},
]

EVENTS = [
    {"id": "1", "created_at": "2026-11-24T01:00:00Z", "author_id": "taro"},
    {"id": "2", "created_at": dt.datetime(2026, 11, 24, 1, 20, tzinfo=UTC), "author_id": "sora_air",
     "is_brand": True, "in_reply_to": "1"},
    {"id": "3", "created_at": "2026-11-24T02:00:00Z", "author_id": "jiro", "tags": {"urgency": "high"}},
    {"id": "3", "created_at": "2026-11-24T02:01:00Z", "author_id": "jiro"},
]


def test_scoring_an_export():
    policy = kizuna.SlaPolicy(POLICY)
    now = dt.datetime(2026, 11, 24, 12, tzinfo=JST)
    report = kizuna.score_events(EVENTS, policy, kizuna.Calendar.japan(), now=now)
    assert report["summary"]["threads"] == 2
    assert report["summary"]["first_reply"]["achieved"] == 1
    assert report["summary"]["first_reply"]["breached"] == 1
    assert [p["kind"] for p in report["problems"]] == ["duplicate_id"]
    jsonl = "\n".join(
        '{"id": "%s", "created_at": "2026-11-24T0%d:00:00Z", "author_id": "u"}' % (i, i) for i in range(1, 4)
    )
    assert kizuna.score_events(jsonl, policy, kizuna.Calendar.japan(), now=now)["summary"]["threads"] == 3
    with pytest.raises(kizuna.InvalidOptionError):
        kizuna.score_events(EVENTS, policy, None, now=now)  # business target, no calendar
    with pytest.raises(kizuna.ParseError, match="line 2"):
        kizuna.score_events('{"id": "1", "created_at": "2026-11-24T01:00:00Z", "author_id": "a"}\n{"id": 2}', policy)


def test_policies_are_checked_and_pickle():
    with pytest.raises(kizuna.OutOfRangeError):
        kizuna.SlaPolicy([{"name": "x", "first_reply": {"within": "-5m"}}])
    with pytest.raises(kizuna.OutOfRangeError):
        kizuna.SlaPolicy([], at_risk=2.0)
    with pytest.raises(kizuna.ConfigError):
        kizuna.SlaPolicy([{"name": "x", "first_reply": {"withn": "5m"}}])
    policy = kizuna.SlaPolicy.from_config('[[rules]]\nname = "all"\nfirst_reply = { within = "1h" }\n')
    assert pickle.loads(pickle.dumps(policy)).rule_names == ["all"]


def test_the_monitor_lists_what_breaches_next():
    monitor = kizuna.SlaMonitor(kizuna.SlaPolicy(POLICY), kizuna.Calendar.japan())
    for event in EVENTS[:3]:
        monitor.push(event)
    with pytest.raises(kizuna.RecordError, match="duplicate"):
        monitor.push(EVENTS[3])
    assert monitor.open_threads == 2
    due = monitor.due(dt.datetime(2026, 11, 24, 12, tzinfo=JST))
    assert [(d["thread"], d["status"]["status"]) for d in due] == [("3", "breached")]
    assert monitor.settle() == 1
    assert monitor.open_threads == 1
