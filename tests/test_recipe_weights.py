"""A recipe of the user's own ('Kafa, 2.00 full recipe') is weighed once by the user and remembered per name."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from analyzer import (
    Profile,
    StoreError,
    UserStore,
    analyze,
    apply_recipe_weights,
    import_diary,
    normalise_key,
    recipes_needed,
)
from analyzer.store import CorrectionsImportError
from analyzer.store._open import _MIGRATIONS, APPLICATION_ID, SCHEMA_VERSION

# 'Kafa' (coffee in Serbian) logged as Cronometer's own recipe on two days, three rows; plus one weighed row.
DIARY = (b"Day,Group,Food Name,Amount\n"
         b"2016-02-07,Breakfast,Kafa,2.00 full recipe\n"
         b"2016-02-08,Breakfast,Kafa,1.00 full recipe\n"
         b"2016-02-08,Snacks,kafa,1.00 full recipe\n"
         b"2016-02-08,Lunch,Cheddar cheese,30 g\n")
#: The user's choice of food for the recipe: SR28 14209, Beverages, coffee, brewed, prepared with tap water.
COFFEE = 14209
CORRECTIONS = {normalise_key("Kafa"): COFFEE}


@pytest.fixture
def store(tmp_path):
    with UserStore(tmp_path / "user.sqlite") as opened:
        yield opened


def _entries(food_table, **kwargs) -> pd.DataFrame:
    return import_diary(DIARY, table=food_table, corrections=CORRECTIONS, **kwargs).entries


def test_own_recipes_waiting_are_listed_once_per_name_with_the_food_they_are_counted_as(food_table):
    waiting = recipes_needed(_entries(food_table))
    assert waiting[["recipe", "key", "rows", "amount", "food_id"]].values.tolist() == [
        ["Kafa", "kafa", 3, "2.00 full recipe", COFFEE]]
    assert waiting.loc[0, "food"] == food_table.foods.loc[COFFEE, "description"]


def test_a_stated_weight_counts_every_row_of_the_recipe(food_table):
    entries = apply_recipe_weights(_entries(food_table), {"kafa": 300.0})
    assert list(entries["status"]) == ["used"] * 4
    # grams = full recipes logged x 300 g per recipe: 2 x 300 = 600; 1 x 300 = 300 (twice).
    assert entries["grams"].tolist()[:3] == [600.0, 300.0, 300.0]
    assert set(entries["grams_source"].iloc[:3]) == {"recipe_weight"}
    assert entries["grams_detail"].iloc[0].startswith("2 full recipe = 2 x 300 g = 600 g")
    assert recipes_needed(entries).empty
    # Magnesium, SR28 14209 brewed coffee 3 mg/100 g, SR28 01009 cheddar 27 mg/100 g (USDA SR28):
    # day 1: 600 g x 3/100 = 18 mg; day 2: (300 + 300) g x 3/100 = 18 mg + 30 g x 27/100 = 8.1 mg -> 26.1 mg.
    daily = analyze(entries, food_table, Profile(age=40, sex="F")).daily
    assert daily["magnesium_mg"].tolist() == pytest.approx([18.0, 26.1])


def test_rows_without_a_weight_and_other_rows_are_left_as_they_were(food_table):
    entries = _entries(food_table)
    same = apply_recipe_weights(entries, {"spanac": 450.0})
    pd.testing.assert_frame_equal(same, entries)
    assert apply_recipe_weights(entries, {})["status"].tolist() == entries["status"].tolist()


def test_a_changed_weight_reaches_rows_weighed_before(food_table):
    first = apply_recipe_weights(_entries(food_table), {"kafa": 300.0})
    again = apply_recipe_weights(first, {"kafa": 250.0})
    assert again["grams"].tolist()[:3] == [500.0, 250.0, 250.0]  # 2 x 250, 1 x 250, 1 x 250
    assert again.loc[3, "grams"] == 30.0  # the cheddar's own 30 g is not touched


def test_a_recipe_working_out_above_5kg_is_held_back_with_its_grams(food_table):
    entries = apply_recipe_weights(_entries(food_table), {"kafa": 3000.0})
    # 2 x 3,000 g = 6,000 g: above 5 kg for one entry, so it waits for confirmation; 1 x 3,000 g is counted.
    assert entries["status"].tolist()[:3] == ["needs_amount", "used", "used"]
    assert entries.loc[0, "grams"] == 6000.0 and "6,000 g" in entries.loc[0, "reason"]


def test_the_weight_is_remembered_and_counts_the_next_import(store, food_table):
    store.set_recipe_weight("Kafa ", 300)
    assert store.recipe_weights() == {"kafa": 300.0}
    listed = store.list_recipe_weights()
    assert listed[["text", "key", "grams"]].values.tolist() == [["Kafa", "kafa", 300.0]]
    store.set_recipe_weight("KAFA", 280)  # another spelling of the same name replaces it
    assert store.recipe_weights() == {"kafa": 280.0}
    entries = apply_recipe_weights(_entries(food_table), store.recipe_weights())
    assert entries["grams"].tolist()[:3] == [560.0, 280.0, 280.0]  # 2 x 280, 1 x 280, 1 x 280
    assert store.remove_recipe_weight("kafa") and store.recipe_weights() == {}


@pytest.mark.parametrize("grams", [0, -5, float("nan"), float("inf"), "300", True, 60_000])
def test_a_weight_that_is_not_grams_above_zero_is_refused(store, grams):
    with pytest.raises(StoreError):
        store.set_recipe_weight("Kafa", grams)
    assert store.recipe_weights() == {}


def test_a_store_from_before_recipe_weights_opens_keeps_its_data_and_remembers_weights(tmp_path):
    # A version-3 file, as the previous release wrote it: corrections, diaries, settings, doses.
    path = tmp_path / "user.sqlite"
    conn = sqlite3.connect(path)
    for statements in _MIGRATIONS[:3]:
        for statement in statements:
            conn.execute(statement)
    conn.execute("INSERT INTO supplement_doses VALUES ('pure', 'Pure', '{\"magnesium_mg\": 120}', '2024-01-01')")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    with UserStore(path) as store:
        assert store.supplement_doses() == {"pure": {"magnesium_mg": 120}}
        store.set_recipe_weight("Kafa", 300)
    with UserStore(path) as store:
        assert store.recipe_weights() == {"kafa": 300.0}
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4


def test_recipe_weights_travel_with_the_corrections_file(store, tmp_path):
    store.set_correction("Kafa", COFFEE, "Beverages, coffee, brewed, prepared with tap water")
    store.set_recipe_weight("Kafa", 300)
    store.set_recipe_weight("=Spanac", 452.5)  # a name a spreadsheet would run as a formula
    store.set_supplement_dose("Sleep Aid Gummies", {})
    exported = store.export_corrections_csv()
    with UserStore(tmp_path / "other.sqlite") as other:
        assert other.import_corrections_csv(exported) == 4  # one correction, two weights, one dose
        assert other.corrections() == store.corrections()
        assert other.recipe_weights() == store.recipe_weights() == {"kafa": 300.0, "spanac": 452.5}
        assert other.supplement_doses() == {normalise_key("Sleep Aid Gummies"): {}}
    assert exported.splitlines()[0].endswith(b"dose_per_unit,recipe_grams")


@pytest.mark.parametrize("grams", ["a pot", "0", "-300", "1e9"])
def test_a_bad_recipe_weight_in_the_file_imports_nothing(store, grams):
    data = f"text,food_id,recipe_grams\nbutter,1001,\nKafa,,{grams}\n".encode()
    with pytest.raises(CorrectionsImportError) as caught:
        store.import_corrections_csv(data)
    assert caught.value.failures[["row", "column"]].values.tolist() == [[3, "recipe_grams"]]
    assert store.corrections() == {} and store.recipe_weights() == {}


def test_recipes_already_weighed_are_listed_only_when_asked(food_table):
    entries = apply_recipe_weights(_entries(food_table), {"kafa": 300.0})
    assert recipes_needed(entries).empty
    assert recipes_needed(entries, weighed_too=True)[["recipe", "rows"]].values.tolist() == [["Kafa", 3]]


def test_entries_with_nothing_to_weigh_are_returned_as_they_are(food_table):
    weighed = apply_recipe_weights(_entries(food_table), {"kafa": 300.0})
    assert apply_recipe_weights(weighed, {"kafa": 300.0}) is weighed  # the app re-applies after every edit


def test_the_command_line_counts_a_remembered_recipe(tmp_path, monkeypatch, food_table):
    from analyzer._cli import main

    monkeypatch.setenv("MINERALOG_DATA_DIR", str(tmp_path / "user-data"))
    with UserStore() as remembered:
        remembered.set_correction("Kafa", COFFEE, "Beverages, coffee, brewed, prepared with tap water")
        remembered.set_recipe_weight("Kafa", 300)
    diary, out = tmp_path / "diary.csv", tmp_path / "daily.csv"
    diary.write_bytes(DIARY)
    assert main(["totals", str(diary), "--out", str(out)]) == 0
    daily = pd.read_csv(out, encoding="utf-8-sig")
    # As above: day 1 600 g x 3 mg/100 g = 18 mg; day 2 600 g x 3/100 + 30 g x 27/100 = 26.1 mg.
    assert daily["magnesium_mg"].tolist() == pytest.approx([18.0, 26.1])
