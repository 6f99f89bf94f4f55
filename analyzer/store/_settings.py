"""SQL for the user's settings: one JSON value per key (profile, tap water, water habit).

Every function takes a connection already inside the right transaction; the
caller (:class:`~analyzer.store.UserStore`) opens and commits it.  Values
are checked by their own types before they get here, so a refused value
never reaches the table.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

__all__ = ["KEYS", "delete", "read", "write"]

#: The settings Mineralog keeps, and what each holds.
KEYS = {
    "profile": "age, sex, pregnancy or lactation, and the reference authority",
    "tap_water": "calcium, magnesium and sodium of the user's tap water (mg/L), or its hardness",
    "water_habit_litres": "litres of tap water added to every logged day (absent when off)",
    "last_diary": "id of the diary viewed last in the dashboard (a new session reopens it)",
}


def read(conn: sqlite3.Connection, key: str) -> Any:
    """Return the value saved under ``key``, or None when there is none."""
    found = conn.execute("SELECT value_json FROM settings WHERE key = ?", (key,)).fetchone()
    return None if found is None else json.loads(found[0])


def write(conn: sqlite3.Connection, key: str, value: Any, now: str) -> None:
    """Save ``value`` (plain JSON data) under ``key``, replacing what was there."""
    conn.execute("INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)"
                 " ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json,"
                 " updated_at = excluded.updated_at",
                 (key, json.dumps(value, allow_nan=False), now))


def delete(conn: sqlite3.Connection, key: str) -> bool:
    """Forget the value under ``key``; True if there was one."""
    return conn.execute("DELETE FROM settings WHERE key = ?", (key,)).rowcount > 0
