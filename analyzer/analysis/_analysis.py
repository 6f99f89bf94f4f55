"""One call from resolved entries to everything the CLI, the report and the app show."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .._nutrients import NUTRIENTS
from ..errors import InvalidArgumentError
from ..match._branded_table import with_matched_branded
from ..resolve._water_settings import WaterSettings
from ._daily import DAILY_KEYS, coverage, daily_totals
from ._entry_nutrients import entry_nutrients
from ._period import in_period, period_bound, period_summary, rolling_means, rollup, select_period
from ._ratios import daily_ratios, period_ratios
from ._reference import Profile, compare_daily, load_reference, reference_summary
from ._water_intake import add_water, water_by_day, water_notes

__all__ = ["DAILY_CSV_COLUMNS", "ENTRY_CSV_COLUMNS", "Analysis", "DiaryDays", "analyze", "daily_csv_table",
           "diary_days", "entries_csv_table", "period_view"]

#: The columns of ``daily.csv`` (CLI contract, issue 5), before the coverage columns.
DAILY_CSV_COLUMNS = ("date", "energy_kcal", "calcium_mg", "magnesium_mg", "phosphorus_mg", "sodium_mg",
                     "vitamin_d_ug", "vitamin_k1_ug", "vitamin_k2_ug", "ca_mg_ratio")

#: Columns of ``entries.csv`` (CLI contract, issue 5): one row per input row.
ENTRY_CSV_COLUMNS = ("row", "date", "food_name", "matched_food_id", "matched_food", "match_score", "grams",
                     "grams_source", "energy_kcal", "calcium_mg", "magnesium_mg", "phosphorus_mg", "sodium_mg",
                     "vitamin_d_ug", "vitamin_k1_ug", "vitamin_k2_ug", "vitamin_k2_basis", "status", "reason")


#: Water columns appended to ``daily.csv`` (issue 17).
WATER_CSV_COLUMNS = ("calcium_mg_water", "magnesium_mg_water", "water_sources")


@dataclass(frozen=True)
class DiaryDays:
    """The per-day step of the analysis: everything that depends on the diary alone.

    Computed once per state of a diary (the app caches it; a profile or period change
    reuses it), then cut to a period and compared with a profile by :func:`period_view`.

    Attributes
    ----------
    entries
        The final entries (every status), for counting what is not in the totals.
    nutrients
        Nutrients per used entry (``entry_nutrients``).
    all_daily
        Daily totals over the whole diary, ratios included.
    rolling
        7-day rolling means over the whole diary (``NUTRIENTS`` and ``K2_FORMS``), so a
        period's first days average over the days before it too.
    water
        The water settings the nutrients were computed with (None: not set).
    """

    entries: pd.DataFrame
    nutrients: pd.DataFrame
    all_daily: pd.DataFrame
    rolling: pd.DataFrame
    water: WaterSettings | None = None


@dataclass
class Analysis:
    """Nutrients per entry and per day for one profile and one date range.

    Attributes
    ----------
    nutrients
        Per used entry (``entry_nutrients``), cut to the range.
    all_daily
        Daily totals over the whole diary, ratios included (for trends).
    daily
        Daily totals in the range, ratios included.
    rolling
        7-day rolling means in the range (computed over every day, then cut).
    period
        Mean, median and days with data per nutrient in the range.
    ratios
        Period ratios (Ca:Mg, Ca:P, K2 per 1,000 IU D).
    reference
        The profile's reference intakes (one row per nutrient).
    versus_reference
        Per-day percent of target and days above the UL.
    reference_summary
        Per nutrient: target, mean, percent of target, days above the UL, source.
    not_counted
        Entries dated in the range that are not in the totals (any status but ``used``).
    water
        Per day in the range: calcium, magnesium and sodium from water and their sources
        (:func:`~analyzer.analysis._water_intake.water_by_day`).
    water_notes
        Sentences on water in the range (share of calcium and magnesium, what stayed unknown).
    """

    profile: Profile
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    nutrients: pd.DataFrame
    all_daily: pd.DataFrame
    daily: pd.DataFrame
    rolling: pd.DataFrame
    period: pd.DataFrame
    ratios: pd.DataFrame
    reference: pd.DataFrame
    versus_reference: pd.DataFrame
    reference_summary: pd.DataFrame
    not_counted: int = 0
    water: pd.DataFrame = field(default_factory=pd.DataFrame)
    water_notes: list[str] = field(default_factory=list)

    def rollup(self, period: str, keys=NUTRIENTS) -> pd.DataFrame:
        """Weekly (``'week'``) or monthly (``'month'``) means per day of the range."""
        return rollup(self.daily, period, keys)


def diary_days(entries: pd.DataFrame, table, water: WaterSettings | None = None) -> DiaryDays:
    """Compute the per-day step of the analysis (nutrients per entry, water, daily totals, rolling means).

    Parameters
    ----------
    entries
        ``ImportResult.entries`` (only ``used`` rows count).
    table
        The food table (``food_db.load()``).
    water
        The user's tap water and daily water habit (None: not set; brand labels still apply).
        Water adds to the days, so it belongs to this step (the app keys its cache on it).
    """
    if "matched_food_id" in entries:  # the branded foods the diary matched join its table
        table = with_matched_branded(table, entries["matched_food_id"].dropna().unique())
    nutrients = add_water(entry_nutrients(entries, table.foods), entries, water)
    all_daily = daily_totals(nutrients)
    all_daily = all_daily.join(daily_ratios(all_daily))
    rolling = rolling_means(all_daily, DAILY_KEYS)
    return DiaryDays(entries=entries, nutrients=nutrients, all_daily=all_daily, rolling=rolling, water=water)


def period_view(days: DiaryDays, profile: Profile, start=None, end=None,
                reference: pd.DataFrame | None = None) -> Analysis:
    """Cut the per-day step to a date range (inclusive, either end open) and compare it with a profile.

    Parameters
    ----------
    days
        Output of :func:`diary_days`.
    profile
        Age, sex, life stage and authority for the reference intakes.
    reference
        Reference rows to use instead of the food database's (tests).
    """
    start = period_bound(start, "start") if start is not None else None
    end = period_bound(end, "end") if end is not None else None
    if start is not None and end is not None and start > end:  # it would select no day, silently
        raise InvalidArgumentError(f"The start of the period, {start:%Y-%m-%d}, is after its end, {end:%Y-%m-%d}.",
                                   column="start", value=start)
    daily = select_period(days.all_daily, start, end)
    reference = load_reference(profile) if reference is None else reference
    entries = days.entries
    dated = entries.loc[entries["date"].notna() & in_period(entries["date"], start, end)] if "date" in entries \
        else entries
    in_range = days.nutrients.loc[in_period(days.nutrients["date"], start, end)]
    versus = compare_daily(daily, reference)
    return Analysis(
        profile=profile, start=start, end=end,
        nutrients=in_range,
        all_daily=days.all_daily, daily=daily, rolling=select_period(days.rolling, start, end),
        period=period_summary(daily), ratios=period_ratios(daily), reference=reference,
        versus_reference=versus, reference_summary=reference_summary(daily, reference, versus),
        not_counted=int((dated["status"] != "used").sum()) if "status" in dated else 0,
        water=water_by_day(in_range), water_notes=water_notes(in_range, days.water),
    )


def analyze(entries: pd.DataFrame, table, profile: Profile, start=None, end=None,
            reference: pd.DataFrame | None = None, water: WaterSettings | None = None) -> Analysis:
    """Analyse resolved entries for a profile over a date range (inclusive, either end open).

    The same two steps the app caches separately: :func:`diary_days`, then :func:`period_view`.

    Parameters
    ----------
    entries
        ``ImportResult.entries`` (only ``used`` rows count).
    table
        The food table (``food_db.load()``).
    profile
        Age, sex, life stage and authority for the reference intakes.
    reference
        Reference rows to use instead of the food database's (tests).
    water
        The user's tap water and daily water habit (None: not set; brand labels still apply).
    """
    return period_view(diary_days(entries, table, water), profile, start, end, reference)


def daily_csv_table(daily: pd.DataFrame, water: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ``daily.csv`` table: the contract columns, then ``<nutrient>_coverage``, then water.

    Coverage is the share of the day's food grams whose value is known (of its entries
    where the export gives no weights), 0 to 1.  Then ``calcium_mg_water, magnesium_mg_water``
    (how much of the day's calcium and magnesium came from water) and, when ``water``
    (``Analysis.water``) is given, ``water_sources`` (from which setting or label).
    """
    shares = pd.DataFrame({f"{key}_coverage": coverage(daily, key) for key in DAILY_CSV_COLUMNS[1:-1]})
    extra = [c for c in WATER_CSV_COLUMNS[:2] if c in daily]
    parts = [daily, shares]
    if water is not None:
        parts.append(water["water_sources"].reindex(daily.index).fillna("").to_frame())
        extra.append("water_sources")
    out = pd.concat(parts, axis=1).reset_index(names="date")
    out["date"] = pd.to_datetime(out["date"]).dt.strftime("%Y-%m-%d")
    return out[[*DAILY_CSV_COLUMNS, *shares.columns, *extra]].round(4)  # beyond the data's own precision


def entries_csv_table(entries: pd.DataFrame, nutrients: pd.DataFrame) -> pd.DataFrame:
    """The ``entries.csv`` table: every input row with its match, grams, nutrients and status.

    ``nutrients`` is :func:`entry_nutrients` output; rows it lacks (not used, or outside
    the range) have empty nutrient cells. ``vitamin_k2_basis`` says what each K2 value counts.
    """
    values = nutrients.set_index("row")[[c for c in ENTRY_CSV_COLUMNS[8:17] if c in nutrients]]
    out = entries.rename(columns={"food_text": "food_name"}).drop(columns=values.columns, errors="ignore")
    out = out.join(values, on="row")
    out["date"] = pd.to_datetime(out["date"]).dt.strftime("%Y-%m-%d")
    return out.reindex(columns=list(ENTRY_CSV_COLUMNS)).round(4)
