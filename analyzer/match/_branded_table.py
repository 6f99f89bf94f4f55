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


#: The table last made and what it was made from: a diary's import and then its analysis ask for
#: the same one (21 and 33 ms for the 10,000-row real-shaped diary's 21 branded foods). One tuple,
#: replaced whole, so a thread never reads half of it.
_LAST: list[tuple] = [()]


def with_matched_branded(table, food_ids: Iterable[object]):
    """``table`` plus the branded foods among ``food_ids`` it lacks (the same table when none).

    Asked again for the same table and foods, it returns the table it made before (tables are
    never changed in place).
    """
    wanted = tuple(i for i in branded_ids(food_ids) if i not in table.foods.index)
    if not wanted:
        return table
    last = _LAST[0]
    if last and last[0] is table and last[1] == wanted:
        return last[2]
    made = table.with_branded(wanted)
    _LAST[0] = (table, wanted, made)
    return made
