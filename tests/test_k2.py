"""Vitamin K2 per food (issue 13): the plant rule, paper values per cheese type, what each value counts.

Expected values are read off the sources by hand: SR28 nutrient 428 (MK-4), nutrient 601
(cholesterol) and FOOD_DES; Fu et al. 2017 and Tsukamoto et al. 2000 as quoted in
``food_db/menaquinones.csv``.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from food_db._k2 import USDA_MK4_BASIS, k2_layer, read_menaquinones, read_rules, word_pattern

RULE_BASIS = "Estimate by rule, not measured: plant food without animal ingredients, not fermented"


def _foods(rows: list[tuple[int, str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["food_id", "description", "food_group_code", "cholesterol_mg"]
                        ).set_index("food_id")


# --- the rule, on hand-built foods ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "hit"), [
    ("Collards, raw", False), ("Eggplant, raw", False), ("Squash, winter, butternut, raw", False),
    ("Seasoning mix, dry, sazon, coriander & annatto", False), ("Corn, sweet, canned, cream-style", False),
    ("Soymilk, original", False), ("Beans, baked, canned, with franks", True), ("Noodles, egg, dry", True),
    ("Potatoes, hash brown, with butter sauce", True), ("Corn, sweet, yellow, canned, cream style", True),
])
def test_animal_words_match_whole_words_only(text, hit):
    words = read_rules()["exclude_words_if_cholesterol_unknown"].iloc[0]
    assert bool(pd.Series([text.lower()]).str.contains(word_pattern(words)).iloc[0]) is hit


def test_rule_needs_no_cholesterol_no_fermentation_and_usda_mk4_still_wins():
    foods = _foods([
        (1, "Kale, raw", "1100", 0.0),
        (2, "Beans, baked, canned, with franks", "1600", 6.0),   # cholesterol > 0: meat inside
        (3, "Poi", "1100", 0.0),                                 # fermented taro
        (4, "Capers, canned", "0200", 0.0),                      # brined
        (5, "Cabbage, mustard, salted", "1100", 0.0),            # salt-preserved vegetable
        (6, "Quinoa, uncooked", "2000", 0.0),                    # USDA measured MK-4 1.1
        (7, "Pasta, fresh-refrigerated, plain", "2000", 73.0),   # egg pasta
        (8, "Peanut butter, smooth style, with salt", "1600", 0.0),
        (9, "Potatoes, au gratin, dry mix", "1100", float("nan")),  # no cholesterol: words decide
    ])
    mk4 = pd.Series({6: 1.1})
    out = k2_layer(foods, mk4, read_menaquinones().iloc[0:0], read_rules())
    assert out.loc[[1, 8], "k2_status"].tolist() == ["rule_estimate", "rule_estimate"]
    assert out.loc[1, "vitamin_k2_ug"] == 0.0 and out.loc[1, "k2_basis"] == RULE_BASIS
    for food_id in (2, 3, 4, 5, 7, 9):
        assert out.loc[food_id, "k2_status"] == "unknown", food_id
        assert math.isnan(out.loc[food_id, "vitamin_k2_ug"])
    assert out.loc[6, "k2_status"] == "measured_usda" and out.loc[6, "vitamin_k2_ug"] == pytest.approx(1.1)
    assert out.loc[6, "k2_basis"] == USDA_MK4_BASIS


# --- the built database ----------------------------------------------------------------------------

@pytest.mark.parametrize("food_id", [16008, 16059, 11414, 11656, 11672, 20093, 20094, 20095, 20096,
                                     11349, 43144, 2054])
def test_mixed_and_fermented_foods_are_not_rule_zeros(food_table, food_id):
    food = food_table.foods.loc[food_id]
    assert food["k2_status"] != "rule_estimate", food["description"]
    assert food["k2_status"] == "unknown"   # none has a USDA MK-4 value or a paper value
    assert math.isnan(food["vitamin_k2_ug"])


@pytest.mark.parametrize("food_id", [11161, 11209, 11485, 11019, 12117])
def test_plain_plants_stay_rule_estimates(food_table, food_id):
    # collards ('lard'), eggplant ('egg'), butternut ('butter'), asparagus, coconut milk (SR28 cholesterol 0)
    food = food_table.foods.loc[food_id]
    assert food["k2_status"] == "rule_estimate", food["description"]
    assert food["vitamin_k2_ug"] == 0.0
    assert "not measured" in food["k2_basis"]


def test_no_rule_estimate_has_cholesterol(food_table):
    foods = food_table.foods
    assert not ((foods["k2_status"] == "rule_estimate") & (foods["cholesterol_mg"] > 0)).any()


@pytest.mark.parametrize(("food_id", "status", "value", "basis"), [
    (1032, "measured_usda", 7.1, "MK-4 only, USDA SR28"),    # parmesan, grated: USDA MK-4
    (1040, "measured_usda", 6.3, "MK-4 only, USDA SR28"),    # swiss
    (1033, "unknown", None, ""),                             # parmesan, hard: nothing measured
    (1023, "unknown", None, ""),                             # gruyere
    (1038, "unknown", None, ""),                             # romano
    (1035, "unknown", None, ""),                             # provolone
    (1009, "measured_paper", 28.2, "MK-4 to MK-13, LC-MS, Fu et al. 2017"),   # US cheddar
    (1022, "measured_paper", 76.3, "MK-4 to MK-9, Schurgers & Vermeer 2000; primary table not read"),  # gouda
])
def test_paper_values_only_for_the_cheese_type_measured(food_table, food_id, status, value, basis):
    food = food_table.foods.loc[food_id]
    assert food["k2_status"] == status
    assert "Gouda" not in food["k2_source"] or food_id == 1022
    assert food["k2_basis"] == basis
    if value is None:
        assert math.isnan(food["vitamin_k2_ug"])
    else:
        assert food["vitamin_k2_ug"] == pytest.approx(value)


@pytest.mark.parametrize(("food_id", "value"), [(1077, 38.1), (1211, 38.1), (1012, 54.2)])
def test_milk_and_cottage_cheese_use_the_newer_total_and_say_what_it_counts(food_table, food_id, value):
    food = food_table.foods.loc[food_id]
    assert food["vitamin_k2_ug"] == pytest.approx(value)   # not USDA's MK-4 (1.0, 0.9)
    assert food["k2_basis"] == "MK-4 to MK-13, LC-MS, Fu et al. 2017"
    assert "Fu X" in food["k2_source"] and food["k2_verified"] == "yes"


def test_every_k2_value_has_a_basis_and_every_measured_one_a_verification(food_table):
    foods = food_table.foods
    valued = foods[foods["vitamin_k2_ug"].notna()]
    assert (valued["k2_basis"].str.len() > 5).all()
    measured = foods[foods["k2_status"].isin(["measured_paper", "measured_usda"])]
    assert set(measured["k2_verified"]) <= {"yes", "no"}
    assert (foods.loc[foods["vitamin_k2_ug"].isna(), "k2_basis"] == "").all()


def test_unverified_rows_are_marked_and_recollected_rows_are_gone(food_table):
    foods = food_table.foods
    unread = foods[foods["k2_verified"] == "no"]
    assert len(unread) > 0 and unread["k2_basis"].str.endswith("primary table not read").all()
    # goose leg was mapped to whole goose meat; chicken liver and salami rested on recollection
    for food_id in (5148, 5027, 7071, 7072):
        assert foods.loc[food_id, "k2_status"] == "unknown"
    table = read_menaquinones()
    assert not table["food"].str.contains("goose leg|chicken liver|salami|curd cheese", case=False).any()
    assert set(table["verified"]) == {"yes", "no"}


# --- the period's K2 by what it counts ------------------------------------------------------------

def test_k2_by_basis_splits_the_period_total():
    from analyzer.analysis._k2_basis import k2_by_basis

    nutrients = pd.DataFrame({
        "vitamin_k2_ug": [28.2, 8.6, 0.0, float("nan"), 11.3],
        "vitamin_k2_basis": ["MK-4 to MK-13, LC-MS, Fu et al. 2017", "MK-4 only, USDA SR28", RULE_BASIS, None,
                             "MK-4 to MK-13, LC-MS, Fu et al. 2017"],
    })
    out = k2_by_basis(nutrients)
    assert list(out.index) == ["MK-4 to MK-13, LC-MS, Fu et al. 2017", "MK-4 only, USDA SR28", RULE_BASIS]
    assert out["entries"].tolist() == [2, 1, 1]
    # 28.2 + 11.3 = 39.5 of 48.1 µg; 8.6 of 48.1
    assert out["share"].tolist() == pytest.approx([39.5 / 48.1, 8.6 / 48.1, 0.0])
    assert k2_by_basis(nutrients.iloc[3:4]).empty
