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

Errors are :class:`MineralogError` subclasses whose ``str`` is a sentence for the user; the
root is shared with ``food_db`` (defined in ``food_db.errors``, the lower package), so
``except MineralogError`` catches every error either package raises on purpose::

    MineralogError                 base: message plus optional row / column / value
    ├── FoodDatabaseError          food_db: the food database cannot be obtained, built or loaded
    │   ├── SourceError            the source files could not be obtained (download, checksum)
    │   ├── MalformedSourceError   a source file is not in its format (file, line, column)
    │   └── NotBuiltError          the database has not been built yet (or is stale)
    ├── InvalidArgumentError       a value passed in (period, authority, nutrient, date) is not accepted
    ├── DataFileError              a data file shipped with Mineralog contradicts itself (file, line)
    ├── DiaryFormatError           the file as a whole cannot be read as a diary
    ├── AmountError                an amount cannot be turned into grams
    │   └── UnknownUnitError       the unit word is not in the alias table
    ├── MatchError                 a food text cannot be matched at all
    ├── SchemaError                a table crossing a stage boundary lacks a column or has the wrong dtype
    ├── StoreError                 the user's database cannot be used
    │   ├── ForeignDatabaseError   the file at the database path is not ours
    │   └── CorrectionsImportError a corrections file has bad rows (``failures``: one row per problem)
    └── WaterSettingError          a tap-water or water-habit value is refused (nothing is saved)

Names are imported when first used (PEP 562), so ``from analyzer import messages``
does not load the matcher or the unit registry: the dashboard's first page
appears before them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

#: Where each public name lives (module relative to this package).
_PUBLIC = {
    "._nutrients": ("K2_FORMS", "NUTRIENTS", "NUTRIENT_INFO", "food_source_labels"),
    "._schema": (
        "DAILY_CSV", "DAILY_TOTALS", "ENTRY_NUTRIENTS", "PARSED_ENTRIES", "RESOLVED_ENTRIES", "Column", "TableSchema",
        "check_frame",
    ),
    ".analysis._analysis": (
        "Analysis", "DiaryDays", "analyze", "daily_csv_table", "diary_days", "entries_csv_table", "period_view",
    ),
    ".analysis._contributors": ("has_meals", "meal_totals", "top_contributors"),
    ".analysis._daily": ("coverage",),
    ".analysis._foods_rich": ("DEFAULT_EXCLUDED_GROUPS", "foods_rich"),
    ".analysis._k2_basis": ("k2_by_basis",),
    ".analysis._period": ("rollup",),
    ".analysis._ratios": ("RATIOS",),
    ".analysis._reference": ("AUTHORITIES", "Profile", "UlScope", "compare_ratio", "ul_intake", "ul_scope"),
    ".analysis._water_intake": ("add_water", "water_by_day", "water_notes"),
    ".errors": (
        "AmountError", "DataFileError", "DiaryFormatError", "ForeignDatabaseError", "InvalidArgumentError",
        "MatchError", "MineralogError", "SchemaError", "StoreError", "UnknownUnitError", "WaterSettingError",
    ),
    ".ingest._formats": ("ParsedDiary", "parse_diary"),
    ".match._match": ("Candidate", "FoodMatcher", "MatchResult"),
    ".match._match_cache": ("get_matcher",),
    ".match._normalise": ("normalise_key",),
    ".messages": ("messages",),
    ".report._export": ("to_safe_csv",),
    ".report._report": ("build_report_html", "report_html"),
    ".report._summary": (
        "GLANCE_KEYS", "coverage_sentence", "glance", "intake_sentences", "ratio_named", "ratio_sentence",
        "reference_label",
    ),
    ".resolve._attention": ("LOW_CONFIDENCE_SCORE", "attention_rows", "low_confidence"),
    ".resolve._diary_edit": (
        "add_typed", "alternatives_for", "resolve_text", "review_queue", "set_amounts", "typed_entries",
    ),
    ".resolve._entry_line": ("match_text",),
    ".resolve._import": ("ImportResult", "STATUSES", "import_diary", "resolve_entries"),
    ".resolve._recipes": ("apply_recipe_weights", "recipes_needed"),
    ".resolve._supplement_lines": ("apply_doses", "doses_needed"),
    ".resolve._water": ("resolve_water_lines",),
    ".resolve._water_names": ("classify_water", "water_citations"),
    ".resolve._water_settings": (
        "TapWater", "WaterSettings", "hardness_as_caco3", "hardness_units", "tap_water", "water_habit",
    ),
    ".store": ("CorrectionsImportError", "UserStore"),
}
_HOME = {name: module for module, names in _PUBLIC.items() for name in names}

#: The same names as ``_PUBLIC`` (tests/test_one_pipeline.py checks), spelled out for the linters.
__all__ = [
    "AUTHORITIES",
    "DAILY_CSV",
    "DAILY_TOTALS",
    "DEFAULT_EXCLUDED_GROUPS",
    "ENTRY_NUTRIENTS",
    "GLANCE_KEYS",
    "K2_FORMS",
    "LOW_CONFIDENCE_SCORE",
    "NUTRIENTS",
    "NUTRIENT_INFO",
    "PARSED_ENTRIES",
    "RATIOS",
    "RESOLVED_ENTRIES",
    "STATUSES",
    "AmountError",
    "Analysis",
    "Candidate",
    "Column",
    "CorrectionsImportError",
    "DataFileError",
    "DiaryDays",
    "DiaryFormatError",
    "FoodMatcher",
    "ForeignDatabaseError",
    "ImportResult",
    "InvalidArgumentError",
    "MatchError",
    "MatchResult",
    "MineralogError",
    "ParsedDiary",
    "Profile",
    "SchemaError",
    "StoreError",
    "TableSchema",
    "TapWater",
    "UlScope",
    "UnknownUnitError",
    "UserStore",
    "WaterSettingError",
    "WaterSettings",
    "add_typed",
    "add_water",
    "alternatives_for",
    "analyze",
    "apply_doses",
    "apply_recipe_weights",
    "attention_rows",
    "build_report_html",
    "check_frame",
    "classify_water",
    "compare_ratio",
    "coverage",
    "coverage_sentence",
    "daily_csv_table",
    "diary_days",
    "doses_needed",
    "entries_csv_table",
    "food_source_labels",
    "foods_rich",
    "get_matcher",
    "glance",
    "hardness_as_caco3",
    "hardness_units",
    "has_meals",
    "import_diary",
    "intake_sentences",
    "k2_by_basis",
    "low_confidence",
    "match_text",
    "meal_totals",
    "messages",
    "normalise_key",
    "parse_diary",
    "period_view",
    "ratio_named",
    "ratio_sentence",
    "recipes_needed",
    "reference_label",
    "report_html",
    "resolve_entries",
    "resolve_text",
    "resolve_water_lines",
    "review_queue",
    "rollup",
    "set_amounts",
    "tap_water",
    "to_safe_csv",
    "top_contributors",
    "typed_entries",
    "ul_intake",
    "ul_scope",
    "water_by_day",
    "water_citations",
    "water_habit",
    "water_notes",
]


def __getattr__(name: str):
    """Import a public name from its module on first use, then keep it here."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'analyzer' has no attribute {name!r}")
    value = importlib.import_module(module, __name__)
    if module.lstrip(".") != name:
        value = getattr(value, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def _stage_getattr(stage: str, names: list[str]) -> Callable[[str], object]:
    """The ``__getattr__`` of a stage package (``analyzer.match``...): its public ``names``, from their homes.

    A stage's names are imported on first use, as here, so importing one module of a stage
    does not load the rest of it.
    """

    def stage_getattr(name: str) -> object:
        if name in names:
            return __getattr__(name)
        raise AttributeError(f"module 'analyzer.{stage}' has no attribute {name!r}")

    return stage_getattr
