"""Date cells to dates, deciding day-first or month-first from the whole column.

Read: ISO dates (``2022-11-03``, with or without a time), numeric dates with
``/``, ``.`` or ``-`` (``11/03/2022``, ``03.11.2022``), dates with a month name
(``3 Nov 2022``, ``Nov 3, 2022``, ``3. März 2022``, ``3-Nov-22``, ``Thu, 3 Nov 2022``,
``3 de noviembre de 2022``; names in ``month_names.csv``), ``20221103``, ``2022年11月3日``
and Excel serial numbers in the 1900 system (``44868`` is 2022-11-03).

Numeric dates are read in one order for the whole column: day first when any
first field is above 12, month first when any second field is above 12, and
otherwise month first for ``/`` and day first for ``.`` and ``-``, with a note
saying so.  Each distinct text is parsed once, so a million rows over a few
years of days cost a few thousand parses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import pandas as pd
from pandas.api.typing import NaTType

__all__ = ["DateColumn", "parse_dates"]

YEAR_RANGE = (1900, 2100)
#: A day further than this from every other day of the diary is named in a note.
ISOLATED_DAYS = 366
#: Day zero of Excel's 1900 date system (Excel counts a 29 Feb 1900 that never was).
EXCEL_EPOCH = datetime(1899, 12, 30)
#: Excel serials read as dates: five digits (1927 to 2173; the year check trims it).
_SERIAL = re.compile(r"^(\d{5})(?:\.\d+)?$")
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\.?(?:[T ].*)?$")  # also Hungarian 2025.01.31.
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")                           # 20250131
_CJK = re.compile(r"^(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?(?:\s.*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?:[T ,].*)?$")
#: Between a day, a month name and a year: spaces (after an optional dot or comma), a dash
#: (Excel's 31-Jan-2025) or Spanish "de" (31 de enero de 2025).
_GAP = r"(?:\.?,?\s+(?:de\s+)?|-)"
_DAY_MONTH = re.compile(rf"^(\d{{1,2}}){_GAP}([^\W\d_]+){_GAP}(\d{{4}}|\d{{2}})(?:[T ,].*)?$")
_MONTH_DAY = re.compile(rf"^([^\W\d_]+){_GAP}(\d{{1,2}})(?:st|nd|rd|th)?{_GAP}(\d{{4}}|\d{{2}})(?:[T ,].*)?$")
#: A weekday (any word) and a comma before the date: "Fri, 31 Jan 2025", "Friday, January 31, 2025".
_WEEKDAY = re.compile(r"^[^\W\d_]+\.?,\s*(?=\w)")


@dataclass
class DateColumn:
    """Dates read from one column.

    Attributes
    ----------
    dates
        ``datetime64[ns]`` at midnight, NaT where the cell could not be read.
    problem
        "" or a sentence saying why the cell is not a date.
    notes
        Sentences for the user (which order was chosen for ambiguous dates).
    """

    dates: pd.Series
    problem: pd.Series
    notes: list[str] = field(default_factory=list)


@cache
def month_names() -> dict[str, int]:
    """Month names and abbreviations (lower case) to month numbers."""
    table = pd.read_csv(Path(__file__).parents[1].joinpath("month_names.csv"), dtype={"name": str})
    return dict(zip(table["name"], table["month"].astype(int), strict=True))


def parse_dates(values: pd.Series, column: str) -> DateColumn:
    """Read a column of date texts.

    Parameters
    ----------
    values
        The cells, as text ("" when empty).
    column
        The column's name in the file, used in the problem sentences.

    Returns
    -------
    DateColumn
        Aligned with ``values``.
    """
    cleaned = values.astype(str).str.strip()
    distinct = [text for text in pd.unique(cleaned)]
    numeric = {text: m for text in distinct if (m := _NUMERIC.match(text))}
    day_first, notes = _choose_order(list(numeric.values()), column)
    parsed = {text: _parse_one(text, numeric.get(text), day_first, column)
              for text in distinct}
    dates = pd.to_datetime(cleaned.map({text: result[0] for text, result in parsed.items()})).astype("datetime64[ns]")
    problem = cleaned.map({text: result[1] for text, result in parsed.items()})
    return DateColumn(dates, problem.astype(object), notes + _isolated_dates_note(dates, column))


def _isolated_dates_note(dates: pd.Series, column: str) -> list[str]:
    """A note naming days more than ``ISOLATED_DAYS`` from any other day of the diary.

    Such a day is usually a typo or an empty Excel date cell (1900-01-00); it is kept (a
    diary may have a long pause) but said, since it stretches every chart over the gap.
    """
    days = pd.Series(dates.dropna().unique()).sort_values(ignore_index=True)
    if len(days) < 2:
        return []
    gaps = days.diff().dt.days
    nearest = pd.concat([gaps, gaps.shift(-1)], axis=1).min(axis=1)
    isolated = days[nearest > ISOLATED_DAYS].dt.strftime("%Y-%m-%d").tolist()
    if not isolated:
        return []
    rows = int(dates.isin(days[nearest > ISOLATED_DAYS]).sum())
    shown = ", ".join(isolated[:3]) + (f" and {len(isolated) - 3} more" if len(isolated) > 3 else "")
    return [(f"Rows dated more than a year from any other day of the diary: {rows} in column '{column}' "
             f"({shown}). Check them; each counts as a day of its own.")]


def _choose_order(matches: list[re.Match], column: str) -> tuple[bool, list[str]]:
    firsts = [int(m.group(1)) for m in matches]
    seconds = [int(m.group(3)) for m in matches]
    if any(first > 12 for first in firsts):
        if any(second > 12 for second in seconds):
            return True, [(f"The '{column}' column mixes day-first and month-first "
                           "dates; they are read day first and the others rejected.")]
        return True, []
    if any(second > 12 for second in seconds):
        return False, []
    ambiguous = [m for m in matches if m.group(1) != m.group(3)]
    separators = [m.group(2) for m in matches]
    month_first = separators.count("/") > len(separators) / 2
    if not ambiguous:
        return not month_first, []
    example = ambiguous[0].group(0)
    order = "month first (MM/DD/YYYY)" if month_first else "day first (DD.MM.YYYY)"
    return not month_first, [(
        f"The dates in the '{column}' column could be day first or month first "
        f"(for example '{example}'); they are read {order}. Check a known "
        "date if that is wrong.")]


def _parse_one(text: str, numeric: re.Match | None, day_first: bool,
               column: str) -> tuple[pd.Timestamp | NaTType, str]:
    if not text:
        return pd.NaT, f"The date in column '{column}' is empty."
    if numeric:
        first, second = int(numeric.group(1)), int(numeric.group(3))
        day, month = (first, second) if day_first else (second, first)
        return _build(_full_year(numeric.group(4)), month, day, text, column)
    if m := _ISO.match(text):
        return _build(int(m.group(1)), int(m.group(2)), int(m.group(3)), text, column)
    if m := _CJK.match(text) or _COMPACT.match(text):
        return _build(int(m.group(1)), int(m.group(2)), int(m.group(3)), text, column)
    named = _WEEKDAY.sub("", text, count=1)
    if m := _DAY_MONTH.match(named):
        return _named(m.group(2), int(m.group(1)), _full_year(m.group(3)), text, column)
    if m := _MONTH_DAY.match(named):
        return _named(m.group(1), int(m.group(2)), _full_year(m.group(3)), text, column)
    if m := _SERIAL.match(text):
        serial = EXCEL_EPOCH + timedelta(days=int(m.group(1)))
        return _build(serial.year, serial.month, serial.day, text, column)
    return pd.NaT, f"'{_short(text)}' in column '{column}' is not a date we can read."


def _named(name: str, day: int, year: int, text: str,
           column: str) -> tuple[pd.Timestamp | NaTType, str]:
    month = month_names().get(name.casefold())
    if month is None:
        return pd.NaT, (f"'{_short(text)}' in column '{column}' has a month name "
                        "we do not know.")
    return _build(year, month, day, text, column)


def _build(year: int, month: int, day: int, text: str,
           column: str) -> tuple[pd.Timestamp | NaTType, str]:
    low, high = YEAR_RANGE
    if not low <= year <= high:
        return pd.NaT, (f"'{_short(text)}' in column '{column}' has the year {year}, "
                        f"outside {low} to {high}.")
    try:
        return pd.Timestamp(year, month, day), ""
    except ValueError:
        return pd.NaT, f"'{_short(text)}' in column '{column}' is not a real date."


def _full_year(digits: str) -> int:
    year = int(digits)
    return year + 2000 if len(digits) == 2 else year


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
