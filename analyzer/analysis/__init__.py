"""Analysis: resolved entries to nutrients per entry, daily totals, periods, ratios, reference intakes,
contributors and foods rich in a nutrient.

Its modules are private; ``__all__`` lists the public names that live here (``analyzer`` exports
them all). The layout and the rule that imports go down the stages: docs/ARCHITECTURE.md.
"""

from __future__ import annotations

from analyzer import _stage_getattr

__all__ = [
    "AUTHORITIES",
    "DEFAULT_EXCLUDED_GROUPS",
    "RATIOS",
    "Analysis",
    "DiaryDays",
    "Profile",
    "UlScope",
    "add_water",
    "analyze",
    "compare_ratio",
    "coverage",
    "daily_csv_table",
    "diary_days",
    "entries_csv_table",
    "foods_rich",
    "has_meals",
    "k2_by_basis",
    "meal_totals",
    "period_view",
    "rollup",
    "top_contributors",
    "ul_intake",
    "ul_scope",
    "water_by_day",
    "water_notes",
]

__getattr__ = _stage_getattr("analysis", __all__)
