"""Which foods a volume may not be weighed at water's density.

The grams step weighs a volume the food has no household measure for at 1 g/ml (flag
``density``). That holds for drinks, soups and sauces, but a cup of cake, crackers or chips
weighs a fraction of a cup of water (USDA SR28: bread cubes 35 g, popcorn 8 g a cup), so
for the food groups listed in ``solid_food_groups.csv`` such a volume is asked for in grams.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path

__all__ = ["SOLID_GROUPS_PATH", "is_porous_solid"]

SOLID_GROUPS_PATH = Path(__file__).parents[1].joinpath("solid_food_groups.csv")


@functools.cache
def _groups() -> frozenset[str]:
    with open(SOLID_GROUPS_PATH, newline="", encoding="utf-8") as fh:
        return frozenset(row["food_group"].casefold()
                         for row in csv.DictReader(line for line in fh if not line.startswith("#")))


def is_porous_solid(food_group: object) -> bool:
    """Whether foods of this USDA food group (SR28 group or FNDDS category) are porous solids.

    Parameters
    ----------
    food_group
        The food's group as the food table holds it ("Baked Products", "Cakes and pies").

    Returns
    -------
    bool
        True when a volume of such a food must not be weighed at water's density.

    Examples
    --------
    >>> is_porous_solid("Baked Products"), is_porous_solid("Beverages")
    (True, False)
    """
    return isinstance(food_group, str) and food_group.casefold() in _groups()
