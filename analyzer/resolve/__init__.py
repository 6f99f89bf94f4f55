"""Resolve: parsed rows to resolved entries with one status each (the import pipeline, supplements,
water lines, diary edits, rows needing attention).

Its modules are private; ``__all__`` lists the public names that live here (``analyzer`` exports
them all). The layout and the rule that imports go down the stages: docs/ARCHITECTURE.md.
"""

from __future__ import annotations

from analyzer import _stage_getattr

__all__ = [
    "LOW_CONFIDENCE_SCORE",
    "STATUSES",
    "ImportResult",
    "TapWater",
    "WaterSettings",
    "add_typed",
    "alternatives_for",
    "apply_doses",
    "apply_recipe_weights",
    "attention_rows",
    "classify_water",
    "doses_needed",
    "hardness_as_caco3",
    "hardness_units",
    "import_diary",
    "low_confidence",
    "match_text",
    "recipes_needed",
    "resolve_entries",
    "resolve_text",
    "resolve_water_lines",
    "review_queue",
    "set_amounts",
    "tap_water",
    "typed_entries",
    "water_citations",
    "water_habit",
]

__getattr__ = _stage_getattr("resolve", __all__)
