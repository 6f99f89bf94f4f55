"""A supplement whose content per unit no text gives is asked once and remembered per product."""

from __future__ import annotations

import pytest

from analyzer import StoreError, UserStore, doses_needed, import_diary
from analyzer.store import CorrectionsImportError

DIARY = (b"Day,Time,Group,Food Name,Amount,Category\n"
         b'2024-03-01,8:00 AM,Supplements,"Doctor\'s Best Folate","1.00 capsule","Supplements"\n'
         b'2024-03-01,8:00 AM,Supplements,"Magnesium glycinate by Pure","2.00 capsule","Supplements"\n'
         b'2024-03-02,8:00 AM,Supplements,"Magnesium Glycinate by Pure","2.00 capsule","Supplements"\n'
         b'2024-03-02,8:00 AM,Breakfast,"Cheddar cheese","30.00 g","Dairy and Egg Products"\n')


@pytest.fixture
def store(tmp_path):
    with UserStore(tmp_path / "user.sqlite") as opened:
        yield opened


def test_products_waiting_are_listed_once_each(food_table):
    entries = import_diary(DIARY, table=food_table).entries
    table = doses_needed(entries)
    # folate contains no tracked nutrient: counted, not asked; magnesium glycinate is asked once for 2 rows
    assert table[["product", "rows", "amount", "nutrients"]].values.tolist() == [
        ["Magnesium glycinate by Pure", 2, "2.00 capsule", "magnesium_mg"]]
    assert entries.set_index("row").loc[2, "status"] == "used"


def test_a_remembered_dose_resolves_the_next_import(store, food_table):
    key = doses_needed(import_diary(DIARY, table=food_table).entries).loc[0, "key"]
    store.set_supplement_dose("Magnesium glycinate by Pure", {"magnesium_mg": 120})
    assert store.supplement_doses() == {key: {"magnesium_mg": 120.0}}
    entries = import_diary(DIARY, table=food_table, doses=store.supplement_doses()).entries.set_index("row")
    assert entries.loc[[3, 4], "status"].tolist() == ["used", "used"]
    assert entries.loc[[3, 4], "magnesium_mg"].tolist() == [240.0, 240.0]  # 2 capsules x 120 mg
    assert doses_needed(entries.reset_index()).empty


def test_doses_travel_with_the_corrections_file(store, tmp_path):
    store.set_correction("Mystery cheese", 1009, "Cheese, cheddar")
    store.set_supplement_dose("Magnesium glycinate by Pure", {"magnesium_mg": 120})
    store.set_supplement_dose("Sleep Aid Gummies", {})
    exported = store.export_corrections_csv()
    with UserStore(tmp_path / "other.sqlite") as other:
        assert other.import_corrections_csv(exported) == 3
        assert other.corrections() == store.corrections()
        assert other.supplement_doses() == store.supplement_doses()
    assert b"magnesium_mg=120" in exported and b"none" in exported


@pytest.mark.parametrize("dose", [{"iron_mg": 10}, {"magnesium_mg": -1}, {"magnesium_mg": float("nan")}])
def test_bad_doses_are_refused(store, dose):
    with pytest.raises(StoreError):
        store.set_supplement_dose("Magnesium glycinate", dose)


def test_a_bad_dose_in_the_file_imports_nothing(store):
    data = b"text,food_id,dose_per_unit\nbutter,1001,\nMagnesium caps,,magnesium=lots\n"
    with pytest.raises(CorrectionsImportError) as caught:
        store.import_corrections_csv(data)
    assert caught.value.failures[["row", "column"]].values.tolist() == [[3, "dose_per_unit"]]
    assert store.corrections() == {} and store.supplement_doses() == {}


def test_entering_a_dose_counts_the_waiting_rows_without_a_new_import(store, food_table):
    from analyzer import apply_doses

    entries = import_diary(DIARY, table=food_table).entries
    store.set_supplement_dose("Magnesium glycinate by Pure", {"magnesium_mg": 120})
    updated = apply_doses(entries, store.supplement_doses()).set_index("row")
    assert updated.loc[[3, 4], "status"].tolist() == ["used", "used"]
    assert updated.loc[[3, 4], "magnesium_mg"].tolist() == [240.0, 240.0]
    assert updated.loc[5, "status"] == "used" and updated.loc[5, "grams"] == 30.0  # the cheddar is untouched
    assert entries.set_index("row").loc[3, "status"] == "needs_amount"             # the input is not changed
