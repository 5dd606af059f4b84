#!/usr/bin/env python3
"""Times business durations on a Tokyo support calendar (weekdays 9:00-12:00 and 13:00-18:00,
Japanese public holidays) three ways on the same random pairs of instants, in one run:
kizuna (from Rust, the `business_time` example), a vectorised numpy prefix sum over a minute
grid, and the `businesstimedelta` package in a Python loop. Every contender's total business
time must agree with kizuna's before any rate is printed.

    python3 benches/compare/business_time.py

Pairs fall on whole minutes over 2025-2026 (so the minute grid is exact); businesstimedelta,
at a few thousand pairs a second, is timed on the first PAIRS_SLOW of them.
"""
import datetime
import json
import random
import subprocess

from bench_env import ROOT, in_venv, median_seconds, rust_example

PAIRS = 200_000
PAIRS_SLOW = 5_000
RUNS = 5
JST = datetime.timezone(datetime.timedelta(hours=9))
FIRST = datetime.datetime(2025, 1, 1, tzinfo=JST)
MINUTES = 2 * 365 * 24 * 60


def pairs(count, seed=2026):
    rng = random.Random(seed)
    start = int(FIRST.timestamp())
    out = []
    for _ in range(count):
        a, b = sorted(rng.randrange(MINUTES) for _ in range(2))
        out.append((start + 60 * a, start + 60 * b))
    return out


def kizuna(binary, chosen, name):
    path = ROOT / "target" / name
    path.write_text("".join(f"{a} {b}\n" for a, b in chosen))
    out = subprocess.run([str(binary), str(path)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def numpy_prefix_sum(chosen, holidays):
    import numpy as np

    minute = np.arange(MINUTES + 1)
    local = np.datetime64(FIRST.replace(tzinfo=None), "m") + minute
    day = local.astype("datetime64[D]")
    weekday = (day.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday; Monday is 0
    of_day = (local - day).astype(np.int64)
    open_ = ((weekday < 5)
             & (((of_day >= 9 * 60) & (of_day < 12 * 60)) | ((of_day >= 13 * 60) & (of_day < 18 * 60)))
             & ~np.isin(day, np.array(holidays, dtype="datetime64[D]")))
    cumulative = np.concatenate([[0], np.cumsum(open_, dtype=np.int64)])
    base = int(FIRST.timestamp())
    starts = np.array([a for a, _ in chosen], dtype=np.int64)
    ends = np.array([b for _, b in chosen], dtype=np.int64)
    # Timed from epoch seconds, as kizuna is timed from instants.
    return lambda: int((cumulative[(ends - base) // 60] - cumulative[(starts - base) // 60]).sum()) * 60


def businesstimedelta_loop(chosen, holidays):
    import businesstimedelta

    days = [0, 1, 2, 3, 4]
    rules = businesstimedelta.Rules([
        businesstimedelta.WorkDayRule(start_time=datetime.time(9), end_time=datetime.time(18),
                                      working_days=days),
        businesstimedelta.LunchTimeRule(start_time=datetime.time(12),
                                        end_time=datetime.time(13), working_days=days),
        businesstimedelta.HolidayRule([datetime.date.fromisoformat(h) for h in holidays]),
    ])
    local = [(datetime.datetime.fromtimestamp(a, JST).replace(tzinfo=None),
              datetime.datetime.fromtimestamp(b, JST).replace(tzinfo=None)) for a, b in chosen]

    def run():
        total = 0
        for a, b in local:
            delta = rules.difference(a, b)
            total += delta.hours * 3600 + delta.seconds
        return total
    return run


def main():
    in_venv("businesstimedelta==1.0.1", "numpy")
    import businesstimedelta  # noqa: F401 (installed above)

    binary = rust_example("business_time")
    chosen = pairs(PAIRS)
    full = kizuna(binary, chosen, "bench-pairs.txt")
    slow = kizuna(binary, chosen[:PAIRS_SLOW], "bench-pairs-slow.txt")
    holidays = full["holidays"]

    seconds, total = median_seconds(numpy_prefix_sum(chosen, holidays), RUNS)
    assert total == full["business_seconds"], f"numpy {total} != kizuna {full['business_seconds']}"
    numpy_rate = PAIRS / seconds
    seconds, total = median_seconds(businesstimedelta_loop(chosen[:PAIRS_SLOW], holidays), RUNS)
    assert total == slow["business_seconds"], \
        f"businesstimedelta {total} != kizuna {slow['business_seconds']}"
    btd_rate = PAIRS_SLOW / seconds

    rows = {
        "kizuna (Rust)": full["pairs_per_s"],
        "numpy prefix sum (vectorised)": numpy_rate,
        "businesstimedelta (Python loop)": btd_rate,
    }
    print(f"{PAIRS} pairs ({PAIRS_SLOW} for businesstimedelta), totals agree, median of {RUNS} runs")
    print(f"{'contender':<34} {'pairs/s':>12} {'x businesstimedelta':>20} {'x numpy':>9}")
    for name, rate in rows.items():
        print(f"{name:<34} {rate:>12,.0f} {rate / btd_rate:>19.0f}x {rate / numpy_rate:>8.2f}x")


if __name__ == "__main__":
    main()
