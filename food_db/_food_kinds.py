"""What food a USDA description names, and what kind of measure a household measure is.

Read by the measure borrowing (``_measure_estimates``): a lender must name the same food as its
borrower (the head noun, after a category such as ``Candies``, a brand such as ``NESTLE`` or a
cuisine such as ``Restaurant, Mexican``), in the same form (dry or not; the same product: seed
butter, juice). The words each rule reads live in ``measure_borrowing.csv`` with a source column.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ._words import singular

__all__ = ["BORROWING_FILE", "form_of", "is_cooked", "is_drained_pack", "is_dry", "is_eaten_drained", "is_mass",
           "is_volume", "kind_of"]

_WORD = re.compile(r"[a-z]+")
_SEGMENTS = re.compile(r"[,;]")
_PARENTHESES = re.compile(r"\([^)]*\)")
#: Words that say nothing about which food it is (grammar, and FNDDS's "not further specified").
_STOPWORDS = frozenset({"and", "or", "with", "without", "in", "of", "the", "as", "to", "from", "for", "by",
                        "ns", "nfs", "made", "type", "added", "not", "further", "specified"})
#: Words that end a name segment's own name: what follows is added or how it is made.
_CLAUSE = frozenset({"with", "in", "made", "from", "for", "on", "without", "including"})
BORROWING_FILE = Path(__file__).with_name("measure_borrowing.csv")


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, frozenset[str]]:
    """``measure_borrowing.csv`` by kind: category segments, describing words, dry-form words."""
    with BORROWING_FILE.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["kind"] and not r["kind"].startswith("#")]
    out: dict[str, set[str]] = {}
    for row in rows:
        out.setdefault(row["kind"], set()).add(" ".join(singular(w) for w in _WORD.findall(row["term"].lower())))
    return {kind: frozenset(terms) for kind, terms in out.items()}



def _words(text: str) -> list[str]:
    return [singular(w) for w in _WORD.findall(str(text).lower()) if len(w) > 1 and w not in _STOPWORDS]


def _is_brand(segment: str) -> bool:
    """An upper-case segment of an SR28 description names a brand (``NESTLE``, ``AFTER EIGHT Mints``)."""
    letters = [ch for ch in segment if ch.isalpha()]
    return len(letters) >= 3 and sum(ch.isupper() for ch in letters) >= 0.6 * len(letters)


def _brand_words(description: str) -> frozenset[str]:
    """Lower-case words of the description's upper-case (brand) words.

    Upper-case by the same measure as a brand segment (``_is_brand``): USDA writes ``McDONALD'S``
    with one small letter, and a McDonald's cheeseburger (4 oz item, 119 g) is no brand-free cheeseburger's."""
    return frozenset(singular(w.lower()) for w in re.findall(r"[A-Za-z]+", description)
                     if len(w) >= 3 and _is_brand(w))


def _lower_case_words(descriptions: Iterable[str]) -> frozenset[str]:
    """The words the descriptions write in lower case somewhere ('dark' of 'Candies, dark chocolate ...'), singular."""
    return frozenset(singular(w) for d in descriptions for w in re.findall(r"[A-Za-z]+", str(d)) if w.islower())


def kind_of(description: str) -> tuple[str, str]:
    """What food a description names: its category segment and its head noun.

    The head is the last naming word of the first segment that is neither a category
    (``Candies``, ``Fish``), a brand (``NESTLE``) nor a cuisine (``Restaurant, Mexican, cheese
    enchilada`` is an enchilada); the name stops where a clause starts (``Enchilada with beans``
    is an enchilada).

    Parameters
    ----------
    description
        An SR28, FNDDS or Foundation description.

    Returns
    -------
    tuple of str
        Category (``candy``) and head noun (``green`` for ``Mixed salad greens, raw``),
        singular; each empty when there is none.
    """
    category, naming = _category_and_name(description)
    return category, (naming[-1] if naming else "")


def _name_words(description: str) -> list[str]:
    """The naming words of a description's food (``kidney``, ``bean`` of ``Kidney beans, from canned``)."""
    return _category_and_name(description)[1]


def _category_and_name(description: str) -> tuple[str, list[str]]:
    """Category segment and naming words of the first segment that names the food (see ``kind_of``)."""
    vocabulary = _vocabulary()
    category = ""
    # '(Kashi Crunchy)', '(mamey)': a brand or another name, never the head.
    segments = _SEGMENTS.split(_PARENTHESES.sub(" ", str(description)))
    for position, segment in enumerate(segments):
        words = [singular(w) for w in _WORD.findall(segment.lower())]
        if words and " ".join(words) in vocabulary["category"] and not category:
            category = " ".join(words)
            continue
        if not words or _is_brand(segment) or " ".join(words) in vocabulary["cuisine"]:
            continue
        name: list[str] = []
        for word in words:
            if name and word in _CLAUSE:
                break
            name.append(word)
        naming = [w for w in name if len(w) > 1 and w not in _STOPWORDS and w not in vocabulary["describing"]]
        if naming:
            return category, _kind_named_next(naming, segments[position + 1:position + 2])
    return category, []


def _kind_named_next(naming: list[str], following: list[str]) -> list[str]:
    """The food's name, or the kind the next segment names as one word ending in it.

    SR28 writes 'Bread, cornbread, ...' and 'Milk, buttermilk, ...': the cornbread is the food
    (a piece of cornbread, 65 g, not a slice of bread), as FNDDS's 'Cornbread, made from home recipe' says."""
    if not following or _is_brand(following[0]):
        return naming
    words = [singular(w) for w in _WORD.findall(following[0].lower())]
    if words and words[0].endswith(naming[-1]) and len(words[0]) > len(naming[-1]) + 1:
        return [words[0]]
    return naming


def is_dry(description: str) -> bool:
    """Whether a description names a dry or concentrated form (``dry``, ``powder``, ``condensed``).

    Words after ``from``/``made``/``prepared`` say what the food was made from
    (``Potato, mashed, from dry mix``) and do not count.
    """
    dry = _vocabulary()["dry"]
    for segment in _SEGMENTS.split(str(description).lower()):
        for word in _WORD.findall(segment):
            if word in ("from", "made", "prepared"):
                break
            if singular(word) in dry:
                return True
    return False


def _has_term(description: str, kind: str) -> bool:
    """Whether the description holds one of the ``measure_borrowing.csv`` terms of ``kind`` as whole words."""
    words = f" {' '.join(singular(w) for w in _WORD.findall(str(description).lower()))} "
    return any(f" {term} " in words for term in _vocabulary().get(kind, ()))


def is_cooked(description: str) -> bool:
    """Whether a description names a food cooked in a way that changes its weight (``measure_borrowing.csv``
    ``cooked state``: 'Fish, mackerel, spanish, cooked, dry heat'; roasted nuts are not)."""
    return _has_term(description, "cooked state")


def is_eaten_drained(description: str) -> bool:
    """Whether a description names a canned food as eaten, without its liquid (FNDDS ``from canned``)."""
    return _has_term(description, "eaten drained")


def is_drained_pack(description: str) -> bool:
    """Whether a description names a food weighed without its packing liquid (``drained solids``)."""
    return _has_term(description, "drained pack")


def form_of(description: str) -> frozenset[str]:
    """The product form a description's head noun names (``butter`` of ``Seeds, sunflower seed butter``), if any.

    Only the head counts: ``Croissants, butter`` is a croissant, ``Peach nectar`` a nectar.
    """
    head = kind_of(description)[1]
    return frozenset({head}) & _vocabulary()["form"]


def _first_word(text: str) -> str:
    words = _words(str(text).split(",", 1)[0])
    return words[0] if words else ""


def is_mass(description: str) -> bool:
    """Whether a household measure is a mass ("oz", "lb"): the same grams for any food."""
    lead = _WORD.findall(str(description).lower())
    return bool(lead) and singular(lead[0]) in _vocabulary()["mass"]


#: A volume stated after a number inside a measure: "serving 1/2 cup", "individual (3.5 fl oz)".
_STATED_VOLUME = re.compile(r"\d\s*(fl\.? ?oz|[a-z]+)")
#: A measure stating the volume of what the food makes (a dry mix's "amount to make 1/2 cup", a "package
#: yield (2 cups)"): not the food's own volume.
_MADE_INTO = re.compile(r"\b(?:to make|makes?|yields?)\b")


def is_volume(description: str) -> bool:
    """Whether a household measure is or states a volume ("cup, chopped", "fl oz", "serving 1/2 cup")."""
    text = str(description).lower()
    lead = [singular(w) for w in _WORD.findall(re.split(r"[,(]", text, maxsplit=1)[0])]
    volume = _vocabulary()["volume"]
    if lead and (lead[0] in volume or " ".join(lead[:2]) in volume):
        return True
    if _MADE_INTO.search(text):  # "portion, amount to make 1/2 cup": the volume is of what it makes
        return False
    return any(" ".join(singular(w) for w in _WORD.findall(unit)) in volume for unit in _STATED_VOLUME.findall(text))
