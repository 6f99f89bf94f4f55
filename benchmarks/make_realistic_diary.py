"""Write a real-shaped Cronometer "Food & Recipe Entries" export for the benchmarks.

A diary generated from a short list of tidy names hid a per-row pandas write that made
real files five times slower, so this one samples whole lines (food name, amount, group,
category) from the real Cronometer exports in ``../shared/realworld/diaries/``: their
brands, supplements, zero amounts, recipes and odd portions come along, and so does the
way real diaries repeat a few foods often and many foods once. Days are shifted so the
diary covers ``days`` consecutive dates; the layout is the 2026 one (no nutrient columns).

Usage: ``python benchmarks/make_realistic_diary.py OUT.csv [ROWS] [DAYS]``.
``REAL_DIARIES`` is absent on machines without ``../shared``: callers skip with a message.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from pathlib import Path

REAL_DIARIES = Path(__file__).resolve().parents[2] / "shared" / "realworld" / "diaries"
COLUMNS = ["Day", "Time", "Group", "Food Name", "Amount", "Category"]


def real_lines() -> list[dict[str, str]]:
    """Every food line of the real Cronometer exports, as dicts of the columns kept."""
    lines: list[dict[str, str]] = []
    for path in sorted(REAL_DIARIES.glob("cronometer_*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("Food Name") and row.get("Amount"):
                    lines.append({c: (row.get(c) or "") for c in COLUMNS})
    return lines


def write(path: Path, rows: int = 10_000, days: int = 300, seed: int = 11) -> None:
    """Write ``rows`` real lines spread over ``days`` days starting 2025-01-01."""
    lines = real_lines()
    if not lines:
        raise FileNotFoundError(f"no real Cronometer diaries in {REAL_DIARIES}")
    rng = random.Random(seed)
    start = dt.date(2025, 1, 1)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(COLUMNS)
        for i in range(rows):
            line = rng.choice(lines)
            day = start + dt.timedelta(days=i * days // rows)
            out.writerow([day.isoformat(), line["Time"], line["Group"], line["Food Name"], line["Amount"],
                          line["Category"]])


if __name__ == "__main__":
    write(Path(sys.argv[1]), *(int(a) for a in sys.argv[2:]))
