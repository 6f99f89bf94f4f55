"""Summaries of daily totals over any date range: means, medians, roll-ups, rolling means.

Only days with a known value count: a day with no entries, or with no known
value for a nutrient, is left out of that nutrient's mean, never counted as 0.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from .._nutrients import NUTRIENT_INFO, NUTRIENTS
from ..errors import InvalidArgumentError

__all__ = [
    "ROLLING_MIN_DAYS",
    "ROLLING_WINDOW",
    "in_period",
    "period_bound",
    "period_summary",
    "rolling_means",
    "rollup",
    "select_period",
]

#: Rolling means span 7 calendar days ...
ROLLING_WINDOW = "7D"
#: ... and are shown only when at least 4 of those days have a known value, so a
#: single logged day does not pass for a week's average.
ROLLING_MIN_DAYS = 4

_FREQUENCIES = {"week": "W-SUN", "month": "MS"}


def in_period(dates, start=None, end=None) -> np.ndarray:
    """Which ``dates`` fall from the day of ``start`` to the day of ``end`` inclusive (either may be None).

    The one date-range rule of the package: whole days, so an entry with a time of day
    counts on its day; a missing date is outside any bounded range.
    """
    dates = pd.DatetimeIndex(dates)
    keep = np.ones(len(dates), dtype=bool)
    if start is not None:
        keep &= np.asarray(dates >= period_bound(start, "start"))
    if end is not None:
        keep &= np.asarray(dates < period_bound(end, "end") + pd.Timedelta(days=1))
    return keep


def period_bound(value, name: str) -> pd.Timestamp:
    """The day of a period bound; a bound that is no date is refused (it would select nothing, silently)."""
    day: pd.Timestamp | None
    try:
        day = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        day = None
    if day is None or pd.isna(day):
        raise InvalidArgumentError(f"The {name} of the period, '{value}', is not a date; write it as YYYY-MM-DD.",
                                   column=name, value=value)
    return day.tz_localize(None).normalize() if day.tz is not None else day.normalize()


def select_period(daily: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    """Return the days of ``daily`` from ``start`` to ``end`` inclusive (either may be None)."""
    return daily.loc[in_period(daily.index, start, end)]


def period_summary(daily: pd.DataFrame, keys=NUTRIENTS) -> pd.DataFrame:
    """Summarise each nutrient over the days of ``daily``.

    Parameters
    ----------
    daily
        Output of :func:`daily_totals`, already cut to the period (:func:`select_period`).
    keys
        Nutrient keys to summarise.

    Returns
    -------
    pandas.DataFrame
        Index ``nutrient``; columns ``label``, ``unit``, ``mean``, ``median``, ``min``,
        ``max`` (per day, over days with data), ``days_with_data``, ``days_logged``,
        ``mean_food``, ``mean_supplement`` and ``mean_water`` (per day with data; a day
        without supplements or water counts 0 for that part).
    """
    rows = []
    for key in keys:
        values = daily[key]
        has = values.notna()
        supplement = daily.get(f"{key}_supplement", pd.Series(float("nan"), index=daily.index))
        food = daily.get(f"{key}_food", pd.Series(float("nan"), index=daily.index))
        water = daily.get(f"{key}_water", pd.Series(float("nan"), index=daily.index))
        rows.append({
            "nutrient": key,
            "label": NUTRIENT_INFO[key].label,
            "unit": NUTRIENT_INFO[key].unit,
            "mean": values.mean(),
            "median": values.median(),
            "min": values.min(),
            "max": values.max(),
            "days_with_data": int(has.sum()),
            "days_logged": len(daily),
            "mean_food": food[has].fillna(0.0).mean() if has.any() else float("nan"),
            "mean_supplement": supplement[has].fillna(0.0).mean() if has.any() else float("nan"),
            "mean_water": water[has].fillna(0.0).mean() if has.any() else float("nan"),
        })
    return pd.DataFrame(rows).set_index("nutrient")


def rollup(daily: pd.DataFrame, period: str = "week", keys=NUTRIENTS) -> pd.DataFrame:
    """Average the daily totals per calendar week (Monday to Sunday) or month.

    Parameters
    ----------
    daily
        Output of :func:`daily_totals`.
    period
        ``'week'`` or ``'month'``.
    keys
        Nutrient keys to include.

    Returns
    -------
    pandas.DataFrame
        Indexed by the period's first day; for each key the mean per day over days
        with data (NaN when none) and ``<key>_days``, plus ``days_logged``.
    """
    if period not in _FREQUENCIES:
        raise InvalidArgumentError(f"The period must be one of {sorted(_FREQUENCIES)}, not {period!r}.",
                                   column="period", value=period)
    frame = daily[list(keys)]
    resampled = frame.resample(_FREQUENCIES[period])
    means = resampled.mean()
    counts = resampled.count().add_suffix("_days")
    out = pd.concat([means, counts], axis=1)
    out["days_logged"] = daily["entries"].resample(_FREQUENCIES[period]).count()
    if period == "week":
        out.index = cast(pd.DatetimeIndex, out.index) - pd.Timedelta(days=6)  # label weeks by their Monday
    out.index.name = "period_start"
    return out


def rolling_means(daily: pd.DataFrame, keys=NUTRIENTS) -> pd.DataFrame:
    """Return 7-calendar-day rolling means of each key (``ROLLING_MIN_DAYS`` days needed).

    Days in the window without a known value are skipped, not counted as 0.
    """
    frame = daily[list(keys)].sort_index()
    return frame.rolling(ROLLING_WINDOW, min_periods=ROLLING_MIN_DAYS).mean()
