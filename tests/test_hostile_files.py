"""Odd and hostile files nobody wrote for this code: what a user sees for each.

Every file here is made by the test (text, or a workbook built with openpyxl), never
copied from a real diary.  Each case says what reading it must give: the format, one
row per input row with its status, the numbers read from it, and the sentence (note or
reason) that tells the user what happened.  Cases that failed before their fix name it.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re

import openpyxl
import pandas as pd
import pytest

import food_db
from analyzer import (
    STATUSES,
    DataFileError,
    DiaryFormatError,
    InvalidArgumentError,
    MineralogError,
    Profile,
    import_diary,
    parse_diary,
    rollup,
)
from analyzer._cli import main
from analyzer.amounts import _units
from analyzer.analysis._period import in_period
from analyzer.ingest._dates import parse_dates
from analyzer.ingest._numbers import number_text, read_amounts_as_written


def _book(*sheets: tuple[str, list[list[object]]], merged: dict[str, list[str]] | None = None) -> bytes:
    """A workbook with the given sheets (title, rows) and merged ranges per sheet title."""
    book = openpyxl.Workbook()
    for at, (title, rows) in enumerate(sheets):
        sheet = book.active if at == 0 else book.create_sheet()
        sheet.title = title
        for row in rows:
            sheet.append(row)
        for ref in (merged or {}).get(title, []):
            sheet.merge_cells(ref)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _entries(data: bytes):
    parsed = parse_diary(data, "diary.csv")
    return parsed, parsed.entries.set_index("row")


# --- workbooks: the diary sheet behind a cover sheet, titles, merged cells ------------------------

def test_the_diary_sheet_is_found_under_a_merged_title_and_a_two_row_header():
    # Failed before: only each sheet's first row was scored, so the summary sheet was read and refused.
    data = _book(("Summary", [["Total kcal", 2000], ["Days", 2]]),
                 ("Diary", [["My diary 2025", None, None], ["Date", "Food", None], [None, "name", "amount"],
                            ["2025-01-31", "whole milk", "1 cup"], ["2025-02-01", "cheddar cheese", "30 g"]]),
                 ("Notes", [["hello"]]), merged={"Diary": ["A1:C1", "B2:C2"]})
    parsed, entries = _entries(data)
    assert parsed.format == "generic"
    assert list(entries.index) == [4, 5]
    assert list(entries["food_text"]) == ["whole milk", "cheddar cheese"]
    assert list(entries["amount_text"]) == ["1 cup", "30 g"]
    assert "row 1 'My diary 2025'." in " ".join(parsed.notes)  # the merged title is shown once
    assert any("The header takes two rows (2 and 3)" in note for note in parsed.notes)


def test_a_date_merged_down_a_day_of_foods_dates_each_food():
    # Failed before: the rows under a merged date cell were rejected as having no date.
    data = _book(("Diary", [["date", "food", "amount"], ["2025-01-31", "whole milk", "1 cup"],
                            [None, "apple", "1 medium"], [None, "bread", "1 slice"], ["2025-02-01", "tea", "1 cup"],
                            [None, "banana", "1 medium"]]),
                 merged={"Diary": ["A2:A4"]})
    _, entries = _entries(data)
    assert list(entries["status"]) == ["pending"] * 4 + ["rejected"]
    assert [str(day.date()) for day in entries["date"].iloc[:4]] == ["2025-01-31"] * 3 + ["2025-02-01"]
    assert entries.at[6, "reason"] == "The date in column 'date' is empty."  # not merged: still refused


# --- layouts: meal totals beside food names, amounts inside the names ----------------------------

def test_a_food_diary_with_meal_total_columns_is_read_food_by_food():
    # Failed before: Date, Meal, Calories and Calcium made it a MyFitnessPal meal-total summary and the
    # food names were replaced by "Breakfast (MyFitnessPal meal total)".
    data = b"Date,Meal,Food Name,Quantity,Units,Calories,Calcium\n2025-01-31,Breakfast,Whole milk,1,cup,150,30\n"
    parsed, entries = _entries(data)
    assert parsed.format == "generic"
    assert entries.at[2, "food_text"] == "Whole milk" and entries.at[2, "amount_text"] == "1 cup"


def test_a_myfitnesspal_food_list_without_an_amount_column_reads_the_serving_from_the_name():
    # Failed before: the file was refused ("We could not find the columns of a food diary").
    data = (b'Date,Meal,Food,Calories,Carbs,Fat,Protein,Sodium,Sugar\n'
            b'2025-01-31,Breakfast,"Quaker - Oatmeal, 1 cup",150,27,3,5,0,1\n'
            b'2025-01-31,Lunch,"Generic - Apple, 1 1/2 medium",95,25,0,0,2,19\n'
            b'2025-01-31,Dinner,Homemade soup,300,20,10,15,800,4\n'
            b'2025-01-31,Dinner,"Milk, 2%",100,12,5,8,100,12\n')
    parsed, entries = _entries(data)
    assert parsed.format == "generic"
    assert list(entries["amount_text"]) == ["1 cup", "1 1/2 medium", "", ""]
    assert list(entries["food_text"]) == ["Quaker - Oatmeal, 1 cup", "Generic - Apple, 1 1/2 medium", "Homemade soup",
                                          "Milk, 2%"]
    assert any("no amount column" in note for note in parsed.notes)


def test_a_list_of_names_alone_is_still_not_a_diary():
    with pytest.raises(DiaryFormatError, match="could not find the columns"):
        parse_diary(b"name,email\nAnn,ann@example.org\n")


# --- numbers the file gives: never read wrongly, never lost without a word ----------------------

@pytest.mark.parametrize(("cell", "delimiter", "expected"), [
    ("1,5", ";", "1.5"),
    ("1,5", ",", "1.5"),             # quoted in a comma file: a decimal comma all the same
    ("1,234", ";", "1.234"),         # a European file: a decimal comma
    ("1,234", ",", "1234"),          # quoted in a comma file: a thousand
    ("1.234,5", ";", "1234.5"),
    ("1,234.5", ",", "1234.5"),
    ("1 234,5", ";", "1234.5"),
    ("1\u00a0234,5", ";", "1234.5"),  # a no-break space between the thousands
    ("1'234.5", ",", "1234.5"),       # Swiss
    ("1.234.567", ";", "1234567"),
    ("abc", ",", "abc"),
])
def test_spreadsheet_number_formats_are_read_whole(cell, delimiter, expected):
    assert number_text(cell, delimiter) == expected


def test_nutrient_values_in_european_notation_and_unreadable_ones_are_reported():
    # Failed before: '1.234,5' kcal became unknown, and '-5' or 'abc' were dropped without a word.
    data = (b"Date;Meal;Calories;Sodium (mg);Calcium\n2025-01-31;Breakfast;1.234,5;1,5;10\n"
            b"2025-01-31;Lunch;1 234,5;-5;abc\n2025-01-31;Dinner;-;;n/a\n")
    parsed, entries = _entries(data)
    assert parsed.format == "mfp_summary"
    assert list(entries["energy_kcal"].iloc[:2]) == [1234.5, 1234.5]
    assert entries.at[2, "sodium_mg"] == 1.5
    assert entries.at[2, "calcium_mg"] == 100.0  # 10 % of the 1,000 mg Daily Value
    assert entries[["energy_kcal", "sodium_mg", "calcium_mg"]].iloc[1:].isna().sum().sum() == 5
    notes = " ".join(parsed.notes)
    assert "In column 'Sodium (mg)', 1 value cannot be read as an amount from 0 to 1,000,000 (row 3 '-5')" in notes
    assert "In column 'Calcium', 1 value cannot be read" in notes and "row 3 'abc'" in notes
    assert "row 4" not in notes  # '-', '' and 'n/a' say "unknown" themselves


# --- rows that are broken: one row, one reason ----------------------------------------------------

@pytest.mark.parametrize(("data", "row", "reason"), [
    (b"date,food,amount\n2025-01-31,whole milk,1 cup\n2025-01-31\n", 3,
     "This row has 1 cell but the header has 3 columns: nothing for 'food' and 'amount'."),
    (b"date,food,amount\n2025-01-31,whole milk,1 cup\n2025-01-31,chedd", 3,
     "This row has 2 cells but the header has 3 columns: nothing for 'amount'."),
])
def test_a_cut_or_short_row_is_rejected_with_its_count(data, row, reason):
    _, entries = _entries(data)
    assert entries.at[row, "status"] == "rejected"
    assert entries.at[row, "reason"] == reason
    assert set(entries["status"]) <= {*STATUSES, "pending"}


def test_no_reason_is_a_traceback_or_a_python_repr():
    _, entries = _entries(b"date,food,amount\n2025-01-31\n,,\n2025-99-99,milk,1 cup\n")
    for reason in entries["reason"]:
        assert reason and not re.search(r"Traceback|Error\(|\[Errno", reason), reason


# --- typed errors: what reaches the user is a sentence naming what was wrong ----------------------

def _raises(call):
    with pytest.raises(MineralogError) as caught:
        call()
    return caught.value


@pytest.mark.parametrize(("call", "column", "value", "message"), [
    (lambda: rollup(pd.DataFrame(), "year", []), "period", "year", "The period must be one of"),
    (lambda: Profile(age=40, sex="F", authority="who"), "authority", "who", "The authority must be one of"),
    (lambda: food_db.reference_intakes(40, "F", authority="who"), "authority", "who", "The authority must be one of"),
    (lambda: in_period(pd.DatetimeIndex([]), start="2025-13-01"), "start", "2025-13-01",
     "The start of the period, '2025-13-01', is not a date; write it as YYYY-MM-DD."),
    (lambda: in_period(pd.DatetimeIndex([]), end=""), "end", "", "The end of the period, '', is not a date"),
])
def test_a_value_passed_in_is_refused_with_a_typed_error_naming_it(call, column, value, message):
    # Failed before: plain ValueErrors ("month must be in 1..12: 2025-13-01"), with no argument named.
    error = _raises(call)
    assert isinstance(error, InvalidArgumentError) and isinstance(error, ValueError)  # old callers still catch it
    assert (error.column, error.value) == (column, value)
    assert str(error).startswith(message) and str(error).endswith(".")


def test_a_damaged_data_file_names_its_file_and_line(tmp_path):
    broken = tmp_path / "unit_aliases.csv"
    broken.write_text("alias,canonical,kind,pint_unit,definition,case_sensitive,count_rank,size_order\n"
                      "g,g,weight,gram,,no,,\n", encoding="utf-8")
    error = _raises(lambda: _units._read_table(broken))
    assert isinstance(error, DataFileError)
    assert str(error) == "unit_aliases.csv, line 2: unknown kind 'weight'."
    assert (error.file, error.line, error.column, error.value) == ("unit_aliases.csv", 2, "kind", "weight")


def _cli(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


@pytest.mark.parametrize(("extra", "message"), [
    (("--start", "2025-13-01"), "error: The start of the period, '2025-13-01', is not a date; write it as YYYY-MM-DD."),
    (("--end", "soon"), "error: The end of the period, 'soon', is not a date; write it as YYYY-MM-DD."),
])
def test_the_command_line_refuses_a_bad_period_in_one_sentence(extra, message, tmp_path, food_table):
    diary = tmp_path / "diary.csv"
    diary.write_bytes(b"date,food,amount\n2025-01-31,whole milk,1 cup\n")
    code, stderr = _cli("totals", str(diary), "--out", str(tmp_path / "daily.csv"), *extra)
    assert code == 2
    assert stderr.splitlines()[-1] == message


def test_the_command_line_names_an_output_folder_that_does_not_exist(tmp_path, food_table):
    # Failed before: "error: [Errno 2] No such file or directory: '...'".
    diary = tmp_path / "diary.csv"
    diary.write_bytes(b"date,food,amount\n2025-01-31,whole milk,1 cup\n")
    out = tmp_path / "missing" / "daily.csv"
    code, stderr = _cli("totals", str(diary), "--out", str(out))
    assert code == 2
    assert stderr.splitlines()[-1] == f"error: Cannot use the file '{out}': No such file or directory."


# --- dates in the forms exports and spreadsheets write --------------------------------------------

@pytest.mark.parametrize("cell", [
    # Failed before (each rejected as "not a date we can read" or "a month name we do not know"):
    "31-Jan-2025", "31-Jan-25", "Jan-31-2025", "Fri, 31 Jan 2025", "Friday, January 31, 2025", "31 janv. 2025",
    "31 de enero de 2025", "2025年1月31日", "2025.01.31.", "20250131",
    # Read before too:
    "2025-01-31", "31. Januar 2025", "January 31st, 2025", "2025-01-31T23:30:00-05:00", "45688",
])
def test_a_date_written_in_a_common_form_is_read(cell):
    dates = parse_dates(pd.Series([cell]), "date")
    assert str(dates.dates.iloc[0].date()) == "2025-01-31", dates.problem.iloc[0]


@pytest.mark.parametrize(("cell", "reason"), [
    ("31 Foo 2025", "'31 Foo 2025' in column 'date' has a month name we do not know."),
    ("99999999", "'99999999' in column 'date' has the year 9999, outside 1900 to 2100."),
    ("2025-13-45", "'2025-13-45' in column 'date' is not a real date."),
])
def test_a_date_that_is_not_one_says_why(cell, reason):
    dates = parse_dates(pd.Series([cell]), "date")
    assert pd.isna(dates.dates.iloc[0]) and dates.problem.iloc[0] == reason


# --- amounts: a number is read in the file's own convention ---------------------------------------

def test_in_a_decimal_comma_file_a_dotted_thousand_is_a_thousand():
    # Failed before: '1.000 ml' beside '1,5 cup' was read as 1 ml, and '2,000 ml' as 2,000 ml.
    data = (b"date;food;amount;unit\n2025-01-31;milk;1,5;cup\n2025-01-31;water;1.000;ml\n2025-01-31;water;2,000;ml\n"
            b"2025-01-31;cheese;30;g\n")
    parsed, entries = _entries(data)
    assert list(entries["amount_text"]) == ["1,5 cup", "1000 ml", "2.000 ml", "30 g"]
    assert ("Amounts in this file are written with a decimal comma ('1,5'), so '1.000 ml' and 1 other amount are "
            "read that way too: '1.000 ml' as '1000 ml'.") in parsed.notes


@pytest.mark.parametrize("amounts", [
    ["1.00 cup", "1,000 g", "1.000 g"],    # decimal points (Cronometer): the amount reader's own rule
    ["1 cup", "1,000 g", "1.000 g"],       # no evidence either way
    ["1,5 cup", "1.5 cup", "1.000 g"],     # both conventions: left as written
])
def test_amounts_without_a_clear_decimal_comma_are_left_as_written(amounts):
    column = pd.Series(amounts, dtype=object)
    rewritten, note = read_amounts_as_written(column)
    assert list(rewritten) == amounts and note == ""


@pytest.mark.parametrize("data", [
    b"date,food,amount,unit\n,Date,3,\n2025-01-31,milk,1,cup\n",      # a fruit called Date under the header
    b"Food,Amount\nName,\nmilk,1 cup\n",                                 # a known word alone below the header
])
def test_a_data_row_below_the_header_is_not_folded_into_it(data):
    parsed, entries = _entries(data)
    assert not any("two rows" in note for note in parsed.notes)
    assert len(entries) == 2


def test_an_absurd_nutrient_value_in_the_file_is_unknown_not_an_infinite_day(tmp_path, food_table):
    # Failed before: 1e308 mg calcium made the day's calcium 'inf' (and the Ca:Mg ratio with it).
    diary = tmp_path / "servings.csv"
    diary.write_bytes(b'Day,Group,Food Name,Amount,Energy (kcal),Calcium (mg),Magnesium (mg)\n'
                      b'2025-01-31,Breakfast,"Milk, Whole",1.00 cup,148.84,1e308,24.40\n'
                      b'2025-01-31,Breakfast,"Milk, Whole",1.00 cup,148.84,99999999,24.40\n'
                      b'2025-01-31,Lunch,"Spinach, Raw",100.00 g,23.00,99.00,inf\n')
    daily = tmp_path / "daily.csv"
    code, stderr = _cli("totals", str(diary), "--out", str(daily))
    assert code == 0, stderr
    assert ("In column 'Calcium (mg)', 2 values cannot be read as an amount from 0 to 1,000,000 "
            "(row 2 '1e308', row 3 '99999999'); those values are unknown.") in stderr
    assert "row 4 'inf'" in stderr
    assert "inf" not in daily.read_text(encoding="utf-8-sig").lower()


def test_an_asa24_items_file_is_read_with_its_grams_and_values():
    # Failed before: refused ("We could not find the columns of a food diary").
    header = "UserName,IntakeStartDateTime,Occ_Time,FoodCode,FoodAmt,KCAL,CALC,MAGN,VITD,VK,Food_Description"
    rows = ['P1,11/5/2021 0:00,11/5/2021 7:00,11031000,244,149,276,24,3.2,0.5,"Milk, whole"',
            'P2,11/5/2021 0:00,11/5/2021 12:00,63101000,182,95,11,9,0,4,"Apple, raw"']
    parsed, entries = _entries("\n".join([header, *rows]).encode())
    assert parsed.format == "asa24_items"
    assert list(entries["amount_text"]) == ["244 g", "182 g"]
    assert list(entries["food_text"]) == ["Milk, whole", "Apple, raw"]
    assert [str(day.date()) for day in entries["date"]] == ["2021-11-05", "2021-11-05"]
    assert list(entries["calcium_mg"]) == [276.0, 11.0] and list(entries["vitamin_d_ug"]) == [3.2, 0.0]
    assert any("recalls of 2 participants" in note for note in parsed.notes)


# --- the whole command line on a batch of odd files: every row accounted for, safe CSVs -------------

_FORMULAS = ("=cmd|' /C calc'!A0", "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "\tmilk", "<script>alert(1)</script>")
#: A cell a spreadsheet would run as a formula (a plain negative number is data).
_FORMULA = re.compile(r"^[=+@\t\r]|^-(?!\d+(\.\d+)?(e[-+]?\d+)?$)")


def _batch() -> dict[str, tuple[bytes, int]]:
    """Odd files and how many rows each holds."""
    foods = "\r\n".join(f'2025-01-31;"{food}";1,5;cup' for food in _FORMULAS)
    long_name = "🥛 milk \u202eבלח\u202c " * 1000  # 10,000+ characters, emoji and right-to-left text
    mfp = (b'Date,Meal,Food,Calories\n2025-01-31,Lunch,"Generic - Apple, 1 medium",95\n'
           b"2025-01-31,Lunch,=HYPERLINK(1),1\n")
    loseit = (b"Type,Name,Date,Units,Quantity,Calories,Deleted\n"
              b"Breakfast,Banana,01/31/2025,Medium,1,105,false\nExercise,Running,01/31/2025,Minutes,30,-300,false\n")
    german = "Datum\tLebensmittel\tMenge\r\n31.01.2025\tKäse, Gouda\t30 g\r\n31.01.2025\tCrème fraîche\t2 EL\r\n"
    workbook = _book(("Cover", [["Exported"]]),
                     ("Diary", [["date", "food", "amount"], ["2025-01-31", "+milk", "1 cup"]]))
    return {
        "utf16_semicolon_formulas": (("date;food;amount;unit\r\n" + foods + "\r\n").encode("utf-16"), len(_FORMULAS)),
        "cp1252_tab": (german.encode("cp1252"), 2),
        "mac_cr_pipe_quoted": (b'date|food|amount\r2025-01-31|"milk|\rwhole"|1 cup\r2025-01-31|apple|1\r', 2),
        "long_emoji_rtl_name": (f"date,food,amount\n2025-01-31,{long_name},1 cup\n".encode(), 1),
        "header_only": (b"date,food,amount\r\n", 0),
        "mfp_food_list": (mfp, 2),
        "loseit_reordered": (loseit, 2),
        "workbook": (workbook, 1),
    }

@pytest.mark.parametrize("name", list(_batch()))
def test_the_command_line_accounts_for_every_row_of_odd_files(name, tmp_path, food_table):
    data, rows = _batch()[name]
    diary, daily, written = tmp_path / "diary.csv", tmp_path / "daily.csv", tmp_path / "entries.csv"
    diary.write_bytes(data)
    code, stderr = _cli("totals", str(diary), "--out", str(daily), "--entries", str(written))
    assert code == 0 and "Traceback" not in stderr, stderr
    table = list(csv.DictReader(io.StringIO(written.read_text(encoding="utf-8-sig"))))
    assert len(table) == rows
    assert f"{rows} row" in stderr.splitlines()[0]  # the summary the user reads counts them all
    assert all(row["status"] in STATUSES for row in table)
    assert all(row["reason"].strip() for row in table if row["status"] != "used")
    for path in (daily, written):
        for cells in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            assert not any(_FORMULA.match(cell) for cell in cells), cells


@pytest.mark.parametrize("food", ["=cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3+cmd|' /C calc'!A0", "+1+1"])
def test_a_formula_in_the_food_column_is_never_given_a_food(food, food_table):
    # Failed before for the last two: matched with 'the closest was Baby Toddler apples' as the reason.
    result = import_diary(f'date,food,amount\n2025-01-31,"{food}",1 cup\n'.encode(), table=food_table)
    row = result.entries.iloc[0]
    assert row["status"] == "needs_match" and row["food_text"] == food
    assert row["reason"] == f"No USDA food matched '{food}': it looks like a spreadsheet formula, not a food name."


def test_a_quote_left_open_on_the_last_line_is_named():
    # Failed before: only "This row has 2 cells ..." with no word of the open quote or of a cut file.
    parsed, entries = _entries(b'date,food,amount\n2025-01-31,whole milk,1 cup\n2025-01-31,"cheddar cheese,30 g\n')
    assert entries.at[3, "status"] == "rejected"
    assert "A quote opened on row 3 (the last line) is never closed; the file may be cut off." in parsed.notes


def test_a_lose_it_file_with_a_renamed_meal_column_still_skips_deleted_entries_and_workouts():
    # Failed before: read as a plain table, the deleted cheddar counted as eaten (28 g) and 'Running'
    # waited for a food match.
    data = (b"Date,Name,Icon,Meal,Quantity,Units,Calories,Deleted\n"
            b"01/31/2025,Banana,Banana,Breakfast,1,Medium,105,false\n01/31/2025,Cheddar,Cheese,Lunch,1,Ounce,110,true\n"
            b"01/31/2025,Running,Run,Exercise,30,Minutes,-300,false\n")
    parsed, entries = _entries(data)
    assert parsed.format == "generic"
    assert list(entries["status"]) == ["pending", "skipped", "skipped"]
    assert list(entries["reason"].iloc[1:]) == ["This entry is marked as deleted in the file.",
                                                "Exercise rows are not food."]


@pytest.mark.parametrize(("data", "fmt", "amount"), [
    # Failed before: 'Serving Size' was not an amount column, so every food needed an amount.
    (b"Date,Meal,Food Name,Serving Size,Calories,Calcium\n2025-01-31,Breakfast,Whole milk,1 cup,150,30\n",
     "generic", "1 cup"),
    # Failed before: a daily summary without Cronometer's Completed column was refused.
    (b"Date,Energy (kcal),Calcium (mg)\n2025-01-31,1800,900\n", "cronometer_daily", ""),
])
def test_export_layouts_with_a_column_renamed_or_missing_are_recognised(data, fmt, amount):
    parsed, entries = _entries(data)
    assert parsed.format == fmt
    assert entries.iloc[0]["amount_text"] == amount and entries.iloc[0]["status"] == "pending"


# --- encodings and joins a reader meets less often -------------------------------------------------

_TEXT = "date,food,amount\r\n2025-01-31,Crème brûlée,1 cup\r\n"


@pytest.mark.parametrize("data", [
    # Failed before: UTF-32 with a BOM was read as UTF-16 (' d a t e '), without one refused as binary.
    _TEXT.encode("utf-32"), _TEXT.encode("utf-32-le"), _TEXT.encode("utf-32-be"),
    # Failed before: the DOS end-of-file mark (Ctrl-Z) became a rejected row.
    _TEXT.encode() + b"\x1a",
])
def test_utf32_and_a_dos_end_mark_read_as_the_text_they_are(data):
    parsed, entries = _entries(data)
    assert list(entries.index) == [2] and entries.at[2, "food_text"] == "Crème brûlée"
    assert parsed.notes == []


@pytest.mark.parametrize("data", [
    _TEXT.encode("utf-8-sig") + "date,food,amount\r\n2025-02-01,apple,1 medium\r\n".encode("utf-8-sig"),
    b"Day,Food Name,Amount\n2025-01-31,milk,1.00 cup\nDay,Food Name,Amount\n2025-02-01,apple,1.00 medium\n",
])
def test_a_header_repeated_inside_the_file_is_skipped_with_its_reason(data):
    # Failed before: rejected as "'\ufeffdate' in column 'date' is not a date we can read".
    _, entries = _entries(data)
    assert list(entries["status"]) == ["pending", "skipped", "pending"]
    assert entries.at[3, "reason"] == "This row repeats the column names (files joined together?); it is not an entry."


@pytest.mark.parametrize("header", ["\u200bdate,food,amount", "\u200edate,\u200efood,\u200famount",
                                    "\ufeff\ufeffdate,food,amount", 'DATE ,  Food ,"Amount\u00a0"'])
def test_invisible_marks_in_the_header_do_not_hide_a_column(header):
    # Failed before: a zero-width space hid the date column (no dates), left-to-right marks refused the file.
    _, entries = _entries((header + "\n2025-01-31,milk,1 cup\n").encode())
    assert str(entries.at[2, "date"].date()) == "2025-01-31" and entries.at[2, "amount_text"] == "1 cup"


@pytest.mark.parametrize(("data", "note"), [
    (b"date,food,amount\n,,\n2025-01-31,milk,1 cup\n,,\n",
     "2 lines of the file (rows 2, 4) hold only empty cells; they are not entries."),
    (b"date,food,amount\n2025-01-31,milk,1 cup\n,,\n",
     "1 line of the file (row 3) holds only empty cells; it is not an entry."),
    (b"date,food,amount\n2025-01-31,milk,1 cup\n\n\n", None),  # blank lines say nothing
])
def test_lines_of_empty_cells_are_not_dropped_without_a_word(data, note):
    # Failed before: ',,' lines vanished without a note.
    parsed, entries = _entries(data)
    assert [text for text in parsed.notes if "only empty cells" in text] == ([note] if note else [])
    assert list(entries.index) == [row for row in (2, 3) if row in entries.index] and len(entries) == 1
