"""Period summaries: means over days with data, roll-ups and rolling means."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analyzer._nutrients import NUTRIENTS
from analyzer.analysis._period import ROLLING_MIN_DAYS, period_summary, rolling_means, rollup, select_period

NAN = float("nan")


def daily(values: dict[str, float], supplement: dict[str, float] | None = None) -> pd.DataFrame:
    """Daily frame with calcium values on the given dates; other nutrients unknown."""
    index = pd.DatetimeIndex(pd.to_datetime(list(values)), name="date")
    frame = pd.DataFrame({key: NAN for key in NUTRIENTS}, index=index)
    frame["calcium_mg"] = list(values.values())
    frame["calcium_mg_supplement"] = [NAN] * len(frame) if supplement is None else [
        supplement.get(d, NAN) for d in values]
    frame["entries"] = 1
    return frame


def test_summary_skips_unknown_days():
    frame = daily({"2024-01-01": 600.0, "2024-01-02": NAN, "2024-01-03": 1000.0, "2024-01-04": 1100.0},
                  supplement={"2024-01-04": 500.0})
    row = period_summary(frame).loc["calcium_mg"]
    assert row["mean"] == pytest.approx(900.0)
    assert row["median"] == pytest.approx(1000.0)
    assert row["days_with_data"] == 3
    assert row["days_logged"] == 4
    assert row["mean_supplement"] == pytest.approx(500.0 / 3)
    assert math.isnan(period_summary(frame).loc["magnesium_mg", "mean"])
    assert period_summary(frame).loc["magnesium_mg", "days_with_data"] == 0


@pytest.mark.parametrize(("start", "end", "days"), [
    (None, None, 4), ("2024-01-02", None, 3), (None, "2024-01-02", 2), ("2024-01-02", "2024-01-03", 2),
    ("2025-01-01", None, 0),
])
def test_select_period_is_inclusive(start, end, days):
    frame = daily({"2024-01-01": 1.0, "2024-01-02": 2.0, "2024-01-03": 3.0, "2024-01-04": 4.0})
    assert len(select_period(frame, start, end)) == days


def test_weekly_rollup_labels_monday_and_averages_known_days():
    # 2024-01-01 is a Monday; the second week has one known day and one unknown
    frame = daily({"2024-01-01": 400.0, "2024-01-03": 800.0, "2024-01-08": 1000.0, "2024-01-09": NAN})
    weeks = rollup(frame, "week")
    assert list(weeks.index.strftime("%Y-%m-%d")) == ["2024-01-01", "2024-01-08"]
    assert weeks["calcium_mg"].tolist() == [600.0, 1000.0]
    assert weeks["calcium_mg_days"].tolist() == [2, 1]
    assert weeks["days_logged"].tolist() == [2, 2]


def test_monthly_rollup():
    frame = daily({"2024-01-31": 500.0, "2024-02-01": 700.0, "2024-02-15": 900.0})
    months = rollup(frame, "month")
    assert months["calcium_mg"].tolist() == [500.0, 800.0]
    with pytest.raises(ValueError):
        rollup(frame, "fortnight")


def test_rolling_mean_needs_min_days_in_window():
    dates = pd.date_range("2024-01-01", periods=10, freq="D").strftime("%Y-%m-%d")
    values = [100.0, 200.0, NAN, 300.0, 400.0, 500.0, 600.0, 700.0, 800.0, 900.0]
    result = rolling_means(daily(dict(zip(dates, values, strict=True))))["calcium_mg"]
    # day 5 (index 4): window 1..5 holds 4 known values: 100, 200, 300, 400
    assert np.isnan(result.iloc[ROLLING_MIN_DAYS - 2])
    assert result.iloc[4] == pytest.approx(250.0)
    # day 10: window 4..10 holds 300..900
    assert result.iloc[9] == pytest.approx(600.0)


@pytest.mark.parametrize(("start", "end", "inside"), [
    # 1 Jan, 2 Jan 00:00, 2 Jan 23:59, no date
    (None, None, [True, True, True, True]),
    ("2024-01-02", None, [False, True, True, False]),
    (None, "2024-01-02", [True, True, True, False]),
    ("2024-01-02 12:00", "2024-01-02", [False, True, True, False]),  # bounds are whole days
])
def test_in_period_counts_whole_days(start, end, inside):
    from analyzer.analysis._period import in_period

    dates = pd.Series([pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-02 00:00"), pd.Timestamp("2024-01-02 23:59"),
                       pd.NaT])
    assert in_period(dates, start, end).tolist() == inside
