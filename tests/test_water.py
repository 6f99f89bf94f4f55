"""Water: hardness conversions, which lines are water, and their calcium and magnesium in the totals.

Expected numbers are worked out by hand from the cited sources:
``analyzer/water_hardness.csv`` (conversion factors), ``analyzer/mineral_waters.csv``
(Gerolsteiner Sprudel: Ca 348, Mg 108, Na 130 mg/L) and USDA SR28 NDB 01077
(whole milk: Ca 113, Mg 10 mg per 100 g).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analyzer import Profile, import_diary
from analyzer.analysis._analysis import analyze, daily_csv_table
from analyzer.analysis._contributors import top_contributors
from analyzer.errors import WaterSettingError
from analyzer.resolve._water import resolve_water_lines
from analyzer.resolve._water_names import classify_water, mineral_waters
from analyzer.resolve._water_settings import WaterSettings, hardness_as_caco3, hardness_factors, tap_water, water_habit

PROFILE = Profile(age=40, sex="F")
#: SR28 01077 by its own description, so the match is exact (FNDDS "Milk, whole" differs: Ca 123 mg/100 g).
WHOLE_MILK = '"Milk, whole, 3.25% milkfat, with added vitamin D"'


# -- hardness conversions: worked examples from the cited sources --------------------

@pytest.mark.parametrize(("value", "unit", "expected", "tolerance", "source"), [
    # internetchemie.info: 1 °dH = 10 mg CaO/L = 0.1783 mmol/L = 17.8 mg/L as CaCO3.
    (1, "°dH", 17.8, 0.05, "internetchemie.info"),
    # Kozisek 2020: 1 mmol/L = 5.6 °dH = 10 °f = 100 mg/L as CaCO3.
    (1, "mmol/L", 100.0, 0.1, "Kozisek 2020"),
    (10, "°fH", 100.0, 0.01, "Kozisek 2020"),
    (5.6, "°dH", 100.0, 0.1, "Kozisek 2020"),
    # acquaenna.it: 1 °f = 10 mg/L as CaCO3.
    (1, "fH", 10.0, 0.001, "acquaenna.it"),
    # Stadtwerke Bayreuth: hard > 2.5 mmol/L (> 14 °dH); soft < 1.5 mmol/L (< 8.4 °dH).
    (14, "dH", 250.0, 0.5, "Stadtwerke Bayreuth"),
    (8.4, "° dH", 150.0, 0.2, "Stadtwerke Bayreuth"),
    # 64.79891 mg / 3.785412 L = 17.1 mg/L as CaCO3 per grain per US gallon.
    (1, "gpg", 17.1, 0.05, "unit definitions"),
    (120, "ppm", 120.0, 0.0, "definition"),
])

def test_hardness_as_caco3(value, unit, expected, tolerance, source):
    assert hardness_as_caco3(value, unit) == pytest.approx(expected, abs=tolerance), source


def test_hardness_from_calcium_and_magnesium_matches_the_perrier_report():
    # 2020 Perrier report: Ca 160, Mg 3.8 mg/L; 2.497 x 160 + 4.118 x 3.8 = 415 mg/L as CaCO3.
    # Given the hardness and the calcium, the magnesium comes back.
    tap = tap_water(calcium=160, hardness=415.15, hardness_unit="mg/L as CaCO3")
    assert tap.magnesium_mg_l == pytest.approx(3.8, abs=0.01)
    assert "magnesium computed" in tap.basis


@pytest.mark.parametrize(("value", "unit", "calcium", "tolerance"), [
    (1, "°dH", 7.14, 0.01),   # Stadtwerke Bayreuth: 1 °dH = 7.14 mg/L Ca
    (1, "°fH", 4.0, 0.01),    # WATER_SOURCES 2.1: 1 °f = 4.0 mg/L Ca
    (100, "mg/L as CaCO3", 40.0, 0.1),  # 1 mg/L as CaCO3 = 0.400 mg/L Ca if all hardness is calcium
])
def test_hardness_alone_counts_as_calcium_and_leaves_magnesium_unknown(value, unit, calcium, tolerance):
    tap = tap_water(hardness=value, hardness_unit=unit)
    assert tap.calcium_mg_l == pytest.approx(calcium, abs=tolerance)
    assert tap.magnesium_mg_l is None
    assert "as if all the hardness" in tap.basis


def test_every_conversion_row_cites_a_source():
    table = hardness_factors()
    assert (table["source"].str.len() > 20).all()
    assert {"mg/L as CaCO3", "mmol/L", "°dH", "°fH", "calcium", "magnesium"} <= set(table.index)


def test_mineral_water_rows_have_verified_values_source_and_date():
    table = mineral_waters()
    assert table["calcium_mg_per_l"].notna().all() and table["magnesium_mg_per_l"].notna().all()
    assert (table["source"].str.len() > 10).all() and (table["source_date"].str.len() > 0).all()
    row = table.set_index("brand").loc["Gerolsteiner Sprudel"]
    assert (row["calcium_mg_per_l"], row["magnesium_mg_per_l"], row["sodium_mg_per_l"]) == (348, 108, 130)


# -- bad values: a clear message, nothing built -------------------------------------

@pytest.mark.parametrize(("kwargs", "words"), [
    ({"calcium": -5}, "0 or more"),
    ({"calcium": 2500, "magnesium": 10}, "more than 2,000 mg/L"),
    ({"magnesium": float("inf")}, "0 or more"),
    ({"calcium": "lots"}, "not a number"),
    ({"hardness": 14, "hardness_unit": "blorps"}, "'blorps' is not one Mineralog knows"),
    ({"hardness": 14}, "needs its unit"),
    ({"hardness": -1, "hardness_unit": "°dH"}, "0 or more"),
    ({"hardness": 400, "hardness_unit": "°dH"}, "more than 5,000 mg/L"),
    ({"calcium": 200, "hardness": 5, "hardness_unit": "°dH"}, "less than the calcium alone gives"),
    ({}, "Give your tap water's calcium or magnesium"),
    ({"calcium": True}, "must be a number"),
])
def test_bad_tap_water_values_are_refused(kwargs, words):
    with pytest.raises(WaterSettingError) as caught:
        tap_water(**kwargs)
    assert words in str(caught.value)


@pytest.mark.parametrize(("litres", "expected"), [(1.5, 1.5), ("2,5", 2.5), (0, None), (None, None)])
def test_water_habit_values(litres, expected):
    assert water_habit(litres) == expected


@pytest.mark.parametrize("litres", [-1, 50, "x"])
def test_bad_water_habit_is_refused(litres):
    with pytest.raises(WaterSettingError):
        water_habit(litres)


# -- which lines are water ---------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Water", ("tap", "")),
    ("Tap water", ("tap", "")),
    ("Water, tap", ("tap", "")),
    ("Beverages, water, tap, drinking", ("tap", "")),
    ("Filtered water", ("tap", "")),
    ("Sparkling water", ("tap", "")),
    ("still water", ("tap", "")),
    ("H2O", ("tap", "")),
    ("glass of water", ("tap", "")),
    ("Leitungswasser", ("tap", "")),
    ("eau du robinet", ("tap", "")),
    ("Carbonated water, unsweetened", ("tap", "")),  # FNDDS naming
    ("Water, bottled, unsweetened", ("unknown", "Water, bottled, unsweetened")),
    ("Gerolsteiner", ("label", "Gerolsteiner Sprudel")),
    ("Gerolsteiner Sparkling Mineral Water", ("label", "Gerolsteiner Sprudel")),
    ("Beverages, GEROLSTEINER BRUNNEN GmbH & Co. KG,Gerolsteiner naturally sparkling mineral water,",
     ("label", "Gerolsteiner Sprudel")),
    ("S.Pellegrino", ("label", "S.Pellegrino")),
    ("San Pellegrino sparkling natural mineral water", ("label", "S.Pellegrino")),
    ("Hépar", ("label", "Hépar")),
    ("Evian 1.5L", ("label", "Evian")),
    ("Arrowhead spring water", ("label", "Arrowhead")),
    ("Gerolsteiner Naturell mineral water", ("unknown", "Gerolsteiner Naturell mineral water")),
    ("Mineral water", ("unknown", "Mineral water")),
    ("Mineralwasser", ("unknown", "Mineralwasser")),
    ("Water, bottled, generic", ("unknown", "Water, bottled, generic")),
    ("distilled water", ("unknown", "distilled water")),
    ("Coconut water", ("", "")),
    ("Tonic water", ("", "")),
    ("Watercress, raw", ("", "")),
    ("Watermelon", ("", "")),
    ("Arrowhead, boiled", ("", "")),
    ("Arrowhead", ("", "")),
    ("Rice cooked in water", ("", "")),
    ("Tuna, canned in water", ("", "")),
    ("Perrier lime", ("", "")),
])
def test_classify_water(text, expected):
    assert classify_water(text) == expected


@pytest.mark.parametrize(("text", "matched", "kind", "source"), [
    ("Coca Cola", "Beverages, The COCA-COLA company, DASANI, water, bottled, non-carbonated", "", "matcher"),
    ("Voss water", "Water, bottled, generic", "unknown", "matcher"),
    ("Dannon spring water", "Beverages, water, bottled, non-carbonated, DANNON", "unknown", "matcher"),
    ("Tap water", "Beverages, carbonated, club soda", "tap", "matcher"),
    ("=water", "", "", "matcher"),  # formula-like texts never get a food
    # The user's correction says which water a line is, or that it is none.
    ("Water", "Beverages, water, bottled, PERRIER", "label", "correction"),
    ("Water", "Beverages, carbonated, club soda", "", "correction"),
])
def test_a_matched_water_food_makes_water_only_when_the_text_says_water(food_table, text, matched, kind, source):
    entries = pd.DataFrame({"row": [2], "date": [pd.Timestamp("2024-03-01")], "meal": [""], "food_text": [text],
                            "amount_text": ["250 ml"], "kind": ["food"], "status": ["used"],
                            "matched_food": [matched], "matched_food_id": pd.array([14555], dtype="Int64"),
                            "match_source": [source], "grams": [250.0], "grams_source": ["density"],
                            "grams_detail": [""], "nutrient_source": ["usda"], "reason": [""],
                            "is_supplement": [False]})
    out = resolve_water_lines(entries, food_table)
    assert out.loc[0, "water_kind"] == kind
    if kind == "tap":  # plain water is the SR28 tap-water food whatever the matcher chose
        assert out.loc[0, "matched_food_id"] == 14411


# -- water in the totals ------------------------------------------------------------

def _diary(*lines: str) -> bytes:
    return ("date,food,amount\n" + "\n".join(lines) + "\n").encode()


@pytest.fixture(scope="module")
def gerolsteiner(food_table):
    data = _diary("2024-03-01,1.5 L Gerolsteiner,", "2024-03-01,Tap water,500 ml",
                  f"2024-03-01,{WHOLE_MILK},250 g")
    return import_diary(data, "diary.csv", table=food_table)


def test_gerolsteiner_and_tap_water_give_the_hand_computed_minerals(gerolsteiner, food_table):
    tap = tap_water(calcium=80, magnesium=20)
    result = analyze(gerolsteiner.entries, food_table, PROFILE, water=WaterSettings(tap=tap))
    day = result.daily.iloc[0]
    # Water: 1.5 L x 348 + 0.5 L x 80 = 522 + 40 = 562 mg Ca; 1.5 x 108 + 0.5 x 20 = 162 + 10 = 172 mg Mg.
    # Milk (SR28 01077): 250 g x 113 / 100 = 282.5 mg Ca; 250 g x 10 / 100 = 25 mg Mg.
    assert day["calcium_mg_water"] == pytest.approx(562.0)
    assert day["magnesium_mg_water"] == pytest.approx(172.0)
    assert day["calcium_mg_food"] == pytest.approx(282.5)
    assert day["calcium_mg"] == pytest.approx(844.5)
    assert day["magnesium_mg"] == pytest.approx(197.0)
    # Sodium: the label gives 1.5 x 130 = 195 mg; the tap setting gives none, so that line's sodium is unknown.
    assert day["sodium_mg_water"] == pytest.approx(195.0)
    assert day["ca_mg_ratio"] == pytest.approx(844.5 / 197.0, rel=1e-3)
    sources = result.water.iloc[0]["water_sources"]
    assert "Gerolsteiner Sprudel label, 2023-06" in sources and "tap water (your setting)" in sources
    # Water supplied 172 / 197 = 87 % of the magnesium.
    assert any(note.startswith("Water supplied about 87 % of the magnesium") for note in result.water_notes)


def test_without_a_tap_setting_plain_water_is_unknown_not_the_usda_average(gerolsteiner, food_table):
    result = analyze(gerolsteiner.entries, food_table, PROFILE)
    tap_line = result.nutrients.loc[result.nutrients["food_text"] == "Tap water"].iloc[0]
    assert math.isnan(tap_line["calcium_mg"]) and math.isnan(tap_line["magnesium_mg"])
    assert math.isnan(tap_line["sodium_mg"])
    assert tap_line["energy_kcal"] == 0  # the rest still comes from SR28 tap water
    assert result.daily.iloc[0]["calcium_mg"] == pytest.approx(522 + 282.5)
    assert any("1 water line has no known calcium" in note for note in result.water_notes)


def test_daily_habit_adds_water_and_turning_it_off_restores_food_only_totals(food_table):
    entries = import_diary(_diary(f"2024-03-01,{WHOLE_MILK},250 g", f"2024-03-02,{WHOLE_MILK},100 g"),
                           "diary.csv", table=food_table).entries
    tap = tap_water(calcium=80, magnesium=20, sodium=10)
    on = analyze(entries, food_table, PROFILE, water=WaterSettings(tap=tap, habit_litres=1.5))
    # 1.5 L x 80 = 120 mg Ca and 1.5 x 20 = 30 mg Mg on every logged day.
    assert on.daily["calcium_mg"].tolist() == pytest.approx([282.5 + 120, 113 + 120])
    assert on.daily["magnesium_mg_water"].tolist() == pytest.approx([30, 30])
    assert on.daily["water_entries"].tolist() == [1, 1]
    habit = on.nutrients.loc[on.nutrients["food_text"] == "water (your setting)"]
    assert len(habit) == 2 and set(habit["calcium_mg_source"].astype(str)) == {"water (your setting)"}
    top = top_contributors(on.nutrients, "calcium_mg").set_index("food")
    assert top.loc["water (your setting)", "source"] == "water"
    assert top.loc["water (your setting)", "value"] == pytest.approx(240.0)  # 2 days x 120 mg
    assert top.loc["Milk, whole, 3.25% milkfat, with added vitamin D", "source"] == "food"
    off = analyze(entries, food_table, PROFILE, water=WaterSettings(tap=tap, habit_litres=None))
    assert off.daily["calcium_mg"].tolist() == pytest.approx([282.5, 113.0])
    assert off.daily["magnesium_mg"].tolist() == pytest.approx([25.0, 10.0])
    assert off.daily["calcium_mg_water"].isna().all()
    assert off.water_notes == []
    # Period means: (120 + 120) / 2 days from water; 0 from water once the habit is off.
    assert on.period.loc["calcium_mg", "mean_water"] == pytest.approx(120.0)
    assert off.period.loc["calcium_mg", "mean_water"] == 0.0


def test_habit_without_tap_values_adds_nothing_and_says_so(food_table):
    entries = import_diary(_diary(f"2024-03-01,{WHOLE_MILK},250 g"), "diary.csv", table=food_table).entries
    result = analyze(entries, food_table, PROFILE, water=WaterSettings(tap=None, habit_litres=2))
    assert result.daily["calcium_mg"].tolist() == pytest.approx([282.5])
    assert any("adds nothing" in note for note in result.water_notes)


def test_water_lines_are_left_out_of_food_coverage(gerolsteiner, food_table):
    result = analyze(gerolsteiner.entries, food_table, PROFILE)
    day = result.daily.iloc[0]
    assert day["food_entries"] == 1 and day["water_entries"] == 2
    assert day["calcium_mg_coverage_grams"] == pytest.approx(1.0)


def test_impossible_water_volume_is_held_back_like_any_amount(food_table):
    entries = import_diary(_diary("2024-03-01,Evian,6 L", "2024-03-01,Water,1 bottle"), "diary.csv",
                           table=food_table).entries
    assert entries["status"].tolist() == ["needs_amount", "needs_amount"]
    assert "more than 5 kg" in entries.loc[0, "reason"]


def test_unknown_brand_water_is_not_given_the_usda_bottled_average(food_table):
    entries = import_diary(_diary("2024-03-01,Acqua Panna water,500 ml"), "diary.csv", table=food_table).entries
    assert entries.loc[0, "water_kind"] == "unknown" and entries.loc[0, "status"] == "used"
    result = analyze(entries, food_table, PROFILE, water=WaterSettings(tap=tap_water(80, 20)))
    assert result.nutrients["calcium_mg"].isna().all()
    assert result.nutrients["water_source"].tolist() == ["water, minerals unknown"]


def test_export_rows_keep_their_values_without_a_setting_and_take_the_setting_with_one(food_table):
    entries = import_diary(_diary("2024-03-01,Water,250 ml"), "diary.csv", table=food_table).entries
    # As an export would give them: its own zero calcium and magnesium for the line.
    entries = entries.assign(nutrient_source="file", calcium_mg=0.0, magnesium_mg=0.0,
                             file_nutrients="calcium_mg;magnesium_mg")
    plain = analyze(entries, food_table, PROFILE)
    assert plain.nutrients["calcium_mg"].tolist() == [0.0]
    assert plain.nutrients["calcium_mg_source"].astype(str).tolist() == ["your export"]
    assert plain.nutrients["water_source"].astype(str).tolist() == ["your export"]
    assert not any("no known calcium" in note for note in plain.water_notes)
    set_ = analyze(entries, food_table, PROFILE, water=WaterSettings(tap=tap_water(80, 20)))
    assert set_.nutrients["calcium_mg"].tolist() == pytest.approx([20.0])  # 0.25 L x 80 mg/L


def test_daily_csv_says_how_much_came_from_water(gerolsteiner, food_table):
    result = analyze(gerolsteiner.entries, food_table, PROFILE,
                     water=WaterSettings(tap=tap_water(calcium=80, magnesium=20)))
    table = daily_csv_table(result.daily, result.water)
    assert list(table.columns[-3:]) == ["calcium_mg_water", "magnesium_mg_water", "water_sources"]
    assert table.loc[0, "calcium_mg_water"] == pytest.approx(562.0)
    assert table.loc[0, "water_sources"].startswith("Gerolsteiner Sprudel label")
    assert "water_sources" not in daily_csv_table(result.daily).columns


def test_a_diary_without_water_is_unchanged(food_table):
    entries = import_diary(_diary(f"2024-03-01,{WHOLE_MILK},250 g"), "diary.csv", table=food_table).entries
    result = analyze(entries, food_table, PROFILE)
    assert not result.nutrients["is_water"].any()
    assert result.water.empty and result.water_notes == []
    assert np.isnan(result.daily["calcium_mg_water"]).all()
    assert isinstance(result.water, pd.DataFrame)


def test_the_report_says_how_much_came_from_water_and_cites_the_label(gerolsteiner, food_table):
    from analyzer.report._report import build_report_html

    water = WaterSettings(tap=tap_water(calcium=80, magnesium=20))
    result = analyze(gerolsteiner.entries, food_table, PROFILE, water=water)
    page = build_report_html(gerolsteiner.entries, result.nutrients, result.all_daily, PROFILE,
                             reference=result.reference, water=water)
    assert "<h2>Water</h2>" in page
    assert "Water supplied about 87 % of the magnesium in this period" in page
    assert "Gerolsteiner Sprudel: Ca 348, Mg 108 mg/L (2023-06" in page and "PMC10384676" in page
    assert "562.0" in page  # calcium from water that day, mg
