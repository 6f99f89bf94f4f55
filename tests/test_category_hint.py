"""The export's food category decides between close candidates (Cronometer's ``Category`` column).

The lines are shaped like real Cronometer "Servings" exports (Day, Time, Group, Food Name, Amount,
Category); the expected foods were checked by hand against the food table: an oat *drink*
filed under Beverages is FNDDS "Oat milk" (45 kcal, 8 mg magnesium per 100 g in FNDDS
2021-2023), not SR28 #20038 "Oats" (389 kcal, 177 mg magnesium per 100 g, the dry grain).
"""

from __future__ import annotations

import csv

import pytest

from analyzer import import_diary, normalise_key
from analyzer.match._category_hint import COMPAT_FILE, accepted_groups

HEADER = "Day,Time,Group,Food Name,Amount,Category\n"
OAT_DRINK = "Acti Leaf, Oat, No Added Sugar"
MINTS = "Mints, Orange"


def _entries(lines: str, food_table, **kwargs):
    result = import_diary((HEADER + lines).encode("utf-8"), "servings.csv", table=food_table, **kwargs)
    return result.entries.set_index("row")


def _same_line_twice(food_table, text: str, amount: str, first: str, second: str):
    """The same line logged twice, filed under ``first`` then ``second`` category."""
    entries = _entries(f'2023-05-12,10:40 AM,"Breakfast","{text}","{amount}","{first}"\n'
                       f'2023-05-12,11:00 AM,"Breakfast","{text}","{amount}","{second}"\n', food_table)
    return entries.iloc[0], entries.iloc[1]


def _food(food_table, description: str) -> int:
    foods = food_table.foods
    return int(foods.index[foods["description"] == description][0])


def test_an_oat_drink_filed_under_beverages_is_oat_milk_not_dry_oats(food_table):
    drink, no_category = _same_line_twice(food_table, OAT_DRINK, "210.00 g", "Beverages", "")
    assert drink["matched_food"] == "Oat milk"
    assert drink["match_source"] == "category"
    assert drink["grams"] == pytest.approx(210.0)
    oat_milk = food_table.foods.loc[int(drink["matched_food_id"])]
    assert oat_milk["source"] == "fndds"
    assert oat_milk["energy_kcal"] == pytest.approx(45.0)   # FNDDS "Oat milk": 45 kcal / 100 g
    assert oat_milk["magnesium_mg"] == pytest.approx(8.0)  # and 8 mg magnesium, not the grain's 177
    # The same text with no category is left as the matcher chose (the dry grain).
    assert no_category["matched_food"] == "Oats"
    assert no_category["match_source"] == "matcher"
    assert food_table.foods.loc[int(no_category["matched_food_id"]), "energy_kcal"] == pytest.approx(389.0)


def test_mints_filed_under_sweets_are_candy_not_fresh_peppermint(food_table):
    sweets, recipes = _same_line_twice(food_table, MINTS, "8 g", "Sweets", "Recipes")
    assert sweets["matched_food"] == "Candy, mint"
    assert sweets["match_source"] == "category"
    # "Recipes" names no food group: the matcher's choice stands.
    assert recipes["matched_food"] == "Peppermint, fresh"
    assert recipes["match_source"] == "matcher"


def test_a_brand_line_gets_the_brands_food_whatever_its_category(food_table):
    # The label food of the named brand says more than a food group guessed from the category.
    sweets, recipes = _same_line_twice(food_table, "Tic Tac, Mints, Orange", "8 g", "Sweets", "Recipes")
    assert sweets["matched_food"] == recipes["matched_food"] == "TIC TAC, FLAVORED MINTS, ORANGE, ORANGE"


def test_granola_filed_under_breakfast_cereals_is_the_cereal_not_flax_seeds(food_table):
    entries = _entries('2023-05-20,8:00 AM,"Breakfast","Nature\'s Path Organic, Pumpkin Seed +Flax Granola, '
                       '260 Cal","55.00 g","Breakfast Cereals"\n', food_table)
    row = entries.iloc[0]
    assert row["matched_food"].startswith("Cereals ready-to-eat, NATURE'S PATH, Organic FLAX PLUS")
    assert row["match_source"] == "category"


def test_a_category_that_agrees_changes_nothing(food_table):
    entries = _entries('2020-06-01,7:30 AM,"Breakfast","Milk, Whole","1.00 cup","Dairy and Egg Products"\n',
                       food_table)
    assert entries.iloc[0]["match_source"] == "matcher"


def test_the_users_correction_wins_over_the_category(food_table):
    oats = _food(food_table, "Oats")
    entries = _entries(f'2023-05-12,10:40 AM,"Breakfast","{OAT_DRINK}","210.00 g","Beverages"\n', food_table,
                       corrections={normalise_key(OAT_DRINK): oats})
    row = entries.iloc[0]
    assert int(row["matched_food_id"]) == oats
    assert row["match_source"] == "correction"


@pytest.mark.parametrize("category", ["Recipes", "Supplements", "Restaurant Foods", "Fast Foods",
                                      "Meals, Entrees, and Sidedishes", "", "Something New"])
def test_categories_that_name_no_food_group_accept_nothing(category):
    assert accepted_groups(category) == frozenset()


def test_every_food_group_of_the_table_is_in_the_data_file(food_table):
    """A new WWEIA category in a later FNDDS release must be placed in food_group_compat.csv."""
    with COMPAT_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert all(row["source"].strip() for row in rows)
    placed = {row["name"] for row in rows if row["kind"] in ("sr28", "wweia")}
    missing = set(food_table.foods["food_group"].dropna().astype(str)) - placed - {""}
    assert not missing, sorted(missing)
