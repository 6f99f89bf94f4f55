"""SQL and text form of remembered supplement doses ("one unit of this product contains ...").

A dose is stored per product, keyed like corrections by ``normalise_key`` of the
diary text, as the amounts of tracked nutrients in one unit (one capsule, tablet,
scoop...).  An empty dose means the product contains none of them.  In the
corrections file a dose is written ``magnesium_mg=100; vitamin_d_ug=25`` (or
``none``).  Every function that touches SQL takes a connection already inside
the right transaction.
"""

from __future__ import annotations

import json
import math
import numbers
import sqlite3
from collections.abc import Mapping
from typing import Any

import pandas as pd

from analyzer._nutrients import NUTRIENT_INFO
from analyzer.errors import StoreError

__all__ = ["DOSE_COLUMNS", "check_dose", "dose_table", "format_dose", "parse_dose", "read_doses", "upsert_dose"]

DOSE_COLUMNS = ["text", "key", "dose_per_unit", "created_at"]
#: Nutrients a dose may name: every tracked nutrient except energy.
_DOSE_KEYS = tuple(key for key in NUTRIENT_INFO if key != "energy_kcal")


def check_dose(per_unit: Mapping[str, Any]) -> dict[str, float]:
    """Return a dose as ``{nutrient key: float}``, or raise StoreError naming what is wrong."""
    if not isinstance(per_unit, Mapping):
        raise StoreError("A dose is a mapping of nutrient to amount per unit.", value=per_unit)
    checked = {}
    for key, value in per_unit.items():
        if key not in _DOSE_KEYS:
            raise StoreError(f"'{key}' is not a nutrient Mineralog tracks ({', '.join(_DOSE_KEYS)}).", value=key)
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value) or value < 0:
            raise StoreError(f"The amount of {key} per unit, {value!r}, is not a number of zero or more.",
                             value=value)
        checked[key] = float(value)
    return checked


def format_dose(per_unit: Mapping[str, float]) -> str:
    """``{'magnesium_mg': 100.0}`` -> ``'magnesium_mg=100'``; an empty dose is ``'none'``."""
    return "; ".join(f"{key}={value:g}" for key, value in per_unit.items()) or "none"


def parse_dose(text: str) -> dict[str, float]:
    """Read a dose written by :func:`format_dose` (raises StoreError with a sentence)."""
    text = text.strip()
    if text.lower() == "none":
        return {}
    found: dict[str, Any] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        key, sep, value = part.partition("=")
        try:
            number = float(value) if sep else math.nan
        except ValueError:
            number = math.nan
        if not sep or math.isnan(number):
            raise StoreError(f"'{part}' is not written as nutrient=amount (for example magnesium_mg=100).",
                             value=part)
        found[key.strip()] = number
    if not found:
        raise StoreError("The dose is empty; write 'none' for a product with none of the tracked nutrients.",
                         value=text)
    return check_dose(found)


def upsert_dose(conn: sqlite3.Connection, text: str, key: str, per_unit: Mapping[str, float], now: str) -> None:
    """Store a product's dose, replacing the one with the same key."""
    conn.execute(
        "INSERT INTO supplement_doses (key, text, dose_json, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET text = excluded.text, dose_json = excluded.dose_json,"
        " created_at = excluded.created_at",
        (key, text, json.dumps(dict(per_unit)), now))


def read_doses(conn: sqlite3.Connection) -> dict[str, dict[str, float]]:
    """Return every dose as ``{key: {nutrient key: amount per unit}}``."""
    return {key: json.loads(dose) for key, dose in conn.execute("SELECT key, dose_json FROM supplement_doses")}


def dose_table(conn: sqlite3.Connection) -> pd.DataFrame:
    """Return the doses sorted by key: ``text, key, dose_per_unit`` (as written in the file), ``created_at``."""
    rows = conn.execute("SELECT text, key, dose_json, created_at FROM supplement_doses ORDER BY key").fetchall()
    table = pd.DataFrame([(t, k, format_dose(json.loads(d)), c) for t, k, d, c in rows], columns=DOSE_COLUMNS)
    table = table.astype({"text": "str", "key": "str", "dose_per_unit": "str"})
    table["created_at"] = pd.to_datetime(table["created_at"].astype(object), utc=True)
    return table
