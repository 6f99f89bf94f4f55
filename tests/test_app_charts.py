"""The dashboard's plotly figures (app_pages/_charts.py), built from small frames written here."""

from __future__ import annotations

import math

import pandas as pd

from app_pages import _charts


def test_the_ratio_chart_marks_each_gap_with_one_empty_point_not_one_per_missing_day():
    """Issue 15: a stray 1900 date made the ratio chart a 45,000-point line (one point per calendar day).
    Days 3, 4 and 6 February 2025 and 1 January 1900: the line must break after 1900-01-01 and after
    4 February, and hold the four days' ratios and two empty points, six in all."""
    days = pd.to_datetime(["1900-01-01", "2025-02-03", "2025-02-04", "2025-02-06"])
    ratios = pd.Series([2.0, 1.5, 3.0, 2.5], index=days)
    figure = _charts.ratio_chart(ratios, float("nan"), float("nan"), "")
    line = figure.data[0]
    points = dict(zip(pd.to_datetime(line.x).strftime("%Y-%m-%d"), line.y, strict=True))
    assert len(points) == 6
    assert math.isnan(points["1900-01-02"]) and math.isnan(points["2025-02-05"])
    assert [points[d] for d in ("1900-01-01", "2025-02-03", "2025-02-04", "2025-02-06")] == [2.0, 1.5, 3.0, 2.5]
    assert line.connectgaps is False
