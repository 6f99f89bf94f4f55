"""Diary edits as library functions: typed entries, corrections, amounts, the review queue, attention rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analyzer import (
    LOW_CONFIDENCE_SCORE,
    add_typed,
    alternatives_for,
    attention_rows,
    import_diary,
    low_confidence,
    match_text,
    normalise_key,
    resolve_text,
    review_queue,
    set_amounts,
    typed_entries,
)

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def english(food_table):
    """generic_english.csv: cheddar 30 g, milk 1 1/2 cups, kale without amount, a row without food."""
    return import_diary((DATA / "diaries" / "generic_english.csv").read_bytes(), table=food_table).entries


def test_typed_entries_are_dated_as_asked_and_numbered_after_the_diary():
    typed = pd.DataFrame({"food": ["Cheddar cheese", " ", "Milk"], "amount": ["30", "", "1 1/2"],
                          "unit": ["g", "", "cups"]})
    parsed = typed_entries(typed, dt.date(2025, 1, 2), first_row=7)
    assert parsed["row"].tolist() == [7, 8]
    assert parsed["food_text"].tolist() == ["Cheddar cheese", "Milk"]
    assert parsed["amount_text"].tolist() == ["30 g", "1 1/2 cups"]
    assert parsed["date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-01-02", "2025-01-02"]
    assert set(parsed["status"]) == {"pending"} and set(parsed["kind"]) == {"food"}


def test_add_typed_appends_resolved_rows_without_touching_the_diary(english, food_table):
    typed = pd.DataFrame({"food": ["Cheddar cheese"], "amount": ["30"], "unit": ["g"]})
    combined = add_typed(english, typed, dt.date(2025, 1, 2), table=food_table)
    assert len(combined) == len(english) + 1
    added = combined.iloc[-1]
    assert added["row"] == english["row"].max() + 1 and added["status"] == "used"
    assert added["matched_food_id"] == 1009 and added["grams"] == 30.0
    assert combined.iloc[: len(english)]["status"].tolist() == english["status"].tolist()
    fresh = add_typed(None, typed, dt.date(2025, 1, 2), table=food_table)
    assert fresh["row"].tolist() == [2]


def test_set_amounts_resolves_the_grams_again(english, food_table):
    kale = int(english.loc[english["food_text"] == "Kale", "row"].iloc[0])
    assert english.loc[english["row"] == kale, "status"].item() == "needs_amount"
    fixed = set_amounts(english, {kale: "100 g"}, table=food_table)
    row = fixed.loc[fixed["row"] == kale].iloc[0]
    assert (row["status"], row["grams"], row["amount_text"]) == ("used", 100.0, "100 g")
    assert english.loc[english["row"] == kale, "status"].item() == "needs_amount"  # the input is unchanged


def test_resolve_text_applies_a_correction_to_every_entry_written_that_way(english, food_table):
    corrected = resolve_text(english, "Milk", table=food_table, corrections={normalise_key("milk"): 1009})
    milk = corrected.loc[corrected["food_text"] == "Milk"].iloc[0]
    assert (milk["matched_food_id"], milk["match_source"]) == (1009, "correction")
    others = corrected["food_text"] != "Milk"
    pd.testing.assert_series_equal(corrected.loc[others, "matched_food_id"], english.loc[others, "matched_food_id"])


def test_review_queue_lists_unidentified_foods_first_then_the_lowest_score():
    entries = pd.DataFrame({
        "food_text": ["milk", "qwzzyx stew", "cheddar", "milk", "Vitamin D 1000 IU"],
        "amount_text": ["1 cup", "1 bowl", "30 g", "2 cups", "1"],
        "kind": "food", "status": ["used", "needs_match", "used", "used", "used"],
        "is_supplement": [False, False, False, False, True],
        "matched_food_id": pd.array([1077, None, 1009, 1077, None], dtype="Int64"),
        "matched_food": ["Milk, whole", "", "Cheese, cheddar", "Milk, whole", ""],
        "match_score": [92.0, 30.0, 100.0, 86.0, float("nan")],
        "match_source": ["matcher", "matcher", "matcher", "matcher", ""],
        "nutrient_source": ["usda", "", "usda", "usda", "supplement_label"],
        "alternatives": [[(1077, "Milk, whole", 88.0), (1079, "Milk, 2%", 80.0)], [], [], [], None],
    })
    queue = review_queue(entries)
    assert queue["text"].tolist() == ["qwzzyx stew", "milk", "cheddar"]
    assert queue.set_index("text").loc["milk", "entries"] == 2 and queue.set_index("text").loc["milk", "score"] == 86
    assert alternatives_for(entries, "milk") == [(1077, "Milk, whole", 88.0), (1079, "Milk, 2%", 80.0)]
    assert low_confidence(entries).tolist() == [False, False, False, False, False]
    entries.loc[2, "match_score"] = LOW_CONFIDENCE_SCORE - 1
    assert low_confidence(entries).tolist() == [False, False, True, False, False]


def test_attention_rows_and_match_text(english):
    attention = attention_rows(english)
    assert attention["status"].tolist() == ["needs_amount", "rejected"]
    assert attention["food_text"].tolist() == ["Kale", ""]
    assert match_text("2 eggs", "") == "eggs" and match_text("eggs", "2") == "eggs"
