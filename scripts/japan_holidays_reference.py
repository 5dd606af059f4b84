#!/usr/bin/env python3
"""Writes tests/vectors/japan_holidays.csv: every Japanese public holiday from 2000 to 2030, by
an implementation independent of kizuna's (the `jpholiday` package), cross-checked against a
second one (`holidays`), so that kizuna's rule-based calendar is tested against data it did not
compute. Dates where the two disagree are reported and left out.

    python3 -m venv /tmp/hv && /tmp/hv/bin/pip install jpholiday holidays
    /tmp/hv/bin/python scripts/japan_holidays_reference.py
"""
import sys
from pathlib import Path

import holidays
import jpholiday

FIRST, LAST = 2000, 2030


def main():
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/vectors/japan_holidays.csv")
    rows, disagreements = [], []
    for year in range(FIRST, LAST + 1):
        mine = dict(jpholiday.year_holidays(year))
        other = holidays.country_holidays("JP", years=year)
        for day in sorted(set(mine) | set(other)):
            if (day in mine) != (day in other):
                disagreements.append((day, mine.get(day), other.get(day)))
                continue
            rows.append(f"{day.isoformat()},{mine[day]}")
    target.write_text("date,name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} holidays {FIRST}-{LAST} to {target}")
    for day, a, b in disagreements:
        print(f"left out {day}: jpholiday {a!r}, holidays {b!r}")


if __name__ == "__main__":
    main()
