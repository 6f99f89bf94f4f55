"""What a file is before it is read as a table: workbook, other binary, or text with stray bytes.

The rule: a file that is not a diary table is refused with a sentence naming
what it is and what to do, before any decoding; a text file is read, and a
few lines spoiled by binary bytes become rejected rows instead of costing
the whole file.

- ``is_xlsx`` says whether the bytes are an Excel workbook.
- ``refuse_non_table`` refuses images, archives, PDFs, other office formats,
  web pages, XML, RTF and JSON files, damaged workbooks and workbooks that unpack to more than
  ``MAX_UNPACKED_BYTES`` (a zip bomb would otherwise be parsed for minutes).
- ``strip_binary`` takes NUL padding off the end of a text file and decides
  whether the NUL bytes left are a few spoiled lines (kept, rejected later by
  ``_read``) or a binary file (refused, naming the line where it starts).
"""

from __future__ import annotations

import io
import re
import zipfile

from analyzer.errors import DiaryFormatError

__all__ = ["BINARY_ROW", "MAX_UNPACKED_BYTES", "is_xlsx", "refuse_non_table", "strip_binary"]

#: Largest total a workbook may unpack to.  A workbook's XML is about 6.4 times the
#: same rows as CSV (measured on ../shared/samples/cronometer_servings_2022.csv:
#: 33 KB of CSV, 213 KB unpacked), so 8 x 50 MiB holds the largest CSV the reader
#: takes (``_read.MAX_BYTES``) with room to spare; a zip bomb is far beyond it.
MAX_UNPACKED_BYTES = 8 * 50 * 1024 * 1024
#: The problem sentence of a row holding a NUL byte.
BINARY_ROW = ("This row contains binary data (NUL bytes), so its cells cannot be trusted; "
              "the rest of the file was read.")
#: A text file may hold NUL bytes on this many of its lines, or this share of them if more
#: (a damaged copy, a sync tool's padding); above it the file is binary.
_SPOILED_LINES = 3
_SPOILED_LINES_SHARE = 0.1
#: Control bytes that never appear in text (tab, LF, VT, FF, CR and ESC-free text aside).
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")

# (magic bytes, what the file is, what to do) for files that are not text.
_MAGIC = (
    (b"\x89PNG", "a PNG image", "export the diary as CSV instead"),
    (b"%PDF", "a PDF document", "export the diary as CSV instead"),
    (b"\xff\xd8\xff", "a JPEG image", "export the diary as CSV instead"),
    (b"GIF8", "a GIF image", "export the diary as CSV instead"),
    (b"\x1f\x8b", "a gzip archive", "unpack it and upload the CSV inside"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) or Office file", "save it as .xlsx or CSV"),
    (b"SQLite format 3", "an SQLite database", "export the diary as CSV instead"),
)
# (pattern at the start of a text file, what the file is, what to do): a saved web page instead of
# the export is common (a login page, a "printable diary"), and its first row names no columns.
_TEXT_KINDS = (
    (re.compile(rb"<!doctype html|<html|<head|<body", re.IGNORECASE), "a web page (HTML)",
     "use the site's CSV export instead of saving the page"),
    (re.compile(rb"<\?xml[^>]*>\s*(<\?[^>]*>\s*)*<workbook[^>]*urn:schemas-microsoft-com:office:spreadsheet",
                re.IGNORECASE), "an Excel 2003 XML spreadsheet", "save it as .xlsx or CSV"),
    (re.compile(rb"<\?xml", re.IGNORECASE), "an XML file", "export the diary as CSV instead"),
    (re.compile(rb"\{\\rtf"), "an RTF document", "export the diary as CSV instead"),
    (re.compile(rb"\{\s*\"|\[\s*[{\[\"]"), "a JSON file", "export the diary as CSV instead"),
)
# (a name inside a ZIP, what the file is, what to do), for ZIP files that are not workbooks we read.
_ZIPPED = (
    (b"opendocument.spreadsheet", "an OpenDocument spreadsheet (.ods)", "save it as .xlsx or CSV"),
    (b"xl/workbook.bin", "an Excel binary workbook (.xlsb)", "save it as .xlsx or CSV"),
    (b"xl/", "an Excel workbook that is damaged or cut off",
     "open it in Excel and save it again, or export the diary as CSV"),
    (b"word/", "a Word document", "export the diary as CSV instead"),
    (b"Index/Document.iwa", "an Apple Numbers file", "export it as CSV"),
)


def is_xlsx(data: bytes) -> bool:
    """Tell whether the bytes are an Excel workbook (a ZIP with xl/workbook.xml)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError):
        return False  # a damaged archive (e.g. names not in their declared UTF-8) is no workbook


def refuse_non_table(data: bytes) -> None:
    """Raise ``DiaryFormatError`` when the bytes are a known binary format we do not read.

    A workbook passes when it unpacks to at most ``MAX_UNPACKED_BYTES``.
    """
    if is_xlsx(data):
        _refuse_bomb(data)
        return
    for magic, what, hint in _MAGIC:
        if data.startswith(magic):
            raise DiaryFormatError(f"This file is {what}, not a diary table; {hint}.")
    start = data[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()
    for pattern, what, hint in _TEXT_KINDS:
        if pattern.match(start):
            raise DiaryFormatError(f"This file is {what}, not a diary table; {hint}.")
    if data.startswith(b"PK\x03\x04"):
        # Local file headers name each member in plain bytes, so a cut-off archive still says what it held.
        head = data[:65536]
        what, hint = next(((what, hint) for name, what, hint in _ZIPPED if name in head),
                          ("a ZIP archive", "unpack it and upload the CSV inside"))
        raise DiaryFormatError(f"This file is {what}, not a diary table; {hint}.")


def _refuse_bomb(data: bytes) -> None:
    # The sizes come from the archive's directory; zipfile never inflates a member past its
    # declared size, so a lying directory cuts the XML short instead of growing it.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        raise DiaryFormatError(
            f"This Excel workbook unpacks to {unpacked / 2**20:,.0f} MB, more than Mineralog reads "
            f"({MAX_UNPACKED_BYTES / 2**20:,.0f} MB); save the diary sheet as CSV and upload that.")


def strip_binary(data: bytes) -> tuple[bytes, list[str]]:
    """Text bytes without trailing NUL padding, and notes; refuses files that are binary.

    Call only on files that are not UTF-16 (where NUL bytes are half of every
    character).  NUL bytes left inside at most ``_SPOILED_LINES`` lines, or
    ``_SPOILED_LINES_SHARE`` of them, are kept: ``_read`` rejects those rows with ``BINARY_ROW``.
    A header line holding them makes the file binary: without a header no row can be read.

    Raises
    ------
    DiaryFormatError
        The header line or more lines than that hold NUL or other control bytes; the message names
        the first such line.
    """
    notes = []
    stripped = data.rstrip(b"\x00")
    if len(stripped) < len(data):
        notes.append(f"The file ends in {len(data) - len(stripped):,} NUL bytes (padding left by a copy or "
                     "sync program); they were ignored.")
    if b"\x00" not in stripped:
        return stripped, notes
    lines = [line for line in stripped.splitlines() if line.strip()]
    spoiled = [number for number, line in enumerate(lines, start=1) if _CONTROL.search(line)]
    if spoiled[:1] == [1] or len(spoiled) > max(_SPOILED_LINES, _SPOILED_LINES_SHARE * len(lines)):
        first = stripped[:stripped.index(b"\x00")].count(b"\n") + 1
        raise DiaryFormatError(
            f"This file contains binary data (NUL bytes) from line {first:,} on, so it is not a diary table; "
            "export the diary as CSV again.")
    return stripped, notes
