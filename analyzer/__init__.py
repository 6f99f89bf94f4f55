"""Mineralog's analysis library: diary files in, mineral balance out. Never imports streamlit.

The few names the app and the command line use::

    result = import_diary(data, "servings.csv", corrections=UserStore().corrections())
    analysis = analyze(result.entries, food_db.load(), Profile(age=52, sex="F"))
    analysis.daily, analysis.reference_summary, analysis.ratios

``analyze`` is two steps the app caches separately: ``diary_days`` (per diary state)
and ``period_view`` (per profile and period).  The sentences about a period
(``intake_sentences``, ``glance``, ``ratio_sentence``) and the report
(``report_html``) take the period view, so the CLI, the report and the app agree.
Diary edits (``add_typed``, ``resolve_text``, ``set_amounts``) return new entries.

Errors are :class:`MineralogError` subclasses whose ``str`` is a sentence for the user.
"""

from . import messages
from ._analysis import Analysis, DiaryDays, analyze, daily_csv_table, diary_days, entries_csv_table, period_view
from ._contributors import has_meals, meal_totals, top_contributors
from ._daily import coverage
from ._diary_edit import (
    LOW_CONFIDENCE_SCORE,
    add_typed,
    alternatives_for,
    attention_rows,
    low_confidence,
    match_text,
    resolve_text,
    review_queue,
    set_amounts,
    typed_entries,
)
from ._export import to_safe_csv
from ._foods_rich import DEFAULT_EXCLUDED_GROUPS, foods_rich
from ._formats import ParsedDiary, parse_diary
from ._import import STATUSES, ImportResult, import_diary, resolve_entries
from ._match import Candidate, FoodMatcher, MatchResult, get_matcher
from ._normalise import normalise_key
from ._nutrients import K2_FORMS, NUTRIENT_INFO, NUTRIENTS
from ._period import rollup
from ._ratios import RATIOS
from ._reference import AUTHORITIES, Profile, compare_ratio
from ._report import build_report_html, report_html
from ._store import CorrectionsImportError, UserStore
from ._summary import (
    GLANCE_KEYS,
    coverage_sentence,
    glance,
    intake_sentences,
    ratio_named,
    ratio_sentence,
    reference_label,
)
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
    "CorrectionsImportError",
    "DEFAULT_EXCLUDED_GROUPS",
    "DiaryDays",
    "DiaryFormatError",
    "FoodMatcher",
    "ForeignDatabaseError",
    "GLANCE_KEYS",
    "ImportResult",
    "K2_FORMS",
    "LOW_CONFIDENCE_SCORE",
    "MatchError",
    "MatchResult",
    "MineralogError",
    "NUTRIENTS",
    "NUTRIENT_INFO",
    "ParsedDiary",
    "Profile",
    "RATIOS",
    "STATUSES",
    "StoreError",
    "UnknownUnitError",
    "UserStore",
    "add_typed",
    "alternatives_for",
    "analyze",
    "attention_rows",
    "build_report_html",
    "compare_ratio",
    "coverage",
    "coverage_sentence",
    "daily_csv_table",
    "diary_days",
    "entries_csv_table",
    "foods_rich",
    "get_matcher",
    "glance",
    "has_meals",
    "import_diary",
    "intake_sentences",
    "low_confidence",
    "match_text",
    "meal_totals",
    "messages",
    "normalise_key",
    "parse_diary",
    "period_view",
    "ratio_named",
    "ratio_sentence",
    "reference_label",
    "report_html",
    "resolve_entries",
    "resolve_text",
    "review_queue",
    "rollup",
    "set_amounts",
    "to_safe_csv",
    "top_contributors",
    "typed_entries",
]
