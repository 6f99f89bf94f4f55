"""Plotly figures for the dashboard: one colour per nutrient, units on every axis.

Food names reach a chart only as escaped text (plotly reads a little HTML in labels).
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from app_pages._shared import colour, label, unit

REFERENCE_COLOUR = "#2a7f62"
LIMIT_COLOUR = "#d62728"
ROLLING_COLOUR = "#333333"
X_TITLES = {"day": "Date", "week": "Week starting (Monday)", "month": "Month"}
PER = {"day": "per day", "week": "per day, weekly mean", "month": "per day, monthly mean"}


def _layout(figure: go.Figure, title: str, x_title: str, y_title: str, height: int = 340) -> go.Figure:
    figure.update_layout(
        title={"text": title, "x": 0, "font": {"size": 16}}, height=height, barmode="stack",
        margin={"l": 60, "r": 20, "t": 60, "b": 50}, hovermode="x unified", bargap=0.15,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1.0},
        font={"size": 13}, plot_bgcolor="white")
    figure.update_xaxes(title_text=x_title, showgrid=False, linecolor="#999")
    figure.update_yaxes(title_text=y_title, gridcolor="#e5e5e5", rangemode="tozero", linecolor="#999")
    return figure


def _line(figure: go.Figure, y: float, text: str, colour_: str, dash: str) -> None:
    if pd.notna(y) and y > 0:
        figure.add_hline(y=y, line_dash=dash, line_color=colour_, line_width=2,
                         annotation_text=text, annotation_position="top left",
                         annotation_font={"color": colour_, "size": 12}, annotation_bgcolor="rgba(255,255,255,0.8)")


def nutrient_chart(frame: pd.DataFrame, rolling: pd.DataFrame | None, key: str, view: str, *,
                   target: float, target_kind: str, ul: float, ul_basis: str, cdrr: float) -> go.Figure:
    """Bars of a nutrient (food and supplements stacked), the 7-day mean, the reference and upper lines."""
    u = unit(key)
    figure = go.Figure()
    figure.add_bar(x=frame.index, y=frame[f"{key}_food"], name="from food", marker_color=colour(key),
                   hovertemplate=f"%{{y:,.1f}} {u}")
    if frame[f"{key}_supplement"].fillna(0).gt(0).any():
        figure.add_bar(x=frame.index, y=frame[f"{key}_supplement"], name="from supplements",
                       marker={"color": colour(key), "opacity": 0.5},
                       hovertemplate=f"%{{y:,.1f}} {u}")
    if rolling is not None and rolling[key].notna().any():
        figure.add_scatter(x=rolling.index, y=rolling[key], name="7-day average", mode="lines",
                           line={"color": ROLLING_COLOUR, "width": 2}, hovertemplate=f"%{{y:,.1f}} {u}")
    _line(figure, target, f"{target_kind or 'reference'} {target:,.0f} {u}" if pd.notna(target) else "",
          REFERENCE_COLOUR, "dash")
    if ul_basis != "none":
        what = "UL (supplements only)" if ul_basis == "supplements" else "UL"
        _line(figure, ul, f"{what} {ul:,.0f} {u}" if pd.notna(ul) else "", LIMIT_COLOUR, "dot")
    _line(figure, cdrr, f"CDRR {cdrr:,.0f} {u}" if pd.notna(cdrr) else "", LIMIT_COLOUR, "dot")
    return _layout(figure, f"{label(key)} ({u} {PER[view]})", X_TITLES[view], f"{label(key)} ({u} {PER[view]})")


def ratio_chart(ratios: pd.Series, low: float, high: float, source: str, title: str) -> go.Figure:
    """A daily ratio as points, over the commonly cited range (shaded, labelled with its source)."""
    figure = go.Figure()
    if pd.notna(low) and pd.notna(high):
        figure.add_hrect(y0=low, y1=high, fillcolor=colour("magnesium_mg"), opacity=0.15, line_width=0,
                         annotation_text=f"{low:g}–{high:g} : 1: observational cut points ({_short(source)})",
                         annotation_position="top left", annotation_font={"size": 12})
    figure.add_scatter(x=ratios.index, y=ratios, mode="markers+lines", name="ratio per day", connectgaps=False,
                       line={"color": colour("calcium_mg"), "width": 1.5}, marker={"size": 5},
                       hovertemplate="%{y:.2f} : 1")
    return _layout(figure, title, "Date", "mg calcium per mg magnesium")


def k_chart(frame: pd.DataFrame, view: str) -> go.Figure:
    """Vitamin K1 and K2 side by side."""
    figure = go.Figure()
    for key in ("vitamin_k1_ug", "vitamin_k2_ug"):
        figure.add_bar(x=frame.index, y=frame[key], name=label(key), marker_color=colour(key),
                       hovertemplate=f"%{{y:,.1f}} {unit(key)}")
    figure = _layout(figure, f"Vitamin K1 and K2 (µg {PER[view]})", X_TITLES[view], f"µg {PER[view]}")
    figure.update_layout(barmode="group")
    return figure


def sources_chart(summary: pd.DataFrame, keys: list[str]) -> go.Figure:
    """Share of each nutrient's period intake from food and from supplements (percent)."""
    rows = summary.loc[[k for k in keys if summary.loc[k, "days_with_data"] > 0]]
    total = (rows["mean_food"].fillna(0) + rows["mean_supplement"].fillna(0)).where(lambda s: s > 0)
    names = [label(k) for k in rows.index]
    figure = go.Figure()
    figure.add_bar(y=names, x=rows["mean_food"] / total * 100, name="from food", orientation="h",
                   marker_color=[colour(k) for k in rows.index], hovertemplate="%{x:.0f}%")
    figure.add_bar(y=names, x=rows["mean_supplement"] / total * 100, name="from supplements", orientation="h",
                   marker={"color": [colour(k) for k in rows.index], "opacity": 0.5},
                   hovertemplate="%{x:.0f}%")
    figure = _layout(figure, "Food and supplements (share of the period's intake)", "% of the period's intake", "",
                     height=90 + 45 * max(1, len(rows)))
    figure.update_layout(hovermode="y unified")
    figure.update_xaxes(range=[0, 100], showgrid=True, gridcolor="#e5e5e5")
    figure.update_yaxes(autorange="reversed")
    return figure


def contributors_chart(top: pd.DataFrame, key: str) -> go.Figure:
    """Top foods by amount supplied over the period."""
    names = [html.escape(_shorten(str(f), 45)) for f in top["food"]]
    figure = go.Figure()
    figure.add_bar(y=names, x=top["value"], orientation="h", marker_color=colour(key), name=label(key),
                   customdata=top["share"] * 100, hovertemplate=f"%{{x:,.0f}} {unit(key)} (%{{customdata:.0f}}%)")
    figure = _layout(figure, f"Foods that supplied the most {label(key).lower()}",
                     f"{label(key)} over the period ({unit(key)})", "", height=110 + 32 * max(1, len(top)))
    figure.update_layout(hovermode="closest", showlegend=False, margin={"l": 320})
    figure.update_yaxes(autorange="reversed")
    return figure


STATUS_COLOURS = {"used": ("counted", REFERENCE_COLOUR), "needs_match": ("food not identified", "#ff7f0e"),
                  "needs_amount": ("amount unknown", "#ffbb78"), "skipped": ("skipped", "#c7c7c7"),
                  "rejected": ("not read", "#7f7f7f")}


def entries_chart(entries: pd.DataFrame) -> go.Figure:
    """Diary rows per day, by what happened to them."""
    dated = entries.loc[entries["date"].notna(), ["date", "status"]]
    counts = dated.groupby([dated["date"].dt.normalize(), "status"]).size().unstack(fill_value=0)
    figure = go.Figure()
    for status, (name, colour_) in STATUS_COLOURS.items():
        if status in counts:
            figure.add_bar(x=counts.index, y=counts[status], name=name, marker_color=colour_,
                           hovertemplate="%{y} rows")
    figure = _layout(figure, "Diary rows per day", "Date", "rows", height=260)
    figure.update_layout(margin={"t": 50, "b": 40})
    return figure


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _short(source: str) -> str:
    """First author and year of a citation, for a chart label ('Dai Q ... 2007')."""
    first = source.split(",")[0].strip()
    year = next((w.strip(";.") for w in source.replace(";", " ").split() if w[:4].isdigit() and len(w) >= 4), "")
    return f"{first} et al. {year[:4]}".strip() if first else "see About & sources"
