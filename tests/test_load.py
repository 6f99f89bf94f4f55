"""Several people at once: 10 browser sessions upload different diaries to one running app.

Each session must see only its own diary (its own row count in the summary and on the
dashboard), nothing may crash (no exception element on any page),
and the latency of every step is reported as percentiles.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SESSIONS = 10
WAIT_MS = 300_000
FOODS = ["Cheddar cheese", "Whole milk", "Banana", "Almonds", "Spinach raw", "Greek yogurt plain", "Oats",
         "Salmon cooked", "Kale raw", "Natto", "Tofu firm", "Broccoli cooked", "Brown rice cooked", "Eggs"]


def _diary(session: int) -> tuple[bytes, int]:
    """A generic diary whose row count (and foods) differ per session, so mix-ups show."""
    rows = 40 + 7 * session
    lines = ["date,food,amount,unit"]
    for i in range(rows):
        lines.append(f"2025-03-{1 + i % 20:02d},{FOODS[(i + session) % len(FOODS)]},{50 + 10 * session},g")
    return ("\n".join(lines) + "\n").encode(), rows


async def _one_session(browser, url: str, session: int, folder: Path, timings: dict, requests: list) -> None:
    data, rows = _diary(session)
    path = folder / f"diary-{session}.csv"
    path.write_bytes(data)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.on("request", lambda request: requests.append(request.url))
    started = time.perf_counter()
    await page.goto(url)
    await page.locator("h1").get_by_text("Add food").wait_for(state="visible")
    timings["first page"].append(time.perf_counter() - started)

    started = time.perf_counter()
    await page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(path))
    await page.get_by_text(f"{rows:,} rows covering").first.wait_for(state="visible")
    timings["upload to summary"].append(time.perf_counter() - started)
    body = await page.locator("[data-testid='stMain']").inner_text()
    others = [r for s, r in ((s, _diary(s)[1]) for s in range(SESSIONS)) if s != session]
    assert not any(f"{r:,} rows covering" in body for r in others), f"session {session} sees another diary"

    started = time.perf_counter()
    await page.get_by_text("Open the dashboard").click()
    await page.locator("[data-testid='stMain'] .js-plotly-plot").first.wait_for(state="visible")
    timings["dashboard"].append(time.perf_counter() - started)
    assert await page.locator("[data-testid='stException']").count() == 0
    await context.close()


def _percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):.2f} s, p90 {p90:.2f} s, max {ordered[-1]:.2f} s"


@pytest.mark.timeout(1800)
def test_ten_sessions_at_once_each_see_only_their_own_diary(chromium, streamlit_server, tmp_path):
    async_api = pytest.importorskip("playwright.async_api")
    timings: dict[str, list[float]] = {"first page": [], "upload to summary": [], "dashboard": []}
    requests: list[str] = []

    async def run() -> None:
        async with async_api.async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
            try:
                await asyncio.gather(*(_one_session(browser, streamlit_server, s, tmp_path, timings, requests)
                                       for s in range(SESSIONS)))
            finally:
                await browser.close()

    started = time.perf_counter()
    asyncio.run(run())
    total = time.perf_counter() - started
    print(f"\n{SESSIONS} concurrent sessions in {total:.1f} s")
    for step, values in timings.items():
        assert len(values) == SESSIONS
        print(f"  {step}: {_percentiles(values)}")
    assert all(url.startswith((streamlit_server, "data:", "blob:", "about:")) for url in requests)
