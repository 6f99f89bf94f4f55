"""Errors raised while obtaining, building or loading the food database, and the root of every Mineralog error.

``MineralogError`` lives here, in the lower of the two packages, so that the analyzer's
errors and these share one root (the whole tree is drawn in ``analyzer.errors``)::

    MineralogError                 base: a sentence, plus row / column / value where they apply
    ├── InvalidArgumentError       a value passed in is not one accepted (``column`` names the argument)
    └── FoodDatabaseError          the food database: a sentence saying what went wrong and what to do
        ├── SourceError            the source files could not be obtained (download, checksum)
        ├── MalformedSourceError   a source file is truncated or not in its format (file, line, column)
        └── NotBuiltError          the database has not been built yet (or is stale)
"""

from __future__ import annotations

__all__ = ["FoodDatabaseError", "InvalidArgumentError", "MalformedSourceError", "MineralogError", "NotBuiltError",
           "SourceError"]


class MineralogError(Exception):
    """Base class of every error Mineralog raises on purpose (``analyzer`` and ``food_db``).

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


class InvalidArgumentError(MineralogError, ValueError):
    """A value given to a function or on the command line is not one it accepts.

    ``column`` names the argument (``period``, ``authority``, ``start``), ``value`` is what
    was given.  It is also a ``ValueError``, what Python raises for a bad value.  The message
    names the argument itself, so no "column" prefix is added.
    """

    def __str__(self) -> str:
        return self.message


class FoodDatabaseError(MineralogError):
    """Base class of the food database's errors: ``str(err)`` is one line telling the user what to do."""


class SourceError(FoodDatabaseError):
    """The SR28 archive or directory could not be obtained or verified."""


class MalformedSourceError(FoodDatabaseError):
    """A source file is truncated, has the wrong number of fields, or bad numbers.

    ``file`` and ``line`` say where (``line`` is also the error's ``row``), ``column`` which field.
    """

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 column: str | None = None, value: object = None) -> None:
        super().__init__(message, row=line, column=column, value=value)
        self.file = file
        self.line = line

    def __str__(self) -> str:
        # The file names the place better than a spreadsheet row would: "NUT_DATA.txt, line 3: ...".
        if not self.file:
            return self.message
        return f"{self.file}, line {self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


class NotBuiltError(FoodDatabaseError):
    """The food database does not exist yet, or was built from other sources."""
