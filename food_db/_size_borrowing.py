"""Item sizes an SR28 food lacks, from the SR28 food whose name holds every word of its own.

SR28 weighs 'Grapefruit, raw, pink and red and white, all areas' by its sizes ('0.5 large (approx
4-1/2" dia)' = 166 g, medium 4" 128 g, small 3-1/2" 100 g), but 'Grapefruit, raw, pink and red, all
areas' only by a fruit of 3-3/4" (0.5 fruit = 123 g). A diary's '1.00 large - 4 1/2" diameter' of
the pink one is the large grapefruit of that very size, 332 g, not the smaller fruit (246 g).

The lender names every word of the borrower and adds words only to a list joined by 'and' (the
same food of more kinds: all colours), says no cooked or dry state the borrower does not, and lends
only the sizes (the ``size`` words of ``measure_borrowing.csv``) the borrower weighs none of, after
its own measures.
"""

from __future__ import annotations

from typing import cast

import pandas as pd

from ._food_kinds import _SEGMENTS, _vocabulary, _words, is_cooked, is_dry

__all__ = ["borrow_sizes"]

_COLUMNS = ("food_id", "seq", "amount", "description", "grams", "estimated_from")
#: Where a borrowed size goes among the borrower's measures: after its own and any borrowed volume.
_SIZE_SEQ = 2000


def _size_of(description: str, sizes: frozenset[str]) -> str | None:
    """The size word a measure description opens with ('large (approx 4-1/2" dia)' -> 'large'), or None."""
    words = _words(description)
    return words[0] if words and words[0] in sizes else None


def _more_kinds_of(lender: str, words: frozenset[str]) -> bool:
    """Whether the lender is the borrower's food of more kinds: each word it adds stands in a list joined
    by 'and' that holds one of the borrower's words ('pink and red and white' of 'pink and red', of
    'white'). A food that adds another part ('Potatoes, white, flesh and skin' for 'Potatoes, raw,
    skin') or a state ('cooked without skin') is another food, whose item weighs something else."""
    extra = set()
    for segment in _SEGMENTS.split(lender):
        found = set(_words(segment))
        joined = " and " in f" {segment.lower()} " and bool(found & words)
        if not joined:
            extra |= found - words
    return not extra


def borrow_sizes(foods: pd.DataFrame, measures: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """Size measures for SR28 foods that lack them, from the SR28 food that names all their words.

    Parameters
    ----------
    foods
        Every food, index ``food_id``; columns ``description`` and ``source`` (only ``sr28`` foods
        lend or borrow).
    measures
        All measures so far: ``food_id, seq, amount, description, grams, estimated_from`` (a lender's
        sizes must be its own, ``estimated_from`` empty).
    labels
        Source label of each food (``USDA SR28 #09111``).

    Returns
    -------
    pandas.DataFrame
        One row per lent size, in the columns of ``measures`` (``estimated_from`` names the lender).
    """
    columns = list(_COLUMNS)
    sizes = _vocabulary().get("size", frozenset())
    sr28 = foods.loc[foods["source"] == "sr28", "description"].astype(str)
    own = measures[measures["food_id"].isin(sr28.index) & (measures["estimated_from"].fillna("") == "")]
    size = own["description"].astype(str).map(lambda d: _size_of(d, sizes))
    sized = own[size.notna()].assign(size=size[size.notna()])
    if sized.empty:
        return pd.DataFrame(columns=columns)
    has = {int(cast(int, f)): set(g) for f, g in sized.groupby("food_id")["size"]}
    descriptions = dict(zip(sr28.index.astype(int), sr28, strict=True))
    words = {f: frozenset(_words(d)) for f, d in descriptions.items()}
    postings: dict[str, set[int]] = {}
    for food_id in has:
        for word in words[food_id]:
            postings.setdefault(word, set()).add(food_id)
    rows: list[tuple[int, int, float, str, float, str]] = []
    for food_id, description in descriptions.items():
        mine = words[food_id]
        if not mine:
            continue
        lenders = set.intersection(*(postings.get(w, set()) for w in mine)) - {food_id}
        lenders = {lender for lender in lenders if _more_kinds_of(descriptions[lender], mine)
                   and is_dry(descriptions[lender]) == is_dry(description)
                   and (is_cooked(description) or not is_cooked(descriptions[lender]))}
        if not lenders:
            continue
        # The lender that adds the fewest words is the nearest food; ties by NDB number, for a stable build.
        lender = min(lenders, key=lambda i: (len(words[i] - mine), i))
        missing = has[lender] - has.get(food_id, set())
        lent = sized[(sized["food_id"] == lender) & sized["size"].isin(missing)]
        basis = f"size of the SR28 food naming all its words: {labels[lender]} {descriptions[lender]}"
        rows += [(food_id, _SIZE_SEQ + int(seq), float(amount), str(text), float(grams), basis)
                 for seq, amount, text, grams in zip(lent["seq"], lent["amount"], lent["description"], lent["grams"],
                                                     strict=True)]
    return pd.DataFrame(rows, columns=columns)
