"""Nutrients per entry: the usda / file / supplement label rules, checked by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analyzer.analysis._entry_nutrients import entry_nutrients

NAN = float("nan")


def make_foods() -> pd.DataFrame:
    """Four foods with round per-100 g values, so expected amounts can be worked out by hand."""
    rows = {
        # id: energy, Ca, Mg, P, Na, K, D, K1, K2, MK-4, MK-7, k2_status, k2_source
        1: (60, 120, 10, 90, 40, 150, 1.0, 0.3, NAN, NAN, NAN, "unknown", None),
        2: (580, 270, 270, 480, 1, 730, 0.0, 0.0, NAN, NAN, NAN, "unknown", None),
        3: (210, 220, 115, 175, 7, 730, 0.0, 23.0, 939.0, NAN, 939.0, "measured_paper", "Kamao 2007"),
        4: (23, 99, 79, 49, 79, 558, 0.0, 483.0, 0.0, 0.0, 0.0, "rule", "rule: plants carry no K2"),
    }
    columns = ["energy_kcal", "calcium_mg", "magnesium_mg", "phosphorus_mg", "sodium_mg", "potassium_mg",
               "vitamin_d_ug", "vitamin_k1_ug", "vitamin_k2_ug", "k2_mk4_ug", "k2_mk7_ug", "k2_status", "k2_source"]
    foods = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    foods["k2_other_ug"] = NAN
    foods["description"] = ["Milk, whole", "Almonds", "Natto", "Spinach, raw"]
    foods["food_group"] = ["Dairy and Egg Products", "Nut and Seed Products", "Legumes and Legume Products",
                           "Vegetables and Vegetable Products"]
    foods.index.name = "food_id"
    return foods


def make_entries(rows: list[dict]) -> pd.DataFrame:
    """Entries with the contract columns; each dict overrides the defaults."""
    defaults = {"date": "2024-03-01", "time": "", "meal": "", "food_text": "", "amount_text": "", "kind": "food",
                "status": "used", "reason": "", "matched_food_id": None, "matched_food": "", "match_score": 100.0,
                "grams": NAN, "grams_source": "direct", "is_supplement": False, "nutrient_source": "usda",
                "low_confidence": ""}
    keys = ["energy_kcal", "calcium_mg", "magnesium_mg", "phosphorus_mg", "sodium_mg", "potassium_mg",
            "vitamin_d_ug", "vitamin_k1_ug", "vitamin_k2_ug", "vitamin_k_total_ug"]
    records = [{"row": i + 2, **defaults, **{k: NAN for k in keys}, **row} for i, row in enumerate(rows)]
    frame = pd.DataFrame(records)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["matched_food_id"] = frame["matched_food_id"].astype("Int64")
    for key in keys + ["grams"]:
        frame[key] = frame[key].astype(float)
    return frame


CASES = [
    # (entry, expected {key: value}, expected {key: source})
    ({"matched_food_id": 1, "grams": 250.0},
     {"calcium_mg": 300.0, "magnesium_mg": 25.0, "vitamin_d_ug": 2.5, "vitamin_d_iu": 100.0, "vitamin_k2_ug": NAN},
     {"calcium_mg": "USDA SR28 #00001", "vitamin_k2_ug": None}),
    ({"matched_food_id": 3, "grams": 50.0},
     {"calcium_mg": 110.0, "vitamin_k1_ug": 11.5, "vitamin_k2_ug": 469.5, "k2_mk7_ug": 469.5, "k2_mk4_ug": NAN},
     {"vitamin_k2_ug": "Kamao 2007", "k2_mk7_ug": "Kamao 2007", "vitamin_k1_ug": "USDA SR28 #00003"}),
    ({"matched_food_id": 1, "grams": NAN}, {"calcium_mg": NAN}, {"calcium_mg": None}),
    ({"matched_food_id": None, "grams": 100.0}, {"calcium_mg": NAN}, {"calcium_mg": None}),
    # file row: the export's values; its one K total split as the food's K1:K2 (spinach 483:0 -> all K1)
    ({"nutrient_source": "file", "matched_food_id": 4, "grams": 40.0, "calcium_mg": 50.0,
      "vitamin_k_total_ug": 200.0},
     {"calcium_mg": 50.0, "magnesium_mg": NAN, "vitamin_k1_ug": 200.0, "vitamin_k2_ug": 0.0,
      "vitamin_k_unknown_ug": NAN},
     {"calcium_mg": "your export", "vitamin_k1_ug": "your export", "vitamin_k2_ug": "your export"}),
    # file row for a menaquinone food: natto 23 K1 : 939 K2 (all MK-7) per 100 g;
    # 500 x 23 / 962 = 11.954262 K1, 500 x 939 / 962 = 488.045738 K2 and MK-7
    ({"nutrient_source": "file", "matched_food_id": 3, "grams": 20.0, "calcium_mg": 40.0,
      "vitamin_k_total_ug": 500.0},
     {"calcium_mg": 40.0, "vitamin_k1_ug": 11.954262, "vitamin_k2_ug": 488.045738, "k2_mk7_ug": 488.045738,
      "k2_mk4_ug": NAN, "vitamin_k_unknown_ug": NAN},
     {"vitamin_k1_ug": "your export", "vitamin_k2_ug": "your export"}),
    # file row without a matched food: its K is "form unknown", never silently K1
    ({"nutrient_source": "file", "grams": NAN, "calcium_mg": 700.0, "vitamin_k_total_ug": 90.0},
     {"calcium_mg": 700.0, "vitamin_k1_ug": NAN, "vitamin_k2_ug": NAN, "vitamin_k_unknown_ug": 90.0},
     {"vitamin_k2_ug": None, "vitamin_k_unknown_ug": "your export"}),
    # a K2 supplement's K is K2, in the form its text names
    ({"nutrient_source": "file", "is_supplement": True, "food_text": "Vitamin K2 MK7 (as menaquinone-7)",
      "vitamin_k_total_ug": 600.0},
     {"vitamin_k1_ug": NAN, "vitamin_k2_ug": 600.0, "k2_mk7_ug": 600.0, "vitamin_k_unknown_ug": NAN},
     {"vitamin_k2_ug": "your export", "k2_mk7_ug": "your export"}),
    ({"nutrient_source": "file", "is_supplement": True, "food_text": "K2 M4", "vitamin_k_total_ug": 5000.0},
     {"vitamin_k1_ug": NAN, "vitamin_k2_ug": 5000.0, "k2_mk4_ug": 5000.0, "k2_mk7_ug": NAN}, {}),
    ({"nutrient_source": "file", "is_supplement": True, "food_text": "Multivitamin", "vitamin_k_total_ug": 50.0},
     {"vitamin_k1_ug": NAN, "vitamin_k2_ug": NAN, "vitamin_k_unknown_ug": 50.0}, {}),
    # file row giving K1 directly wins over the total
    ({"nutrient_source": "file", "vitamin_k1_ug": 30.0, "vitamin_k_total_ug": 90.0},
     {"vitamin_k1_ug": 30.0}, {"vitamin_k1_ug": "your export"}),
    # supplement label values
    ({"nutrient_source": "supplement_label", "is_supplement": True, "vitamin_d_ug": 25.0, "vitamin_k2_ug": 75.0},
     {"vitamin_d_ug": 25.0, "vitamin_d_iu": 1000.0, "vitamin_k2_ug": 75.0, "calcium_mg": NAN},
     {"vitamin_d_ug": "supplement label", "vitamin_k2_ug": "supplement label"}),
]


@pytest.mark.parametrize(("entry", "values", "sources"), CASES)
def test_entry_rules(entry, values, sources):
    result = entry_nutrients(make_entries([entry]), make_foods())
    row = result.iloc[0]
    for key, expected in values.items():
        if math.isnan(expected):
            assert math.isnan(row[key]), key
        else:
            assert row[key] == pytest.approx(expected), key
    for key, expected in sources.items():
        got = row[f"{key}_source"]
        assert (got is None or (isinstance(got, float) and math.isnan(got))) if expected is None else got == expected


@pytest.mark.parametrize("status", ["needs_match", "needs_amount", "skipped", "rejected"])
def test_only_used_rows_count(status):
    entries = make_entries([{"matched_food_id": 1, "grams": 100.0},
                            {"matched_food_id": 1, "grams": 100.0, "status": status}])
    result = entry_nutrients(entries, make_foods())
    assert list(result["row"]) == [2]


def test_unknown_food_id_is_missing_not_zero():
    result = entry_nutrients(make_entries([{"matched_food_id": 999, "grams": 100.0}]), make_foods())
    assert np.isnan(result.loc[0, "calcium_mg"])


def test_keeps_entry_columns_and_low_confidence():
    entries = make_entries([{"nutrient_source": "file", "calcium_mg": 200.0, "low_confidence": "calcium_mg",
                             "food_text": "Breakfast", "kind": "meal_total"}])
    result = entry_nutrients(entries, make_foods())
    assert result.loc[0, "low_confidence"] == "calcium_mg"
    assert result.loc[0, "food_text"] == "Breakfast"
    assert result.loc[0, "calcium_mg"] == 200.0


def test_with_real_food_table(food_table):
    """1 cup whole milk (USDA 01077, 244 g) as a hand check against the real SR28 values."""
    entries = make_entries([{"matched_food_id": 1077, "grams": 244.0}])
    result = entry_nutrients(entries, food_table.foods)
    expected = 244.0 / 100.0 * food_table.foods.loc[1077, "calcium_mg"]
    assert result.loc[0, "calcium_mg"] == pytest.approx(expected)
    assert 250 < result.loc[0, "calcium_mg"] < 320
    assert result.loc[0, "calcium_mg_source"] == "USDA SR28 #01077"


def test_each_k2_value_carries_what_it_counts():
    foods = make_foods()
    foods["k2_basis"] = ["", "", "MK-7 only, Kamao 2007", "Estimate by rule, not measured"]
    entries = make_entries([
        {"matched_food_id": 3, "grams": 50.0},                                   # paper value
        {"matched_food_id": 4, "grams": 40.0},                                   # rule estimate
        {"matched_food_id": 1, "grams": 100.0},                                  # K2 unknown
        {"nutrient_source": "supplement_label", "is_supplement": True, "vitamin_k2_ug": 75.0},
    ])
    basis = entry_nutrients(entries, foods)["vitamin_k2_basis"].tolist()
    assert basis[:2] == ["MK-7 only, Kamao 2007", "Estimate by rule, not measured"]
    assert basis[2] is None or (isinstance(basis[2], float) and math.isnan(basis[2]))
    assert basis[3] == "as given on the supplement label"
