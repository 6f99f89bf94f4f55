"""SQL for saved diaries: one ``diaries`` row plus one ``diary_entries`` row per entry.

Every function takes a connection already inside the right transaction; the
caller (:class:`~analyzer.store.UserStore`) opens and commits it.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Container
from typing import Any

import pandas as pd

from analyzer.errors import StoreError

__all__ = ["LIST_COLUMNS", "check_name", "diary_table", "no_diary", "read_diary", "rename_diary",
           "unused_name", "write_diary"]

LIST_COLUMNS = ["id", "name", "created_at", "updated_at", "n_rows", "format"]
_MAX_NAME_LENGTH = 200
# Characters that bind to their neighbours (zero-width joiner, variation selectors): never the first after a cut.
_JOINERS = frozenset("\u200d\ufe0e\ufe0f")


def check_name(name: Any) -> str:
    """Return the diary name as stored (trimmed, NFC), or raise StoreError if unusable."""
    if not isinstance(name, str) or not name.strip():
        raise StoreError("A diary needs a name.", value=name)
    # NFC, so names that look the same are the same name.
    name = unicodedata.normalize("NFC", name.strip())
    if len(name) > _MAX_NAME_LENGTH:
        raise StoreError(f"A diary name can be at most {_MAX_NAME_LENGTH} characters long.",
                         value=name[:40] + "...")
    return name


def unused_name(wanted: str, taken: Container[str]) -> str:
    """Return a name for a new diary: ``wanted``, or ``wanted (2)``, ``(3)``... when taken.

    A name too long to save (a file name of 250 characters) is cut with an
    ellipsis so that it, and its number, fit the limit: the import is saved
    rather than refused after the work is done.
    """
    name = unicodedata.normalize("NFC", str(wanted).strip()) or "Diary"
    candidate, n = _fit(name, ""), 2
    while candidate in taken:
        candidate, n = _fit(name, f" ({n})"), n + 1
    return candidate


def _fit(name: str, suffix: str) -> str:
    """``name + suffix``, the name cut with an ellipsis where the whole would pass the limit."""
    if len(name) + len(suffix) <= _MAX_NAME_LENGTH:
        return name + suffix
    cut = _MAX_NAME_LENGTH - len(suffix) - 1
    # Cut before a combining mark or joiner, never between a letter and its accent.
    while cut > 1 and (unicodedata.combining(name[cut]) or name[cut] in _JOINERS):
        cut -= 1
    return name[:cut].rstrip() + "…" + suffix


def write_diary(conn: sqlite3.Connection, name: str, spec_json: str, rows: list[str],
                meta_json: str, file_format: str, now: str) -> int:
    """Insert a diary, or replace the one with this name (keeping its id); return the id."""
    found = conn.execute("SELECT id FROM diaries WHERE name = ?", (name,)).fetchone()
    if found is None:
        diary_id: int | None = conn.execute(
            "INSERT INTO diaries (name, format, created_at, updated_at, n_rows, columns_json, meta_json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (name, file_format, now, now, len(rows), spec_json, meta_json)).lastrowid
    else:
        diary_id = found[0]
        conn.execute("DELETE FROM diary_entries WHERE diary_id = ?", (diary_id,))
        conn.execute(
            "UPDATE diaries SET format = ?, updated_at = ?, n_rows = ?, columns_json = ?, meta_json = ?"
            " WHERE id = ?",
            (file_format, now, len(rows), spec_json, meta_json, diary_id))
    conn.executemany(
        "INSERT INTO diary_entries (diary_id, position, fields_json) VALUES (?, ?, ?)",
        ((diary_id, position, text) for position, text in enumerate(rows)))
    assert diary_id is not None  # an INSERT always sets lastrowid
    return diary_id


def read_diary(conn: sqlite3.Connection, diary_id: int) -> tuple[str, str, list[str]]:
    """Return ``(columns_json, meta_json, entry texts in order)`` of one diary."""
    found = conn.execute("SELECT columns_json, meta_json FROM diaries WHERE id = ?",
                         (diary_id,)).fetchone()
    if found is None:
        raise no_diary(diary_id)
    texts = [text for (text,) in conn.execute(
        "SELECT fields_json FROM diary_entries WHERE diary_id = ? ORDER BY position", (diary_id,))]
    return found[0], found[1], texts


def rename_diary(conn: sqlite3.Connection, diary_id: int, new_name: str, now: str) -> None:
    """Rename a diary, refusing a name another diary already has."""
    if conn.execute("SELECT 1 FROM diaries WHERE id = ?", (diary_id,)).fetchone() is None:
        raise no_diary(diary_id)
    taken = conn.execute("SELECT 1 FROM diaries WHERE name = ? AND id != ?",
                         (new_name, diary_id)).fetchone()
    if taken is not None:
        raise StoreError(f"A diary named '{new_name}' already exists; choose another name.",
                         value=new_name)
    conn.execute("UPDATE diaries SET name = ?, updated_at = ? WHERE id = ?", (new_name, now, diary_id))


def diary_table(conn: sqlite3.Connection) -> pd.DataFrame:
    """Return the list of diaries, most recently saved first, times as UTC timestamps."""
    rows = conn.execute(f"SELECT {', '.join(LIST_COLUMNS)} FROM diaries"
                        " ORDER BY updated_at DESC, id DESC").fetchall()
    table = pd.DataFrame(rows, columns=LIST_COLUMNS).astype(
        {"id": "int64", "name": "str", "n_rows": "int64", "format": "str"})
    for column in ("created_at", "updated_at"):
        table[column] = pd.to_datetime(table[column].astype(object), utc=True)
    return table


def no_diary(diary_id: Any) -> StoreError:
    """The error for an id that names no saved diary."""
    return StoreError(f"No saved diary has the id {diary_id}.", value=diary_id)
