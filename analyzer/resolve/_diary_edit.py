"""Editing a resolved diary: typed entries, corrected matches, fixed amounts, and what needs a look.

Every function takes the final entries (``ImportResult.entries``) and returns new
ones; none changes its input.  Work is done on distinct food texts, then whole
columns are assigned, so a 10,000-row diary is edited as fast as its few
hundred distinct foods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..match._normalise import normalise_key
from ._entry_line import match_text

# The import pipeline (matcher, unit registry) is imported inside the functions that resolve
# entries: the dashboard's first page uses the constants and lists here before any matching.

__all__ = [
    "add_typed",
    "alternatives_for",
    "resolve_text",
    "review_queue",
    "set_amounts",
    "typed_entries",
]

#: Columns of a parsed row that a typed entry has no value for.
_PARSED_DEFAULTS = {"time": "", "meal": "", "kind": "food", "status": "pending", "reason": "", "raw": ""}
_REVIEW_COLUMNS = ["text", "entries", "matched", "score", "unmatched", "from_file", "source"]


def _match_texts(entries: pd.DataFrame) -> pd.Series:
    """Match text of every row, worked out once per distinct (food, amount) pair."""
    pairs = list(zip(entries["food_text"].astype(str), entries["amount_text"].astype(str), strict=True))
    distinct = {pair: match_text(*pair) for pair in set(pairs)}
    return pd.Series([distinct[pair] for pair in pairs], index=entries.index, dtype=object)


def _open_food_rows(entries: pd.DataFrame) -> pd.Series:
    return ~entries["status"].isin(["skipped", "rejected"]) & (entries["kind"] == "food")


def _re_resolve(entries: pd.DataFrame, rows: pd.Series, *, table, matcher, corrections) -> pd.DataFrame:
    """Match and resolve the selected rows again (with the user's corrections); the rest stay as they are."""
    from ._import import resolve_entries

    entries = entries.copy()
    if not rows.any():
        return entries
    redone = resolve_entries(entries.loc[rows], table=table, matcher=matcher, corrections=corrections)
    for column in redone.columns:
        if column not in entries:
            entries[column] = np.nan
    entries["alternatives"] = entries["alternatives"].astype(object)
    entries.loc[rows, redone.columns] = redone
    return entries


def resolve_text(entries: pd.DataFrame, text: str, *, table, matcher=None,
                 corrections: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Resolve again every open food entry written as ``text`` (after a correction was saved or removed).

    Parameters
    ----------
    entries
        The diary's final entries.
    text
        The food as the review shows it (:func:`match_text`); compared by :func:`normalise_key`.
    table, matcher, corrections
        As for :func:`resolve_entries`; ``corrections`` holds the user's current choices.
    """
    key = normalise_key(text)
    texts = _match_texts(entries)
    keys = {t: normalise_key(t) for t in set(texts)}
    rows = texts.map(keys).eq(key) & _open_food_rows(entries)
    return _re_resolve(entries, rows, table=table, matcher=matcher, corrections=corrections)


def set_amounts(entries: pd.DataFrame, amounts: Mapping[int, str], *, table, matcher=None,
                corrections: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Give some entries (by ``row`` number) a new amount and resolve their grams again."""
    entries = entries.copy()
    rows = entries["row"].isin(list(amounts))
    entries.loc[rows, "amount_text"] = entries.loc[rows, "row"].map(dict(amounts)).astype(str)
    entries.loc[rows, ["status", "reason"]] = ["pending", ""]
    return _re_resolve(entries, rows, table=table, matcher=matcher, corrections=corrections)


def typed_entries(typed: pd.DataFrame, day: dt.date, first_row: int = 2) -> pd.DataFrame:
    """Parsed-diary rows from a typed table (columns ``food``, ``amount``, ``unit``), all dated ``day``.

    Rows without a food are dropped; amount and unit are joined as one amount text.
    """
    food = typed["food"].fillna("").astype(str).str.strip()
    kept = typed.loc[food != ""]
    amount_text = (kept["amount"].fillna("").astype(str).str.strip() + " "
                   + kept["unit"].fillna("").astype(str).str.strip()).str.strip()
    parsed = pd.DataFrame({
        "row": range(first_row, first_row + len(kept)),
        "date": pd.Series(pd.Timestamp(day).normalize(), index=range(len(kept)), dtype="datetime64[ns]"),
        "food_text": food.loc[kept.index].to_numpy(),
        "amount_text": amount_text.to_numpy(),
    })
    for column, value in _PARSED_DEFAULTS.items():
        parsed[column] = value
    return parsed


def add_typed(entries: pd.DataFrame | None, typed: pd.DataFrame, day: dt.date, *, table, matcher=None,
              corrections: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Resolve typed entries dated ``day`` and append them to ``entries`` (None for a new diary).

    Their row numbers continue after the diary's last row, so every row keeps a unique number.
    """
    from ._import import resolve_entries

    first_row = int(entries["row"].max()) + 1 if entries is not None and len(entries) else 2
    resolved = resolve_entries(typed_entries(typed, day, first_row), table=table, matcher=matcher,
                               corrections=corrections)
    if entries is None:
        return resolved
    combined = pd.concat([entries, resolved], ignore_index=True)
    combined["alternatives"] = combined["alternatives"].astype(object)
    return combined


def review_queue(entries: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct food text to review: not identified first, then the lowest match score.

    Returns
    -------
    pandas.DataFrame
        Columns ``text`` (as matched), ``entries``, ``matched`` (food description), ``score``
        (lowest), ``unmatched``, ``from_file`` (the export gives the nutrients) and ``source``
        (``matcher`` or ``correction``).
    """
    supplement = entries["is_supplement"].fillna(False).astype(bool)
    foods = entries[(entries["kind"] == "food") & entries["status"].isin(["used", "needs_match", "needs_amount"])
                    & ~supplement]
    foods = foods[foods["status"].eq("needs_match") | foods["matched_food_id"].notna()]
    if foods.empty:
        return pd.DataFrame(columns=_REVIEW_COLUMNS)
    frame = pd.DataFrame({"text": _match_texts(foods), "matched": foods["matched_food"].fillna("").astype(str),
                          "score": pd.to_numeric(foods["match_score"], errors="coerce"),
                          "unmatched": foods["status"].eq("needs_match"),
                          "from_file": foods["nutrient_source"].eq("file"),
                          "source": foods["match_source"].fillna("").astype(str)}, index=foods.index)
    grouped = frame.groupby("text", sort=False).agg(
        entries=("text", "size"), matched=("matched", "first"), score=("score", "min"),
        unmatched=("unmatched", "any"), from_file=("from_file", "all"), source=("source", "first"))
    queue = grouped.reset_index().sort_values(["unmatched", "score"], ascending=[False, True], kind="stable")
    return queue[_REVIEW_COLUMNS].reset_index(drop=True)


def alternatives_for(entries: pd.DataFrame, text: str) -> list[tuple[int, str, float]]:
    """The matcher's candidate foods for a reviewed text: ``(food_id, description, score)``, best first."""
    rows = entries.loc[_match_texts(entries).eq(text), "alternatives"]
    for alternatives in rows:
        if isinstance(alternatives, list | tuple) and alternatives:
            return [(int(a[0]), str(a[1]), float(a[2])) for a in alternatives]
    return []
