#!/usr/bin/env python3
"""Times one account's figures over 10 M posts two ways in one run: `kizuna.account_metrics`
on a pandas DataFrame (conversion to Arrow included) and the same figures computed with pandas
(a boolean filter, a groupby by local day, sums, a median). Every figure must agree before any
time is printed.

    python3 benches/compare/account_metrics.py [ROWS]

The posts: ROWS (default 10 M) posts by 10 accounts over four weeks, the brand's share 10 %,
with followers, likes, shares, replies, quotes and impressions; days read in Asia/Tokyo.
"""
import datetime as dt
import sys

from bench_env import ROOT, in_venv, median_seconds

in_venv("numpy", "pandas", "pyarrow", str(ROOT / "bindings" / "python"))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pyarrow as pa  # noqa: E402

import kizuna  # noqa: E402

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
RUNS = 5
TZ = "Asia/Tokyo"
START = dt.datetime(2026, 10, 26, tzinfo=dt.timezone(dt.timedelta(hours=9)))
END = START + dt.timedelta(days=28)


def posts(rows, seed=2026):
    rng = np.random.default_rng(seed)
    first = int(START.timestamp() * 1e9)
    span = int((END - START).total_seconds() * 1e9)
    authors = np.array([f"account_{i}" for i in range(9)] + ["brand"])
    who = np.where(rng.random(rows) < 0.1, 9, rng.integers(0, 9, rows))
    return pd.DataFrame({
        "id": pd.array(np.char.add("p", np.arange(rows).astype(str)), dtype=pd.ArrowDtype(pa.string())),
        "created_at": pd.to_datetime(first + rng.integers(0, span, rows), utc=True),
        "author_id": pd.array(authors[who], dtype=pd.ArrowDtype(pa.string())),
        "followers": (10_000 + rng.integers(0, 5_000, rows)).astype("float64"),
        "likes": rng.poisson(20, rows),
        "shares": rng.poisson(3, rows),
        "replies": rng.poisson(2, rows),
        "quotes": rng.poisson(1, rows),
        "impressions": np.where(rng.random(rows) < 0.05, 0, rng.integers(500, 5_000, rows)),
    })


def pandas_metrics(df, account):
    own = df[(df["author_id"] == account) & (df["created_at"] >= START) & (df["created_at"] < END)]
    n = len(own)
    per_day = own.groupby(own["created_at"].dt.tz_convert(TZ).dt.date).size()
    days = pd.date_range(START.date(), END.date(), freq="D", inclusive="left")
    weekend = days.day_of_week >= 5
    active = np.isin(days.date, per_day.index)
    order = own["created_at"].to_numpy()
    first, last = order.argmin(), len(order) - 1 - order[::-1].argmax()
    span_days = (order[last] - order[first]) / np.timedelta64(1, "D")
    followers = own["followers"].to_numpy()
    engagements = own["likes"] + own["shares"] + own["replies"] + own["quotes"]
    shown = own["impressions"] > 0
    return {
        "posts": n,
        "days": len(days),
        "posts_per_day": n / len(days),
        "active_days": int(active.sum()),
        "weekday_coverage": active[~weekend].sum() / (~weekend).sum(),
        "weekend_coverage": active[weekend].sum() / weekend.sum(),
        "follower_growth_per_day": (followers[last] - followers[first]) / span_days,
        "conversation_rate": own["replies"].sum() / n,
        "amplification_rate": own["shares"].sum() / n,
        "applause_rate": own["likes"].sum() / n,
        "engagement_rate": engagements[shown].sum() / own["impressions"][shown].sum(),
        "median_engagement_rate": (engagements[shown] / own["impressions"][shown]).median(),
    }


def main():
    df = posts(ROWS)
    table = pa.Table.from_pandas(df)
    contenders = {
        "kizuna.account_metrics (pandas DataFrame in)": lambda: kizuna.account_metrics(df, "brand", START, END, TZ),
        "kizuna.account_metrics (pyarrow Table in)": lambda: kizuna.account_metrics(table, "brand", START, END, TZ),
        "pandas (filter, groupby by day, sums, median)": lambda: pandas_metrics(df, "brand"),
    }
    results = {name: median_seconds(work, RUNS) for name, work in contenders.items()}
    reference = results["pandas (filter, groupby by day, sums, median)"][1]
    for name, (_, figures) in results.items():
        for key, value in reference.items():
            if not np.isclose(figures[key], value, rtol=1e-9, atol=0):
                sys.exit(f"{name}: {key} is {figures[key]}, pandas says {value}")
    pandas_time = results["pandas (filter, groupby by day, sums, median)"][0]
    print(f"{ROWS:,} posts, {reference['posts']:,} by the account; medians of {RUNS} runs")
    print("| contender | seconds | M posts/s | × pandas |")
    print("|---|---|---|---|")
    for name, (seconds, _) in results.items():
        print(f"| {name} | {seconds:.3f} | {ROWS / seconds / 1e6:.1f} | {pandas_time / seconds:.2f} |")


if __name__ == "__main__":
    main()
