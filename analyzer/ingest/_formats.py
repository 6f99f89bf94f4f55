"""Diary bytes to the parsed-diary table: detect the format, normalise the rows.

``parse_diary`` reads the file (``_read``), recognises the export from its
header names alone (never the file name or column positions), shapes the rows
(``_format_families``), reads dates (``_dates``) and the nutrient values the
file itself gives, and sets each row's status: ``pending``, ``skipped`` (with
a reason) or ``rejected`` (with a reason naming the column).

Choices, so callers know:

- A file with a header and no rows returns zero entries and a note (no error).
- Blank lines are not rows, but row numbers stay true to the file.
- Cells are kept whole, however long; hostile text (formulas, HTML) is data.
- Cronometer daily files with groups: group rows count, the Total row is skipped.
- An export's footer row (a date or food cell of only 'TOTAL:', 'Totals'...) is skipped.

The header names each format needs are data: ``formats.csv``,
``format_columns.csv``, ``column_names.csv`` (generic synonyms),
``nutrient_columns.csv`` and ``format_constants.csv``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from analyzer._nutrients import IU_PER_UG_VITAMIN_D, NUTRIENT_INFO, NUTRIENTS
from analyzer.errors import DataFileError, DiaryFormatError
from analyzer.ingest._dates import parse_dates
from analyzer.ingest._format_families import SHAPERS
from analyzer.ingest._numbers import UNKNOWN_MARKS, number_text, read_amounts_as_written
from analyzer.ingest._read import RawTable, read_table
from analyzer.ingest._total_lines import total_line_reasons

__all__ = ["ENTRY_COLUMNS", "FILE_NUTRIENTS", "ParsedDiary", "detect_format",
           "parse_diary"]

_HERE = Path(__file__).parents[1]
#: Nutrient columns of the entries: the analysis keys plus Cronometer's total K.
FILE_NUTRIENTS = [*NUTRIENTS, "vitamin_k_total_ug"]
ENTRY_COLUMNS = ["row", "date", "time", "meal", "category", "food_text", "amount_text",
                 "kind", "status", "reason", "raw", *FILE_NUTRIENTS,
                 "low_confidence"]
#: Conversions named in nutrient_columns.csv: how a file value becomes the key's unit.
_APPROXIMATE = {"percent_daily_value"}
#: Column names quoted in the "no recognisable header" message.
_NAMES_SHOWN = 12


@dataclass
class ParsedDiary:
    """A diary file read into one entry per data row.

    Attributes
    ----------
    entries
        Columns ``ENTRY_COLUMNS`` (see docs/ARCHITECTURE.md, "parsed diary");
        ``low_confidence`` lists the nutrient keys that are approximations.
    format, format_label
        Format key (``generic``, ``cronometer_servings``, ``cronometer_daily``,
        ``mfp_summary``, ``loseit``) and its name for people.
    notes
        Sentences for the user: how the file was read, what it cannot give.
    encoding, delimiter
        How the bytes were read.
    """

    entries: pd.DataFrame
    format: str
    format_label: str
    notes: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ","


def normalise_header(name: str) -> str:
    """Header name for comparison: NFKC (µ U+00B5 is μ U+03BC), case, spaces and underscores folded.

    Invisible format characters (a zero-width space, a left-to-right mark, a stray BOM) that
    spreadsheets and web pages leave in copied headers are dropped.
    """
    if not name.isascii():
        name = "".join(char for char in name if unicodedata.category(char) != "Cf")
    return " ".join(unicodedata.normalize("NFKC", name).casefold().replace("_", " ").split())


def _data(name: str) -> pd.DataFrame:
    return pd.read_csv(_HERE / name, dtype=str, keep_default_na=False)


@cache
def _formats() -> pd.DataFrame:
    return _data("formats.csv").set_index("format")


@cache
def _headers(name: str) -> pd.DataFrame:
    """A data file of header names, with each header's comparison key."""
    table = _data(name)
    table["key"] = table["header"].map(normalise_header)
    return table


@cache
def _synonyms() -> dict[str, str]:
    table = _data("column_names.csv")
    return dict(zip(table["synonym"].map(normalise_header), table["field"], strict=True))


@cache
def _constants() -> dict[str, float]:
    table = _data("format_constants.csv")
    return dict(zip(table["name"], table["value"].astype(float), strict=True))


def detect_format(header: Sequence[str]) -> tuple[str, dict[str, str]]:
    """Recognise the export from its header names.

    Parameters
    ----------
    header
        Column names as written in the file.

    Returns
    -------
    format, columns
        The format key and, per field (``date``, ``food``, ``amount``...), the
        file's column name.

    Raises
    ------
    DiaryFormatError
        No format's columns are there; the message lists what was found and
        what was expected.
    """
    by_key: dict[str, str] = {}
    for name in header:
        by_key.setdefault(normalise_header(name), name)
    columns: dict[str, str] = {}
    for key, name in by_key.items():
        columns.setdefault(_synonyms().get(key, ""), name)
    columns.pop("", None)
    # A table with a food column holds single foods; a date column (or an amount) says it is a diary.
    names_foods = "food" in columns and any(field in columns for field in ("amount", "grams", "date"))
    for fmt, spec in _headers("format_columns.csv").groupby("format", sort=False):
        required = spec[spec["required"] == "yes"]
        # Dictionary look-ups, not Series.isin(by_key): that copies every header key into an array per format,
        # seconds for a header of 100,000 names.
        if all(key in by_key for key in required["key"]):
            if names_foods and "food" not in set(spec["field"]):
                continue  # meal totals' columns beside food names (a MyFitnessPal food diary): read the foods
            present = spec[[key in by_key for key in spec["key"]]]
            return str(fmt), {f: by_key[k] for f, k in zip(present["field"], present["key"],
                                                      strict=True)}
    if names_foods:
        return "generic", columns
    shown = [f"'{name[:40]}'" for name in header[:_NAMES_SHOWN]]
    if len(header) > _NAMES_SHOWN:
        shown.append(f"and {len(header) - _NAMES_SHOWN} more")
    found = ", ".join(shown) or "nothing"
    raise DiaryFormatError(
        f"We could not find the columns of a food diary. The first row has {found}. "
        "We need a food column (for example 'food', 'description', 'Lebensmittel', "
        "'aliment') and an amount column (for example 'amount', 'quantity', 'Menge', "
        "'cantidad'), plus usually a date column ('date', 'Datum', 'fecha'), "
        "or the header of a Cronometer, MyFitnessPal or Lose It export.")


def header_score(header: Sequence[str]) -> float:
    """How diary-like a header row looks: the number of names we recognise."""
    known = set(_synonyms()) | set(_headers("format_columns.csv")["key"]) | set(_headers("nutrient_columns.csv")["key"])
    return float(sum(normalise_header(name) in known for name in header))


def parse_diary(data: bytes, filename: str | None = None) -> ParsedDiary:
    """Read a diary file into one entry per data row.

    Parameters
    ----------
    data
        The whole file: CSV/TSV/semicolon text in any common encoding, or .xlsx.
    filename
        Ignored for detection (formats are recognised from the header); kept
        so callers can pass it along.

    Returns
    -------
    ParsedDiary

    Raises
    ------
    DiaryFormatError
        The file is empty, binary, or has no recognisable header.
    """
    del filename  # the content decides, never the name
    table = read_table(data, header_score=header_score)
    del data  # the table holds the cells; the bytes of a large file need not stay
    fmt, columns = detect_format(table.header)
    shaped = SHAPERS[fmt](table.cells, columns)
    entries = shaped.frame
    notes = [*table.notes, *shaped.notes]
    entries["skip"] = entries["skip"].where(~_repeats_header(table), _REPEATED_HEADER)
    # A footer ('TOTAL:') sums rows above: skipped, not a food and not a date that cannot be read.
    dates_written = table.cells[columns["date"]] if "date" in columns else None
    totals = total_line_reasons(entries, dates_written).where(entries["skip"] == "", "")
    entries["skip"] = entries["skip"].where(totals == "", totals)
    # A short footer ('Totals' alone on its line) still is one: its cells stand in their columns.
    # A row of too many cells is not: a food name split at an unquoted comma may start 'Total'.
    problem = table.problem.where((totals == "") | ~table.short, "")
    entries["amount_text"], amount_note = read_amounts_as_written(entries["amount_text"])
    notes += [amount_note] if amount_note else []

    if "date" in columns:
        dates = parse_dates(table.cells[columns["date"]], columns["date"])
        entries["date"], date_problem = dates.dates, dates.problem
        notes += dates.notes
    else:
        entries["date"] = pd.Series(pd.NaT, index=entries.index, dtype="datetime64[ns]")
        date_problem = pd.Series("", index=entries.index, dtype=object)

    food_column = columns.get("food", "food")
    no_food = (entries["kind"] == "food") & (entries["food_text"].str.strip() == "")
    reason = problem.copy()
    reason = reason.where(reason != "", entries["skip"])
    reason = reason.where(reason != "", date_problem)
    no_food_reason = f"The food name in column '{food_column}' is empty."
    reason = reason.where(reason != "", no_food.map({True: no_food_reason, False: ""}))
    status = np.select([problem != "", entries["skip"] != "", reason != ""],
                       ["rejected", "skipped", "rejected"], default="pending")
    entries["status"] = pd.Series(status, index=entries.index, dtype=object)
    entries["reason"] = reason.astype(object)
    entries["raw"] = table.raw
    entries["row"] = entries.index.astype(int)

    nutrients, low_confidence, nutrient_notes = _file_nutrients(table, fmt)
    for key in FILE_NUTRIENTS:
        entries[key] = nutrients.get(key, np.nan)
    entries["low_confidence"] = low_confidence
    if len(entries) == 0:
        notes.append("The file has a header but no rows.")
    format_note = str(_formats().at[fmt, "note"])  # text cells: the data files are read as str
    if format_note:
        notes.append(format_note.format(**_constants()))
    notes += nutrient_notes
    return ParsedDiary(
        entries=entries[ENTRY_COLUMNS].reset_index(drop=True),
        format=fmt,
        format_label=str(_formats().at[fmt, "label"]),
        notes=notes,
        encoding=table.encoding,
        delimiter=table.delimiter,
    )


_REPEATED_HEADER = "This row repeats the column names (files joined together?); it is not an entry."


def _repeats_header(table: RawTable) -> pd.Series:
    """Per row, whether it is the header again: two exports pasted into one file (a BOM may lead it)."""
    repeats = pd.Series(False, index=table.cells.index)
    if not table.header:
        return repeats
    first = table.header[0]
    # A hash lookup on one column finds the few candidates; only they are compared whole.
    maybe = table.cells[first].isin({first, "\ufeff" + first, f'"{first}"'})
    if maybe.any():
        header = table.delimiter.join(table.header).casefold()
        again = table.raw[maybe].str.replace("\ufeff", "", regex=False).str.strip().str.rstrip(table.delimiter)
        repeats[maybe] = again.str.casefold() == header
    return repeats


def _file_nutrients(table: RawTable, fmt: str
                    ) -> tuple[dict[str, pd.Series], str, list[str]]:
    """Nutrient values the file gives per row, approximate keys, and notes on gaps."""
    spec = _headers("nutrient_columns.csv")
    spec = spec[spec["formats"].str.split().map(lambda formats: fmt in formats)]
    if spec.empty:
        return {}, "", []
    by_key = {normalise_header(name): name for name in table.header}
    present = spec[spec["key"].isin(by_key)]
    values: dict[str, pd.Series] = {}
    approximate: list[str] = []
    unreadable_notes: list[str] = []
    for _, item in present.iterrows():
        column = by_key[item["key"]]
        number, unreadable = _numbers(table.cells[column], table.delimiter)
        values[item["nutrient"]] = number * _factor(item["conversion"], item["nutrient"])
        if unreadable.any():
            unreadable_notes.append(_unreadable_note(column, table.cells[column][unreadable]))
        if item["conversion"] in _APPROXIMATE:
            approximate.append(item["nutrient"])
    wanted = [key for key in dict.fromkeys(spec["nutrient"]) if key in NUTRIENTS]
    missing = [key for key in wanted if key not in values]
    notes = []
    if not values:
        notes.append("This export has no nutrient columns; nutrients will come "
                     "from matching each food to the food database.")
    elif missing:
        labels = ", ".join(NUTRIENT_INFO[key].label for key in missing)
        notes.append(f"The file has no column for {labels}; those values are unknown "
                     "unless the food can be matched to the food database.")
    return values, ",".join(approximate), notes + unreadable_notes


def _unreadable_note(column: str, cells: pd.Series) -> str:
    """The sentence saying which cells of a nutrient column are not numbers (their values stay unknown)."""
    shown = ", ".join(f"row {row} '{text[:20]}'" for row, text in cells.head(3).items())
    more = f" and {len(cells) - 3} more" if len(cells) > 3 else ""
    many = len(cells) != 1
    return (f"In column '{column}', {len(cells):,} value{'s' if many else ''} "
            f"cannot be read as an amount from 0 to {MAX_NUTRIENT_VALUE:,.0f} ({shown}{more}); "
            f"{'those values are' if many else 'it is'} unknown.")


def _factor(conversion: str, nutrient: str) -> float:
    if conversion == "as_is":
        return 1.0
    if conversion == "iu_vitamin_d":
        return 1.0 / IU_PER_UG_VITAMIN_D
    if conversion == "percent_daily_value":
        return _constants()[f"mfp_daily_value_{nutrient}"] / 100.0
    raise DataFileError(f"The conversion '{conversion}' of {nutrient} is not one Mineralog knows.",
                        file="nutrient_columns.csv", column="conversion", value=conversion)


#: The largest value one row's nutrient cell may hold, in the column's own unit: a million mg is a
#: kilogram of calcium, a million kcal three hundred days' food, a million µg (or IU) of vitamin D a
#: fatal dose.  Larger values ("1e308", "99999999") are typing or export errors, and one of them
#: would make a whole day's total infinite.
MAX_NUTRIENT_VALUE = 1e6


def _numbers(cells: pd.Series, delimiter: str) -> tuple[pd.Series, pd.Series]:
    """Text cells to floats, and which non-empty cells could not be read.

    Empty (or a mark for unknown: '-', 'n/a', 'NaN') is NaN, '0.00' is 0.  Spreadsheet
    number formats are read whole (``number_text``): '1,5' and '1.234,5' in a file whose
    delimiter is not a comma, '1,234.5' and '1 234,5' anywhere.  Text, infinite and
    negative values, and values above ``MAX_NUTRIENT_VALUE``, are NaN and flagged as
    unreadable, so the caller can say so.
    """
    text = cells.astype(str).str.strip()
    number = pd.to_numeric(text, errors="coerce").astype(float)
    odd = number.isna() & (text != "") & ~text.str.casefold().isin(UNKNOWN_MARKS)
    if odd.any():  # the fast path failed: read each distinct spelling once
        spelled = {value: number_text(value, delimiter) for value in text[odd].unique()}
        number[odd] = pd.to_numeric(text[odd].map(spelled), errors="coerce").astype(float)
    readable = (number >= 0) & (number <= MAX_NUTRIENT_VALUE)  # "1e308", "inf", "-50" are not amounts
    unreadable = ((text != "") & ~text.str.casefold().isin(UNKNOWN_MARKS) & ~readable)
    return number.where(readable), unreadable


