"""Plotly figures for the dashboard: one colour per nutrient, units on every axis.

Food names reach a chart only as escaped text (plotly reads a little HTML in labels).
Backgrounds are transparent and grid lines half-transparent, so the charts read in
the light and the dark theme alike (Streamlit follows the system's choice).  Chart
titles are written above each chart by the page, not inside it, so the chart's
toolbar never covers them on a phone.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from app_pages._shared import colour, label, unit

REFERENCE_COLOUR = "#2a9d74"
LIMIT_COLOUR = "#d62728"
ROLLING_COLOUR = "#888888"
#: Supplements get their own colour and a hatch, so they never look like food.
SUPPLEMENT_COLOUR = "#b07aa1"
#: Water (tap water, a mineral water's label, the daily habit) likewise, with dots.
WATER_COLOUR = "#6baed6"
#: How each part of an intake is drawn: name, colour, hatch.
PARTS = {"supplement": ("from supplements", SUPPLEMENT_COLOUR, "/"), "water": ("from water", WATER_COLOUR, ".")}
GRID = "rgba(128,128,128,0.25)"
X_TITLES = {"day": "Date", "week": "Week starting (Monday)", "month": "Month"}
PER = {"day": "per day", "week": "per day, weekly mean", "month": "per day, monthly mean"}
CONFIG = {"displaylogo": False, "displayModeBar": "hover", "responsive": True}
_DAY_MS = 86_400_000
#: Up to this many days, a tick per day (or every few days): never hour ticks.
_SHORT_SPAN_DAYS = 62
#: A longer span is drawn by week at first: a year of daily bars is two pixels each, and the browser
#: draws seven times the shapes (the person can still choose days on the dashboard).
LONG_PERIOD_DAYS = 92


class _Spec:
    """A figure written as plotly's JSON tree (traces, shapes and annotations as dicts), made a Figure at the end.

    Plotly parses and checks every property path of each ``add_*`` and ``update_*`` call on a
    Figure: that cost most of the time it takes to build the dashboard's dozen figures for a
    new period.  The calls here take the same nested keywords (no ``marker_color`` shorthand);
    the figures are the same (the chart tests, and every chart's JSON for a 300-day diary by
    day, by week and for a short period compared with plotly's own calls).
    """

    def __init__(self) -> None:
        self.data: list[dict] = []
        self.layout: dict = {}

    def add_bar(self, **trace) -> None:
        self.data.append({"type": "bar", **trace})

    def add_scatter(self, **trace) -> None:
        self.data.append({"type": "scatter", **trace})

    def add_shape(self, **shape) -> None:
        self.layout.setdefault("shapes", []).append(shape)

    def add_annotation(self, **annotation) -> None:
        self.layout.setdefault("annotations", []).append(annotation)

    def update_layout(self, **changes) -> None:
        _merge(self.layout, changes)

    def update_xaxes(self, **changes) -> None:
        _merge(self.layout.setdefault("xaxis", {}), changes)

    def update_yaxes(self, **changes) -> None:
        _merge(self.layout.setdefault("yaxis", {}), changes)

    def figure(self) -> go.Figure:
        """The plotly Figure (unchecked: the tree above is what plotly's own calls make)."""
        return go.Figure({"data": self.data, "layout": self.layout}, _validate=False)


def _merge(into: dict, changes: dict) -> None:
    """Merge nested dicts as plotly's ``update_layout`` does (a dict updates a dict; anything else replaces)."""
    for name, value in changes.items():
        if isinstance(value, dict) and isinstance(into.get(name), dict):
            _merge(into[name], value)
        else:
            into[name] = value


def _figure() -> _Spec:
    return _Spec()


def title(key: str, view: str) -> str:
    """The heading written above a nutrient's chart."""
    return f"{label(key)} ({unit(key)} {PER[view]})"


#: Room around the plot for the axis labels and titles, and for a legend along the chart's bottom edge
#: (``_NO_LEGEND_BOTTOM`` without one): a little more than plotly's automatic margins grow to in the
#: browser test's chromium.  Margins that start too small make plotly draw each chart twice (once to
#: measure its labels, once in the grown margins), a third of the dashboard's drawing time; a label
#: wider than this room still grows them.
MARGIN = {"l": 84, "r": 16, "t": 24, "b": 100}
_NO_LEGEND_BOTTOM = 72
#: Width of a character of a food name on a bar chart's axis (a generous mean for 12 px sans-serif).
_NAME_CHARACTER_PX = 7
#: The legend sits on the figure's bottom edge (in pixels, not a fraction of the plot, which put it over
#: the axis title in a short chart).
LEGEND = {"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "xanchor": "left", "x": 0}


def _layout(figure: _Spec, x_title: str, y_title: str, height: int = 320, *, legend: bool = True) -> _Spec:
    # One update with nested dicts: plotly checks every update and every 'a_b' path it parses,
    # and the dashboard draws a dozen figures per rerun (each figure here has one x and one y axis).
    margin = dict(MARGIN) if legend else {**MARGIN, "b": _NO_LEGEND_BOTTOM}
    figure.update_layout(
        height=height, barmode="stack", margin=margin, hovermode="x unified",
        bargap=0.15, legend=dict(LEGEND),
        font={"size": 13}, plot_bgcolor="rgba(0,0,0,0)", paper_bgcolor="rgba(0,0,0,0)",
        xaxis={"title": {"text": x_title}, "showgrid": False, "linecolor": GRID},
        yaxis={"title": {"text": y_title}, "gridcolor": GRID, "rangemode": "tozero", "linecolor": GRID})
    if not legend:
        figure.update_layout(showlegend=False)
    return figure


def _date_ticks(figure: _Spec, index: pd.Index, view: str) -> None:
    """Whole-day ticks for short diaries (plotly would otherwise label 00:00, 06:00, 12:00...)."""
    if view != "day" or len(index) == 0:
        return
    span = (pd.Timestamp(index.max()) - pd.Timestamp(index.min())).days + 1
    if span <= _SHORT_SPAN_DAYS:
        step = max(1, -(-span // 8))  # at most about 8 labels
        figure.update_xaxes(type="date", dtick=step * _DAY_MS, tickformat="%d %b", tick0=pd.Timestamp(index.min()))
        if span < 3:  # a one- or two-day diary: pad so the bars are not one wide block
            low, high = pd.Timestamp(index.min()), pd.Timestamp(index.max())
            figure.update_xaxes(range=[low - pd.Timedelta(hours=18), high + pd.Timedelta(hours=18)])


def _line(figure: _Spec, y: float, text: str, colour_: str, dash: str, position: str) -> None:
    """A line across the chart at ``y``, labelled above its left or right end (``top left``, ``top right``).

    The shape and label ``add_hline`` makes, written out: ``add_hline`` costs a tenth of a second.
    """
    if pd.notna(y) and y > 0:
        figure.add_shape(type="line", xref="x domain", x0=0, x1=1, yref="y", y0=y, y1=y,
                         line={"color": colour_, "dash": dash, "width": 2})
        side = "right" if position.endswith("right") else "left"
        figure.add_annotation(text=text, showarrow=False, xref="x domain", x=1 if side == "right" else 0,
                              xanchor=side, yref="y", y=y, yanchor="bottom", font={"color": colour_, "size": 12})


def nutrient_chart(frame: pd.DataFrame, rolling: pd.DataFrame | None, key: str, view: str, *,
                   target: float, target_kind: str, ul: float, ul_basis: str, cdrr: float) -> go.Figure:
    """Bars of a nutrient (food, supplements and water stacked), the 7-day mean, the reference and upper lines.

    A UL that applies to some sources only (magnesium) is never drawn across these total bars:
    :func:`ul_part_chart` compares it with those sources alone.
    """
    u = unit(key)
    figure = _figure()
    figure.add_bar(x=frame.index, y=frame[f"{key}_food"], name="from food", marker={"color": colour(key)},
                   hovertemplate=f"%{{y:,.1f}} {u}")
    for part, (name, colour_, shape) in PARTS.items():
        column = f"{key}_{part}"
        if column in frame and frame[column].fillna(0).gt(0).any():
            figure.add_bar(x=frame.index, y=frame[column], name=name,
                           marker={"color": colour_, "pattern": {"shape": shape}}, hovertemplate=f"%{{y:,.1f}} {u}")
    if rolling is not None and rolling[key].notna().any():
        figure.add_scatter(x=rolling.index, y=rolling[key], name="7-day average", mode="lines",
                           line={"color": ROLLING_COLOUR, "width": 2}, hovertemplate=f"%{{y:,.1f}} {u}")
    _line(figure, target, f"{target_kind or 'reference'} {target:,.0f} {u}" if pd.notna(target) else "",
          REFERENCE_COLOUR, "dash", "top left")
    if ul_basis == "total":
        _line(figure, ul, f"UL {ul:,.0f} {u}" if pd.notna(ul) else "", LIMIT_COLOUR, "dot", "top right")
    _line(figure, cdrr, f"CDRR {cdrr:,.0f} {u}" if pd.notna(cdrr) else "", LIMIT_COLOUR, "dot", "top right")
    _date_ticks(figure, frame.index, view)
    return _layout(figure, X_TITLES[view], f"{u} {PER[view]}").figure()


def ul_part_chart(frame: pd.DataFrame, key: str, view: str, parts: list[str], ul: float, line: str) -> go.Figure:
    """The parts of a nutrient an upper level covers (supplements; for EFSA also water), against that UL.

    ``parts`` are the scope's intake parts the diary records (``ul_intake``); ``line`` is the UL
    line's label (``messages.ul_line_label``).
    """
    u = unit(key)
    figure = _figure()
    for part in parts:
        column = f"{key}_{part}"
        if part in PARTS and frame[column].fillna(0).gt(0).any():
            name, colour_, shape = PARTS[part]
            figure.add_bar(x=frame.index, y=frame[column], name=name,
                           marker={"color": colour_, "pattern": {"shape": shape}}, hovertemplate=f"%{{y:,.1f}} {u}")
    _line(figure, ul, line, LIMIT_COLOUR, "dot", "top right")
    _date_ticks(figure, frame.index, view)
    return _layout(figure, X_TITLES[view], f"{u} {PER[view]}", height=240, legend=len(figure.data) > 1).figure()


def ratio_chart(ratios: pd.Series, low: float, high: float, band_label: str) -> go.Figure:
    """A daily ratio as points, over the range observational studies used (shaded, labelled with its source).

    The day after a day followed by a gap gets an empty point, so the line never bridges the gap:
    one point per gap, not one per missing day (a stray 1900 date would add 45,000 points).
    """
    series = ratios.sort_index()
    if len(series) > 1:
        days = pd.DatetimeIndex(series.index)
        before_gap = days[:-1][(days[1:] - days[:-1]) > pd.Timedelta(days=1)]
        series = pd.concat([series, pd.Series(float("nan"), index=before_gap + pd.Timedelta(days=1))]).sort_index()
    figure = _figure()
    if pd.notna(low) and pd.notna(high):
        # The shaded band and label plotly's add_hrect(annotation_position="top left") makes, written out.
        figure.add_shape(type="rect", xref="x domain", x0=0, x1=1, yref="y", y0=low, y1=high,
                         fillcolor=colour("magnesium_mg"), opacity=0.15, line={"width": 0})
        figure.add_annotation(text=band_label, showarrow=False, xref="x domain", x=0, xanchor="left", yref="y",
                              y=high, yanchor="top", font={"size": 12})
    figure.add_scatter(x=series.index, y=series, mode="markers+lines", name="ratio per day", connectgaps=False,
                       line={"color": colour("calcium_mg"), "width": 1.5}, marker={"size": 6},
                       hovertemplate="%{y:.2f} : 1")
    _date_ticks(figure, series.index, "day")
    return _layout(figure, "Date", "mg calcium per mg magnesium", legend=False).figure()


def k_chart(frame: pd.DataFrame, view: str) -> go.Figure:
    """Vitamin K1 and K2 side by side (and vitamin K of unknown form, when ``frame`` has it)."""
    figure = _figure()
    for key in [k for k in ("vitamin_k1_ug", "vitamin_k2_ug", "vitamin_k_unknown_ug") if k in frame]:
        figure.add_bar(x=frame.index, y=frame[key], name=label(key), marker={"color": colour(key)},
                       hovertemplate=f"%{{y:,.1f}} {unit(key)}")
    _date_ticks(figure, frame.index, view)
    figure = _layout(figure, X_TITLES[view], f"µg {PER[view]}")
    figure.update_layout(barmode="group")
    return figure.figure()


def sources_chart(summary: pd.DataFrame, keys: list[str]) -> go.Figure:
    """Share of each nutrient's period intake from food, from supplements and from water (percent)."""
    rows = summary.loc[[k for k in keys if summary.loc[k, "days_with_data"] > 0]]
    water = rows["mean_water"] if "mean_water" in rows else pd.Series(float("nan"), index=rows.index)
    total = (rows["mean_food"].fillna(0) + rows["mean_supplement"].fillna(0) + water.fillna(0)).where(
        lambda s: s > 0)
    names = [label(k) for k in rows.index]
    figure = _figure()
    figure.add_bar(y=names, x=rows["mean_food"] / total * 100, name="from food", orientation="h",
                   marker={"color": [colour(k) for k in rows.index]}, hovertemplate="%{x:.0f}%")
    figure.add_bar(y=names, x=rows["mean_supplement"] / total * 100, name="from supplements", orientation="h",
                   marker={"color": SUPPLEMENT_COLOUR, "pattern": {"shape": "/"}}, hovertemplate="%{x:.0f}%")
    if water.fillna(0).gt(0).any():
        figure.add_bar(y=names, x=water / total * 100, name="from water", orientation="h",
                       marker={"color": WATER_COLOUR, "pattern": {"shape": "."}}, hovertemplate="%{x:.0f}%")
    figure = _layout(figure, "% of the period's intake", "", height=130 + 45 * max(1, len(rows)))
    # The legend sits above the bars: below them it met the axis title on a phone.
    figure.update_layout(hovermode="y unified", margin={"l": 120, "r": 24, "t": 48, "b": _NO_LEGEND_BOTTOM},
                         legend={"yref": "paper", "yanchor": "bottom", "y": 1.02})
    figure.update_xaxes(range=[0, 100], showgrid=True, gridcolor=GRID)
    figure.update_yaxes(autorange="reversed")
    return figure.figure()


def contributors_chart(top: pd.DataFrame, key: str) -> go.Figure:
    """Top foods (as the user wrote them) by amount supplied over the period."""
    names = [html.escape(_shorten(str(f), 40)) for f in top["food"]]
    matched = top.get("matched_food", pd.Series("", index=top.index)).fillna("").astype(str)
    source = top.get("value_source", pd.Series("", index=top.index)).fillna("").astype(str)
    beneath = [html.escape(_shorten(" · ".join(p for p in (m, s) if p), 90)) for m, s in zip(matched, source,
                                                                                          strict=True)]
    figure = _figure()
    figure.add_bar(y=names, x=top["value"], orientation="h", marker={"color": colour(key)}, name=label(key),
                   customdata=list(zip(top["share"] * 100, beneath, strict=True)),
                   hovertemplate=f"%{{x:,.0f}} {unit(key)} (%{{customdata[0]:.0f}}%)<br>%{{customdata[1]}}"
                                 "<extra></extra>")
    figure = _layout(figure, f"{label(key)} over the period ({unit(key)})", "", height=90 + 30 * max(1, len(top)),
                     legend=False)
    # Room for the longest name at about 7 px a character (12 px labels), so plotly need not grow it.
    longest = max((len(_shorten(str(f), 40)) for f in top["food"]), default=0)
    figure.update_layout(hovermode="closest", margin={"l": 16 + _NAME_CHARACTER_PX * longest})
    figure.update_yaxes(autorange="reversed", automargin=True)
    return figure.figure()


def meals_chart(meals: pd.DataFrame, key: str) -> go.Figure:
    """A nutrient per meal: mean per logged day over the period."""
    names = [html.escape(_shorten(str(m), 30)) for m in meals.index]
    figure = _figure()
    figure.add_bar(x=names, y=meals["per_day"], marker={"color": colour(key)}, name=label(key),
                   customdata=meals["share"] * 100, hovertemplate=f"%{{y:,.1f}} {unit(key)} (%{{customdata:.0f}}%)")
    figure = _layout(figure, "Meal", f"{unit(key)} per day", height=280, legend=False)
    figure.update_layout(hovermode="closest")
    return figure.figure()


STATUS_COLOURS = {"used": ("counted", REFERENCE_COLOUR), "needs_match": ("food not identified", "#ff7f0e"),
                  "needs_amount": ("amount unknown", "#ffbb78"), "skipped": ("skipped", "#c7c7c7"),
                  "rejected": ("not read", "#7f7f7f")}


def opening_view(first, last) -> str:
    """How a span of days is first drawn: ``'week'`` when longer than :data:`LONG_PERIOD_DAYS`, else ``'day'``."""
    return "week" if (last - first).days + 1 > LONG_PERIOD_DAYS else "day"


def entries_per(entries: pd.DataFrame) -> str:
    """The rows chart's bars for a diary: by :func:`opening_view` of its dated span."""
    dates = entries["date"].dropna()
    return opening_view(dates.min(), dates.max()) if len(dates) else "day"


def entries_chart(entries: pd.DataFrame, per: str = "day") -> go.Figure:
    """Diary rows per day (``per='day'``) or per week starting on Monday (``'week'``), by what happened to them."""
    dated = entries.loc[entries["date"].notna(), ["date", "status"]]
    when = dated["date"].dt.normalize()
    if per == "week":
        when = when - pd.to_timedelta(when.dt.day_of_week, unit="D")
    counts = dated.groupby([when, "status"]).size().unstack(fill_value=0)
    figure = _figure()
    for status, (name, colour_) in STATUS_COLOURS.items():
        if status in counts:
            figure.add_bar(x=counts.index, y=counts[status], name=name, marker={"color": colour_},
                           hovertemplate="%{y} rows")
    _date_ticks(figure, counts.index, per)
    return _layout(figure, X_TITLES[per], "rows", height=260).figure()


def warm_up() -> None:
    """Make one small figure of each kind drawn here (plotly loads each kind's code when first used)."""
    days = pd.date_range("2025-01-01", periods=2)
    entries_chart(pd.DataFrame({"date": days, "status": "used"}))
    ratio_chart(pd.Series(1.0, index=days), 0.5, 2.0, "")


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def short_source(source: str) -> str:
    """First author and year of a citation, for a chart label ('Dai Q et al. 2007')."""
    first = source.split(",")[0].strip()
    year = next((w.strip(";.") for w in source.replace(";", " ").split() if w[:4].isdigit() and len(w) >= 4), "")
    return f"{first} et al. {year[:4]}".strip() if first else "see About & sources"
