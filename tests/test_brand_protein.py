"""Protein powders as a user logs them: the kind the words name, with its calcium worked out by hand.

Values per 100 g from USDA SR28 (food_preferences.csv names the rule): 14066 Beverages, Protein powder
whey based: calcium 469 mg, magnesium 195 mg; 14067 Beverages, Protein powder soy based: calcium
178 mg, magnesium 64 mg. A protein powder named without its kind is the usual whey powder; a vegan or
plant one is the soy powder, the one plant protein powder USDA analysed.
"""

from __future__ import annotations

import pytest

from analyzer import import_diary
from analyzer.analysis._analysis import diary_days

HEADER = "Day,Time,Group,Food Name,Amount,Category\n"


@pytest.mark.parametrize(("text", "food_id", "calcium", "magnesium"), [
    ("Protein powder", 14066, 469 * 0.30, 195 * 0.30),          # 140.7 mg, 58.5 mg
    ("Vegan protein powder", 14067, 178 * 0.30, 64 * 0.30),     # 53.4 mg, 19.2 mg
    ("Plant protein powder", 14067, 178 * 0.30, 64 * 0.30),
])
def test_a_protein_powder_is_the_kind_its_words_name(food_table, text, food_id, calcium, magnesium):
    data = (HEADER + f'2024-03-01,8:00 AM,"Breakfast","{text}","30.00 g","Supplements"\n').encode()
    entries = import_diary(data, "cronometer.csv", table=food_table).entries
    row = entries.iloc[0]
    assert row["status"] == "used" and int(row["matched_food_id"]) == food_id and row["grams"] == 30.0
    day = diary_days(entries, food_table).nutrients.iloc[0]
    assert day["calcium_mg"] == pytest.approx(calcium)
    assert day["magnesium_mg"] == pytest.approx(magnesium)
