"""Nutrient ratios per day and for a period, only where both sides are well covered.

The rule (``RATIO_MIN_COVERAGE``): a day's ratio is computed only when both
nutrients are known for at least 80 % of the day's food grams (or, where the
export gives no weights, of the day's food entries) and the divisor is above
zero.  Otherwise the ratio is missing, because a total resting on part of the
day's food can make a ratio look higher or lower than it was.  The period ratio
is the ratio of the period sums over the qualifying days, so a day with more
food weighs more, as in a pooled intake.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ._daily import coverage

__all__ = ["RATIOS", "RATIO_MIN_COVERAGE", "Ratio", "daily_ratios", "load_ratio_ranges", "period_ratios"]

#: Both nutrients must be known for at least this share of the day's food
#: (grams, else entries) for the day's ratio to be computed.
RATIO_MIN_COVERAGE = 0.8


@dataclass(frozen=True)
class Ratio:
    """A ratio of two daily totals, ``numerator / (divisor / scale)``."""

    key: str
    label: str
    numerator: str
    divisor: str
    scale: float = 1.0
    coverage_divisor: str = ""  # nutrient whose coverage stands for the divisor

    def coverage_keys(self) -> tuple[str, str]:
        """Return the two nutrient keys whose coverage decides whether a day qualifies."""
        return self.numerator, self.coverage_divisor or self.divisor


RATIOS: tuple[Ratio, ...] = (
    Ratio("ca_mg_ratio", "Calcium : magnesium (by mass)", "calcium_mg", "magnesium_mg"),
    Ratio("ca_p_ratio", "Calcium : phosphorus (by mass)", "calcium_mg", "phosphorus_mg"),
    Ratio("k2_per_1000iu_d", "Vitamin K2 (µg) per 1,000 IU vitamin D", "vitamin_k2_ug", "vitamin_d_iu",
          scale=1000.0, coverage_divisor="vitamin_d_ug"),
)


def _qualifying(daily: pd.DataFrame, ratio: Ratio) -> pd.Series:
    ok = pd.Series(True, index=daily.index)
    for key in ratio.coverage_keys():
        ok &= coverage(daily, key).fillna(0.0) >= RATIO_MIN_COVERAGE
    num, den = daily[ratio.numerator], daily[ratio.divisor]
    return ok & num.notna() & den.notna() & (den > 0)


def daily_ratios(daily: pd.DataFrame) -> pd.DataFrame:
    """Compute every ratio of ``RATIOS`` per day.

    Parameters
    ----------
    daily
        Output of :func:`daily_totals`.

    Returns
    -------
    pandas.DataFrame
        Same index as ``daily``; one column per ratio key, NaN where the day does not
        meet the coverage rule.
    """
    out = {}
    for ratio in RATIOS:
        ok = _qualifying(daily, ratio)
        value = daily[ratio.numerator] / (daily[ratio.divisor] / ratio.scale)
        out[ratio.key] = value.where(ok)
    return pd.DataFrame(out, index=daily.index)


def period_ratios(daily: pd.DataFrame) -> pd.DataFrame:
    """Compute every ratio for the whole of ``daily`` (select the date range first).

    Returns
    -------
    pandas.DataFrame
        Index: ratio key. Columns ``label``, ``value`` (ratio of sums over qualifying
        days, NaN when none qualifies), ``days`` (qualifying days) and ``days_total``.
    """
    rows = []
    for ratio in RATIOS:
        ok = _qualifying(daily, ratio)
        num = daily.loc[ok, ratio.numerator].sum()
        den = daily.loc[ok, ratio.divisor].sum() / ratio.scale
        value = num / den if ok.any() and den > 0 else np.nan
        rows.append({"ratio": ratio.key, "label": ratio.label, "value": value,
                     "days": int(ok.sum()), "days_total": len(daily)})
    return pd.DataFrame(rows).set_index("ratio")


def load_ratio_ranges(path=None) -> pd.DataFrame:
    """Read the ratio ranges from the literature (``food_db/ratio_ranges.csv``).

    Parameters
    ----------
    path
        Another CSV with columns ``ratio, low, high, unit, label, source, notes``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``ratio``; empty (same columns) when the file does not exist.
    """
    path = Path(path) if path else Path(__file__).resolve().parents[2] / "food_db" / "ratio_ranges.csv"
    if not path.exists():
        return pd.DataFrame(columns=["low", "high", "unit", "source", "notes"],
                            index=pd.Index([], name="ratio"))
    return pd.read_csv(path).set_index("ratio")
