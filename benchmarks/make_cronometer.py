"""Write a synthetic Cronometer "Food & Recipe Entries" export (2026 layout: no nutrient columns).

Food names and amounts are drawn from the labelled matching set and typical Cronometer
amounts, so every line must be matched: the worst case for ``analyzer totals``.
Usage: ``python benchmarks/make_cronometer.py OUT.csv [ROWS] [DAYS]``.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from pathlib import Path

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "data" / "food_match_labelled.csv"
AMOUNTS = ["1.00 cup", "2.00 large", "100.00 g", "1.00 serving", "0.50 cup", "30.00 g", "1.00 medium",
           "2.00 tbsp", "1.00 oz", "4.00 x 4.0 oz", "1.00 container - each 5.3 oz", "1.00 slice", "250.00 ml"]
GROUPS = ["Breakfast", "Lunch", "Dinner", "Snacks"]


def write(path: Path, rows: int = 9_000, days: int = 265, seed: int = 7) -> None:
    rng = random.Random(seed)
    with open(LABELLED, encoding="utf-8") as fh:
        names = [r["text"] for r in csv.DictReader(fh) if r["style"] in ("cronometer", "free", "mfp")]
    start = dt.date(2022, 1, 1)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["Day", "Time", "Group", "Food Name", "Amount", "Category"])
        for i in range(rows):
            day = start + dt.timedelta(days=i * days // rows)
            out.writerow([day.isoformat(), f"{7 + i % 12}:{i % 60:02d} AM", rng.choice(GROUPS),
                          rng.choice(names), rng.choice(AMOUNTS), ""])


if __name__ == "__main__":
    write(Path(sys.argv[1]), *(int(a) for a in sys.argv[2:]))
