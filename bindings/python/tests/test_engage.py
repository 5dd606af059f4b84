"""Engagement figures from Python: post dicts and tables give the same, hand-computed
answers; bad rows are named."""
import datetime as dt

import pytest

import kizuna

pa = pytest.importorskip("pyarrow", reason="pyarrow is installed by scripts/test")
pd = pytest.importorskip("pandas", reason="pandas is installed by scripts/test")
pl = pytest.importorskip("polars", reason="polars is installed by scripts/test")

UTC = dt.timezone.utc
WEEK = (dt.datetime(2026, 11, 16, tzinfo=UTC), dt.datetime(2026, 11, 23, tzinfo=UTC))

POSTS = [
    {"id": "1", "created_at": "2026-11-16T01:00:00Z", "author": {"id": "brand", "followers": 1000},
     "metrics": {"likes": 9, "replies": 1, "impressions": 100}},  # Monday
    {"id": "2", "created_at": "2026-11-18T01:00:00Z", "author": {"id": "brand", "followers": 1040},
     "metrics": {"likes": 3, "replies": 1, "impressions": 100}},  # Wednesday
    {"id": "3", "created_at": "2026-11-21T01:00:00Z", "author": {"id": "brand", "followers": 1100},
     "metrics": {"likes": 3, "replies": 1, "impressions": 100}},  # Saturday
    {"id": "4", "created_at": "2026-11-21T02:00:00Z", "author": {"id": "taro"}, "metrics": {"likes": 3}},
]


def frame():
    return pd.DataFrame({
        "id": [p["id"] for p in POSTS],
        "created_at": pd.to_datetime([p["created_at"] for p in POSTS]),
        "author_id": [p["author"]["id"] for p in POSTS],
        "followers": [p["author"].get("followers") for p in POSTS],
        "likes": [p["metrics"].get("likes") for p in POSTS],
        "replies": [p["metrics"].get("replies") for p in POSTS],
        "impressions": [p["metrics"].get("impressions") for p in POSTS],
    })


def test_account_figures_by_hand():
    m = kizuna.account_metrics(POSTS, "brand", *WEEK)
    assert (m["posts"], m["days"], m["active_days"]) == (3, 7, 3)
    assert m["weekday_coverage"] == pytest.approx(2 / 5)
    assert m["weekend_coverage"] == pytest.approx(1 / 2)
    assert m["follower_growth_per_day"] == pytest.approx(20.0)  # 100 followers over 5 days
    assert m["applause_rate"] == pytest.approx(5.0)
    assert m["conversation_rate"] == pytest.approx(1.0)
    assert m["engagement_rate"] == pytest.approx(18 / 300)
    assert m["median_engagement_rate"] == pytest.approx(0.04)


@pytest.mark.parametrize("kind", ["pandas", "polars", "pyarrow", "strings"])
def test_tables_give_what_post_dicts_give(kind):
    df = frame()
    table = {
        "pandas": lambda: df,
        "polars": lambda: pl.from_pandas(df),
        "pyarrow": lambda: pa.Table.from_pandas(df),
        "strings": lambda: df.assign(created_at=[p["created_at"] for p in POSTS]),
    }[kind]()
    assert kizuna.account_metrics(table, "brand", *WEEK) == kizuna.account_metrics(POSTS, "brand", *WEEK)


def test_empty_window_and_unknown_account():
    m = kizuna.account_metrics(POSTS, "nobody", *WEEK)
    assert m["posts"] == 0
    assert m["engagement_rate"] is None and m["median_engagement_rate"] is None
    assert m["posts_per_day"] == 0.0


def test_bad_rows_are_named():
    bad = [*POSTS, {"id": "9", "created_at": "2026-11-17T01:00:00Z", "author": {"id": "brand"},
                    "metrics": {"likes": -1}}]
    with pytest.raises(kizuna.RecordError, match="record 9"):
        kizuna.account_metrics(bad, "brand", *WEEK)
    df = frame()
    df.loc[1, "likes"] = float("nan")  # unknown, not an error
    assert kizuna.account_metrics(df, "brand", *WEEK)["posts"] == 3
    df.loc[1, "likes"] = -4
    with pytest.raises(kizuna.RecordError, match="record 2"):
        kizuna.account_metrics(df, "brand", *WEEK)
    with pytest.raises(kizuna.ConfigError, match="author_id"):
        kizuna.account_metrics(frame().drop(columns=["author_id"]), "brand", *WEEK)
    with pytest.raises(TypeError, match="likes"):
        kizuna.account_metrics(frame().assign(likes=["many"] * 4), "brand", *WEEK)
    with pytest.raises(kizuna.RecordError, match="created_at"):
        kizuna.account_metrics(frame().assign(created_at=["yesterday"] * 4), "brand", *WEEK)


def test_windows_are_checked():
    with pytest.raises(kizuna.OrderError):
        kizuna.account_metrics(POSTS, "brand", WEEK[1], WEEK[0])
    with pytest.raises(kizuna.TimeZoneError):
        kizuna.account_metrics(POSTS, "brand", *WEEK, time_zone="Mars/Olympus")


def test_profile_and_repeat_engagers():
    posts = [
        {"id": "1", "created_at": "2026-11-16T01:00:00Z", "author": {"id": "brand"},
         "text": "New timetable from December! Any questions?"},
        {"id": "2", "created_at": "2026-11-16T02:00:00Z", "author": {"id": "taro"},
         "text": "@sora_air thanks!", "in_reply_to": "1"},
        {"id": "3", "created_at": "2026-11-16T03:00:00Z", "author": {"id": "taro"}, "text": "@sora_air again"},
        {"id": "4", "created_at": "2026-11-16T04:00:00Z", "author": {"id": "brand"},
         "text": "@taro thank you!", "in_reply_to": "3"},
    ]
    p = kizuna.profile(posts, "brand", *WEEK)
    assert p["posts"] == 2
    assert p["dialogue_rate"] == pytest.approx(0.5)
    engagers = kizuna.repeat_engagers(posts, "brand", "sora_air", *WEEK, min=2)
    assert [(e["author_id"], e["engagements"]) for e in engagers] == [("taro", 2)]


def test_engagement_rates_of_one_post():
    rates = kizuna.engagement_rates({"id": "1", "created_at": "2026-11-16T01:00:00Z",
                                     "author": {"id": "brand", "followers": 2000},
                                     "metrics": {"likes": 30, "shares": 5, "replies": 5, "impressions": 1000, "reach": 0}})
    assert rates["engagements"] == 40
    assert rates["by_impressions"] == pytest.approx(0.04)
    assert rates["by_followers"] == pytest.approx(0.02)
    assert rates["by_reach"] is None  # a zero base gives no rate, not a division by zero
    with pytest.raises(kizuna.RecordError, match="record x"):
        kizuna.engagement_rates({"id": "x", "created_at": "2026-11-16T01:00:00Z", "author": {"id": "a"},
                                 "metrics": {"likes": -2}})
    with pytest.raises(kizuna.OutOfRangeError, match="finite"):
        kizuna.engagement_rates({"id": "x", "created_at": "2026-11-16T01:00:00Z", "author": {"id": "a"},
                                 "metrics": {"likes": float("inf")}})


def test_response_metrics_use_the_sla_threads():
    posts = [
        {"id": "1", "created_at": "2026-11-16T01:00:00Z", "author": {"id": "u1"}, "text": "@sora_air help"},
        {"id": "2", "created_at": "2026-11-16T01:30:00Z", "author": {"id": "brand"}, "text": "@u1 sure",
         "in_reply_to": "1"},
        {"id": "3", "created_at": "2026-11-16T02:00:00Z", "author": {"id": "u2"}, "text": "@sora_air hello?"},
    ]
    m = kizuna.response_metrics(posts, "brand", "sora_air", *WEEK)
    assert (m["inbound"], m["answered"]) == (2, 1)
    assert m["response_rate"] == pytest.approx(0.5)
    with_calendar = kizuna.response_metrics(posts, "brand", "sora_air", *WEEK, calendar=kizuna.Calendar.japan())
    assert with_calendar["business_response_time"] is not None


def test_series_and_spikes():
    days = [dt.datetime(2026, 11, d, 12, tzinfo=UTC) for d in range(1, 15) for _ in range(3)]
    days += [dt.datetime(2026, 11, 15, 12, tzinfo=UTC)] * 30
    counts = kizuna.series(days)
    assert counts[0] == (dt.date(2026, 11, 1), 3.0)
    assert sum(v for _, v in counts) == len(days)
    weekly = kizuna.series(days, bucket="week", time_zone="Asia/Tokyo")
    assert sum(v for _, v in weekly) == len(days)
    spikes = kizuna.detect_spikes(counts, baseline=7, z=3.0, ratio=2.0)
    assert [s["bucket"] for s in spikes] == ["2026-11-15"]
    shares = kizuna.share_series(days, [i % 3 == 0 for i in range(len(days))])
    assert shares[0] == (dt.date(2026, 11, 1), pytest.approx(1 / 3))
    with pytest.raises(kizuna.InvalidOptionError):
        kizuna.series(days, bucket="month")  # type: ignore[arg-type]
    with pytest.raises(kizuna.InvalidOptionError, match="values"):
        kizuna.series(days, [1.0])
