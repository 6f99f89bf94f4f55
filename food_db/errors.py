"""Errors raised while obtaining, building or loading the food database.

The tree::

    FoodDatabaseError            base: a sentence saying what went wrong and what to do
    ├── SourceError              the SR28 files could not be obtained (download, checksum)
    ├── MalformedSourceError     an SR28 file is truncated or not in the SR28 format
    └── NotBuiltError            the database has not been built yet (or is stale)
"""

from __future__ import annotations

__all__ = ["FoodDatabaseError", "MalformedSourceError", "NotBuiltError", "SourceError"]


class FoodDatabaseError(Exception):
    """Base class: ``str(err)`` is one line telling the user what to do."""


class SourceError(FoodDatabaseError):
    """The SR28 archive or directory could not be obtained or verified."""


class MalformedSourceError(FoodDatabaseError):
    """An SR28 file is truncated, has the wrong number of fields, or bad numbers."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None) -> None:
        where = f"{file}, line {line}: " if file and line else (f"{file}: " if file else "")
        super().__init__(where + message)
        self.file = file
        self.line = line


class NotBuiltError(FoodDatabaseError):
    """The food database does not exist yet, or was built from other sources."""
