"""Real diary line shapes (Cronometer servings.csv) end where a user expects: supplements,
medicines, minerals by weight and zeroed entries.  Expected numbers are worked out by hand."""

from __future__ import annotations

import pytest

from analyzer import import_diary
from analyzer.resolve._supplement_lines import supplement_evidence, supplement_outcome

HEADER = "Day,Time,Group,Food Name,Amount,Category\n"


def _cronometer(rows: list[tuple[str, str, str, str]], food_table, **kwargs):
    body = "".join(f'2024-03-01,8:00 AM,"{group}","{food}","{amount}","{category}"\n'
                   for group, food, amount, category in rows)
    return import_diary((HEADER + body).encode(), table=food_table, **kwargs).entries.set_index("row")


@pytest.mark.parametrize(("food", "amount", "expected_d_ug"), [
    ("Vitamin D3", "3.00 x 1000.0 IU", 75.0),              # 3 x 1000 IU / 40 IU per µg
    ("Kirkland Signature, Vitamin D", "2.00 x 1000.0 IU", 50.0),  # was "Unknown unit 'IU'"
    ("Vitamin D3 1000 IU", "3.00 x 1000.0 IU", 75.0),      # the label dose and the amount agree: 3 units
    ("Nature's Bounty, Vitamin D3, 1000 IU", "2.00 softgel", 50.0),
])
def test_vitamin_d_in_cronometer_amount_formats(food, amount, expected_d_ug, food_table):
    row = _cronometer([("Breakfast", food, amount, "")], food_table).loc[2]
    assert (row["status"], bool(row["is_supplement"])) == ("used", True)
    assert row["vitamin_d_ug"] == pytest.approx(expected_d_ug)


@pytest.mark.parametrize(("food", "amount", "kind"), [
    ("Aspirin 81 mg", "1.00 tablet", "aspirin"),
    ("Atorvastatin 20 mg", "1.00 tablet", "statin"),
    ("Cetirizine", "1.00 tablet", "antihistamine"),
    ("Zinc 30 mg", "1.00 capsule", "zinc"),
    ("Fish Oil", "2.00 softgel", "fish oil"),
    ("Creatine Monohydrate", "5.00 g", "creatine"),
    ("Melatonin", "1.00 x 3.0 mg", "melatonin"),
    ("Ashwagandha", "1.00 capsule", "ashwagandha"),
    ("Nature's Bounty, Vitamin B12, 1000 mcg", "2.00 softgel", "vitamin B12"),
    ("Vitamin B12", "1.00 1000mcg tablet", "vitamin B12"),
    ("Collagen Peptides", "1.00 scoop", "collagen"),
])
def test_supplements_without_tracked_nutrients_are_counted_and_add_nothing(food, amount, kind, food_table):
    from analyzer import analyze
    from analyzer.analysis._reference import Profile

    entries = _cronometer([("Supplements", food, amount, "Supplements"),
                           ("Breakfast", "Cheddar cheese", "30.00 g", "Dairy and Egg Products")], food_table)
    row = entries.loc[2]
    assert (row["status"], row["nutrient_source"], bool(row["is_supplement"])) == ("used", "none", True)
    assert kind in row["reason"]
    analysis = analyze(entries.reset_index(), food_table, Profile(40, "F"))
    day = analysis.daily.iloc[0]
    # only the cheddar counts: 30 g x 710 mg / 100 g (SR28 #01009)
    assert day["calcium_mg"] == pytest.approx(213.0, rel=0.01)
    assert day["calcium_mg_coverage_entries"] == 1.0


def test_meal_group_named_supplements_does_not_make_foods_supplements(food_table):
    entries = _cronometer([("Supplements", "Cinnamon, Ground", "2.00 g", "Spices and Herbs"),
                           ("Supplements", "Blueberries, Frozen", "100.00 g", "Fruits and Fruit Juices")],
                          food_table)
    assert not entries["is_supplement"].any()
    assert entries["status"].eq("used").all() and entries["grams"].tolist() == [2.0, 100.0]


def test_protein_powder_in_the_supplements_category_stays_a_food():
    assert supplement_evidence("Bulk, Vegan Protein Powder, Unflavoured", "35.00 g", "Supplements") == "food"
    assert supplement_evidence("Premier Protein, Protein Shake, Chocolate", "1.00 shake (11 fl oz)",
                               "Supplements") == "food"
    assert supplement_evidence("Cod liver oil", "1.00 tsp", "") == "food"


@pytest.mark.parametrize("amount", ["0.00 g", "0.00 cup", "0.00 large egg", "0.00 x 1000.0 IU"])
def test_zero_amounts_are_nothing_eaten(amount, food_table):
    row = _cronometer([("Lunch", "Egg, whole, raw", amount, "Dairy and Egg Products")], food_table).loc[2]
    assert (row["status"], row["reason"]) == ("skipped", "Nothing eaten (amount 0).")


@pytest.mark.parametrize("amount", ["-3.00 g", "1e9 g"])
def test_negative_and_absurd_amounts_still_need_attention(amount, food_table):
    row = _cronometer([("Lunch", "Cheddar cheese", amount, "")], food_table).loc[2]
    assert row["status"] == "needs_amount"


def test_egg_shell_powder_is_calcium_not_dried_egg(food_table):
    # Schaafsma et al. 2000: 401 mg calcium per g of eggshell powder; 0.40 g -> 160.4 mg
    row = _cronometer([("Breakfast", "Egg shell, dried, ground", "0.40 g", "Dairy and Egg Products")],
                      food_table).loc[2]
    assert (row["status"], row["nutrient_source"], row["grams"]) == ("used", "mineral", 0.4)
    assert row["calcium_mg"] == pytest.approx(160.4)
    assert pd_isna(row["matched_food_id"])


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_dose_unknown_asks_once_and_a_remembered_dose_counts(food_table):
    from analyzer import normalise_key

    rows = [("Supplements", "Doctor's Best Magnesium Glycinate", "2.00 capsule", "Supplements")]
    waiting = _cronometer(rows, food_table).loc[2]
    assert waiting["status"] == "needs_amount" and "one unit" in waiting["reason"]
    doses = {normalise_key("Doctor's Best Magnesium Glycinate"): {"magnesium_mg": 100.0}}
    row = _cronometer(rows, food_table, doses=doses).loc[2]
    assert (row["status"], row["nutrient_source"]) == ("used", "user_dose")
    assert row["magnesium_mg"] == pytest.approx(200.0)  # 2 capsules x 100 mg


def test_k2_supplement_in_the_amount_column():
    outcome = supplement_outcome("Vitamin K2 MK7 (as menaquinone-7)", "0.60 mg")
    assert dict(outcome.values) == {"vitamin_k2_ug": 600.0, "k2_mk7_ug": 600.0}
    outcome = supplement_outcome("K2 M4", "5.00 mg")
    assert dict(outcome.values) == {"vitamin_k2_ug": 5000.0, "k2_mk4_ug": 5000.0}


def test_k2_chart_total_of_a_day_with_a_600_ug_mk7_supplement(food_table):
    """An export with one 'Vitamin K (µg)' column: the supplement's K is K2 (MK-7), the spinach's K1."""
    from analyzer import analyze
    from analyzer.analysis._reference import Profile

    data = ("Day,Time,Group,Food Name,Amount,Energy (kcal),Calcium (mg),Vitamin K (µg),Category\n"
            '2024-03-01,8:00 AM,Supplements,"Vitamin K2 MK7 (as menaquinone-7)","0.60 mg",0.00,0.00,600.00,'
            '"Supplements"\n'
            '2024-03-01,1:00 PM,Lunch,"Spinach, Raw","100.00 g",23.00,99.00,482.90,'
            '"Vegetables and Vegetable Products"\n').encode()
    result = import_diary(data, table=food_table)
    analysis = analyze(result.entries, food_table, Profile(40, "F"))
    day = analysis.daily.iloc[0]
    assert day["vitamin_k2_ug"] == pytest.approx(600.0)      # the supplement, as labelled
    assert day["k2_mk7_ug"] == pytest.approx(600.0)
    assert day["vitamin_k1_ug"] == pytest.approx(482.9)      # spinach: SR28 11457 has K2 = 0 by rule, so all K1
    assert day["vitamin_k1_ug"] < 1000                        # never the supplement's 600 µg counted as K1


@pytest.mark.parametrize(("food", "amount", "words"), [
    ("Vitamin D3 1000 IU", "-2.00 capsule", "negative"),
    ("Aspirin", "-1 tablet", "negative"),
    ("Egg shell, dried, ground", "-1 g", "negative"),
    ("Vitamin D3", "99999999999999999999999 IU", "too large"),
    ("Vitamin D3 1000 IU", "1e9 capsules", "too large"),
])
def test_negative_and_absurd_supplement_amounts_are_not_counted(food, amount, words):
    outcome = supplement_outcome(food, amount)
    assert outcome.status == "needs_amount" and words in outcome.reason and outcome.values == ()


@pytest.mark.parametrize("text", ["Aspirin 81 mg", "Ibuprofen", "Fish oil 1000 mg", "Zinc picolinate", "2.00 softgel",
                                  "1.00 x 1000.0 IU", "Supplements", "Multivitamin for men", "Protein powder, whey",
                                  "Cheese, cheddar", "35.00 g", "", "Vitamin D3 + K2 (MK-7)", "Melatonin 3mg gummy"])
def test_one_search_per_kind_finds_what_the_rows_one_by_one_find(text):
    from analyzer.resolve._supplement_lines import _KINDS, _any, _named
    from analyzer.resolve._supplements import patterns

    for kind in _KINDS:
        rows = patterns(kind)
        assert _any(kind, text) == any(pattern.search(text) for _, pattern in rows), kind
        assert _named(kind, text) == next((key for key, pattern in rows if pattern.search(text)), None), kind
