"""Minerals people take on purpose, weighed as the compound: elemental calcium and magnesium per gram.

``mineral_of('Egg shell, dried, ground')`` is the eggshell-powder row of
``mineral_compounds.csv``: 401 mg calcium per g, from a cited analysis.  Salts
(calcium carbonate, magnesium citrate, Epsom salt...) carry the share of the
element computed from their chemical formula; the formula, hydrate and molar mass
are on every row.  A value left empty there is unknown, never zero.  These texts
are recognised before any food matching, so 'Egg shell, dried, ground' never
becomes dried whole egg.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["MINERALS_PATH", "Mineral", "mineral_of", "minerals"]

MINERALS_PATH = Path(__file__).parents[1].joinpath("mineral_compounds.csv")


@dataclass(frozen=True)
class Mineral:
    """One compound of ``mineral_compounds.csv``.

    Attributes
    ----------
    key, name
        Identifier and name for people ("magnesium sulfate heptahydrate (Epsom salt)").
    formula, hydrate
        Chemical formula ("" for a mixture such as eggshell) and the hydrate form ("" = anhydrous).
    per_gram
        Nutrient key to mg per g of the compound (``calcium_mg``, ``magnesium_mg``); a nutrient
        whose share is unknown is absent.
    source
        Where the numbers come from (the formula, or the cited analysis).
    """

    key: str
    name: str
    formula: str
    hydrate: str
    per_gram: dict[str, float]
    source: str
    pattern: re.Pattern


def _number(text: str) -> float:
    return float(text) if text.strip() else math.nan


@functools.cache
def minerals() -> tuple[Mineral, ...]:
    """Return the compounds of ``mineral_compounds.csv`` in file order."""
    with open(MINERALS_PATH, newline="", encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        found = []
        for row in rows:
            per_gram = {key: _number(row[column]) for key, column in
                        (("calcium_mg", "calcium_mg_per_g"), ("magnesium_mg", "magnesium_mg_per_g"))}
            found.append(Mineral(row["key"], row["name"], row["formula"], row["hydrate"],
                                 {k: v for k, v in per_gram.items() if not math.isnan(v)}, row["source"],
                                 re.compile(row["pattern"], re.IGNORECASE)))
    return tuple(found)


#: A compound named as an ingredient of a food ('Tofu, prepared with calcium sulfate and magnesium
#: chloride (nigari)', 'Orange juice with added calcium carbonate') is not the compound taken on its own.
_IN_A_FOOD = re.compile(r"\b(?:with|added|fortified|enriched|prepared|made|contains?|membrane)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=16384)
def mineral_of(text: str) -> Mineral | None:
    """Return the compound a diary text names as what was taken, or None.

    Parameters
    ----------
    text
        The food as written, e.g. ``'Egg shell, dried, ground'`` or ``'Epsom salt'``; a text
        naming the compound as part of a food ('... prepared with magnesium chloride') is None.
    """
    text = str(text or "")
    if _IN_A_FOOD.search(text):
        return None
    return next((mineral for mineral in minerals() if mineral.pattern.search(text)), None)
