"""One English singular for every word Mineralog compares: food names, FNDDS/SR28 names, unit words.

The matcher (``analyzer.match``), the measure borrowing of the build (``_measure_estimates``) and the
unit table (``analyzer.amounts``) all fold plurals with :func:`singular`, so 'berries', 'tomatoes',
'leaves', 'cookies', 'slices' and 'boxes' meet their singulars the same way everywhere. Irregular
plurals the endings cannot tell ('leaves' -> 'leaf', 'cookies' -> 'cookie', 'quiches' -> 'quiche')
live in ``irregular_plurals.csv`` with a source column.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

__all__ = ["IRREGULAR_PLURALS_FILE", "irregular_plurals", "singular"]

IRREGULAR_PLURALS_FILE = Path(__file__).with_name("irregular_plurals.csv")
# Endings after which the plural adds "es" (peach -> peaches, dish -> dishes, box -> boxes, glass -> glasses).
_ES_ENDINGS = ("ches", "shes", "xes", "sses", "zzes")


@lru_cache(maxsize=1)
def irregular_plurals() -> Mapping[str, str]:
    """Plural -> singular for words the endings get wrong, read once from ``irregular_plurals.csv``.

    Returns
    -------
    Mapping[str, str]
        Lower-case plural -> lower-case singular (``leaves`` -> ``leaf``, ``cookies`` -> ``cookie``).
    """
    with IRREGULAR_PLURALS_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["plural"].strip(): row["singular"].strip() for row in csv.DictReader(handle)
                if row["plural"] and not row["plural"].startswith("#")}


def singular(word: str, irregular: Mapping[str, str] | None = None, *, shortest: int = 4) -> str:
    """Return the singular of one lower-case word.

    Parameters
    ----------
    word
        A lower-case word (``berries``, ``tomatoes``, ``leaves``, ``slices``).
    irregular
        Plural -> singular pairs checked before the endings; ``None`` uses
        :func:`irregular_plurals`. A caller may pass a larger table.
    shortest
        Words shorter than this stay as written. In food names a short word
        ending in s is rarely a plural (gas, its); unit abbreviations are
        (ozs, pcs, mls), so the unit table passes 3.

    Returns
    -------
    str
        The singular (``berry``, ``tomato``, ``leaf``, ``slice``); words that are
        not plurals (``hummus``, ``swiss``, ``kiwi``, ``2%``) and words shorter
        than ``shortest`` come back unchanged.

    Examples
    --------
    >>> [singular(w) for w in ("berries", "cookies", "boxes", "kiwis", "hummus")]
    ['berry', 'cookie', 'box', 'kiwi', 'hummus']
    """
    table = irregular_plurals() if irregular is None else irregular
    if word in table:
        return table[word]
    if len(word) < shortest or not word.endswith("s") or not word.isalpha():
        return word
    if word.endswith(("ss", "us")):
        return word  # swiss, glass, hummus, asparagus
    if word.endswith("ies"):
        return word[:-3] + "y"  # berries; -ie nouns (cookies, pies) are in the irregular table
    if word.endswith("oes") or word.endswith(_ES_ENDINGS):
        return word[:-2]  # tomatoes, peaches, boxes
    return word[:-1]
