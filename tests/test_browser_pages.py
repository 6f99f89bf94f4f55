"""Every page in a real browser at 1400 px and 390 px, light and dark, on a fresh server (issue 14).

Debian's chromium driven by Playwright against ``streamlit run``.  Checks what a
person sees: the first page within 3 s, the sample diary, a diary switch within
1.5 s, the same file uploaded again in a second tab, metric titles that are not
cut, chart titles the toolbar does not cover on a phone, and the dark theme.
Screenshots go to ``test-artifacts/`` (gitignored) for a person to look at.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS, full_page_shot

from analyzer.messages import DISCLAIMER, UNEXPECTED_ERROR

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
WAIT_MS = 120_000
#: Targets from issue 14; printed always, enforced with MINERALOG_STRICT_TIMING=1 (the machine is shared).
FIRST_PAGE_TARGET_S = 3.0
SWITCH_TARGET_S = 1.5
PAGES = (("Add food", "add-food"), ("Review matches", "review"), ("Dashboard", "dashboard"), ("Foods", "foods"),
         ("About & sources", "about"))


@pytest.fixture(scope="module")
def playwright_browser(chromium, streamlit_server):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page(browser, width: int, scheme: str = "light"):
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page.set_default_timeout(WAIT_MS)
    return page


def _finished(page) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")


def _idle(page) -> None:
    page.wait_for_timeout(300)
    _finished(page)


def _no_error(page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text(UNEXPECTED_ERROR).count() == 0


def _go(page, title: str) -> None:
    nav = page.locator("[data-testid='stSidebarNav']")
    if not nav.is_visible():  # a phone: the sidebar is folded away
        page.locator("[data-testid='stExpandSidebarButton'], [data-testid='stSidebarCollapsedControl'] button"
                     ).first.click()
    nav.get_by_text(title, exact=True).click()
    page.locator("h1").get_by_text(title, exact=True).wait_for(state="visible")
    _idle(page)
    if page.viewport_size["width"] < 640:  # fold the sidebar again so the page is seen
        close = page.locator("[data-testid='stSidebarCollapseButton'] button, [data-testid='stSidebar'] "
                             "button[kind='headerNoPadding']").first
        if close.is_visible():
            close.click()
            page.wait_for_timeout(300)


def _upload(page, path: Path) -> None:
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(path))
    page.get_by_text("Open the dashboard").wait_for(state="visible")
    _idle(page)


@pytest.mark.timeout(900)
def test_pages_timings_and_screenshots(playwright_browser, streamlit_server):
    browser, url = playwright_browser, streamlit_server
    page = _page(browser, 1400)
    started = time.perf_counter()
    page.goto(url)
    page.get_by_text(DISCLAIMER).first.wait_for(state="visible")
    first_paint = time.perf_counter() - started
    page.locator("h1").get_by_text("Add food").wait_for(state="visible")
    _idle(page)
    first_page = time.perf_counter() - started
    _no_error(page)
    full_page_shot(page, "1400-0-first-page")

    # The sample diary opens the dashboard, with the one-glance summary at the top.
    page.get_by_role("button", name="Open a sample diary").click()
    page.locator("h1").get_by_text("Dashboard").wait_for(state="visible")
    page.get_by_text("At a glance").wait_for(state="visible")
    page.locator("[data-testid='stMain'] .js-plotly-plot").nth(5).wait_for(state="visible")
    _idle(page)
    _no_error(page)
    # Metric titles are whole at 1400 px ("Calcium : magnesium" was cut).
    cut = page.evaluate("() => Array.from(document.querySelectorAll('[data-testid=stMetricLabel] p')).filter("
                        "e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)")
    assert cut == []
    for title, name in PAGES:
        _go(page, title)
        _no_error(page)
        if title == "Foods":  # the look-up table, whose K2 column was off-screen at 1400 px
            page.get_by_label("Food", exact=True).fill("natto")
            page.get_by_label("Food", exact=True).press("Enter")
            page.get_by_text("Look up a food").wait_for(state="visible")
            _idle(page)
        full_page_shot(page, f"1400-{name}")

    # A second diary, then a switch between the two from the sidebar.
    _go(page, "Add food")
    _upload(page, DATA / "app" / "cronometer_servings_attention.csv")
    _go(page, "Dashboard")
    page.locator("[data-testid='stMain'] .js-plotly-plot").nth(3).wait_for(state="visible")
    _idle(page)
    choose = page.get_by_role("combobox", name="Open a saved diary")
    choose.click()
    choose.type("Sample")  # a click alone does not always open the list
    option = page.get_by_role("option", name="Sample diary", exact=True)
    option.wait_for(state="visible")
    started = time.perf_counter()
    option.click()
    page.get_by_text("Diary: Sample diary").wait_for(state="visible")
    page.get_by_text("From 2026-01-05 to 2026-01-11").wait_for(state="visible")
    _finished(page)
    switched = time.perf_counter() - started
    _no_error(page)

    # The same file again in a second tab (a new session on the same server) used to crash.
    second = _page(browser, 1400)
    second.goto(url)
    second.locator("h1").get_by_text("Add food").wait_for(state="visible")
    _idle(second)
    # A new tab reopens the diary last viewed (the sample), not the one saved last.
    second.locator("[data-testid='stSidebar']").get_by_text("Open: Sample diary").wait_for(state="visible")
    _upload(second, DATA / "app" / "cronometer_servings_attention.csv")
    _no_error(second)
    assert second.get_by_text("6 rows covering 2 days").count() >= 1
    second.close()

    # A phone: 390 px, every page; the chart toolbar does not cover a chart's title.
    phone = _page(browser, 390)
    phone.goto(url)
    phone.locator("h1").first.wait_for(state="visible")
    _idle(phone)
    for title, name in PAGES:
        _go(phone, title)
        _no_error(phone)
        full_page_shot(phone, f"390-{name}")
    _go(phone, "Dashboard")
    chart = phone.locator("[data-testid='stMain'] [data-testid='stPlotlyChart']").first
    chart.scroll_into_view_if_needed()
    chart.hover()
    phone.wait_for_timeout(500)
    heading = chart.locator("xpath=preceding::*[@data-testid='stMarkdown'][1]")
    toolbar = phone.locator("[data-testid='stElementToolbar']").first
    if toolbar.is_visible():
        a, b = heading.bounding_box(), toolbar.bounding_box()
        overlap = not (a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
                       or a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"])
        assert not overlap, (a, b)
    phone.close()

    # Dark theme follows the system.
    dark = _page(browser, 1400, scheme="dark")
    dark.goto(url)
    dark.locator("h1").first.wait_for(state="visible")
    _idle(dark)
    _go(dark, "Dashboard")
    dark.locator("[data-testid='stMain'] .js-plotly-plot").nth(3).wait_for(state="visible")
    _idle(dark)
    background = dark.evaluate("() => getComputedStyle(document.querySelector('[data-testid=stApp]'))"
                               ".backgroundColor")
    channels = [int(c) for c in background[background.index("(") + 1:background.index(")")].split(",")[:3]]
    assert sum(channels) < 3 * 80, background  # a dark background
    full_page_shot(dark, "1400-dark-dashboard")
    dark.close()
    page.close()

    print(f"\nfresh server: disclaimer painted {first_paint:.2f} s, first page done {first_page:.2f} s "
          f"(target {FIRST_PAGE_TARGET_S:g} s); diary switch {switched:.2f} s (target {SWITCH_TARGET_S:g} s)")
    if os.environ.get("MINERALOG_STRICT_TIMING") == "1":
        assert first_page <= FIRST_PAGE_TARGET_S and switched <= SWITCH_TARGET_S
