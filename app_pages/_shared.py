"""What every page shares: cached resources, the cached analysis steps, formatting.

The app imports only the public ``analyzer`` and ``food_db`` APIs (a test checks
it).  Nothing here computes nutrition: it calls the analyzer and caches what it
returns.  The analysis is cached in two steps, as ``analyzer.analyze`` runs it:
``diary_days`` per diary state (named by a version token) and ``period_view``
per profile and period, so a profile or period change recomputes only the
second, cheap step.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import threading
import traceback
import uuid
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pandas as pd
import streamlit as st

import analyzer
import food_db
from analyzer import NUTRIENT_INFO, MineralogError, Profile, UserStore, messages

if TYPE_CHECKING:  # the import pipeline and the analysis load when first used, after the first paint
    from analyzer import Analysis, DiaryDays, FoodMatcher, ImportResult, WaterSettings

#: The diary behind "Open a sample diary" (also imported ahead by the warm-up, app_pages._warmup).
SAMPLE_DIARY = Path(__file__).resolve().parent / "data" / "sample_diary.csv"
#: Errors whose message is a sentence for the user (shown with st.error, never as a traceback).
USER_ERRORS = (MineralogError, food_db.FoodDatabaseError)
#: Imported files kept in memory (a re-upload of the same file is instant).
_IMPORTS_KEPT = 8
T = TypeVar("T")


# -- cached resources -----------------------------------------------------------------

@st.cache_resource(show_spinner="Preparing the food database (only the first time Mineralog starts)...")
def food_table() -> food_db.FoodTable:
    """Build the food database from the cached archive if needed (never downloads), then load it."""
    food_db.ensure_built(allow_download=False)
    return food_db.load()


@st.cache_resource(show_spinner=False)
def matcher() -> FoodMatcher:
    """The process-wide food matcher (about a second to build, once)."""
    food_table()
    return analyzer.get_matcher()


@st.cache_resource(show_spinner=False)
def _store_for(data_dir: str) -> UserStore:
    return UserStore()


def user_store() -> UserStore:
    """The user's corrections and saved diaries (``$MINERALOG_DATA_DIR/user.sqlite``)."""
    return _store_for(os.environ.get("MINERALOG_DATA_DIR", ""))


def ratio_ranges() -> pd.DataFrame:
    """The ratio ranges from observational studies, indexed by ratio name."""
    ranges = food_table().ratio_ranges
    return ranges.set_index("ratio") if "ratio" in ranges.columns else ranges


@st.cache_resource(show_spinner=False)
def _imports() -> tuple[OrderedDict, threading.Lock]:
    """Imported files by content hash, shared by every session of this server."""
    return OrderedDict(), threading.Lock()


def import_file(data: bytes, filename: str, corrections: dict[str, int],
                progress: Callable[[float], None] | None = None) -> ImportResult:
    """Read and resolve a diary file, remembered by its bytes and the user's corrections.

    Not an ``st.cache_data`` function: that replays the progress bar drawn inside it, which
    fails in another session ("CacheReplayClosureError") when the same file comes again.
    """
    key = hashlib.sha256(data + repr(sorted(corrections.items())).encode()).hexdigest()
    kept, lock = _imports()
    with lock:
        found = kept.get(key)
    if found is None:
        # No matcher given: as in the CLI, texts and amounts seen before come from the match cache.
        found = analyzer.import_diary(data, filename, table=food_table(), corrections=corrections,
                                      progress=progress)
        with lock:
            kept[key] = found
            while len(kept) > _IMPORTS_KEPT:
                kept.popitem(last=False)
    return analyzer.ImportResult(entries=found.entries.copy(), format=found.format, format_label=found.format_label,
                        notes=list(found.notes), encoding=found.encoding, delimiter=found.delimiter)


def new_version() -> str:
    """A fresh token naming one state of a diary's entries (the analysis cache key)."""
    return uuid.uuid4().hex


# -- the analysis, in the analyzer's two steps ------------------------------------------------

def water_settings() -> WaterSettings:
    """The tap water and daily habit saved in the sidebar ("Your water"), read from the user store."""
    return user_store().water_settings()


def _water_key(water: WaterSettings) -> str:
    """The water settings as a cache key: a changed setting is a new per-day step."""
    return repr(water)


@st.cache_resource(show_spinner=False, max_entries=4)
def _days_of(version: str, water_key: str, _entries: pd.DataFrame, _water: WaterSettings) -> DiaryDays:
    return analyzer.diary_days(_entries, food_table(), _water)


def days_of(version: str, _entries: pd.DataFrame) -> DiaryDays:
    """The per-day step of a diary state with the saved water settings (shared, never modified).

    Water adds calcium, magnesium and sodium to the days, so the cache key is the diary
    state and the water settings.
    """
    water = water_settings()
    return _days_of(version, _water_key(water), _entries, water)


@st.cache_resource(show_spinner=False, max_entries=32)
def _period_of(version: str, water_key: str, _entries: pd.DataFrame, _water: WaterSettings, profile: Profile,
               start=None, end=None) -> Analysis:
    return analyzer.period_view(_days_of(version, water_key, _entries, _water), profile, start, end)


def period_of(version: str, _entries: pd.DataFrame, profile: Profile, start=None, end=None) -> Analysis:
    """The period view of a diary state for a profile and an inclusive date range (saved water included)."""
    water = water_settings()
    return _period_of(version, _water_key(water), _entries, water, profile, start, end)


def period_key(version: str, start=None, end=None) -> tuple[str, str, str, str]:
    """What a period view's data depends on besides the profile: diary state, saved water, period.

    The key of :func:`once` for what the dashboard draws from a period view.
    """
    return version, _water_key(water_settings()), str(start), str(end)


@st.cache_resource(show_spinner=False, max_entries=128)  # about ten dashboard states
def _made(key: tuple, what: str, args: tuple, _make: Callable[[], object]) -> object:
    return _make()


def once(key: tuple, what: str, args: tuple, make: Callable[[], T]) -> T:
    """``make()`` computed once for ``key`` (:func:`period_key`), ``what`` and ``args``, then reused.

    ``key``, ``what`` and ``args`` together must name everything ``make`` reads.  For the
    dashboard's charts and tables: a rerun with nothing changed, a return to a period seen
    before, or a profile change that leaves a chart as it was reuses that chart.  Shared by
    every session and never modified (plotly figures and frames are only read).
    """
    return _made(key, what, args, make)  # type: ignore[return-value]


@st.cache_data(show_spinner=False, max_entries=4)
def _entries_csv(version: str, water_key: str, _entries: pd.DataFrame, _water: WaterSettings) -> bytes:
    nutrients = _days_of(version, water_key, _entries, _water).nutrients
    return analyzer.to_safe_csv(analyzer.entries_csv_table(_entries, nutrients))


def entries_csv(version: str, _entries: pd.DataFrame) -> bytes:
    """The entries CSV of a diary (the CLI's ``entries.csv`` columns), made once per diary state."""
    water = water_settings()
    return _entries_csv(version, _water_key(water), _entries, water)


@st.cache_data(show_spinner=False, max_entries=16)
def reference_for(profile: Profile) -> pd.DataFrame:
    """The profile's reference-intake rows (one per nutrient)."""
    return food_db.reference_intakes(profile.age, profile.sex, pregnant=profile.pregnant,
                                     lactating=profile.lactating, authority=profile.authority)


def counted_dates(entries: pd.DataFrame) -> pd.Series:
    """The dates of the entries that count (status ``used``): the dashboard's period runs over them."""
    return entries.loc[entries["status"].eq("used"), "date"].dropna()


def warm(version: str, entries: pd.DataFrame) -> None:
    """Work ahead on a new diary once its imported page is drawn, so its dashboard opens without the wait.

    :func:`work_ahead`, called at the end of the script run, starts it in the background: the
    per-day step (0.2-0.3 s for 10,000 rows), the dashboard's first view (the whole diary for the
    sidebar's profile) and the entries CSV (its download, 0.2 s).  A dashboard asking before one
    is done waits for it (each cache computes a value once).
    """
    st.session_state["work_ahead"] = (version, entries, profile())


def work_ahead() -> None:
    """Start the work :func:`warm` asked for, after the page is drawn (it would slow the page's last part)."""
    asked = st.session_state.pop("work_ahead", None)
    if asked is not None:
        threading.Thread(target=_work_ahead, args=asked, name="mineralog-work-ahead", daemon=True).start()


def _work_ahead(version: str, entries: pd.DataFrame, who: Profile) -> None:
    try:
        days_of(version, entries)
        dated = counted_dates(entries)
        if len(dated):
            period_of(version, entries, who, pd.Timestamp(dated.min().date()), pd.Timestamp(dated.max().date()))
        entries_csv(version, entries)
    except Exception:  # noqa: BLE001  (a head start only: the dashboard does the same work and shows any error)
        pass


# -- profile and page furniture -------------------------------------------------------

def profile() -> Profile:
    """The profile chosen in the sidebar (defaults until the sidebar has run)."""
    state = st.session_state
    stage = state.get("profile_stage", "Neither")
    female = state.get("profile_sex", "Female") == "Female"
    return Profile(age=float(state.get("profile_age", 40)), sex="F" if female else "M",
                   pregnant=female and stage == "Pregnant", lactating=female and stage == "Lactating",
                   authority=state.get("profile_authority", "nasem"))


def load_saved_profile() -> None:
    """Once per session, put the profile saved in the user store into the sidebar's widgets."""
    state = st.session_state
    if state.get("profile_loaded"):
        return
    state["profile_loaded"] = True
    saved = user_store().profile()
    if saved is None:
        return
    state["profile_age"] = round(saved.age)
    state["profile_sex"] = "Female" if saved.sex == "F" else "Male"
    state["profile_stage"] = "Pregnant" if saved.pregnant else "Lactating" if saved.lactating else "Neither"
    state["profile_authority"] = saved.authority


def save_profile() -> None:
    """Save the sidebar's profile in the user store (the widgets' on_change), so the next session has it."""
    try:
        user_store().save_profile(profile())
    except USER_ERRORS as error:  # not saved: the profile still applies in this tab
        st.session_state["sidebar_error"] = str(error)


# Links, images, HTML, directives and emphasis need these; plain punctuation such as ':' does not.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]#+\-!|<>~$])")


def plain(text: object) -> str:
    """Escape text for Streamlit's markdown so user text is shown as written, never as links or images."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def page_header(title: str) -> None:
    """Title and the disclaimer, at the top of every page."""
    st.title(title)
    st.info(messages.DISCLAIMER, icon=":material/info:")


def show_error(error: Exception) -> None:
    """Show an analyzer error as its sentence."""
    st.error(plain(str(error)))


def show_unexpected(error: Exception) -> None:
    """A bug: our own sentence on the page (no traceback, no web links), the traceback in the server log."""
    traceback.print_exception(error, file=sys.stderr)
    st.error(messages.UNEXPECTED_ERROR, icon=":material/error:")


def amount(value: float, unit: str) -> str:
    """'1,234 mg' / '12.5 µg' / 'unknown'."""
    if pd.isna(value):
        return "unknown"
    return f"{value:,.0f} {unit}" if abs(value) >= 100 else f"{value:,.1f} {unit}"


def label(key: str) -> str:
    """Name of a nutrient key for people."""
    return NUTRIENT_INFO[key].label


def unit(key: str) -> str:
    """Unit of a nutrient key."""
    return NUTRIENT_INFO[key].unit


def colour(key: str) -> str:
    """Display colour of a nutrient key."""
    return NUTRIENT_INFO[key].colour
