"""The command line contract: columns, exit codes, one-line errors, safe CSV."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analyzer._cli import main
from analyzer.analysis._analysis import ENTRY_CSV_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
DIARIES = Path(__file__).parent / "data" / "diaries"
DAILY_COLUMNS = ["date", "energy_kcal", "calcium_mg", "magnesium_mg", "phosphorus_mg", "sodium_mg",
                 "vitamin_d_ug", "vitamin_k1_ug", "vitamin_k2_ug", "ca_mg_ratio"]


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", dtype={"date": str})


@pytest.fixture
def diary(tmp_path) -> Path:
    path = tmp_path / "diary.csv"
    path.write_text("date,food,amount,unit\n"
                    "2024-03-01,Cheddar cheese,100,g\n"
                    "2024-03-01,Almonds,28,g\n"
                    "2024-03-02,Kale raw,100,g\n"
                    "2024-03-02,=HYPERLINK(\"http://x\"),1,cup\n", encoding="utf-8")
    return path


def test_totals_writes_the_contract_columns(diary, tmp_path, food_table):
    out, entries = tmp_path / "daily.csv", tmp_path / "entries.csv"
    assert main(["totals", str(diary), "--out", str(out), "--entries", str(entries)]) == 0
    daily = _read(out)
    assert list(daily.columns[:10]) == DAILY_COLUMNS
    nutrients = DAILY_COLUMNS[1:-1]
    assert all(f"{key}_coverage" in daily.columns for key in nutrients)
    assert list(daily["date"]) == ["2024-03-01", "2024-03-02"]
    # Hand-checked from SR28 per 100 g: cheddar 710 mg Ca, almonds 269 mg Ca.
    assert daily.loc[0, "calcium_mg"] == pytest.approx(710 + 269 * 0.28, rel=1e-3)
    rows = _read(entries)
    assert list(rows.columns) == list(ENTRY_CSV_COLUMNS)
    assert list(rows["row"]) == [2, 3, 4, 5]


def test_a_period_says_how_many_entries_it_leaves_out(diary, tmp_path, food_table, capsys):
    """With --start/--end the totals cover the period only; entries.csv still lists every row as the diary
    has it, so a note says how many dated entries the totals leave out (2 on 2024-03-01 here)."""
    out, entries = tmp_path / "daily.csv", tmp_path / "entries.csv"
    assert main(["totals", str(diary), "--out", str(out), "--entries", str(entries), "--start", "2024-03-02"]) == 0
    assert list(_read(out)["date"]) == ["2024-03-02"]
    assert len(_read(entries)) == 4
    said = capsys.readouterr().err
    assert "note: 2 entries are dated outside the period (from 2024-03-02 on): in the diary, not in these totals." \
        in said
    assert main(["totals", str(diary), "--out", str(out), "--start", "2024-03-01", "--end", "2024-03-02"]) == 0
    assert "outside the period" not in capsys.readouterr().err


def test_every_k2_value_in_the_entries_export_says_what_it_counts(diary, tmp_path, food_table):
    out, entries = tmp_path / "daily.csv", tmp_path / "entries.csv"
    main(["totals", str(diary), "--out", str(out), "--entries", str(entries)])
    rows = _read(entries)
    valued = rows[rows["vitamin_k2_ug"].notna()]
    assert len(valued) >= 2
    assert valued["vitamin_k2_basis"].notna().all()
    by_food = dict(zip(rows["matched_food_id"], rows["vitamin_k2_basis"], strict=True))
    # Cheddar 01009: Fu et al. 2017, 28.2 µg/100 g; kale 11233: a rule estimate, not a measured 0.
    assert by_food[1009] == "MK-4 to MK-13, LC-MS, Fu et al. 2017"
    assert rows.loc[rows["matched_food_id"] == 1009, "vitamin_k2_ug"].iloc[0] == pytest.approx(28.2)
    assert by_food[11233].startswith("Estimate by rule, not measured")
    assert rows.loc[rows["vitamin_k2_ug"].isna(), "vitamin_k2_basis"].isna().all()


def test_entries_csv_neutralises_formulas_and_leaves_missing_cells_empty(diary, tmp_path, food_table):
    out, entries = tmp_path / "daily.csv", tmp_path / "entries.csv"
    main(["totals", str(diary), "--out", str(out), "--entries", str(entries)])
    text = entries.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    hostile = _read(entries).set_index("row").loc[5]
    assert hostile["status"] == "needs_match" and pd.isna(hostile["calcium_mg"])


def test_bad_input_exits_2_with_one_line_and_no_traceback(tmp_path):
    bad = tmp_path / "picture.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    result = subprocess.run([sys.executable, "-m", "analyzer", "totals", str(bad), "--out", str(tmp_path / "o.csv")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["totals", str(tmp_path / "absent.csv"), "--out", str(tmp_path / "o.csv")]) == 2
    assert "absent.csv" in capsys.readouterr().err


def test_a_folder_given_as_the_diary_exits_2_saying_it_is_a_folder(tmp_path, capsys):
    assert main(["totals", str(tmp_path), "--out", str(tmp_path / "o.csv")]) == 2
    expected = f"error: The diary '{tmp_path}' is a folder; give the path of the exported file inside it."
    assert capsys.readouterr().err.strip() == expected


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (a device that is always full)")
def test_a_full_disk_exits_2_with_a_sentence(diary, capsys, food_table):
    """An OSError that names no file (disk full) once printed Python's '[Errno 28] ...'."""
    assert main(["totals", str(diary), "--out", "/dev/full"]) == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error == "error: A file could not be read or written: No space left on device."


def test_report_is_one_offline_html_file(diary, tmp_path, food_table):
    html = tmp_path / "report.html"
    assert main(["report", str(diary), "--html", str(html), "--age", "52", "--sex", "F"]) == 0
    text = html.read_text(encoding="utf-8")
    assert "<script src=" not in text and "cdn.plot.ly/plotly-" not in text
    assert "not medical advice" in text
    assert "=HYPERLINK(&quot;" in text or "HYPERLINK" not in text  # user text is escaped


def test_foods_lists_rich_foods_with_the_disclaimer(capsys, food_table):
    assert main(["foods", "magnesium", "--per", "100kcal", "--low", "calcium", "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "not medical advice" in out
    assert len([line for line in out.splitlines() if line.strip()]) >= 6


def test_match_prints_the_best_food_and_alternatives(capsys, food_table):
    assert main(["match", "Cheddar Cheese, Natural"]) == 0
    first, *alternatives = capsys.readouterr().out.splitlines()
    assert first.startswith("01009  Cheese, cheddar")
    assert len(alternatives) == 5


def test_daily_csv_round_trips_through_pandas_without_loss(diary, tmp_path, food_table):
    out = tmp_path / "daily.csv"
    main(["totals", str(diary), "--out", str(out)])
    again = pd.read_csv(io.BytesIO(out.read_bytes()), encoding="utf-8-sig")
    assert len(again) == 2 and again["calcium_mg"].notna().all()


def test_totals_with_tap_water_and_habit_reports_water_per_day(tmp_path, monkeypatch, food_table):
    monkeypatch.setenv("MINERALOG_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "water.csv"
    path.write_text("date,food,amount\n2024-03-01,1.5 L Gerolsteiner,\n2024-03-01,\"Milk, whole\",250 g\n",
                    encoding="utf-8")
    out = tmp_path / "daily.csv"
    assert main(["totals", str(path), "--out", str(out), "--tap-water-ca", "80", "--tap-water-mg", "20",
                 "--water-habit-l", "1", "--save-water"]) == 0
    row = _read(out).iloc[0]
    # 1.5 L x 348 (label) + 1 L x 80 (habit) = 602 mg Ca from water; "Milk, whole" is FNDDS 2021-2023's own
    # description, 123 mg Ca/100 g in the FoodData Central CSV: 250 g x 123 / 100 = 307.5 mg.
    assert row["calcium_mg_water"] == pytest.approx(602.0)
    assert row["calcium_mg"] == pytest.approx(909.5)
    assert "Gerolsteiner Sprudel label" in row["water_sources"] and "water (your setting)" in row["water_sources"]
    # Saved: the next run without options uses them; --no-water-habit leaves the habit out.
    assert main(["totals", str(path), "--out", str(out), "--no-water-habit"]) == 0
    assert _read(out).iloc[0]["calcium_mg_water"] == pytest.approx(522.0)


def test_a_bad_tap_water_value_exits_2_and_saves_nothing(tmp_path, monkeypatch, capsys, diary):
    monkeypatch.setenv("MINERALOG_DATA_DIR", str(tmp_path / "data"))
    code = main(["totals", str(diary), "--out", str(tmp_path / "d.csv"), "--tap-water-hardness", "12", "blorps",
                 "--save-water"])
    assert code == 2
    assert "hardness unit 'blorps'" in capsys.readouterr().err
    from analyzer import UserStore
    from analyzer.resolve._water_settings import WaterSettings

    with UserStore() as store:
        assert store.water_settings() == WaterSettings()


def test_totals_rebuilds_a_database_left_by_another_version(tmp_path, food_table):
    """After an upgrade, `totals` rebuilds the old version's database from the archive already downloaded, as the
    dashboard does, instead of stopping with "Run python -m food_db build"."""
    from food_db._paths import downloads_dir
    from food_db._source import SOURCE

    archive = downloads_dir() / SOURCE["archive_name"]
    if not archive.exists():
        pytest.skip("no downloaded SR28 archive to rebuild from")
    cache = tmp_path / "cache"
    (cache / "downloads").mkdir(parents=True)
    shutil.copy(archive, cache / "downloads")  # SR28 only: FoodData Central is optional for a build
    with sqlite3.connect(cache / "food.sqlite") as old:  # what an earlier version left behind
        old.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        old.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    old.close()
    diary = tmp_path / "diary.csv"
    diary.write_text("date,food,amount,unit\n2024-03-01,\"Cheese, cheddar\",100,g\n", encoding="utf-8")
    env = {**os.environ, "MINERALOG_CACHE_DIR": str(cache), "MINERALOG_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-m", "analyzer", "totals", str(diary), "--out", str(tmp_path / "d.csv")],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "building the food database" in result.stderr
    # SR28 01009 Cheese, cheddar: 710 mg calcium per 100 g.
    assert _read(tmp_path / "d.csv").set_index("date").loc["2024-03-01", "calcium_mg"] == pytest.approx(710.0)


@pytest.mark.parametrize(("arguments", "says"), [
    (["--age", "-5"], "no values for age -5 and sex 'F'"),
    (["--age", "nan"], "no values for age nan"),
    (["--age", "1000"], "no values for age 1000"),
    (["--start", "2024-03-02", "--end", "2024-03-01"], "The start of the period, 2024-03-02, is after its end"),
])
def test_a_profile_or_period_that_selects_nothing_exits_2_with_a_sentence(arguments, says, diary, tmp_path, capsys,
                                                                         food_table):
    """An age outside every reference age band once crashed with a KeyError; a start after the end wrote
    an empty daily.csv and exited 0."""
    out = tmp_path / "daily.csv"
    assert main(["totals", str(diary), "--out", str(out), *arguments]) == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.startswith("error: ") and says in error and "Traceback" not in error
    assert not out.exists()


def test_terminal_escapes_from_the_file_are_printed_as_text(tmp_path, capsys):
    """A header cell holding ANSI escapes, a bell or a right-to-left override is quoted in the error as
    escapes: printed raw, a diary could recolour or retitle the user's terminal."""
    path = tmp_path / "escapes.csv"
    path.write_bytes(b"\x1b[2J\x07\x1b[31mfood\xe2\x80\xae\nmilk\n")
    assert main(["totals", str(path), "--out", str(tmp_path / "o.csv")]) == 2
    error = capsys.readouterr().err
    assert "\x1b" not in error and "\x07" not in error and "\u202e" not in error
    assert r"'\x1b[2J\x07\x1b[31mfood\u202e'" in error
