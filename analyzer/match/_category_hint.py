"""The export's own food category as a hint to the match: prefer a candidate of an agreeing food group.

Cronometer exports name each food's USDA food group in a ``Category`` column ("Beverages",
"Breakfast Cereals", "Snacks"...).  The matcher reads only the text, so "Acti Leaf, Oat, No
Added Sugar" (an oat drink, category Beverages) becomes dry oats.  The rule: when the row's
category names a food group, the matched food's group is *incompatible* with it, and a
candidate whose group agrees scores within :data:`MARGIN` points of the top (and above the
matcher's threshold), that candidate is used instead, and ``match_source`` says ``category``.

Which groups agree lives in ``food_group_compat.csv``: SR28 and Foundation foods carry an SR28
group, FNDDS foods a WWEIA category, both mapped there to SR28 groups; each export category
lists the SR28 groups it accepts.  A category that names no group (Recipes, Supplements,
Restaurant Foods...), a food whose group says nothing (mixed dishes), and the user's own
corrections change nothing.  The work is done once per distinct (text, category) pair, after
the cached match (the match cache keys on the text alone).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import cache
from pathlib import Path

import pandas as pd

from ._match import DEFAULT_THRESHOLD, Candidate, MatchResult, confidence_of

__all__ = ["COMPAT_FILE", "MARGIN", "SEARCH_LIMIT", "category_hints"]

COMPAT_FILE = Path(__file__).parents[1].joinpath("food_group_compat.csv")
#: Points (of 100) an agreeing candidate may score below the top one and still be chosen.
#: Measured on the real Cronometer diaries (the matching exam has no categories): see
#: docs/ARCHITECTURE.md, "Category hint", for the table of margins tried.
MARGIN = 25.0
#: Candidates asked of the matcher when none of the five alternatives agrees.
SEARCH_LIMIT = 40

Search = Callable[[str, int], list[Candidate]]


@cache
def _compat() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(food group -> SR28 groups it holds, export category -> SR28 groups it accepts)."""
    foods: dict[str, frozenset[str]] = {}
    categories: dict[str, frozenset[str]] = {}
    with COMPAT_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            groups = frozenset(g.strip() for g in row["sr28_groups"].split(";") if g.strip())
            target = categories if row["kind"] == "cronometer" else foods
            target[row["name"].strip().casefold()] = groups
    return foods, categories


def accepted_groups(category: str) -> frozenset[str]:
    """The SR28 groups a food of this export category may be filed under (empty: it says nothing)."""
    return _compat()[1].get(str(category or "").strip().casefold(), frozenset())


def _groups_of(food_groups: pd.Series, food_id: int) -> frozenset[str]:
    return _compat()[0].get(str(food_groups.get(food_id, "")).strip().casefold(), frozenset())


def _agreeing(candidates: Iterable[Candidate], accepted: frozenset[str], floor: float,
              food_groups: pd.Series) -> Candidate | None:
    """The best candidate at or above ``floor`` whose group the category accepts."""
    best = None
    for candidate in candidates:
        if candidate.score >= floor and _groups_of(food_groups, candidate.food_id) & accepted:
            if best is None or candidate.score > best.score:
                best = candidate
    return best


def _hinted(result: MatchResult, category: str, food_groups: pd.Series, search: Search | None,
            threshold: float) -> MatchResult | None:
    """The re-ranked result of one (text, category) pair, or None when the category changes nothing."""
    accepted = accepted_groups(category)
    if not accepted or result.food_id is None or result.source == "correction":
        return None
    top = _groups_of(food_groups, result.food_id)
    if not top or top & accepted:  # the food's group says nothing, or it agrees
        return None
    floor = max(threshold, result.score - MARGIN)
    chosen = _agreeing(result.alternatives, accepted, floor, food_groups)
    if chosen is None and search is not None:
        chosen = _agreeing(search(result.text, SEARCH_LIMIT), accepted, floor, food_groups)
    if chosen is None:
        return None
    others = tuple(c for c in result.alternatives if c.food_id != chosen.food_id)
    return replace(result, food_id=chosen.food_id, description=chosen.description, score=chosen.score,
                   alternatives=(chosen, *others)[:max(len(result.alternatives), 1)], source="category",
                   confidence=confidence_of(chosen.score, threshold))


def category_hints(results: Mapping[str, MatchResult], pairs: Iterable[tuple[str, str]], food_groups:
                   pd.Series, search: Search | None = None, threshold: float = DEFAULT_THRESHOLD
                   ) -> dict[tuple[str, str], MatchResult]:
    """Re-rank the matches of the (text, category) pairs whose category disagrees with the food.

    Parameters
    ----------
    results
        The matcher's (or the match cache's) result per text.
    pairs
        The (text, category) pairs of the diary; repeats are judged once.
    food_groups
        ``food_id -> food_group`` of the food table (SR28 group, or WWEIA category for FNDDS).
    search
        ``search(text, limit)``: more candidates when none of the alternatives agrees
        (``FoodMatcher.search``); None to use the alternatives only.
    threshold
        The matcher's no-match threshold: a chosen candidate is never below it.

    Returns
    -------
    dict
        ``(text, category) -> MatchResult`` for the pairs the category changed, with
        ``source == "category"``; pairs left as matched are absent.
    """
    hints: dict[tuple[str, str], MatchResult] = {}
    for text, category in set(pairs):
        if text in results and accepted_groups(category):
            hinted = _hinted(results[text], category, food_groups, search, threshold)
            if hinted is not None:
                hints[(text, category)] = hinted
    return hints
