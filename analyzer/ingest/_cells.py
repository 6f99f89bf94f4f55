"""Spreadsheet cells that would run as formulas, quoted on the way out and unquoted on the way in.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
would run as a formula in Excel or LibreOffice (CSV injection), so every file
Mineralog writes gives it a leading single quote (:func:`neutralise`), and every
file it reads takes that one quote off again (:func:`restore`).  Text cells that
are plain numbers such as ``-5`` are left as they are.  Both the reader and the
exporter use this module, so the reader never imports the exporter.
"""

from __future__ import annotations

import re
from typing import TypeVar, cast

_T = TypeVar("_T")

__all__ = ["FORMULA_PREFIXES", "neutralise", "restore"]

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
