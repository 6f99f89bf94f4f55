"""Foods rich in a nutrient, per 100 g, per measure and per 100 kcal, with low-in filters."""

from __future__ import annotations

import pandas as pd
import pytest

from analyzer.analysis._foods_rich import foods_rich

NAN = float("nan")


def table():
    """Ten foods: magnesium 10..100 mg/100 g, calcium falling as magnesium rises, one baby food."""
    ids = list(range(1, 11))
    foods = pd.DataFrame({
        "description": [f"Food {i}" for i in ids],
        "food_group": ["Vegetables"] * 9 + ["Baby Foods"],
        "energy_kcal": [100.0] * 8 + [50.0, 100.0],
        "magnesium_mg": [10.0 * i for i in ids],
        "calcium_mg": [100.0 - 10.0 * i for i in ids],
        "vitamin_k2_ug": [NAN] * 9 + [5.0],
        "k2_source": [None] * 9 + ["Paper 2001"],
    }, index=pd.Index(ids, name="food_id"))
    foods.loc[7, "calcium_mg"] = NAN
    measures = pd.DataFrame({"food_id": [8, 8, 9], "seq": [2, 1, 1], "amount": [1.0, 0.5, 1.0],
                             "description": ["cup", "cup", "tbsp"], "grams": [200.0, 100.0, 10.0]})
    return foods, measures


@pytest.mark.parametrize(("kwargs", "expected_ids"), [
    # 75th percentile of 10..90 (baby food excluded) is 70: foods 8 and 9
    ({"nutrient": "magnesium_mg"}, [9, 8]),
    ({"nutrient": "magnesium"}, [9, 8]),
    # per 100 kcal food 9 has 180, others 10*i
    ({"nutrient": "magnesium_mg", "per": "100kcal"}, [9, 8]),
    # per measure: food 8 first measure is 0.5 cup = 100 g (80 mg); food 9 1 tbsp = 10 g (9 mg); others unknown
    ({"nutrient": "magnesium_mg", "per": "measure"}, [8]),
    # low in calcium: below the 25th percentile of known calcium (food 7 unknown is left out)
    ({"nutrient": "magnesium_mg", "low": ["calcium"]}, [9, 8]),
    ({"nutrient": "magnesium_mg", "exclude_groups": ()}, [10, 9, 8]),
    ({"nutrient": "magnesium_mg", "limit": 1}, [9]),
    ({"nutrient": "calcium_mg"}, [1, 2]),
])
def test_selection(kwargs, expected_ids):
    foods, measures = table()
    assert list(foods_rich(foods, measures, **kwargs).index) == expected_ids


def test_columns_and_sources():
    foods, measures = table()
    result = foods_rich(foods, measures, "magnesium_mg", low=["calcium_mg"])
    row = result.loc[8]
    assert row["per_100g"] == 80.0
    assert row["measure"] == "0.5 cup"
    assert row["per_measure"] == pytest.approx(80.0)
    assert row["per_100kcal"] == pytest.approx(80.0)
    assert row["source"] == "USDA SR28 #00008"
    assert row["calcium_mg_per_100g"] == pytest.approx(20.0)


def test_k2_source_is_the_citation():
    foods, measures = table()
    result = foods_rich(foods, measures, "vitamin_k2_ug", exclude_groups=())
    assert result["source"].tolist() == []  # a single known value is not above its own 75th percentile
    foods.loc[9, ["vitamin_k2_ug", "k2_source"]] = [1.0, "Paper 1999"]
    result = foods_rich(foods, measures, "vitamin_k2_ug", exclude_groups=())
    assert result["source"].tolist() == ["Paper 2001"]


def test_k2_source_says_first_what_the_value_counts():
    foods, measures = table()
    foods.loc[9, ["vitamin_k2_ug", "k2_source"]] = [1.0, "Paper 1999"]
    foods["k2_basis"] = ""
    foods.loc[10, "k2_basis"] = "MK-4 only, USDA SR28"
    result = foods_rich(foods, measures, "vitamin_k2_ug", exclude_groups=())
    assert result["source"].tolist() == ["MK-4 only, USDA SR28. Source: Paper 2001"]


def test_low_in_filter_excludes_foods_above_the_threshold():
    foods, measures = table()
    foods.loc[9, "calcium_mg"] = 90.0
    assert list(foods_rich(foods, measures, "magnesium_mg", low=["calcium"]).index) == [8]


@pytest.mark.parametrize("bad", [{"nutrient": "iron"}, {"nutrient": "calcium", "per": "serving"}])
def test_bad_arguments(bad):
    foods, measures = table()
    with pytest.raises(ValueError):
        foods_rich(foods, measures, **bad)


def test_real_table_magnesium_rich_low_calcium(food_table):
    result = foods_rich(food_table.foods, food_table.measures, "magnesium", low=["calcium"], limit=20)
    assert len(result) == 20
    mg, ca = food_table.foods["magnesium_mg"], food_table.foods["calcium_mg"]
    assert (result["per_100g"] > mg.quantile(0.5)).all()
    assert (result["calcium_mg_per_100g"] < ca.quantile(0.5)).all()
