"""The diary being worked on: kept in the session and saved in the user store after every change.

Saving after every change means nothing is lost when the tab closes: the diary
is reopened from the saved list.  Each state of the entries gets a fresh
version token, which names it in the analysis cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import streamlit as st

from app_pages._shared import food_table, match_text, matcher, new_version, normalise_key, resolve_entries, user_store

_KEY = "diary"
#: Columns of a parsed diary row, for entries typed in the app.
_PARSED_DEFAULTS = {"time": "", "meal": "", "kind": "food", "status": "pending", "reason": "", "raw": ""}


@dataclass
class Diary:
    """The open diary."""

    id: int
    name: str
    entries: pd.DataFrame
    meta: dict = field(default_factory=dict)
    version: str = field(default_factory=new_version)


def current() -> Diary | None:
    """The open diary, or None."""
    return st.session_state.get(_KEY)


def _corrections() -> dict[str, int]:
    return user_store().corrections()


def save(name: str, entries: pd.DataFrame, meta: dict) -> Diary:
    """Save entries under a name (replacing a diary of that name) and make it the open diary."""
    diary_id = user_store().save_diary(name, entries, meta)
    diary = Diary(id=diary_id, name=name.strip(), entries=entries, meta=dict(meta))
    st.session_state[_KEY] = diary
    return diary


def unused_name(wanted: str) -> str:
    """``wanted``, or ``wanted (2)``, ``(3)``... when a saved diary already has that name."""
    taken = set(user_store().list_diaries()["name"])
    name, n = wanted.strip() or "Diary", 2
    candidate = name
    while candidate in taken:
        candidate, n = f"{name} ({n})", n + 1
    return candidate


def open_saved(diary_id: int) -> Diary:
    """Open a saved diary."""
    entries, meta = user_store().load_diary(diary_id)
    names = user_store().list_diaries().set_index("id")["name"]
    diary = Diary(id=int(diary_id), name=str(names.get(diary_id, "")), entries=entries, meta=meta)
    st.session_state[_KEY] = diary
    return diary


def close() -> None:
    """Forget the open diary (it stays saved)."""
    st.session_state.pop(_KEY, None)


def rename(diary_id: int, new_name: str) -> None:
    """Rename a saved diary (the open one too)."""
    user_store().rename_diary(diary_id, new_name)
    diary = current()
    if diary is not None and diary.id == diary_id:
        diary.name = new_name.strip()


def delete(diary_id: int) -> None:
    """Delete a saved diary; close it if it is open."""
    user_store().delete_diary(diary_id)
    diary = current()
    if diary is not None and diary.id == diary_id:
        close()


def _replace(diary: Diary, entries: pd.DataFrame) -> Diary:
    updated = Diary(id=diary.id, name=diary.name, entries=entries, meta=diary.meta)
    updated.id = user_store().save_diary(diary.name, entries, diary.meta)
    st.session_state[_KEY] = updated
    return updated


def _re_resolve(diary: Diary, rows: pd.Series) -> Diary:
    """Match and resolve again the selected rows with the user's corrections, then save."""
    entries = diary.entries.copy()
    if rows.any():
        redone = resolve_entries(entries.loc[rows], table=food_table(), matcher=matcher(),
                                 corrections=_corrections())
        for column in redone.columns:
            if column not in entries:
                entries[column] = np.nan
        entries["alternatives"] = entries["alternatives"].astype(object)
        entries.loc[rows, redone.columns] = redone
    return _replace(diary, entries)


def apply_correction(diary: Diary, text: str, food_id: int, description: str) -> Diary:
    """Remember that ``text`` means a food, and re-resolve every entry matched by that text."""
    user_store().set_correction(text, int(food_id), description)
    key = normalise_key(text)
    keys = {t: normalise_key(t) for t in set(_match_texts(diary.entries))}
    rows = _match_texts(diary.entries).map(keys).eq(key) & _open_rows(diary.entries)
    return _re_resolve(diary, rows)


def forget_correction(diary: Diary | None, text: str) -> Diary | None:
    """Forget a saved correction and re-resolve the open diary's entries that used it."""
    user_store().remove_correction(text)
    if diary is None:
        return None
    key = normalise_key(text)
    texts = _match_texts(diary.entries)
    rows = texts.map({t: normalise_key(t) for t in set(texts)}).eq(key) & _open_rows(diary.entries)
    return _re_resolve(diary, rows)


def set_amounts(diary: Diary, amounts: dict[int, str]) -> Diary:
    """Change the amount of some entries (by ``row`` number) and resolve their grams again."""
    entries = diary.entries.copy()
    rows = entries["row"].isin(list(amounts))
    entries.loc[rows, "amount_text"] = entries.loc[rows, "row"].map(amounts)
    entries.loc[rows, ["status", "reason"]] = ["pending", ""]
    return _re_resolve(Diary(diary.id, diary.name, entries, diary.meta), rows)


def typed_entries(table: pd.DataFrame, first_row: int) -> pd.DataFrame:
    """Parsed-diary rows from the typed table (``date, food, amount, unit``).

    Rows without a food are dropped; a row without a date is for today (as the new rows the table offers).
    """
    food = table["food"].fillna("").astype(str).str.strip()
    kept = table.loc[food != ""]
    amount_text = (kept["amount"].fillna("").astype(str).str.strip() + " "
                   + kept["unit"].fillna("").astype(str).str.strip()).str.strip()
    parsed = pd.DataFrame({
        "row": range(first_row, first_row + len(kept)),
        "date": pd.to_datetime(kept["date"], errors="coerce").fillna(pd.Timestamp.today()).dt.normalize().to_numpy(),
        "food_text": food.loc[kept.index].to_numpy(),
        "amount_text": amount_text.to_numpy(),
    })
    for column, value in _PARSED_DEFAULTS.items():
        parsed[column] = value
    return parsed


def add_typed(table: pd.DataFrame, name: str) -> Diary:
    """Resolve typed entries and add them to the open diary, or to a new diary called ``name``."""
    diary = current()
    first_row = int(diary.entries["row"].max()) + 1 if diary is not None and len(diary.entries) else 2
    parsed = typed_entries(table, first_row)
    resolved = resolve_entries(parsed, table=food_table(), matcher=matcher(), corrections=_corrections())
    if diary is not None:
        combined = pd.concat([diary.entries, resolved], ignore_index=True)
        combined["alternatives"] = combined["alternatives"].astype(object)
        return _replace(diary, combined)
    meta = {"format": "typed", "format_label": "Entries typed in Mineralog", "notes": []}
    return save(unused_name(name), resolved, meta)


def _match_texts(entries: pd.DataFrame) -> pd.Series:
    return pd.Series([match_text(f, a) for f, a in zip(entries["food_text"], entries["amount_text"], strict=True)],
                     index=entries.index, dtype=object)


def _open_rows(entries: pd.DataFrame) -> pd.Series:
    return ~entries["status"].isin(["skipped", "rejected"]) & (entries["kind"] == "food")
