"""Mineralog dashboard: navigation, the sidebar profile and diary picker, first-run set-up.

Run with ``streamlit run app.py``.  Pages live in ``app_pages/``; everything
they show is computed by the public ``analyzer`` and ``food_db`` APIs.  An error
in a page is shown as our own sentence (``client.showErrorDetails`` is off in
``.streamlit/config.toml``, so no traceback or web links reach the page).
"""

from __future__ import annotations

import numpy as np
import streamlit as st
from PIL import Image

from analyzer import AUTHORITIES, messages
from app_pages import _diary
from app_pages._shared import (
    USER_ERRORS,
    load_saved_profile,
    plain,
    save_profile,
    show_unexpected,
    user_store,
    work_ahead,
)
from app_pages._timing import RunClock
from app_pages._warmup import get_ready, load_chart_code
from app_pages._water import water_sidebar
from food_db import AUTHORITY_REGIONS

clock = RunClock()  # the browser test reads how long each run took (off unless asked for)


def _icon() -> Image.Image:
    """A green disc drawn here: a material-icon or emoji favicon would be fetched from the internet."""
    y, x = np.mgrid[:32, :32]
    disc = (x - 15.5) ** 2 + (y - 15.5) ** 2 <= 15**2
    image = np.zeros((32, 32, 4), dtype=np.uint8)
    image[disc] = (0x2A, 0x7F, 0x62, 255)
    return Image.fromarray(image, "RGBA")


# Also set here, not only in .streamlit/config.toml: Streamlit reads that file from the folder it is
# started in, and a start from elsewhere would show tracebacks with "Ask Google" links.
st.set_option("client.showErrorDetails", "none")
st.set_option("client.toolbarMode", "minimal")
st.set_page_config(page_title="Mineralog", page_icon=_icon(), layout="wide")

PAGES = [
    st.Page("app_pages/add_food.py", title="Add food", icon=":material/upload_file:", default=True),
    st.Page("app_pages/review.py", title="Review matches", icon=":material/rule:"),
    st.Page("app_pages/dashboard.py", title="Dashboard", icon=":material/monitoring:"),
    st.Page("app_pages/foods.py", title="Foods", icon=":material/search:"),
    st.Page("app_pages/about.py", title="About & sources", icon=":material/menu_book:"),
]


def _open_chosen(ids: dict[str, int]) -> None:
    chosen = st.session_state.get("sidebar_open")
    if chosen in ids:
        try:
            _diary.open_saved(ids[chosen])
        except USER_ERRORS as error:
            st.session_state["sidebar_error"] = str(error)
    st.session_state["sidebar_open"] = None


def _profile_sidebar() -> None:
    st.sidebar.subheader("Your profile")
    load_saved_profile()
    st.session_state.setdefault("profile_age", 40)  # no value= here: the saved profile may have set it
    st.sidebar.number_input("Age (years)", min_value=1, max_value=120, step=1, key="profile_age",
                            on_change=save_profile)
    st.sidebar.radio("Sex", ["Female", "Male"], horizontal=True, key="profile_sex", on_change=save_profile)
    if st.session_state.get("profile_sex", "Female") == "Female":
        st.sidebar.radio("Pregnant or lactating", ["Neither", "Pregnant", "Lactating"], horizontal=True,
                         key="profile_stage", on_change=save_profile)
    st.sidebar.radio("Reference intakes from", list(AUTHORITIES), format_func=AUTHORITIES.get,
                     key="profile_authority", help=messages.authority_help(AUTHORITIES, AUTHORITY_REGIONS),
                     on_change=save_profile)
    st.sidebar.caption("The profile is saved on this computer and used again next time.")
    water_sidebar()


def _diary_sidebar() -> None:
    st.sidebar.subheader("Diary")
    diary = _diary.current()
    if diary is None:
        st.sidebar.caption("No diary is open.")
    else:
        count = len(diary.entries)
        st.sidebar.caption(f"Open: {plain(diary.name)} ({count:,} {'entry' if count == 1 else 'entries'})")
    saved = user_store().list_diaries()
    if len(saved):
        ids = dict(zip(saved["name"], saved["id"].astype(int), strict=True))  # names are unique
        st.sidebar.selectbox("Open a saved diary", list(ids), index=None, placeholder="Choose a diary",
                             key="sidebar_open", on_change=_open_chosen, args=(ids,))
    problem = st.session_state.pop("sidebar_error", None)
    if problem:
        st.sidebar.error(plain(problem))


st.session_state.setdefault("profile_authority", "nasem")
page = st.navigation(PAGES)
st.sidebar.caption(messages.DISCLAIMER)
# Nothing heavy before the page: it writes its title and disclaimer first, then loads the food
# table (pages ask for it when they need it) and reopens the diary viewed last (on first use).
_profile_sidebar()
try:
    page.run()
except USER_ERRORS as error:  # e.g. the food database is not built: a sentence, not a traceback
    st.error(plain(str(error)))
except Exception as error:  # a bug: our sentence on the page, the traceback in the log  # noqa: BLE001
    show_unexpected(error)
try:  # after the page, so it shows a diary the page has just opened
    _diary_sidebar()
except USER_ERRORS as error:
    st.sidebar.error(plain(str(error)))
get_ready()  # after the first paint: the import pipeline and the matcher load while a file is chosen
load_chart_code()  # and the browser loads its chart code
work_ahead()  # a new diary's dashboard is prepared while its imported page is read
clock.record(page.title)
