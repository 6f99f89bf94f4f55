"""The Streamlit app, driven headless with ``streamlit.testing.v1.AppTest``.

Each test starts a fresh session on an empty user database (its own
``MINERALOG_DATA_DIR``) and checks what a user would see: the import summary,
the rows needing attention, totals that follow a corrected match, reference
values that follow the profile, saved diaries, and the disclaimer on every page.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analyzer import UserStore, messages, tap_water
from analyzer.messages import DISCLAIMER, UNEXPECTED_ERROR

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
DATA = Path(__file__).resolve().parent / "data"
PAGES = ["app_pages/add_food.py", "app_pages/review.py", "app_pages/dashboard.py", "app_pages/foods.py",
         "app_pages/about.py"]
TIMEOUT = 120  # the first run builds the matcher; the machine is shared


@pytest.fixture(autouse=True)
def _fresh_app(monkeypatch, tmp_path, food_table):
    """Empty caches and a user database of the test's own."""
    monkeypatch.setenv("MINERALOG_DATA_DIR", str(tmp_path / "user-data"))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def _app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    _no_exception(at)
    return at


def _no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert UNEXPECTED_ERROR not in [e.value for e in at.error], "a page failed (see the captured log)"


def _upload(at: AppTest, path: Path) -> AppTest:
    at.file_uploader(key="diary_file").set_value((path.name, path.read_bytes(), "text/csv"))
    at.run()
    _no_exception(at)
    return at


def _go(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    _no_exception(at)
    return at


def _reimport(at: AppTest, path: Path) -> AppTest:
    """Import ``path`` again from the Add food page and open the dashboard."""
    _go(at, "app_pages/add_food.py")
    _upload(at, path)
    return _go(at, "app_pages/dashboard.py")


def _use_food(at: AppTest, text: str, query: str, food_id: int) -> AppTest:
    """On the Review page, search the food table and use the food ``food_id`` for ``text``."""
    at.selectbox(key="review_text").set_value(text).run()
    at.text_input(key="review_search").set_value(query).run()
    at.radio(key="review_choice").set_value(food_id).run()
    at.button(key="review_apply").click().run()
    _no_exception(at)
    return at


def _metric(at: AppTest, name: str):
    return next(m for m in at.metric if m.label == name)


def _shown(markdown: str) -> str:
    """Text as the user reads it (the app escapes markdown in text that came from a file)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _captions(elements) -> list[str]:
    return [_shown(c.value) for c in elements.caption]


def _table(at: AppTest, column: str):
    """The first table showing ``column`` (read-only tables carry no key in AppTest)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _attention(at: AppTest) -> list[tuple[int, str, str]]:
    table = _table(at, "Why")
    return [(int(r), str(f), s) for r, f, s in zip(table["Row"], table["Food as written"], table["Status"],
                                                     strict=True)]


def _reference_lines(at: AppTest, key: str) -> list[str]:
    """The annotation texts (reference, UL, CDRR lines) of a nutrient's dashboard chart."""
    chart = next(c for c in at.get("plotly_chart") if c.proto.id.endswith(f"chart_{key}"))
    return [a["text"] for a in json.loads(chart.proto.spec)["layout"].get("annotations", [])]


# -- every page --------------------------------------------------------------------------

@pytest.mark.parametrize("diary", [None, DATA / "diaries" / "generic_english.csv",
                                   DATA / "diaries" / "mfp_summary_bom.csv",
                                   DATA / "app" / "cronometer_servings_attention.csv"],
                         ids=["no diary", "generic", "myfitnesspal", "cronometer"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_with_the_disclaimer_first(page, diary):
    at = _app()
    if diary is not None:
        _upload(at, diary)
    _go(at, page)
    assert at.title[0].value  # the page title
    assert at.info[0].value == DISCLAIMER  # right under the title, before anything else
    assert DISCLAIMER in _captions(at.sidebar)


# -- import --------------------------------------------------------------------------------

@pytest.mark.parametrize("path, summary, attention, note", [
    (DATA / "app" / "cronometer_servings_attention.csv",
     ["Cronometer", "6 rows", "2 days", "4 used"],
     [(6, "Almonds", "amount unknown"), (4, "Qwzzyx Family Casserole", "food not identified")], None),
    (DATA / "diaries" / "mfp_summary_bom.csv",
     ["MyFitnessPal", "3 rows", "2 days", "3 used"], [], "meal totals only"),
    (DATA / "diaries" / "generic_english.csv",
     ["Spreadsheet", "4 rows", "1 day", "2 used"],
     [(4, "Kale", "amount unknown"), (5, "", "not read")], None),
], ids=["cronometer servings", "myfitnesspal summary", "generic"])
def test_upload_shows_what_was_detected_and_the_rows_needing_attention(path, summary, attention, note):
    at = _upload(_app(), path)
    sentence = _shown(at.success[0].value)
    for part in summary:
        assert part in sentence
    if attention:
        assert _attention(at) == attention
    else:
        assert "Every row was read, matched and given an amount." in _captions(at)
    if note:
        assert any(note in c for c in _captions(at))
    assert any(c.startswith(f"Open: {path.stem}") for c in _captions(at.sidebar))


def test_a_file_that_is_not_a_diary_gives_a_sentence_not_a_traceback():
    at = _app()
    at.file_uploader(key="diary_file").set_value(("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "text/csv"))
    at.run()
    _no_exception(at)
    assert at.error and at.error[0].value.endswith(".")
    assert not at.success


# -- review ---------------------------------------------------------------------------------

def test_choosing_another_food_changes_the_totals_and_is_remembered(food_table):
    at = _upload(_app(), DATA / "app" / "generic_milk.csv")  # 'milk', 100 g on two days
    _go(at, "app_pages/dashboard.py")
    milk = _metric(at, "Calcium").value
    _go(at, "app_pages/review.py")
    assert at.selectbox(key="review_text").value == "milk"
    at.text_input(key="review_search").set_value("01009").run()
    at.radio(key="review_choice").set_value(1009).run()
    at.button(key="review_apply").click().run()
    _no_exception(at)
    assert "Cheese, cheddar" in _shown(at.success[0].value)
    _go(at, "app_pages/dashboard.py")
    cheddar = f"{food_table.foods.loc[1009, 'calcium_mg']:,.0f} mg"  # 100 g a day
    assert milk != cheddar
    assert _metric(at, "Calcium").value == cheddar

    # The choice is saved: a new import of the same text uses it straight away.
    _go(at, "app_pages/add_food.py")
    _upload(at, DATA / "app" / "generic_milk.csv")
    _go(at, "app_pages/dashboard.py")
    assert _metric(at, "Calcium").value == cheddar
    _go(at, "app_pages/review.py")
    assert _table(at, "Means")["Means"].tolist() == ["Cheese, cheddar"]


def test_a_choice_can_be_forgotten():
    at = _upload(_app(), DATA / "app" / "cronometer_servings_attention.csv")
    _go(at, "app_pages/review.py")
    assert at.selectbox(key="review_text").value == "Qwzzyx Family Casserole"  # not identified: first
    first = at.radio(key="review_choice").options[0]
    at.button(key="review_apply").click().run()
    _no_exception(at)
    assert _table(at, "Means")["Food as written"].tolist() == ["Qwzzyx Family Casserole"]
    review = _table(at, "Matched to").set_index("Food as written")
    assert review.loc["Qwzzyx Family Casserole", "Matched to"] == first.rsplit(" (", 1)[0]
    at.button(key="forget_apply").click().run()
    _no_exception(at)
    assert "None yet. Every food you choose above is remembered for future imports." in _captions(at)
    assert at.selectbox(key="review_text").value == "Qwzzyx Family Casserole"


def test_an_amount_can_be_fixed_in_place():
    at = _upload(_app(), DATA / "diaries" / "generic_english.csv")  # 'Kale' has no amount
    _go(at, "app_pages/review.py")
    assert at.data_editor(key="amount_editor").value["food"].tolist() == ["Kale"]
    at.session_state["amount_editor"] = {"edited_rows": {0: {"amount": "100 g"}}, "added_rows": [],
                                         "deleted_rows": []}
    at.run()
    at.button(key="amount_apply").click().run()
    _no_exception(at)
    assert "Every identified food has an amount." in _captions(at)
    reopened = _go(_app(), "app_pages/review.py")  # the fix was saved with the diary
    assert "Every identified food has an amount." in _captions(reopened)


def test_review_asks_once_what_one_full_recipe_of_your_own_weighs():
    # 'Kafa' logged as Cronometer's own recipe: 2.00 on day 1, 1.00 twice on day 2 (once as 'kafa').
    at = _upload(_app(), DATA / "app" / "cronometer_own_recipe.csv")
    _go(at, "app_pages/review.py")
    assert at.selectbox(key="recipe_name").value == "Kafa"
    assert "3 entries" in at.selectbox(key="recipe_name").format_func("Kafa")
    # The food it is counted as: the user's choice, SR28 14209 brewed coffee (Mg 3 mg/100 g, USDA SR28).
    _use_food(at, "Kafa", "14209", 14209)
    assert any("Beverages, coffee, brewed" in c for c in _captions(at) if c.startswith("Counted as"))
    at.number_input(key="recipe_grams").set_value(300.0).run()
    at.button(key="recipe_apply").click().run()
    _no_exception(at)
    assert "Kafa" in _shown(at.success[0].value) and "300 g" in _shown(at.success[0].value)
    assert "Every identified food has an amount." in _captions(at)  # nothing waits any more
    assert "now 300 g a recipe" in at.selectbox(key="recipe_name").format_func("Kafa")  # and it can be changed
    _go(at, "app_pages/dashboard.py")
    # day 1: 2 x 300 g x 3 mg/100 g = 18 mg; day 2: (1 + 1) x 300 g x 3/100 = 18 mg; mean 18 mg.
    assert _metric(at, "Magnesium").value == "18.0 mg"
    # Remembered: the same file imported again counts the recipe straight away.
    _reimport(at, DATA / "app" / "cronometer_own_recipe.csv")
    assert _metric(at, "Magnesium").value == "18.0 mg"
    # Another food chosen later keeps the weight: SR28 01009 cheddar, Mg 27 mg/100 g (USDA SR28):
    # 600 g x 27/100 = 162 mg on each day.
    _use_food(_go(at, "app_pages/review.py"), "Kafa", "01009", 1009)
    _go(at, "app_pages/dashboard.py")
    assert _metric(at, "Magnesium").value == "162 mg"
    # Forgotten: the three entries ask for their weight again, and the diary counts none of them.
    _go(at, "app_pages/review.py")
    at.button(key="recipe_forget").click().run()
    _no_exception(at)
    assert "forgotten" in _shown(at.success[0].value) and "3 entries ask" in _shown(at.success[0].value)
    assert at.data_editor(key="amount_editor").value["food"].tolist() == ["Kafa", "Kafa", "kafa"]
    assert "now 300 g" not in at.selectbox(key="recipe_name").format_func("Kafa")
    assert not [b for b in at.button if b.key == "recipe_forget"]
    _go(at, "app_pages/dashboard.py")
    assert "No entry of this diary is counted yet: review the matches and amounts first." in _captions(at)


# -- dashboard -------------------------------------------------------------------------------

@pytest.mark.parametrize("age, sex, authority, calcium_line", [
    (40, "Female", "nasem", "RDA 1,000 mg"),
    (60, "Female", "nasem", "RDA 1,200 mg"),
    (60, "Male", "nasem", "RDA 1,000 mg"),
    (40, "Female", "efsa", "PRI 950 mg"),
])
def test_the_profile_sets_the_reference_values(age, sex, authority, calcium_line):
    at = _upload(_app(), DATA / "app" / "generic_milk.csv")
    _go(at, "app_pages/dashboard.py")
    at.number_input(key="profile_age").set_value(age)
    at.radio(key="profile_sex").set_value(sex)
    at.radio(key="profile_authority").set_value(authority)
    at.run()
    _no_exception(at)
    assert calcium_line in _metric(at, "Calcium").delta
    assert any(text.startswith(calcium_line) for text in _reference_lines(at, "calcium_mg"))
    _go(at, "app_pages/about.py")
    reference = _table(at, "RDA / PRI").set_index("Nutrient")
    assert f"{reference.loc['Calcium', 'RDA / PRI']:,.0f} mg" in calcium_line


@pytest.mark.slow
def test_dashboard_shows_every_part_for_the_period(food_table):
    at = _upload(_app(), DATA / "app" / "cronometer_servings_attention.csv")
    _go(at, "app_pages/dashboard.py")
    names = [m.label for m in at.metric]
    assert names == ["Calcium", "Magnesium", "Vitamin D", "Vitamin K2", "Calcium : magnesium"]
    charts = {c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")}
    assert {"chart_calcium_mg", "chart_magnesium_mg", "chart_vitamin_d_ug", "chart_vitamin_k2_ug", "chart_ratio",
            "chart_k", "chart_sources", "chart_top"} <= charts
    assert sum("values were known for" in c.value for c in at.caption) >= 4  # a coverage note under each chart
    band = food_table.ratio_ranges.set_index("ratio").loc["calcium_magnesium"]
    assert any(t.startswith(f"{band['low']:g}–{band['high']:g} : 1: observational cut points (Rosanoff A et al. 2016)")
               for t in _reference_lines(at, "ratio"))
    assert [b.label for b in at.download_button] == ["Daily totals (CSV)", "Entries (CSV)"]
    at.button(key="prepare_report").click().run()  # the report is made on request
    assert [b.label for b in at.download_button] == ["Daily totals (CSV)", "Entries (CSV)",
                                                     "Report (HTML, opens offline)"]
    at.multiselect(key="nutrients").select("sodium_mg").run()
    assert "Sodium" in [m.label for m in at.metric]
    assert any(t.startswith("CDRR 2,300 mg") for t in _reference_lines(at, "sodium_mg"))
    at.segmented_control(key="view").set_value("week").run()
    _no_exception(at)


def test_the_period_selects_the_days():
    at = _upload(_app(), DATA / "app" / "cronometer_servings_attention.csv")  # 2025-03-01 and 02
    _go(at, "app_pages/dashboard.py")
    assert any(c.value.startswith("From 2025-03-01 to 2025-03-02: 2 days") for c in at.caption)
    date_input = next(d for d in at.date_input if d.label == "Period")
    date_input.set_value((date_input.value[1], date_input.value[1])).run()
    _no_exception(at)
    assert any(c.value.startswith("From 2025-03-02 to 2025-03-02: 1 day ") for c in at.caption)


# -- diaries ---------------------------------------------------------------------------------

def test_diaries_are_saved_reopened_renamed_and_deleted():
    at = _upload(_app(), DATA / "diaries" / "generic_english.csv")
    _upload(at, DATA / "app" / "generic_milk.csv")
    assert _table(at, "Name")["Name"].tolist() == ["generic_milk", "generic_english"]

    # A new session (the tab was closed) reopens the latest diary, and can open the other one.
    again = _app()
    assert "Open: generic_milk (2 entries)" in _captions(again.sidebar)
    again.selectbox(key="sidebar_open").select_index(1).run()
    assert "Open: generic_english (4 entries)" in _captions(again.sidebar)

    again.selectbox(key="manage_diary").select_index(1).run()
    again.text_input(key="manage_name").set_value("Kale week").run()
    again.button(key="manage_rename").click().run()
    _no_exception(again)
    assert sorted(_table(again, "Name")["Name"]) == ["Kale week", "generic_milk"]

    again.selectbox(key="manage_diary").select_index(0).run()  # most recently saved first
    assert again.selectbox(key="manage_diary").value is not None
    again.checkbox(key="manage_confirm").check().run()
    again.button(key="manage_delete").click().run()
    _no_exception(again)
    assert _table(again, "Name")["Name"].tolist() == ["generic_milk"]


def _type(at: AppTest, rows: dict[int, dict], day: str | None = None) -> AppTest:
    """Type rows into the entries grid (whatever its current key) and, optionally, set their date."""
    key = next(e.key for e in at.data_editor if e.key and e.key.startswith("typed_entries_"))
    at.session_state[key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    if day is not None:
        at.date_input(key="typed_date").set_value(dt.date.fromisoformat(day))
    at.run()
    _no_exception(at)
    return at


def test_typed_entries_become_a_diary(food_table):
    at = _app()
    _type(at, {0: {"food": "Cheddar cheese", "amount": "100", "unit": "g"}})
    at.text_input(key="typed_search").set_value("cheddar").run()
    assert "Cheese, cheddar" in _table(at, "Food number").iloc[:, 0].tolist()
    at.text_input(key="typed_name").set_value("Typed").run()
    at.button(key="typed_add").click().run()
    _no_exception(at)
    assert "Open: Typed (1 entry)" in _captions(at.sidebar)
    assert f"Added 1 entry dated {dt.date.today().isoformat()} to the diary 'Typed'." in _shown(at.success[0].value)
    _go(at, "app_pages/dashboard.py")
    assert _metric(at, "Calcium").value == f"{food_table.foods.loc[1009, 'calcium_mg']:,.0f} mg"


def test_typed_entries_ask_the_date_and_can_start_a_new_diary_while_one_is_open():
    """Issue 14.2: a typed row went to today and into the open 2022 diary; a second click added it twice."""
    at = _upload(_app(), DATA / "diaries" / "generic_english.csv")  # 2022-11-03/04, 4 rows
    assert at.radio(key="typed_where").value == "new"  # a new diary unless the user picks the open one
    _type(at, {0: {"food": "Cheddar cheese", "amount": "30", "unit": "g"}}, day="2025-01-02")
    at.text_input(key="typed_name").set_value("January").run()
    at.button(key="typed_add").click().run()
    _no_exception(at)
    assert "Open: January (1 entry)" in _captions(at.sidebar)
    assert "Added 1 entry dated 2025-01-02 to the diary 'January'." in _shown(at.success[0].value)
    names = _table(at, "Name").set_index("Name")["Entries"]
    assert names.to_dict() == {"January": 1, "generic_english": 4}  # the open diary was not touched

    # The grid is empty again: a second click adds nothing.
    grid = next(e for e in at.data_editor if e.key and e.key.startswith("typed_entries_"))
    assert grid.value["food"].fillna("").eq("").all()
    at.button(key="typed_add").click().run()
    assert "No food was typed yet." in [w.value for w in at.warning]
    assert "Open: January (1 entry)" in _captions(at.sidebar)

    # Into the open diary on purpose: dated as asked, rows numbered after the last one.
    _type(at, {0: {"food": "Milk", "amount": "1", "unit": "cup"}}, day="2025-01-03")
    at.radio(key="typed_where").set_value("open").run()
    at.button(key="typed_add").click().run()
    _no_exception(at)
    assert "Open: January (2 entries)" in _captions(at.sidebar)
    _go(at, "app_pages/dashboard.py")
    assert any(c.value.startswith("From 2025-01-02 to 2025-01-03: 2 days") for c in at.caption)


def test_delete_resets_the_confirmation_and_a_new_tab_reopens_the_diary_last_viewed():
    """Issue 14.3."""
    at = _upload(_app(), DATA / "diaries" / "generic_english.csv")
    _upload(at, DATA / "app" / "generic_milk.csv")
    _upload(at, DATA / "app" / "generic_low_confidence.csv")  # saved last
    at.selectbox(key="sidebar_open").select("generic_english").run()
    assert "Open: generic_english (4 entries)" in _captions(at.sidebar)
    again = _app()  # a new tab: the diary last viewed, not the one saved last
    assert "Open: generic_english (4 entries)" in _captions(again.sidebar)

    again.selectbox(key="manage_diary").select("generic_milk").run()
    again.checkbox(key="manage_confirm").check().run()
    again.button(key="manage_delete").click().run()
    _no_exception(again)
    assert sorted(_table(again, "Name")["Name"]) == ["generic_english", "generic_low_confidence"]
    assert again.checkbox(key="manage_confirm").value is False
    assert again.button(key="manage_delete").disabled


def test_reuploading_an_imported_file_in_a_second_session_does_not_crash():
    """Issue 14.1: CacheReplayClosureError when the same file was chosen again in another tab."""
    path = DATA / "app" / "cronometer_servings_attention.csv"
    first = _upload(_app(), path)
    second = _upload(_app(), path)  # same server process, a new session
    assert "6 rows" in _shown(second.success[0].value)
    assert _attention(second) == _attention(first)
    _go(second, "app_pages/dashboard.py")
    assert _metric(second, "Calcium").value == _metric(first.switch_page("app_pages/dashboard.py").run(),
                                                       "Calcium").value


# -- foods and sources ------------------------------------------------------------------------

def test_foods_rich_in_magnesium_low_in_calcium_list_their_sources():
    at = _go(_app(), "app_pages/foods.py")
    rich = _table(at, "Source")
    assert len(rich) > 0 and rich["Source"].str.match(r"USDA (SR28 #\d{5}|FNDDS 2021–2023: |FDC Foundation: )").all()
    at.radio(key="rich_per").set_value("100kcal").run()
    at.multiselect(key="rich_low").select("calcium_mg").run()
    _no_exception(at)
    narrowed = _table(at, "Source")
    assert 0 < len(narrowed) <= len(rich)
    assert "Calcium (mg per 100 kcal)" in narrowed.columns


def test_about_names_the_sources_and_versions():
    at = _go(_app(), "app_pages/about.py")
    meta = _table(at, "What").set_index("What")["Value"]
    assert "SR28" in meta["Food composition"]
    assert int(meta["Foods"]) > 8000
    assert _table(at, "RDA / PRI")["Source"].str.len().gt(0).all()
    assert at.warning[0].value == DISCLAIMER


# -- user text is never markup ------------------------------------------------------------------

@pytest.mark.parametrize("text, shown", [
    ("![pixel](http://example.com/p.png)", r"\!\[pixel\](http://example.com/p.png)"),
    ("[click](http://example.com)", r"\[click\](http://example.com)"),
    ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert(1)\>"),
    (":red[alarm] **bold** `code` $x$", r":red\[alarm\] \*\*bold\*\* \`code\` \$x\$"),
    ("Milk, 2% (1 cup): 8 fl oz", "Milk, 2% (1 cup): 8 fl oz"),
])
def test_text_from_a_file_is_escaped_before_markdown(text, shown):
    from app_pages._shared import plain

    assert plain(text) == shown
    assert _shown(plain(text)) == text


def test_a_hostile_food_name_is_shown_as_written():
    at = _app()
    hostile = b"date,food,amount\n2025-05-01,![pixel](http://example.com/p.png),100 g\n"
    at.file_uploader(key="diary_file").set_value(("hostile.csv", hostile, "text/csv"))
    at.run()
    _no_exception(at)
    _go(at, "app_pages/review.py")
    markdown = [e.value for e in at.markdown] + [e.value for e in at.caption] + [b.label for b in at.button]
    assert not any("![" in text or "](" in text.replace("\\](", "") for text in markdown)


# -- issue 14: what the dashboard shows ---------------------------------------------------------

def _values(data) -> list[float]:
    """A plotly array from a chart spec: a list, or numpy bytes ({'dtype', 'bdata'}) as plotly 6 sends them."""
    if isinstance(data, dict):
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).astype(float).tolist()
    return [float("nan") if v is None else float(v) for v in data]


def _chart(at: AppTest, key: str) -> dict:
    chart = next(c for c in at.get("plotly_chart") if c.proto.id.endswith(key))
    return json.loads(chart.proto.spec)


def test_contributors_show_the_users_food_name_with_the_match_and_source_beneath():
    """Issue 14.4: 'Spices, pepper, white' was listed for a stuffed-pepper dish: the list must say what
    the user wrote, with the matched food and its source beneath, and the import must say how many rows
    were matched with low confidence ('veggie bowl' gets a plausible, not a confident, match)."""
    at = _upload(_app(), DATA / "app" / "generic_low_confidence.csv")
    warnings = [w.value for w in at.warning]
    review = _go(at, "app_pages/review.py")
    score = _table(review, "Match score").set_index("Food as written").loc["veggie bowl", "Match score"]
    assert 45 <= score < 85  # used, flagged 'plausible' (analyzer.match._match.CONFIDENT_SCORE)
    assert ("1 row was matched to a food with low confidence (match score below 85 of 100); the Review matches "
            "page lists them first.") in warnings
    _go(at, "app_pages/dashboard.py")
    top = _table(at, "Food as written").set_index("Food as written")
    assert {"veggie bowl", "cheddar cheese", "milk"} <= set(top.index)
    matched, source = top.loc["veggie bowl", ["Matched food", "Source"]].tolist()
    assert matched != "veggie bowl" and source.startswith("USDA ")
    assert top.loc["cheddar cheese", ["Matched food", "Source"]].tolist() == ["Cheese, cheddar", "USDA SR28 #01009"]


def test_the_magnesium_ul_is_drawn_against_supplement_magnesium_only():
    """Issue 14.5: the supplement-only UL was drawn across total-intake bars."""
    at = _app()
    at.button(key="sample_open").click().run()  # the sample diary has magnesium capsules on two days
    _no_exception(at)
    totals = _reference_lines(at, "magnesium_mg")
    assert totals == ["RDA 320 mg"]  # woman of 40, National Academies; no UL across the totals
    supplements = _chart(at, "chart_magnesium_mg_supplements")
    assert [a["text"] for a in supplements["layout"]["annotations"]] == [
        "UL 350 mg: supplements and medicines only (not the total shown by the bars)"]  # messages.ul_line_label
    assert [t["name"] for t in supplements["data"]] == ["from supplements"]
    bars = {t["name"]: t["marker"]["color"] for t in _chart(at, "chart_magnesium_mg")["data"] if t["type"] == "bar"}
    assert bars["from food"] != bars["from supplements"]  # issue 14.6: one colour for both
    calcium = _chart(at, "chart_calcium_mg")["layout"]["annotations"]  # RDA and UL labels on opposite sides
    assert {a["text"].split()[0]: a["xanchor"] for a in calcium} == {"RDA": "left", "UL": "right"}


def test_short_diaries_get_day_ticks_and_the_ratio_line_does_not_bridge_a_gap():
    """Issue 14.6: 00:00/06:00 ticks on a 3-day diary; a line drawn across a day with no entries."""
    at = _upload(_app(), DATA / "app" / "generic_gap.csv")  # 3, 4 and 6 February: nothing on the 5th
    _go(at, "app_pages/dashboard.py")
    ratio = _chart(at, "chart_ratio")
    assert ratio["layout"]["xaxis"]["dtick"] == 86_400_000 and ratio["layout"]["xaxis"]["tickformat"] == "%d %b"
    points = dict(zip([x[:10] for x in ratio["data"][0]["x"]], _values(ratio["data"][0]["y"]), strict=True))
    assert list(points) == ["2025-02-03", "2025-02-04", "2025-02-05", "2025-02-06"]
    assert math.isnan(points["2025-02-05"]) and not any(math.isnan(points[d]) for d in ("2025-02-03", "2025-02-06"))
    assert ratio["data"][0]["connectgaps"] is False
    assert _chart(at, "chart_calcium_mg")["layout"]["xaxis"]["dtick"] == 86_400_000


def test_entries_not_counted_follow_the_period():
    """Issue 14.6: 'N entries are not counted' stayed the same whatever the period."""
    at = _upload(_app(), DATA / "app" / "cronometer_servings_attention.csv")  # one such entry on each day
    _go(at, "app_pages/dashboard.py")
    assert any("2 days with logged entries. 2 entries are not counted" in c.value for c in at.caption)
    date_input = next(d for d in at.date_input if d.label == "Period")
    date_input.set_value((date_input.value[1], date_input.value[1])).run()
    assert any("1 day with logged entries. 1 entry is not counted" in c.value for c in at.caption)


def test_about_shows_a_readable_checksum_units_and_ratio_name():
    """Issue 14.7."""
    at = _go(_app(), "app_pages/about.py")
    meta = _table(at, "What").set_index("What")["Value"]
    assert "{" not in meta["Checksum"] and ": SHA-256 " in meta["Checksum"]
    units = set(_table(at, "RDA / PRI")["Unit"])
    assert "µg/day" in units and "mg/day" in units and not any("/d" == u[-2:] for u in units)
    assert _table(at, "Ratio")["Ratio"].tolist() == ["Calcium : magnesium"]


def test_the_first_page_explains_mineralog_and_opens_a_sample_diary():
    """Issues 14.8 to 14.10: orientation, one-glance summary, explanations beside the charts, meals."""
    at = _app()
    assert at.markdown[0].value == messages.INTRO
    at.button(key="sample_open").click().run()
    _no_exception(at)
    assert at.title[0].value == "Dashboard"
    assert "Open: Sample diary (64 entries)" in _captions(at.sidebar)
    glance = [line for m in at.markdown if m.value.startswith("- Calcium:") for line in m.value.split("\n")]
    assert [_shown(line).split(":")[0] for line in glance] == ["- Calcium", "- Magnesium", "- Vitamin D",
                                                               "- Vitamin K1", "- Vitamin K2", "- Calcium "]
    assert all(_shown(line).endswith(".") for line in glance)
    for key in ("calcium_mg", "magnesium_mg", "vitamin_d_ug", "vitamin_k2_ug", "ca_mg_ratio"):
        assert messages.EXPLANATIONS[key] in [c.value for c in at.caption]
    charts = {c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")}
    assert "chart_top" in charts and "chart_meals" not in charts  # the open tab only is drawn
    at.session_state["dashboard_details"] = "By meal"  # the person opens the meals' tab
    at.run()
    charts = {c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")}
    assert "chart_meals" in charts and "chart_top" not in charts
    # Calcium by meal: the supplements (vitamin D, magnesium) list no calcium, so no 'Supplements' bar.
    assert list(_chart(at, "chart_meals")["data"][0]["x"]) == ["Breakfast", "Lunch", "Dinner", "Snacks"]
    again = _app()  # the button opens the saved sample, never a second copy
    again.button(key="sample_open").click().run()
    assert _table(_go(again, "app_pages/add_food.py"), "Name")["Name"].tolist() == ["Sample diary"]


def test_the_warm_up_imports_the_sample_diary_ahead_and_it_opens_unchanged(food_table):
    """Issue 15: the warm-up imports the sample diary while a file is chosen (a process's first import
    loads the supplement, water and brand-line rules); opening it later gives the very same entries."""
    from pandas.testing import assert_frame_equal

    import analyzer
    from app_pages import _shared, _warmup

    _warmup._get_ready()
    kept, _ = _shared._imports()
    assert len(kept) == 1  # the sample, imported by the warm-up
    opened = _shared.import_file(_shared.SAMPLE_DIARY.read_bytes(), _shared.SAMPLE_DIARY.name, {})
    assert len(kept) == 1  # found in memory, not imported again
    fresh = analyzer.import_diary(_shared.SAMPLE_DIARY.read_bytes(), _shared.SAMPLE_DIARY.name, table=food_table)
    assert len(opened.entries) == 64
    assert_frame_equal(opened.entries, fresh.entries, check_exact=True)


# -- the sidebar's "Your water" block (issue 17) ---------------------------------------

def test_tap_water_and_habit_are_saved_and_shown_after_a_restart():
    at = _app()
    at.number_input(key="water_ca").set_value(80.0)
    at.number_input(key="water_mg").set_value(20.0)
    at.toggle(key="water_habit_on").set_value(True).run()
    at.number_input(key="water_habit_l").set_value(1.5)
    at.button(key="water_save").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Saved."]
    with UserStore() as store:
        settings = store.water_settings()
    assert settings.tap == tap_water(calcium=80, magnesium=20) and settings.habit_litres == 1.5
    again = _app()  # a new session on the same database
    assert again.number_input(key="water_ca").value == 80.0
    assert again.toggle(key="water_habit_on").value is True


def test_a_hardness_in_an_absurd_amount_shows_the_message_and_saves_nothing():
    at = _app()
    at.radio(key="water_mode").set_value("Hardness").run()
    at.number_input(key="water_hardness").set_value(400.0)
    at.selectbox(key="water_unit").set_value("°dH")
    at.button(key="water_save").click().run()
    assert not at.exception
    assert any("more than 5,000 mg/L" in e.value.replace("\\", "") for e in at.error)
    with UserStore() as store:
        assert store.water_settings().tap is None


def test_review_asks_once_what_one_unit_of_a_supplement_contains():
    at = _upload(_app(), DATA / "app" / "cronometer_supplement_unknown_content.csv")
    _go(at, "app_pages/review.py")
    assert at.selectbox(key="content_product").value == "Magnesium glycinate by Pure"
    at.number_input(key="content_magnesium_mg").set_value(120.0).run()
    at.button(key="content_apply").click().run()
    _no_exception(at)
    assert "Magnesium glycinate by Pure" in _shown(at.success[0].value)
    assert not [s for s in at.selectbox if s.key == "content_product"]  # nothing waits any more
    _go(at, "app_pages/dashboard.py")
    # day 1: 2 capsules x 120 mg = 240; day 2: 240 + 30 g cheddar x 27 mg/100 g (SR28 #01009) = 248.1; mean 244
    assert _metric(at, "Magnesium").value == "244 mg"
    # Remembered: importing the next month's file counts the capsules straight away.
    _reimport(at, DATA / "app" / "cronometer_supplement_unknown_content_april.csv")
    assert _metric(at, "Magnesium").value == "244 mg"


# -- integration of water, UL scope, profile, K form unknown (merge of main into h7) ------------

def _save_tap_water(calcium: float, magnesium: float) -> None:
    with UserStore() as store:
        store.save_tap_water(tap_water(calcium=calcium, magnesium=magnesium))


def _bars(at: AppTest, key: str) -> dict[str, list[float]]:
    return {t["name"]: _values(t["y"] if t.get("orientation") != "h" else t["x"])
            for t in _chart(at, key)["data"] if t["type"] == "bar"}


def test_saved_tap_water_reaches_the_dashboard_and_a_change_is_not_served_from_the_cache():
    """Tap water 80 mg/L calcium, 20 mg/L magnesium; the diary drinks 1 L, then 0.5 L of tap water.

    By hand: water calcium 80 and 40 mg, magnesium 20 and 10 mg; cheddar (SR28 #01009, 710 mg calcium
    and 27 mg magnesium per 100 g) 30 g a day = 213 mg calcium, 8.1 mg magnesium; water's share of
    calcium 120 / (426 + 120) = 22 %, of magnesium 30 / (16.2 + 30) = 65 %.
    """
    at = _upload(_app(), DATA / "app" / "generic_water.csv")
    _go(at, "app_pages/dashboard.py")
    assert "from water" not in _bars(at, "chart_calcium_mg")  # no setting yet: plain tap water is unknown
    _save_tap_water(80, 20)
    at.run()  # same diary state, new settings: the analysis must not come from the cache
    _no_exception(at)
    assert _bars(at, "chart_calcium_mg")["from water"] == pytest.approx([80.0, 40.0])
    assert _bars(at, "chart_magnesium_mg")["from water"] == pytest.approx([20.0, 10.0])
    glance = [_shown(line) for m in at.markdown if m.value.startswith("- Calcium:") for line in m.value.split("\n")]
    assert "- Water supplied about 22 % of the calcium in this period (tap water (your setting))." in glance
    assert "- Water supplied about 65 % of the magnesium in this period (tap water (your setting))." in glance
    assert "from water" in {t["name"] for t in _chart(at, "chart_sources")["data"]}
    top = _table(at, "Food as written").set_index("Food as written")
    assert top.loc["tap water", "Kind"] == "water" and top.loc["cheddar cheese", "Kind"] == "food"
    assert top.loc["tap water", "Calcium (mg)"] == pytest.approx(120.0)
    assert top.loc["cheddar cheese", "Source"] == "USDA SR28 #01009"
    # Under the National Academies the magnesium UL covers supplements only: water is not compared.
    assert "chart_magnesium_mg_supplements" not in {c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")}


def test_efsa_magnesium_ul_compares_supplements_and_water_as_its_scope_says():
    _save_tap_water(80, 20)
    at = _upload(_app(), DATA / "app" / "generic_water.csv")
    _go(at, "app_pages/dashboard.py")
    at.radio(key="profile_authority").set_value("efsa").run()
    _no_exception(at)
    chart = _chart(at, "chart_magnesium_mg_supplements")
    assert [a["text"] for a in chart["layout"]["annotations"]] == [
        "UL 250 mg: supplements, water and fortified foods and drinks (not the total shown by the bars)"]
    assert {t["name"]: _values(t["y"]) for t in chart["data"]} == {"from water": pytest.approx([20.0, 10.0])}
    notes = _captions(at)
    assert any("only magnesium from supplements and drinking water is compared with it" in c for c in notes)


def test_the_profile_is_saved_and_a_new_session_starts_with_it():
    at = _app()
    at.number_input(key="profile_age").set_value(61)
    at.radio(key="profile_sex").set_value("Male")
    at.radio(key="profile_authority").set_value("efsa")
    at.run()
    _no_exception(at)
    with UserStore() as store:
        saved = store.profile()
    assert (saved.age, saved.sex, saved.authority) == (61, "M", "efsa")
    again = _app()
    assert again.number_input(key="profile_age").value == 61
    assert again.radio(key="profile_sex").value == "Male"
    assert again.radio(key="profile_authority").value == "efsa"


def test_the_diary_viewed_last_is_kept_in_the_settings_table():
    _upload(_app(), DATA / "app" / "generic_milk.csv")
    with UserStore() as store:
        saved = store.list_diaries()
        assert store.last_diary() == int(saved.set_index("name").loc["generic_milk", "id"])


def test_vitamin_k_of_unknown_form_is_shown_beside_k1_and_k2():
    """Cronometer gives one vitamin K total; for a multivitamin and an unmatched-form food it is 'form unknown'.

    By hand: day 1 0.49 (milk) + 30.00 (multivitamin) = 30.49 µg, day 2 0.49 µg; mean 15.49 -> '15 µg'.
    """
    at = _upload(_app(), DATA / "app" / "cronometer_k_unknown.csv")
    _go(at, "app_pages/dashboard.py")
    k = {t["name"]: _values(t["y"]) for t in _chart(at, "chart_k")["data"]}
    assert k["Vitamin K, form unknown"] == pytest.approx([30.49, 0.49])
    glance = [_shown(line) for m in at.markdown if m.value.startswith("- Calcium:") for line in m.value.split("\n")]
    assert any(line.startswith("- Vitamin K, form unknown: 15 µg a day on average") for line in glance)


def test_about_lists_foods_per_source_and_the_water_citations(food_table):
    at = _go(_app(), "app_pages/about.py")
    counts = json.loads(food_table.meta["source_counts"])
    per_source = _table(at, "Foods").set_index("Source")["Foods"]
    assert per_source["USDA National Nutrient Database for Standard Reference, Release 28 (SR28)"] == counts["sr28"]
    assert int(per_source.sum()) == sum(counts.values())
    water = _table(at, "Topic")
    assert "hardness conversion" in set(water["Topic"]) and water["Source"].str.len().gt(0).all()


def test_the_foods_lookup_shows_what_the_k2_value_counts():
    at = _go(_app(), "app_pages/foods.py")
    at.text_input(key="lookup_query").set_value("cheddar cheese").run()
    _no_exception(at)
    table = _table(at, "K2 counts")
    assert table["K2 counts"].fillna("").astype(str).str.len().gt(0).any()


def test_an_upload_takes_the_matches_of_earlier_runs_from_the_match_cache(tmp_path, monkeypatch):
    """Issue 15: the app gave import_diary its matcher, which skips the match cache, so every
    upload matched every line again; a file's foods matched once now come back from the cache."""
    import pandas as pd

    from analyzer.match._match import FoodMatcher
    from app_pages import _shared

    monkeypatch.setenv("MINERALOG_MATCH_CACHE", str(tmp_path / "match-cache.sqlite"))
    data = (DATA / "diaries" / "generic_english.csv").read_bytes()
    first = _shared.import_file(data, "generic_english.csv", {})
    st.cache_resource.clear()  # the app forgets the file it imported; the match cache on disk stays

    def no_matching(*args, **kwargs):
        raise AssertionError("a food was matched again")

    monkeypatch.setattr(FoodMatcher, "match_many", no_matching)
    monkeypatch.setattr(FoodMatcher, "search", no_matching)
    again = _shared.import_file(data, "generic_english.csv", {})
    assert again.entries["matched_food_id"].notna().sum() > 0
    pd.testing.assert_frame_equal(again.entries, first.entries)


def test_a_stray_date_does_not_fill_the_charts_with_empty_days_or_weeks():
    """Issue 15: a 1900 date in a 2025 diary (kept, with a note) made the ratio chart one point per calendar day
    (45,000) and the weekly view one bar slot per week (6,500).  Days 1900-01-01, 2025-02-03 and 2025-02-04:
    the ratio line holds the three days and one empty point after 1900-01-01; the weekly charts hold the two
    weeks with logged days."""
    at = _upload(_app(), DATA / "app" / "generic_stray_date.csv")
    _go(at, "app_pages/dashboard.py")
    assert len(_chart(at, "chart_ratio")["data"][0]["x"]) == 4
    at.segmented_control(key="view").set_value("week").run()
    _no_exception(at)
    weeks = {t["name"]: [x[:10] for x in t["x"]] for t in _chart(at, "chart_calcium_mg")["data"]}
    assert weeks["from food"] == ["1900-01-01", "2025-02-03"]  # weeks labelled by their Monday (both are Mondays)
    assert [x[:10] for x in _chart(at, "chart_k")["data"][0]["x"]] == ["1900-01-01", "2025-02-03"]


def test_a_long_diary_opens_by_week_until_the_person_chooses_days(tmp_path):
    """Issue 15: a year of daily bars is two pixels each and took the browser longest to draw. A diary
    spanning more than 92 days opens by week (its rows chart too); a one-week period shows days; once
    the person chooses a view, it stays. 120 days of one milk line, 2025-01-01 (a Wednesday) to
    2025-04-30: the first week (Monday 2024-12-30) holds 5 rows, the next 7."""
    diary = tmp_path / "long_diary.csv"
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=n) for n in range(120)]
    diary.write_text("date,food,amount\n" + "".join(f"{d:%Y-%m-%d},milk,250 g\n" for d in days), encoding="utf-8")
    at = _upload(_app(), diary)
    assert "**Diary rows per week**" in [m.value for m in at.markdown]
    rows = _chart(at, "chart_entries")["data"][0]
    assert [x[:10] for x in rows["x"][:2]] == ["2024-12-30", "2025-01-06"] and list(_values(rows["y"])[:2]) == [5, 7]
    _go(at, "app_pages/dashboard.py")
    assert at.segmented_control(key="view").value == "week"
    weeks = [x[:10] for x in _chart(at, "chart_calcium_mg")["data"][0]["x"]]
    assert len(weeks) == 18 and weeks[0] == "2024-12-30"  # 2024-12-30 to the week of 2025-04-28
    at.date_input[0].set_value((dt.date(2025, 2, 3), dt.date(2025, 2, 9))).run()
    assert at.segmented_control(key="view").value == "day"
    assert len(_chart(at, "chart_calcium_mg")["data"][0]["x"]) == 7
    at.date_input[0].set_value((dt.date(2025, 1, 1), dt.date(2025, 4, 30))).run()
    assert at.segmented_control(key="view").value == "week"
    at.segmented_control(key="view").set_value("day").run()  # the person's choice stays
    at.date_input[0].set_value((dt.date(2025, 1, 1), dt.date(2025, 4, 29))).run()
    _no_exception(at)
    assert at.segmented_control(key="view").value == "day"
    assert len(_chart(at, "chart_calcium_mg")["data"][0]["x"]) == 119


@pytest.mark.parametrize("stem", ["a" * 250, "Ernährungstagebuch 食事日記 " * 12])
def test_a_file_with_a_very_long_name_is_saved_under_a_shortened_name(tmp_path, stem):
    """A name past the store's limit (200 characters) is cut with an ellipsis, even for a second import."""
    path = tmp_path / "diary.csv"
    path.write_bytes((DATA / "app" / "generic_milk.csv").read_bytes())
    at = _app()
    for _ in range(2):  # the second import needs the " (2)" suffix, which must fit too
        at.file_uploader(key="diary_file").set_value((stem + ".csv", path.read_bytes(), "text/csv"))
        at.run()
        _no_exception(at)
        assert not at.error, [e.value for e in at.error]
    names = UserStore().list_diaries()["name"].tolist()
    assert len(names) == 2 and all(len(name) <= 200 for name in names)
    assert names[1].startswith(stem[:150]) and names[1].endswith("…")
    assert names[0].endswith("… (2)")
    _go(at, "app_pages/dashboard.py")
    assert f"Open: {names[0]} (2 entries)" in _captions(at.sidebar)
