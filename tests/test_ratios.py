"""Ratio rules: computed only with both sides covered; period ratio = ratio of sums."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analyzer.analysis._ratios import RATIO_MIN_COVERAGE, daily_ratios, load_ratio_ranges, period_ratios

NAN = float("nan")


def day_frame(days: list[dict]) -> pd.DataFrame:
    """Daily totals as daily_totals() lays them out, with full coverage unless a day says otherwise."""
    rows = []
    for day in days:
        row = {"calcium_mg": NAN, "magnesium_mg": NAN, "phosphorus_mg": NAN, "vitamin_k2_ug": NAN,
               "vitamin_d_ug": NAN}
        for key in list(row):
            row[f"{key}_coverage_grams"] = 1.0
            row[f"{key}_coverage_entries"] = 1.0
        row.update(day)
        row["vitamin_d_iu"] = row["vitamin_d_ug"] * 40
        rows.append(row)
    index = pd.date_range("2024-01-01", periods=len(rows), freq="D", name="date")
    return pd.DataFrame(rows, index=index)


DAILY_CASES = [
    ({"calcium_mg": 1000.0, "magnesium_mg": 400.0}, "ca_mg_ratio", 2.5),
    ({"calcium_mg": 1000.0, "magnesium_mg": 400.0, "magnesium_mg_coverage_grams": 0.79}, "ca_mg_ratio", NAN),
    ({"calcium_mg": 1000.0, "magnesium_mg": 400.0, "calcium_mg_coverage_grams": RATIO_MIN_COVERAGE},
     "ca_mg_ratio", 2.5),
    ({"calcium_mg": 1000.0, "magnesium_mg": 0.0}, "ca_mg_ratio", NAN),
    ({"calcium_mg": 1000.0, "magnesium_mg": NAN}, "ca_mg_ratio", NAN),
    # no weights in the export: coverage by entries decides
    ({"calcium_mg": 900.0, "magnesium_mg": 300.0, "calcium_mg_coverage_grams": NAN,
      "calcium_mg_coverage_entries": 0.9}, "ca_mg_ratio", 3.0),
    ({"calcium_mg": 900.0, "magnesium_mg": 300.0, "calcium_mg_coverage_grams": NAN,
      "calcium_mg_coverage_entries": 0.5}, "ca_mg_ratio", NAN),
    ({"calcium_mg": 800.0, "phosphorus_mg": 1000.0}, "ca_p_ratio", 0.8),
    ({"vitamin_k2_ug": 100.0, "vitamin_d_ug": 25.0}, "k2_per_1000iu_d", 100.0),
    ({"vitamin_k2_ug": 100.0, "vitamin_d_ug": 25.0, "vitamin_k2_ug_coverage_grams": 0.3}, "k2_per_1000iu_d", NAN),
]


@pytest.mark.parametrize(("day", "ratio", "expected"), DAILY_CASES)
def test_daily_ratio_rule(day, ratio, expected):
    got = daily_ratios(day_frame([day]))[ratio].iloc[0]
    assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected)


def test_period_ratio_is_ratio_of_sums_over_qualifying_days():
    daily = day_frame([
        {"calcium_mg": 1000.0, "magnesium_mg": 400.0},
        {"calcium_mg": 600.0, "magnesium_mg": 200.0},
        {"calcium_mg": 5000.0, "magnesium_mg": 100.0, "magnesium_mg_coverage_grams": 0.2},
    ])
    period = period_ratios(daily)
    assert period.loc["ca_mg_ratio", "value"] == pytest.approx(1600.0 / 600.0)
    assert period.loc["ca_mg_ratio", "days"] == 2
    assert period.loc["ca_mg_ratio", "days_total"] == 3


def test_period_ratio_missing_when_no_day_qualifies():
    period = period_ratios(day_frame([{"calcium_mg": 1000.0}]))
    assert math.isnan(period.loc["ca_mg_ratio", "value"])
    assert period.loc["ca_mg_ratio", "days"] == 0


def test_ratio_ranges_read_from_csv(tmp_path):
    path = tmp_path / "ratio_ranges.csv"
    path.write_text("ratio,low,high,unit,source,notes\nca_mg,1.7,2.6,mass,Some review 2020,commonly cited\n")
    ranges = load_ratio_ranges(path)
    assert ranges.loc["ca_mg", "high"] == 2.6


def test_ratio_ranges_absent_file_gives_empty_table(tmp_path):
    assert load_ratio_ranges(tmp_path / "missing.csv").empty
