"""CSV export that spreadsheet programs open safely.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
would run as a formula in Excel or LibreOffice (CSV injection), so it gets a
leading single quote.  Numbers in numeric columns, and text cells that are
plain numbers such as ``-5``, are left as they are.  The file is UTF-8 with a
BOM so Excel reads accents and the micro sign; missing values are empty cells.
"""

from __future__ import annotations

import io
import re
from typing import TypeVar, cast

import pandas as pd

_T = TypeVar("_T")

__all__ = ["FORMULA_PREFIXES", "neutralise", "restore", "to_safe_csv"]

#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _formula_like(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.fullmatch(text)


def neutralise(value: object) -> object:
    """Return ``value`` with a leading ``'`` when it is text a spreadsheet would run as a formula.

    Text that already starts with quotes before a formula (``'=x``) gets one more,
    so that :func:`restore` can always strip exactly the quote added here.
    """
    if isinstance(value, str) and _formula_like(value.lstrip("'")):
        return "'" + value
    return value


def restore(value: _T) -> _T:
    """Undo :func:`neutralise`: strip the one ``'`` it added, and nothing else."""
    if isinstance(value, str) and value.startswith("'") and _formula_like(value[1:].lstrip("'")):
        return cast(_T, value[1:])  # str in, str out
    return value


def to_safe_csv(df: pd.DataFrame) -> bytes:
    """Write ``df`` as CSV bytes safe to open in a spreadsheet.

    Parameters
    ----------
    df
        Any table; a named or non-default index is written as the first column(s).

    Returns
    -------
    bytes
        UTF-8 with BOM, comma separated, missing values as empty cells, text cells
        neutralised by :func:`neutralise` (column names too).
    """
    frame = df.copy(deep=False)  # columns are replaced below, never changed in place
    write_index = not isinstance(frame.index, pd.RangeIndex) or any(name is not None for name in frame.index.names)
    if write_index:
        frame = frame.reset_index()
    for column in frame.columns:
        series = frame[column]
        if not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series)
                or pd.api.types.is_bool_dtype(series)):
            values = series.astype(object)
            # A diary repeats its texts: decide each distinct one once (10,000 rows hold ~1,500).
            distinct = pd.unique(values.dropna())
            frame[column] = values.map({value: neutralise(value) for value in distinct})
    frame.columns = [neutralise(str(column)) for column in frame.columns]
    # Written to bytes as it goes: the whole text as a str first would hold the file twice.
    buffer = io.BytesIO()
    frame.to_csv(buffer, index=False, na_rep="", lineterminator="\r\n", encoding="utf-8-sig")
    return buffer.getvalue()
