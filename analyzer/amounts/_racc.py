"""The FDA's reference amount of a food: what Cronometer's "1.00 FDA Serving Size" weighs.

21 CFR 101.12(b) lists a reference amount customarily consumed (RACC) per food
category; ``fda_racc.csv`` places each USDA food group (and, within it, words of
the description) in one of those categories.  ``reference_amount('Nut and Seed
Products', 'Nuts, almonds')`` is ``('30 g', 'Nuts, seeds and mixtures, all types')``.
A food no row places has no reference amount here (None), never a guess.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path
from typing import NamedTuple

__all__ = ["RACC_PATH", "ReferenceAmount", "reference_amount"]

RACC_PATH = Path(__file__).parents[1].joinpath("fda_racc.csv")


class ReferenceAmount(NamedTuple):
    """One row of ``fda_racc.csv``: the amount as diary text, the category and the source."""

    amount: str
    category: str
    source: str


@functools.cache
def _rows() -> dict[str, list[tuple[re.Pattern | None, ReferenceAmount]]]:
    by_group: dict[str, list[tuple[re.Pattern | None, ReferenceAmount]]] = {}
    with open(RACC_PATH, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            pattern = re.compile(row["pattern"], re.IGNORECASE) if row["pattern"] else None
            by_group.setdefault(row["food_group"].casefold(), []).append(
                (pattern, ReferenceAmount(row["amount"], row["racc_category"], row["source"])))
    return by_group


def reference_amount(food_group: str, description: str) -> ReferenceAmount | None:
    """Return the reference amount of a food, or None when no category fits.

    Parameters
    ----------
    food_group
        The food's USDA food group ("Dairy and Egg Products").
    description
        The food's description, for the categories inside a group ("Cheese, feta").
    """
    for pattern, amount in _rows().get(str(food_group or "").casefold(), []):
        if pattern is None or pattern.search(str(description or "")):
            return amount
    return None
