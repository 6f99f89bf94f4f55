"""The food database: SR28 parsing, the K2 layer, measures, and build failures."""

from __future__ import annotations

import math
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import food_db
from food_db import MalformedSourceError, SourceError
from food_db._build import build
from food_db._load import load
from food_db._source import SOURCE

TINY = Path(__file__).parent / "data" / "sr28_tiny"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A database built offline from a hand-picked SR28-format fixture (9 foods)."""
    target = tmp_path_factory.mktemp("tiny") / "food.sqlite"
    build(TINY, target=target)
    return load(target)


def test_tiny_build_has_every_food_and_measure(tiny):
    assert len(tiny.foods) == 9
    assert len(tiny.measures) == len((TINY / "WEIGHT.txt").read_text("latin-1").splitlines())
    assert tiny.meta["sr28_source"].startswith("directory ")


@pytest.mark.parametrize(("food_id", "column", "expected"), [
    (1009, "calcium_mg", 710.0),          # Cheese, cheddar
    (1009, "vitamin_d_ug", 0.6),          # nutrient 328 (µg) preferred over 324 (IU)
    (1123, "magnesium_mg", 12.0),         # Egg, whole, raw, fresh
    (11233, "vitamin_k1_ug", 704.8),      # Kale, raw
    (11233, "vitamin_d_ug", 0.0),         # a real zero stays zero
    (16613, "vitamin_d_ug", 10 / 40),     # only IU given: IU / 40
])
def test_tiny_values_match_the_sr28_text(tiny, food_id, column, expected):
    assert tiny.foods.loc[food_id, column] == pytest.approx(expected)


def test_missing_value_is_nan_not_zero(tiny):
    salmon = tiny.foods.loc[15076]  # Fish, salmon, Atlantic, wild, raw: no vitamin D or K in SR28
    assert math.isnan(salmon["vitamin_d_ug"])
    assert math.isnan(salmon["vitamin_k1_ug"])


def test_usda_mk4_of_the_food_itself_beats_a_papers_generic_mk4(food_table):
    # Whipped butter: USDA measured 20.9 µg MK-4; the paper's butter row reports MK-4 only.
    assert food_table.foods.loc[1002, "k2_status"] == "measured_usda"
    assert food_table.foods.loc[1002, "vitamin_k2_ug"] == pytest.approx(20.9)
    # Cheddar: Fu et al. 2017 measured MK-4 to MK-13 in US cheddar (28.2 µg/100 g), USDA only MK-4 (8.6).
    assert food_table.foods.loc[1009, "k2_status"] == "measured_paper"
    assert food_table.foods.loc[1009, "vitamin_k2_ug"] == pytest.approx(28.2)


def test_k2_layers_paper_usda_rule(tiny):
    foods = tiny.foods
    assert foods.loc[16113, "k2_status"] == "measured_paper"      # natto
    assert foods.loc[16113, "k2_mk7_ug"] == pytest.approx(775)    # Tsukamoto et al. 2000, MK-7 only
    assert "Tsukamoto" in foods.loc[16113, "k2_source"]
    assert foods.loc[16113, "k2_basis"] == "MK-7 only, Tsukamoto et al. 2000"
    assert foods.loc[11233, "k2_status"] == "rule_estimate"       # kale: plant food, not fermented
    assert foods.loc[11233, "vitamin_k2_ug"] == 0.0
    assert foods.loc[11233, "k2_source"].startswith("Rule plant_unfermented")
    assert "not measured" in foods.loc[11233, "k2_basis"]
    assert foods.loc[15076, "k2_status"] == "unknown"             # salmon: nobody measured it
    assert math.isnan(foods.loc[15076, "vitamin_k2_ug"])


def test_measures_in_usda_order(tiny):
    egg = tiny.measures_of(1123)
    assert list(egg["seq"]) == sorted(egg["seq"])
    large = egg[egg["description"] == "large"].iloc[0]
    assert (large["amount"], large["grams"]) == (1.0, 50.0)
    assert tiny.measures_of(99999).empty


def test_nutrient_values_table_keeps_a_source_per_value(tiny):
    con = sqlite3.connect(tiny.path)
    rows = dict(con.execute("SELECT nutrient, source FROM nutrient_values WHERE food_id = 16613").fetchall())
    con.close()
    assert rows["vitamin_d_ug"] == "USDA SR28 nutrient 324 / 40"
    assert rows["calcium_mg"] == "USDA SR28 nutrient 301"


# --- the real archive ----------------------------------------------------------------------------

@pytest.mark.parametrize(("food_id", "column", "nutr_no"), [
    (1009, "calcium_mg", "301"), (1077, "calcium_mg", "301"), (11233, "magnesium_mg", "304"),
    (12061, "magnesium_mg", "304"), (15076, "sodium_mg", "307"), (20040, "phosphorus_mg", "305"),
    (13000, "energy_kcal", "208"), (9040, "vitamin_k1_ug", "430"), (5062, "k2_mk4_ug", "428"),
    (1123, "vitamin_d_ug", "328"),
])
def test_real_database_matches_the_official_text(food_table, food_id, column, nutr_no):
    archive = food_db.cache_dir() / "downloads" / SOURCE["archive_name"]
    if not archive.exists():
        pytest.skip("built from a folder, not from the archive")
    from food_db._source import read_archive
    text = read_archive(archive)["NUT_DATA.txt"].decode("latin-1")
    needle = f"~{food_id:05d}~^~{nutr_no}~^"
    line = next(line for line in text.splitlines() if line.startswith(needle))
    official = float(line.split("^")[2])
    assert food_table.foods.loc[food_id, column] == pytest.approx(official)


def test_real_database_counts(food_table):
    sr28 = food_table.foods.index[food_table.foods["source"] == "sr28"]
    assert len(sr28) == 8789
    sr28_measures = food_table.measures[food_table.measures["food_id"].isin(sr28)]
    assert (sr28_measures["estimated_from"] == "").sum() == 15438          # SR28's own WEIGHT.txt rows
    # The rest are cups borrowed by SR28 foods weighed only by weight, and sizes borrowed by SR28 foods
    # weighing none of that size (pink grapefruit: 09111's large, medium and small), each saying so.
    borrowed = sr28_measures.loc[sr28_measures["estimated_from"] != "", "estimated_from"]
    assert (borrowed.str.startswith("volume measure of the closest food")
            | borrowed.str.startswith("size of the SR28 food naming all its words")).all()
    assert borrowed.str.startswith("size of").sum() == 16   # 3 x 2 grapefruit, 3 x 2 boiled potatoes, 4 others
    assert food_table.foods["k2_status"].eq("measured_usda").sum() > 500
    assert food_table.foods["k2_status"].eq("measured_paper").sum() >= 15
    assert set(food_table.foods["k2_status"]) == {"measured_paper", "measured_usda", "rule_estimate", "unknown"}


# --- failures --------------------------------------------------------------------------------------

def _copy_tiny(tmp_path: Path) -> Path:
    folder = tmp_path / "sr28"
    shutil.copytree(TINY, folder)
    return folder


@pytest.mark.parametrize(("file", "mangle", "message"), [
    ("NUT_DATA.txt", lambda t: t[: len(t) // 2], "truncated"),               # cut inside a quoted field
    ("NUT_DATA.txt", lambda t: t[: t.index("^", len(t) // 2)], "truncated file"),  # cut after a field
    ("WEIGHT.txt", lambda t: t.replace("^50^", "^fifty^", 1), "not a number"),
    ("FOOD_DES.txt", lambda t: "", "empty"),
])
def test_malformed_files_fail_with_one_line_and_leave_no_database(tmp_path, file, mangle, message):
    folder = _copy_tiny(tmp_path)
    path = folder / file
    path.write_text(mangle(path.read_text("latin-1")), "latin-1")
    target = tmp_path / "out" / "food.sqlite"
    with pytest.raises(MalformedSourceError, match=message) as info:
        build(folder, target=target)
    assert "\n" not in str(info.value) and file in str(info.value)
    assert not target.exists()
    assert not list(target.parent.glob("*.tmp-*")) if target.parent.exists() else True


def test_missing_file_is_a_source_error(tmp_path):
    folder = _copy_tiny(tmp_path)
    (folder / "WEIGHT.txt").unlink()
    with pytest.raises(SourceError, match=r"WEIGHT\.txt"):
        build(folder, target=tmp_path / "food.sqlite")


def test_checksum_mismatch_is_refused(tmp_path):
    fake = tmp_path / SOURCE["archive_name"]
    fake.write_bytes(b"not the real archive")
    with pytest.raises(SourceError, match="sha256"):
        build(archive=fake, target=tmp_path / "food.sqlite")
    assert not (tmp_path / "food.sqlite").exists()


def test_failed_rebuild_keeps_the_old_database(tmp_path):
    target = tmp_path / "food.sqlite"
    build(TINY, target=target)
    before = target.read_bytes()
    folder = _copy_tiny(tmp_path)
    (folder / "NUT_DATA.txt").write_text("~01009~^~301~^oops^", "latin-1")
    with pytest.raises(MalformedSourceError):
        build(folder, target=target)
    assert target.read_bytes() == before


def test_cli_reports_errors_in_one_line_with_exit_code_2(tmp_path):
    env = {"MINERALOG_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "food_db", "build", "--sr28", str(tmp_path / "nowhere")],
                            capture_output=True, text=True, env=env, cwd=Path(__file__).parents[1])
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]  # progress lines come first
    assert last.startswith("error: ") and "nowhere" in last and "is not a folder" in last
    assert "Traceback" not in result.stderr


def test_cli_search_and_info(food_table):
    run = [sys.executable, "-m", "food_db"]
    search = subprocess.run(run + ["search", "cheddar", "--limit", "3"], capture_output=True, text=True,
                            cwd=Path(__file__).parents[1])
    assert search.returncode == 0 and "01009  Cheese, cheddar" in search.stdout
    info = subprocess.run(run + ["info"], capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert '"foods_sr28": "8789"' in info.stdout and '"foods_per_source"' in info.stdout


def test_load_without_database_says_what_to_do(tmp_path):
    with pytest.raises(food_db.NotBuiltError, match="python -m food_db build"):
        load(tmp_path / "absent.sqlite")


def test_reference_intakes_pick_the_life_stage(food_table):
    woman = food_db.reference_intakes(60, "F").set_index("nutrient")
    assert woman.loc["calcium", "rda"] == 1200
    man = food_db.reference_intakes(40, "M").set_index("nutrient")
    assert man.loc["vitamin_k", "ai"] == 120 and pd.isna(man.loc["vitamin_k", "ul"])
    pregnant = food_db.reference_intakes(30, "F", pregnant=True).set_index("nutrient")
    assert pregnant.loc["magnesium", "rda"] == 350
    efsa = food_db.reference_intakes(40, "F", authority="efsa").set_index("nutrient")
    assert efsa.loc["calcium", "rda"] == 950
    assert set(woman.index) >= {"calcium", "magnesium", "phosphorus", "sodium", "vitamin_d", "vitamin_k"}



def _same_tables(one, other) -> None:
    for name in ("foods", "measures", "reference", "menaquinones", "ratio_ranges"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(other, name))
    assert one.meta == other.meta


@pytest.fixture
def tiny_copy(tmp_path):
    """A freshly built tiny database of its own, and load's cache cleared around it."""
    target = tmp_path / "food.sqlite"
    build(TINY, target=target)
    load.cache_clear()
    yield target
    load.cache_clear()


def test_a_loaded_database_is_read_back_from_its_snapshot(tiny_copy, monkeypatch):
    first = load(tiny_copy)
    assert len(list(tiny_copy.parent.glob("food.sqlite.*.snapshot.pickle"))) == 1
    load.cache_clear()

    def no_sqlite(con):
        raise AssertionError("the tables were read from SQLite again")

    monkeypatch.setattr("food_db._load._read_tables", no_sqlite)
    _same_tables(load(tiny_copy), first)


def test_a_changed_database_is_read_afresh_not_from_its_old_snapshot(tiny_copy):
    load(tiny_copy)
    load.cache_clear()
    with sqlite3.connect(tiny_copy) as con:
        con.execute("UPDATE foods SET description = 'Cheese, changed' WHERE food_id = 1009")
    con.close()
    assert load(tiny_copy).foods.loc[1009, "description"] == "Cheese, changed"
    assert len(list(tiny_copy.parent.glob("food.sqlite.*.snapshot.pickle"))) == 1  # the old one is gone


def test_a_damaged_snapshot_is_passed_over(tiny_copy):
    first = load(tiny_copy)
    load.cache_clear()
    for snapshot in tiny_copy.parent.glob("food.sqlite.*.snapshot.pickle"):
        snapshot.write_bytes(b"not a pickle")
    _same_tables(load(tiny_copy), first)
