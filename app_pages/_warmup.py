"""Warm-up: after the first page is drawn, load the import pipeline and the browser's chart code.

Its own module because it imports the chart module, which imports :mod:`app_pages._shared`.
Plotly loads the code of each kind of trace when it is first drawn (0.1 s): a small figure
of each kind is made here, so the first imported page does not wait for it.
"""

from __future__ import annotations

import threading

import streamlit as st

import analyzer
from app_pages._shared import SAMPLE_DIARY, import_file, matcher

__all__ = ["get_ready", "load_chart_code"]

#: The hidden element that has the browser load plotly's code (see :func:`load_chart_code`).
CHART_CODE_KEY = "chart_code"


def _get_ready() -> None:
    try:
        analyzer.import_diary, analyzer.diary_days  # noqa: B018  (reading a public name imports its module)
        from app_pages import _charts  # plotly's figures

        _charts.warm_up()
        matcher()  # the food table too; a page asking meanwhile waits for this one (cache_resource's lock)
        # A process's first import loads what only an import uses (supplement and water rules, the
        # brand-line index, unit and measure tables): 0.3-0.4 s of the 10,000-row diary's import step
        # (issue 15). The sample diary, imported here, loads them while a file is chosen; "Open a
        # sample diary" then finds it imported (no corrections: with some, it is imported again).
        import_file(SAMPLE_DIARY.read_bytes(), SAMPLE_DIARY.name, {})
    except Exception:  # noqa: BLE001  (a head start only: the page does the same work and shows any error)
        pass


@st.cache_resource(show_spinner=False)
def get_ready() -> threading.Thread:
    """Once per server, after the first page is drawn: get the import pipeline ready in the background.

    Importing the reader and the analysis and reading the matcher take about a second on a
    small machine; done while the user chooses a file, the import starts with them ready.
    """
    thread = threading.Thread(target=_get_ready, name="mineralog-get-ready", daemon=True)
    thread.start()
    return thread


def load_chart_code() -> None:
    """Have the browser load plotly's code at the end of a session's first page, in an element nobody sees.

    Streamlit's browser code loads plotly (4.7 MB) when a page first shows a chart: the
    imported page of a new diary waited 0.4-0.7 s for it after the server had finished
    (issue 15). Sent at the end of the first page, it loads while a file is chosen; once
    asked for, the code stays loaded when the element is gone, so later runs skip it (the
    figure costs 0.03 s of the server's time).
    """
    if st.session_state.get(f"{CHART_CODE_KEY}_sent"):
        return
    box = st.sidebar.container(key=CHART_CODE_KEY)
    box.html(f"<style>.st-key-{CHART_CODE_KEY} {{display: none}}</style>")
    box.plotly_chart({"data": [{"type": "bar", "x": [0], "y": [0]}], "layout": {"height": 10}},
                     key=f"{CHART_CODE_KEY}_figure", config={"displayModeBar": False, "staticPlot": True})
    st.session_state[f"{CHART_CODE_KEY}_sent"] = True
