"""Turn food text into comparable word tokens.

Diary texts and USDA SR28 descriptions are written differently: case,
punctuation, plurals, British spellings, abbreviations (``w/``, ``lg``, SR28
``CKD``) and USDA's comma style (``Cheese, cheddar``). Both sides go through
the same functions here, so the matcher compares like with like.

The word lists (spellings, abbreviations, synonyms, filler words, preparation
and fat words) live in ``food_synonyms.csv`` next to this module, one row per
entry with a source column. Plurals fold with :func:`food_db.singular` and its
irregular-plural table, shared with the build's measure borrowing.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from food_db import irregular_plurals, singular

__all__ = [
    "Lexicon",
    "lexicon",
    "normalise_key",
    "query_phrases",
    "query_tokens",
    "singularise",
    "tokenise",
]

SYNONYMS_FILE = Path(__file__).parents[1].joinpath("food_synonyms.csv")
#: Food names from shops and other languages: more synonyms, one file per kind of source.
REGIONAL_FILE = Path(__file__).parents[1].joinpath("food_names_regional.csv")
#: USDA survey (FNDDS/ASA24) facet wording of different releases, read as one wording.
SURVEY_FILE = Path(__file__).parents[1].joinpath("survey_wording.csv")

_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
_WITHOUT = re.compile(r"\bw\s*/\s*o\b")
_WITH = re.compile(r"\bw\s*/\s*")
_APOSTROPHE = re.compile(r"['\u2019`]")
# Trade and service marks: NFKD would turn 'milk™' into 'milkTM'.
_MARKS = re.compile("[\u2122\u00ae\u00a9\u2120]")
# Meat written as lean/fat shares, 80/20 -> SR28's "80% lean meat / 20% fat".
_LEAN_FAT = re.compile(r"\b([5-9]\d)\s*/\s*([1-4]?\d)\b")
# FNDDS 'NS as to form', 'NS as to fat added in cooking': the rest of the segment says which
# detail is unknown, never which food, so it reads as 'not further specified'.
_NS_AS_TO = re.compile(r"\bns as to\b[^,;()]*")
_TOKEN = re.compile(r"\d+(?:\.\d+)?%?|[a-z]+")


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``food_synonyms.csv``, grouped by kind.

    Attributes
    ----------
    words
        Whole-word replacements (spellings and abbreviations); a value may
        hold several words (``oj`` -> ``orange juice``).
    plurals
        Irregular plural -> singular.
    synonyms
        Word sequence as written -> replacement words (already tokenised).
    filler
        Word -> multiplier of its weight (below 1: says little about the food).
    brands
        Store and grocery brands that are not in SR28.
    states
        Preparation word -> family (``raw``, ``cooked``, ``dried``...).
    fats
        Fat-level word -> level (``reduced``, ``low``, ``none``, ``whole``).
    categories
        SR28 first segments that name a category rather than the food.
    substitutes
        Words marking an imitation or substitute food.
    generic
        Word sequences marking SR28's all-round default entry of a food.
    implied
        Word -> words added when a text names no raw/cooked state (``pasta``
        -> ``cooked``).
    not_food
        Diary words naming no food (``breakfast``, ``walked``) -> the weight
        they count with; they never match.
    parts
        Words naming a part or cut of a food (``breast``, ``fillet``); they
        are never the head noun (``chicken`` in ``chicken breast``).
    noise
        Words in the names of people's own recipes that say nothing about the
        food (``prototype``, ``batch``); they are dropped.
    dishes
        Head nouns naming a dish or prepared product (``sandwich``, ``salad``).
    opposites
        (text word, food word) pairs naming different foods (``sweetened``,
        ``unsweetened``), from ``survey_wording.csv``.
    fortificants
        Phrases of a food with a nutrient added (``added calcium`` of ``Orange
        juice ... with added calcium``): such an entry only when the text names
        the nutrient.
    fortified_words
        The nutrients those phrases name (``calcium``), and the words saying a food
        was fortified without naming the nutrient (``fortified``, ``enriched``).
    implied_unless
        Word -> the words that say it was made another way, so its implied words are
        not added (``coffee`` -> ``instant``: instant coffee is not brewed).
    forms
        Words naming a form a grain or seed is pressed or puffed into (``flake``, ``puffed``):
        a volume of the form is no volume of the kernels.
    makers
        Words ending a maker's name (``Co``, ``Ltd``, ``Bakery``: ``New York Bakery Co.``): a first
        segment ending in one is the brand, whatever food words it holds.
    carriers
        Words naming what a food is served on (``bread``, ``bun``, ``muffin``): in ``X on Y``
        the food is X, and Y only what carries it.
    carrier_foods
        Carrier word -> the words of the food it names when a line names nothing it carries
        (``wrap`` -> ``tortilla flour``: 'Original Wraps' are flour tortillas, a falafel wrap a dish).
    labels
        Upper-case survey abbreviations (``NFS``) that are no brand name.
    """

    words: dict[str, tuple[str, ...]]
    plurals: dict[str, str]
    synonyms: dict[tuple[str, ...], tuple[str, ...]]
    filler: dict[str, float]
    brands: frozenset[str]
    states: dict[str, str]
    fats: dict[str, str]
    categories: frozenset[str]
    substitutes: frozenset[str] = frozenset()
    generic: tuple[tuple[str, ...], ...] = ()
    implied: dict[str, tuple[str, ...]] = field(default_factory=dict)
    not_food: dict[str, float] = field(default_factory=dict)
    parts: frozenset[str] = frozenset()
    noise: frozenset[str] = frozenset()
    dishes: frozenset[str] = frozenset()
    opposites: tuple[tuple[str, str], ...] = ()
    fortificants: tuple[tuple[str, ...], ...] = ()
    fortified_words: frozenset[str] = frozenset()
    forms: frozenset[str] = frozenset()
    implied_unless: dict[str, frozenset[str]] = field(default_factory=dict)
    carriers: frozenset[str] = frozenset()
    makers: frozenset[str] = frozenset()
    carrier_foods: dict[str, tuple[str, ...]] = field(default_factory=dict)
    labels: frozenset[str] = frozenset()


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        # Lines starting with '#' in the kind column are section comments.
        return [row for row in rows if row["kind"] and not row["kind"].startswith("#")]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load ``food_synonyms.csv`` once per process.

    Returns
    -------
    Lexicon
        The word lists, ready for lookups.
    """
    rows = _read_rows(SYNONYMS_FILE)
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append((row["term"].strip(), row["value"].strip()))
    words = {
        term: tuple(value.split())
        for kind in ("spelling", "abbreviation")
        for term, value in by_kind.get(kind, [])
    }
    # Irregular plurals are shared with the build's measure borrowing: one table, in food_db.
    plurals = dict(irregular_plurals())
    base = Lexicon(words=words, plurals=plurals, synonyms={}, filler={},
                   brands=frozenset(), states={}, fats={}, categories=frozenset())
    with REGIONAL_FILE.open(encoding="utf-8", newline="") as handle:
        regional = [(row["term"].strip(), row["value"].strip()) for row in csv.DictReader(handle)
                    if row["term"] and not row["term"].startswith("#")]
    survey: dict[str, list[tuple[str, str]]] = {}
    for row in _read_rows(SURVEY_FILE):
        survey.setdefault(row["kind"], []).append((row["term"].strip(), row["value"].strip()))
    synonyms = {
        tuple(_words(term, base)): tuple(_words(value, base))
        for term, value in [*by_kind.get("synonym", []), *regional, *survey.get("synonym", [])]
    }
    return Lexicon(
        words=words,
        plurals=plurals,
        synonyms=synonyms,
        filler={term: float(value) for term, value in [*by_kind.get("filler", []), *survey.get("filler", [])]},
        brands=frozenset(singular(term, plurals) for term, _ in by_kind.get("brand", [])),
        states=dict(by_kind.get("state", [])),
        fats=dict(by_kind.get("fat", [])),
        categories=frozenset(term for term, _ in by_kind.get("category", [])),
        substitutes=frozenset(term for term, _ in by_kind.get("substitute", [])),
        generic=tuple(tuple(singular(w, plurals) for w in _words(term, base))
                      for term, _ in by_kind.get("generic", [])),
        implied={singular(term, plurals): tuple(value.split())
                 for term, value in by_kind.get("implied", [])},
        not_food={singular(term, plurals): float(value)
                  for term, value in by_kind.get("not_food", [])},
        parts=frozenset(singular(term, plurals) for term, _ in by_kind.get("part", [])),
        noise=frozenset(singular(term, plurals) for term, _ in by_kind.get("noise", [])),
        dishes=frozenset(singular(term, plurals) for term, _ in by_kind.get("dish", [])),
        opposites=tuple((singular(a, plurals), singular(b, plurals)) for a, b in survey.get("opposite", [])),
        fortificants=tuple(tuple(_words(term, base)) for term, _ in by_kind.get("fortificant", [])),
        fortified_words=frozenset([*(value for _, value in by_kind.get("fortificant", [])),
                                   *(term for term, _ in by_kind.get("fortified", []))]),
        forms=frozenset(singular(term, plurals) for term, _ in by_kind.get("form", [])),
        implied_unless={singular(term, plurals): frozenset(value for t, value in by_kind.get("implied_unless", [])
                                                           if t == term)
                        for term, _ in by_kind.get("implied_unless", [])},
        carriers=frozenset(singular(term, plurals) for term, _ in by_kind.get("carrier", [])),
        makers=frozenset(singular(term, plurals) for term, _ in by_kind.get("maker", [])),
        carrier_foods={singular(term, plurals): tuple(_words(value, base))
                       for term, value in by_kind.get("carrier", []) if value},
        labels=frozenset(term.lower() for term, _ in survey.get("label", [])),
    )



def singularise(word: str) -> str:
    """Return the singular of one lower-case word.

    Parameters
    ----------
    word
        A lower-case word (``berries``, ``tomatoes``, ``leaves``).

    Returns
    -------
    str
        The singular (``berry``, ``tomato``, ``leaf``); words that are not
        plurals (``hummus``, ``swiss``, ``2%``) come back unchanged.
    """
    return singular(word, lexicon().plurals)


@lru_cache(maxsize=65536)
def _singular(word: str) -> str:
    """:func:`singularise`, remembered: texts and descriptions repeat their words."""
    return singular(word, lexicon().plurals)


def _lean_fat(match: re.Match[str]) -> str:
    lean, fat = int(match.group(1)), int(match.group(2))
    return f"{lean}% lean {fat}% fat" if lean + fat == 100 else match.group(0)


def _words(text: str, lex: Lexicon) -> list[str]:
    """Lower-case, fold accents, expand abbreviations; no plural handling."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", _MARKS.sub(" ", text))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    # Each pattern needs a character most texts lack: testing for it first is the same
    # result without the regex call (this runs for every food of the index build).
    if "/" in text:
        text = _WITHOUT.sub(" without ", text)
        text = _WITH.sub(" with ", text)
    if "'" in text or "\u2019" in text or "`" in text:
        text = _APOSTROPHE.sub("", text)
    text = text.replace("&", " and ")
    if "/" in text:
        text = _LEAN_FAT.sub(_lean_fat, text)
    if "ns as to" in text:
        text = _NS_AS_TO.sub(" nfs ", text)
    if "%" in text:
        text = _PERCENT.sub(lambda m: m.group(1).replace(",", ".") + "% ", text)
    out: list[str] = []
    for word in _TOKEN.findall(text):
        out.extend(lex.words.get(word, (word,)))
    return out


def tokenise(text: str) -> list[str]:
    """Split a food text into normalised words, keeping their order.

    Parameters
    ----------
    text
        Any food text: a diary entry or an SR28 description.

    Returns
    -------
    list of str
        Lower-case singular words without accents or punctuation, with
        spellings and abbreviations unified (``Yoghurts w/ honey`` ->
        ``['yogurt', 'with', 'honey']``). Percentages stay one word (``2%``).
    """
    lex = lexicon()
    return [_singular(word) for word in _words(text, lex)]


@lru_cache(maxsize=1)
def _synonym_sizes() -> dict[str, tuple[int, ...]]:
    """First word of each synonym term -> term lengths, longest first."""
    sizes: dict[str, set[int]] = {}
    for term in lexicon().synonyms:
        sizes.setdefault(term[0], set()).add(len(term))
    return {word: tuple(sorted(found, reverse=True)) for word, found in sizes.items()}


def _apply_synonyms(raw: Sequence[str], lex: Lexicon) -> list[list[str]]:
    """Words as phrases: one per word, or the replacement words of one synonym."""
    singles = [_singular(word) for word in raw]
    starts = _synonym_sizes()
    out: list[list[str]] = []
    i = 0
    while i < len(raw):
        replacement = None
        sizes = starts.get(raw[i], ()) + starts.get(singles[i], ())
        for size in sorted(set(sizes), reverse=True) if sizes else ():
            # A term listed as written (crisps) matches only as written; a
            # singular term (prawn) matches its plural too (prawns).
            replacement = lex.synonyms.get(tuple(raw[i:i + size])) \
                or lex.synonyms.get(tuple(singles[i:i + size]))
            if replacement is not None:
                out.append([_singular(word) for word in replacement])
                i += size
                break
        if replacement is None:
            out.append([singles[i]])
            i += 1
    return out


def query_tokens(text: str) -> list[str]:
    """Tokenise a diary text and replace synonyms by SR28 words.

    Parameters
    ----------
    text
        A food text as written in a diary.

    Returns
    -------
    list of str
        Normalised words in order, with synonyms replaced
        (``Courgettes`` -> ``['zucchini']``, ``semi-skimmed milk`` ->
        ``['reduced', 'fat', '2%', 'milk']``).
    """
    return [word for phrase in query_phrases(text) for word in phrase]


def query_phrases(text: str) -> list[list[str]]:
    """Like :func:`query_tokens`, grouped by what was written.

    Parameters
    ----------
    text
        A food text as written in a diary.

    Returns
    -------
    list of list of str
        One list per written word, or per synonym with all its replacement
        words (``chickpeas`` -> ``[['chickpea', 'garbanzo']]``), in order.
    """
    lex = lexicon()
    return _apply_synonyms(_words(text, lex), lex)


def normalise_key(text: str) -> str:
    """Return the key under which a user's correction for a text is stored.

    Texts that differ only in case, punctuation, accents, plurals, spelling,
    abbreviations or USDA comma order share a key: ``Cheese, Cheddar``,
    ``cheddar cheese`` and ``Cheddar cheeses`` all give ``cheddar cheese``.
    Word order inside a comma segment is kept, so ``milk chocolate`` and
    ``chocolate milk`` stay different foods.

    Parameters
    ----------
    text
        The food text as written.

    Returns
    -------
    str
        Space-separated normalised words; empty when the text holds no word.
    """
    segments = [tokenise(part) for part in text.split(",")]
    return " ".join(word for segment in reversed(segments) for word in segment)
