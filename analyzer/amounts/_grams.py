"""Turn a parsed amount into grams for one food, using the food's own USDA measures.

Order of preference (``source`` in the result):

``direct``             a mass converts by itself (2 oz = 56.7 g); a count's stated raw weight
                       ("0.82 fillet - each 6 1/2 oz raw") of a cooked food is the food's own cooked
                       item instead, when it has one (source ``household_measure``); a can's stated net weight
                       ("can - each 5 oz net weight") of a food weighed drained is that weight times
                       the share its own drained can keeps (SR28 tuna in oil: "can (12.5 oz), drained"
                       = 321 g of 354 g, so 0.906; source ``household_measure``).
``household_measure``  the food has a measure for the unit ("1 cup, chopped = 30 g",
                       "1 large = 50 g"); or it has another volume measure, and pint
                       converts between volumes at the food's own density
                       (flag ``converted_volume``); or a bare count or "whole" takes
                       the food's count-like measure, or else a measure named after the
                       item, "avocado, NS as to ..." (the medium one among sizes: "doughnut,
                       medium"; flag ``default_count_measure``); "round" counts round items
                       ("melba round"); an "each" named by its dimensions ('each - approx 2 1/4"
                       diameter') takes the measure of those dimensions, another lender's too;
                       or a size named by its dimensions ("0.10 large - 8 1/4\" long") takes
                       the one measure of those dimensions ('cucumber (8-1/4")'), a borrowed one
                       before an own item of other dimensions ('large (approx 4-1/2" dia)');
                       or a missing size takes the nearest size, else the food's one
                       undimensioned measure named after it ("1 onion"; flag ``size_substituted``);
                       a portion named by its size alone ('1.00 12" diameter') is that whole
                       item (flag ``size_substituted``), scaled by area from the whole-item
                       measure of the nearest stated diameter (a 12" pizza of 573 g is 780 g
                       at 14"); a portion a measure counts
                       ("20.00 half" against "1 oz (14 halves)") is one of those items.
``density``            a volume with no volume measure at all: 1 g/ml, water's density
                       (flag ``density``, low confidence).
``assumed_serving``    "serving", "portion" or "full recipe" with no such measure: the
                       food's first measure (flag ``assumed_serving``); not a serving that
                       counts several items none of the measures weighs ("Serving (400 each)").

A result over 5,000 g is kept but flagged ``over_5kg``; over a tonne it is an error.
A measure the food database borrowed from another food (``estimated_from``:
FNDDS dishes take the closest SR28 food's, a food weighed only in ounces the cup of the closest
food of its kind) is flagged ``estimated_measure``, and the
detail says what it was based on.
"""

from __future__ import annotations

import functools
import math
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import cast

import pandas as pd

from food_db import is_cooked

from ..errors import AmountError, SchemaError
from ._amounts import ParsedAmount
from ._amounts import numbers_in as _numbers
from ._units import Unit, conversion_factor, lookup_unit, normalise_unit_text, unit_info

__all__ = ["MAX_GRAMS", "OVER_GRAMS", "SOURCES", "GramsResult", "resolve_grams", "resolve_portion"]

SOURCES = ("direct", "household_measure", "density", "assumed_serving")
#: One entry heavier than this is possible (a pot of soup) but worth a second look.
OVER_GRAMS = 5000.0
#: One entry heavier than a tonne is a typing mistake.
MAX_GRAMS = 1_000_000.0
#: Count words that name no particular measure: they take the food's usual unit.
_GENERIC_COUNT = frozenset({"each", "whole", "item", "unit"})
#: Shape words: a measure naming the shape is the item ("melba round", "waffle, round (4\" dia)"), else
#: they say no more than "each" ('10.00 round' of wheat crackers, measured as "16 crackers", is 10 crackers).
_SHAPE_COUNT = frozenset({"round"})

# How sure each route is (0..1); a range takes a fifth off.
_CONFIDENCE = {"direct": 1.0, "measure": 0.9, "serving_measure": 0.8, "default_count": 0.75,
               "converted_volume": 0.7, "named_item": 0.6, "size_substituted": 0.5, "assumed_serving": 0.4,
               "density": 0.3}
_RANGE_PENALTY = 0.8
#: A measure borrowed from another food (``estimated_from``) is less sure than the food's own.
_ESTIMATE_PENALTY = 0.8

_WORD = re.compile(r"[a-z]+")
# "approx" qualifies a size and names none: '1.00 medium - approx 4 1/4" diameter' of a Danish is its
# 'pastry (4-1/4" dia)' (71 g), not the 'small or frozen (approx 3" dia)' (35 g) that shares only the word.
_STOPWORDS = frozenset({"a", "an", "and", "of", "or", "the", "to", "with", "about", "approx", "approximately", "each",
                        "in"})
# Words a diary and USDA spell differently for the same thing: Cronometer's "patty" of a veggie burger is
# USDA's "1 burger" (only veggie burgers have one); a "floweret" is a "flower" of cauliflower; "mashed" and
# "pureed" fruit fill a cup alike (SR28: banana mashed 225 g, strawberries pureed 232 g; no food has both).
_SYNONYMS = {"diameter": "dia", "inches": "inch", "halves": "half", "leaves": "leaf", "patty": "burger",
             "patties": "burger", "floweret": "flower", "flowerets": "flower", "floret": "flower",
             "florets": "flower", "pureed": "mashed"}


@dataclass(frozen=True)
class GramsResult:
    """Grams for one entry, and how they were found.

    Attributes
    ----------
    grams
        Finite, positive weight of the entry.
    source
        One of ``SOURCES``.
    detail
        A sentence saying which measure was used, e.g. ``"1 cup, chopped = 30 g; 2 cup = 60 g."``
    confidence
        0..1, how sure the route is.
    flags
        The parse flags plus any of ``converted_volume``, ``default_count_measure``,
        ``size_substituted``, ``density``, ``assumed_serving``, ``estimated_measure``, ``over_5kg``.
    """

    grams: float
    source: str
    detail: str
    confidence: float
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Measure:
    seq: float
    amount: float
    description: str
    grams: float
    head: Unit | None          # the unit the description starts with ("cup, chopped" -> cup)
    plain: bool                # the description is nothing but that unit word
    estimated_from: str = ""   # what a borrowed measure is based on; "" for the food's own


def _stem(word: str) -> str:
    """Crude English stem so "sliced", "slices" and "slice" meet."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


@functools.lru_cache(maxsize=65536)
def _words(text: str) -> frozenset[str]:
    return frozenset(_stem(_SYNONYMS.get(w, w)) for w in _WORD.findall(text.lower()) if w not in _STOPWORDS)


#: The generic count words as ``_words`` reads them (stemmed; "each" is a stopword already).
_GENERIC_STEMS = _words(" ".join(sorted(_GENERIC_COUNT)))


@functools.lru_cache(maxsize=65536)
def _head(description: str) -> tuple[Unit | None, bool]:
    """The unit a USDA measure description starts with, and whether that is all it says."""
    lead = re.split(r"[,(]", description, maxsplit=1)[0]
    words = normalise_unit_text(lead).split()
    for length in range(min(3, len(words)), 0, -1):
        unit = lookup_unit(" ".join(words[:length]))
        if unit is not None:
            return unit, length == len(words) and lead.strip() == description.strip()
    return None, False


#: A measure description that starts with a length: its amount is the size of one item ("6" "inch sub").
_LENGTH_FIRST = re.compile(r'^\s*(?:(?:inch(?:es)?|cm|centimet(?:er|re)s?)\b|in\.|")', re.IGNORECASE)


def _read_measures(measures: pd.DataFrame) -> tuple[_Measure, ...]:
    _check_columns(measures)
    return _measure_rows(measures.to_numpy(dtype=object).tolist(), measures.columns.tolist())


#: The columns a food's measures must have.
_MEASURE_COLUMNS = frozenset({"seq", "amount", "description", "grams"})


def _check_columns(measures: pd.DataFrame) -> None:
    missing = _MEASURE_COLUMNS - set(measures.columns)
    if missing:
        raise SchemaError(f"The food measures table lacks the columns {sorted(missing)}.", column=sorted(missing)[0])


def _measure_rows(table_rows: list[list], columns: list) -> tuple[_Measure, ...]:
    """The usable measures among one food's rows (``columns`` name the values of each row), in USDA order."""
    positions = [columns.index(name) for name in ("seq", "amount", "description", "grams")]
    basis_at = columns.index("estimated_from") if "estimated_from" in columns else None
    rows = []
    for values in table_rows:
        seq, amount, description, grams = (values[i] for i in positions)
        basis = values[basis_at] if basis_at is not None and isinstance(values[basis_at], str) else ""
        amount, grams = float(amount), float(grams)
        if not (math.isfinite(amount) and math.isfinite(grams) and amount > 0 and grams > 0):
            continue
        if _LENGTH_FIRST.match(str(description)):
            # SR28 "6 inch sub = 237 g": the amount is the length of one sub, not a count of subs.
            amount, description = 1.0, f"({_fmt(amount)} {description})"
        head, plain = _head(str(description))
        seq = float(seq) if seq is not None and seq == seq else math.inf
        rows.append(_Measure(seq, amount, str(description), grams, head, plain, basis))
        if head is None or head.kind != "volume":
            rows.extend(_stated_volume(rows[-1]))
    return tuple(sorted(rows, key=lambda m: m.seq))


#: A measure that states the volume of what the food makes, not its own.
_MADE_INTO = re.compile(r"\b(?:to make|makes?|yields?)\b")
#: A volume a measure states inside its description: "serving 1/2 cup", "individual (3.5 fl oz)".
_STATED_VOLUME = re.compile(r"(\d+(?:\.\d+)?(?:/\d+)?)\s*(fl\.? ?oz|[a-z]+)")


def _volume_in(text: str) -> tuple[float, str, Unit] | None:
    """The first volume a text states ("serving 1/2 cup", "makes 3 cups"): (number, word, unit); or None."""
    for number, word in _STATED_VOLUME.findall(text.lower()):
        unit = lookup_unit(normalise_unit_text(word))
        if unit is not None and unit.kind == "volume":
            return _numbers(number)[0], word, unit
    return None


def _stated_volume(measure: _Measure) -> tuple[_Measure, ...]:
    """The measure again as the volume it states ("serving 1/2 cup = 66 g" is also "1/2 cup = 66 g"),
    so a volume in the diary uses the food's own weight of it rather than another food's. A dry mix's
    "amount to make 1/2 cup" or a "package yield (2 cups)" states the volume of what it makes: none."""
    stated = None if _MADE_INTO.search(measure.description.lower()) else _volume_in(measure.description)
    if stated is None:
        return ()
    number, word, unit = stated
    amount = number * measure.amount
    said = f"{word} (from {_fmt(measure.amount)} {measure.description})"
    return (replace(measure, amount=amount, description=said, head=unit, plain=False),) if amount > 0 else ()


# Read measures once per DataFrame object: food_db hands out the same frame for a food
# every time, and reading a small frame costs more than resolving against it.
_READ: dict[int, tuple[weakref.ref, tuple[_Measure, ...]]] = {}


def _measures(measures: pd.DataFrame | None) -> tuple[_Measure, ...]:
    """Usable rows of the food's measures, in USDA order (frames are treated as read-only)."""
    if measures is None or len(measures) == 0:
        return ()
    key = id(measures)
    cached = _READ.get(key)
    if cached is not None and cached[0]() is measures:
        return cached[1]
    rows = _read_measures(measures)
    _remember_read(measures, rows)
    return rows


def _remember_read(measures: pd.DataFrame, rows: tuple[_Measure, ...]) -> None:
    key = id(measures)
    _READ[key] = (weakref.ref(measures, lambda _: _READ.pop(key, None)), rows)


def read_measures(frames: Iterable[pd.DataFrame | None]) -> None:
    """Read the measures of many foods in one step, so resolving against them reads none again.

    Each food's frame (``FoodTable.measures_of``) costs about 0.1 ms of pandas to read alone:
    the 436 foods of the 10,000-row real-shaped diary took 0.06 s that way, 0.01 s together.
    A frame read before, and an empty one, are passed over. What is read is exactly what
    :func:`resolve_grams` would read from each frame by itself; frames of different columns
    (not of one food table), or without the measure columns, are left to be read one by one
    when a food's amount needs them, as before.
    """
    wanted = {id(frame): frame for frame in frames if frame is not None and len(frame)}
    todo = [frame for key, frame in wanted.items() if not ((cached := _READ.get(key)) and cached[0]() is frame)]
    if not todo:
        return
    columns = todo[0].columns.tolist()
    if any(frame.columns.tolist() != columns for frame in todo) or not _MEASURE_COLUMNS <= set(columns):
        return
    values = pd.concat(todo).to_numpy(dtype=object).tolist()
    start = 0
    for frame in todo:
        _remember_read(frame, _measure_rows(values[start:start + len(frame)], columns))
        start += len(frame)


#: Words of a novelty size in USDA measure texts ('bar, miniature' 7 g, 'bar, fun size' 15 g, 'bar, king size'
#: 113 g), as ``_words`` reads them: a line that names none of them means the ordinary one.
_NOVELTY_SIZE = _words("miniature mini fun snack bite king sample")


def _best(candidates: list[_Measure], hint: str) -> _Measure | None:
    """The candidate the hint describes best; then a plain one; then one of no novelty size; then the
    first in USDA order."""
    if not candidates:
        return None
    hint_words, hint_numbers = _words(hint), _numbers(hint)

    def score(m: _Measure) -> tuple[float, bool, bool, float]:
        described = _words(m.description)
        points = float(len(hint_words & described))
        numbers = _numbers(m.description)
        if hint_numbers and numbers:
            # Each stated number counts: a slice '3 1/2" x 3/4"' is the '3-1/2" dia x 3/4" thick' one (84 g),
            # not the '4-2/3" dia x 3/4" thick' one (166 g) that matches the thickness alone.
            points += sum(1 / (1 + min(abs(a - b) for b in numbers)) for a in hint_numbers) / len(hint_numbers)
        # "1 bar" of SR28 milk chocolate is its 'bar (1.55 oz)' (44 g), not the 'bar, miniature' (7 g) listed first.
        return points, m.plain, not described & _NOVELTY_SIZE, -m.seq

    return max(candidates, key=score)


def _fmt(value: float) -> str:
    return f"{value:.4g}" if value < 1e4 else f"{value:,.0f}"


def _from_measure(parsed: ParsedAmount, measure: _Measure) -> tuple[float, str]:
    grams = parsed.quantity / measure.amount * measure.grams
    said = f"{_fmt(parsed.quantity)} {parsed.unit_text}".strip()
    return grams, f"{_fmt(measure.amount)} {measure.description} = {_fmt(measure.grams)} g; {said} = {_fmt(grams)} g."


def _estimate_note(measure: _Measure) -> tuple[str, tuple[str, ...]]:
    """What a measure borrowed from another food (``estimated_from``) adds to the detail, and its flag."""
    if not measure.estimated_from:
        return "", ()
    return f" This measure is not the food's own; estimated from the {measure.estimated_from}.", ("estimated_measure",)


def _used(parsed: ParsedAmount, measure: _Measure, route: str,
          flags: tuple[str, ...]) -> tuple[float, str, str, tuple[str, ...]]:
    """A route's result from one measure: grams, detail (saying where a borrowed measure came from), route, flags."""
    grams, detail = _from_measure(parsed, measure)
    note, estimated = _estimate_note(measure)
    return grams, detail + note, route, flags + estimated


def _volume(parsed: ParsedAmount, measures: tuple[_Measure, ...]) -> tuple[float, str, str, tuple[str, ...]]:
    same = [m for m in measures if m.head is not None and m.head.canonical == parsed.unit]
    chosen = _best(same, parsed.hint)
    if chosen is not None:
        return _used(parsed, chosen, "measure", ())
    volume_unit = cast(str, parsed.unit)  # a volume always has its unit
    millilitres = parsed.quantity * conversion_factor(unit_info(volume_unit).pint_unit, "milliliter")
    said = "" if parsed.unit == "ml" else f"{_fmt(parsed.quantity)} {parsed.unit_text} = "
    volumes = [m for m in measures if m.head is not None and m.head.kind == "volume"]
    chosen = _best(volumes, parsed.hint)
    if chosen is None:
        detail = f"No household measure fits; {said}{_fmt(millilitres)} ml taken at 1 g/ml (the density of water)."
        return millilitres, detail, "density", ("density",)
    density = chosen.grams / (chosen.amount * conversion_factor(cast(Unit, chosen.head).pint_unit, "milliliter"))
    grams = millilitres * density
    note, estimated = _estimate_note(chosen)
    detail = (f"{said}{_fmt(millilitres)} ml at this food's density ({density:.2f} g/ml, from "
              f"{_fmt(chosen.amount)} {chosen.description} = {_fmt(chosen.grams)} g) is {_fmt(grams)} g.{note}")
    return grams, detail, "converted_volume", ("converted_volume", *estimated)


def _usual_count(measures: tuple[_Measure, ...], word: str | None,
                 hint: str) -> tuple[_Measure | None, bool]:
    """The measure a bare count or "whole"/"each" means, and whether a measure names that word.

    Among the count-like measures (those naming the word, if any do): the one the hint
    describes, else USDA's first measure if it is count-like, else the lowest rank
    (each, whole, medium, large... from ``unit_aliases.csv``).
    """
    countable = [m for m in measures if m.head is not None and m.head.kind == "count"]
    named = [m for m in countable if word and _stem(word) in _words(m.description)]
    candidates = named or countable
    if not candidates:
        return None, False
    if _words(hint) or _numbers(hint):
        hinted = cast(_Measure, _best(candidates, hint))  # candidates is not empty
        if _words(hint) & _words(hinted.description) or (_numbers(hint) and _numbers(hinted.description)):
            return hinted, bool(named)
    if measures[0] in candidates:
        return measures[0], bool(named)
    return min(candidates, key=lambda m: (cast(Unit, m.head).count_rank or 99, m.seq)), bool(named)


def _of_dimensions(measures: tuple[_Measure, ...], hint: str) -> list[_Measure]:
    """The item measures stating exactly the numbers the hint states ('cucumber (8-1/4")' for
    '8 1/4" long'); none when the hint states no number."""
    wanted = _numbers(hint)
    return [m for m in measures if wanted and (m.head is None or m.head.kind == "count")
            and _numbers(m.description) == wanted]


#: The usual size, as ``_words`` reads it.
_MEDIUM = _stem("medium")


def _usual_item(candidates: list[_Measure], hint: str) -> _Measure | None:
    """The item measure a bare count or "each" means among measures named by no unit word: the one the
    hint describes; else the medium one, USDA's usual size ("1.06 Each" of a frosted doughnut is its
    'doughnut, medium (approx 3" dia)' = 43 g, not the first listed 'donettes (2" dia)' = 18 g); else
    the first in USDA order."""
    chosen = _best(candidates, hint)
    if chosen is None or _words(hint) & _words(chosen.description) or (_numbers(hint)
                                                                        and _numbers(chosen.description)):
        return chosen
    return next((m for m in candidates if _MEDIUM in _words(m.description)), chosen)


def _overlap(words: frozenset[str], measure: _Measure) -> int:
    return len(words & _words(measure.description))


def _portion(parsed: ParsedAmount, measures: tuple[_Measure, ...],
             same: list[_Measure]) -> _Measure | None:
    """The measure the portion text names better than any measure of the unit itself.

    Cronometer writes what one unit is after the number ("2.00 large slice - 1/4\" thick",
    "1.00 cucumber (8-1/4\")", "1.00 large" for 'croissant, large'): the food's measure
    sharing most of those words is the unit, when it shares more than the unit's own measures.
    """
    # Generic count words ("whole", "each") name no measure: they keep the usual-unit rule.
    words = _words(f"{parsed.unit_text} {parsed.hint}") - _GENERIC_STEMS
    if not words or not measures:
        return None
    hint = f"{parsed.unit_text} {parsed.hint}"
    # A measure in cups or ounces is not "one" of anything: "1 slice" is never "1 cup slices".
    countable = [m for m in measures if m.head is None or m.head.kind in ("count", "serving")]
    if not countable:
        return None
    best = _best(countable, hint)
    if best is None:
        return None
    found = _overlap(words, best)
    if found == 0 or found <= max((_overlap(words, m) for m in same), default=0):
        return None
    tied = [m for m in countable if _overlap(words, m) == found]
    if len(tied) > 1 and not (_numbers(hint) and _numbers(best.description)):
        # "1.00 Bagel" names every bagel measure: the medium one, as USDA's usual unit, else the usual rule.
        return next((m for m in tied if "medium" in _words(m.description)), None)
    return _one_of(best, words)


#: A number then the word it counts, as in a measure "serving 5 mints" or "serving fun size (8 chews)".
#: The items' size may stand between: "(2 oz package containing 2 3\" bars)" holds 2 bars.
_COUNTED = re.compile(r"(\d+(?:\.\d+)?)\s+(?:\d+(?:[./-]\d+)*\s*(?:\"|-?inch(?:es)?\b)\s*)?([a-z]+)")


def _one_of(measure: _Measure, words: frozenset[str]) -> _Measure:
    """A measure that holds several of the items the portion names, as that many items.

    "2.00 x 4.0 Mints" against "serving 5 mints = 42 g" is 8 mints of 8.4 g, not 8 servings.
    """
    for number, word in _COUNTED.findall(measure.description.lower()):
        if float(number) > 1 and _words(word) & words:
            return replace(measure, amount=measure.amount * float(number),
                           description=f"{word}, from {_fmt(measure.amount)} {measure.description}")
    return measure


#: A weight stated in parentheses after a whole item: "(approx 1-1/4 lb)", "(yield from 1-1/4 lb)".
_WEIGHT_NOTE = re.compile(r"\((?:approx\.?|about|yield from)?\s*[\d\s./-]+\s*(?:lbs?|oz|g|kg)\)", re.IGNORECASE)


def _named_item(measures: tuple[_Measure, ...], food: str, hint: str) -> _Measure | None:
    """The measure named after the food itself ("onion" of 'Onions, yellow, raw', "pizza" of
    'Pizza, extra cheese'): one whole item of the usual size. None when no measure is so named,
    or when it states its own dimensions ('cucumber (8-1/4")' is one size, not any size)."""
    food_words = _words(food)
    # A weight in parentheses ('eggplant, unpeeled (approx 1-1/4 lb)') is what the usual item weighs, no size.
    named = [m for m in measures if m.head is None and not _numbers(_WEIGHT_NOTE.sub("", m.description))
             and _words(m.description.split(",")[0].split("(")[0])
             and _words(m.description.split(",")[0].split("(")[0]) <= food_words]
    # What is left of an item after trimming ("peeled (yield from 1-1/4 lb)") is not the whole item.
    return _best([m for m in named if "yield" not in m.description.lower()] or named, hint)


#: How SR28 WEIGHT.txt names one whole item that is not named after the food: "1 fruit = 905 g" (pineapple).
_WHOLE_ITEM_WORDS = frozenset({"fruit", "whole"})


def _whole_item(parsed: ParsedAmount, measures: tuple[_Measure, ...], food: str) -> _Measure | None:
    """The measure of one whole item when the amount says "whole" ("0.60 each - whole pineapple") and
    the food's count measures are neither whole nor sized, only parts (slices): its "fruit", or the measure
    named after the food; None otherwise (a part of the item is never the whole of it)."""
    said = f"{parsed.unit_text} {parsed.hint}"
    sized = any(m.head is not None and m.head.size_order is not None for m in measures)
    if sized or _stem("whole") not in _words(said):
        return None
    items = [m for m in measures if m.head is None and not _numbers(_WEIGHT_NOTE.sub("", m.description))
             and _WORD.findall(m.description.lower())[:1] in ([w] for w in _WHOLE_ITEM_WORDS)]
    return _best(items, said) or _named_item(measures, food, said)


#: A portion named only by its size: '12" diameter', '3 x 3 inch', "14-inch".
_DIMENSION_ONLY = re.compile(r'^\d[\d\s./-]*(?:"|\'\'|-?\s*inch(?:es)?\b|-?\s*in\b)[\s\dx."/-]*'
                             r"(?:diameter|dia|long|wide|across|round|x|\s)*$", re.IGNORECASE)
#: What may stand beside a size word for the whole item to be meant: dimensions, nothing that
#: names a part ("2.00 large slice - 1/4\" thick" is two slices, not two onions).
_SIZE_HINT = re.compile(r"^(?:[\d\s./\"'x-]|\b(?:diameter|dia|long|wide|across|high|tall|to|approx|approximately"
                        r"|about|in|inch|inches)\b)*$", re.IGNORECASE)


#: Parts a whole item is cut into, counted in its description: '16" diameter - 8 slices'.
_PARTS = re.compile(r"(?:^|[\s,;-])(\d+)\s+([a-z]+)\b", re.IGNORECASE)


def _cut_into(parsed: ParsedAmount) -> tuple[str, int, Unit] | None:
    """A size word whose hint counts the parts of the item ("extra large - 16\" diameter - 8 slices"):
    (the hint without the parts, how many, the part's unit); None when the hint counts no parts."""
    if parsed.unit is None or unit_info(parsed.unit).size_order is None:
        return None
    for found in _PARTS.finditer(parsed.hint):
        part = lookup_unit(found.group(2).lower())
        if part is not None and part.kind == "count" and part.size_order is None \
                and part.canonical not in _GENERIC_COUNT and int(found.group(1)) > 1:
            rest = (parsed.hint[:found.start()] + " " + parsed.hint[found.end():]).strip(" -,;")
            return " ".join(rest.split()), int(found.group(1)), part
    return None


def _whole_of_parts(parsed: ParsedAmount, measures: tuple[_Measure, ...],
                    food: str) -> tuple[float, str, str, tuple[str, ...]] | None:
    """'1.00 extra large - 16" diameter - 8 slices' of a pizza is one whole 16" pizza, not one slice:
    the whole item scaled by area from the measure of the nearest diameter (``_by_diameter``), else the
    parts it counts, each weighed by the food's measure of one part (8 x "1 slice")."""
    cut = _cut_into(parsed)
    if cut is None:
        return None
    size, parts, part = cut
    whole = _by_diameter(replace(parsed, hint=size), measures, food)
    if whole is not None:
        return whole.grams, whole.detail, "size_substituted", whole.flags
    pieces = [m for m in measures if m.head is not None and m.head.canonical == part.canonical]
    chosen = _best(pieces, size)
    if chosen is None:
        return None
    grams = parsed.quantity * parts * chosen.grams / chosen.amount
    note, estimated = _estimate_note(chosen)
    detail = (f"{_fmt(chosen.amount)} {chosen.description} = {_fmt(chosen.grams)} g; {_fmt(parsed.quantity)} "
              f"{parsed.unit_text} of {parts} {part.canonical} = {_fmt(grams)} g.{note}")
    return grams, detail, "measure", estimated


def _millilitres(text: str) -> float | None:
    """The one volume a text states ("makes 3 cups", "packet (6 fl oz)") in ml; None when it states none."""
    stated = _volume_in(text)
    if stated is None:
        return None
    number, _, unit = stated
    return number * conversion_factor(unit_info(unit.canonical).pint_unit, "milliliter")


def _made_as_stated(parsed: ParsedAmount, same: list[_Measure]) -> tuple[float, str, str, tuple[str, ...]] | None:
    """'1.00 envelope - makes 3 cups' of a dry soup mix whose packet states the soup it makes
    ("packet (6 fl oz) = 11.1 g"): a mix weighs in proportion to what it makes, so 3 cups (710 ml)
    is 11.1 g x 710 / 177 ml = 44.4 g. None when the hint states no volume made or no measure of
    the unit states one."""
    if not _MADE_INTO.search(parsed.hint.lower()):
        return None
    wanted = _millilitres(_MADE_INTO.split(parsed.hint.lower(), maxsplit=1)[1])
    # What a measure makes: it says so ("amount to make 1 cup"), or states fluid ounces, which no powder is
    # measured in; a dry mix's "(1/2 cup)" alone may be the powder's own volume.
    stated = [(m, ml) for m in same if (_MADE_INTO.search(m.description.lower()) or "fl" in m.description.lower())
              and (ml := _millilitres(m.description))]
    if not wanted or not stated:
        return None
    measure, millilitres = stated[0]
    grams = parsed.quantity * measure.grams / measure.amount * wanted / millilitres
    note, estimated = _estimate_note(measure)
    detail = (f"{_fmt(measure.amount)} {measure.description} = {_fmt(measure.grams)} g makes {_fmt(millilitres)} ml; "
              f"{_fmt(parsed.quantity)} {parsed.unit_text} making {_fmt(wanted)} ml each = {_fmt(grams)} g.{note}")
    return grams, detail, "measure", estimated


def _count(parsed: ParsedAmount, measures: tuple[_Measure, ...],
           food: str) -> tuple[float, str, str, tuple[str, ...]]:
    cut = _whole_of_parts(parsed, measures, food)
    if cut is not None:
        return cut
    same = [m for m in measures if m.head is not None and m.head.canonical == parsed.unit]
    portion = _portion(parsed, measures, same) if parsed.unit not in _GENERIC_COUNT | {None} else None
    if portion is not None:
        return _used(parsed, portion, "measure", ())
    chosen = _best(same, parsed.hint)
    made = _made_as_stated(parsed, same) if chosen is not None else None
    if made is not None:
        return made
    if chosen is not None:
        return _used(parsed, chosen, "measure", ())
    if parsed.unit is None or parsed.unit in _GENERIC_COUNT | _SHAPE_COUNT:
        chosen, named = _usual_count(measures, parsed.unit, parsed.hint)
        if chosen is not None and named:
            return _used(parsed, chosen, "measure", ())
        whole = _whole_item(parsed, measures, food)
        if whole is not None:
            return _used(parsed, whole, "measure", ())
        sized = _of_dimensions(measures, parsed.hint) if _SIZE_HINT.match(parsed.hint) else []
        if sized and chosen not in sized:
            # '3.00 each - approx 2 1/4" diameter' of cookies: the item of those dimensions,
            # 'cookie, medium (2-1/4" dia)', not the usual count of another shape ('bar (2" square)').
            return _used(parsed, cast(_Measure, _best(sized, parsed.hint)), "measure", ())
        if chosen is not None:
            return _used(parsed, chosen, "default_count", ("default_count_measure",))
        # No count word at all: a measure named after the item ("avocado, NS as to Florida
        # or California", "fruit without refuse") is one of it.
        chosen = _usual_item([m for m in measures if m.head is None], parsed.hint)
        if chosen is not None:
            return _used(parsed, chosen, "named_item", ("default_count_measure",))
    requested = unit_info(parsed.unit).size_order if parsed.unit else None
    if requested is not None:
        # "0.10 large - 8 1/4\" long" for a food measured only as 'cucumber (8-1/4")': the
        # size word is named by its dimensions, and the one measure of those dimensions is it.
        sized = _of_dimensions(measures, parsed.hint)
        if len(sized) == 1:
            return _used(parsed, sized[0], "measure", ())
    if requested is not None:
        sizes = [m for m in measures if m.head is not None and m.head.size_order is not None]
        if sizes:
            chosen = min(sizes, key=lambda m: (abs(cast(int, cast(Unit, m.head).size_order) - requested), m.seq))
            return _used(parsed, chosen, "size_substituted", ("size_substituted",))
        # "1.00 medium - 2 1/2\" diameter" for a food measured only as "1 onion": USDA's one onion
        # is the usual size, so it stands for any size named (flagged, less sure).
        chosen = _named_item(measures, food, parsed.hint) if _SIZE_HINT.match(parsed.hint) else None
        if chosen is not None:
            return _used(parsed, chosen, "size_substituted", ("size_substituted",))
    said = f"'{parsed.unit_text}'" if parsed.unit_text else "a count without a unit"
    raise AmountError(f"{food} has no household measure for {said}; enter the amount in grams.",
                      value=parsed.unit_text or parsed.quantity)


def _serving(parsed: ParsedAmount, measures: tuple[_Measure, ...],
             food: str) -> tuple[float, str, str, tuple[str, ...]]:
    same = [m for m in measures if m.head is not None and m.head.canonical == parsed.unit]
    chosen = _best(same, parsed.hint)
    if chosen is not None:
        return _used(parsed, chosen, "serving_measure", ())
    if not measures:
        raise AmountError(f"{food} has no serving size on record; enter the amount in grams.",
                          value=parsed.unit_text)
    first = measures[0]                     # one serving = the whole first measure, "3 oz" included
    grams = parsed.quantity * first.grams
    detail = (f"No serving size on record; one serving taken as USDA's first measure, "
              f"{_fmt(first.amount)} {first.description} = {_fmt(first.grams)} g; "
              f"{_fmt(parsed.quantity)} {parsed.unit_text} = {_fmt(grams)} g.")
    note, estimated = _estimate_note(first)
    return grams, detail + note, "assumed_serving", ("assumed_serving", *estimated)


_SOURCE_OF = {"measure": "household_measure", "serving_measure": "household_measure",
              "default_count": "household_measure", "converted_volume": "household_measure",
              "named_item": "household_measure",
              "size_substituted": "household_measure", "assumed_serving": "assumed_serving",
              "density": "density"}


def resolve_grams(parsed: ParsedAmount, measures: pd.DataFrame | None,
                  description: str | None = "") -> GramsResult:
    """Weigh a parsed amount of one food.

    Parameters
    ----------
    parsed
        From ``parse_amount``.
    measures
        The food's household measures (``FoodTable.measures`` rows of that one food:
        ``seq, amount, description, grams``, optionally ``estimated_from``); empty or ``None``
        when it has none.
    description
        The food's name, used in messages ("Egg, whole, raw, fresh has no ...").

    Returns
    -------
    GramsResult

    Raises
    ------
    AmountError
        A count or size the food has no measure for, a serving of a food with no
        measures, or a result over ``MAX_GRAMS``.

    Examples
    --------
    >>> from analyzer.amounts._amounts import parse_amount
    >>> eggs = pd.DataFrame({"seq": [1], "amount": [1.0], "description": ["large"], "grams": [50.0]})
    >>> resolve_grams(parse_amount("2 large"), eggs).grams
    100.0
    """
    food = description or "This food"
    rows = _measures(measures)
    flags: tuple[str, ...]
    cooked = _cooked_item(parsed, rows, food, description or "")
    if cooked is not None:
        return cooked
    one = _one_unit(parsed.each, measures, description or "") if parsed.each is not None else None
    if one is not None:  # "3.80 Serving (2 medium slice ...)": 3.8 x the weight of 2 medium slices
        grams = parsed.quantity * one.grams
        detail = f"One {parsed.unit_text} = {one.detail.rstrip('.')}; {_fmt(parsed.quantity)} = {_fmt(grams)} g."
        return _finish(parsed, grams, one.source, detail, one.confidence, one.flags, food)
    if parsed.kind == "mass":
        grams = parsed.quantity * conversion_factor(unit_info(cast(str, parsed.unit)).pint_unit, "gram")
        route, flags = "direct", ()
        detail = f"{_fmt(parsed.quantity)} {parsed.unit_text} = {_fmt(grams)} g."
        drained = _drained_can(parsed, rows, food)
        if drained is not None:
            grams = grams * drained[0]
            detail = f"{detail[:-1]}{drained[1]}: {_fmt(grams)} g."
            route = "measure"
    else:
        grams, detail, route, flags = _by_measures(parsed, rows, food)
    if route == "assumed_serving" and parsed.each is not None and parsed.each.kind == "count" \
            and parsed.each.quantity > 1:
        # "Serving (400 each - without shell)" of sunflower kernels: the serving is 400 items, and no
        # measure weighs one; the food's first measure (a cup, 134 g) would be a guess 4 times too heavy.
        said = f"{_fmt(parsed.each.quantity)} {parsed.each.unit_text}".strip()
        raise AmountError(f"{food} has no household measure for one of the {said} a serving holds; "
                          f"enter the amount in grams.", value=parsed.unit_text)
    confidence = _CONFIDENCE[route if route in _CONFIDENCE else "measure"]
    # A measure borrowed from another food (an FNDDS dish's, a cup for a food weighed only in ounces) is less sure.
    if "estimated_measure" in flags:
        confidence *= _ESTIMATE_PENALTY
    return _finish(parsed, grams, "direct" if route == "direct" else _SOURCE_OF[route], detail, confidence,
                   flags, food)


#: A stated net weight ("can - each 5 oz net weight"): what the can holds, packing liquid included.
_NET_WEIGHT = re.compile(r"\bnet\s*(?:weight|wt)\b", re.IGNORECASE)
#: A measure of a can drained that states the can's net weight: SR28 15119 "can (12.5 oz), drained" = 321 g.
_DRAINED_CAN = re.compile(r"\((\d+(?:\.\d+)?)\s*oz\)[^()]*\bdrained\b", re.IGNORECASE)


def _drained_can(parsed: ParsedAmount, rows: tuple[_Measure, ...], food: str) -> tuple[float, str] | None:
    """The share of a can's net weight a food weighed drained keeps, from the food's own drained can, and
    the sentence saying so; None unless the line states a net weight and the food is weighed drained."""
    if not _NET_WEIGHT.search(parsed.hint) or "drained" not in food.lower():
        return None
    for measure in rows:
        found = _DRAINED_CAN.search(measure.description)
        if found and not measure.estimated_from:
            net = float(found.group(1)) * conversion_factor("ounce", "gram") * measure.amount
            share = measure.grams / net
            return share, (f", the can's net weight with its liquid; drained it keeps {_fmt(measure.grams)} g of "
                           f"{_fmt(net)} g ({_fmt(measure.amount)} {measure.description}), so {share:.3f} of it")
    return None


def _first_source(rows: tuple[_Measure, ...]) -> tuple[_Measure, ...]:
    """The measures from the food's first source: its own, or those of the food it borrowed from first."""
    return tuple(m for m in rows if m.estimated_from == rows[0].estimated_from) if rows else rows


#: Volume units a solid food is measured in as a block, not as pieces in a vessel.
_BLOCK_UNITS = frozenset({"cubic inch"})


def _only_solid_volume(rows: tuple[_Measure, ...], unit: str | None) -> bool:
    """Whether every volume measure in ``rows`` is a block ("cubic inch") and none is the unit asked for."""
    volumes = [m for m in rows if m.head is not None and m.head.kind == "volume"]
    if any(m.head is not None and m.head.canonical == unit for m in volumes):
        return False
    return all(m.head is not None and m.head.canonical in _BLOCK_UNITS for m in volumes)


def _has_unit(rows: tuple[_Measure, ...], unit: str | None) -> bool:
    """Whether one of ``rows`` is a measure of ``unit`` itself."""
    return any(m.head is not None and m.head.canonical == unit for m in rows)


def _names_only_later(parsed: ParsedAmount, first: tuple[_Measure, ...], rows: tuple[_Measure, ...]) -> bool:
    """Whether the hint's words ("chopped") name a measure of the unit only among the measures borrowed
    after the first source's, which has none of them."""
    hint = _words(parsed.hint)
    if not hint:
        return False

    def named(measures: tuple[_Measure, ...]) -> bool:
        return any(m.head is not None and m.head.canonical == parsed.unit and _overlap(hint, m) for m in measures)

    return not named(first) and named(rows)


def _by_measures(parsed: ParsedAmount, rows: tuple[_Measure, ...],
                 food: str) -> tuple[float, str, str, tuple[str, ...]]:
    """A volume, serving or count weighed by the food's first source of measures; the measures it
    borrowed besides (a cup for a food weighed in ounces, an equally close food's "cherry") only for a
    unit the first source has no measure for."""
    def route(measures: tuple[_Measure, ...]) -> tuple[float, str, str, tuple[str, ...]]:
        if parsed.kind == "volume":
            return _volume(parsed, measures)
        if parsed.kind == "serving":
            return _serving(parsed, measures, food)
        return _count(parsed, measures, food)

    first = _first_source(rows)
    if len(first) == len(rows):
        return route(rows)
    if parsed.kind == "volume" and _only_solid_volume(first, parsed.unit) and not _only_solid_volume(rows, parsed.unit):
        # A cubic inch is a block of the solid food (herring 17 g, so 245 g a cup); a cup of pieces
        # holds air between them: a cup measured as a cup, even another food's, is nearer.
        return route(rows)
    if parsed.kind == "volume" and not _has_unit(first, parsed.unit) and _has_unit(rows, parsed.unit):
        # "20 fl oz" of instant coffee: the first lender weighs only a rounded teaspoon of the powder
        # (0.37 g/ml); an equally close food's own fluid ounce (29.9 g) weighs the drink. A measure of
        # the very unit asked for beats a density read from another unit.
        return route(rows)
    if parsed.kind == "volume" and _names_only_later(parsed, first, rows):
        # "1.00 cup, chopped" of FNDDS cooked broccoli: the first lender (Chinese broccoli) weighs a plain
        # cup (88 g); an equally close food weighs the very measure the line names (SR28 11091 "1/2 cup,
        # chopped" = 78 g, so 156 g a cup). The measure the text names beats the order of the lenders.
        return route(rows)
    if parsed.kind == "count" and _SIZE_HINT.match(parsed.hint) and not _of_dimensions(first, parsed.hint) \
            and _of_dimensions(rows, parsed.hint):
        # '1.36 large - 4 1/2" diameter' of SR28 pink grapefruit, whose own one fruit is 3-3/4" (246 g): the
        # grapefruit of the very size named, which SR28's grapefruit of all colours lends (0.5 large (approx
        # 4-1/2" dia) = 166 g), beats an item of other dimensions that only comes first.
        return route(rows)
    try:
        found = route(first)
    except AmountError:
        if parsed.kind == "count" and parsed.unit in _GENERIC_COUNT | _SHAPE_COUNT | {None} \
                and not (_SIZE_HINT.match(parsed.hint) and _of_dimensions(rows, parsed.hint)):
            # "3 each" names no measure: another food's usual unit (a cookie *bar*) is a guess, so ask;
            # unless its dimensions name another food's measure ('each - approx 2 1/4" diameter').
            raise
        return route(rows)
    if found[2] == "size_substituted":
        # '1.00 medium - 2 1/2" diameter' of a Foundation onion, whose own one measure is 'onion' (143 g):
        # the SR28 onion it also takes weighs that very size ('medium (2-1/2" dia)' = 110 g). A size
        # measured beats a size stood in for.
        try:
            measured = route(rows)
        except AmountError:
            return found
        return measured if measured[2] == "measure" else found
    return route(rows) if found[2] in ("density", "assumed_serving") else found


def _cooked_item(parsed: ParsedAmount, rows: tuple[_Measure, ...], food: str,
                 description: str) -> GramsResult | None:
    """A count whose stated weight is raw ("0.82 fillet - each 6 1/2 oz raw") of a cooked food, weighed by
    the food's own measure of the item as eaten (SR28 15052 cooked Spanish mackerel: 'fillet' 146 g, not the
    184 g it weighed raw); None when the food is not cooked or names no measure of the item (the stated
    weight stands)."""
    if "weighed_raw" not in parsed.flags or not is_cooked(description):
        return None
    try:
        grams, detail, route, flags = _by_measures(replace(parsed, each=None), rows, food)
    except AmountError:
        return None
    if route not in ("measure", "serving_measure"):
        return None
    raw = parsed.each
    stated = f"{_fmt(raw.quantity)} {raw.unit_text}" if raw is not None else "weight"
    detail = f"{detail.rstrip('.')} (cooked; the stated {stated} is its weight raw)."
    confidence = _CONFIDENCE[route] * (_ESTIMATE_PENALTY if "estimated_measure" in flags else 1.0)
    return _finish(parsed, grams, _SOURCE_OF[route], detail, confidence, flags, food)


def _one_unit(each: ParsedAmount, measures: pd.DataFrame | None, description: str) -> GramsResult | None:
    """The weight of what one serving counts, or None when the food has no measure for it
    (then the serving is weighed as a serving)."""
    try:
        return resolve_grams(each, measures, description)
    except AmountError:
        return None


def _finish(parsed: ParsedAmount, grams: float, source: str, detail: str, confidence: float,
            flags: tuple[str, ...], food: str) -> GramsResult:
    """Check the weight and build the result (flags and confidence of the parse included)."""
    if not math.isfinite(grams) or grams <= 0:
        raise AmountError(f"The amount of {food} came out as {grams} g; enter it in grams.", value=grams)
    if grams > MAX_GRAMS:
        raise AmountError(f"{_fmt(grams)} g of {food} is more than a tonne; check the amount.",
                          value=grams)
    flags = tuple(dict.fromkeys(parsed.flags + flags + (("over_5kg",) if grams > OVER_GRAMS else ())))
    if "range" in parsed.flags:
        confidence *= _RANGE_PENALTY
    return GramsResult(float(grams), source, detail, round(confidence, 3), flags)


def resolve_portion(parsed: ParsedAmount, measures: pd.DataFrame | None,
                    description: str = "") -> GramsResult | None:
    """Weigh a count of a portion the food's measures name ("6.00 leek" -> 6 x "1 leek = 89 g").

    Parameters
    ----------
    parsed
        From ``parse_portion``: a count whose ``hint`` holds the portion's words.

    Returns
    -------
    GramsResult or None
        None when no measure of the food shares a word with the portion.
    """
    rows = _measures(measures)
    scaled = _by_diameter(parsed, rows, description)
    if scaled is not None:
        return scaled
    first = _first_source(rows)
    found = _portion_of(parsed, first, description)
    return found if found is not None or len(first) == len(rows) else _portion_of(parsed, rows, description)


#: A diameter in inches as USDA and Cronometer write it: '14"', '14-inch', '(12" dia)'.
_INCHES = re.compile(r'(\d+(?:\.\d+)?)\s*(?:"|\'\'|-?\s*inch(?:es)?\b)', re.IGNORECASE)


def _diameter_of(measure: _Measure, food: str) -> float | None:
    """The diameter a whole-item measure is of: stated in the measure, else in the food it was
    borrowed from ('PIZZA HUT 14" Cheese Pizza'), else in the food's own name; None when none is."""
    for text in (measure.description, measure.estimated_from or food):
        found = {float(n) for n in _INCHES.findall(text)}
        if len(found) == 1:
            return found.pop()
    return None


def _by_diameter(parsed: ParsedAmount, rows: tuple[_Measure, ...], description: str) -> GramsResult | None:
    """'0.94 14" diameter' of a round item whose whole-item measures state their own diameter: the
    measure of the nearest diameter, scaled by area (a pizza of the same crust is as thick at any
    size, so its weight goes with the square of the diameter: 573 g at 12" is 780 g at 14").

    None when the portion names no single diameter or no whole-item measure states one.
    """
    wanted = {float(n) for n in _INCHES.findall(parsed.hint)}
    # 'pizza 8" diameter' of a pizza: words naming the food itself leave the size alone.
    food_words = _words(description)
    size_only = " ".join(w for w in parsed.hint.split() if not (_words(w) and _words(w) <= food_words))
    if len(wanted) != 1 or not _DIMENSION_ONLY.match(size_only):
        return None
    size = wanted.pop()
    named = [m for m in rows if m.head is None and _named_item((m,), description, parsed.hint) is m]
    sized = [(m, d) for m in named if (d := _diameter_of(m, description)) is not None and d > 0]
    if not sized or size <= 0:
        return None
    whole, diameter = min(sized, key=lambda pair: (abs(math.log(pair[1] / size)), pair[0].seq))
    scale = (size / diameter) ** 2
    grams = parsed.quantity * whole.grams / whole.amount * scale
    note, estimated = _estimate_note(whole)
    area = (f"{_fmt(size)}\" across is ({_fmt(size)}/{_fmt(diameter)})\u00b2 = {scale:.3g} times its area; "
            if scale != 1 else "")
    detail = (f"{_fmt(whole.amount)} {whole.description} ({_fmt(diameter)}\" across) = {_fmt(whole.grams)} g; "
              f"{area}{_fmt(parsed.quantity)} x '{parsed.hint}' = {_fmt(grams)} g.{note}")
    flags = ("size_substituted", *estimated) if scale != 1 else estimated
    confidence = _CONFIDENCE["size_substituted" if scale != 1 else "measure"]
    confidence *= _ESTIMATE_PENALTY if estimated else 1.0
    return _finish(parsed, grams, "household_measure", detail, confidence, flags, description or "This food")


def _portion_of(parsed: ParsedAmount, rows: tuple[_Measure, ...], description: str) -> GramsResult | None:
    """``resolve_portion`` against the given measures."""
    portion = _portion(parsed, rows, [])
    if portion is None and _DIMENSION_ONLY.match(parsed.hint):
        # '1.00 12" diameter' (a pizza): a size alone names one whole item of the food.
        whole = _named_item(rows, description, parsed.hint)
        if whole is None:
            return None
        grams, detail = _from_measure(parsed, whole)
        detail = detail.replace(f"{_fmt(parsed.quantity)} =", f"{_fmt(parsed.quantity)} x '{parsed.hint}' =")
        return _finish(parsed, grams, "household_measure", f"{detail} A size alone is taken as one whole item.",
                       _CONFIDENCE["size_substituted"], ("size_substituted",), description or "This food")
    if portion is None:
        # "20.00 half" against "1 oz (14 halves) = 28.35 g": a measure that counts its items weighs one.
        words = _words(parsed.hint) - _GENERIC_STEMS
        portion = next((one for m in rows if (one := _one_of(m, words)) is not m), None)
    if portion is None:
        return None
    grams, detail = _from_measure(parsed, portion)
    said = f"{_fmt(parsed.quantity)} x '{parsed.hint}'"
    note, estimated = _estimate_note(portion)
    confidence = _CONFIDENCE["measure"] * (_ESTIMATE_PENALTY if estimated else 1.0)
    return _finish(parsed, grams, "household_measure",
                   detail.replace(f"{_fmt(parsed.quantity)} =", f"{said} =") + note,
                   confidence, estimated, description or "This food")
