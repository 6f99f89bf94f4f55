"""Every CSV Mineralog writes is safe to open in a spreadsheet and reads back without loss.

Safe: no cell starts with ``=``, ``+``, ``-``, ``@``, tab or CR (unless it is a
plain number), so Excel and LibreOffice never run it as a formula.  Lossless:
the ``'`` added in front of such text is removed again when the file is read
back (the diary reader, the corrections import), so food texts survive.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analyzer
from analyzer._cli import main as cli
from analyzer.ingest._cells import _PLAIN_NUMBER, FORMULA_PREFIXES, neutralise, restore
from analyzer.report._export import to_safe_csv

DATA = Path(__file__).resolve().parent / "data"
HOSTILE = ["=1+2", "+SUM(A1)", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd", "=cmd|' /C calc'!A0", "'=already quoted",
           "''=twice", "'plain quote", "-5", "-5.25", "milk", "", "<script>alert(1)</script>", "Café\u202e", "🥛"]


def cells(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would misread accents"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def assert_safe(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES) or _PLAIN_NUMBER.fullmatch(cell), cell


@pytest.mark.parametrize(("text", "written"), [
    ("=1+2", "'=1+2"), ("+SUM(A1)", "'+SUM(A1)"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=cmd", "'\t=cmd"), ("\r=cmd", "'\r=cmd"), ("'=already quoted", "''=already quoted"),
    ("''=twice", "'''=twice"), ("'plain quote", "'plain quote"), ("-5", "-5"), ("milk", "milk"), ("", ""),
])
def test_neutralise_and_restore(text, written):
    assert neutralise(text) == written
    assert restore(written) == text


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "1", ".", "a", " ", '"', ","]), max_size=8))
def test_restore_undoes_neutralise(text):
    assert restore(neutralise(text)) == text
    written = neutralise(text)
    assert not written.startswith(FORMULA_PREFIXES) or _PLAIN_NUMBER.fullmatch(written)


def test_safe_csv_round_trips_hostile_text():
    frame = pd.DataFrame({"food": HOSTILE, "grams": range(len(HOSTILE))})
    rows = cells(to_safe_csv(frame))
    assert_safe(rows)
    assert [restore(row[0]) for row in rows[1:]] == HOSTILE


@pytest.fixture(scope="module")
def cli_outputs(tmp_path_factory, food_table):
    """daily.csv and entries.csv written by the CLI for each diary."""
    folder = tmp_path_factory.mktemp("cli")
    written = {}
    for diary in [DATA / "bad" / "text_formula_injection.csv", DATA / "bad" / "text_html_script.csv",
                  DATA / "bad" / "text_emoji.csv", DATA / "diaries" / "cronometer_servings_2025.csv",
                  DATA / "diaries" / "generic_messy.csv", DATA / "bad" / "shape_newline_in_cell.csv"]:
        daily, entries = folder / f"{diary.stem}-daily.csv", folder / f"{diary.stem}-entries.csv"
        assert cli(["totals", str(diary), "--out", str(daily), "--entries", str(entries)]) == 0
        written[diary] = (daily.read_bytes(), entries.read_bytes())
    return written


def test_cli_csvs_are_safe_in_a_spreadsheet(cli_outputs):
    for daily, entries in cli_outputs.values():
        assert_safe(cells(daily))
        assert_safe(cells(entries))


def test_cli_entries_read_back_as_the_same_rows(cli_outputs, food_table):
    """entries.csv, imported again, gives the same rows in order, the same food texts, and the same grams."""
    for diary, (_daily, entries_csv) in cli_outputs.items():
        original = analyzer.import_diary(diary.read_bytes(), diary.name, table=food_table).entries
        again = analyzer.import_diary(entries_csv, "entries.csv", table=food_table).entries
        assert len(again) == len(original), diary.name
        assert list(again["food_text"]) == list(original["food_text"]), diary.name
        used = (original["status"] == "used") & original["grams"].notna()
        assert (again.loc[used, "status"] == "used").all(), diary.name
        assert list(again.loc[used, "grams"].round(2)) == list(original.loc[used, "grams"].round(2)), diary.name


@pytest.mark.parametrize("text", [t for t in HOSTILE if t.strip(" '")])
def test_corrections_export_is_safe_and_lossless(text, tmp_path):
    store = analyzer.UserStore(tmp_path / "user.sqlite")
    store.set_correction(text + " milk", 1077, "=Milk, whole")
    exported = store.export_corrections_csv()
    rows = cells(exported)
    assert_safe(rows)
    fresh = analyzer.UserStore(tmp_path / "other.sqlite")
    assert fresh.import_corrections_csv(exported) == 1
    before, after = store.list_corrections(), fresh.list_corrections()
    assert list(after["text"]) == list(before["text"])
    assert list(after["description"]) == list(before["description"]) == ["=Milk, whole"]
    store.close()
    fresh.close()
