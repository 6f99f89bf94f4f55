"""The sidebar's "Your water" block: values are checked, saved in the user store, and survive a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analyzer import UserStore, tap_water

APP = Path(__file__).resolve().parents[1] / "app.py"
TIMEOUT = 120  # the first run builds the matcher; the machine is shared


@pytest.fixture(autouse=True)
def _fresh_app(monkeypatch, tmp_path, food_table):
    monkeypatch.setenv("MINERALOG_DATA_DIR", str(tmp_path / "user-data"))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def _app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


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
