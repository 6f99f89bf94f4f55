"""Diary files to the parsed-diary table: detection, rows, statuses, nutrients, notes."""

from __future__ import annotations

import io
import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.errors import DiaryFormatError
from analyzer.ingest._formats import ENTRY_COLUMNS, detect_format, parse_diary

DIARIES = Path(__file__).parent / "data" / "diaries"
NAN = math.nan


def parse(name: str):
    return parse_diary((DIARIES / name).read_bytes(), filename=name)


# file, format, encoding, delimiter, status per entry ('p'ending, 's'kipped, 'r'ejected)
FILES = [
    ("cronometer_servings_2022.csv", "cronometer_servings", "utf-8", ",", "ppppp"),
    ("cronometer_servings_2020.csv", "cronometer_servings", "utf-8", ",", "pp"),
    ("cronometer_servings_2025.csv", "cronometer_servings", "utf-8", ",", "ppp"),
    ("cronometer_servings_2026.csv", "cronometer_servings", "utf-8", ",", "ppp"),
    ("cronometer_servings_extra.csv", "cronometer_servings", "utf-8", ",", "pp"),
    ("cronometer_daily_old.csv", "cronometer_daily", "utf-8", ",", "pp"),
    ("cronometer_daily_groups.csv", "cronometer_daily", "utf-8", ",", "ppsp"),
    ("mfp_summary_bom.csv", "mfp_summary", "utf-8-sig", ",", "ppp"),
    ("mfp_summary_time.csv", "mfp_summary", "utf-8", ",", "pp"),
    ("loseit_weekly.csv", "loseit", "utf-8", ",", "psp"),
    ("loseit_weekly_deleted.csv", "loseit", "utf-8", ",", "pssp"),
    ("generic_english.csv", "generic", "utf-8", ",", "pppr"),
    ("generic_german.csv", "generic", "utf-8", ";", "ppp"),
    ("generic_french.csv", "generic", "utf-8", ",", "pp"),
    ("generic.tsv", "generic", "utf-8", "\t", "pp"),
    ("generic_utf16.txt", "generic", "utf-16", "\t", "pp"),
    ("generic_cp1252.csv", "generic", "cp1252", ",", "pp"),
    ("generic_messy.csv", "generic", "utf-8", ",", "ppprrrrp"),
    ("generic_total_lines.csv", "generic", "utf-8", ",", "ppsppssssssr"),
    ("mfp_food_diary_totals.csv", "generic", "utf-8", ",", "psppsssss"),
]
STATUS = {"p": "pending", "s": "skipped", "r": "rejected"}


@pytest.mark.parametrize(("name", "fmt", "encoding", "delimiter", "statuses"), FILES)
def test_every_fixture_is_detected_and_read(name, fmt, encoding, delimiter, statuses):
    diary = parse(name)
    assert diary.format == fmt
    assert diary.encoding == encoding
    assert diary.delimiter == delimiter
    assert list(diary.entries.columns) == ENTRY_COLUMNS
    assert list(diary.entries["status"]) == [STATUS[s] for s in statuses]
    settled = diary.entries["status"] != "pending"
    assert (diary.entries.loc[settled, "reason"] != "").all()
    assert (diary.entries.loc[~settled, "reason"] == "").all()
    assert diary.entries["date"].dtype == "datetime64[ns]"


@pytest.mark.parametrize(("name", "rows", "dates", "meals", "foods", "amounts"), [
    ("cronometer_servings_2025.csv", [2, 3, 4], ["2025-01-05", "2025-01-05", "2025-01-06"],
     ["Breakfast", "Snacks", "Dinner"], ["Natto", "Almonds", "Salmon, Atlantic, Farmed, Cooked"],
     ["1.00 x 100 g", "28.00 g", "1.00 fillet"]),
    ("cronometer_daily_groups.csv", [2, 3, 4, 5], ["2023-05-01"] * 3 + ["2023-05-02"],
     ["Breakfast", "Lunch", "Total", "Total"],
     ["Breakfast (Cronometer group total)", "Lunch (Cronometer group total)",
      "Day total (Cronometer)", "Day total (Cronometer)"], ["", "", "", ""]),
    ("mfp_summary_time.csv", [2, 3], ["2023-04-12", "2023-04-12"], ["Breakfast", "Snacks"],
     ["Breakfast (MyFitnessPal meal total)", "Snacks (MyFitnessPal meal total)"], ["", ""]),
    ("loseit_weekly.csv", [2, 3, 4], ["2022-11-07", "2022-11-07", "2022-11-08"],
     ["Breakfast", "Exercise", "Lunch"], ["Greek Yogurt", "Running", "Cheese, Cheddar"],
     ["1 Container", "30 Minutes", "1.5 Ounces"]),
    ("generic_english.csv", [2, 3, 4, 5], ["2022-11-03", "2022-11-03", "2022-11-04", "2022-11-04"],
     ["Breakfast", "Breakfast", "Lunch", "Dinner"], ["Cheddar cheese", "Milk", "Kale", ""],
     ["30 g", "1 1/2 cups", "", "1 cup"]),
    ("generic_german.csv", [2, 3, 4], ["2022-11-03", "2022-11-04", "2022-11-05"], ["", "", ""],
     ["Emmentaler", "Vollmilch", "Haferflocken"], ["1,5 Scheiben", "0,25 l", "40 g"]),
    ("generic_french.csv", [2, 3], ["2022-11-03", "2022-11-04"], ["", ""],
     ["Yaourt nature", "Crème fraîche"], ["125 g", "2 c. à soupe"]),
    ("generic.tsv", [2, 3], ["2022-11-03", "2022-11-03"], ["", ""],
     ["Apple", "Yogurt, plain"], ["1 medium", "170g"]),
    ("generic_utf16.txt", [2, 3], ["2022-11-03", "2022-11-04"], ["", ""],
     ["Spinach", "Tofu, firm"], ["2 cups", "100 g"]),
    ("generic_cp1252.csv", [2, 3], ["2022-11-03", "2022-11-03"], ["", ""],
     ["Crème brûlée", "Jalapeño"], ["1 ramekin", "2 peppers"]),
])
def test_rows_dates_meals_foods_amounts(name, rows, dates, meals, foods, amounts):
    entries = parse(name).entries
    assert list(entries["row"]) == rows
    assert list(entries["date"]) == [pd.Timestamp(d) for d in dates]
    assert list(entries["meal"]) == meals
    assert list(entries["food_text"]) == foods
    assert list(entries["amount_text"]) == amounts


@pytest.mark.parametrize(("name", "row", "key", "expected"), [
    # Cronometer: absolute per row; empty cell is unknown, 0.00 is zero
    ("cronometer_servings_2022.csv", 2, "calcium_mg", 21.06),
    ("cronometer_servings_2022.csv", 2, "vitamin_d_ug", 0.0),
    ("cronometer_servings_2022.csv", 3, "vitamin_d_ug", 3.0),  # 120 IU / 40
    ("cronometer_servings_2022.csv", 3, "vitamin_k_total_ug", 0.49),
    ("cronometer_servings_2022.csv", 4, "magnesium_mg", NAN),
    ("cronometer_servings_2022.csv", 4, "sodium_mg", 282.0),
    ("cronometer_servings_2022.csv", 5, "potassium_mg", 502.2),
    ("cronometer_servings_2022.csv", 6, "energy_kcal", 147.0),
    ("cronometer_servings_2022.csv", 6, "phosphorus_mg", 172.0),
    ("cronometer_servings_2022.csv", 2, "vitamin_k1_ug", NAN),  # no file says K1
    ("cronometer_servings_2020.csv", 2, "vitamin_k_total_ug", 0.34),  # U+03BC micro sign
    ("cronometer_servings_2020.csv", 2, "sodium_mg", NAN),
    ("cronometer_servings_2020.csv", 2, "vitamin_d_ug", NAN),
    ("cronometer_servings_2020.csv", 3, "calcium_mg", 0.0),
    ("cronometer_servings_2020.csv", 3, "magnesium_mg", NAN),
    ("cronometer_servings_2025.csv", 4, "vitamin_d_ug", 26.25),
    ("cronometer_servings_2026.csv", 2, "calcium_mg", NAN),
    ("cronometer_servings_extra.csv", 3, "vitamin_d_ug", 25.0),  # Vitamin D (µg) as is
    ("cronometer_servings_extra.csv", 3, "calcium_mg", NAN),
    ("cronometer_servings_extra.csv", 2, "calcium_mg", 101.5),
    ("cronometer_daily_old.csv", 2, "vitamin_d_ug", 10.0),
    ("cronometer_daily_old.csv", 3, "calcium_mg", NAN),
    ("cronometer_daily_groups.csv", 4, "calcium_mg", 550.0),
    # MyFitnessPal: calcium is % of a 1,000 mg Daily Value; sodium and potassium mg
    ("mfp_summary_bom.csv", 2, "calcium_mg", 250.0),
    ("mfp_summary_bom.csv", 3, "calcium_mg", 125.0),
    ("mfp_summary_bom.csv", 4, "calcium_mg", 0.0),
    ("mfp_summary_bom.csv", 3, "sodium_mg", 1200.0),
    ("mfp_summary_bom.csv", 3, "potassium_mg", 900.0),
    ("mfp_summary_bom.csv", 4, "potassium_mg", NAN),
    ("mfp_summary_bom.csv", 2, "magnesium_mg", NAN),
    ("mfp_summary_time.csv", 3, "energy_kcal", 150.0),
    ("loseit_weekly_deleted.csv", 5, "sodium_mg", 14.0),
    ("loseit_weekly_deleted.csv", 5, "calcium_mg", NAN),
    ("generic_english.csv", 2, "calcium_mg", NAN),
])
def test_nutrient_values_the_file_gives(name, row, key, expected):
    entries = parse(name).entries.set_index("row")
    value = entries.loc[row, key]
    if math.isnan(expected):
        assert math.isnan(value)
    else:
        assert value == pytest.approx(expected)


def test_decimal_commas_in_nutrient_columns():
    data = (b"Day;Group;Food Name;Amount;Energy (kcal);Calcium (mg)\n"
            b'2024-01-01;Lunch;Cheese;"1,5 oz";170,5;306,25\n')
    diary = parse_diary(data)
    assert diary.entries.loc[0, "amount_text"] == "1,5 oz"
    assert diary.entries.loc[0, "energy_kcal"] == pytest.approx(170.5)
    assert diary.entries.loc[0, "calcium_mg"] == pytest.approx(306.25)


@pytest.mark.parametrize(("name", "low_confidence"), [
    ("mfp_summary_bom.csv", "calcium_mg"),
    ("cronometer_servings_2022.csv", ""),
    ("loseit_weekly.csv", ""),
])
def test_low_confidence_names_approximated_nutrients(name, low_confidence):
    assert set(parse(name).entries["low_confidence"]) == {low_confidence}


@pytest.mark.parametrize(("name", "row", "reason_says"), [
    ("cronometer_daily_groups.csv", 4, "day total; the day's group rows are counted"),
    ("loseit_weekly.csv", 3, "Exercise rows are not food"),
    ("loseit_weekly_deleted.csv", 3, "deleted in Lose It"),
    ("loseit_weekly_deleted.csv", 4, "Exercise rows are not food"),
    ("generic_english.csv", 5, "food name in column 'food' is empty"),
    ("generic_messy.csv", 6, "6 cells but the header has 4 columns"),
    ("generic_messy.csv", 7, "2 cells but the header has 4 columns"),
    ("generic_messy.csv", 8, "has the year 2222"),
    ("generic_messy.csv", 9, "'not a date' in column 'date' is not a date"),
])
def test_reasons(name, row, reason_says):
    entries = parse(name).entries.set_index("row")
    assert reason_says in entries.loc[row, "reason"]


def test_messy_file_keeps_rows_numbered_and_text_exact():
    entries = parse("generic_messy.csv").entries.set_index("row")
    assert list(entries.index) == [2, 4, 5, 6, 7, 8, 9, 11]  # 3 and 10 are blank
    assert entries.loc[2, "food_text"] == "Soup,\nhomemade"
    assert entries.loc[4, "food_text"] == '=HYPERLINK("http://x")'
    assert entries.loc[5, "food_text"] == "<script>alert(1)</script>"
    assert entries.loc[11, "food_text"] == "+cmd"
    assert entries.loc[11, "amount_text"] == "-2+3"
    assert entries.loc[6, "raw"] == "2022-11-03,Milk, whole,1 cup,,"


@pytest.mark.parametrize(("name", "note_says"), [
    ("cronometer_servings_2020.csv", "no column for Sodium, Vitamin D"),
    ("cronometer_servings_2026.csv", "no nutrient columns"),
    ("cronometer_daily_old.csv", "one total per day"),
    ("mfp_summary_bom.csv", "no food names"),
    ("mfp_summary_bom.csv", "magnesium, phosphorus, vitamin D or vitamin K"),
    ("mfp_summary_bom.csv", "assuming 1,000 mg"),
    ("loseit_weekly.csv", "read month first"),
    ("generic_german.csv", "read day first"),
    ("generic_messy.csv", "'food' appears more than once"),
])
def test_notes_tell_the_user(name, note_says):
    assert any(note_says in note for note in parse(name).notes)


@pytest.mark.parametrize("name", ["cronometer_servings_2022.csv", "cronometer_servings_2025.csv",
                                  "generic_english.csv", "generic.tsv"])
def test_complete_files_have_no_gap_notes(name):
    assert not any("no column for" in note or "could be day first" in note
                   for note in parse(name).notes)


@pytest.mark.parametrize(("header", "fmt", "fields"), [
    (["Day", "Time", "Group", "Food Name", "Amount", "Category"], "cronometer_servings",
     {"date": "Day", "time": "Time", "meal": "Group", "food": "Food Name", "amount": "Amount",
      "category": "Category"}),
    (["Date", "Group", "Energy (kcal)", "Completed"], "cronometer_daily",
     {"date": "Date", "meal": "Group", "energy": "Energy (kcal)", "completed": "Completed"}),
    (["DATE", "MEAL", "CALORIES", "CALCIUM"], "mfp_summary",
     {"date": "DATE", "meal": "MEAL", "energy": "CALORIES", "calcium": "CALCIUM"}),
    (["Date", "Name", "Icon", "Type", "Quantity", "Units", "Deleted"], "loseit",
     {"date": "Date", "food": "Name", "meal": "Type", "quantity": "Quantity",
      "unit": "Units", "deleted": "Deleted"}),
    (["Fecha", "Alimento", "Cantidad", "Unidad"], "generic",
     {"date": "Fecha", "food": "Alimento", "amount": "Cantidad", "unit": "Unidad"}),
    (["Data", "Descrizione", "Alimento", "Qty"], "generic",
     {"date": "Data", "food": "Alimento", "amount": "Qty"}),
    (["  Food  Name ", "QUANTITÉ"], "generic", {"food": "  Food  Name ", "amount": "QUANTITÉ"}),
])
def test_detection_from_header_names(header, fmt, fields):
    assert detect_format(header) == (fmt, fields)


def test_no_recognisable_header_says_what_was_found_and_expected():
    with pytest.raises(DiaryFormatError) as caught:
        parse_diary(b"colour,size\nred,3\n")
    message = str(caught.value)
    assert "'colour', 'size'" in message
    assert "food column" in message and "amount column" in message


def test_a_wide_unknown_header_is_summarised():
    header = ",".join(f"col{i}" for i in range(30))
    with pytest.raises(DiaryFormatError, match="'col11', and 18 more"):
        parse_diary(header.encode() + b"\n" + b"1," * 29 + b"1\n")


def test_file_name_does_not_decide_the_format():
    data = (DIARIES / "loseit_weekly.csv").read_bytes()
    assert parse_diary(data, filename="cronometer.xlsx").format == "loseit"


def test_header_only_gives_zero_entries_and_a_note():
    diary = parse_diary(b"Date,Food,Amount\r\n")
    assert diary.entries.empty
    assert list(diary.entries.columns) == ENTRY_COLUMNS
    assert "header but no rows" in diary.notes[0]


def test_generic_file_without_dates_keeps_its_rows_and_says_so():
    diary = parse_diary(b"Food,Qty\nApple,1\nTea,1 cup\n")
    assert list(diary.entries["status"]) == ["pending", "pending"]
    assert diary.entries["date"].isna().all()
    assert any("no date column" in note for note in diary.notes)


def test_xlsx_diary():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Notes"
    sheet.append(["Some", "other", "table"])
    diary_sheet = book.create_sheet("Diary")
    for row in (["Datum", "Lebensmittel", "Menge", "Einheit"], [44868, "Quark", 250, "g"],
                [44869, "Käse", 1.5, "Scheiben"]):
        diary_sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    diary = parse_diary(out.getvalue(), filename="diary.csv")
    assert diary.format == "generic"
    assert diary.encoding == "xlsx"
    assert list(diary.entries["food_text"]) == ["Quark", "Käse"]
    assert list(diary.entries["amount_text"]) == ["250 g", "1.5 Scheiben"]
    assert list(diary.entries["date"]) == [pd.Timestamp("2022-11-03"), pd.Timestamp("2022-11-04")]


@pytest.mark.parametrize(("name", "fmt", "count"), [
    ("cronometer_servings_2022.csv", "cronometer_servings", 98),
    ("myfitnesspal_nutrition_summary.csv", "mfp_summary", 81),
])
def test_real_samples(shared_samples, name, fmt, count):
    diary = parse_diary((shared_samples / name).read_bytes())
    assert diary.format == fmt
    assert len(diary.entries) == count
    assert set(diary.entries["status"]) == {"pending"}
    assert diary.entries["date"].notna().all()
    assert diary.entries["calcium_mg"].notna().any()


cell = st.text(alphabet=st.sampled_from(list('ab1,;"\n\t /.-é')), max_size=8)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cell, min_size=0, max_size=6), max_size=12))
def test_every_non_blank_row_gets_exactly_one_entry(rows):
    text = "date,food,amount,unit\n" + "\n".join(
        ",".join('"' + c.replace('"', '""') + '"' if c else "" for c in row) for row in rows)
    try:
        diary = parse_diary(text.encode())
    except DiaryFormatError:
        return
    entries = diary.entries
    non_blank = [i + 2 for i, row in enumerate(rows) if any(row)]
    assert list(entries["row"]) == non_blank
    assert entries["status"].isin({"pending", "skipped", "rejected"}).all()


@pytest.mark.parametrize(("text", "amounts"), [
    # A blank quantity beside a unit was read as one gram / one cup.
    ("date,food,qty,unit\n2024-01-01,milk,1,cup\n2024-01-01,rice,,g\n2024-01-01,tea,,1 mug\n2024-01-01,egg,2,\n",
     ["1 cup", "", "1 mug", "2"]),
    ("Date,Name,Type,Quantity,Units,Calories\n01/01/2024,Milk,Breakfast,,Cup,150\n01/01/2024,Egg,Breakfast,2,Each,140\n",
     ["", "2 Each"]),
])
def test_a_unit_without_its_quantity_is_no_amount(text, amounts):
    entries = parse_diary(text.encode()).entries
    assert list(entries["amount_text"]) == amounts


@pytest.mark.parametrize(("name", "totals", "rejected"), [
    # row: the cell that makes it a total line, as written.  Rows 11 and 12 are short (1 and 2 cells of 3):
    # still total lines.  Row 13 has too many cells (an unquoted comma may split 'Total, cereal'): rejected.
    ("generic_total_lines.csv", {4: "TOTAL:", 7: "Daily Total", 8: "  total ", 9: "Totals", 10: "grand total :",
                                 11: "TOTAL:", 12: "Daily Total"}, [13]),
    ("mfp_food_diary_totals.csv", {3: "TOTAL:", 6: "TOTAL:", 7: "Totals", 8: "Your Daily Goal", 9: "Remaining",
                                   10: "TOTAL:"}, []),
])
def test_an_exports_total_lines_are_skipped_and_foods_named_total_are_not(name, totals, rejected):
    """Footer rows ('TOTAL:' in the date, food or (no food) meal cell) are skipped, saying so; every row is kept."""
    entries = parse(name).entries.set_index("row")
    lines = (DIARIES / name).read_text(encoding="utf-8").splitlines()
    assert list(entries.index) == list(range(2, len(lines) + 1))  # every row accounted for, once
    skipped = entries[entries["status"] == "skipped"]
    assert dict(skipped["reason"]) == {
        row: f"This row is the export's total or summary line ('{cell.strip()}'), not a food entry, "
             "so it is not counted." for row, cell in totals.items()}
    assert entries.index[entries["status"] == "rejected"].tolist() == rejected
    pending = entries.drop(index=[*totals, *rejected])
    assert (pending["status"] == "pending").all()
    assert any(food.startswith("Total cereal") for food in pending["food_text"])
