"""Daily totals end to end: the CLI's daily.csv equals totals worked out by hand from SR28 (tests/data/golden)."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "golden"
#: Within 0.05 (mg, ug, kcal): daily.csv rounds to 4 decimals, so any change that moves a number fails.
TOLERANCE = 0.05


def _golden() -> pd.DataFrame:
    return pd.read_csv(GOLDEN / "daily_totals.csv", comment="#", dtype=str, keep_default_na=False)


def test_the_golden_arithmetic_is_right():
    """Each line is grams x per_100g / 100 and each day's total is the sum of its lines (exact decimals)."""
    golden = _golden()
    lines = golden[golden["ndb"] != "total"]
    for _, line in lines.iterrows():
        assert Decimal(line["grams"]) * Decimal(line["per_100g"]) / 100 == Decimal(line["value"]), line["arithmetic"]
        assert line["arithmetic"].endswith(f"= {line['value']} " + line["arithmetic"].rsplit(" ", 1)[1])
    for (diary, date, key), day in golden.groupby(["diary", "date", "nutrient"]):
        total = day[day["ndb"] == "total"]["value"]
        assert len(total) == 1, (diary, date, key)
        parts = day[day["ndb"] != "total"]["value"]
        assert sum(Decimal(v) for v in parts) == Decimal(total.iloc[0]), (diary, date, key)


@pytest.mark.parametrize("diary", sorted(set(_golden()["diary"])))
def test_cli_daily_totals_equal_the_hand_worked_totals(diary, tmp_path):
    out, entries = tmp_path / "daily.csv", tmp_path / "entries.csv"
    subprocess.run([sys.executable, "-m", "analyzer", "totals", str(GOLDEN / diary), "--out", str(out),
                    "--entries", str(entries), "--no-water-habit"],
                   check=True, cwd=ROOT, capture_output=True)
    golden = _golden()
    golden = golden[golden["diary"] == diary]
    # Every line matched the food the golden file cites (else the numbers agree by chance only).
    used = pd.read_csv(entries, dtype={"date": str})
    cited = golden[golden["ndb"] != "total"].drop_duplicates(["date", "ndb", "amount"])
    assert sorted(used["matched_food_id"].astype(int)) == sorted(cited["ndb"].astype(int))
    daily = pd.read_csv(out, dtype={"date": str}).set_index("date")
    totals = golden[golden["ndb"] == "total"]
    assert sorted(daily.index) == sorted(set(totals["date"]))
    for date, key, value in totals[["date", "nutrient", "value"]].itertuples(index=False):
        assert daily.loc[date, key] == pytest.approx(float(value), abs=TOLERANCE), (diary, date, key)
