"""Daily totals: hand-checked days, coverage, and missing data stays missing."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from test_entry_nutrients import make_entries, make_foods

from analyzer.analysis._daily import coverage, daily_totals
from analyzer.analysis._entry_nutrients import entry_nutrients

NAN = float("nan")


def three_days() -> pd.DataFrame:
    """Three days worked out by hand from the per-100 g values of make_foods()."""
    entries = make_entries([
        # 2024-03-01: 250 g milk, 30 g almonds, a vitamin D3 label of 25 ug
        {"date": "2024-03-01", "matched_food_id": 1, "grams": 250.0},
        {"date": "2024-03-01", "matched_food_id": 2, "grams": 30.0},
        {"date": "2024-03-01", "nutrient_source": "supplement_label", "is_supplement": True, "vitamin_d_ug": 25.0},
        # 2024-03-02: 50 g natto, 100 g spinach, a Cronometer row of 40 g spinach without magnesium
        {"date": "2024-03-02", "matched_food_id": 3, "grams": 50.0},
        {"date": "2024-03-02", "matched_food_id": 4, "grams": 100.0},
        {"date": "2024-03-02", "nutrient_source": "file", "matched_food_id": 4, "grams": 40.0,
         "calcium_mg": 50.0, "vitamin_k_total_ug": 200.0},
        {"date": "2024-03-02", "matched_food_id": 1, "grams": 500.0, "status": "needs_match"},
        # 2024-03-04: a food whose weight is unknown only
        {"date": "2024-03-04", "matched_food_id": 1, "grams": NAN},
        # no date: left out
        {"date": None, "matched_food_id": 1, "grams": 100.0},
    ])
    return daily_totals(entry_nutrients(entries, make_foods()))


HAND_CHECKED = [
    ("2024-03-01", "calcium_mg", 300.0 + 81.0),
    ("2024-03-01", "magnesium_mg", 25.0 + 81.0),
    ("2024-03-01", "phosphorus_mg", 225.0 + 144.0),
    ("2024-03-01", "energy_kcal", 150.0 + 174.0),
    ("2024-03-01", "vitamin_d_ug", 2.5 + 0.0 + 25.0),
    ("2024-03-01", "vitamin_d_ug_food", 2.5),
    ("2024-03-01", "vitamin_d_ug_supplement", 25.0),
    ("2024-03-01", "vitamin_d_iu", 27.5 * 40),
    ("2024-03-01", "vitamin_k2_ug", NAN),  # only unknown K2: missing, not 0
    ("2024-03-01", "calcium_mg_supplement", NAN),
    ("2024-03-01", "grams", 280.0),
    ("2024-03-02", "calcium_mg", 110.0 + 99.0 + 50.0),
    ("2024-03-02", "magnesium_mg", 57.5 + 79.0),
    ("2024-03-02", "vitamin_k1_ug", 11.5 + 483.0 + 200.0),
    ("2024-03-02", "vitamin_k2_ug", 469.5 + 0.0 + 0.0),
    ("2024-03-02", "k2_mk7_ug", 469.5),
    ("2024-03-02", "magnesium_mg_coverage_entries", 2 / 3),
    ("2024-03-02", "magnesium_mg_coverage_grams", 150.0 / 190.0),
    ("2024-03-02", "calcium_mg_coverage_grams", 1.0),
    ("2024-03-02", "entries", 3),
    ("2024-03-01", "vitamin_k2_ug_coverage_entries", 0.0),
    ("2024-03-01", "vitamin_d_ug_coverage_entries", 1.0),  # the supplement does not lower coverage
    ("2024-03-01", "supplement_entries", 1),
    ("2024-03-04", "calcium_mg", NAN),
    ("2024-03-04", "calcium_mg_coverage_entries", 0.0),
    ("2024-03-04", "calcium_mg_coverage_grams", NAN),  # no weight known that day
]


@pytest.mark.parametrize(("day", "column", "expected"), HAND_CHECKED)
def test_hand_checked_days(day, column, expected):
    daily = three_days()
    got = daily.loc[pd.Timestamp(day), column]
    if math.isnan(expected):
        assert math.isnan(got)
    else:
        assert got == pytest.approx(expected)


def test_one_row_per_dated_day_and_no_invented_days():
    daily = three_days()
    assert list(daily.index.strftime("%Y-%m-%d")) == ["2024-03-01", "2024-03-02", "2024-03-04"]
    assert daily.index.name == "date"


def test_coverage_prefers_grams_and_falls_back_to_entries():
    entries = make_entries([
        {"date": "2024-05-01", "nutrient_source": "file", "kind": "day_total", "calcium_mg": 900.0},
        {"date": "2024-05-02", "matched_food_id": 1, "grams": 100.0},
        {"date": "2024-05-02", "matched_food_id": 1, "grams": NAN},
    ])
    daily = daily_totals(entry_nutrients(entries, make_foods()))
    assert coverage(daily, "calcium_mg").tolist() == [1.0, 1.0]
    assert daily["calcium_mg_coverage_entries"].tolist() == [1.0, 0.5]


def test_supplement_only_day_has_no_coverage():
    entries = make_entries([{"date": "2024-05-01", "nutrient_source": "supplement_label",
                             "is_supplement": True, "magnesium_mg": 200.0}])
    daily = daily_totals(entry_nutrients(entries, make_foods()))
    assert daily.loc["2024-05-01", "magnesium_mg"] == 200.0
    assert math.isnan(daily.loc["2024-05-01", "magnesium_mg_coverage_entries"])


def test_matches_a_plain_groupby_on_random_data():
    """The bincount implementation agrees with the obvious pandas groupby (min_count=1)."""
    import numpy as np

    rng = np.random.default_rng(3)
    n = 2000
    frame = pd.DataFrame({
        "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 40, n), unit="D"),
        "grams": np.where(rng.random(n) < 0.1, np.nan, rng.uniform(1, 300, n)),
        "is_supplement": rng.random(n) < 0.1,
        "calcium_mg": np.where(rng.random(n) < 0.3, np.nan, rng.uniform(0, 500, n)),
    })
    frame.loc[rng.random(n) < 0.05, "date"] = pd.NaT
    daily = daily_totals(frame)
    dated = frame.dropna(subset=["date"])
    food = dated.loc[~dated["is_supplement"]]
    expected = dated.groupby("date")["calcium_mg"].sum(min_count=1)
    pd.testing.assert_series_equal(daily["calcium_mg"], expected, check_names=False)
    known = food["calcium_mg"].notna()
    by_entries = known.groupby(food["date"]).mean()
    pd.testing.assert_series_equal(daily["calcium_mg_coverage_entries"].loc[by_entries.index], by_entries,
                                   check_names=False)
    weighed = food.dropna(subset=["grams"])
    by_grams = (weighed["grams"] * weighed["calcium_mg"].notna()).groupby(weighed["date"]).sum() / \
        weighed.groupby("date")["grams"].sum()
    pd.testing.assert_series_equal(daily["calcium_mg_coverage_grams"].loc[by_grams.index], by_grams,
                                   check_names=False)
    assert daily["entries"].sum() == len(dated)


@pytest.mark.parametrize("rows", [0, 1])
def test_empty_and_single_row(rows):
    entries = make_entries([{"matched_food_id": 1, "grams": 100.0}][:rows]) if rows else make_entries(
        [{"matched_food_id": 1, "grams": 100.0, "status": "skipped"}])
    daily = daily_totals(entry_nutrients(entries, make_foods()))
    assert len(daily) == rows
    if rows:
        assert daily["calcium_mg"].iloc[0] == 120.0
