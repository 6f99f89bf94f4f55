"""Mineralog's analysis library: diary files in, mineral balance out. Never imports streamlit.

The few names the app and the command line use::

    result = import_diary(data, "servings.csv", corrections=UserStore().corrections())
    analysis = analyze(result.entries, food_db.load(), Profile(age=52, sex="F"))
    analysis.daily, analysis.reference_summary, analysis.ratios

Errors are :class:`MineralogError` subclasses whose ``str`` is a sentence for the user.
"""

from . import messages
from ._analysis import Analysis, analyze, daily_csv_table, entries_csv_table
from ._contributors import top_contributors
from ._export import to_safe_csv
from ._foods_rich import foods_rich
from ._formats import ParsedDiary, parse_diary
from ._import import STATUSES, ImportResult, import_diary, resolve_entries
from ._match import Candidate, FoodMatcher, MatchResult, get_matcher
from ._normalise import normalise_key
from ._nutrients import NUTRIENT_INFO, NUTRIENTS
from ._reference import AUTHORITIES, Profile
from ._report import build_report_html
from ._store import UserStore
from ._supplement_lines import apply_doses, doses_needed
from ._water import resolve_water_lines
from ._water_intake import add_water, water_by_day, water_notes
from ._water_names import classify_water, water_citations
from ._water_settings import TapWater, WaterSettings, hardness_as_caco3, hardness_units, tap_water, water_habit
from .errors import (
    AmountError,
    DiaryFormatError,
    ForeignDatabaseError,
    MatchError,
    MineralogError,
    StoreError,
    UnknownUnitError,
    WaterSettingError,
)

__all__ = [
    "AUTHORITIES",
    "NUTRIENTS",
    "NUTRIENT_INFO",
    "STATUSES",
    "AmountError",
    "Analysis",
    "Candidate",
    "DiaryFormatError",
    "FoodMatcher",
    "ForeignDatabaseError",
    "ImportResult",
    "MatchError",
    "MatchResult",
    "MineralogError",
    "ParsedDiary",
    "Profile",
    "StoreError",
    "TapWater",
    "UnknownUnitError",
    "UserStore",
    "WaterSettingError",
    "WaterSettings",
    "add_water",
    "analyze",
    "apply_doses",
    "build_report_html",
    "classify_water",
    "daily_csv_table",
    "doses_needed",
    "entries_csv_table",
    "foods_rich",
    "get_matcher",
    "hardness_as_caco3",
    "hardness_units",
    "import_diary",
    "messages",
    "normalise_key",
    "parse_diary",
    "resolve_entries",
    "resolve_water_lines",
    "tap_water",
    "to_safe_csv",
    "top_contributors",
    "water_by_day",
    "water_citations",
    "water_habit",
    "water_notes",
]
