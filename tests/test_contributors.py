"""Top contributing foods per nutrient over a date range."""

from __future__ import annotations

import math

import pytest
from test_entry_nutrients import make_entries, make_foods

from analyzer.analysis._contributors import top_contributors
from analyzer.analysis._entry_nutrients import entry_nutrients


def nutrients():
    entries = make_entries([
        {"date": "2024-03-01", "matched_food_id": 1, "matched_food": "Milk, whole", "grams": 250.0,
         "amount_text": "1 cup"},
        {"date": "2024-03-02", "matched_food_id": 1, "matched_food": "Milk, whole", "grams": 250.0,
         "amount_text": "1 cup"},
        {"date": "2024-03-02", "matched_food_id": 2, "matched_food": "Almonds", "grams": 30.0,
         "amount_text": "30 g"},
        {"date": "2024-03-03", "matched_food_id": 4, "matched_food": "Spinach, raw", "grams": 100.0,
         "amount_text": "100 g"},
        {"date": "2024-03-03", "food_text": "Calcium carbonate 500 mg", "nutrient_source": "supplement_label",
         "is_supplement": True, "calcium_mg": 500.0},
        {"date": "2024-03-03", "matched_food_id": 2, "matched_food": "Almonds", "grams": NAN_GRAMS},
    ])
    return entry_nutrients(entries, make_foods())


NAN_GRAMS = float("nan")


@pytest.mark.parametrize(("key", "start", "end", "expected"), [
    # milk 2 x 300, supplement 500, almonds 81, spinach 99: total 1280
    ("calcium_mg", None, None, [("Milk, whole", 600.0), ("Calcium carbonate 500 mg", 500.0),
                                ("Spinach, raw", 99.0), ("Almonds", 81.0)]),
    ("calcium_mg", "2024-03-02", "2024-03-02", [("Milk, whole", 300.0), ("Almonds", 81.0)]),
    ("magnesium_mg", None, "2024-03-02", [("Almonds", 81.0), ("Milk, whole", 50.0)]),
])
def test_ranking(key, start, end, expected):
    top = top_contributors(nutrients(), key, start, end)
    assert top["food"].tolist() == [food for food, _ in expected]
    assert top["value"].tolist() == pytest.approx([value for _, value in expected])


def test_shares_grams_and_amount():
    top = top_contributors(nutrients(), "calcium_mg").set_index("food")
    assert top.loc["Milk, whole", "share"] == pytest.approx(600.0 / 1280.0)
    assert top["share"].sum() == pytest.approx(1.0)
    assert top.loc["Milk, whole", "grams"] == 500.0
    assert top.loc["Milk, whole", "entries"] == 2
    assert top.loc["Milk, whole", "amount"] == "1 cup"
    assert math.isnan(top.loc["Calcium carbonate 500 mg", "grams"])


def test_limit_and_unknown_key():
    assert len(top_contributors(nutrients(), "calcium_mg", limit=2)) == 2
    with pytest.raises(ValueError):
        top_contributors(nutrients(), "iron_mg")


def test_an_entry_with_a_time_counts_on_its_day():
    """The range is whole days, as the totals count them: 19:30 on the last day is inside it."""
    entries = make_entries([
        {"date": "2024-03-02 19:30", "matched_food_id": 1, "matched_food": "Milk, whole", "grams": 250.0,
         "amount_text": "1 cup"},
    ])
    top = top_contributors(entry_nutrients(entries, make_foods()), "calcium_mg", "2024-03-02", "2024-03-02")
    assert top["value"].tolist() == pytest.approx([300.0])  # 250 g x 120 mg / 100 g


def test_the_usual_amount_is_the_one_written_most_often_ties_to_the_first_in_sorted_order():
    """The contributors' 'Usual amount', counted on distinct (food, amount) pairs (issue 15: it was a
    Python call per food): milk written '1 cup' once and '200 ml' twice is '200 ml'; almonds '30 g' once
    and '1 oz' once is '1 oz' (a tie: the first in sorted order, as pandas' mode gives)."""
    rows = [("Milk, whole", 1, 250.0, "1 cup"), ("Milk, whole", 1, 206.0, "200 ml"),
            ("Milk, whole", 1, 206.0, "200 ml"), ("Almonds", 2, 30.0, "30 g"), ("Almonds", 2, 28.35, "1 oz")]
    entries = make_entries([{"date": "2024-03-01", "matched_food_id": food_id, "matched_food": food, "grams": grams,
                             "amount_text": amount} for food, food_id, grams, amount in rows])
    top = top_contributors(entry_nutrients(entries, make_foods()), "calcium_mg").set_index("food")
    assert top.loc["Milk, whole", "amount"] == "200 ml"
    assert top.loc["Almonds", "amount"] == "1 oz"
