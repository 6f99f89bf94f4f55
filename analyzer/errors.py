"""Typed errors raised by the analyzer.

The tree::

    MineralogError                 base: message plus optional row / column / value
    ├── DiaryFormatError           the file as a whole cannot be read as a diary
    ├── AmountError                an amount cannot be turned into grams
    │   └── UnknownUnitError       the unit word is not in the alias table
    ├── MatchError                 a food text cannot be matched at all
    ├── SchemaError                a table crossing a stage boundary lacks a column or has the wrong dtype
    ├── StoreError                 the user's database cannot be used
    │   └── ForeignDatabaseError   the file at the database path is not ours
    └── WaterSettingError          a tap-water or water-habit value is refused (nothing is saved)

Every error reads as a sentence a user understands (``str(err)``), and carries
where it happened so the app and the CLI can point at the row.
"""

from __future__ import annotations

__all__ = [
    "AmountError",
    "DiaryFormatError",
    "ForeignDatabaseError",
    "MatchError",
    "MineralogError",
    "SchemaError",
    "StoreError",
    "UnknownUnitError",
    "WaterSettingError",
]


class MineralogError(Exception):
    """Base class of every error the analyzer raises on purpose.

    Parameters
    ----------
    message
        A sentence for the user, without row or column (they are added).
    row
        Spreadsheet-style row number in the input file (header is row 1).
    column
        Column name in the input file.
    value
        The offending value, as text.
    """

    def __init__(self, message: str, *, row: int | None = None,
                 column: str | None = None, value: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.row = row
        self.column = column
        self.value = value

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        prefix = (", ".join(where).capitalize() + ": ") if where else ""
        return prefix + self.message


class DiaryFormatError(MineralogError):
    """The file cannot be read as a diary (empty, binary, no usable header...)."""


class AmountError(MineralogError):
    """An amount text cannot be resolved to grams."""


class UnknownUnitError(AmountError):
    """The unit in an amount is not one the alias table knows."""


class MatchError(MineralogError):
    """A food text cannot be matched (e.g. it is empty after normalisation)."""


class StoreError(MineralogError):
    """The user's local database cannot be opened or written."""


class ForeignDatabaseError(StoreError):
    """The file at the user database path is corrupt or belongs to something else."""


class WaterSettingError(MineralogError):
    """A tap-water or water-habit setting is negative, absurd, or in an unknown unit."""


class SchemaError(MineralogError):
    """A table crossing a stage boundary does not match its schema (``analyzer._schema``); ``column`` names it."""
