"""The foods that contributed most of a nutrient over a date range."""

from __future__ import annotations

import pandas as pd

from ._nutrients import NUTRIENTS

__all__ = ["top_contributors"]


def top_contributors(nutrients: pd.DataFrame, key: str, start=None, end=None, limit: int = 10) -> pd.DataFrame:
    """Rank the foods (and supplements) by how much of ``key`` they supplied.

    Entries are grouped by matched food (or the text as written when none is
    matched; water by its source, "tap water (your setting)", a brand's label,
    "water (your setting)"); entries whose value is unknown are left out.

    Parameters
    ----------
    nutrients
        Output of :func:`entry_nutrients`.
    key
        Nutrient key, e.g. ``'magnesium_mg'``.
    start, end
        Date range, inclusive; None for open ends.
    limit
        Most rows returned.

    Returns
    -------
    pandas.DataFrame
        Columns ``food``, ``source`` (``food``, ``supplement`` or ``water``), ``entries``,
        ``grams`` (NaN when no weight is known),
        ``amount`` (the amount written most often), ``value`` and ``share``
        (of the range's known total, 0 to 1), largest first.
    """
    if key not in nutrients:
        raise ValueError(f"'{key}' is not a nutrient column; use one of {list(NUTRIENTS)}.")
    rows = nutrients.loc[nutrients[key].notna()]
    if start is not None:
        rows = rows.loc[rows["date"] >= pd.Timestamp(start)]
    if end is not None:
        rows = rows.loc[rows["date"] <= pd.Timestamp(end)]
    matched = rows["matched_food"] if "matched_food" in rows else pd.Series(pd.NA, index=rows.index)
    food = matched.astype(object).where(matched.notna() & (matched.astype(str) != ""), rows["food_text"])
    amount = rows["amount_text"] if "amount_text" in rows else pd.Series("", index=rows.index)
    frame = pd.DataFrame({"food": food.astype(str), "grams": rows["grams"], "value": rows[key],
                          "amount": amount.astype(str), "source": _source_kind(rows)})
    grouped = frame.groupby("food", sort=False)
    out = pd.DataFrame({
        "source": grouped["source"].first(),
        "entries": grouped.size(),
        "grams": grouped["grams"].sum(min_count=1),
        "amount": grouped["amount"].agg(lambda s: s.mode().iloc[0] if len(s) else ""),
        "value": grouped["value"].sum(),
    })
    total = frame["value"].sum()
    out["share"] = out["value"] / total if total > 0 else float("nan")
    out = out.sort_values("value", ascending=False, kind="stable").head(limit)
    return out.reset_index()


def _source_kind(rows: pd.DataFrame) -> pd.Series:
    """``water``, ``supplement`` or ``food`` per entry (water and supplements are shown apart)."""
    kind = pd.Series("food", index=rows.index, dtype=object)
    for column, name in (("is_supplement", "supplement"), ("is_water", "water")):
        if column in rows:
            kind = kind.mask(rows[column].fillna(False).astype(bool), name)
    return kind
