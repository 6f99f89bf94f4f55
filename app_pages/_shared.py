"""What every page shares: the analyzer imports, cached resources, the analysis, formatting.

This is the only app module that imports from ``analyzer``'s private modules,
so moving to the public facade is a change to this file alone.  Nothing here
computes nutrition: it calls the analyzer and caches what it returns.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

import food_db
from analyzer import (
    AUTHORITIES,
    NUTRIENT_INFO,
    NUTRIENTS,
    FoodMatcher,
    ImportResult,
    MineralogError,
    Profile,
    UserStore,
    build_report_html,
    daily_csv_table,
    entries_csv_table,
    foods_rich,
    get_matcher,
    import_diary,
    messages,
    normalise_key,
    resolve_entries,
    to_safe_csv,
    top_contributors,
)

# Not (yet) in analyzer's public API.  analyzer.analyze recomputes every entry's nutrients
# on each call (0.3 s for 9,000 rows); splitting per-day totals (cached per diary state)
# from the period view (cached per profile and period) keeps a re-render well under 1 s.
from analyzer._daily import coverage, daily_totals
from analyzer._entry_nutrients import entry_nutrients
from analyzer._foods_rich import DEFAULT_EXCLUDED_GROUPS
from analyzer._import import _food_and_amount
from analyzer._nutrients import K2_FORMS
from analyzer._period import period_summary, rolling_means, rollup, select_period
from analyzer._ratios import RATIOS, daily_ratios, period_ratios
from analyzer._reference import compare_ratio, load_reference, reference_summary
from analyzer._store import CorrectionsImportError, default_store_path

__all__ = [
    "AUTHORITIES",
    "DEFAULT_EXCLUDED_GROUPS",
    "K2_FORMS",
    "NUTRIENTS",
    "NUTRIENT_INFO",
    "RATIOS",
    "USER_ERRORS",
    "Analysis",
    "CorrectionsImportError",
    "FoodMatcher",
    "ImportResult",
    "MineralogError",
    "Profile",
    "amount",
    "analyze",
    "build_report_html",
    "colour",
    "coverage",
    "coverage_sentence",
    "daily_csv_table",
    "entries_csv",
    "entries_csv_table",
    "entry_nutrients",
    "food_table",
    "foods_rich",
    "import_file",
    "label",
    "match_text",
    "matcher",
    "messages",
    "new_version",
    "normalise_key",
    "page_header",
    "plain",
    "profile",
    "ratio_range",
    "reference_for",
    "resolve_entries",
    "rolled",
    "show_error",
    "to_safe_csv",
    "top_contributors",
    "unit",
    "user_store",
    "warm",
]

#: Errors whose message is a sentence for the user (shown with st.error, never as a traceback).
USER_ERRORS = (MineralogError, food_db.FoodDatabaseError)


# -- cached resources -----------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def food_table() -> food_db.FoodTable:
    """Build the food database from the cached archive if needed (never downloads), then load it."""
    food_db.ensure_built(allow_download=False)
    return food_db.load()


@st.cache_resource(show_spinner=False)
def matcher() -> FoodMatcher:
    """The process-wide food matcher (about a second to build, once)."""
    food_table()
    return get_matcher()


@st.cache_resource(show_spinner=False)
def _store_at(path: str) -> UserStore:
    return UserStore(path)


def user_store() -> UserStore:
    """The user's corrections and saved diaries (``$MINERALOG_DATA_DIR/user.sqlite``)."""
    return _store_at(str(default_store_path()))


@st.cache_data(show_spinner=False, max_entries=8)
def import_file(data: bytes, filename: str, corrections: tuple[tuple[str, int], ...],
                _progress: Callable[[float], None] | None = None) -> ImportResult:
    """Read and resolve a diary file; cached on the file's bytes and the user's corrections."""
    return import_diary(data, filename, table=food_table(), matcher=matcher(),
                        corrections=dict(corrections), progress=_progress)


def match_text(food_text: str, amount_text: str) -> str:
    """The text the matcher looked up for an entry ('2 eggs' with no amount is matched as 'eggs')."""
    return _food_and_amount(str(food_text), str(amount_text))[0]


def new_version() -> str:
    """A fresh token naming one state of a diary's entries (the analysis cache key)."""
    return uuid.uuid4().hex


# -- the analysis ---------------------------------------------------------------------

@dataclass(frozen=True)
class Analysis:
    """Everything the dashboard shows for one diary state, profile and period."""

    nutrients: pd.DataFrame      # entry nutrients in the period
    all_days: pd.DataFrame       # daily totals, every day
    daily: pd.DataFrame          # daily totals in the period
    rolling: pd.DataFrame        # 7-day rolling means (computed on every day, cut to the period)
    summary: pd.DataFrame        # period_summary
    versus: pd.DataFrame         # reference_summary (one row per compared nutrient)
    reference: pd.DataFrame      # the profile's reference rows
    ratios: pd.DataFrame         # daily ratios in the period
    period_ratios: pd.DataFrame  # ratios over the period


@st.cache_data(show_spinner=False, max_entries=4)
def _per_day(version: str, _entries: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    nutrients = entry_nutrients(_entries, food_table().foods)
    daily = daily_totals(nutrients)
    return nutrients, daily.join(daily_ratios(daily))


@st.cache_data(show_spinner=False, max_entries=4)
def entries_csv(version: str, _entries: pd.DataFrame) -> bytes:
    """The entries CSV of a diary (the CLI's ``entries.csv`` columns), made once per diary state."""
    nutrients, _ = _per_day(version, _entries)
    return to_safe_csv(entries_csv_table(_entries, nutrients))


def warm(version: str, entries: pd.DataFrame) -> None:
    """Compute a new diary's per-day totals (and its entries CSV) now, so its dashboard opens without the wait."""
    _per_day(version, entries)
    entries_csv(version, entries)


@st.cache_data(show_spinner=False, max_entries=16)
def reference_for(profile: Profile) -> pd.DataFrame:
    """The profile's reference-intake rows (one per nutrient)."""
    return load_reference(profile)


@st.cache_data(show_spinner=False, max_entries=32)
def analyze(version: str, _entries: pd.DataFrame, profile: Profile, start=None, end=None) -> Analysis:
    """Analyse a diary (named by ``version``) for a profile and an inclusive date range."""
    nutrients, all_days = _per_day(version, _entries)
    daily = select_period(all_days, start, end)
    keys = list(NUTRIENTS) + list(K2_FORMS)
    rolling = select_period(rolling_means(all_days, keys), start, end) if len(all_days) else daily[keys]
    in_period = nutrients
    if start is not None:
        in_period = in_period.loc[in_period["date"] >= pd.Timestamp(start)]
    if end is not None:
        in_period = in_period.loc[in_period["date"] < pd.Timestamp(end) + pd.Timedelta(days=1)]
    reference = reference_for(profile)
    versus = reference_summary(daily, reference)
    if profile.authority == "efsa":  # EFSA calls its RDA-like value a population reference intake
        versus["target_kind"] = versus["target_kind"].replace({"RDA": "PRI"})
    return Analysis(nutrients=in_period, all_days=all_days, daily=daily, rolling=rolling,
                    summary=period_summary(daily), versus=versus,
                    reference=reference, ratios=daily[[r.key for r in RATIOS]],
                    period_ratios=period_ratios(daily))


def ratio_range(ratio_key: str) -> dict:
    """The commonly cited range of a ratio (``low``, ``high``, ``source``; ``position`` 'no range' if none)."""
    ranges = food_table().ratio_ranges
    return compare_ratio(float("nan"), ranges.set_index("ratio") if "ratio" in ranges.columns else ranges, ratio_key)


def rolled(daily: pd.DataFrame, view: str, keys: list[str]) -> pd.DataFrame:
    """Daily totals as they are, or averaged per week or month (``view`` is day/week/month)."""
    if view == "day" or daily.empty:
        return daily[keys]
    return rollup(daily, view, keys)[keys]


# -- profile and page furniture -------------------------------------------------------

def profile() -> Profile:
    """The profile chosen in the sidebar (defaults until the sidebar has run)."""
    state = st.session_state
    stage = state.get("profile_stage", "Neither")
    female = state.get("profile_sex", "Female") == "Female"
    return Profile(age=float(state.get("profile_age", 40)), sex="F" if female else "M",
                   pregnant=female and stage == "Pregnant", lactating=female and stage == "Lactating",
                   authority=state.get("profile_authority", "nasem"))


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


def coverage_sentence(daily: pd.DataFrame, key: str) -> str:
    """The coverage note shown under a nutrient's chart."""
    known = coverage(daily, key).dropna() if len(daily) else pd.Series(dtype=float)
    if known.empty:
        return messages.no_data(label(key))
    return messages.coverage_note(label(key), float(known.mean()), len(known))
