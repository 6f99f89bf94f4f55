"""Plotly charts for the HTML report (dates and numbers only, no user text)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .._nutrients import NUTRIENT_INFO

__all__ = ["daily_chart", "figure_html", "ratio_chart"]


def figure_html(figure: go.Figure, first: bool) -> str:
    """Return a figure as an HTML fragment; the first one carries plotly.js inline (no CDN)."""
    return figure.to_html(full_html=False, include_plotlyjs=True if first else False,
                          config={"displaylogo": False, "responsive": True})


def daily_chart(daily: pd.DataFrame, rolling: pd.DataFrame, key: str, target: float) -> go.Figure:
    """Bars of the daily totals of ``key``, its 7-day rolling mean and the reference line."""
    info = NUTRIENT_INFO[key]
    figure = go.Figure()
    figure.add_bar(x=daily.index, y=daily[key], name=f"{info.label} per day", marker_color=info.colour)
    figure.add_scatter(x=rolling.index, y=rolling[key], name="7-day average", mode="lines",
                       line={"color": "#333333"})
    if pd.notna(target):
        figure.add_hline(y=target, line_dash="dash", line_color="#d62728",
                         annotation_text="reference intake", annotation_position="top left")
    figure.update_layout(title=f"{info.label} ({info.unit}) per day", height=320,
                         margin={"l": 40, "r": 20, "t": 50, "b": 40}, legend={"orientation": "h"})
    return figure


def ratio_chart(ratios: pd.DataFrame, key: str, label: str, low: float, high: float,
                band_label: str = "") -> go.Figure:
    """Daily ratio as points over the range from the literature, shaded and labelled (``band_label``)."""
    figure = go.Figure()
    figure.add_scatter(x=ratios.index, y=ratios[key], mode="markers+lines", name=label,
                       connectgaps=False, line={"color": "#1f77b4"})
    if pd.notna(low) and pd.notna(high):
        figure.add_hrect(y0=low, y1=high, fillcolor="#2ca02c", opacity=0.15, line_width=0,
                         annotation_text=band_label or "observational cut points (not a clinical target)",
                         annotation_position="top left")
    figure.update_layout(title=label, height=320, margin={"l": 40, "r": 20, "t": 50, "b": 40})
    return figure
