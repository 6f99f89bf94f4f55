"""Logged intakes against the reference intakes of a profile.

The reference table (``food_db.reference_intakes(...)``, one row per nutrient
for the profile) gives ``rda``, ``ai``, ``ul`` and ``cdrr``.  The target is the
RDA (or EFSA PRI), else the AI.  Three rules the numbers alone do not show:

* what a UL covers depends on the authority (``food_db/ul_scope.csv``): NASEM's
  magnesium UL covers supplements and medicines only, EFSA's covers supplements,
  water and fortified foods and drinks; such a UL is compared with those parts of
  intake (:func:`ul_intake`), never with total intake;
* vitamin K has no UL;
* sodium has a CDRR (chronic disease risk reduction intake) instead of a UL.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

import food_db
from food_db import AUTHORITIES

from .. import messages
from .._nutrients import NUTRIENT_INFO, REFERENCE_KEYS
from ..errors import DataFileError, InvalidArgumentError

__all__ = [
    "AUTHORITIES",
    "Profile",
    "UlScope",
    "compare_daily",
    "compare_ratio",
    "load_reference",
    "reference_summary",
    "target_of",
    "ul_basis",
    "ul_intake",
    "ul_scope",
]

#: What each authority's UL covers, with sources.
UL_SCOPE_PATH = Path(__file__).resolve().parents[2] / "food_db" / "ul_scope.csv"
_UNIT_SCALE = {"mg": 1.0, "ug": 1e-3, "µg": 1e-3, "mcg": 1e-3, "g": 1000.0}


@dataclass(frozen=True)
class Profile:
    """Who the reference intakes are for."""

    age: float
    sex: str
    pregnant: bool = False
    lactating: bool = False
    authority: str = "nasem"

    def __post_init__(self) -> None:
        if self.authority not in AUTHORITIES:
            raise InvalidArgumentError(f"The authority must be one of {sorted(AUTHORITIES)}, not {self.authority!r}.",
                                       column="authority", value=self.authority)


def _shown(value: object) -> str:
    """A number as a user typed it (40, not 40.0)."""
    return f"{value:g}" if isinstance(value, (int, float)) else repr(value)


def load_reference(profile: Profile) -> pd.DataFrame:
    """Return the reference rows of ``profile`` from the food database (one row per nutrient).

    Raises
    ------
    InvalidArgumentError
        The tables have no row for the profile (an age below 0 or past the last age band, not a
        number, or a sex other than F or M): every comparison would otherwise be missing, silently.
    """
    reference = food_db.reference_intakes(profile.age, profile.sex, pregnant=profile.pregnant,
                                          lactating=profile.lactating, authority=profile.authority)
    if reference.empty:
        raise InvalidArgumentError(
            f"The reference intake tables have no values for age {_shown(profile.age)} and sex '{profile.sex}'; "
            "give the age in years and the sex as F or M.", column="age", value=profile.age)
    return reference


def target_of(row: pd.Series) -> tuple[float, str]:
    """Return ``(value, kind)`` of a reference row: the RDA if given, else the AI, else NaN.

    ``kind`` is ``'RDA'`` (``'PRI'`` for an EFSA row: EFSA's population reference intake
    is kept in the ``rda`` column), ``'AI'`` or ``''``.
    """
    for column, kind in (("rda", "RDA"), ("ai", "AI")):
        value = pd.to_numeric(pd.Series([row.get(column)]), errors="coerce").iloc[0]
        if pd.notna(value) and value > 0:
            if kind == "RDA" and str(row.get("authority", "")).lower() == "efsa":
                kind = "PRI"
            return float(value), kind
    return float("nan"), ""


@dataclass(frozen=True)
class UlScope:
    """What one authority's UL for one nutrient covers, and so what intake is compared with it.

    Attributes
    ----------
    compared_with
        ``'total'`` (total intake), ``'supplements'`` (only some sources: see
        ``intake_parts``) or ``'none'`` (no UL).
    applies_to, not_applies_to
        Words for people: "supplements and medicines only"; "magnesium naturally present in food".
    intake_parts
        Suffixes of the daily-total columns summed for the comparison (``supplement``,
        ``water``); parts a diary does not record are left out and named by :func:`ul_intake`.
    cite, source
        Short and full citation.
    """

    authority: str
    nutrient: str
    compared_with: str
    applies_to: str = ""
    not_applies_to: str = ""
    intake_parts: tuple[str, ...] = ()
    cite: str = ""
    source: str = ""


@functools.lru_cache(maxsize=1)
def _ul_scopes() -> dict[tuple[str, str], UlScope]:
    rows = pd.read_csv(UL_SCOPE_PATH, dtype=str, keep_default_na=False).to_dict("records")
    return {(row["authority"], row["nutrient"]): UlScope(
        row["authority"], row["nutrient"], row["compared_with"], row["applies_to"], row["not_applies_to"],
        tuple(part for part in row["intake_parts"].split(";") if part), row["cite"], row["source"])
        for row in rows}


def ul_scope(nutrient: str, authority: str = "nasem") -> UlScope:
    """Return what ``authority``'s UL for ``nutrient`` covers (``food_db/ul_scope.csv``).

    A pair the table does not list gets ``compared_with='none'``: a UL whose scope is
    not known is not compared with anything rather than with the wrong intake.
    """
    return _ul_scopes().get((authority, nutrient), UlScope(authority, nutrient, "none"))


def ul_basis(nutrient: str, authority: str = "nasem") -> str:
    """Return what a nutrient's UL is compared with: ``'total'``, ``'supplements'`` or ``'none'``."""
    return ul_scope(nutrient, authority).compared_with


def ul_intake(daily: pd.DataFrame, key: str, scope: UlScope) -> tuple[pd.Series | None, tuple[str, ...]]:
    """Return the daily intake to compare with the UL, and the scope's parts the diary lacks.

    Parameters
    ----------
    daily
        Daily totals (``key`` and ``<key>_supplement``, ``<key>_water`` where recorded).
    key
        Nutrient key, e.g. ``magnesium_mg``.
    scope
        From :func:`ul_scope`.

    Returns
    -------
    tuple
        The intake per day (None when there is no UL, or none of its parts is recorded)
        and the names of the parts that are not recorded (e.g. ``('water',)``). For a
        UL on some sources only, this is never the total intake.
    """
    if scope.compared_with == "none":
        return None, ()
    if scope.compared_with == "total":
        return daily[key], ()
    present = [part for part in scope.intake_parts if f"{key}_{part}" in daily]
    missing = tuple(part for part in scope.intake_parts if part not in present)
    if not present:
        return None, missing
    return daily[[f"{key}_{part}" for part in present]].sum(axis=1, min_count=1), missing


def _authority(row: pd.Series) -> str:
    value = row.get("authority")
    return str(value) if isinstance(value, str) and value in AUTHORITIES else "nasem"


def _number(row: pd.Series, column: str) -> float:
    value = pd.to_numeric(pd.Series([row.get(column)]), errors="coerce").iloc[0]
    return float(value) if pd.notna(value) else float("nan")


def _scale(reference_unit: object, key: str) -> float:
    """Factor turning the reference unit into the nutrient key's unit."""
    ref = re.split(r"[/ ]", str(reference_unit or "").strip())[0].lower() or NUTRIENT_INFO[key].unit
    ours = NUTRIENT_INFO[key].unit
    if ref not in _UNIT_SCALE or ours not in _UNIT_SCALE:
        raise DataFileError(f"The reference unit '{reference_unit}' cannot be compared with {ours}.",
                            file="reference intakes", column="unit", value=reference_unit)
    return _UNIT_SCALE[ref] / _UNIT_SCALE[ours]


def _rows(reference: pd.DataFrame):
    for _, row in reference.iterrows():
        key = REFERENCE_KEYS.get(str(row["nutrient"]))
        if key is not None:
            yield str(row["nutrient"]), key, row, _scale(row.get("unit"), key)


def compare_daily(daily: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Compare each day's totals with the profile's reference intakes.

    Parameters
    ----------
    daily
        Output of :func:`daily_totals`.
    reference
        One row per nutrient (``nutrient, unit, rda, ai, ul, cdrr, source, notes``).

    Returns
    -------
    pandas.DataFrame
        Same index as ``daily``; per compared key ``<key>_pct`` (percent of the target,
        NaN when the day's value is missing), ``<key>_above_ul`` (boolean; for
        magnesium, supplement magnesium above the UL) and for sodium
        ``sodium_mg_above_cdrr``.
    """
    out: dict[str, pd.Series] = {}
    for nutrient, key, row, scale in _rows(reference):
        target, _ = target_of(row)
        out[f"{key}_pct"] = daily[key] / (target * scale) * 100.0
        ul = _number(row, "ul") * scale
        compared, _ = ul_intake(daily, key, ul_scope(nutrient, _authority(row)))
        if compared is not None and not np.isnan(ul):
            out[f"{key}_above_ul"] = compared.fillna(0.0) > ul
        cdrr = _number(row, "cdrr") * scale
        if not np.isnan(cdrr):
            out[f"{key}_above_cdrr"] = daily[key].fillna(0.0) > cdrr
    return pd.DataFrame(out, index=daily.index)


def reference_summary(daily: pd.DataFrame, reference: pd.DataFrame,
                      per_day: pd.DataFrame | None = None) -> pd.DataFrame:
    """Summarise the period (the rows of ``daily``) against the reference intakes.

    ``per_day``: :func:`compare_daily` of the same ``daily`` and ``reference`` when the caller has
    it already (the period view does), so it is not computed twice.

    Returns
    -------
    pandas.DataFrame
        Index ``nutrient`` key; columns ``label``, ``unit``, ``target``, ``target_kind``,
        ``ul``, ``ul_basis`` (``total``, ``supplements`` or ``none``), ``ul_applies_to``
        (what the UL covers, for people), ``ul_note`` (sentence: what is compared with it),
        ``cdrr``, ``mean`` (per day with data), ``pct_of_target`` (mean over target),
        ``days_with_data``, ``days_above_ul``, ``days_above_cdrr``, ``source``, ``notes``.
    """
    per_day = compare_daily(daily, reference) if per_day is None else per_day
    rows = []
    for nutrient, key, row, scale in _rows(reference):
        target, kind = target_of(row)
        scope = ul_scope(nutrient, _authority(row))
        basis = scope.compared_with
        _, missing = ul_intake(daily, key, scope)
        mean = daily[key].mean()
        rows.append({
            "nutrient": key,
            "label": NUTRIENT_INFO[key].label,
            "unit": NUTRIENT_INFO[key].unit,
            "target": target * scale,
            "target_kind": kind,
            "ul": _number(row, "ul") * scale if basis != "none" else float("nan"),
            "ul_basis": basis,
            "ul_applies_to": scope.applies_to,
            "ul_note": messages.ul_scope_note(NUTRIENT_INFO[key].label, AUTHORITIES[scope.authority], scope, missing),
            "cdrr": _number(row, "cdrr") * scale,
            "mean": mean,
            "pct_of_target": mean / (target * scale) * 100.0,
            "days_with_data": int(daily[key].notna().sum()),
            "days_above_ul": int(per_day[f"{key}_above_ul"].sum()) if f"{key}_above_ul" in per_day else 0,
            "days_above_cdrr": int(per_day[f"{key}_above_cdrr"].sum()) if f"{key}_above_cdrr" in per_day else 0,
            "source": "" if pd.isna(row.get("source")) else str(row.get("source")),
            "notes": "" if pd.isna(row.get("notes")) else str(row.get("notes")),
        })
    return pd.DataFrame(rows).set_index("nutrient")


_ELEMENT_SYMBOLS = {"calcium": "ca", "magnesium": "mg", "phosphorus": "p"}


def _ratio_name(name: object) -> str:
    """'calcium_magnesium', 'Ca:Mg' and 'ca_mg_ratio' all become 'camg'."""
    text = str(name).lower()
    for word, symbol in _ELEMENT_SYMBOLS.items():
        text = text.replace(word, symbol)
    return re.sub(r"[^a-z0-9]", "", text).removesuffix("ratio")


def compare_ratio(value: float, ranges: pd.DataFrame, ratio: str = "ca_mg_ratio") -> dict:
    """Place a ratio against its range from the literature (``food_db/ratio_ranges.csv``).

    Parameters
    ----------
    value
        The ratio (NaN when it could not be computed).
    ranges
        Indexed by ratio name (``calcium_magnesium``, ``ca:mg`` or ``ca_mg_ratio`` all match).
    ratio
        The ratio key.

    Returns
    -------
    dict
        ``position`` (``'below'``, ``'within'``, ``'above'``, ``'unknown'`` when the
        value is NaN, ``'no range'`` when the table has none), ``low``, ``high``,
        ``label`` (the band's caption for a chart), ``source``, ``notes``.
    """
    wanted = _ratio_name(ratio)
    match = [name for name in ranges.index if _ratio_name(name) == wanted]
    if not match:
        return {"position": "no range", "low": np.nan, "high": np.nan, "label": "", "source": "", "notes": ""}
    row = ranges.loc[match[0]]
    low, high = _number(row, "low"), _number(row, "high")
    if pd.isna(value):
        position = "unknown"
    elif not np.isnan(low) and value < low:
        position = "below"
    elif not np.isnan(high) and value > high:
        position = "above"
    else:
        position = "within"
    return {"position": position, "low": low, "high": high,
            "label": "" if pd.isna(row.get("label")) else str(row.get("label")),
            "source": "" if pd.isna(row.get("source")) else str(row.get("source")),
            "notes": "" if pd.isna(row.get("notes")) else str(row.get("notes"))}
