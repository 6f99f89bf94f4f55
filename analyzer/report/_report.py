"""A self-contained HTML report that opens offline.

Plotly's JavaScript is embedded once, inline (no CDN, no network), and every
piece of user text (food names, sources, notes) is HTML-escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Set as AbstractSet
from datetime import UTC, datetime
from typing import Any, cast

import pandas as pd

import food_db

from .. import messages
from .._nutrients import NUTRIENT_INFO, NUTRIENTS
from ..analysis._analysis import DiaryDays, period_view
from ..analysis._contributors import top_contributors
from ..analysis._daily import DAILY_KEYS, coverage
from ..analysis._entry_nutrients import source_columns
from ..analysis._k2_basis import k2_by_basis
from ..analysis._period import rolling_means
from ..analysis._ratios import RATIOS, daily_ratios, load_ratio_ranges
from ..analysis._reference import AUTHORITIES, Profile
from ..resolve._water_names import water_citations
from ..resolve._water_settings import WaterSettings
from ._report_charts import daily_chart, figure_html, ratio_chart
from ._summary import glance, intake_sentences, ratio_sentence

__all__ = ["build_report_html", "report_html"]

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:0.9em}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left}
td.num{text-align:right}
.disclaimer{background:#fff3cd;border:1px solid #e0c060;padding:0.8em}
.note{color:#555;font-size:0.9em}
"""


#: Control characters (terminal escapes, NUL...) are dropped: a report shows food names as text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _e(value: object) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return html.escape(_CONTROL.sub("", text))


def _num(value: Any, digits: int = 0) -> str:  # any cell: a number, NaN or NA
    return "" if pd.isna(value) else f"{value:,.{digits}f}"


def _table(header: list[str], rows: list[list[str]], numeric: AbstractSet[int] = frozenset()) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td class='num'>{c}</td>" if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _profile_html(profile: Profile) -> str:
    states = [w for w, on in (("pregnant", profile.pregnant), ("lactating", profile.lactating)) if on]
    return f"<p>{_e(messages.profile_line(profile.age, profile.sex, states, AUTHORITIES[profile.authority]))}</p>"


def _summary_html(analysis) -> str:
    rows = []
    for key in NUTRIENTS:
        # Rows as dicts: one nutrient's cells, each a scalar.
        s = analysis.period.loc[key].to_dict()
        summary = analysis.reference_summary
        ref = summary.loc[key].to_dict() if key in summary.index else None
        target = f"{_num(ref['target'])} ({_e(ref['target_kind'])})" if ref is not None and ref["target_kind"] else ""
        pct = _num(ref["pct_of_target"]) + "%" if ref is not None and pd.notna(ref["pct_of_target"]) else ""
        ul = ""
        if ref is not None:
            ul = {"none": "none", "supplements": f"{_num(ref['ul'])} ({ref.get('ul_applies_to', 'supplements only')})"
                  }.get(ref["ul_basis"], _num(ref["ul"]))
            if pd.notna(ref["cdrr"]):
                ul = f"{ul} (CDRR {_num(ref['cdrr'])})" if ul else f"none; CDRR {_num(ref['cdrr'])}"
        rows.append([_e(s["label"]), _e(s["unit"]), _num(s["mean"], 1), _num(s["median"], 1),
                     _num(s["mean_supplement"], 1), _num(s["mean_water"], 1),
                     f"{int(s['days_with_data'])} / {int(s['days_logged'])}",
                     target, pct, ul])
    return _table(["Nutrient", "Unit", "Mean per day", "Median", "Of which supplements", "Of which water",
                   "Days with data", "Reference", "Mean as % of reference", "Upper level"], rows,
                  numeric={2, 3, 4, 5, 7, 8})


def _ratio_html(analysis, ranges: pd.DataFrame) -> str:
    """Ratio sentences and the Ca:Mg chart; the chart carries plotly.js, so this section comes first."""
    parts = [f"<p class='note'>{_e(messages.RATIO_RULE)}</p>"]
    for ratio in RATIOS:
        sentence, placed = ratio_sentence(analysis, ranges, ratio.key)
        parts.append(f"<p>{_e(sentence)}</p>")
        if ratio.key == "ca_mg_ratio":
            parts.append(figure_html(ratio_chart(analysis.daily, ratio.key, ratio.label, placed["low"],
                                                 placed["high"], placed.get("label", "")), first=True))
            if placed["source"]:
                band = messages.range_band(placed["source"], placed.get("label", ""))
                parts.append(f"<p class='note'>{_e(band)}</p>")
    return "".join(parts)


def _coverage_html(daily: pd.DataFrame, nutrients: pd.DataFrame) -> str:
    items = []
    for key in NUTRIENTS:
        known = coverage(daily, key).dropna()
        if len(known):
            items.append(messages.coverage_note(NUTRIENT_INFO[key].label, known.mean(), len(known)))
        approx = int(nutrients.get("low_confidence", pd.Series("", index=nutrients.index))
                     .fillna("").astype(str).str.contains(key, regex=False).sum())
        if approx:
            items.append(messages.approximate_values(NUTRIENT_INFO[key].label, approx))
    by_basis = k2_by_basis(nutrients)
    if len(by_basis):
        items.append(messages.k2_basis_shares(list(zip(by_basis.index, by_basis["share"], by_basis["entries"],
                                                       strict=True))))
    items += [messages.MISSING_IS_MISSING, messages.SUPPLEMENT_COVERAGE_NOTE, messages.ROLLING_RULE,
              messages.MAGNESIUM_UL_NOTE, messages.VITAMIN_K_NO_UL, messages.VITAMIN_K_REFERENCE_NOTE,
              messages.SODIUM_CDRR_NOTE, messages.K2_BASIS_NOTE]
    return "<ul>" + "".join(f"<li>{_e(s)}</li>" for s in items) + "</ul>"


def _contributors_html(nutrients: pd.DataFrame) -> str:
    parts = []
    for key in NUTRIENTS:
        top = top_contributors(nutrients, key, limit=5, by="written")
        if top.empty:
            continue
        rows = [[_e(r.food), _e(r.matched_food), _e(r.value_source), _e(r.source), str(r.entries), _num(r.grams),
                 _e(r.amount), _num(r.value, 1), f"{r.share:.0%}"] for r in top.itertuples()]
        parts.append(f"<h3>{_e(NUTRIENT_INFO[key].label)} ({_e(NUTRIENT_INFO[key].unit)})</h3>"
                     + _table(["Food as written", "Matched food", "Value from", "Kind", "Entries", "Grams",
                               "Usual amount", "Amount supplied", "Share"], rows, numeric={4, 5, 7, 8}))
    return "".join(parts) or f"<p>{_e(messages.NO_CONTRIBUTORS)}</p>"


def _water_html(analysis) -> str:
    """How much of each day's calcium and magnesium came from water, and from which setting or label."""
    notes, days, used = analysis.water_notes, analysis.water, analysis.nutrients
    if not notes and days.empty:
        return ""
    rows = [[_e(day.date().isoformat()), _num(r.calcium_mg_water, 1), _num(r.magnesium_mg_water, 1),
             _e(r.water_sources)] for day, r in zip(days.index, days.itertuples(), strict=True)]
    table = _table(["Day", "Calcium from water (mg)", "Magnesium from water (mg)", "Source"], rows,
                   numeric={1, 2}) if rows else ""
    items = [*notes, messages.WATER_ABSORPTION_NOTE]
    cited = water_citations()
    used_labels = set(used.get("water_source", pd.Series(dtype=object)).dropna())
    cited = cited[[any(text.startswith(label.split(" label, ")[0] + ":") for label in used_labels)
                   for text in cited["item"]]]
    sources = "".join(f"<li>{_e(r.item)} ({_e(r.date)}): {_e(r.source)}</li>" for r in cited.itertuples())
    return ("<h2>Water</h2><ul>" + "".join(f"<li>{_e(s)}</li>" for s in items) + "</ul>" + table
            + (f"<p class='note'>Label sources:</p><ul class='note'>{sources}</ul>" if sources else ""))


def _sources_html(nutrients: pd.DataFrame, summary: pd.DataFrame, ranges: pd.DataFrame) -> str:
    found: set[str] = set()
    for column in source_columns():
        if column in nutrients:
            found.update(str(v) for v in nutrients[column].dropna().unique())
    items = []
    for start, citation in food_db.food_sources()[["label_start", "citation"]].itertuples(index=False):
        foods = {s for s in found if s.startswith(start)}
        found -= foods
        if foods:
            items.append(f"{citation}: {len(foods)} foods.")
    items += sorted(found)
    items += sorted({s for s in summary.get("source", pd.Series(dtype=object)) if s})
    items += sorted({str(s) for s in ranges.get("source", pd.Series(dtype=object)).dropna()})
    return "<ul>" + "".join(f"<li>{_e(s)}</li>" for s in items) + "</ul>"


def build_report_html(entries: pd.DataFrame, nutrients: pd.DataFrame, daily: pd.DataFrame, profile: Profile,
                      period=None, *, reference: pd.DataFrame | None = None,
                      ratio_ranges: pd.DataFrame | None = None, water: WaterSettings | None = None) -> str:
    """Build the report as one HTML document from the per-day tables (see :func:`report_html`).

    Parameters
    ----------
    entries
        Final entries (all statuses; used to count what is not in the totals).
    nutrients
        Output of :func:`entry_nutrients`.
    daily
        Output of :func:`daily_totals` over the whole diary.
    profile
        Whose reference intakes to compare with.
    period
        ``(start, end)`` (either may be None) or None for all days.
    reference
        The profile's reference rows; read from the food database when None.
    ratio_ranges
        The ratio range table; read from ``food_db/ratio_ranges.csv`` when None.
    water
        The tap water and daily habit the nutrients were computed with (for the water section).

    Returns
    -------
    str
        A complete HTML document with plotly.js inline.
    """
    start, end = period if period else (None, None)
    if not set(r.key for r in RATIOS) <= set(daily.columns):
        daily = daily.join(daily_ratios(daily))
    days = DiaryDays(entries=entries, nutrients=nutrients, all_daily=daily,
                     rolling=rolling_means(daily, [k for k in DAILY_KEYS if k in daily]), water=water)
    return report_html(period_view(days, profile, start, end, reference), ratio_ranges)


def report_html(analysis, ratio_ranges: pd.DataFrame | None = None) -> str:
    """Build the report of a period view (:func:`period_view`) as one HTML document.

    The CLI and the dashboard both call this, so the report shows the labels and
    sentences the dashboard shows.

    Parameters
    ----------
    analysis
        The period and profile to report on.
    ratio_ranges
        The ratio range table; read from ``food_db/ratio_ranges.csv`` when None.

    Returns
    -------
    str
        A complete HTML document with plotly.js inline.
    """
    ranges = load_ratio_ranges() if ratio_ranges is None else ratio_ranges
    days = analysis.daily
    summary = analysis.reference_summary
    charts = [figure_html(daily_chart(days, analysis.rolling, key, cast(float, summary.loc[key, "target"])
                                      if key in summary.index else float("nan")), first=False)
              for key in NUTRIENTS if days[key].notna().any()]
    shown_start = days.index.min().date().isoformat() if len(days) else "-"
    shown_end = days.index.max().date().isoformat() if len(days) else "-"
    created = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        "<h1>Mineralog report</h1>",
        f"<p class='disclaimer'>{_e(messages.DISCLAIMER)}</p>",
        "<h2>Profile</h2>", _profile_html(analysis.profile),
        "<h2>Period</h2>", f"<p>{_e(messages.period_line(shown_start, shown_end, len(days)))}</p>",
        f"<p>{_e(messages.entries_not_counted(analysis.not_counted))}</p>" if analysis.not_counted else "",
        "<h2>At a glance</h2>", "<ul>" + "".join(f"<li>{_e(s)}</li>" for s in glance(analysis, ranges)) + "</ul>",
        "<h2>Summary against reference intakes</h2>", _summary_html(analysis),
        "<ul>" + "".join(f"<li>{_e(s)}</li>" for s in intake_sentences(analysis)) + "</ul>",
        "<h2>Calcium, magnesium and other ratios</h2>", _ratio_html(analysis, ranges),
        "<h2>Daily totals</h2>", *charts,
        "<h2>Coverage and missing data</h2>", _coverage_html(days, analysis.nutrients),
        _water_html(analysis),
        "<h2>Top contributors</h2>", _contributors_html(analysis.nutrients),
        "<h2>Sources</h2>", _sources_html(analysis.nutrients, summary, ranges),
        f"<p class='disclaimer'>{_e(messages.DISCLAIMER)}</p>",
        f"<p class='note'>{_e(messages.report_created(created))}</p>",
    ]
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>Mineralog report</title><style>{_STYLE}</style></head><body>"
            + "".join(body) + "</body></html>")
