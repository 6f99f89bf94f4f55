"""Read a diary food line the way a dietitian does, before it is matched.

The rule: a line names one food (its head noun) with words that describe it,
and may carry a brand, a qualifier and noise that say nothing about the food.

- **Survey classes** are dropped: an older FNDDS release sorts mixed dishes by USDA's vegetable
  subgroups (``including carrots, broccoli, and/or dark-green leafy``), which no FNDDS 2021-2023
  food is named by (``classification`` rows of ``survey_wording.csv``); the words would pull a
  stir fry towards plain broccoli.
- **Noise** is dropped: dates (``12/03``, ``2024-05-01``), years, month names
  (``month_names.csv``), version tags (``v2``, ``version 3``, ``#4``), label
  energy (``130 Cal``) and the ``noise`` words of ``food_synonyms.csv``
  (``prototype``, ``batch``); people put them in the names of their own recipes.
- **Brand**: the part before ``' - '`` (MyFitnessPal ``Brand - Food``), or the
  first comma segment of a Cronometer label line (``Oatly, Oat Milk``) when it
  holds a brand word or a word no food description uses, only filler (``Eat
  Natural``) or ends in a maker's word (``New York Bakery Co.``): decided by the
  matcher, which knows the vocabulary (see :func:`brand_first`). A next segment
  naming no food is the brand's product line (``Aldi, Harvest Morn, Fruit & Fibre
  Cereal``).
- **Qualifier**: words in parentheses (``Plums, dried (prunes)``) and words
  after ``no``/``without``/``not`` (``Tossed salad, without dressing``) count
  less: they clarify or exclude.
- **Head**: the food's own noun, the last content word of the main segment
  before ``with``/``in``/``made``... (``milk`` in ``chocolate milk``,
  ``lasagna`` in ``lentil lasagne``), skipping preparation, fat-level, filler
  and part words (``chicken`` in ``chicken breast``). ``X and Y`` at the end
  of the segment names two heads (``bread and butter``).
- **USDA's order** (food, kind) making a synonym's phrase is read as the phrase:
  ``Beans, string`` is ``string beans``, the snap bean.
- **Word order**: the (modifier, head) pair of the main segment, so a food
  whose description has the pair the other way round (``milk chocolate`` for
  ``chocolate milk``) can be told apart.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analyzer.match._normalise import (
    SURVEY_FILE,
    _read_rows,
    lexicon,
    query_phrases,
    query_tokens,
    singularise,
    tokenise,
)

__all__ = ["FoodLine", "brand_first", "exact_key", "head_noun", "read_line", "split_examples", "without_examples",
           "without_survey_classes"]

MONTHS_FILE = Path(__file__).parents[1].joinpath("month_names.csv")

# Dates (12/03, 2024-05-01, 3.4.24; not lean/fat shares such as 80/20), years, version tags, label energy, numbering.
_NOISE = re.compile(
    r"\b\d{4}-\d\d-\d\d\b"
    r"|\b(?:0?[1-9]|[12]\d|3[01])[/.](?:0?[1-9]|[12]\d|3[01])(?:[/.]\d{2,4})?\b"
    r"|\b(?:19|20)\d\d\b"
    r"|\b(?:v|ver|version|rev|mk)\s*\.?\s*\d+(?:\.\d+)*\b"
    r"|#\s*\d+"
    r"|\b\d+\s*(?:k?cal|kcals?|calories)\b",
    re.IGNORECASE)
_PARENS = re.compile(r"\(([^)]*)\)?")
_NS_AS_TO = re.compile(r"\bns as to\b", re.IGNORECASE)
# A list of examples ('Tomato raw (includes cherry, grape, roma)', 'Tomato Raw, Includes Cherry, Grape, Roma')
# says what the entry covers, not what was eaten: the examples would pull towards one of them (grape tomatoes).
_EXAMPLES = re.compile(r"\(\s*(?:includes?|including|such as|e\.\s?g\.?)\s[^)]*\)?"
                       r"|[,;]\s*includes?\s.*$", re.IGNORECASE)
_SEGMENTS = re.compile(r"[,;]")
# Words that end the main part of a segment: what follows is added or how it is made.
_CLAUSE = frozenset({"with", "in", "on", "made", "from", "include", "including", "prepared",
                     "cooked", "served", "topped", "filled", "for"})
_NEGATION = frozenset({"no", "without", "not", "excluding"})  # FNDDS: "excluding carrots, broccoli, ..."
_SOFT_NEGATION = frozenset({"no", "not", "excluding"})
# Words after which a segment names what is added to the food or served with it.
_ADDED = frozenset({"with", "made", "in", "on", "topped", "filled", "plus"})
# ... of which those naming an ingredient or accompaniment ('fruit on the bottom ... yogurt' is yogurt).
_EXTRA = _ADDED - {"on"}
_GRAMMAR = frozenset({"and", "or", "of", "the", "a", "an", "to", "style", "type"})


@dataclass(frozen=True)
class FoodLine:
    """A diary line read into its parts.

    Attributes
    ----------
    words
        Normalised words in order (synonyms applied), noise removed.
    roles
        Per word: ``food``, ``brand``, ``qualifier`` (parentheses, negated).
    heads
        Positions in ``words`` of the head noun(s); empty when none was found.
    order
        (modifier, head) word pairs written next to each other in the main segment.
    excluded
        Words the line says the food is without (``mayo`` in ``no mayo``).
    named
        Words naming the food itself: not those after ``with``/``made``/``in``
        (``butter`` in ``Salmon, made with butter`` names what was added).
    main
        Words of the main segment, before a clause starts: the dish itself
        (``enchilada`` in ``Enchilada with beans, green-chile or enchilada sauce``).
    added
        Words naming what the food is made or served with: after ``with``/``made``
        in a segment, and every later segment once the first has such a clause
        (survey grammar: ``Enchilada with beans, green-chile or enchilada sauce``).
    later_added
        Those of ``added`` in a later segment that opens with ``made`` (survey
        wording: ``creamy dressing`` in ``Chicken salad, made with creamy dressing``).
    described
        Words of the later segments that say which kind of the head it is, as USDA
        writes its names (``egg`` in ``Pasta, egg, raw``; the vegetables of ``Mixed
        vegetables, corn, peas, carrots``): they describe the food and never are it.
        Empty unless the first segment is one word naming the food: not a category
        (``Fish, salmon``: salmon is the food), nor a brand (``Barilla, Spaghetti``; the
        matcher also asks that the word is the head noun of several foods).
    foods
        How many foods the head names: 2 for ``bread and butter``, 1 for a head of several words
        (a synonym's: ``garlic baguette`` -> ``garlic french bread``).
    flavour
        On a label line (a brand first: ``Kirkland, Protein Bar, Chocolate Chip Cookie
        Dough``) whose product takes two words or more, the food words of the segments
        after the product's: its flavour.
    """

    words: tuple[str, ...]
    roles: tuple[str, ...]
    heads: tuple[int, ...]
    order: tuple[tuple[str, str], ...]
    excluded: frozenset[str] = frozenset()
    named: frozenset[str] = frozenset()
    main: frozenset[str] = frozenset()
    added: frozenset[str] = frozenset()
    later_added: frozenset[str] = frozenset()
    described: frozenset[str] = frozenset()
    flavour: frozenset[str] = frozenset()
    foods: int = 1


@lru_cache(maxsize=1)
def _month_words() -> frozenset[str]:
    with MONTHS_FILE.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["name"].strip().lower() for row in csv.DictReader(handle)
                         if len(row["name"].strip()) >= 3)


# Every kind of noise holds a digit: a text without one (most) skips the slow pattern.
_DIGIT = re.compile(r"\d")


def _strip_noise(text: str) -> str:
    return _NOISE.sub(" ", text) if _DIGIT.search(text) else text


@lru_cache(maxsize=1)
def _survey_classes() -> tuple[frozenset[str], re.Pattern[str] | None]:
    """First words of the ``classification`` phrases, and one pattern finding any of them."""
    phrases = [re.findall(r"[a-z]+", row["term"].lower())
               for row in _read_rows(SURVEY_FILE) if row["kind"] == "classification"]
    phrases = [words for words in phrases if words]
    if not phrases:
        return frozenset(), None
    # Written with any punctuation between the words ('and/or dark-green leafy').
    alternatives = sorted((r"[\s,;/-]+".join(map(re.escape, words)) for words in phrases), key=len, reverse=True)
    return (frozenset(words[0] for words in phrases),
            re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE))


def without_survey_classes(text: str) -> str:
    """The text without an older FNDDS release's classing of a dish by vegetable subgroup.

    Parameters
    ----------
    text
        A diary food text (``Beef and vegetables excluding carrots, broccoli, and
        dark-green leafy; no potatoes, soy-based sauce``).

    Returns
    -------
    str
        The text with each ``classification`` phrase of ``survey_wording.csv`` removed
        (``Beef and vegetables ; no potatoes, soy-based sauce``).
    """
    first_words, pattern = _survey_classes()
    if pattern is None or not first_words & set(re.findall(r"[a-z]+", text.lower())):
        return text
    return pattern.sub(" ", text)


def split_examples(text: str) -> tuple[str, str]:
    """A text without its lists of examples, and those lists ('Bread, french or vienna (includes sourdough)').

    Parameters
    ----------
    text
        A diary food text or a food description.

    Returns
    -------
    tuple of str
        The text as :func:`without_examples` gives it, and the removed lists joined by spaces
        (empty when there is none).
    """
    if "(" not in text and "nclud" not in text.lower():  # most texts: no list to look for
        return text, ""
    found = _EXAMPLES.findall(text)
    return (_EXAMPLES.sub(" ", text), " ".join(found)) if found else (text, "")


def without_examples(text: str) -> str:
    """The text without a list of examples ('Tomato raw (includes cherry, grape, roma)' -> 'Tomato raw').

    Parameters
    ----------
    text
        A diary food text.

    Returns
    -------
    str
        The text with a parenthesis or trailing segment that starts with includes/including/such as/e.g. removed.
    """
    return _EXAMPLES.sub(" ", text)


def exact_key(text: str) -> str:
    """Key under which a text and a food description count as the same words.

    Case, punctuation inside a segment, plurals and spellings are ignored;
    the comma segments and their order are kept (``Milk, chocolate`` is not
    ``milk chocolate``).

    Parameters
    ----------
    text
        A diary line or a food description.

    Returns
    -------
    str
        The segments' normalised words, segments joined by ``' | '``.
    """
    segments = (_segment_key(part) for part in _SEGMENTS.split(text))
    return " | ".join(seg for seg in segments if seg)


@lru_cache(maxsize=65536)
def _segment_key(part: str) -> str:
    # Diaries repeat segments ('raw', 'cooked') across thousands of lines: cache them.
    return " ".join(tokenise(part))


@lru_cache(maxsize=65536)
def _phrases(part: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p) for p in query_phrases(part))


@lru_cache(maxsize=65536)
def _segment_phrases(part: str) -> tuple[tuple[str, ...], ...]:
    """The phrases of one comma segment, without noise words and month names."""
    lex, months = lexicon(), _month_words()
    return tuple(p for p in _phrases(part.strip()) if p[0] not in lex.noise and p[0] not in months)


def _kind_first(segments: list[tuple[tuple[str, ...], ...]]) -> list[tuple[tuple[str, ...], ...]]:
    """USDA's order (food, kind) read as the phrase it names: 'Beans, string' is 'string beans'.

    Only when the two one-word segments make a synonym's phrase (``string bean`` ->
    ``green snap bean``): the phrase's words then name the food; any other pair stays as written.
    """
    if len(segments) < 2 or len(segments[0]) != 1 or len(segments[0][0]) != 1 \
            or not segments[1] or len(segments[1][0]) != 1:
        return segments
    phrase = lexicon().synonyms.get((segments[1][0][0], segments[0][0][0]))
    if phrase is None:
        return segments
    return [(tuple(singularise(w) for w in phrase),), segments[1][1:], *segments[2:]]


def brand_first(segment: list[str], rest: list[list[str]], is_known: Callable[[str], bool],
                is_brand: Callable[[str], bool]) -> bool:
    """Whether the first comma segment of a line is a brand (``Oatly, Oat Milk``).

    It is when another segment follows with a word the food table knows, and
    the segment holds a brand word, or a word of three letters or more that no
    food description uses (``Publix``, ``Nakd``), or only filler words (``Eat
    Natural``), or ends in a maker's word (``New York Bakery Co.``): generic lines
    start with the food's name (``Cheese, cheddar``; ``Eggs, cooked``).
    """
    if not segment or not any(is_known(w) for seg in rest for w in seg):
        return False
    if all(seg[0] in _NEGATION or seg[0] == "with" for seg in rest if seg):
        return False  # 'Veggie Delite Sandwich, no mayo': the rest only qualifies the first part
    lex = lexicon()
    if all(w in lex.filler or w in _GRAMMAR for w in segment) or segment[-1] in lex.makers:
        # 'Eat Natural, Fruit & Nut Bar': a first segment of filler names no food; 'New York Bakery Co.,
        # Bagels' names who made it.
        return True
    if any(is_brand(w) for w in segment):
        # 'Quaker Instant Oatmeal, Flavored': a brand word inside the food's own name.
        return not any(is_known(w) and not is_brand(w) and w.isalpha() and w not in lex.filler
                       for w in segment)
    return any(w.isalpha() and len(w) >= 3 and not is_known(w) and w not in lex.filler
               and w not in lex.noise for w in segment)


@lru_cache(maxsize=65536)
def _content(word: str) -> bool:
    """Whether a word can name the food (not grammar, state, fat level, filler, part...)."""
    lex = lexicon()
    return (word.isalpha() and len(word) > 1 and word not in _GRAMMAR and word not in lex.filler
            and word not in lex.states and word not in lex.fats and word not in lex.parts
            and word not in lex.noise and word not in lex.not_food and word not in _CLAUSE
            and word not in _NEGATION)


def head_noun(segment: list[str]) -> str | None:
    """The head noun of a food description's name segment.

    The last word that can name a food before a clause starts: ``meat`` is not
    the head of ``Lasagna with meat``, ``lasagna`` is.

    Parameters
    ----------
    segment
        Normalised words of the description's first (name) segment.

    Returns
    -------
    str or None
        The head noun; None when no word can name a food.
    """
    main: list[str] = []
    for word in segment:
        if main and (word in _CLAUSE or word in _NEGATION):
            break
        main.append(word)
    content = [w for w in main if _content(w)]
    return content[-1] if content else None


def _heads(words: list[str], roles: list[str], groups: list[int]
           ) -> tuple[list[int], list[tuple[str, str]], list[int], int]:
    """Head positions, the (modifier, head) pair and the positions of the main segment.

    A synonym's replacement words form one group and are read as one word.
    """
    seg: list[int] = []  # the main segment: the first food segment, cut where a clause starts
    for i, role in enumerate(roles):
        if role != "food":
            if seg:
                break
            continue
        if seg and (words[i] in _CLAUSE or words[i] in _NEGATION):
            break
        seg.append(i)
    candidates = [i for i in seg if _content(words[i])]
    if not candidates:
        return [], [], seg, 0
    head_group = groups[candidates[-1]]
    heads = [i for i in candidates if groups[i] == head_group]
    before = [i for i in seg if groups[i] < head_group]
    order = []
    if before and _content(words[before[-1]]) and groups[before[-1]] == head_group - 1:
        order.append((words[before[-1]], words[heads[0]]))
    if len(before) >= 2 and words[before[-1]] == "and" and _content(words[before[-2]]):
        extra = groups[before[-2]]  # 'bread and butter': two foods
        return [i for i in seg if groups[i] == extra] + heads, order, seg, 2
    return heads, order, seg, 1


def read_line(text: str, *, is_known: Callable[[str], bool] = lambda w: True,
              is_brand: Callable[[str], bool] = lambda w: False,
              is_food: Callable[[str], bool] = lambda w: True) -> FoodLine:
    """Read one diary line into words with roles, heads and word order.

    Parameters
    ----------
    text
        The food as written.
    is_known
        Whether a word appears in some food description (brand detection).
    is_brand
        Whether a word is a brand word.
    is_food
        Whether a word is the head noun of some food: a segment after the brand with no
        such word, read as :func:`brand_first` reads a first one, is the brand's product
        line (``Aldi, Harvest Morn, Fruit & Fibre Cereal``), not the food.

    Returns
    -------
    FoodLine
        The line's words; a line of noise only gives no words.
    """
    lex = lexicon()
    text = without_examples(without_survey_classes(_strip_noise(text)))
    brand_part, sep, food_part = text.partition(" - ")
    if not (sep and food_part.strip() and query_tokens(brand_part)):
        brand_part, food_part = "", text
    elif not brand_first(query_tokens(brand_part), [query_tokens(food_part)], is_known, is_brand):
        # 'Salmon - Atlantic, farmed': the part before ' - ' is the food itself.
        brand_part, food_part = "", f"{brand_part}, {food_part}"
    qualifiers = [m.group(1) for m in _PARENS.finditer(food_part)]
    food_part = _PARENS.sub(" ", food_part)
    parts = _SEGMENTS.split(food_part)
    segments = _kind_first([_segment_phrases(part) for part in parts])
    # FNDDS 'NS as to form' reads as 'nfs' but says a detail is unknown, not that the food is
    # unspecified: it is a qualifier there ('Beans, string, green, NS as to form' is no 'Beans, NFS').
    unknown_detail = {id(seg) for seg, part in zip(segments, parts, strict=True) if _NS_AS_TO.search(part)}
    segments = [seg for seg in segments if seg]
    words: list[str] = []
    roles: list[str] = []
    groups: list[int] = []

    def add(phrases, role: str) -> None:
        for phrase in phrases:
            group = groups[-1] + 1 if groups else 0
            words.extend(phrase)
            roles.extend([role] * len(phrase))
            groups.extend([group] * len(phrase))

    def flat(phrases) -> list[str]:
        return [w for p in phrases for w in p]

    if brand_part:
        add(query_phrases(brand_part), "brand")
    elif len(segments) > 1 and brand_first(flat(segments[0]), [flat(s) for s in segments[1:]],
                                           is_known, is_brand):
        add(segments[0], "brand")
        segments = segments[1:]
    if roles and len(segments) > 1 and not any(is_food(w) for w in flat(segments[0])) \
            and sum(map(_content, flat(segments[1]))) >= 2 \
            and brand_first(flat(segments[0]), [flat(s) for s in segments[1:]], is_known, is_brand):
        # A product line of the brand ('Harvest Morn'), naming no food, before a product of two words
        # or more ('Fruit & Fibre Cereal'); one word after it is a flavour ('Tiny Teddy, Chocolate').
        add(segments[0], "brand")
        segments = segments[1:]
    # (Only a brand has been added so far: a label line.) A one-word product may be the first item
    # of a list cut by commas ('Naked, Fruit, Nut & Veggie Bar'): the product takes two words.
    product = [w for w in flat(segments[0]) if _content(w)] if segments else []
    flavour = {w for seg in segments[1:] for w in flat(seg) if _content(w)} - set(product) \
        if roles and len(product) >= 2 else set()
    excluded: set[str] = set()
    named: set[str] = set()  # words naming the food itself, not what is added to it
    extras: set[str] = set()  # words naming what is added to it
    later: set[str] = set()  # ... in a later 'made with' segment
    described: set[str] = set()  # later segments naming the head's kind ('egg' of 'Pasta, egg')
    dish_with = False  # the first segment says 'X with Y': later segments describe the additions
    for number, seg in enumerate(segments):
        negated = without = added = extra = clause = False
        for at, phrase in enumerate(seg):
            clause = clause or phrase[0] in _CLAUSE  # 'from fast food / restaurant' says where, not which kind
            # 'no mayo' counts little; 'without skin' names an SR28 variant and keeps its weight.
            negated = negated or phrase[0] in _SOFT_NEGATION
            without = without or phrase[0] in _NEGATION
            added = added or phrase[0] in _ADDED
            if without and phrase[0] not in _NEGATION:
                excluded.update(phrase)
            elif number > 0 and at + 1 < len(seg) and lex.states.get(seg[at + 1][0]) == "cooked":
                # 'Soybeans, oil roasted': what it was cooked in ('oil', 'pan') is added, not the food.
                extras.update(phrase)
            elif not added:
                named.update(phrase)
                if number > 0 and not negated and not clause and ("or",) not in seg:
                    # ('Duck, goose or wild fowl fat' lists alternatives of the first segment.)
                    described.update(w for w in phrase if _content(w))
            # 'X on Y' adds Y when Y is what carries the food ('on English muffin'), not when it
            # says where a part sits ('fruit on the bottom').
            extra = extra or phrase[0] in _EXTRA or (
                phrase[0] == "on" and any(w in lex.carriers for p in seg[at + 1:] for w in p))
            if (extra or dish_with) and not without and phrase[0] not in _ADDED:
                extras.update(phrase)
                if number > 0 and seg[0][0] == "made":
                    later.update(phrase)
            add([phrase], "qualifier" if negated or (phrase == ("nfs",) and id(seg) in unknown_detail) else "food")
        dish_with = dish_with or (number == 0 and extra)
        add([(",",)], "sep")  # a segment boundary: the main segment ends here
    for part in qualifiers:
        add([p for p in query_phrases(part) if p[0] not in lex.noise], "qualifier")
    # 'Fruit salad, excluding citrus fruits' leaves out citrus, not the fruit the line names.
    excluded -= named
    heads, order, main, foods = _heads(words, roles, groups)
    main_content = [words[i] for i in main if _content(words[i])]
    if len(main_content) != 1 or main_content[0] in lex.categories:
        # 'Fish, salmon': the first segment is a category, the second the food; and a first
        # segment of several words may be a brand no list knows ('Best Foods, Real Mayonnaise').
        described.clear()
    described -= {words[i] for i in heads}
    keep = [i for i, r in enumerate(roles) if r != "sep"]
    position = {old: new for new, old in enumerate(keep)}
    return FoodLine(tuple(words[i] for i in keep), tuple(roles[i] for i in keep),
                    tuple(position[i] for i in heads), tuple(order), frozenset(excluded),
                    frozenset(named), frozenset(words[i] for i in main), frozenset(extras),
                    frozenset(later), frozenset(described), frozenset(flavour), foods)
