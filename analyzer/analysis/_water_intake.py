"""Calcium, magnesium and sodium from water, put into the per-entry nutrients.

Rule of the module: every water mineral names its source.  For each water
line (see :mod:`analyzer.resolve._water`) and each of calcium, magnesium and sodium,
the value is litres x mg/L of the water's source when that source gives the
mineral: the user's tap-water setting for plain water ("tap water (your
setting)"), the brand's label (with its date) for a named mineral water.
Otherwise an export row keeps the export's own value and any other row is
missing: never the food table's average water.

The optional daily habit adds one row per logged day, labelled
"water (your setting)", which counts in totals, ratios and contributors and
is reported apart from food and supplements (``is_water``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .. import messages
from .._nutrients import NUTRIENT_INFO, float_column
from ..errors import SchemaError
from ..resolve._water import GRAMS_PER_LITRE, HABIT_SOURCE, TAP_SOURCE, UNKNOWN_SOURCE
from ..resolve._water_names import brand_named
from ..resolve._water_settings import WaterSettings
from ._entry_nutrients import SOURCE_FILE

__all__ = ["WATER_KEYS", "add_water", "water_by_day", "water_notes"]

#: The nutrients water carries, and the settings / label fields that give them.
WATER_KEYS = {"calcium_mg": "calcium_mg_l", "magnesium_mg": "magnesium_mg_l", "sodium_mg": "sodium_mg_l"}
#: ``kind`` and ``nutrient_source`` of the habit rows.
HABIT_KIND = "water_habit"


def add_water(nutrients: pd.DataFrame, entries: pd.DataFrame,
              settings: WaterSettings | None = None) -> pd.DataFrame:
    """Put the water minerals into ``entry_nutrients`` output and add the daily habit.

    Parameters
    ----------
    nutrients
        Output of :func:`~analyzer.analysis._entry_nutrients.entry_nutrients` for ``entries``.
    entries
        The resolved entries it was computed from (with the ``water_*`` columns
        of :func:`~analyzer.resolve._water.resolve_water_lines`; without them nothing is water).
    settings
        The user's tap water and daily habit; None when not set.

    Returns
    -------
    pandas.DataFrame
        ``nutrients`` with ``is_water`` and ``water_source`` (categorical) columns, water
        minerals set as described in the module docstring, water rows named by their
        source in ``matched_food`` (so contributors list them apart), and one habit row
        per logged day when the habit is on and the tap water is set.
    """
    settings = settings or WaterSettings()
    out = nutrients.copy(deep=False)  # columns are replaced, never written into
    used = (entries["status"] == "used").to_numpy(dtype=bool, na_value=False)
    if int(used.sum()) != len(out):
        raise SchemaError("The nutrients and entries do not belong together (different numbers of used rows).")
    marked = (entries["water_kind"].fillna("") != "").to_numpy(dtype=bool) if "water_kind" in entries \
        else np.zeros(len(entries), dtype=bool)
    in_entries = np.flatnonzero(used & marked)
    pos = np.searchsorted(np.flatnonzero(used), in_entries)  # the water rows' positions in ``out``
    kind = entries["water_kind"].to_numpy(dtype=object)[in_entries] if len(pos) else np.array([], dtype=object)
    brand_names = entries["water_label"].to_numpy(dtype=object)[in_entries] if len(pos) else kind
    source_text = np.full(len(pos), UNKNOWN_SOURCE, dtype=object)
    per_litre = {key: np.full(len(pos), np.nan) for key in WATER_KEYS}
    if settings.tap is not None:
        tap = kind == "tap"
        source_text[tap] = TAP_SOURCE
        for key, field in WATER_KEYS.items():
            value = getattr(settings.tap, field)
            per_litre[key][tap] = np.nan if value is None else value
    labelled = np.flatnonzero(kind == "label")
    for name in pd.unique(brand_names[labelled]) if len(labelled) else []:
        brand = brand_named(str(name))
        rows = labelled[brand_names[labelled] == name]
        source_text[rows] = brand.label
        for key, field in WATER_KEYS.items():
            value = getattr(brand, field)
            per_litre[key][rows] = np.nan if value is None else value
    if len(pos):
        litres = float_column(out, "grams")[pos] / GRAMS_PER_LITRE
        file_row = (out["nutrient_source"].iloc[pos].astype(str).to_numpy() == "file") \
            if "nutrient_source" in out else np.zeros(len(pos), dtype=bool)
        for key in WATER_KEYS:
            _set_key(out, key, pos, file_row, litres * per_litre[key], source_text)
        # An export's water line without a setting or label keeps the export's values.
        source_text[file_row & (source_text == UNKNOWN_SOURCE)] = SOURCE_FILE
    is_water = np.zeros(len(out), dtype=bool)
    is_water[pos] = True
    out["is_water"] = is_water
    categories = pd.Index(["", *pd.unique(source_text)], dtype=object)
    codes = np.zeros(len(out), dtype=np.int32)
    codes[pos] = categories.get_indexer(pd.Index(source_text))
    out["water_source"] = pd.Categorical.from_codes(codes, categories=categories)
    renamed = source_text != SOURCE_FILE  # export rows keep the export's food name
    if renamed.any() and "matched_food" in out:
        column = out["matched_food"].copy()
        column.iloc[pos[renamed]] = source_text[renamed]
        out["matched_food"] = column
    return _with_habit(out, settings)


def _set_key(out: pd.DataFrame, key: str, pos: np.ndarray, file_row: np.ndarray, values: np.ndarray,
             source_text: np.ndarray) -> None:
    """Write one mineral of the water rows (at ``pos``) and its provenance (codes of the categorical)."""
    column = f"{key}_source"
    new = float_column(out, key).copy() if key in out else np.full(len(out), np.nan)
    given = ~np.isnan(values)
    # An export row whose water source lacks this mineral keeps the export's value.
    unknown = pos[~given & ~file_row]
    new[pos[given]] = values[given]
    new[unknown] = np.nan
    out[key] = new
    sources = out[column] if column in out else pd.Series(pd.Categorical([None] * len(out)))
    if not isinstance(sources.dtype, pd.CategoricalDtype):
        sources = sources.astype("category")
    fresh = [s for s in pd.unique(source_text[given]) if s not in sources.cat.categories]
    categories = sources.cat.categories.append(pd.Index(fresh, dtype=object)) if fresh else sources.cat.categories
    codes = sources.cat.codes.to_numpy().copy()
    codes[pos[given]] = categories.get_indexer(source_text[given].astype(str))
    codes[unknown] = -1
    out[column] = pd.Categorical.from_codes(codes, categories=categories)


def _with_habit(out: pd.DataFrame, settings: WaterSettings) -> pd.DataFrame:
    """Append one "water (your setting)" row per logged day when the habit is on."""
    if not settings.habit_on or settings.tap is None or out.empty:
        return out
    days = pd.DatetimeIndex(out["date"]).normalize().dropna().unique().sort_values()
    if len(days) == 0:
        return out
    litres = float(settings.habit_litres or 0.0)
    values: dict[str, Any] = {
        "row": pd.array([pd.NA] * len(days), dtype="Int64"), "date": days,
        "food_text": HABIT_SOURCE, "amount_text": f"{litres:g} L", "kind": HABIT_KIND,
        "matched_food": HABIT_SOURCE, "grams": litres * GRAMS_PER_LITRE, "grams_source": "water_volume",
        "is_supplement": False, "nutrient_source": HABIT_KIND, "is_water": True,
    }
    for key, field in WATER_KEYS.items():
        value = getattr(settings.tap, field)
        values[key] = np.nan if value is None else litres * value
    labelled = {f"{key}_source": not np.isnan(values[key]) for key in WATER_KEYS} | {"water_source": True}
    for column, known in labelled.items():
        if column in out:
            if HABIT_SOURCE not in out[column].cat.categories:
                out[column] = out[column].cat.add_categories([HABIT_SOURCE])
            values[column] = pd.Categorical([HABIT_SOURCE if known else None] * len(days),
                                            categories=out[column].cat.categories)
    habit = pd.DataFrame({c: values[c] for c in out.columns if c in values}, index=range(len(days)))
    for column in out.columns.difference(habit.columns):
        # The same dtype as the diary's column, so concatenating keeps categoricals (no object round trip).
        dtype = out[column].dtype
        habit[column] = (pd.Categorical([None] * len(days), categories=dtype.categories)
                         if isinstance(dtype, pd.CategoricalDtype) else np.nan)
    return pd.concat([out, habit[out.columns]], ignore_index=True)


def water_by_day(nutrients: pd.DataFrame) -> pd.DataFrame:
    """How much of each day's calcium and magnesium came from water, and from which source.

    Parameters
    ----------
    nutrients
        Output of :func:`add_water`.

    Returns
    -------
    pandas.DataFrame
        Index ``date`` (days with a water row); columns ``calcium_mg_water``,
        ``magnesium_mg_water``, ``sodium_mg_water`` (NaN when unknown) and
        ``water_sources`` (the sources with a known value, ``'; '``-joined).
    """
    columns = [f"{k}_water" for k in WATER_KEYS]
    if "is_water" not in nutrients or not nutrients["is_water"].any():
        return pd.DataFrame(columns=[*columns, "water_sources"], index=pd.DatetimeIndex([], name="date"))
    rows = nutrients.loc[nutrients["is_water"].astype(bool)]
    day = pd.DatetimeIndex(rows["date"]).normalize()
    grouped = rows.groupby(day)
    out = pd.DataFrame({f"{k}_water": grouped[k].sum(min_count=1) for k in WATER_KEYS})
    known = rows.loc[rows[list(WATER_KEYS)].notna().any(axis=1)]
    sources = known.groupby(pd.DatetimeIndex(known["date"]).normalize())["water_source"].agg(
        lambda s: "; ".join(dict.fromkeys(s)))
    out["water_sources"] = sources.reindex(out.index).fillna("")
    out.index.name = "date"
    return out


def water_notes(nutrients: pd.DataFrame, settings: WaterSettings | None = None) -> list[str]:
    """Sentences about water in a period: its share of calcium and magnesium, and what stayed unknown.

    Parameters
    ----------
    nutrients
        Output of :func:`add_water`, cut to the period.
    settings
        The settings the analysis used.
    """
    settings = settings or WaterSettings()
    notes: list[str] = []
    if "is_water" not in nutrients:
        return notes
    water = nutrients["is_water"].astype(bool)
    for key in ("calcium_mg", "magnesium_mg"):
        total = nutrients[key].sum(min_count=1)
        from_water = nutrients.loc[water, key].sum(min_count=1)
        if pd.notna(total) and total > 0 and pd.notna(from_water) and from_water > 0:
            sources = "; ".join(dict.fromkeys(nutrients.loc[water & nutrients[key].notna(), "water_source"]))
            notes.append(messages.water_share(NUTRIENT_INFO[key].label, from_water / total, sources))
    unknown = int((water & nutrients["water_source"].eq(UNKNOWN_SOURCE)).sum())
    if unknown:
        notes.append(messages.water_unknown(unknown))
    if settings.tap is not None and settings.tap.hardness is not None and settings.tap.magnesium_mg_l is None:
        notes.append(messages.water_hardness_assumption(settings.tap.basis))
    if settings.habit_on:
        notes.append(messages.water_habit_line(float(settings.habit_litres or 0.0))
                     if settings.tap is not None else messages.WATER_HABIT_NO_TAP)
    return notes
