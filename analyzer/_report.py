"""A self-contained HTML report that opens offline.

Plotly's JavaScript is embedded once, inline (no CDN, no network), and every
piece of user text (food names, sources, notes) is HTML-escaped.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

import pandas as pd

from . import messages
from ._contributors import top_contributors
from ._daily import coverage
from ._entry_nutrients import source_columns
from ._nutrients import NUTRIENT_INFO, NUTRIENTS
from ._period import period_summary, rolling_means, select_period
from ._ratios import RATIOS, daily_ratios, load_ratio_ranges, period_ratios
from ._reference import AUTHORITIES, Profile, compare_ratio, load_reference, reference_summary
from ._report_charts import daily_chart, figure_html, ratio_chart

__all__ = ["build_report_html"]

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:0.9em}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left}
td.num{text-align:right}
.disclaimer{background:#fff3cd;border:1px solid #e0c060;padding:0.8em}
.note{color:#555;font-size:0.9em}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value))


def _num(value: float, digits: int = 0) -> str:
    return "" if pd.isna(value) else f"{value:,.{digits}f}"


def _table(header: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td class='num'>{c}</td>" if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _profile_html(profile: Profile) -> str:
    states = [w for w, on in (("pregnant", profile.pregnant), ("lactating", profile.lactating)) if on]
    return f"<p>{_e(messages.profile_line(profile.age, profile.sex, states, AUTHORITIES[profile.authority]))}</p>"


def _summary_html(daily: pd.DataFrame, summary: pd.DataFrame, authority: str) -> tuple[str, list[str]]:
    stats = period_summary(daily)
    rows, sentences = [], []
    for key in NUTRIENTS:
        s = stats.loc[key]
        ref = summary.loc[key] if key in summary.index else None
        target = f"{_num(ref['target'])} ({_e(ref['target_kind'])})" if ref is not None and ref["target_kind"] else ""
        pct = _num(ref["pct_of_target"]) + "%" if ref is not None and pd.notna(ref["pct_of_target"]) else ""
        ul = ""
        if ref is not None:
            ul = {"none": "none", "supplements": f"{_num(ref['ul'])} (supplements only)"}.get(
                ref["ul_basis"], _num(ref["ul"]))
            if pd.notna(ref["cdrr"]):
                ul = f"{ul} (CDRR {_num(ref['cdrr'])})" if ul else f"none; CDRR {_num(ref['cdrr'])}"
        rows.append([_e(s["label"]), _e(s["unit"]), _num(s["mean"], 1), _num(s["median"], 1),
                     _num(s["mean_supplement"], 1), f"{int(s['days_with_data'])} / {int(s['days_logged'])}",
                     target, pct, ul])
        if s["days_with_data"] == 0:
            sentences.append(messages.no_data(s["label"]))
        elif ref is not None and pd.notna(ref["pct_of_target"]):
            sentences.append(messages.intake_vs_reference(s["label"], ref["pct_of_target"], ref["target"],
                                                          s["unit"], ref["target_kind"], authority))
            if ref["ul_basis"] != "none" and pd.notna(ref["ul"]):
                sentences.append(messages.ul_days(s["label"], int(ref["days_above_ul"]), len(daily), ref["ul"],
                                                  s["unit"], ref["ul_basis"] == "supplements"))
            if pd.notna(ref["cdrr"]):
                sentences.append(messages.cdrr_days(int(ref["days_above_cdrr"]), len(daily), ref["cdrr"], s["unit"]))
    table = _table(["Nutrient", "Unit", "Mean per day", "Median", "Of which supplements", "Days with data",
                    "Reference", "Mean as % of reference", "Upper level"], rows, numeric={2, 3, 4, 6, 7})
    return table, sentences


def _ratio_html(daily: pd.DataFrame, ranges: pd.DataFrame) -> str:
    """Ratio sentences and the Ca:Mg chart; the chart carries plotly.js, so this section comes first."""
    per_day, period = daily_ratios(daily), period_ratios(daily)
    parts = [f"<p class='note'>{_e(messages.RATIO_RULE)}</p>"]
    for ratio in RATIOS:
        row = period.loc[ratio.key]
        placed = compare_ratio(row["value"], ranges, ratio.key)
        if pd.isna(row["value"]):
            parts.append(f"<p>{_e(messages.ratio_not_available(ratio.label, len(daily)))}</p>")
        elif placed["position"] in ("below", "within", "above"):
            sentence = messages.ratio_vs_range(ratio.label, row["value"], int(row["days"]), len(daily),
                                               placed["low"], placed["high"], placed["position"], placed["source"])
            parts.append(f"<p>{_e(sentence)}</p>")
        else:
            shown = f"{_num(row['value'], 2)} : 1" if ratio.scale == 1 else _num(row["value"], 1)
            parts.append(f"<p>{_e(messages.ratio_value(ratio.label, shown, int(row['days']), len(daily)))}</p>")
        if ratio.key == "ca_mg_ratio":
            parts.append(figure_html(ratio_chart(per_day, ratio.key, ratio.label, placed["low"], placed["high"]),
                                     first=True))
            if placed["source"]:
                parts.append(f"<p class='note'>{_e(messages.range_band(placed['source']))}</p>")
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
    items += [messages.MISSING_IS_MISSING, messages.SUPPLEMENT_COVERAGE_NOTE, messages.ROLLING_RULE,
              messages.MAGNESIUM_UL_NOTE, messages.VITAMIN_K_NO_UL, messages.VITAMIN_K_REFERENCE_NOTE,
              messages.SODIUM_CDRR_NOTE]
    return "<ul>" + "".join(f"<li>{_e(s)}</li>" for s in items) + "</ul>"


def _contributors_html(nutrients: pd.DataFrame) -> str:
    parts = []
    for key in NUTRIENTS:
        top = top_contributors(nutrients, key, limit=5)
        if top.empty:
            continue
        rows = [[_e(r.food), str(r.entries), _num(r.grams), _e(r.amount), _num(r.value, 1), f"{r.share:.0%}"]
                for r in top.itertuples()]
        parts.append(f"<h3>{_e(NUTRIENT_INFO[key].label)} ({_e(NUTRIENT_INFO[key].unit)})</h3>"
                     + _table(["Food", "Entries", "Grams", "Usual amount", "Amount supplied", "Share"], rows,
                              numeric={1, 2, 4, 5}))
    return "".join(parts) or f"<p>{_e(messages.NO_CONTRIBUTORS)}</p>"


def _sources_html(nutrients: pd.DataFrame, summary: pd.DataFrame, ranges: pd.DataFrame) -> str:
    found: set[str] = set()
    for column in source_columns():
        if column in nutrients:
            found.update(str(v) for v in nutrients[column].dropna().unique())
    import food_db  # the food sources and how their labels begin

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
                      ratio_ranges: pd.DataFrame | None = None) -> str:
    """Build the report as one HTML document.

    Parameters
    ----------
    entries
        Final entries (all statuses; used to count what is not in the totals).
    nutrients
        Output of :func:`entry_nutrients`.
    daily
        Output of :func:`daily_totals`.
    profile
        Whose reference intakes to compare with.
    period
        ``(start, end)`` (either may be None) or None for all days.
    reference
        The profile's reference rows; read from the food database when None.
    ratio_ranges
        The ratio range table; read from ``food_db/ratio_ranges.csv`` when None.

    Returns
    -------
    str
        A complete HTML document with plotly.js inline.
    """
    start, end = period if period else (None, None)
    days = select_period(daily, start, end)
    used = nutrients
    if start is not None:
        used = used.loc[used["date"] >= pd.Timestamp(start)]
    if end is not None:
        used = used.loc[used["date"] <= pd.Timestamp(end)]
    reference = load_reference(profile) if reference is None else reference
    ranges = load_ratio_ranges() if ratio_ranges is None else ratio_ranges
    summary = reference_summary(days, reference)
    authority = AUTHORITIES[profile.authority]
    table, sentences = _summary_html(days, summary, authority)
    rolling = rolling_means(days)
    charts = [figure_html(daily_chart(days, rolling, key, summary.loc[key, "target"]
                                      if key in summary.index else float("nan")), first=False)
              for key in NUTRIENTS if days[key].notna().any()]
    shown_start = days.index.min().date().isoformat() if len(days) else "-"
    shown_end = days.index.max().date().isoformat() if len(days) else "-"
    not_counted = int((entries["status"] != "used").sum()) if "status" in entries else 0
    created = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        "<h1>Mineralog report</h1>",
        f"<p class='disclaimer'>{_e(messages.DISCLAIMER)}</p>",
        "<h2>Profile</h2>", _profile_html(profile),
        "<h2>Period</h2>", f"<p>{_e(messages.period_line(shown_start, shown_end, len(days)))}</p>",
        f"<p>{_e(messages.entries_not_counted(not_counted))}</p>" if not_counted else "",
        "<h2>Summary against reference intakes</h2>", table,
        "<ul>" + "".join(f"<li>{_e(s)}</li>" for s in sentences) + "</ul>",
        "<h2>Calcium, magnesium and other ratios</h2>", _ratio_html(days, ranges),
        "<h2>Daily totals</h2>", *charts,
        "<h2>Coverage and missing data</h2>", _coverage_html(days, used),
        "<h2>Top contributors</h2>", _contributors_html(used),
        "<h2>Sources</h2>", _sources_html(used, summary, ranges),
        f"<p class='disclaimer'>{_e(messages.DISCLAIMER)}</p>",
        f"<p class='note'>{_e(messages.report_created(created))}</p>",
    ]
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>Mineralog report</title><style>{_STYLE}</style></head><body>"
            + "".join(body) + "</body></html>")
