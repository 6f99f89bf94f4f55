"""The cited reference tables in ``food_db/``: reference intakes, menaquinones, ratio ranges.

These files are data that users see as targets and per-food K2 values, so the tests
check what a user would notice: a wrong RDA for their age, an age that falls in a gap
between bands, a K2 value without a source, or a menaquinone row mapped to a food
that does not exist.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

FOOD_DB = Path(__file__).resolve().parents[1] / "food_db"
SR28_FOOD_DES = Path("/tmp/sr28/FOOD_DES.txt")
OPEN_END = 200.0

REFERENCE_COLUMNS = ["authority", "nutrient", "unit", "sex", "life_stage", "age_min", "age_max",
                     "rda", "ai", "ul", "cdrr", "source", "notes"]
MENAQUINONE_COLUMNS = ["food", "sr28_ids", "mk4_ug", "mk7_ug", "mk8_ug", "mk9_ug", "total_mk_ug", "k1_ug",
                       "k2_basis", "verified", "source", "notes"]
RATIO_COLUMNS = ["ratio", "low", "high", "unit", "label", "source", "notes"]

NUTRIENT_UNITS = {"calcium": "mg/d", "magnesium": "mg/d", "phosphorus": "mg/d", "sodium": "mg/d",
                  "vitamin_d": "ug/d", "vitamin_k": "ug/d"}
MK_FORMS = ["mk4_ug", "mk7_ug", "mk8_ug", "mk9_ug"]


def _read(name: str) -> pd.DataFrame:
    # keep_default_na=False + explicit na_values: only an empty cell is missing, "NA" is not sodium's symbol.
    return pd.read_csv(FOOD_DB / name, dtype={"sr28_ids": str}, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return _read("reference_intakes.csv")


@pytest.fixture(scope="module")
def menaquinones() -> pd.DataFrame:
    return _read("menaquinones.csv")


@pytest.fixture(scope="module")
def ratios() -> pd.DataFrame:
    return _read("ratio_ranges.csv")


def _ids(cell: object) -> list[str]:
    if not isinstance(cell, str) or not cell.strip():
        return []
    return [part.strip() for part in cell.split(";")]


def _lookup(reference: pd.DataFrame, authority: str, nutrient: str, sex: str, age: float,
            stage: str = "general") -> pd.Series:
    """The one row that applies to a person (sex-specific rows win over ``any``)."""
    rows = reference[(reference["authority"] == authority) & (reference["nutrient"] == nutrient)
                     & (reference["life_stage"] == stage) & reference["sex"].isin([sex, "any"])
                     & (reference["age_min"] <= age) & (age < reference["age_max"])]
    assert len(rows) == 1, f"{authority} {nutrient} {sex} age {age} {stage}: {len(rows)} rows apply"
    return rows.iloc[0]


# --------------------------------------------------------------------------- shape

@pytest.mark.parametrize(("filename", "columns"), [
    ("reference_intakes.csv", REFERENCE_COLUMNS),
    ("menaquinones.csv", MENAQUINONE_COLUMNS),
    ("ratio_ranges.csv", RATIO_COLUMNS),
])
def test_columns_are_exactly_the_contract(filename, columns):
    assert list(_read(filename).columns) == columns


@pytest.mark.parametrize("filename", ["reference_intakes.csv", "menaquinones.csv", "ratio_ranges.csv"])
def test_every_row_names_its_source(filename):
    table = _read(filename)
    sources = table["source"].fillna("").str.strip()
    assert not table.empty
    assert (sources.str.len() > 20).all(), table.loc[sources.str.len() <= 20]
    # A citation carries a year.
    assert sources.str.contains(r"(?:19|20)\d\d").all()


@pytest.mark.parametrize(("filename", "columns"), [
    ("reference_intakes.csv", ["age_min", "age_max", "rda", "ai", "ul", "cdrr"]),
    ("menaquinones.csv", [*MK_FORMS, "total_mk_ug", "k1_ug"]),
    ("ratio_ranges.csv", ["low", "high"]),
])
def test_numeric_columns_parse_and_are_not_negative(filename, columns):
    table = _read(filename)
    for column in columns:
        values = pd.to_numeric(table[column], errors="raise")
        assert (values.dropna() >= 0).all(), column


@pytest.mark.parametrize(("column", "allowed"), [
    ("authority", {"nasem", "efsa"}),
    ("nutrient", set(NUTRIENT_UNITS)),
    ("sex", {"F", "M", "any"}),
    ("life_stage", {"general", "pregnancy", "lactation"}),
])
def test_reference_keys_use_the_agreed_words(reference, column, allowed):
    assert set(reference[column]) <= allowed
    if column != "sex":
        assert set(reference[column]) == allowed


def test_units_match_the_nutrient(reference):
    assert (reference["unit"] == reference["nutrient"].map(NUTRIENT_UNITS)).all()


def test_pregnancy_and_lactation_rows_are_female(reference):
    staged = reference[reference["life_stage"] != "general"]
    assert set(staged["sex"]) == {"F"}


# --------------------------------------------------------------------------- age bands

def _bands(reference: pd.DataFrame):
    for (authority, nutrient, stage), group in reference.groupby(["authority", "nutrient", "life_stage"]):
        for sex in ("F", "M"):
            rows = group[group["sex"].isin([sex, "any"])].sort_values("age_min")
            if not rows.empty:
                yield f"{authority}/{nutrient}/{stage}/{sex}", stage, rows


def test_every_band_is_a_real_interval(reference):
    assert (reference["age_min"] < reference["age_max"]).all()
    assert reference["age_max"].max() == OPEN_END


def test_age_bands_neither_overlap_nor_leave_gaps(reference):
    for label, _stage, rows in _bands(reference):
        starts, ends = rows["age_min"].to_list(), rows["age_max"].to_list()
        for end, next_start in zip(ends[:-1], starts[1:], strict=True):
            assert next_start == end, f"{label}: band ending at {end} is followed by one starting at {next_start}"


def test_general_bands_cover_every_age(reference):
    for label, stage, rows in _bands(reference):
        if stage == "general":
            assert rows["age_min"].iloc[0] == 0, label
            assert rows["age_max"].iloc[-1] == OPEN_END, label


def test_pregnancy_and_lactation_cover_ages_14_to_50(reference):
    for label, stage, rows in _bands(reference):
        if stage != "general":
            assert (rows["age_min"].iloc[0], rows["age_max"].iloc[-1]) == (14, 51), label


# --------------------------------------------------------------------------- known values

NAN = math.nan


@pytest.mark.parametrize(("authority", "nutrient", "sex", "age", "stage", "column", "expected"), [
    ("nasem", "calcium", "F", 60, "general", "rda", 1200),
    ("nasem", "calcium", "F", 60, "general", "ul", 2000),
    ("nasem", "calcium", "M", 60, "general", "rda", 1000),
    ("nasem", "calcium", "M", 75, "general", "rda", 1200),
    ("nasem", "calcium", "F", 15, "general", "ul", 3000),
    ("nasem", "calcium", "M", 3.5, "general", "rda", 700),   # 1-3 y band runs until the 4th birthday
    ("nasem", "calcium", "M", 4, "general", "rda", 1000),
    ("nasem", "calcium", "F", 0.3, "general", "ai", 200),
    ("nasem", "vitamin_d", "M", 40, "general", "rda", 15),
    ("nasem", "vitamin_d", "F", 80, "general", "rda", 20),
    ("nasem", "vitamin_d", "F", 40, "general", "ul", 100),
    ("nasem", "vitamin_d", "M", 0.7, "general", "ul", 37.5),
    ("nasem", "vitamin_k", "M", 40, "general", "ai", 120),
    ("nasem", "vitamin_k", "M", 40, "general", "ul", NAN),
    ("nasem", "vitamin_k", "F", 40, "general", "ai", 90),
    ("nasem", "magnesium", "M", 25, "general", "rda", 400),
    ("nasem", "magnesium", "M", 35, "general", "rda", 420),
    ("nasem", "magnesium", "F", 25, "general", "rda", 310),
    ("nasem", "magnesium", "F", 45, "general", "ul", 350),
    ("nasem", "magnesium", "F", 25, "pregnancy", "rda", 350),
    ("nasem", "magnesium", "F", 35, "pregnancy", "rda", 360),
    ("nasem", "phosphorus", "F", 25, "general", "rda", 700),
    ("nasem", "phosphorus", "M", 12, "general", "rda", 1250),
    ("nasem", "phosphorus", "F", 75, "general", "ul", 3000),
    ("nasem", "phosphorus", "F", 30, "pregnancy", "ul", 3500),
    ("nasem", "sodium", "M", 40, "general", "ai", 1500),
    ("nasem", "sodium", "M", 40, "general", "cdrr", 2300),
    ("nasem", "sodium", "F", 2, "general", "cdrr", 1200),
    ("nasem", "sodium", "F", 6, "general", "cdrr", 1500),
    ("nasem", "sodium", "M", 10, "general", "cdrr", 1800),
    ("nasem", "sodium", "F", 16, "lactation", "cdrr", 2300),
    ("nasem", "sodium", "M", 40, "general", "ul", NAN),
    ("efsa", "calcium", "F", 20, "general", "rda", 1000),
    ("efsa", "calcium", "M", 30, "general", "rda", 950),
    ("efsa", "calcium", "M", 30, "general", "ul", 2500),
    ("efsa", "magnesium", "M", 40, "general", "ai", 350),
    ("efsa", "magnesium", "F", 40, "general", "ai", 300),
    ("efsa", "phosphorus", "F", 40, "general", "ai", 550),
    ("efsa", "vitamin_d", "M", 40, "general", "ai", 15),
    ("efsa", "vitamin_d", "M", 40, "general", "ul", 100),
    ("efsa", "vitamin_k", "F", 40, "general", "ai", 70),
    ("efsa", "vitamin_k", "F", 40, "general", "ul", NAN),
    ("efsa", "sodium", "M", 40, "general", "ai", 2000),
])
def test_known_reference_values(reference, authority, nutrient, sex, age, stage, column, expected):
    value = _lookup(reference, authority, nutrient, sex, age, stage)[column]
    if math.isnan(expected):
        assert pd.isna(value)
    else:
        assert value == pytest.approx(expected)


def test_nasem_magnesium_ul_says_it_concerns_supplements_only(reference):
    rows = reference[(reference["authority"] == "nasem") & (reference["nutrient"] == "magnesium")
                     & reference["ul"].notna()]
    assert not rows.empty
    assert rows["notes"].str.contains("supplements", case=False).all()
    assert rows["notes"].str.contains("not to magnesium in food", case=False).all()


@pytest.mark.parametrize("authority", ["nasem", "efsa"])
def test_vitamin_k_has_no_upper_level(reference, authority):
    rows = reference[(reference["authority"] == authority) & (reference["nutrient"] == "vitamin_k")]
    assert rows["ul"].isna().all()
    assert rows["rda"].isna().all()


def test_only_sodium_has_a_cdrr(reference):
    assert set(reference.loc[reference["cdrr"].notna(), "nutrient"]) == {"sodium"}
    assert reference.loc[reference["cdrr"].notna(), "authority"].eq("nasem").all()


def test_efsa_pri_is_explained_where_it_sits_in_the_rda_column(reference):
    rows = reference[(reference["authority"] == "efsa") & reference["rda"].notna()]
    assert not rows.empty
    assert rows["notes"].str.contains("PRI").all()


def test_upper_levels_are_above_the_targets(reference):
    # The magnesium UL counts supplements only, so it may sit below the RDA from food.
    rows = reference[reference["nutrient"] != "magnesium"]
    target = rows[["rda", "ai"]].max(axis=1)
    both = rows["ul"].notna() & target.notna()
    assert (rows.loc[both, "ul"] > target[both]).all()
    with_cdrr = rows["cdrr"].notna()
    assert (rows.loc[with_cdrr, "cdrr"] > rows.loc[with_cdrr, "ai"]).all()


def test_each_row_states_a_target_or_says_why_not(reference):
    no_target = reference[reference[["rda", "ai"]].isna().all(axis=1)]
    assert no_target["notes"].str.contains("no reference value|no AI", case=False).all(), no_target


# --------------------------------------------------------------------------- menaquinones

def test_menaquinone_table_has_enough_analysed_foods(menaquinones):
    assert len(menaquinones) >= 12
    assert menaquinones["food"].is_unique
    assert menaquinones["total_mk_ug"].notna().all()


@pytest.mark.parametrize("food", ["natto", "hard cheese", "soft cheese", "cheddar", "egg yolk", "butter",
                                  "whole milk", "chicken", "beef", "goose liver", "sauerkraut"])
def test_required_foods_are_present(menaquinones, food):
    assert menaquinones["food"].str.contains(food, case=False).any()


def test_natto_is_mostly_mk7_and_by_far_the_richest(menaquinones):
    natto = menaquinones[menaquinones["food"].str.contains("natto", case=False)].iloc[0]
    assert natto["mk7_ug"] >= 500
    assert natto["mk7_ug"] > 0.8 * natto["total_mk_ug"]
    assert natto["total_mk_ug"] == menaquinones["total_mk_ug"].max()


def test_total_is_at_least_the_sum_of_known_forms(menaquinones):
    known = menaquinones[MK_FORMS].sum(axis=1, min_count=1)
    has_forms = known.notna()
    assert (menaquinones.loc[has_forms, "total_mk_ug"] >= known[has_forms] - 1e-9).all()


def test_unknown_forms_are_empty_not_zero(menaquinones):
    # A zero claims 'not detected'; it must be said in the notes.
    for _, row in menaquinones.iterrows():
        if (row[MK_FORMS] == 0).any():
            assert "not detected" in row["notes"], row["food"]


def test_sr28_ids_are_five_digits_and_used_once(menaquinones):
    ids = [food_id for cell in menaquinones["sr28_ids"] for food_id in _ids(cell)]
    assert ids, "no row is mapped to SR28"
    assert all(len(food_id) == 5 and food_id.isdigit() for food_id in ids), ids
    duplicated = sorted({food_id for food_id in ids if ids.count(food_id) > 1})
    assert not duplicated


def test_unmapped_rows_say_why(menaquinones):
    unmapped = menaquinones[menaquinones["sr28_ids"].apply(_ids).str.len() == 0]
    assert unmapped["notes"].str.contains("Not mapped", case=False).all()


@pytest.mark.parametrize(("food_id", "row_food"), [
    ("16113", "Natto"),
    ("01009", "Cheddar cheese (US)"),
    ("01012", "Cottage cheese (US"),
    ("01022", "Hard cheese"),
    ("01006", "Soft cheese"),
    ("01125", "Egg yolk"),
    ("01001", "Butter"),
    ("01077", "Whole milk (US"),
    ("05062", "Chicken breast"),
    ("05080", "Chicken leg"),
    ("05282", "Goose liver"),
    ("11439", "Sauerkraut"),
])
def test_sr28_food_gets_the_expected_row(menaquinones, food_id, row_food):
    holders = menaquinones[menaquinones["sr28_ids"].apply(lambda cell: food_id in _ids(cell))]
    assert holders["food"].str.startswith(row_food).tolist() == [True]


def _sr28_food_ids() -> set[str]:
    try:
        import food_db
        from food_db.errors import FoodDatabaseError
    except ImportError:
        food_db = None
    if food_db is not None:
        try:
            return {f"{food_id:05d}" for food_id in food_db.load().foods.index}
        except FoodDatabaseError:
            pass  # not built yet: fall back to the raw SR28 file
    if SR28_FOOD_DES.is_file():
        des = pd.read_csv(SR28_FOOD_DES, sep="^", quotechar="~", encoding="latin-1", header=None,
                          usecols=[0], dtype=str)
        return set(des[0])
    pytest.skip("neither the built food database nor /tmp/sr28/FOOD_DES.txt is available")


def test_every_sr28_id_exists(menaquinones):
    known = _sr28_food_ids()
    ids = {food_id for cell in menaquinones["sr28_ids"] for food_id in _ids(cell)}
    assert ids - known == set()


# --------------------------------------------------------------------------- ratios

def test_calcium_magnesium_range_is_cited_as_observational(ratios):
    row = ratios[ratios["ratio"] == "calcium_magnesium"]
    assert len(row) == 1
    row = row.iloc[0]
    assert 1 < row["low"] < row["high"] < 4
    assert "observational" in row["notes"]
    assert "not a clinical target" in row["notes"]
    assert "Am J Clin Nutr 2007" in row["source"]


@pytest.mark.parametrize(("cited", "what"), [
    ("Adv Nutr 2016", "(the range 1.7-2.8)"),
    ("Am J Clin Nutr 2007", "(study median 2.78)"),
    ("BMJ Open 2013", "(1.7)"),
    ("PMC8264923", "2.5 and 2.6"),
])
def test_each_ratio_source_is_cited_for_what_it_says(ratios, cited, what):
    source = ratios.set_index("ratio").loc["calcium_magnesium", "source"]
    for part in source.split("; "):
        if cited in part:
            assert what in part
            break
    else:
        pytest.fail(f"{cited} is not cited")


def test_ratio_notes_do_not_state_the_range_as_a_fact(ratios):
    row = ratios.set_index("ratio").loc["calcium_magnesium"]
    assert "commonly cited" not in row["notes"] and "favourable" not in row["notes"]
    assert "study-specific cut points" in row["notes"]
    assert "observational" in row["label"] and "not a clinical target" in row["label"]


def test_k2_rule_text_is_attributed_and_called_an_estimate():
    rules = _read("k2_rules.csv")
    assert not rules["rule_text"].str.contains("essentially none").any()
    assert rules["rule_text"].str.contains("Booth 2012").all()
    assert rules["basis"].str.startswith("Estimate by rule, not measured").all()


def test_menaquinone_rows_say_what_they_count_and_whether_checked(menaquinones):
    assert menaquinones["k2_basis"].str.contains(r"MK-\d", regex=True).all()
    assert set(menaquinones["verified"]) <= {"yes", "no"}
    unread = menaquinones[menaquinones["verified"] == "no"]
    assert unread["notes"].str.contains("Primary table not read").all()
