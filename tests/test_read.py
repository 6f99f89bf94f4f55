"""Bytes to a table of text cells: encodings, delimiters, rows, refusals."""

from __future__ import annotations

import io
import time

import openpyxl
import pytest

from analyzer.errors import DiaryFormatError
from analyzer.ingest._read import decode, read_table, sniff_delimiter

TEXT = "Date,Food,Amount\n2022-11-03,Crème brûlée,1 ramekin\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),  # with BOM, as Excel 'Unicode text'
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),  # no BOM: found by the NUL pattern
    (TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("cp1252"), "cp1252"),
])
def test_encodings(data, encoding):
    text, used = decode(data)
    assert used == encoding
    assert "Crème brûlée" in text
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize(("word", "encoding"), [
    ("Jalapeño", "cp1252"),
    ("“quoted” – dash €5", "cp1252"),  # bytes only cp1252 maps to letters
])
def test_short_cp1252_text_is_not_misread(word, encoding):
    text, used = decode(f"Food\n{word}\n".encode(encoding))
    assert used == "cp1252"
    assert word in text


@pytest.mark.parametrize("foods", [
    ["Crème brûlée", "Café au lait", "Jalapeño"],  # "è" is a byte Windows-1252 leaves undefined
    ["Crème fraîche"],  # bug: read as Shift-JIS "Cr塾e fra把he"
    ["Müsli", "Pâté"],  # bug: read as Windows-1252 "MŸsli", "P‰tŽ"
    ["Smørrebrød", "Œufs “bio” – 2 €"],
])
def test_mac_roman_csv_from_old_excel_for_mac_is_read_as_mac_roman(foods):
    diary = "Date,Food,Amount\n" + "".join(f"2024-01-01,{food},100 g\n" for food in foods)
    text, used = decode(diary.encode("mac_roman"))
    assert used == "mac_roman"
    assert text == diary


@pytest.mark.parametrize("foods", [["カレーライス", "ソース", "カツ丼"], ["Tシャツ"], ["カレー"]])
def test_katakana_whose_bytes_read_as_accented_latin_in_mac_roman_stays_shift_jis(foods):
    """"カレー" is bytes 83 4A 83 8C 81 5B: Mac Roman reads "âJâåÅ[", Latin letters and ASCII."""
    diary = "Food\n" + "\n".join(foods) + "\n"
    text, used = decode(diary.encode("cp932"))
    assert used == "cp932" and text == diary


@pytest.mark.parametrize(("text", "delimiter"), [
    ("a,b,c\n1,2,3\n", ","),
    ("a;b;c\n1;2,5;3\n", ";"),
    ("a\tb\tc\n1\t2, 3\t3\n", "\t"),
    ("a|b|c\n1|2|3\n", "|"),
    ('"Food, name";Amount\n"Milk, whole";1\n', ";"),
    ("just one column\nvalue\n", ","),
    ("a,b,c\n1;2;3\n4,5,6\n7\t8\t9\n", ","),  # a tab in the last line only is a stray row
    ("title\na;b;c\n", ";"),  # a header under a title, no rows yet
])
def test_delimiter_sniffing(text, delimiter):
    assert sniff_delimiter(text) == delimiter


@pytest.mark.parametrize(("data", "cells", "unwrapped"), [
    (b'"date,food"\n"2024-01-01,""milk, whole"""\n', ["2024-01-01", "milk, whole"], True),
    (b'"date";"food"\n"2024-01-01";"milk, whole"\n', ["2024-01-01", "milk, whole"], False),  # quoted per cell
    (b'"food"\n"milk, whole"\n', ["milk, whole"], False),  # one column whose cells hold commas
])
def test_lines_wrapped_whole_in_quotes_are_unwrapped(data, cells, unwrapped):
    table = read_table(data)
    assert table.cells.loc[2].tolist() == cells
    assert any("wrapped in one pair of quotes" in note for note in table.notes) == unwrapped


def test_rows_pasted_with_another_delimiter_keep_their_cells():
    """A semicolon or tab row in a comma file is split by its own delimiter, with a note; a row that
    no delimiter splits into the header's columns keeps its one cell (and is rejected for it)."""
    table = read_table(b"date,food,amount\n2024-01-01;milk;1 cup\n2024-01-02,egg,1\n2024-01-03\tbanana\t1\n"
                       b"2024-01-04;bread\n")
    assert table.cells.loc[2].tolist() == ["2024-01-01", "milk", "1 cup"]
    assert table.cells.loc[4].tolist() == ["2024-01-03", "banana", "1"]
    assert table.cells.loc[5].tolist() == ["2024-01-04;bread", "", ""]
    assert table.problem.loc[5].startswith("This row has 1 cell")
    assert (table.problem.loc[[2, 3, 4]] == "").all()
    assert "Row 2 separates its cells with semicolons where the rest of the file uses commas" in " ".join(table.notes)
    assert "Row 4 separates its cells with tabs" in " ".join(table.notes)


@pytest.mark.parametrize(("data", "says"), [
    (b"", "empty"),
    (b"  \n\r\n\t\n", "empty"),
    (b",,,\n,,,\n", "empty"),
    (b"PK\x03\x04\x14\x00\x00\x00rest", "ZIP archive"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Excel"),
    (b"date,food\x00\x01\x02,amount\n\x00\xff\x00", "binary data"),
])
def test_files_that_are_not_tables_are_refused(data, says):
    with pytest.raises(DiaryFormatError, match=says):
        read_table(data)


def test_row_numbers_stay_true_to_the_file():
    data = (b"\n"                      # row 1: blank before the header
            b"date,food,amount\n"        # row 2: header
            b"2022-11-03,\"Soup,\nhot\",1 bowl\n"  # row 3 (one row, two lines)
            b"\n"                      # row 4: blank, not an entry
            b",,\n"                    # row 5: empty cells only, not an entry
            b"2022-11-04,Tea,1 cup\n")  # row 6
    table = read_table(data)
    assert list(table.cells.index) == [3, 6]
    assert table.cells.loc[3, "food"] == "Soup,\nhot"
    assert "header is on row 2" in table.notes[0]


def test_cells_are_kept_exactly():
    long_name = "x" * 200_000  # above csv's default field limit
    hostile = ['=HYPERLINK("http://evil")', "+cmd|' /C calc'!A0", "@SUM(A1)",
               "-2+3", "<script>alert(1)</script>", long_name]
    lines = ["food,amount"] + [f'"{h.replace(chr(34), 2 * chr(34))}",1' for h in hostile]
    table = read_table("\n".join(lines).encode())
    assert list(table.cells["food"]) == hostile


@pytest.mark.parametrize(("line", "problem"), [
    ("2022-11-03,Tea,1 cup", ""),
    ("2022-11-03,Milk, whole,1 cup",
     "4 cells but the header has 3 columns: 1 cell after 'amount' has no column; a comma"),
    ("2022-11-03,Tea", "2 cells but the header has 3 columns: nothing for 'amount'."),
])
def test_wrong_number_of_cells(line, problem):
    data = f"date,food,amount\n2022-11-02,Rice,1 cup\n{line}\n".encode()
    table = read_table(data)
    if problem:
        assert problem in table.problem.loc[3]
    else:
        assert table.problem.loc[3] == ""
    assert table.problem.loc[2] == ""


def test_consistent_trailing_delimiters_are_not_a_problem():
    table = read_table(b"date,food,amount\n2022-11-03,Tea,1 cup,\n2022-11-04,Rice,1 cup,\n")
    assert list(table.problem) == ["", ""]
    assert table.header == ["date", "food", "amount"]


def test_trailing_empty_columns_and_duplicate_names():
    table = read_table(b"Food,Amount,Food,,\nTea,1 cup,green,,\n")
    assert table.header == ["Food", "Amount", "Food (2)"]
    assert table.cells.loc[2, "Food (2)"] == "green"
    assert "'Food' appears more than once" in table.notes[0]


def test_raw_joins_the_cells_with_the_delimiter():
    table = read_table(b"a;b;c\n1;\"2;5\";3\n")
    assert table.delimiter == ";"
    assert table.raw.loc[2] == "1;2;5;3"


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _diary_header(header) -> float:
    return float(sum(name in ("date", "food", "amount") for name in header))


def test_xlsx_names_the_other_diary_sheets_it_did_not_read():
    """A sheet per week: one is read, and the note names the others with their rows (once they vanished silently)."""
    data = _workbook({
        "Summary": [["total", "kcal"], ["all", 2000]],
        "Week 1": [["date", "food", "amount"], ["2024-01-01", "milk", "1 cup"]],
        "Week 2": [["date", "food", "amount"], ["2024-01-08", "egg", "1"], ["2024-01-09", "egg", "2"]],
        "Empty week": [["date", "food", "amount"]],
    })
    table = read_table(data, header_score=_diary_header)
    assert list(table.cells["food"]) == ["milk"]
    assert ("Only the sheet 'Week 1' of the workbook was read. Other sheets also look like a diary and were not "
            "read: 'Week 2' (2 rows);") in " ".join(table.notes)


def test_xlsx_formula_without_a_saved_result_reads_as_the_formula():
    """A workbook written by a script holds formulas without results: the cell reads as the formula, with a
    note, not as an empty cell (which said 'The food name is empty' about a cell that was not)."""
    data = _workbook({"Diary": [["date", "food", "amount"], ["2024-01-01", '=CONCAT("mi","lk")', "=1+1"],
                                ["=TODAY()", "egg", 2]]})
    table = read_table(data, header_score=_diary_header)
    assert table.cells.loc[2].tolist() == ["2024-01-01", '=CONCAT("mi","lk")', "=1+1"]
    assert table.cells.loc[3].tolist() == ["=TODAY()", "egg", "2"]
    assert ("3 cells of the sheet hold a formula whose result is not saved in the workbook (B2 '=CONCAT(\"mi\","
            "\"lk\")', C2 '=1+1', A3 '=TODAY()')") in " ".join(table.notes)


def test_xlsx_formula_with_a_saved_result_reads_as_the_result():
    """Excel saves each formula's result beside it: that result is what the cell reads as, and no note."""
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>food</t></is></c><c r="B1" t="inlineStr"><is><t>amount</t>'
             '</is></c></row><row r="2"><c r="A2" t="str"><f>"mi"&amp;"lk"</f><v>milk</v></c><c r="B2"><f>1+1</f>'
             '<v>2</v></c></row></sheetData></worksheet>')
    table = read_table(_workbook_xml(sheet), header_score=lambda header: float("food" in header))
    assert table.cells.loc[2].tolist() == ["milk", "2"]
    assert not [note for note in table.notes if "formula" in note]


def test_xlsx_with_a_cell_in_the_last_row_and_column_reads_its_rows_only():
    """A 5 kB workbook with one cell at XFD1048576 declares 17 billion cells: every row (the empty
    ones too) was padded to 16,384 columns until memory ran out."""
    book = openpyxl.Workbook()
    book.active.append(["date", "food", "amount"])
    book.active.append(["2024-01-01", "milk", "1 cup"])
    book.active["XFD1048576"] = "x"
    out = io.BytesIO()
    book.save(out)
    started = time.perf_counter()
    table = read_table(out.getvalue(), header_score=_diary_header)
    assert time.perf_counter() - started < 20  # parsing a million row numbers; the padding never finished
    assert list(table.cells.index) == [2, 1048576]
    assert table.cells.loc[2].tolist() == ["2024-01-01", "milk", "1 cup"]


def test_xlsx_rows_keep_empty_trailing_cells_as_cells():
    """An empty cell at the end of a row is an empty cell, not a missing one: the row is not short."""
    table = read_table(_workbook({"Diary": [["date", "food", "amount"], ["2024-01-01", "milk"],
                                            ["2024-01-02", "egg", "1"]]}), header_score=_diary_header)
    assert table.cells.loc[2].tolist() == ["2024-01-01", "milk", ""]
    assert (table.problem == "").all()


def _workbook_xml(sheet: str) -> bytes:
    """The workbook of ``sheet`` (its XML as written), from the hostile-file corpus maker."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent / "data" / "bad"))
    from make_corpus import _workbook as corpus_workbook

    return corpus_workbook(sheet)


def test_xlsx_picks_the_sheet_that_looks_like_a_diary():
    import datetime as dt

    data = _workbook({
        "Summary": [["Total", "Value"], ["kcal", 2000]],
        "Diary": [["Date", "Food", "Amount"], [dt.datetime(2022, 11, 3), "Tea", 1.0],
                  [None, None, None], [dt.datetime(2022, 11, 4), "Rice", 1.5]],
    })
    table = read_table(data, header_score=lambda header: float("Food" in header))
    assert table.encoding == "xlsx"
    assert list(table.cells.index) == [2, 4]
    assert list(table.cells["Date"]) == ["2022-11-03", "2022-11-04"]
    assert list(table.cells["Amount"]) == ["1", "1.5"]


def test_a_sheet_wider_than_the_cell_limit_is_refused_with_a_sentence():
    from analyzer.ingest._workbook import _padded

    assert _padded([["a", ""], [], ["b", "c", ""]], "Diary", 6) == [["a", ""], [], ["b", "c"]]
    with pytest.raises(DiaryFormatError, match=r"^The sheet 'Diary' has 2 rows and 2 columns, more cells than "
                                               r"Mineralog reads \(3\); delete the cells far to the right"):
        _padded([["a"], ["b", "c"]], "Diary", 3)


def test_a_header_of_100000_columns_reads_in_seconds():
    """Quoted cells were restored with a pandas call per column (80 s for 100,000 columns); now per row
    holding a quote."""
    data = b"date,food,amount" + b",x" * 100_000 + b"\n'=2024-01-01,'+milk,1 cup" + b",y" * 100_000 + b"\n"
    started = time.perf_counter()
    table = read_table(data)
    assert time.perf_counter() - started < 20
    assert table.cells.loc[2, "date"] == "=2024-01-01" and table.cells.loc[2, "food"] == "+milk"
