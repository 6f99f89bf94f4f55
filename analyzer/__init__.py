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
from .errors import (
    AmountError,
    DiaryFormatError,
    ForeignDatabaseError,
    MatchError,
    MineralogError,
    StoreError,
    UnknownUnitError,
)

__all__ = [
    "AUTHORITIES",
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
    "NUTRIENTS",
    "NUTRIENT_INFO",
    "ParsedDiary",
    "Profile",
    "STATUSES",
    "StoreError",
    "UnknownUnitError",
    "UserStore",
    "analyze",
    "apply_doses",
    "build_report_html",
    "daily_csv_table",
    "doses_needed",
    "entries_csv_table",
    "foods_rich",
    "get_matcher",
    "import_diary",
    "messages",
    "normalise_key",
    "parse_diary",
    "resolve_entries",
    "to_safe_csv",
    "top_contributors",
]
