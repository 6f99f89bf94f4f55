"""The matcher's speed shortcuts give exactly what the plain computation gives.

analyzer.match._match replaces a few general calls by faster ones that must not
change any result: ``np.unique`` by a run-aware sort, rapidfuzz's whole-list
``process.extract`` by comparing first the choices whose length lets them win,
and a per-text set test by one (text, word) table per batch. Each is checked
here against the call it replaces, on inputs built to hit the edge cases (ties,
empty sets, lengths at the bound).
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from analyzer.match._match import (
    _closest_descriptions,
    _closest_words,
    _penalty_words,
    _Query,
    _unique_inverse,
    _WordsSaid,
)

# Descriptions with repeats (ties keep list order), very short and very long ones.
DESCRIPTIONS = [
    "Natto", "Natto", "Annatto seed", "Manhattan clam chowder", "Mangos, raw", "Mango, dried, sweetened",
    "Lettuce, cos or romaine, raw", "Romaine lettuce, raw", "Bread sticks, plain", "Crackers, matzo, plain",
    "Milk", "Oil", "Cheese, cheddar", "Cheese, cheddar, sharp, sliced, with added vitamin D and calcium",
    "Beans and tomatoes, fat added in cooking, NS as to type of fat, from restaurant, canned or frozen",
    "A" * 40, "Ratatouille", "Soup, Manhattan clam chowder, canned, prepared with equal volume water",
]
WORDS = ["natto", "annatto", "man", "mai", "mainly", "milk", "mil", "oil", "cheese", "cheddar", "ratatouille",
         "a", "ab", "tomato", "tomatoes", "lettuce", "romaine", "zucchini", "mango", "mangosteen"]


@pytest.mark.parametrize("seed", range(5))
def test_unique_inverse_is_numpys(seed):
    rng = np.random.default_rng(seed)
    # Sorted runs, as the postings of a batch come, and a few repeats across runs.
    keys = np.concatenate([np.sort(rng.integers(0, 500, rng.integers(0, 60))) for _ in range(20)]).astype(np.int64)
    distinct, inverse = _unique_inverse(keys)
    expected_distinct, expected_inverse = np.unique(keys, return_inverse=True)
    assert distinct.tolist() == expected_distinct.tolist()
    assert inverse.tolist() == expected_inverse.tolist()


@pytest.mark.parametrize("text", ["main", "Main", "natto", "Natto", "xq", "a", "Cheese", "chowder clam",
                                  "z" * 200, "Lettuce romaine", "mango"])
@pytest.mark.parametrize("limit", [1, 3, 5, 8])
def test_closest_descriptions_are_the_whole_lists(text, limit):
    lengths = np.array([len(d) for d in DESCRIPTIONS])
    assert _closest_descriptions(text, DESCRIPTIONS, lengths, limit) == \
        process.extract(text, DESCRIPTIONS, scorer=fuzz.WRatio, limit=limit)


def test_closest_words_are_the_whole_lists():
    lengths = np.array([len(w) for w in WORDS])
    rng = random.Random(7)
    queries = ["main", "natt", "a", "chedar", "tomatoe", "lettuces", "x" * 30] + \
        [w[:rng.randint(1, len(w))] + rng.choice(["", "s", "er"]) for w in WORDS]
    for query in queries:
        for limit in (1, 3):
            assert _closest_words(query, WORDS, lengths, limit) == \
                process.extract(query, WORDS, scorer=fuzz.ratio, limit=limit)


def test_words_said_answers_as_the_set_tests():
    known = sorted(_penalty_words())[:6]
    texts = [frozenset(), frozenset(known[:1]), frozenset(known[1:4]), frozenset({"milk", known[5]}),
             frozenset({"milk"})]
    queries = [_Query(" ".join(sorted(w)), w, {}, 1.0) for w in texts]
    said = _WordsSaid(queries)
    for words in [frozenset(), frozenset(known[:2]), frozenset({known[5]}), frozenset({"milk"}),
                  frozenset({"milk", known[1]})]:
        assert said.any_of(words).tolist() == [not words.isdisjoint(t) for t in texts]
    for sets in [(), (frozenset(),), (frozenset(known[1:3]),), (frozenset({"milk"}), frozenset(known[:1])),
                 (frozenset(known[1:4]), frozenset({known[5], "milk"}))]:
        assert said.all_of_one(sets).tolist() == [any(s <= t for s in sets) for t in texts]
