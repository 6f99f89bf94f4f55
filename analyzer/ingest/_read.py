"""Bytes to a table of text cells: encoding, delimiter, rows, row numbers.

``read_table`` turns an uploaded file (CSV, TSV, semicolon or pipe separated
text in any common encoding, or an Excel ``.xlsx`` workbook) into a
``RawTable``: the header, one row of text cells per non-blank data row, and for
every row its spreadsheet row number (the header is row 1 when the file starts
with it) and a problem sentence when the row has the wrong number of cells.

It knows nothing about diary formats; ``_formats`` decides what the columns
mean.  Cells are kept exactly as written (formulas, HTML and very long text
included): neutralising happens on export, not here.  The one exception is
the ``'`` our own CSV exports put before formula-like text, which is removed
(``_cells.restore``) so an exported file reads back as it was.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analyzer.errors import DiaryFormatError
from analyzer.ingest._cells import restore
from analyzer.ingest._east_asian import EAST_ASIAN, READ_ENCODINGS, east_asian_readings, reads_as_western
from analyzer.ingest._file_kind import BINARY_ROW, is_xlsx, refuse_non_table, strip_binary
from analyzer.ingest._mac_roman import reads_better_as_mac_roman
from analyzer.ingest._workbook import fill_formulas, read_sheets, unread_sheets_note

__all__ = ["MAX_BYTES", "RawTable", "read_table"]

#: Largest file read, in bytes: the app's upload limit (``server.maxUploadSize`` = 50
#: in .streamlit/config.toml, in MiB).  Larger files are refused before any decoding.
#: Why 50: a 50 MiB diary of short lines is ~1.9 million rows and peaks at ~2.5 GB while
#: imported and analysed (tests/test_memory.py); real exports, even years of Cronometer
#: servings with every nutrient column, stay far below it.
MAX_BYTES = 50 * 1024 * 1024

#: Candidate delimiters, in order of preference when they score the same.
DELIMITERS = (",", ";", "\t", "|")
#: Lines looked at when sniffing the delimiter.
SNIFF_LINES = 50
#: Encodings that cp1252 already stands for; a detector naming one of these
#: is not a reason to leave cp1252.
_LATIN_FAMILY = {"cp1252", "latin_1", "iso8859_15", "iso8859_1", "ascii"}
#: Python's names for the East Asian encodings a detector may guess; ``_east_asian`` decides those.
_EAST_ASIAN_FAMILY = {"cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004",
                      "euc_jisx0213", "iso2022_jp", "gb18030", "gbk", "gb2312", "hz", "big5", "big5hkscs",
                      "cp950", "euc_kr", "cp949", "johab", "iso2022_kr"}
#: One line and its end (\n, \r\n or \r, as ``open(newline="")`` splits them).
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")
#: The line Excel writes and reads first in a CSV to say its delimiter.
_SEP_LINE = re.compile(r"\A\s*sep=(.)[ \t]*(?:\r\n|\r|\n)", re.IGNORECASE)
#: Non-blank records searched for the header when the first one has no name we know.
_HEADER_SEARCH = 10
#: Known names a later record needs to be taken as the header.
_HEADER_NAMES = 2
#: How the cells of a skipped record above the header are shown in the note.
_DELIMITED = " "
#: Most cells a table may have (8 bytes each in the array): a 50 MB Cronometer export has about
#: 11 million; a header of a million names over many rows would otherwise ask for gigabytes.
_MAX_CELLS = 32_000_000
#: Distinct cell texts shared while reading; beyond this many, new texts are kept as they come
#: (a file of all-different cells would make the table of them cost more than it saves).
_DISTINCT_CELLS = 1_000_000
#: The encoding reported for a file whose lines mix UTF-8 and cp1252.
MIXED_ENCODING = "utf-8+cp1252"
#: Below this many non-ASCII bytes a detector's guess is not trusted over cp1252.
_DETECTOR_MIN_NON_ASCII = 32

@dataclass
class RawTable:
    """A file read into text cells, before anyone says what the columns mean.

    Attributes
    ----------
    header
        Column names as written, made unique (a repeated name gets `` (2)``).
    cells
        One row per non-blank data row, one text column per header name;
        missing cells are "".  The index is the spreadsheet row number.
    problem
        Per row (same index): "" or a sentence saying the row has the wrong
        number of cells.
    raw
        Per row: the row's cells joined by ``delimiter``.
    encoding, delimiter
        How the file was read (``xlsx`` and a tab for workbooks).
    short
        Per row: whether it has fewer cells than the header (its cells stand in their
        columns, the missing ones are ""), unlike a row with too many cells.
    notes
        Sentences for the user about how the file was read.
    """

    header: list[str]
    cells: pd.DataFrame
    problem: pd.Series
    raw: pd.Series
    encoding: str
    delimiter: str
    short: pd.Series
    notes: list[str] = field(default_factory=list)


def read_table(data: bytes,
               header_score: Callable[[Sequence[str]], float] | None = None,
               ) -> RawTable:
    """Read a diary file's bytes into a table of text cells.

    Parameters
    ----------
    data
        The whole file.
    header_score
        For workbooks with several sheets: scores a sheet's first row; the
        sheet with the highest score is read (the first sheet on ties).

    Returns
    -------
    RawTable

    Raises
    ------
    DiaryFormatError
        The file is empty, binary, larger than ``MAX_BYTES``, or has no header row.
    """
    if len(data) > MAX_BYTES:
        raise DiaryFormatError(
            f"The file is {len(data) / 2**20:,.0f} MB; Mineralog reads diaries up to "
            f"{MAX_BYTES / 2**20:,.0f} MB. Export a shorter date range.")
    if not data.strip():
        raise DiaryFormatError("The file is empty.")
    refuse_non_table(data)
    if is_xlsx(data):
        records, sheet_notes = _xlsx_records(data, header_score)
        table = _table_from_records(records, "\t", "xlsx", capacity=len(records), header_score=header_score)
        table.notes += sheet_notes
        return table
    text, encoding, binary_notes = _decode_text(data)
    del data  # the text holds it all now
    unwrapped = _unwrap_quoted_lines(text)
    if unwrapped is not None:
        text = unwrapped
        binary_notes.append("Every line of the file is wrapped in one pair of quotes (as when CSV text is pasted "
                            "into one spreadsheet column); the quotes were taken off and each line read as a row.")
    declared = _SEP_LINE.match(text)  # Excel's "sep=;" first line names the delimiter
    delimiter = declared.group(1) if declared and declared.group(1) in DELIMITERS else sniff_delimiter(text)
    csv.field_size_limit(sys.maxsize)  # long cells are data, not an error
    notes: list[str] = []
    # Lines bound the rows (a record takes one line or more), so the cells can be placed as they are read.
    lines = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    try:
        table = _table_from_records(_records(text, delimiter, notes), delimiter, encoding, capacity=lines,
                                    header_score=header_score)
    except csv.Error as err:
        raise DiaryFormatError(f"The file cannot be read as a table: {err}.") from err
    table.notes += binary_notes + notes
    if encoding == MIXED_ENCODING:
        table.notes.append("Some lines of the file are UTF-8 and others Windows-1252; "
                           "each line was read in its own encoding.")
    return table


def _unwrap_quoted_lines(text: str) -> str | None:
    """The text inside the quotes when every line is one quoted cell holding a delimited row, else None.

    CSV text pasted into one spreadsheet column and saved again comes back with each line
    quoted whole (``"2024-01-01,milk,1 cup"``): read as it is, the file has one column and
    no diary header.  Only taken when every non-blank line is exactly one cell, no cell
    spans lines (row numbers stay true), and the first holds a delimiter; an ordinary fully
    quoted file (``"a","b"``) has several cells a line and is left alone.
    """
    first = next((line for line in itertools.islice(_LINE.finditer(text), SNIFF_LINES) if line.group().strip()),
                 None)
    if first is None or not first.group().lstrip().startswith('"'):
        return None
    lines: list[str] = []
    for record in csv.reader((match.group() for match in _LINE.finditer(text)), delimiter=","):
        if len(record) > 1 or (record and ("\n" in record[0] or "\r" in record[0])):
            return None
        lines.append(record[0] if record else "")
    header = next((line for line in lines if line.strip()), "")
    if not any(delimiter in header for delimiter in DELIMITERS):
        return None
    return "\n".join(lines) + "\n"


def _records(text: str, delimiter: str, notes: list[str]) -> Iterator[list[str]]:
    """Split text into records; a quote never closed does not swallow the rest of the file.

    A quoted cell may hold line breaks, so one unclosed quote would make every
    later line part of one cell and those rows would vanish.  When the last
    record's quote is still open at the end of the file, its lines are read one
    line per row instead, and a note (appended to ``notes``) says so.  Records
    come one at a time: a list of them costs more than the table they make.
    """
    consumed = 0  # characters the reader has taken so far: where the next record starts

    def lines() -> Iterator[str]:  # one at a time: a list of lines, or a StringIO (4 bytes a character), costs more
        nonlocal consumed
        for match in _LINE.finditer(text):
            consumed = match.end()
            yield match.group()

    reader = csv.reader(lines(), delimiter=delimiter)
    # A diary repeats its cells ("0.00", the same foods and units): one string object per distinct
    # text keeps a 50 MB Cronometer export (11 million cells) to a fraction of the memory.
    seen: dict[str, str] = {}
    last: list[str] | None = None  # held back until we know whether its quote was closed
    count, last_start, record_end = 0, 0, 0
    for record in reader:
        if last is not None:
            yield last
        count += 1
        last_start, record_end = record_end, consumed
        if len(seen) < _DISTINCT_CELLS:
            last = [seen.setdefault(cell, cell) for cell in record]
        else:
            last = [seen.get(cell, cell) for cell in record]
    if last is None:
        return
    tail = io.StringIO(text[last_start:], newline="").readlines()
    if not _quote_left_open(tail, delimiter):
        yield last
        return
    if len(tail) < 2:  # the last line alone: it is one row either way, but the user should know why it is cut
        notes.append(f"A quote opened on row {count} (the last line) is never closed; the file may be cut off.")
        yield last
        return
    notes.append(f"A quote opened on row {count} is never closed; from there on each line is read as one row.")
    for line in tail:
        yield next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter), [])


def _quote_left_open(lines: list[str], delimiter: str) -> bool:
    """Whether the record made of ``lines`` ends the file inside a quoted cell."""
    try:
        for _ in csv.reader(lines, delimiter=delimiter, strict=True):
            pass
    except csv.Error as err:
        return "unexpected end of data" in str(err)
    return False


def _decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """``decode``, after NUL padding is stripped and a few lines holding NUL bytes are let through."""
    utf32 = _utf32(data)
    if utf32:
        return _decode_checked(data, utf32), utf32, []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data):
        return *decode(data), []
    data, notes = strip_binary(data.rstrip(b"\x1a"))  # DOS end-of-file mark (Ctrl-Z) after the last line
    if not data.strip(b" \t\r\n\x00"):
        raise DiaryFormatError("The file is empty.")
    return *decode(data, nul_allowed=True), notes


def decode(data: bytes, nul_allowed: bool = False) -> tuple[str, str]:
    """Decode file bytes, returning the text and the encoding used.

    ``nul_allowed`` lets NUL bytes through (``_file_kind.strip_binary`` has
    decided they are a few spoiled lines).

    Strict UTF-8 (with or without BOM) first, then UTF-16 by BOM or by the
    pattern of NUL bytes, then lines mixing UTF-8 and cp1252.  Then Mac Roman when
    it reads as Western European text better than cp1252 (``_mac_roman``); then cp1252 when
    it reads as Western European text; if it does not, the one East Asian
    encoding the bytes fit (``_east_asian``); then, for other text (Cyrillic,
    Greek ...), an encoding a detector is sure of from at least
    ``_DETECTOR_MIN_NON_ASCII`` non-ASCII bytes; then cp1252; then latin-1
    (which decodes anything).

    Raises
    ------
    DiaryFormatError
        The bytes contain NUL bytes that are not UTF-16 text, or fit more than
        one East Asian encoding.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_checked(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_checked(data, "utf-16"), "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode_checked(data, utf16), utf16
    if b"\x00" in data and not nul_allowed:
        raise DiaryFormatError(
            "This file contains binary data (NUL bytes), not a diary table; "
            "export the diary as CSV instead.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed, MIXED_ENCODING
    return _decode_legacy(data)


def _decode_mixed(data: bytes) -> str | None:
    """Text of a file whose lines are partly UTF-8 and partly cp1252 (two exports pasted
    together), each line in its own encoding; None when the file is not such a mix."""
    lines, utf8, legacy = [], 0, 0
    for line in data.splitlines(keepends=True):
        if line.isascii():
            lines.append(line.decode("ascii"))
            continue
        try:
            lines.append(line.decode("utf-8"))
            utf8 += 1
        except UnicodeDecodeError:
            try:
                lines.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                return None
            legacy += 1
    return "".join(lines) if utf8 and legacy else None


def _utf32(data: bytes) -> str | None:
    """"utf-32" when the bytes are UTF-32 text (by BOM, or three NUL bytes in every four), else None.

    Checked before UTF-16: a UTF-32 BOM starts with the UTF-16 one, and read as UTF-16 the
    text would come out with a NUL after every letter.
    """
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    head = data[:4000]
    if len(head) < 8 or len(head) % 4:
        return None
    quads = [head[at:at + 4] for at in range(0, len(head), 4)]
    if all(quad == b"\x00\x00\x00\x00" for quad in quads):
        return None  # NUL bytes only: binary, refused elsewhere
    if all(quad[2:] == b"\x00\x00" for quad in quads):  # every character below U+10000, low byte first
        return "utf-32-le"
    if all(quad[:2] == b"\x00\x00" for quad in quads):
        return "utf-32-be"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:2000]
    odd, even = head[1::2], head[0::2]
    if len(head) < 4:
        return None
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _decode_checked(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise DiaryFormatError(
            f"The file looks like {encoding.upper()} text but is damaged "
            f"near byte {err.start}.") from err


def _decode_legacy(data: bytes) -> tuple[str, str]:
    try:
        text: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    # Western European text stays cp1252 whatever a detector says: on long French text
    # charset-normalizer 3.5 names cp1250 and "Crème" would read "Crčme".
    western = text is not None and reads_as_western(text)
    readings = {} if western else east_asian_readings(data)
    if reads_better_as_mac_roman(data, western, readings):
        return data.decode("mac_roman"), "mac_roman"
    if western:
        assert text is not None
        return text, "cp1252"
    if len(readings) == 1:
        [(encoding, east_asian)] = readings.items()
        return east_asian, encoding
    if readings:
        names = " and ".join(EAST_ASIAN[encoding] for encoding in readings)
        raise DiaryFormatError(
            f"The file's text reads as {names} alike, so its characters cannot be told for sure. "
            f"Mineralog reads {READ_ENCODINGS}: save the file as UTF-8 "
            "(in Excel: Save As, CSV UTF-8) and upload it again.")
    non_ascii = sum(1 for b in data[:65536] if b > 0x7F)
    import charset_normalizer  # here: only files in no encoding named above get this far (14 ms to import)

    best = charset_normalizer.from_bytes(data[:65536]).best()
    # East Asian encodings were decided above, without a guess: a detector naming one is not sure.
    guess = best.encoding if best is not None and best.encoding not in _EAST_ASIAN_FAMILY else None
    detector_sure = guess is not None and non_ascii >= _DETECTOR_MIN_NON_ASCII and guess not in _LATIN_FAMILY
    if text is not None and not detector_sure:
        return text, "cp1252"
    if guess is not None:
        return data.decode(guess, errors="replace"), guess
    return data.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """Choose the delimiter from the header line and a sample of rows.

    A candidate scores by how many sample rows have as many cells as its
    header (the first line it splits in two or more), then by how many cells
    the header has.  A file with one column reads as comma separated.
    """
    head = text[:65536].splitlines()[:SNIFF_LINES]
    sample = "\n".join(line for line in head if line.strip())
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        rows = list(csv.reader(io.StringIO(sample), delimiter=delimiter))
        # The header is the first line the delimiter splits: a title line above it has one cell.
        start = next((at for at, row in enumerate(rows) if len(row) >= 2), None)
        if start is None:
            continue
        width = len(rows[start])
        # A delimiter that splits only the last line has no rows to agree with it: when lines
        # above it are written with another delimiter, they are the table and it is a stray row.
        body = rows[start + 1:] or (rows[start:] if start == 0 else [])
        if not body:
            best, best_score = (delimiter, (0.0, width)) if (0.0, width) > best_score else (best, best_score)
            continue
        agreeing = sum(1 for row in body if len(row) == width) / len(body)
        score = (agreeing, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _table_from_records(records: Iterable[list[str]], delimiter: str, encoding: str, *, capacity: int,
                        header_score: Callable[[Sequence[str]], float] | None = None) -> RawTable:
    """The table of the header record (``_find_header``) and every later non-blank record as a row.

    ``capacity`` bounds the number of records: each row's cells go straight into one array of
    that many rows, trimmed at the end, so the rows are never held twice.
    """
    header_at, header_cells_raw, rows, above = _find_header(iter(records), header_score)
    header_at, header_cells_raw, rows, two_rows = _second_header_row(header_at, header_cells_raw, rows, header_score)
    header_cells = [cell.strip() for cell in header_cells_raw]
    while header_cells and not header_cells[-1]:
        header_cells.pop()  # trailing empty columns (Excel pads rows)
    header, notes = unique_names(header_cells)
    width = len(header)

    most_rows = max(capacity - header_at - 1, 1)
    cells = np.full((min(most_rows, _MAX_CELLS // max(width, 1) + 1), width), "", dtype=object)
    numbers: list[int] = []
    lengths: list[int] = []
    raw: list[str] = []
    empty_cells: list[int] = []  # lines of delimiters only (",,,"): said in a note, as they are not entries
    quoted_rows: list[int] = []  # positions of rows with a cell starting with "'", for _cells.restore
    opening_quote = delimiter + "'"
    other_delimiter: dict[str, list[int]] = {}  # rows written with another delimiter than the file's
    for number, record in enumerate(rows, start=header_at + 2):
        if len(record) == 1 and width > 1 and encoding != "xlsx":
            record = _split_by_other_delimiter(record, delimiter, width, number, other_delimiter)
        if not any(record):
            if len(record) > 1 and encoding != "xlsx":  # a sheet's empty rows are not written lines
                empty_cells.append(number)
            continue  # blank lines are not rows, but row numbers stay true to the file
        if len(numbers) == len(cells):  # a very wide table, or capacity was an estimate after all
            if cells.size >= _MAX_CELLS:
                raise DiaryFormatError(
                    f"The file has {width:,} columns and more than {len(numbers):,} rows, more cells than Mineralog "
                    f"reads ({_MAX_CELLS:,}); keep only the diary's columns, or export a shorter date range.")
            cells = np.concatenate([cells, np.full_like(cells, "")])
        cells[len(numbers), :min(len(record), width)] = record[:width]
        line = delimiter.join(record)
        if line.startswith("'") or opening_quote in line:  # a cell starting with ' (C-speed tests per row)
            quoted_rows.append(len(numbers))
        numbers.append(number)
        lengths.append(len(record))
        raw.append(line)
    # A view of a much larger array would keep all of it alive (a file of blank lines).
    cells = cells[:len(numbers)] if 2 * len(numbers) >= len(cells) else cells[:len(numbers)].copy()

    row_numbers = pd.Index(numbers, name="row", dtype=int)
    problems = _cell_count_problems(lengths, header, len(header_cells_raw), delimiter)
    problems = [BINARY_ROW if "\x00" in line else problem for line, problem in zip(raw, problems, strict=True)]
    for at in quoted_rows:  # by row, not by column: a file of 100,000 columns took a pandas call per column
        cells[at] = [restore(cell) if cell.startswith("'") else cell for cell in cells[at]]
    frame = pd.DataFrame(cells, index=row_numbers, columns=header, dtype=object, copy=False)
    if above:
        shown = ", ".join(f"row {number} '{text[:40]}'" for number, text in above[:3])
        more = f" and {len(above) - 3} more" if len(above) > 3 else ""
        notes.append(f"The header is on row {header_at + 1}; the rows above it are not a header or entries and "
                     f"were not read: {shown}{more}.")
    elif header_at > 0 and not two_rows:
        notes.append(f"The header is on row {header_at + 1}; the rows above it are empty.")
    if two_rows:
        notes.append(f"The header takes two rows ({header_at} and {header_at + 1}); a column named on both "
                     "is read by its name on the second.")
    for other, numbers_read in other_delimiter.items():
        notes.append(_other_delimiter_note(other, delimiter, numbers_read))
    if empty_cells:
        shown = ", ".join(str(number) for number in empty_cells[:5]) + (" ..." if len(empty_cells) > 5 else "")
        notes.append(f"{len(empty_cells):,} lines of the file (rows {shown}) hold only empty cells; they are not "
                     "entries." if len(empty_cells) > 1 else
                     f"1 line of the file (row {shown}) holds only empty cells; it is not an entry.")
    return RawTable(
        header=header,
        cells=frame,
        problem=pd.Series(problems, index=row_numbers, dtype=object),
        raw=pd.Series(raw, index=row_numbers, dtype=object),
        encoding=encoding,
        delimiter=delimiter,
        notes=notes,
        short=pd.Series(np.asarray(lengths, dtype=int) < width, index=row_numbers, dtype=bool),
    )


def _split_by_other_delimiter(record: list[str], delimiter: str, width: int, number: int,
                              found: dict[str, list[int]]) -> list[str]:
    """A one-cell record split by another delimiter when that gives exactly ``width`` cells.

    Lines pasted from another export ("2024-01-02;milk;1 cup" in a comma file) read as one
    cell, and the row would be rejected for its cell count although every cell is there.  Only
    a split into the header's own number of columns is taken: it cannot be a food name that
    happens to hold a semicolon.  ``found`` collects the row numbers per delimiter for a note.
    """
    for other in DELIMITERS:
        if other == delimiter or other not in record[0]:
            continue
        cells = next(csv.reader([record[0]], delimiter=other), [])
        if len(cells) == width:
            found.setdefault(other, []).append(number)
            return cells
    return record


def _other_delimiter_note(other: str, delimiter: str, numbers: list[int]) -> str:
    """The note on rows read with their own delimiter, naming the first few."""
    names = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}
    shown = ", ".join(str(number) for number in numbers[:5]) + (" ..." if len(numbers) > 5 else "")
    if len(numbers) == 1:
        return (f"Row {shown} separates its cells with {names[other]} where the rest of the file uses "
                f"{names[delimiter]}; it was read with {names[other]}.")
    return (f"{len(numbers):,} rows ({shown}) separate their cells with {names[other]} where the rest of the "
            f"file uses {names[delimiter]}; they were read with {names[other]}.")


def _find_header(rows: Iterator[list[str]], header_score: Callable[[Sequence[str]], float] | None,
                 ) -> tuple[int, list[str], Iterator[list[str]], list[tuple[int, str]]]:
    """The header: the first non-blank record, unless none of its names is known and a later one has two.

    Looks at the first ``_HEADER_SEARCH`` non-blank records, so a title line, an export date or
    Excel's ``sep=;`` line above the header does not hide the columns.  Returns the header's
    0-based record index, its cells, the records after it, and (row number, text) of the
    non-blank records skipped above it.
    """
    head: list[list[str]] = []
    filled = 0
    for record in rows:
        head.append(record)
        if not any(record):
            continue
        filled += 1
        if filled == 1 and (header_score is None or header_score(record) > 0):
            break  # the usual case: the first non-blank record is the header
        if filled == _HEADER_SEARCH:
            break
    candidates = [at for at, record in enumerate(head) if any(record)]
    if not candidates:
        raise DiaryFormatError("The file is empty.")
    scores = [header_score(head[at]) if header_score else 0.0 for at in candidates]
    # Two known names at least (a diary names its food and amount): a data row holding the fruit
    # "Date" must not pass for a header.
    header_at = candidates[scores.index(max(scores))] if max(scores) >= _HEADER_NAMES else candidates[0]
    # A title merged over several cells is one text, shown once.
    above = [(at + 1, _DELIMITED.join(cell for cell, _ in itertools.groupby(head[at])).strip(_DELIMITED))
             for at in candidates if at < header_at]
    return header_at, head[header_at], itertools.chain(head[header_at + 1:], rows), above


def _second_header_row(header_at: int, header: list[str], rows: Iterator[list[str]],
                       header_score: Callable[[Sequence[str]], float] | None,
                       ) -> tuple[int, list[str], Iterator[list[str]], bool]:
    """The header and the rows after it, with a second header row folded in when there is one.

    A workbook may name a group of columns on one row ("Food", merged over two columns) and
    the columns themselves on the next ("name", "amount").  The next record is such a row when
    both name known columns and the two rows together (a name on the second row replacing
    the one above) name more known columns than the first alone; a data row (dates,
    numbers, foods) names none, or at most one.
    """
    if header_score is None:
        return header_at, header, rows, False
    following = next(rows, None)
    if following is None:
        return header_at, header, rows, False
    width = max(len(header), len(following))
    padded = [*header, *[""] * (width - len(header))]
    combined = [below.strip() or above for above, below in zip(padded, [*following, *[""] * width], strict=False)]
    def distinct(names: Sequence[str]) -> list[str]:  # "Food" merged over two columns is one name
        return list({name.strip().casefold(): name for name in names}.values())

    first, both = header_score(distinct(header)), header_score(distinct(combined))
    # Both rows must name known columns: a first row of unknown names stays unknown (and is reported)
    # even when a cell below it reads "Date" (the fruit).
    if first >= 1 and header_score(following) >= 1 and both >= _HEADER_NAMES and both > first:
        return header_at + 1, combined, rows, True
    return header_at, header, itertools.chain([following], rows), False


def _cell_count_problems(lengths: list[int], header: Sequence[str], header_width: int,
                         delimiter: str) -> list[str]:
    """Per row, "" or why its number of cells is wrong, naming the columns concerned.

    Fewer cells than named columns is wrong.  More cells is wrong beyond the
    header's own cells and beyond the length most rows have (an export that
    ends every row with a delimiter is consistent, not broken).
    """
    name = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}[delimiter]
    width = len(header)
    usual = Counter(lengths).most_common(1)[0][0] if lengths else width
    most = max(header_width, usual)

    def cells(count: int) -> str:
        return "1 cell" if count == 1 else f"{count} cells"

    def sentence(count: int) -> str:
        if count < width:
            return (f"This row has {cells(count)} but the header has {width} columns: "
                    f"nothing for {_column_list(header[count:])}.")
        if count > most:
            last = f" after '{header[-1]}'" if header else ""
            have = "has" if count - width == 1 else "have"
            return (f"This row has {cells(count)} but the header has {width} columns: "
                    f"{cells(count - width)}{last} {have} no column; a {name} inside a food name "
                    "may be missing its quotes.")
        return ""

    said = {count: sentence(count) for count in set(lengths)}  # a sentence per length, not per row
    return [said[count] for count in lengths]


def _column_list(names: Sequence[str], shown: int = 3) -> str:
    """'A', 'B' and 'C'; or 'A', 'B', 'C' and 4 more."""
    quoted = [f"'{name}'" for name in names[:shown]]
    if len(names) > shown:
        return ", ".join(quoted) + f" and {len(names) - shown} more"
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def unique_names(names: Sequence[str]) -> tuple[list[str], list[str]]:
    """Make column names unique, returning the names and a note per repeat.

    Empty names become ``column N``; the second ``Food`` becomes ``Food (2)``.
    """
    seen: dict[str, int] = {}
    unique, notes = [], []
    for position, name in enumerate(names, start=1):
        name = name or f"column {position}"
        key = name.casefold()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            renamed = f"{name} ({seen[key]})"
            notes.append(f"The column name '{name}' appears more than once; "
                         f"column {position} is read as '{renamed}'.")
            name = renamed
        unique.append(name)
    return unique, notes


def _xlsx_records(data: bytes,
                  header_score: Callable[[Sequence[str]], float] | None,
                  ) -> tuple[list[list[str]], list[str]]:
    """The rows of the workbook's diary sheet, and notes on how it was read.

    One sheet is read: the one whose header names the most diary columns.  Other sheets
    that look like diaries too (a sheet per month) are named in a note with their row
    counts, so their rows are not left out without a word.
    """
    sheets = read_sheets(data, _MAX_CELLS)
    if not sheets:
        return [], []
    chosen = _diary_sheet([sheet.rows for sheet in sheets], header_score)
    notes = fill_formulas(data, sheets[chosen])
    others = [(sheet.title, sum(1 for row in sheet.rows if any(row)) - 1)
              for at, sheet in enumerate(sheets)
              if at != chosen and header_score is not None and _sheet_score(sheet.rows, header_score) >= _HEADER_NAMES
              and sum(1 for row in sheet.rows if any(row)) > 1]
    if others:
        notes.append(unread_sheets_note(sheets[chosen].title, others))
    return sheets[chosen].rows, notes


def _sheet_score(rows: list[list[str]], header_score: Callable[[Sequence[str]], float]) -> float:
    """How well a sheet's best row among its first non-blank ones reads as a diary header."""
    return max((header_score(row) for row in itertools.islice((row for row in rows if any(row)), _HEADER_SEARCH)),
               default=0.0)


def _diary_sheet(sheets: list[list[list[str]]], header_score: Callable[[Sequence[str]], float] | None) -> int:
    """The index of the sheet to read: the one whose header names the most diary columns (the first on ties)."""
    if header_score is None or len(sheets) == 1:
        return 0
    # A sheet's header may sit under a title (or a merged title row), as ``_find_header`` allows in
    # a CSV: each sheet scores by its best row among the first non-blank ones.
    scores = [_sheet_score(rows, header_score) for rows in sheets]
    return scores.index(max(scores))
