"""The food table of one diary: the loaded table plus the branded foods its lines matched.

Branded foods stay on disk (about 360,000 of them); the few a diary's lines matched are read
into the in-memory table where they are needed, so grams, nutrients, contributors and the
report treat them like any food, with their source label ("USDA FDC Branded: ...").
"""

from __future__ import annotations

from collections.abc import Iterable

import food_db

__all__ = ["branded_ids", "with_matched_branded"]

_BRANDED_ID = food_db.id_base("branded")


def branded_ids(food_ids: Iterable[object]) -> list[int]:
    """The ids among ``food_ids`` that are branded foods (missing values left out)."""
    ids: list[int] = []
    for value in food_ids:
        try:
            number = int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            continue
        if number >= _BRANDED_ID:
            ids.append(number)
    return sorted(set(ids))


def with_matched_branded(table, food_ids: Iterable[object]):
    """``table`` plus the branded foods among ``food_ids`` it lacks (the same table when none)."""
    wanted = [i for i in branded_ids(food_ids) if i not in table.foods.index]
    return table.with_branded(wanted) if wanted else table
