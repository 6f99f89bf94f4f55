"""The Streamlit app, driven headless with ``streamlit.testing.v1.AppTest``.

Each test starts a fresh session on an empty user database (its own
``MINERALOG_DATA_DIR``) and checks what a user would see: the import summary,
the rows needing attention, totals that follow a corrected match, reference
values that follow the profile, saved diaries, and the disclaimer on every page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analyzer.messages import DISCLAIMER

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


def _upload(at: AppTest, path: Path) -> AppTest:
    at.file_uploader(key="diary_file").set_value((path.name, path.read_bytes(), "text/csv"))
    at.run()
    _no_exception(at)
    return at


def _go(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
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
    assert any(t.startswith(f"commonly cited range {band['low']:g}-{band['high']:g} : 1 (Dai Q")
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


def test_typed_entries_become_a_diary(food_table):
    at = _app()
    at.session_state["typed_entries"] = {
        "edited_rows": {0: {"food": "Cheddar cheese", "amount": "100", "unit": "g"}},
        "added_rows": [], "deleted_rows": [1, 2]}
    at.run()
    at.text_input(key="typed_search").set_value("cheddar").run()
    assert "Cheese, cheddar" in _table(at, "Food number").iloc[:, 0].tolist()
    at.text_input(key="typed_name").set_value("Typed").run()
    at.button(key="typed_add").click().run()
    _no_exception(at)
    assert "Open: Typed (1 entry)" in _captions(at.sidebar)
    _go(at, "app_pages/dashboard.py")
    assert _metric(at, "Calcium").value == f"{food_table.foods.loc[1009, 'calcium_mg']:,.0f} mg"


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
