"""The foods that contributed most of a nutrient over a date range."""

from __future__ import annotations

import pandas as pd

from .._nutrients import NUTRIENTS
from ..errors import InvalidArgumentError
from ._period import in_period

__all__ = ["NO_MEAL", "has_meals", "meal_totals", "top_contributors"]


def top_contributors(nutrients: pd.DataFrame, key: str, start=None, end=None, limit: int = 10,
                     by: str = "matched") -> pd.DataFrame:
    """Rank the foods (and supplements) by how much of ``key`` they supplied.

    Entries are grouped by matched food (or the text as written when none is
    matched; water by its source, "tap water (your setting)", a brand's label,
    "water (your setting)"), or with ``by='written'`` by the food as the user
    wrote it, so a list reads in the user's own words with the matched food
    beneath; entries whose value is unknown are left out.

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
    by
        ``'matched'`` (group by matched food) or ``'written'`` (by the text as written).

    Returns
    -------
    pandas.DataFrame
        Columns ``food``, ``source`` (``food``, ``supplement`` or ``water``), ``entries``,
        ``grams`` (NaN when no weight is known),
        ``amount`` (the amount written most often), ``value`` and ``share``
        (of the range's known total, 0 to 1), largest first; with ``by='written'``
        also ``matched_food`` and ``value_source`` (where the value came from, e.g.
        ``USDA SR28 #01009`` or ``your export``) of the group's first entry.
    """
    if by not in ("matched", "written"):
        raise InvalidArgumentError(f"'by' must be 'matched' or 'written', not {by!r}.", column="by", value=by)
    if key not in nutrients:
        raise InvalidArgumentError(f"'{key}' is not a nutrient column; use one of {list(NUTRIENTS)}.",
                                   column="key", value=key)
    rows = nutrients.loc[nutrients[key].notna()]
    if start is not None or end is not None:
        rows = rows.loc[in_period(rows["date"], start, end)]
    matched = rows["matched_food"] if "matched_food" in rows else pd.Series(pd.NA, index=rows.index)
    food = matched.astype(object).where(matched.notna() & (matched.astype(str) != ""), rows["food_text"])
    amount = rows["amount_text"] if "amount_text" in rows else pd.Series("", index=rows.index)
    frame = pd.DataFrame({"food": food.astype(str), "grams": rows["grams"], "value": rows[key],
                          "amount": amount.astype(str), "source": _source_kind(rows)})
    extra = {}
    if by == "written":
        value_source = rows[f"{key}_source"] if f"{key}_source" in rows else pd.Series("", index=rows.index)
        frame["matched_food"] = matched.astype(object).fillna("").astype(str)
        frame["value_source"] = value_source.astype(object).fillna("").astype(str)
        written = rows["food_text"].fillna("").astype(str).str.strip()
        frame["food"] = written.where(written != "", frame["food"])  # a typed-in row may lack the text
    grouped = frame.groupby("food", sort=False)
    if by == "written":
        extra = {"matched_food": grouped["matched_food"].first(), "value_source": grouped["value_source"].first()}
    out = pd.DataFrame({**extra,
        "source": grouped["source"].first(),
        "entries": grouped.size(),
        "grams": grouped["grams"].sum(min_count=1),
        "amount": _usual_amounts(frame).reindex(grouped.size().index),
        "value": grouped["value"].sum(),
    })
    total = frame["value"].sum()
    out["share"] = out["value"] / total if total > 0 else float("nan")
    out = out.sort_values("value", ascending=False, kind="stable").head(limit)
    return out.reset_index()


def _usual_amounts(frame: pd.DataFrame) -> pd.Series:
    """The amount written most often for each food (ties: the first in sorted order, as ``Series.mode``).

    Counted on distinct (food, amount) pairs, not with a Python call per food: a diary of
    hundreds of foods made the per-group ``mode`` the dashboard's slowest step.
    """
    pairs = frame.groupby(["food", "amount"], sort=False).size().rename("times").reset_index()
    pairs = pairs.sort_values(["times", "amount"], ascending=[False, True], kind="stable")
    return pairs.drop_duplicates("food").set_index("food")["amount"]


#: The meal name given to entries whose export names no meal.
NO_MEAL = "No meal"


def has_meals(entries: pd.DataFrame) -> bool:
    """Whether the export names meals (Cronometer's Group, MyFitnessPal's Meal, Lose It's Type)."""
    return "meal" in entries and bool(entries["meal"].fillna("").astype(str).str.strip().ne("").any())


def meal_totals(nutrients: pd.DataFrame, key: str, days: int) -> pd.DataFrame:
    """How much of ``key`` each meal supplied over a period, in the order the meals first appear.

    Parameters
    ----------
    nutrients
        Output of :func:`entry_nutrients`, cut to the period.
    key
        Nutrient key.
    days
        Logged days in the period (the divisor of ``per_day``).

    Returns
    -------
    pandas.DataFrame
        Index ``meal``; columns ``value`` (sum of known values), ``per_day`` (``value / days``),
        ``entries`` and ``share`` (of the period's known total, 0 to 1).
    """
    if key not in nutrients:
        raise InvalidArgumentError(f"'{key}' is not a nutrient column; use one of {list(NUTRIENTS)}.",
                                   column="key", value=key)
    rows = nutrients.loc[nutrients[key].notna()]
    meal = rows["meal"].fillna("").astype(str).str.strip() if "meal" in rows else pd.Series("", index=rows.index)
    grouped = pd.DataFrame({"meal": meal.where(meal != "", NO_MEAL), "value": rows[key]}).groupby("meal", sort=False)
    out = pd.DataFrame({"value": grouped["value"].sum(), "entries": grouped.size()})
    total = out["value"].sum()
    out["per_day"] = out["value"] / days if days else float("nan")
    out["share"] = out["value"] / total if total > 0 else float("nan")
    return out[["value", "per_day", "entries", "share"]]


def _source_kind(rows: pd.DataFrame) -> pd.Series:
    """``water``, ``supplement`` or ``food`` per entry (water and supplements are shown apart)."""
    kind = pd.Series("food", index=rows.index, dtype=object)
    for column, name in (("is_supplement", "supplement"), ("is_water", "water")):
        if column in rows:
            kind = kind.mask(rows[column].fillna(False).astype(bool), name)
    return kind
