"""The "Your water" block of the sidebar profile: tap water and the daily water habit, saved in the user store.

Self-contained: the profile code calls :func:`water_sidebar` in one line.  Values are
checked by ``analyzer.tap_water`` / ``analyzer.water_habit``; a refused value shows
the library's sentence and nothing is saved.  The saved settings are what
``UserStore.water_settings()`` returns, for the analysis to pass to ``add_water``.
"""

from __future__ import annotations

import streamlit as st

from analyzer import WaterSettingError, hardness_units, tap_water, water_habit
from app_pages._shared import plain, user_store

__all__ = ["water_sidebar"]

_BY_MINERALS = "Calcium and magnesium"
_BY_HARDNESS = "Hardness"


def _save() -> None:
    """Check and save the form's values (both or neither)."""
    state = st.session_state
    try:
        if state.get("water_mode") == _BY_HARDNESS:
            tap = tap_water(calcium=state.get("water_ca"), sodium=state.get("water_na"),
                            hardness=state.get("water_hardness"), hardness_unit=state.get("water_unit"))
        elif state.get("water_ca") is None and state.get("water_mg") is None:
            tap = None  # nothing entered: plain water stays unknown
        else:
            tap = tap_water(calcium=state.get("water_ca"), magnesium=state.get("water_mg"),
                            sodium=state.get("water_na"))
        habit = water_habit(state.get("water_habit_l")) if state.get("water_habit_on") else None
    except WaterSettingError as error:
        state["water_error"] = str(error)
        return
    store = user_store()
    store.save_tap_water(tap)
    store.save_water_habit(habit)
    state["water_saved"] = True


def water_sidebar() -> None:
    """Show the tap-water and daily-habit settings in the sidebar, with a Save button."""
    saved = user_store().water_settings()
    with st.sidebar.expander("Your water", expanded=False):
        st.caption("Plain water in your diary counts with your tap water's minerals, from your water "
                   "report; left empty, it counts as unknown.")
        st.radio("Enter", [_BY_MINERALS, _BY_HARDNESS], horizontal=True, key="water_mode")
        tap = saved.tap
        st.number_input("Calcium (mg/L)", min_value=0.0, value=tap.calcium_mg_l if tap else None, key="water_ca")
        if st.session_state.get("water_mode") == _BY_HARDNESS:
            shown = tap.hardness if tap and tap.hardness else (None, hardness_units()[0])
            st.number_input("Hardness", min_value=0.0, value=shown[0], key="water_hardness")
            st.selectbox("Unit", hardness_units(), index=hardness_units().index(shown[1]), key="water_unit")
        else:
            st.number_input("Magnesium (mg/L)", min_value=0.0, value=tap.magnesium_mg_l if tap else None,
                            key="water_mg")
        st.number_input("Sodium (mg/L, optional)", min_value=0.0, value=tap.sodium_mg_l if tap else None,
                        key="water_na")
        st.toggle("Add a daily water habit", value=saved.habit_on, key="water_habit_on")
        st.number_input("Litres of tap water a day", min_value=0.0, max_value=10.0, step=0.25,
                        value=float(saved.habit_litres or 1.5), key="water_habit_l",
                        disabled=not st.session_state.get("water_habit_on", saved.habit_on))
        st.button("Save water settings", on_click=_save, key="water_save")
        problem = st.session_state.pop("water_error", None)
        if problem:
            st.error(plain(problem))
        elif st.session_state.pop("water_saved", False):
            st.success("Saved.")
        if tap is not None:
            st.caption(plain(f"Saved: calcium {_mg(tap.calcium_mg_l)}, magnesium {_mg(tap.magnesium_mg_l)} "
                             f"({tap.basis})."))


def _mg(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.0f} mg/L"
