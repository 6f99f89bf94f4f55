"""The sentences about a period, written once for the CLI report, the HTML report and the dashboard.

Each function takes an :class:`~analyzer.analysis._analysis.Analysis` (the period view) and
returns sentences from :mod:`analyzer.messages`, so the three front ends show the
same labels ("PRI 950 mg" for an EFSA profile) and the same words.
"""

from __future__ import annotations

import pandas as pd

from .. import messages
from .._nutrients import K_FORM_UNKNOWN, NUTRIENT_INFO, NUTRIENTS
from ..analysis._daily import coverage
from ..analysis._ratios import RATIOS, Ratio
from ..analysis._reference import AUTHORITIES, _ratio_name, compare_ratio

__all__ = ["GLANCE_KEYS", "coverage_sentence", "glance", "intake_sentences", "ratio_named", "ratio_sentence",
           "ratio_trend", "reference_label"]

#: The nutrients of the one-glance summary, in its order.
GLANCE_KEYS = ("calcium_mg", "magnesium_mg", "vitamin_d_ug", "vitamin_k1_ug", "vitamin_k2_ug")
#: A half of the period needs this many days with a ratio for the trend to be stated.
_TREND_MIN_DAYS = 2


def _reference_row(analysis, key: str):
    summary = analysis.reference_summary
    return summary.loc[key] if key in summary.index else None


def reference_label(analysis, key: str) -> str:
    """'RDA 1,000 mg' / 'PRI 950 mg' / 'AI 15 µg', or '' when the profile has no reference for ``key``."""
    row = _reference_row(analysis, key)
    if row is None or not row["target_kind"] or pd.isna(row["target"]):
        return ""
    return f"{row['target_kind']} {row['target']:,.0f} {NUTRIENT_INFO[key].unit}"


def intake_sentences(analysis, keys=NUTRIENTS) -> list[str]:
    """The period's intakes against the reference intakes, in words (the report's and the app's list)."""
    authority = AUTHORITIES[analysis.profile.authority]
    days = len(analysis.daily)
    out = []
    for key in keys:
        info = NUTRIENT_INFO[key]
        stats = analysis.period.loc[key]
        ref = _reference_row(analysis, key)
        if stats["days_with_data"] == 0:
            out.append(messages.no_data(info.label))
        elif ref is None or pd.isna(ref["pct_of_target"]):
            out.append(messages.no_reference(info.label))
        else:
            out.append(messages.intake_vs_reference(info.label, ref["pct_of_target"], ref["target"], info.unit,
                                                    ref["target_kind"], authority))
            if ref["ul_basis"] != "none" and pd.notna(ref["ul"]):
                out.append(messages.ul_days(info.label, int(ref["days_above_ul"]), days, ref["ul"], info.unit,
                                            ref["ul_basis"] == "supplements"))
                if ref.get("ul_note"):  # what the UL is compared with, under this authority (h5)
                    out.append(ref["ul_note"])
            if pd.notna(ref["cdrr"]):
                out.append(messages.cdrr_days(int(ref["days_above_cdrr"]), days, ref["cdrr"], info.unit))
    return out


def coverage_sentence(daily: pd.DataFrame, key: str) -> str:
    """How much of the logged food a nutrient's totals rest on, over the days of ``daily``."""
    label = NUTRIENT_INFO[key].label
    known = coverage(daily, key).dropna() if len(daily) else pd.Series(dtype=float)
    if known.empty:
        return messages.no_data(label)
    return messages.coverage_note(label, float(known.mean()), len(known))


def ratio_named(name: object) -> Ratio | None:
    """The ratio a table names ('calcium_magnesium', 'Ca:Mg', 'ca_mg_ratio'), or None."""
    wanted = _ratio_name(name)
    return next((r for r in RATIOS if _ratio_name(r.key) == wanted), None)


def ratio_sentence(analysis, ranges: pd.DataFrame, key: str = "ca_mg_ratio") -> tuple[str, dict]:
    """The period ratio in words, and where it sits against the range observational studies used.

    Returns
    -------
    tuple of (str, dict)
        The sentence and :func:`compare_ratio`'s placement (``low``, ``high``, ``source``...).
    """
    ratio = next(r for r in RATIOS if r.key == key)
    row = analysis.ratios.loc[key]
    placed = compare_ratio(row["value"], ranges, key)
    days = len(analysis.daily)
    if pd.isna(row["value"]):
        return messages.ratio_not_available(ratio.label, days), placed
    if placed["position"] in ("below", "within", "above"):
        return messages.ratio_vs_range(ratio.label, row["value"], int(row["days"]), days, placed["low"],
                                       placed["high"], placed["position"], placed["source"]), placed
    shown = f"{row['value']:.2f} : 1" if ratio.scale == 1 else f"{row['value']:,.1f}"
    return messages.ratio_value(ratio.label, shown, int(row["days"]), days), placed


def ratio_trend(daily: pd.DataFrame, key: str = "ca_mg_ratio") -> tuple[float, float]:
    """The ratio of the first and of the second half of the period's days (NaN for a half too thin).

    Each half's ratio is the ratio of its sums over the days that qualify, as for the period.
    """
    ratio = next(r for r in RATIOS if r.key == key)
    qualifying = daily.loc[daily[key].notna()] if key in daily else daily.iloc[0:0]
    if len(qualifying) < 2 * _TREND_MIN_DAYS:
        return float("nan"), float("nan")
    half = len(qualifying) // 2
    first, second = (float(p[ratio.numerator].sum() / (p[ratio.divisor].sum() / ratio.scale))
                     for p in (qualifying.iloc[:half], qualifying.iloc[half:]))
    return first, second


def glance(analysis, ranges: pd.DataFrame, keys=GLANCE_KEYS) -> list[str]:
    """The one-glance summary of a period: each nutrient against its reference, coverage, the ratio.

    Vitamin K whose form the export does not say is a line of its own when the period has any,
    and the water notes (``Analysis.water_notes``) come last.
    """
    out = []
    for key in keys:
        info = NUTRIENT_INFO[key]
        ref = _reference_row(analysis, key)
        known = coverage(analysis.daily, key).dropna() if len(analysis.daily) else pd.Series(dtype=float)
        pct = ref["pct_of_target"] if ref is not None else float("nan")
        out.append(messages.glance_nutrient(
            info.label, float(analysis.period.loc[key, "mean"]), info.unit, float(pct),
            ref["target_kind"] if ref is not None else "", float(ref["target"]) if ref is not None else float("nan"),
            float(known.mean()) if len(known) else float("nan")))
    unknown = analysis.daily[K_FORM_UNKNOWN] if K_FORM_UNKNOWN in analysis.daily else pd.Series(dtype=float)
    if unknown.fillna(0).gt(0).any():  # an export's vitamin K of no known form: shown beside K1 and K2
        known = coverage(analysis.daily, K_FORM_UNKNOWN).dropna()
        out.append(messages.glance_nutrient(
            NUTRIENT_INFO[K_FORM_UNKNOWN].label, float(unknown.mean()), NUTRIENT_INFO[K_FORM_UNKNOWN].unit,
            float("nan"), "", float("nan"), float(known.mean()) if len(known) else float("nan")))
    row = analysis.ratios.loc["ca_mg_ratio"]
    placed = compare_ratio(row["value"], ranges, "ca_mg_ratio")
    first, second = ratio_trend(analysis.daily)
    out.append(messages.glance_ratio(float(row["value"]), int(row["days"]), len(analysis.daily), placed["low"],
                                     placed["high"], placed["position"], first, second))
    return out + list(getattr(analysis, "water_notes", []))  # water's share of Ca and Mg, what stayed unknown
