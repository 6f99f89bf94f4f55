"""Export footer rows: a row whose date or food cell is only a word such as 'TOTAL:' sums the rows above.

MyFitnessPal's printable report ends each meal and each day with a 'TOTAL:' row; spreadsheets end with
'Totals' or 'Daily Total'.  Read as a food, such a row would count a day twice; read as a date, it was
rejected.  Only a cell that is the word alone counts (any case, spaces folded, an optional colon), so
'Total cereal' and 'Total Raisin Bran' stay foods.  The words are data: ``total_lines.csv``.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

import pandas as pd

from analyzer import messages

__all__ = ["total_line_reasons"]

_WORDS_PATH = Path(__file__).parents[1] / "total_lines.csv"


def _key(text: str) -> str:
    """A cell as compared with the words: NFKC (a full-width colon is a colon), case and spaces folded."""
    folded = unicodedata.normalize("NFKC", str(text)).casefold().strip()
    return " ".join(folded.removesuffix(":").split())


@cache
def _words() -> frozenset[str]:
    table = pd.read_csv(_WORDS_PATH, dtype=str, keep_default_na=False)
    return frozenset(table["text"].map(_key))


def _is_total_word(cells: pd.Series) -> pd.Series:
    """Per cell, whether it is only a total word; each distinct text is looked at once."""
    found = {text for text in pd.unique(cells) if _key(text) in _words()}
    return cells.isin(found)


def total_line_reasons(entries: pd.DataFrame, dates: pd.Series | None) -> pd.Series:
    """Per row, "" or why it is the export's total line and not an entry.

    Parameters
    ----------
    entries
        Shaped rows (``food_text``, ``meal``, ``kind``).
    dates
        The date column's cells as written, or None when the file has none.

    Returns
    -------
    pandas.Series of str
        Same index as ``entries``.  Food rows qualify by their food cell (or, when it is
        empty, their meal cell); every row qualifies by its date cell.
    """
    food, meal = entries["food_text"].astype(str), entries["meal"].astype(str)
    is_food = entries["kind"] == "food"
    cell = food.where(food.str.strip() != "", meal).where(is_food, "")
    total = is_food & _is_total_word(cell)
    if dates is not None:
        dated = ~total & _is_total_word(dates.astype(str))
        cell = cell.where(~dated, dates.astype(str))
        total |= dated
    reasons = pd.Series("", index=entries.index, dtype=object)
    reasons[total] = cell[total].map(messages.reason_total_line)
    return reasons
