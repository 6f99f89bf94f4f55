"""Typed errors raised by the analyzer, and the one error tree of Mineralog.

The root, ``MineralogError``, is defined in ``food_db.errors`` (the lower package) and
shared by both packages; the whole tree is drawn in the package docstring (``analyzer/__init__.py``).

Every error reads as a sentence a user understands (``str(err)``), and carries
where it happened so the app and the CLI can point at the row.
"""

from __future__ import annotations

from food_db.errors import InvalidArgumentError, MineralogError

__all__ = [
    "AmountError",
    "DataFileError",
    "DiaryFormatError",
    "ForeignDatabaseError",
    "InvalidArgumentError",
    "MatchError",
    "MineralogError",
    "SchemaError",
    "StoreError",
    "UnknownUnitError",
    "WaterSettingError",
]


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


class DataFileError(MineralogError, ValueError):
    """A data file shipped with Mineralog (``analyzer/*.csv``) contradicts itself or this code.

    ``file`` and ``line`` say where (``line`` is also the error's ``row``), as for a food
    database source file.  It means the installation is damaged or was edited, not that the
    user's diary is wrong.
    """

    def __init__(self, message: str, *, file: str, line: int | None = None,
                 column: str | None = None, value: object = None) -> None:
        super().__init__(message, row=line, column=column, value=value)
        self.file = file
        self.line = line

    def __str__(self) -> str:
        place = f"{self.file}, line {self.line}" if self.line else self.file
        return f"{place}: {self.message}"
