"""Benchmark: the dashboard's server time, driven headless with Streamlit's AppTest (no browser).

The browser test (``tests/test_browser.py``) times choosing a file to the charts drawn,
the browser's drawing included; this one times the server's part of the same steps in
this process, so the two together say how much of the wait is drawing. Steps: the app's
first page; a file uploaded until the imported page is made; the dashboard opened; the
dashboard run again unchanged; a profile change; a period change. Each step reports wall
and CPU time (all threads of this process: the app's background work counts too).

The diary is the real-shaped one of ``make_realistic_diary.py`` (10,000 lines) when
``../shared`` is present, and the browser test's generated 9,000-row export either way.
Targets (issue 15): switching period or profile ≤ 1 s of server time; choosing the
file to the charts drawn ≤ 4 s, of which this is the server's share.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

import make_realistic_diary  # noqa: E402

#: Seconds of server time (issue 15).
SWITCH_TARGET_S = 1.0
TO_CHARTS_TARGET_S = 4.0


def _step(at, label: str, action) -> float:
    started, cpu = time.perf_counter(), time.process_time()
    action()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    if at.exception:
        raise RuntimeError(f"{label}: {[e.value for e in at.exception]}")
    print(f"  {label:<34} {wall:6.2f} s wall  {cpu:5.2f} s CPU")
    return wall


def measure(label: str, data: bytes, name: str) -> None:
    """One fresh app (its own user folder and caches): upload, dashboard, re-runs."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    os.environ["MINERALOG_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-app-")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    print(f"{label}:")
    _step(at, "first page", at.run)
    time.sleep(2)  # a person takes a moment to choose the file: the app gets ready meanwhile
    upload = _step(at, "file chosen -> imported page",
                   lambda: (at.file_uploader(key="diary_file").set_value((name, data, "text/csv")), at.run()))
    dashboard = _step(at, "-> dashboard", lambda: at.switch_page("app_pages/dashboard.py").run())
    _step(at, "dashboard run again, nothing changed", at.run)
    at.sidebar.number_input(key="profile_age").set_value(60)
    profile = _step(at, "profile change (age)", at.run)
    period = at.date_input[0]
    first, last = period.value if isinstance(period.value, tuple) else (period.value, period.value)
    period.set_value((first + dt.timedelta(days=7), min(last, first + dt.timedelta(days=13))))
    switch = _step(at, "period change (one week)", at.run)
    to_charts = upload + dashboard
    print(f"  file chosen -> dashboard, server: {to_charts:.2f} s (of the {TO_CHARTS_TARGET_S:g} s target with "
          f"the drawing) {'ok' if to_charts <= TO_CHARTS_TARGET_S else 'MISSED'}")
    print(f"  switching profile / period: {profile:.2f} / {switch:.2f} s server, limit {SWITCH_TARGET_S:g} s "
          f"{'ok' if max(profile, switch) <= SWITCH_TARGET_S else 'MISSED'}")


def main() -> None:
    from test_browser import cronometer_servings

    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if make_realistic_diary.real_lines():
        with tempfile.TemporaryDirectory() as folder:
            diary = Path(folder) / "servings.csv"
            make_realistic_diary.write(diary)
            measure("real-shaped 10,000 rows (2026 Cronometer layout)", diary.read_bytes(), "servings.csv")
    else:
        print(f"skipped the real-shaped diary: no real diaries in {make_realistic_diary.REAL_DIARIES}")
    measure("the browser test's 9,000-row export", cronometer_servings(), "cronometer_servings.csv")


if __name__ == "__main__":
    main()
