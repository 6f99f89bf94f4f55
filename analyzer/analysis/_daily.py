"""Daily totals per nutrient, with how much of the day the totals cover.

Missing is missing: a day on which no entry has a known value for a nutrient
gets NaN for it, never 0, and the coverage columns say how much of the day's
food the total rests on.

Coverage is measured over the day's *food* entries.  A supplement label lists
what the product contains, so a nutrient it does not list is absent, not
unknown; supplements add to the totals but do not lower the coverage.
Water lines and the daily water habit (``is_water``, see ``_water_intake``)
are a third source, summed in ``<key>_water`` and, like supplements, left out
of the food coverage.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._nutrients import IU_PER_UG_VITAMIN_D, K2_FORMS, K_FORM_UNKNOWN, NUTRIENTS, float_column

__all__ = ["DAILY_KEYS", "coverage", "daily_totals"]

#: Keys summed per day.
DAILY_KEYS: tuple[str, ...] = (*NUTRIENTS, *K2_FORMS, K_FORM_UNKNOWN)


def daily_totals(nutrients: pd.DataFrame) -> pd.DataFrame:
    """Sum the entry nutrients per day.

    Parameters
    ----------
    nutrients
        Output of :func:`entry_nutrients` (needs ``date``, ``grams``, ``is_supplement``
        and the nutrient keys).  Entries without a date are left out.

    Returns
    -------
    pandas.DataFrame
        Index ``date`` (one row per day with at least one used entry, sorted).
        Columns: ``entries``, ``food_entries``, ``supplement_entries``, ``water_entries``,
        ``grams`` (NaN when no weight is known), for each key ``<key>`` (NaN when no value is
        known that day), ``<key>_food``, ``<key>_supplement``, ``<key>_water``,
        ``<key>_coverage_entries`` (share of the day's food entries whose value is
        known) and ``<key>_coverage_grams`` (share of the day's known food grams
        whose value is known; NaN when no weight is known); and ``vitamin_d_iu``.
    """
    dates = pd.DatetimeIndex(nutrients["date"]).normalize()
    has_date = dates.notna()
    # One integer code per day; np.bincount then sums a column per day in one pass.
    codes, days = pd.factorize(dates[has_date], sort=True)
    n_days = len(days)

    def per_day(weights: np.ndarray) -> np.ndarray:
        return np.bincount(codes, weights=weights, minlength=n_days)

    def per_day_or_nan(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Sum of values where mask and known; NaN for a day with no such value (min_count=1)."""
        known = mask & ~np.isnan(values)
        total = per_day(np.where(known, values, 0.0))
        return np.where(per_day(known.astype(float)) > 0, total, np.nan)

    def column(name: str) -> np.ndarray:
        return float_column(nutrients, name)[has_date]

    supplement = nutrients["is_supplement"].fillna(False).to_numpy(dtype=bool)[has_date]
    water = (nutrients["is_water"].fillna(False).to_numpy(dtype=bool)[has_date] if "is_water" in nutrients
             else np.zeros(len(codes), dtype=bool)) & ~supplement
    food = ~supplement & ~water
    everything = np.ones(len(codes), dtype=bool)
    grams = column("grams")
    food_grams = np.where(food & ~np.isnan(grams), grams, 0.0)
    food_entries = per_day(food.astype(float))
    known_food_grams = per_day(food_grams)
    has_food_grams = per_day((food & ~np.isnan(grams)).astype(float)) > 0
    entry_divisor = np.where(food_entries > 0, food_entries, np.nan)
    grams_divisor = np.where(has_food_grams & (known_food_grams > 0), known_food_grams, np.nan)

    columns: dict[str, np.ndarray] = {
        "entries": np.bincount(codes, minlength=n_days),
        "food_entries": food_entries.astype("int64"),
        "supplement_entries": per_day(supplement.astype(float)).astype("int64"),
        "water_entries": per_day(water.astype(float)).astype("int64"),
        "grams": per_day_or_nan(grams, everything),
    }
    for key in DAILY_KEYS:
        values = column(key)
        known_food = food & ~np.isnan(values)
        columns[key] = per_day_or_nan(values, everything)
        columns[f"{key}_food"] = per_day_or_nan(values, food)
        columns[f"{key}_supplement"] = per_day_or_nan(values, supplement)
        columns[f"{key}_water"] = per_day_or_nan(values, water)
        columns[f"{key}_coverage_entries"] = per_day(known_food.astype(float)) / entry_divisor
        columns[f"{key}_coverage_grams"] = per_day(np.where(known_food, food_grams, 0.0)) / grams_divisor
    columns["vitamin_d_iu"] = columns["vitamin_d_ug"] * IU_PER_UG_VITAMIN_D
    return pd.DataFrame(columns, index=pd.DatetimeIndex(days, name="date"))



def coverage(daily: pd.DataFrame, key: str) -> pd.Series:
    """Return the coverage used for decisions: by grams where weights are known, else by entries.

    Parameters
    ----------
    daily
        Output of :func:`daily_totals`.
    key
        Nutrient key.
    """
    return daily[f"{key}_coverage_grams"].fillna(daily[f"{key}_coverage_entries"])
