"""Excel workbooks (``.xlsx``) to rows of text cells: sheets, merged cells, formulas.

``read_sheets`` opens a workbook and gives every sheet as rows of text cells, a merged
range's value in each of its cells.  ``fill_formulas`` gives a cell holding a formula without
a saved result the formula's text (a script-written workbook), so it is not read as empty.
Which sheet is the diary is the reader's decision (``_read``): it knows what a header is.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from xml.etree import ElementTree

from analyzer.errors import DiaryFormatError

__all__ = ["Sheet", "fill_formulas", "read_sheets", "unread_sheets_note"]

#: The end of a formula (``</f>`` or a shared formula's ``<f .../>``) with no value, or an empty one,
#: before its cell ends.
_FORMULA_WITHOUT_RESULT = re.compile(
    rb"(?:</(?:\w+:)?f>|<(?:\w+:)?f\b[^>]*/>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>")
#: A merged range in a sheet's XML: ``<mergeCell ref="A2:B3"/>``.
_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


@dataclass
class Sheet:
    """One sheet of a workbook: its name, its rows of text cells, and its part in the archive."""

    title: str
    rows: list[list[str]]
    path: str | None


def read_sheets(data: bytes, max_cells: int) -> list[Sheet]:
    """Every sheet of the workbook, in order, as rows of text cells.

    Parameters
    ----------
    data
        The workbook's bytes.
    max_cells
        A merged range larger than this is left as it is (a hostile range over a whole sheet).

    Raises
    ------
    DiaryFormatError
        The workbook cannot be opened or a sheet is damaged.
    """
    import openpyxl  # imported here: only workbooks need it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True,
                                      data_only=True)
        try:  # read-only sheets are parsed here, so damage in a sheet shows up here
            sheets = []
            for sheet in book.worksheets:
                # The sheet's <dimension> (which a file may state as A1:XFD1048576) would pad every row, empty
                # ones too, to its width: 17 billion cells from a 5 kB file.  Rows are padded to the cells they hold.
                sheet.reset_dimensions()
                rows = _padded([[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)],
                               sheet.title, max_cells)
                path = getattr(sheet, "_worksheet_path", None)  # openpyxl's read-only sheet knows its part
                sheets.append(Sheet(sheet.title, _fill_merged(rows, _merged_ranges(data, sheet), max_cells), path))
            return sheets
        finally:
            book.close()
    except DiaryFormatError:
        raise
    except Exception as err:  # openpyxl raises many types for damaged files
        raise DiaryFormatError(f"The Excel workbook cannot be opened: {err}.") from err


def _padded(rows: list[list[str]], title: str, max_cells: int) -> list[list[str]]:
    """Every non-empty row padded with "" to the widest row, as Excel shows the sheet (an empty
    cell at the end of a row is no missing cell); empty rows stay empty, and keep their numbers."""
    for row in rows:
        while row and not row[-1]:
            row.pop()
    width = max((len(row) for row in rows), default=0)
    filled = sum(1 for row in rows if row)
    if filled * width > max_cells:
        raise DiaryFormatError(
            f"The sheet '{title}' has {filled:,} rows and {width:,} columns, more cells than Mineralog reads "
            f"({max_cells:,}); delete the cells far to the right of the diary, or keep only its columns.")
    for row in rows:
        if row and len(row) < width:
            row.extend([""] * (width - len(row)))
    return rows


def fill_formulas(data: bytes, sheet: Sheet) -> list[str]:
    """Give each empty cell of ``sheet`` that holds a formula without a saved result the formula's
    text (in place); return a note saying so, or nothing."""
    return _fill_formulas(sheet.rows, _formulas_without_results(data, sheet.path))


def _formulas_without_results(data: bytes, path: str | None) -> dict[tuple[int, int], str]:
    """(0-based row, column) -> formula text of the sheet's formula cells that hold no saved result.

    Excel saves each formula's last result beside it, and that is what the sheet is read as;
    files written by scripts (openpyxl, pandas) often hold the formula alone, which reads as an
    empty cell.  Streamed with ``iterparse``: the sheet may be large.
    """
    if not path or not _has_formula_without_result(data, path):
        return {}
    found: dict[tuple[int, int], str] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(path.lstrip("/")) as xml:
            for _, element in ElementTree.iterparse(xml):
                if element.tag.rpartition("}")[2] != "c":
                    continue
                parts = {child.tag.rpartition("}")[2]: child for child in element}
                ref = element.get("r")
                if "f" in parts and not ("v" in parts and parts["v"].text) and "is" not in parts and ref:
                    found[_cell_position(ref)] = parts["f"].text or ""
                element.clear()
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ElementTree.ParseError, ValueError):
        return {}  # the cells were read; without this a formula's cell is just blank, as before
    return found


def _has_formula_without_result(data: bytes, path: str) -> bool:
    """Whether the sheet's XML has a formula followed by no value (a quick scan: parsing the
    cells takes seconds on a large sheet, and Excel's own files never need it)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(path.lstrip("/")) as xml:
            tail = b""
            while chunk := xml.read(1 << 20):
                block = tail + chunk
                if _FORMULA_WITHOUT_RESULT.search(block):
                    return True
                tail = block[-256:]  # a match cut by the chunk boundary is found whole next time
    except (KeyError, zipfile.BadZipFile, OSError, EOFError):
        return False
    return False


def _fill_formulas(rows: list[list[str]], formulas: dict[tuple[int, int], str]) -> list[str]:
    """Give each empty cell holding a formula without a saved result the formula's text; a note if any."""
    filled = []
    for (row, column), formula in formulas.items():
        if row >= len(rows):
            continue
        cells = rows[row]
        if len(cells) <= column:
            cells.extend([""] * (column + 1 - len(cells)))
        if not cells[column]:
            cells[column] = f"={formula}"
            filled.append((row, column))
    if not filled:
        return []
    shown = ", ".join(f"{_cell_name(row, column)} '{rows[row][column][:30]}'" for row, column in sorted(filled)[:3])
    more = f" and {len(filled) - 3} more" if len(filled) > 3 else ""
    holds = f"{len(filled):,} cells of the sheet hold" if len(filled) > 1 else "1 cell of the sheet holds"
    return [(f"{holds} a formula whose result is not saved in the workbook ({shown}{more}), so the formula is "
             "read as written. Opening the workbook in Excel or LibreOffice and saving it again stores the results.")]


def _cell_name(row: int, column: int) -> str:
    """'B3' for 0-based row 2, column 1."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row + 1}"


def unread_sheets_note(read: str, others: list[tuple[str, int]]) -> str:
    """The note naming diary-like sheets that were not read, with their rows below the header."""
    shown = ", ".join(f"'{title}' ({rows:,} row{'s' if rows != 1 else ''})" for title, rows in others[:5])
    more = f" and {len(others) - 5} more" if len(others) > 5 else ""
    return (f"Only the sheet '{read}' of the workbook was read. Other sheets also look like a diary and were "
            f"not read: {shown}{more}; copy them into one sheet, or save each as its own file, to include them.")


def _merged_ranges(data: bytes, sheet) -> list[tuple[int, int, int, int]]:
    """The sheet's merged cell ranges as 0-based (first row, first column, last row, last column).

    A read-only sheet does not list them, so they are read from the sheet's XML (``<mergeCell
    ref="A2:A5"/>``), streamed in chunks: the sheet may be large.
    """
    path = getattr(sheet, "_worksheet_path", None)  # openpyxl's read-only sheet knows its part name
    if not path:
        return []
    refs: list[bytes] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(path.lstrip("/")) as xml:
            tail = b""
            while chunk := xml.read(1 << 20):
                block = tail + chunk
                refs += _MERGE_REF.findall(block)
                tail = block[-64:]  # a tag cut by the chunk boundary is found whole next time
    except (KeyError, zipfile.BadZipFile, OSError, EOFError):
        return []  # the cells were read; without the ranges a merged cell is just blank, as before
    ranges = []
    for ref in dict.fromkeys(refs):
        first, last = (_cell_position(part) for part in ref.decode("ascii").split(":"))
        ranges.append((first[0], first[1], last[0], last[1]))
    return ranges


def _cell_position(ref: str) -> tuple[int, int]:
    letters = ref.rstrip("0123456789")
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(ref[len(letters):]) - 1, column - 1


def _fill_merged(rows: list[list[str]], ranges: list[tuple[int, int, int, int]], max_cells: int,
                 ) -> list[list[str]]:
    """Give every cell of a merged range the range's value.

    Excel keeps a merged range's value in its top-left cell only; a day written once beside
    its foods (a date merged down the rows) or a header merged across columns means that
    value in each cell, so the rows it spans are not left without a date.
    """
    for top, left, bottom, right in ranges:
        if top >= len(rows) or left >= len(rows[top]) or (bottom - top + 1) * (right - left + 1) > max_cells:
            continue
        value = rows[top][left]
        for row in rows[top:bottom + 1]:
            if len(row) <= right:
                row.extend([""] * (right + 1 - len(row)))
            row[left:right + 1] = [value] * (right + 1 - left)
    return rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
