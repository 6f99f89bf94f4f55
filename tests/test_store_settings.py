"""Settings in the user store: the profile, the tap water and the daily water habit survive a restart."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from analyzer import Profile, UserStore
from analyzer.errors import WaterSettingError
from analyzer.resolve._water_settings import TapWater, WaterSettings, tap_water
from analyzer.store import SCHEMA_VERSION
from analyzer.store._open import _MIGRATIONS, APPLICATION_ID


@pytest.fixture
def path(tmp_path):
    return tmp_path / "user.sqlite"


def test_nothing_saved_gives_empty_settings(path):
    with UserStore(path) as store:
        assert store.profile() is None
        assert store.water_settings() == WaterSettings()


def test_settings_survive_a_restart(path):
    with UserStore(path) as store:
        store.save_profile(Profile(age=52, sex="F", authority="efsa"))
        store.save_tap_water(tap_water(calcium=80, magnesium=20, sodium=12))
        store.save_water_habit(1.5)
    with UserStore(path) as again:  # a new store object on the same file, as after a restart
        assert again.profile() == Profile(age=52, sex="F", authority="efsa")
        settings = again.water_settings()
    assert settings.tap == tap_water(calcium=80, magnesium=20, sodium=12)
    assert settings.habit_litres == 1.5 and settings.habit_on


def test_a_hardness_setting_keeps_what_the_user_entered(path):
    tap = tap_water(calcium=80, hardness=14, hardness_unit="dH")
    with UserStore(path) as store:
        store.save_tap_water(tap)
    with UserStore(path) as again:
        saved = again.water_settings().tap
    assert saved == tap and saved.hardness == (14.0, "°dH") and saved.derived == ("magnesium",)


def test_turning_the_habit_off_and_forgetting_the_tap_water(path):
    with UserStore(path) as store:
        store.save_tap_water(tap_water(calcium=80, magnesium=20))
        store.save_water_habit(2)
        store.save_water_habit(None)
        assert store.water_settings().habit_on is False
        store.save_tap_water(None)
        assert store.water_settings() == WaterSettings()


@pytest.mark.parametrize("bad", [
    TapWater(calcium_mg_l=-5.0, magnesium_mg_l=10.0),
    TapWater(calcium_mg_l=2500.0, magnesium_mg_l=10.0),
    TapWater(calcium_mg_l=None, magnesium_mg_l=None, hardness=(10.0, "blorps")),
])
def test_bad_tap_water_is_refused_and_the_saved_one_kept(path, bad):
    good = tap_water(calcium=80, magnesium=20)
    with UserStore(path) as store:
        store.save_tap_water(good)
        with pytest.raises(WaterSettingError):
            store.save_tap_water(bad)
    with UserStore(path) as again:
        assert again.water_settings().tap == good


@pytest.mark.parametrize("bad", [-1, 100, "lots"])
def test_bad_habit_is_refused_and_nothing_saved(path, bad):
    with UserStore(path) as store:
        with pytest.raises(WaterSettingError) as caught:
            store.save_water_habit(bad)
        assert "daily water" in str(caught.value).lower() or "L" in str(caught.value)
        assert store.water_settings().habit_litres is None


def test_a_store_from_before_the_settings_table_opens_and_keeps_its_data(path):
    # A version-1 file, as the previous release wrote it: corrections and diaries, no settings.
    conn = sqlite3.connect(path)
    for statement in _MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("INSERT INTO corrections VALUES ('milk', 'milk', 1077, 'Milk, whole', '2024-01-01')")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with UserStore(path) as store:
        assert store.corrections() == {"milk": 1077}
        store.save_water_habit(1.0)
        store.save_diary("d", pd.DataFrame({"a": [1]}), {})
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
