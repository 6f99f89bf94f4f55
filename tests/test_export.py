"""CSV export neutralises formulas, keeps numbers, opens in Excel (BOM), leaves missing cells empty."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from analyzer.ingest._cells import neutralise
from analyzer.report._export import to_safe_csv


@pytest.mark.parametrize(("cell", "expected"), [
    ("=1+2", "'=1+2"),
    ("+SUM(A1:A2)", "'+SUM(A1:A2)"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=cmd", "'\t=cmd"),
    ("\r=cmd", "'\r=cmd"),
    ('=HYPERLINK("http://x","click")', '\'=HYPERLINK("http://x","click")'),
    ("-5", "-5"),
    ("-5.25", "-5.25"),
    ("Milk, whole", "Milk, whole"),
    ("1 cup", "1 cup"),
    ("", ""),
])
def test_neutralise(cell, expected):
    assert neutralise(cell) == expected


def read_back(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_table_round_trip():
    frame = pd.DataFrame({
        "food": ["=cmd|' /C calc'!A0", "Café au lait", None],
        "amount": ["-1 cup", "200 ml", "1"],
        "calcium_mg": [-5.0, 120.5, float("nan")],
        "count": [1, 2, 3],
    })
    rows = read_back(to_safe_csv(frame))
    assert rows[0] == ["food", "amount", "calcium_mg", "count"]
    assert rows[1] == ["'=cmd|' /C calc'!A0", "'-1 cup", "-5.0", "1"]
    assert rows[2] == ["Café au lait", "200 ml", "120.5", "2"]
    assert rows[3] == ["", "1", "", "3"]


def test_named_index_and_dates_are_written():
    daily = pd.DataFrame({"calcium_mg": [900.0]}, index=pd.DatetimeIndex(["2024-01-01"], name="date"))
    rows = read_back(to_safe_csv(daily))
    assert rows == [["date", "calcium_mg"], ["2024-01-01", "900.0"]]


def test_formula_in_column_name_is_neutralised():
    rows = read_back(to_safe_csv(pd.DataFrame({"=bad": ["x"]})))
    assert rows[0] == ["'=bad"]


def test_string_dtype_column():
    frame = pd.DataFrame({"food": pd.array(["+1", None], dtype="string")})
    assert read_back(to_safe_csv(frame))[1:] == [["'+1"], [""]]
