"""SQL of remembered recipe weights ("one full recipe of this recipe of mine weighs ... g").

A weight is stored per recipe name, keyed like corrections and supplement doses by
``normalise_key`` of the name as written in the diary. Every function that touches SQL
takes a connection already inside the right transaction.
"""

from __future__ import annotations

import math
import numbers
import sqlite3
from typing import Any

import pandas as pd

from analyzer.errors import StoreError

__all__ = ["RECIPE_WEIGHT_COLUMNS", "check_recipe_grams", "read_recipe_weights", "recipe_weight_table",
           "upsert_recipe_weight"]

RECIPE_WEIGHT_COLUMNS = ["text", "key", "grams", "created_at"]
#: The heaviest full recipe accepted: a 50-litre stock pot. Beyond it a typing slip (an extra zero or
#: three) is far more likely than a recipe, and each entry is held back above 5 kg anyway.
_MAX_RECIPE_GRAMS = 50_000.0


def check_recipe_grams(grams: Any) -> float:
    """Return the weight of one full recipe as a float, or raise StoreError naming what is wrong."""
    if isinstance(grams, bool) or not isinstance(grams, numbers.Real) or not math.isfinite(grams) or grams <= 0:
        raise StoreError(f"The weight of one full recipe, {grams!r}, is not a number of grams above zero.",
                         value=grams)
    grams = float(grams)
    if grams > _MAX_RECIPE_GRAMS:
        raise StoreError(f"One full recipe of {grams:g} g is more than {_MAX_RECIPE_GRAMS:,.0f} g; "
                         f"the weight is not saved.", value=grams)
    return grams


def upsert_recipe_weight(conn: sqlite3.Connection, text: str, key: str, grams: float, now: str) -> None:
    """Store a recipe's weight, replacing the one with the same key."""
    conn.execute(
        "INSERT INTO recipe_weights (key, text, grams, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET text = excluded.text, grams = excluded.grams,"
        " created_at = excluded.created_at",
        (key, text, grams, now))


def read_recipe_weights(conn: sqlite3.Connection) -> dict[str, float]:
    """Return every weight as ``{key: grams in one full recipe}``."""
    return {key: float(grams) for key, grams in conn.execute("SELECT key, grams FROM recipe_weights")}


def recipe_weight_table(conn: sqlite3.Connection) -> pd.DataFrame:
    """Return the weights sorted by key: ``text, key, grams, created_at`` (UTC)."""
    rows = conn.execute("SELECT text, key, grams, created_at FROM recipe_weights ORDER BY key").fetchall()
    table = pd.DataFrame(rows, columns=RECIPE_WEIGHT_COLUMNS)
    table = table.astype({"text": "str", "key": "str", "grams": "float"})
    table["created_at"] = pd.to_datetime(table["created_at"].astype(object), utc=True)
    return table
