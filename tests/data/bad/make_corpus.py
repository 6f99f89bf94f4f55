"""Write the hostile-input corpus: files a diary upload should survive.

Every file here is made by this script so the bytes (encodings, NUL bytes,
magic numbers) are reproducible; the expected outcome of each is in
``expected.csv`` beside it.  Files that would be large are not written: the
tests call :func:`corpus_bytes`, which builds them in memory.

Run ``python tests/data/bad/make_corpus.py`` to rewrite the small files.
"""

from __future__ import annotations

import csv
import gzip
import io
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = "date,food,amount\n"


def _csv(rows: list[list[str]], header: tuple[str, ...] = ("date", "food", "amount")) -> str:
    """Rows as CSV text, quoted where the csv module says they must be."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # so a cell holding a CR is quoted
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _amounts(*amounts: str, food: str = "milk") -> bytes:
    return _csv([["2024-01-01", food, amount] for amount in amounts]).encode("utf-8")


def _foods(*foods: str, amount: str = "1 cup") -> bytes:
    return _csv([["2024-01-01", food, amount] for food in foods]).encode("utf-8")


ACCENTED = HEADER + "2024-01-01,Jalapeño,1 pepper\n2024-01-02,milk,1 cup\n"
JAPANESE = (HEADER + "2024-01-01,牛乳,200 ml\n2024-01-01,豆腐,100 g\n2024-01-02,納豆,50 g\n"
            "2024-01-02,味噌汁,1 cup\n2024-01-03,milk,1 cup\n")
KOREAN = HEADER + "2024-01-01,우유,200 ml\n2024-01-01,두부,100 g\n2024-01-02,김치,50 g\n"


def _entry(name: str) -> zipfile.ZipInfo:
    """A ZIP member with a fixed date, so the archive's bytes do not depend on the clock."""
    return zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_entry("diary.csv"), HEADER + "2024-01-01,milk,1 cup\n")
    return buffer.getvalue()


def _broken_xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_entry("[Content_Types].xml"), "<Types/>")
        archive.writestr(_entry("xl/workbook.xml"), "<workbook><sheets><sheet")  # cut off
    return buffer.getvalue()


def _zip_with_undecodable_name() -> bytes:
    """A ZIP whose central directory names a file in bytes that are not the UTF-8 it declares."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_entry("é.csv"), HEADER)  # a non-ASCII name sets the UTF-8 flag
    data = bytearray(buffer.getvalue())
    name = data.rfind(b"PK\x01\x02") + 46  # the name field of the central directory entry
    data[name:name + 2] = b"\xff\xff"
    return bytes(data)


_SHEET = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<dimension ref="A1:C2"/><sheetData>'
          '<row r="1"><c r="A1" t="inlineStr"><is><t>date</t></is></c><c r="B1" t="inlineStr"><is><t>food</t></is>'
          '</c><c r="C1" t="inlineStr"><is><t>amount</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is>'
          '<t>2024-01-01</t></is></c><c r="B2" t="inlineStr"><is><t>milk</t></is></c><c r="C2" t="inlineStr">'
          '<is><t>1 cup</t></is></c></row></sheetData></worksheet>')


def _workbook(sheet: str) -> bytes:
    """A minimal .xlsx with one sheet whose XML is ``sheet``."""
    main = "http://schemas.openxmlformats.org"
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{main}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{main}/package/2006/relationships"><Relationship Id="rId1" '
        f'Type="{main}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}/spreadsheetml/2006/main" '
        f'xmlns:r="{main}/officeDocument/2006/relationships"><sheets>'
        '<sheet name="Diary" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{main}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{main}/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(_entry(name), text)
    return buffer.getvalue()


def _sqlite() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "diary.sqlite"
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE diary (date TEXT, food TEXT, amount TEXT)")
        connection.close()
        return path.read_bytes()


def _nul_laden() -> bytes:
    text = (HEADER + "2024-01-01,milk,1 cup\n" * 20).encode()
    return b"".join(bytes([byte]) + (b"\x00" if i % 7 == 3 else b"") for i, byte in enumerate(text))


#: name -> the file's bytes (small enough to commit).
CASES: dict[str, Callable[[], bytes]] = {
    # encodings
    "enc_utf16le_no_bom.csv": lambda: ACCENTED.encode("utf-16-le"),
    "enc_utf16be_no_bom.csv": lambda: ACCENTED.encode("utf-16-be"),
    "enc_utf16_bom.csv": lambda: ACCENTED.encode("utf-16"),
    "enc_utf16_damaged.csv": lambda: ACCENTED.encode("utf-16") + b"\x00\xd8",
    "enc_utf8_bom.csv": lambda: ACCENTED.encode("utf-8-sig"),
    "enc_cp1252_undeclared.csv": lambda: (ACCENTED + "2024-01-03,banana,1\n").encode("cp1252"),
    "enc_mixed_utf8_cp1252.csv": lambda: (HEADER + "2024-01-01,Jalapeño,1 pepper\n").encode()
    + "2024-01-02,Jalapeño,1 pepper\n".encode("cp1252"),
    "enc_shift_jis.csv": lambda: JAPANESE.encode("shift_jis"),
    "enc_euc_kr.csv": lambda: KOREAN.encode("euc_kr"),
    "enc_utf8_stray_byte.csv": lambda: (HEADER + "2024-01-01,milk,1 cup\n").encode()
    + b"2024-01-02,banana\xff,1\n",
    # not text
    "bin_nul_bytes.csv": _nul_laden,
    "bin_zip_renamed.csv": _zip,
    "bin_png_renamed.csv": lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "bin_pdf_renamed.csv": lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "bin_gzip_renamed.csv": lambda: gzip.compress(ACCENTED.encode(), mtime=0),
    "bin_sqlite_renamed.csv": _sqlite,
    "bin_broken_workbook.xlsx": _broken_xlsx,
    "bin_workbook_ok.xlsx": lambda: _workbook(_SHEET),
    "bin_truncated_sheet.xlsx": lambda: _workbook(_SHEET[:len(_SHEET) // 2]),
    "bin_zip_undecodable_name.csv": _zip_with_undecodable_name,
    # shape
    "shape_empty.csv": lambda: b"",
    "shape_whitespace_only.csv": lambda: b" \r\n\t\r\n\r\n   ",
    "shape_bom_only.csv": lambda: b"\xef\xbb\xbf",
    "shape_one_column.csv": lambda: b"food\nmilk\nbanana\n",
    "shape_header_only.csv": lambda: HEADER.encode(),
    "shape_unbalanced_quote.csv": lambda: (HEADER + '2024-01-01,"milk,1 cup\n2024-01-02,banana,1\n'
                                           "2024-01-03,egg,1\n").encode(),
    "shape_text_after_quote.csv": lambda: (HEADER + '2024-01-01,"milk" whole,1 cup\n2024-01-02,egg,1\n').encode(),
    "shape_duplicate_headers.csv": lambda: b"date,food,amount,food,Amount\n2024-01-01,milk,1 cup,banana,2\n",
    "shape_ragged_rows.csv": lambda: (HEADER + "2024-01-01,milk\n2024-01-02,milk,1,cup\n2024-01-03,egg,1\n").encode(),
    "shape_blank_lines.csv": lambda: ("\r\n\r\n" + HEADER.replace("\n", "\r\n") + "\r\n2024-01-01,milk,1 cup\r\n"
                                      "\r\n\r\n2024-01-02,banana,1\r\n").encode(),
    "shape_old_mac_line_ends.csv": lambda: HEADER.replace("\n", "\r").encode() + b"2024-01-01,milk,1 cup\r"
    b"2024-01-02,egg,1\r",
    "shape_newline_in_cell.csv": lambda: (HEADER + '2024-01-01,"milk\nwhole",1 cup\n2024-01-02,banana,1\n').encode(),
    "shape_long_amount_cell.csv": lambda: _amounts("1" * 100_000, "2" * 400 + " g", "1 cup"),
    "shape_mixed_delimiters.csv": lambda: (HEADER + "2024-01-01;milk;1 cup\n2024-01-02,banana,1\n"
                                           "2024-01-03\tegg\t1\n2024-01-04;bread\n").encode(),
    "shape_lines_wrapped_in_quotes.csv": lambda: (b'"date,food,amount"\r\n"2024-01-01,""milk, whole"",1 cup"\r\n\r\n'
                                                  b'"2024-01-02,banana,1"\r\n'),
    "shape_semicolon_decimal_comma.csv": lambda: b"date;food;amount\n2024-01-01;milk;0,5 l\n2024-01-02;banana;1,5\n",
    "shape_garbage_nutrients.csv": lambda: _csv([["2025-01-05", "Breakfast", "Milk", "1 cup", "abc", "1e999", "10"],
                                                 ["2025-01-06", "Lunch", "Banana", "1", "100", "-50", "NaN"],
                                                 ["2025-01-07", "Dinner", "Egg", "1", "inf", "5", "5"]],
                                                ("Day", "Group", "Food Name", "Amount", "Energy (kcal)",
                                                 "Calcium (mg)", "Magnesium (mg)")).encode(),
    # dates
    "dates_year_0001_9999.csv": lambda: (HEADER + "0001-01-01,milk,1 cup\n9999-12-31,milk,1 cup\n"
                                         "2024-01-01,milk,1 cup\n").encode(),
    "dates_unreal.csv": lambda: (HEADER + "2024-02-30,milk,1 cup\nyesterday,milk,1 cup\n,milk,1 cup\n"
                                 "99999,milk,1 cup\n").encode(),
    # amounts
    "amount_huge.csv": lambda: _amounts("1e308", "1e309", "99999999999999999999 g", "1e7 g"),
    "amount_nan_inf.csv": lambda: _amounts("NaN", "nan g", "inf", "-inf", "Infinity"),
    "amount_negative_zero.csv": lambda: _amounts("-3", "0", "-0", "0.0 g", "- 2 cups"),
    "amount_divide_by_zero.csv": lambda: _amounts("1/0", "0/0 g", "1 1/0 cup"),
    "amount_lookalike_digits.csv": lambda: _amounts("１００ g", "١٠٠ g", "𝟏𝟎𝟎 g", "१०० g", "10⁵ g"),
    "amount_invisible_marks.csv": lambda: _amounts("100\u200bg", "\u200f100 g", "100\u00adg", "\u202e100 g"),
    "amount_trademark_sign.csv": lambda: _csv([["2024-01-01", "milk", "1 cup ™"], ["2024-01-01", "milk™", "1 cup"],
                                               ["2024-01-01", "2 eggs™", ""],
                                               ["2024-01-01", "milk", "1℠ cup"]]).encode(),
    "amount_deep_hint.csv": lambda: _amounts("1 lg " * 600, "1 serving 2 lg " * 400, "1 each " * 600),
    # text
    "text_formula_injection.csv": lambda: _foods("=milk", "+milk", "-2+3", "@SUM(A1)", "\t=2+5", "\r=2+5",
                                                 '=HYPERLINK("http://example.invalid","x")',
                                                 "=cmd|' /C calc'!A0"),
    "text_html_script.csv": lambda: _foods("<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                                           "<b>milk</b>", "milk</td></tr><tr><td>evil"),
    "text_right_to_left.csv": lambda: _foods("חלב", "حليب", "milk \u202eklim", "\u200fbanana"),
    "text_emoji.csv": lambda: _foods("🥛", "🍌 banana", "milk 🥛🥛🥛", "👩‍👩‍👧‍👦"),
    "text_control_chars.csv": lambda: _foods("\x1b[31mmilk\x1b[0m", "banana\x07", "\x08\x08egg"),
}


def _wide(named: bool) -> bytes:
    names = [f"c{i}" for i in range(10_000)]
    if named:
        names[:3] = ["date", "food", "amount"]
    cells = ["x"] * 10_000
    cells[:3] = ["2024-01-01", "milk", "1 cup"]
    return (",".join(names) + "\n" + ",".join(cells) + "\n").encode()


#: name -> bytes, built in memory by the tests only (too big to commit).
LARGE: dict[str, Callable[[], bytes]] = {
    "large_10000_columns.csv": lambda: _wide(named=True),
    "large_10000_columns_no_diary.csv": lambda: _wide(named=False),
    "large_long_food_cell.csv": lambda: _foods("milk " * 300_000, "banana"),
    "large_20000_rows.csv": lambda: _csv([[f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", food, amount]
                                          for i in range(10_000)
                                          for food, amount in (("milk", "1 cup"), ("egg", "1"))]).encode(),
}


def corpus_bytes(name: str) -> bytes:
    """The bytes of corpus file ``name`` (read from disk, or built when large)."""
    if name in LARGE:
        return LARGE[name]()
    return (HERE / name).read_bytes()


def main() -> None:
    for name, make in CASES.items():
        (HERE / name).write_bytes(make())
    print(f"wrote {len(CASES)} files to {HERE}; {len(LARGE)} more are built by the tests")


if __name__ == "__main__":
    main()
