"""The diary being worked on: kept in the session and saved in the user store after every change.

Saving after every change means nothing is lost when the tab closes: a new tab
reopens the diary last viewed.  Each state of the entries gets a fresh version
token, which names it in the analysis cache.  The edits themselves are
``analyzer`` functions; this module only keeps the session and the store in step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from analyzer import MineralogError, apply_recipe_weights, resolve_text
from analyzer import add_typed as _add_typed
from analyzer import set_amounts as _set_amounts
from app_pages._shared import food_table, matcher, new_version, user_store

_KEY = "diary"


@dataclass
class Diary:
    """The open diary."""

    id: int
    name: str
    entries: pd.DataFrame
    meta: dict = field(default_factory=dict)
    version: str = field(default_factory=new_version)


def current() -> Diary | None:
    """The open diary, or None; a new session first reopens the diary viewed last.

    Reopening here, when a page first asks, rather than before the page runs, lets the
    page's title and disclaimer appear before a large diary is read.
    """
    if not st.session_state.get("reopened") and _KEY not in st.session_state:
        st.session_state["reopened"] = True
        wanted = last_viewed()
        if wanted is not None:
            open_saved(wanted)
    return st.session_state.get(_KEY)


def _remember(diary: Diary | None) -> None:
    st.session_state[_KEY] = diary
    if diary is None:
        st.session_state.pop(_KEY, None)
        return
    try:  # the store's settings table; losing this note only means a new tab opens another diary
        user_store().save_last_diary(diary.id)
    except MineralogError:
        pass


def last_viewed() -> int | None:
    """The id of the diary viewed last in any tab, if it is still saved."""
    saved = user_store().list_diaries()
    try:
        wanted = user_store().last_diary()
    except MineralogError:
        wanted = None
    if wanted is not None and wanted in set(saved["id"].astype(int)):
        return wanted
    return int(saved["id"].iloc[0]) if len(saved) else None


def _corrections() -> dict[str, int]:
    return user_store().corrections()


def save(name: str, entries: pd.DataFrame, meta: dict) -> Diary:
    """Save entries under a name (replacing a diary of that name) and make it the open diary."""
    diary_id = user_store().save_diary(name, entries, meta)
    diary = Diary(id=diary_id, name=name.strip(), entries=entries, meta=dict(meta))
    _remember(diary)
    return diary


def unused_name(wanted: str) -> str:
    """``wanted``, or ``wanted (2)``, ``(3)``... when a saved diary already has that name (cut to fit)."""
    return user_store().unused_diary_name(wanted)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(diary_id: int, saved_at: str) -> tuple[pd.DataFrame, dict]:
    """A saved diary as it was saved at ``saved_at`` (shared, never modified: edits make new frames)."""
    return user_store().load_diary(diary_id)


def open_saved(diary_id: int) -> Diary:
    """Open a saved diary.

    Its version names the saved state (id and time of saving), so a diary opened again
    finds its analysis in the cache: switching back and forth costs no recomputation.
    """
    row = user_store().list_diaries().set_index("id").loc[int(diary_id)]
    saved_at = str(row["updated_at"])
    entries, meta = _load(int(diary_id), saved_at)
    diary = Diary(id=int(diary_id), name=str(row["name"]), entries=entries, meta=dict(meta),
                  version=f"{int(diary_id)}@{saved_at}")
    _remember(diary)
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
    # Rows resolved again (another food chosen, an amount edited) keep the user's own recipe weights.
    entries = apply_recipe_weights(entries, user_store().recipe_weights())
    updated = Diary(id=diary.id, name=diary.name, entries=entries, meta=diary.meta)
    updated.id = user_store().save_diary(diary.name, entries, diary.meta)
    _remember(updated)
    return updated


def apply_correction(diary: Diary, text: str, food_id: int, description: str) -> Diary:
    """Remember that ``text`` means a food, and resolve again every entry written that way."""
    user_store().set_correction(text, int(food_id), description)
    return _replace(diary, resolve_text(diary.entries, text, table=food_table(), matcher=matcher(),
                                        corrections=_corrections()))


def forget_recipe_weight(diary: Diary, text: str) -> Diary:
    """Forget what one full recipe of ``text`` weighs, and resolve again every entry written that way
    (they ask for their weight again)."""
    user_store().remove_recipe_weight(text)
    return _replace(diary, resolve_text(diary.entries, text, table=food_table(), matcher=matcher(),
                                        corrections=_corrections()))


def forget_correction(diary: Diary | None, text: str) -> Diary | None:
    """Forget a saved correction and resolve again the open diary's entries that used it."""
    user_store().remove_correction(text)
    if diary is None:
        return None
    return _replace(diary, resolve_text(diary.entries, text, table=food_table(), matcher=matcher(),
                                        corrections=_corrections()))


def set_amounts(diary: Diary, amounts: dict[int, str]) -> Diary:
    """Change the amount of some entries (by ``row`` number) and resolve their grams again."""
    return _replace(diary, _set_amounts(diary.entries, amounts, table=food_table(), matcher=matcher(),
                                        corrections=_corrections()))


def add_typed(typed: pd.DataFrame, day: dt.date, into_open: bool, name: str) -> tuple[Diary, int]:
    """Add typed entries dated ``day`` to the open diary, or to a new diary called ``name``.

    Returns the diary and how many entries were added.
    """
    diary = current() if into_open else None
    entries = None if diary is None else diary.entries
    combined = _add_typed(entries, typed, day, table=food_table(), matcher=matcher(), corrections=_corrections())
    added = len(combined) - (0 if entries is None else len(entries))
    if diary is not None:
        return _replace(diary, combined), added
    meta = {"format": "typed", "format_label": "Entries typed in Mineralog", "notes": []}
    return save(unused_name(name), combined, meta), added
