"""Date cells to dates: formats, column-wide day/month order, bad dates."""

from __future__ import annotations

import pandas as pd
import pytest

from analyzer.ingest._dates import parse_dates


@pytest.mark.parametrize(("cells", "expected"), [
    (["2022-11-03"], ["2022-11-03"]),
    (["2022-11-03 14:25:00"], ["2022-11-03"]),
    (["2022-11-03T08:00"], ["2022-11-03"]),
    (["2022/11/03"], ["2022-11-03"]),
    (["3 Nov 2022"], ["2022-11-03"]),
    (["3 November 2022"], ["2022-11-03"]),
    (["Nov 3, 2022"], ["2022-11-03"]),
    (["November 3rd, 2022"], ["2022-11-03"]),
    (["3. März 2022"], ["2022-03-03"]),
    (["4 nov 2022", "12 décembre 2022"], ["2022-11-04", "2022-12-12"]),
    (["44868"], ["2022-11-03"]),
    (["44868.5"], ["2022-11-03"]),
    (["  2022-11-03  "], ["2022-11-03"]),
    (["11/03/22"], ["2022-11-03"]),
])
def test_single_formats(cells, expected):
    result = parse_dates(pd.Series(cells), "Date")
    assert list(result.dates) == [pd.Timestamp(d) for d in expected]
    assert list(result.problem) == [""] * len(cells)


@pytest.mark.parametrize(("cells", "expected", "note_says"), [
    # a first field above 12 makes the whole column day first
    (["03/11/2022", "25/11/2022"], ["2022-11-03", "2022-11-25"], None),
    # a second field above 12 makes the whole column month first
    (["03/11/2022", "03/25/2022"], ["2022-03-11", "2022-03-25"], None),
    (["03.11.2022", "11.25.2022"], ["2022-03-11", "2022-11-25"], None),
    # still ambiguous: '/' is month first, '.' and '-' day first, with a note
    (["03/11/2022", "04/11/2022"], ["2022-03-11", "2022-04-11"], "month first"),
    (["03.11.2022", "04.11.2022"], ["2022-11-03", "2022-11-04"], "day first"),
    (["03-11-2022"], ["2022-11-03"], "day first"),
    # same day and month: no ambiguity, no note
    (["01/01/2022", "2022-02-03"], ["2022-01-01", "2022-02-03"], None),
])
def test_order_is_decided_for_the_whole_column(cells, expected, note_says):
    result = parse_dates(pd.Series(cells), "Datum")
    assert list(result.dates) == [pd.Timestamp(d) for d in expected]
    if note_says is None:
        assert result.notes == []
    else:
        assert len(result.notes) == 1
        assert note_says in result.notes[0] and "'Datum'" in result.notes[0]


@pytest.mark.parametrize(("cell", "reason_says"), [
    ("", "is empty"),
    ("yesterday", "not a date we can read"),
    ("2222-01-01", "the year 2222, outside 1900 to 2100"),
    ("1850-05-01", "the year 1850"),
    ("2022-02-30", "not a real date"),
    ("3 Brumaire 2022", "month name we do not know"),
    ("99999", "the year 2173"),
])
def test_bad_cells_get_a_reason_naming_the_column(cell, reason_says):
    result = parse_dates(pd.Series(["2022-11-03", cell]), "Day")
    assert result.dates.iloc[0] == pd.Timestamp("2022-11-03")
    assert pd.isna(result.dates.iloc[1])
    assert reason_says in result.problem.iloc[1]
    assert "'Day'" in result.problem.iloc[1]


def test_mixed_orders_keep_day_first_and_reject_the_rest():
    result = parse_dates(pd.Series(["25/11/2022", "11/25/2022"]), "Date")
    assert result.dates.iloc[0] == pd.Timestamp("2022-11-25")
    assert pd.isna(result.dates.iloc[1])
    assert "not a real date" in result.problem.iloc[1]
    assert "mixes day-first and month-first" in result.notes[0]


def test_result_is_datetime64_ns_at_midnight():
    result = parse_dates(pd.Series(["2022-11-03 23:59", "bad"]), "Date")
    assert result.dates.dtype == "datetime64[ns]"
    assert result.dates.iloc[0] == pd.Timestamp("2022-11-03 00:00")
