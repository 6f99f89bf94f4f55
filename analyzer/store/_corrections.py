"""SQL for corrections ("this food text means that food"), keyed by ``normalise_key``.

Every function takes a connection already inside the right transaction.
"""

from __future__ import annotations

import numbers
import sqlite3
from typing import Any

import pandas as pd

from analyzer.errors import StoreError
from analyzer.match._normalise import normalise_key

__all__ = ["LIST_COLUMNS", "check_food_id", "correction_key", "correction_table", "rekey",
           "stale_keys", "upsert"]

LIST_COLUMNS = ["text", "key", "food_id", "description", "created_at"]


def correction_key(text: Any) -> str:
    """Return the key of a food text, or raise StoreError if it holds no word."""
    key = normalise_key(text) if isinstance(text, str) else ""
    if not key:
        raise StoreError("The food text is empty, so there is nothing to correct.", value=text)
    return key


def check_food_id(food_id: Any) -> int:
    """Return ``food_id`` as an int, or raise StoreError unless it is a positive whole number."""
    if isinstance(food_id, bool) or not isinstance(food_id, numbers.Integral):
        raise StoreError(f"The food number {food_id!r} is not a whole number.", value=food_id)
    if food_id <= 0:
        raise StoreError(f"The food number {food_id} is not a positive whole number.", value=food_id)
    return int(food_id)


def upsert(conn: sqlite3.Connection, text: str, key: str, food_id: int, description: str,
           now: str) -> None:
    """Store a correction, replacing the one with the same key."""
    conn.execute(
        "INSERT INTO corrections (key, text, food_id, description, created_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET text = excluded.text, food_id = excluded.food_id,"
        " description = excluded.description, created_at = excluded.created_at",
        (key, text, food_id, description, now))


def stale_keys(conn: sqlite3.Connection) -> bool:
    """Return True if a stored key differs from what ``normalise_key`` gives today."""
    return any(normalise_key(text) != key
               for key, text in conn.execute("SELECT key, text FROM corrections"))


def rekey(conn: sqlite3.Connection) -> None:
    """Recompute every key after the normalisation rules changed.

    When two texts now share a key, the most recent correction wins.
    """
    rows = conn.execute("SELECT text, food_id, description, created_at FROM corrections"
                        " ORDER BY created_at, rowid").fetchall()
    latest = {normalise_key(text): (text, food_id, description, created_at)
              for text, food_id, description, created_at in rows}
    conn.execute("DELETE FROM corrections")
    for key, (text, food_id, description, created_at) in latest.items():
        upsert(conn, text, key, food_id, description, created_at)


def correction_table(conn: sqlite3.Connection) -> pd.DataFrame:
    """Return the corrections sorted by key, ``created_at`` as UTC timestamps."""
    rows = conn.execute(f"SELECT {', '.join(LIST_COLUMNS)} FROM corrections ORDER BY key").fetchall()
    table = pd.DataFrame(rows, columns=LIST_COLUMNS).astype(
        {"text": "str", "key": "str", "food_id": "int64", "description": "str"})
    table["created_at"] = pd.to_datetime(table["created_at"].astype(object), utc=True)
    return table
