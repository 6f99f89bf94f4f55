"""Reference intakes: target choice, UL rules (Mg supplements only, no K UL), sodium CDRR."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analyzer.analysis._reference import Profile, compare_daily, compare_ratio, reference_summary, target_of, ul_basis

NAN = float("nan")
COLUMNS = ["nutrient", "unit", "rda", "ai", "ul", "cdrr", "source", "notes"]

# Hand-built reference rows for three profiles (values as published, abridged).
WOMAN_31_NASEM = pd.DataFrame([
    ["calcium", "mg/d", 1000, NAN, 2500, NAN, "NASEM 2011", ""],
    ["magnesium", "mg/d", 310, NAN, 350, NAN, "IOM 1997", "UL: supplements only"],
    ["phosphorus", "mg/d", 700, NAN, 4000, NAN, "IOM 1997", ""],
    ["sodium", "mg/d", NAN, 1500, NAN, 2300, "NASEM 2019", ""],
    ["vitamin_d", "ug/d", 15, NAN, 100, NAN, "NASEM 2011", ""],
    ["vitamin_k", "ug/d", NAN, 90, NAN, NAN, "IOM 2001", ""],
], columns=COLUMNS)
MAN_40_EFSA = pd.DataFrame([
    ["calcium", "mg/d", 950, NAN, 2500, NAN, "EFSA 2015", ""],
    ["magnesium", "mg/d", NAN, 350, 250, NAN, "EFSA 2015", ""],
    ["vitamin_k", "ug/d", NAN, 70, "ND", NAN, "EFSA 2017", ""],
], columns=COLUMNS)
INFANT_NASEM = pd.DataFrame([
    ["calcium", "mg/d", NAN, 200, 1000, NAN, "NASEM 2011", ""],
    ["vitamin_d", "ug/d", NAN, 10, 25, NAN, "NASEM 2011", ""],
], columns=COLUMNS)
GRAMS = pd.DataFrame([["phosphorus", "g/d", 0.7, NAN, 4, NAN, "IOM", ""]], columns=COLUMNS)


@pytest.mark.parametrize(("reference", "nutrient", "target", "kind"), [
    (WOMAN_31_NASEM, "calcium", 1000.0, "RDA"),
    (WOMAN_31_NASEM, "sodium", 1500.0, "AI"),
    (WOMAN_31_NASEM, "vitamin_k", 90.0, "AI"),
    (MAN_40_EFSA, "calcium", 950.0, "RDA"),
    (MAN_40_EFSA, "magnesium", 350.0, "AI"),
    (INFANT_NASEM, "calcium", 200.0, "AI"),
    (INFANT_NASEM, "vitamin_d", 10.0, "AI"),
])
def test_target_is_rda_else_ai(reference, nutrient, target, kind):
    row = reference.set_index("nutrient").loc[nutrient]
    assert target_of(row) == (target, kind)


@pytest.mark.parametrize(("nutrient", "basis"), [
    ("calcium", "total"), ("magnesium", "supplements"), ("vitamin_k", "none"), ("vitamin_d", "total"),
])
def test_ul_basis(nutrient, basis):
    assert ul_basis(nutrient) == basis


def daily(**columns) -> pd.DataFrame:
    index = pd.date_range("2024-01-01", periods=len(next(iter(columns.values()))), name="date")
    frame = pd.DataFrame(columns, index=index)
    for key in ("calcium_mg", "magnesium_mg", "phosphorus_mg", "sodium_mg", "vitamin_d_ug", "vitamin_k1_ug"):
        if key not in frame:
            frame[key] = NAN
        if f"{key}_supplement" not in frame:
            frame[f"{key}_supplement"] = NAN
    return frame


def test_percent_of_target_per_day_and_missing_days_stay_missing():
    result = compare_daily(daily(calcium_mg=[500.0, NAN, 1200.0]), WOMAN_31_NASEM)
    assert result["calcium_mg_pct"].iloc[0] == pytest.approx(50.0)
    assert math.isnan(result["calcium_mg_pct"].iloc[1])
    assert result["calcium_mg_pct"].iloc[2] == pytest.approx(120.0)


def test_magnesium_ul_compares_supplement_magnesium_only():
    frame = daily(magnesium_mg=[600.0, 500.0], magnesium_mg_supplement=[100.0, 400.0])
    result = compare_daily(frame, WOMAN_31_NASEM)
    assert result["magnesium_mg_above_ul"].tolist() == [False, True]


def test_efsa_magnesium_ul_is_also_supplements_only():
    frame = daily(magnesium_mg=[600.0, 500.0], magnesium_mg_supplement=[200.0, 300.0])
    assert compare_daily(frame, MAN_40_EFSA)["magnesium_mg_above_ul"].tolist() == [False, True]


def test_vitamin_k_has_no_ul_and_sodium_uses_cdrr():
    frame = daily(vitamin_k1_ug=[5000.0], sodium_mg=[3000.0])
    result = compare_daily(frame, WOMAN_31_NASEM)
    assert "vitamin_k1_ug_above_ul" not in result
    assert "sodium_mg_above_ul" not in result
    assert result["sodium_mg_above_cdrr"].tolist() == [True]


def test_calcium_ul_counts_food_and_supplements():
    result = compare_daily(daily(calcium_mg=[2600.0, 2400.0]), WOMAN_31_NASEM)
    assert result["calcium_mg_above_ul"].tolist() == [True, False]


def test_reference_in_grams_is_scaled_to_mg():
    result = reference_summary(daily(phosphorus_mg=[1400.0]), GRAMS)
    assert result.loc["phosphorus_mg", "target"] == pytest.approx(700.0)
    assert result.loc["phosphorus_mg", "pct_of_target"] == pytest.approx(200.0)
    assert result.loc["phosphorus_mg", "ul"] == pytest.approx(4000.0)


def test_summary_for_the_period():
    frame = daily(calcium_mg=[800.0, 1000.0, NAN], sodium_mg=[2000.0, 2500.0, 3000.0],
                  magnesium_mg=[300.0, 320.0, 340.0], magnesium_mg_supplement=[NAN, 400.0, NAN])
    summary = reference_summary(frame, WOMAN_31_NASEM)
    assert summary.loc["calcium_mg", "pct_of_target"] == pytest.approx(90.0)
    assert summary.loc["calcium_mg", "days_with_data"] == 2
    assert summary.loc["sodium_mg", "days_above_cdrr"] == 2
    assert summary.loc["magnesium_mg", "days_above_ul"] == 1
    assert summary.loc["magnesium_mg", "ul_basis"] == "supplements"
    assert summary.loc["vitamin_k1_ug", "ul_basis"] == "none"
    assert math.isnan(summary.loc["vitamin_k1_ug", "ul"])
    assert summary.loc["calcium_mg", "source"] == "NASEM 2011"


RANGES = pd.DataFrame({"low": [1.7], "high": [2.6], "unit": ["mass"], "source": ["A review 2020"],
                       "notes": [""]}, index=pd.Index(["ca:mg"], name="ratio"))


@pytest.mark.parametrize(("value", "position"), [
    (1.2, "below"), (1.7, "within"), (2.0, "within"), (2.6, "within"), (3.5, "above"), (NAN, "unknown"),
])
def test_ratio_against_range(value, position):
    placed = compare_ratio(value, RANGES, "ca_mg_ratio")
    assert placed["position"] == position
    assert placed["source"] == "A review 2020"


@pytest.mark.parametrize("name", ["calcium_magnesium", "Ca:Mg", "ca_mg_ratio", "calcium/magnesium ratio"])
def test_ratio_names_in_the_range_table(name):
    ranges = RANGES.rename(index={"ca:mg": name})
    assert compare_ratio(2.0, ranges, "ca_mg_ratio")["position"] == "within"
    assert compare_ratio(2.0, ranges, "ca_p_ratio")["position"] == "no range"


def test_shipped_range_table_has_the_ca_mg_range():
    from analyzer.analysis._ratios import load_ratio_ranges

    placed = compare_ratio(2.0, load_ratio_ranges(), "ca_mg_ratio")
    assert placed["position"] == "within"
    assert placed["source"]


def test_ratio_without_range():
    assert compare_ratio(2.0, RANGES, "ca_p_ratio")["position"] == "no range"


def test_profile_rejects_unknown_authority():
    with pytest.raises(ValueError):
        Profile(age=30, sex="female", authority="who")


@pytest.mark.parametrize(("profile", "key", "target", "kind", "ul_basis_expected"), [
    (Profile(31, "female"), "calcium_mg", 1000.0, "RDA", "total"),
    (Profile(31, "female"), "magnesium_mg", 320.0, "RDA", "supplements"),
    (Profile(25, "female", pregnant=True), "magnesium_mg", 350.0, "RDA", "supplements"),
    (Profile(31, "male", authority="efsa"), "magnesium_mg", 350.0, "AI", "supplements"),
    (Profile(0.3, "male"), "calcium_mg", 200.0, "AI", "total"),
    (Profile(31, "female"), "vitamin_k1_ug", 90.0, "AI", "none"),
])
def test_with_the_shipped_reference_table(food_table, profile, key, target, kind, ul_basis_expected):
    from analyzer.analysis._reference import load_reference

    summary = reference_summary(daily(calcium_mg=[500.0]), load_reference(profile))
    assert (summary.loc[key, "target"], summary.loc[key, "target_kind"]) == (target, kind)
    assert summary.loc[key, "ul_basis"] == ul_basis_expected


# --- what a UL covers depends on the authority (food_db/ul_scope.csv) ------------------------------

def _with_authority(reference: pd.DataFrame, authority: str) -> pd.DataFrame:
    return reference.assign(authority=authority)


@pytest.mark.parametrize(("authority", "parts", "applies_to"), [
    ("nasem", ("supplement",), "supplements and medicines only"),
    ("efsa", ("supplement", "water", "fortified"), "supplements, water and fortified foods and drinks"),
])
def test_magnesium_ul_scope_depends_on_the_authority(authority, parts, applies_to):
    from analyzer.analysis._reference import ul_scope

    scope = ul_scope("magnesium", authority)
    assert scope.compared_with == "supplements"
    assert scope.intake_parts == parts
    assert scope.applies_to == applies_to
    assert scope.source


def test_efsa_magnesium_ul_counts_water_when_the_diary_records_it():
    frame = daily(magnesium_mg=[600.0, 600.0], magnesium_mg_supplement=[200.0, 200.0],
                  magnesium_mg_water=[0.0, 60.0])
    efsa = compare_daily(frame, _with_authority(MAN_40_EFSA, "efsa"))
    assert efsa["magnesium_mg_above_ul"].tolist() == [False, True]      # 200 vs 260 against 250
    nasem = compare_daily(frame, _with_authority(WOMAN_31_NASEM, "nasem"))
    assert nasem["magnesium_mg_above_ul"].tolist() == [False, False]    # water is outside NASEM's UL


def test_a_supplement_only_ul_is_never_compared_with_total_intake():
    from analyzer.analysis._reference import ul_intake, ul_scope

    frame = daily(magnesium_mg=[900.0], magnesium_mg_supplement=[NAN])
    for authority in ("nasem", "efsa"):
        compared, missing = ul_intake(frame, "magnesium_mg", ul_scope("magnesium", authority))
        assert not compared.equals(frame["magnesium_mg"])
        assert math.isnan(compared.iloc[0])
    assert compare_daily(frame, _with_authority(MAN_40_EFSA, "efsa"))["magnesium_mg_above_ul"].tolist() == [False]
    _, missing = ul_intake(frame, "magnesium_mg", ul_scope("magnesium", "efsa"))
    assert missing == ("water", "fortified")


def test_summary_notes_say_what_is_compared():
    frame = daily(magnesium_mg=[300.0], magnesium_mg_supplement=[100.0])
    efsa = reference_summary(frame, _with_authority(MAN_40_EFSA, "efsa")).loc["magnesium_mg"]
    assert "water" in efsa["ul_note"] and "fortified foods" in efsa["ul_note"]
    assert "not total intake" in efsa["ul_note"]
    nasem = reference_summary(frame, _with_authority(WOMAN_31_NASEM, "nasem")).loc["magnesium_mg"]
    assert "supplements and medicines only" in nasem["ul_note"]
    assert "fortified" not in nasem["ul_note"]


def test_every_ul_in_the_reference_table_has_a_scope():
    from analyzer.analysis._reference import UL_SCOPE_PATH, ul_scope

    reference = pd.read_csv(UL_SCOPE_PATH.parent / "reference_intakes.csv")
    with_ul = reference[reference["ul"].notna()][["authority", "nutrient"]].drop_duplicates()
    for authority, nutrient in with_ul.itertuples(index=False):
        assert ul_scope(nutrient, authority).compared_with in ("total", "supplements"), (authority, nutrient)
    assert pd.read_csv(UL_SCOPE_PATH)["source"].str.contains(r"(?:19|20)\d\d").all()


def test_shipped_ca_mg_range_has_a_band_label_naming_its_nature():
    from analyzer.analysis._ratios import load_ratio_ranges

    placed = compare_ratio(2.0, load_ratio_ranges(), "ca_mg_ratio")
    assert placed["label"] == "1.7–2.8: observational cut points (Rosanoff 2016), not a clinical target"
