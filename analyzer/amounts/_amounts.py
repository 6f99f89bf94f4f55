"""Read an amount as a diary writes it into a number and a unit.

``parse_amount("1 1/2 cups")`` gives ``ParsedAmount(quantity=1.5, unit="cup", ...)``.
The number is read here, by hand, and the unit word through the alias table
(``analyzer.amounts._units``); pint never sees diary text.

What is understood:

- numbers: ``2``, ``1.5``, ``1,5`` (decimal comma), ``1,000`` (thousands, flagged
  ``ambiguous_number``), ``1/2``, ``1 1/2``, ``1-1/2`` (USDA style), ``½``, ``1½``,
  fullwidth and other Unicode digits, and the words "a", "an", "one" to "twelve",
  "dozen", "half", "a half", "half a", "quarter";
- ranges ``1-2 cups`` and ``1 to 2 cups``: the midpoint, flagged ``range``;
- multipliers ``2 x 30g``, ``4.00 x 4.0 oz`` and Cronometer's ``3.00 1 floweret`` (3 of its
  measure "1 floweret"): the product, flagged ``multiplier``;
- Cronometer's ``1.00 container - each 5.3 oz`` and ``1.00 shake (11 fl oz)`` (the
  hint weighs one unit, so = 5.3 oz and 11 fl oz, flagged ``multiplier``; the unit word
  itself may then be unknown) and ``1.00 whole - 3 1/2" diameter`` (1 whole; the text
  after `` - ``, a comma or in brackets is kept as ``hint`` for choosing among the
  food's measures); one describing word may stand before the unit ("3.0 cooked links");
- a unit alone (``serving``) means one of it, flagged ``assumed_one``.

``split_count`` finds a count written inside a food text ("2 eggs", "3 slices of bread").
"""

from __future__ import annotations

import functools
import math
import numbers
import re
import unicodedata
from dataclasses import dataclass

from ..errors import AmountError, UnknownUnitError
from ._units import Unit, conversion_factor, lookup_unit, unit_info

__all__ = ["MAX_QUANTITY", "ParsedAmount", "amount_problem", "is_zero_amount", "numbers_in", "parse_amount",
           "parse_portion", "split_count"]

#: Larger numbers are typing mistakes (or 1e308), not food: ten million of any unit.
MAX_QUANTITY = 1e7


@dataclass(frozen=True)
class ParsedAmount:
    """An amount read from text, before it meets a food.

    Attributes
    ----------
    quantity
        How many units; finite and positive.
    unit
        Canonical unit key from ``unit_aliases.csv`` (``"g"``, ``"cup"``, ``"large"``),
        ``None`` for a bare count ("2").
    kind
        ``mass``, ``volume``, ``count`` (also for a bare count) or ``serving``.
    unit_text
        The unit as written (``"Tbsp"``), ``""`` for a bare count.
    hint
        Words after the unit that help choose a household measure ("chopped",
        ``3 1/2" diameter``), ``""`` when none.
    flags
        Any of ``range``, ``multiplier``, ``ambiguous_number``, ``assumed_one``, ``weighed_raw`` (the
        stated weight of one unit is its weight before cooking: ``0.82 fillet - each 6 1/2 oz raw``).
    each
        What one unit is, when the amount says so with a count: Cronometer's
        ``3.80 Serving (2 medium slice - 4 1/2" x ...)`` is 3.8 servings of
        ``2 medium slice``; ``None`` otherwise.
    """

    quantity: float
    unit: str | None
    kind: str
    unit_text: str = ""
    hint: str = ""
    flags: tuple[str, ...] = ()
    each: ParsedAmount | None = None


# Vulgar fraction characters become " n/d " before NFKC, which would glue "1½" into "11⁄2".
_VULGAR = {ch: " " + unicodedata.normalize("NFKC", ch).replace("\u2044", "/") + " "
           for ch in "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒↉"}
_SYMBOLS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                          "\u2015": "-", "\u2212": "-", "\u2044": "/", "\u2215": "/", "\u00d7": "x",
                          "\u066b": ".", "\u066c": ","})                    # Arabic decimal and thousands marks

# Number words are English grammar, not measured data, so they live here.
_WORDS = {"a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0,
          "six": 6.0, "seven": 7.0, "eight": 8.0, "nine": 9.0, "ten": 10.0, "eleven": 11.0,
          "twelve": 12.0, "dozen": 12.0, "a dozen": 12.0, "half": 0.5, "a half": 0.5,
          "one half": 0.5, "half a": 0.5, "half an": 0.5, "half of a": 0.5, "half of an": 0.5,
          "quarter": 0.25, "a quarter": 0.25, "quarter of a": 0.25, "quarter of an": 0.25}
_WORD_NUMBER = re.compile(
    "(?:" + "|".join(sorted((w.replace(" ", r"\s+") for w in _WORDS), key=len, reverse=True))
    + r")(?=\s|$)", re.IGNORECASE)

_DECIMAL = r"(?:\d+(?:[.,]\d+)*|[.,]\d+)(?:[eE][+-]?\d+)?"
_NUMBER = re.compile(rf"""
    (?P<whole>\d+)(?:\s+|\s*-\s*)(?P<mnum>\d+)\s*/\s*(?P<mden>\d+)(?![\d.,/])   # 1 1/2, 1-1/2
  | (?P<num>{_DECIMAL})\s*/\s*(?P<den>{_DECIMAL})                              # 1/2
  | (?P<dec>{_DECIMAL})                                                        # 2, 1.5, 1,5
""", re.VERBOSE | re.ASCII)
_SIGN = re.compile(r"([+-])\s*(?=[\d.,])")
_RANGE = re.compile(r"\s*(?:-|to\b)\s*", re.IGNORECASE)
_TIMES = re.compile(r"\s*[x*]\s*", re.IGNORECASE)
#: Cronometer's "3.00 1 floweret": a quantity, then a measure whose name starts with its own count
#: (a whole number, then a word). Mixed numbers ("2 1/2 cup") are read as one number before this.
#: A length after the second number is the item's size, not a count ("1.00 8 inch pizza").
_COUNTED_MEASURE = re.compile(r"\s+(?=\d+(?:\.\d+)?\s+(?!(?:inch(?:es)?|in|cm|mm|centimet\w*|millimet\w*)\b)"
                              r"[A-Za-z])", re.IGNORECASE)
_BROKEN_NUMBER = re.compile(r"[./]|,[\d,.]")          # "1..5", "1/2/3", "1,,5" ("2, chopped" is fine)
_HINT_START = re.compile(r"\s+-\s*|\s*[(,;\[]|\s*-\s+")
_EACH = re.compile(r"(?:^|\s)(?:each|ea|=)\s*(\d.*)$", re.IGNORECASE)
#: Words after a stated weight saying it is the weight before cooking ("each 6 1/2 oz raw").
_RAW_WEIGHT = re.compile(r"\b(?:raw|uncooked)\b", re.IGNORECASE)
_PER_UNIT = re.compile(r"^(?:each|ea|per\s+\w+|about|approx|approximately|=|~)?\s*", re.IGNORECASE)


def _raised_or_lowered_digit(ch: str) -> bool:
    """'⁵' or '₂'; not '™' or '℠', which are raised too but fold to two letters."""
    if not unicodedata.decomposition(ch).startswith(("<super>", "<sub>")):
        return False
    folded = unicodedata.normalize("NFKC", ch)
    return len(folded) == 1 and unicodedata.decimal(folded, None) is not None


def _normalise(text: str) -> str:
    """Unicode-fold the text: fractions spaced out, lookalike digits and dashes made ASCII.

    Superscript and subscript digits are refused: NFKC would turn "10⁵" into "105".
    """
    if not text.isascii() and any(_raised_or_lowered_digit(ch) for ch in text):
        raise AmountError(f"Cannot read the raised or lowered digits in '{text}'.", value=text)
    for ch, spelled in _VULGAR.items():
        if ch in text:
            text = text.replace(ch, spelled)
    text = unicodedata.normalize("NFKC", text).translate(_SYMBOLS)
    if not text.isascii():  # invisible marks pasted with the text (zero-width space, RTL mark) are dropped
        text = "".join(str(unicodedata.decimal(ch)) if not ch.isascii() and unicodedata.decimal(ch, None)
                       is not None else ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.split())


def _decimal(token: str, original: str) -> tuple[float, tuple[str, ...]]:
    """Read one decimal token, deciding what its commas and dots mean."""
    mantissa, _, exponent = token.lower().partition("e")
    flags: tuple[str, ...] = ()
    commas, dots = mantissa.count(","), mantissa.count(".")
    if commas and dots:
        point = max(mantissa.rfind(","), mantissa.rfind("."))
        separator = "," if mantissa[point] == "." else "."
        mantissa = mantissa[:point].replace(separator, "") + "." + mantissa[point + 1:]
        if not mantissa.replace(".", "").isdigit() or mantissa.count(".") != 1:
            raise AmountError(f"Cannot read the number '{token}' in '{original}'.", value=original)
    elif commas or dots > 1:
        separator = "," if commas else "."
        head, *groups = mantissa.split(separator)
        if separator == "," and len(groups) == 1 and len(groups[0]) != 3:
            mantissa = f"{head or '0'}.{groups[0]}"            # decimal comma: 1,5
        elif head and all(len(group) == 3 for group in groups):
            mantissa = head + "".join(groups)                   # thousands: 1,000 or 1.000.000
            flags = ("ambiguous_number",) if len(groups) == 1 else ()
        else:
            raise AmountError(f"Cannot read the number '{token}' in '{original}'.", value=original)
    return float(mantissa + ("e" + exponent if exponent else "")), flags


def _number_at(text: str, pos: int, original: str) -> tuple[float, tuple[str, ...], int] | None:
    """Read the number starting at ``pos``: (value, flags, end) or None if there is none."""
    match = _NUMBER.match(text, pos)
    if match is None:
        return None
    numerator: float
    denominator: float
    if match["whole"] is not None:
        numerator, denominator = int(match["mnum"]), int(match["mden"])
        if denominator == 0:
            raise AmountError(f"The fraction in '{original}' divides by zero.", value=original)
        if numerator >= denominator:
            raise AmountError(f"Cannot read the mixed number in '{original}': "
                              f"{numerator}/{denominator} is not a proper fraction.", value=original)
        return int(match["whole"]) + numerator / denominator, (), match.end()
    if match["num"] is not None:
        numerator, flags_n = _decimal(match["num"], original)
        denominator, flags_d = _decimal(match["den"], original)
        if denominator == 0:
            raise AmountError(f"The fraction in '{original}' divides by zero.", value=original)
        return numerator / denominator, flags_n + flags_d, match.end()
    value, flags = _decimal(match["dec"], original)
    return value, flags, match.end()


@functools.lru_cache(maxsize=65536)
def numbers_in(text: str) -> tuple[float, ...]:
    """Every number written in ``text`` ("1 1/2", "1/2", "1.5", ".35"), read by the amount rule above.

    The one number reader of the package: measure descriptions and amount hints are compared
    by it (``analyzer.amounts._grams``). A number the rule refuses (a fraction over zero) is left out.
    """
    values = []
    for match in _NUMBER.finditer(text):
        try:
            read = _number_at(text, match.start(), text)
        except AmountError:
            continue
        if read is not None:
            values.append(read[0])
    return tuple(values)


def _quantity(text: str, original: str) -> tuple[float, tuple[str, ...], int] | None:
    """Read the leading quantity, with its range or multiplier: (value, flags, end) or None."""
    word = _WORD_NUMBER.match(text)
    if word:
        return _WORDS[" ".join(word.group().lower().split())], (), word.end()
    sign = _SIGN.match(text)
    start = sign.end() if sign else 0
    first = _number_at(text, start, original)
    if first is None:
        return None
    value, flags, end = first
    if sign and sign.group(1) == "-":
        raise AmountError(f"The amount in '{original}' is negative; an amount must be more than zero.",
                          value=original)
    for joiner, flag in ((_RANGE, "range"), (_TIMES, "multiplier"), (_COUNTED_MEASURE, "multiplier")):
        between = joiner.match(text, end)
        second = _number_at(text, between.end(), original) if between else None
        if second is None:
            continue
        other, other_flags, end = second
        flags += other_flags + (flag,)
        if flag == "multiplier":
            value *= other
        elif other < value:
            raise AmountError(f"The range in '{original}' runs backwards ({value:g} to {other:g}).",
                              value=original)
        else:
            value = (value + other) / 2
        break
    return value, flags, end


def _check_quantity(value: float, original: str) -> None:
    if math.isnan(value) or math.isinf(value):
        raise AmountError(f"The amount in '{original}' is not a finite number.", value=original)
    if value <= 0:
        raise AmountError(f"The amount in '{original}' is zero; an amount must be more than zero.",
                          value=original)
    if value > MAX_QUANTITY:
        raise AmountError(f"The amount in '{original}' is too large to be a food amount "
                          f"(more than {MAX_QUANTITY:,.0f}).", value=original)


def _unit_prefix(words: list[str]) -> tuple[Unit, int] | None:
    """The longest run of leading words (up to four) that is a unit alias, and its length."""
    for length in range(min(4, len(words)), 0, -1):
        unit = lookup_unit(" ".join(words[:length]))
        if unit is not None:
            return unit, length
    return None


def _split_unit(rest: str) -> tuple[str, str]:
    """Split what follows the number into the unit words and a hint."""
    found = _HINT_START.search(rest)
    if found is None:
        return rest.strip(), ""
    hint = re.sub(r"[()\[\]]", " ", rest[found.start():])
    return rest[:found.start()].strip(), " ".join(hint.split()).strip(" -,;=")


def _per_unit(hint: str) -> ParsedAmount | None:
    """A hint that states the weight or volume of one unit ("each 5.3 oz", "(30 g)",
    "from pre-sliced package - each 3/4 oz", 'size bar - each 2.07 oz - 4" long')."""
    stated = _EACH.search(hint)
    inner = stated.group(1) if stated else _PER_UNIT.sub("", hint, count=1)
    # What follows the stated size describes the item ('each 2.07 oz - 4" long'): the size alone weighs it.
    inner = inner[:end.start()] if (end := _HINT_START.search(inner)) else inner
    if not inner[:1].isdigit():
        return None
    try:
        parsed = _parse(inner, with_hint=False)
    except AmountError:
        return None
    return parsed if parsed.kind in ("mass", "volume") else None


def _find_unit(words: list[str], *, after_number: bool) -> tuple[Unit, int, int] | None:
    """The unit among the words: (unit, first word, word count), at the start or, right
    after a number, behind one describing word ("3.0 cooked links"); None if neither."""
    for start in (0, 1) if after_number and len(words) > 1 and words[0].isalpha() else (0,):
        found = _unit_prefix(words[start:])
        if found is not None:
            measured = _unit_prefix(words[start + found[1]:]) if found[0].kind == "count" else None
            if measured is not None and measured[0].kind in ("mass", "volume"):
                # "1 round tsp", "2 large tbsp": a size or shape word describes the spoon; the spoon measures.
                return measured[0], start + found[1], measured[1]
            return found[0], start, found[1]
    return None


def _serving_of(hint: str) -> ParsedAmount | None:
    """A serving's hint that counts or measures what one serving is ("2 medium slice - 4 1/2\" x 4 1/4\"",
    "6 tbsp, ground": the words after the measure pick the food's measure, so it is read with them)."""
    if not hint[:1].isdigit():
        return None
    try:
        inner = _parse(hint, nested=True)
    except AmountError:
        return None
    return inner if inner.kind in ("count", "volume", "mass") else None


def _parse(text: str, *, with_hint: bool = True, nested: bool = False) -> ParsedAmount:
    cleaned = _normalise(text)
    if not cleaned:
        raise AmountError("The amount is empty.", value=text)
    read = _quantity(cleaned, text)
    flags: tuple[str, ...]
    if read is None:
        value, flags, end = 1.0, ("assumed_one",), 0
    else:
        value, flags, end = read
    _check_quantity(value, text)
    if _BROKEN_NUMBER.match(cleaned, end):
        raise AmountError(f"Cannot read the number in '{text}'.", value=text)
    unit_words, hint = _split_unit(cleaned[end:])
    if hint and not with_hint:
        raise AmountError(f"Cannot read '{text}' as an amount.", value=text)
    words = unit_words.split()
    found = _find_unit(words, after_number=read is not None) if words else None
    if read is None and found is None:
        raise AmountError(f"No number in '{text}'; write an amount such as '100 g' or '1 cup'.", value=text)
    if found is None and words and words[0][:1].isdigit():
        raise AmountError(f"Cannot read '{text}' as an amount: a second number '{words[0]}' "
                          "follows the first.", value=text)
    if found is None:
        unit, unit_text = None, unit_words
    else:
        unit, start, length = found
        unit_text = " ".join(words[start:start + length])
        after = words[start + length:]
        if unit.kind in ("mass", "volume") and after and after[0][:1].isdigit():
            if read is None:  # "g 100": the number after the unit is the amount, not one gram
                raise AmountError(f"Cannot read '{text}' as an amount: the number '{after[0]}' follows the unit; "
                                  "write the number first, such as '100 g'.", value=text)
            added = _smaller_part(" ".join(after), unit)
            if added is not None:  # "1 lb 2 oz": both parts count
                value, after = value + added, []
        hint = " ".join([*words[:start], *after, hint]).strip()
    if with_hint and hint and (unit is None or unit.kind in ("count", "serving")):
        each = _per_unit(hint)  # "1.00 shake (11 fl oz)": the hint weighs one unit (one level only: no recursion)
        if each is not None and unit is not None and _RAW_WEIGHT.search(each.hint):
            # "0.82 fillet - each 6 1/2 oz raw": the fillet weighed before cooking; a cooked food's own fillet
            # weighs it as eaten, so the count stays, the stated weight kept as what one fillet is.
            return ParsedAmount(value, unit.canonical, unit.kind, unit_text, hint,
                                tuple(dict.fromkeys(flags + ("weighed_raw",))), each=each)
        if each is not None:
            total = value * each.quantity
            _check_quantity(total, text)
            return ParsedAmount(total, each.unit, each.kind, each.unit_text, hint,
                                tuple(dict.fromkeys(flags + each.flags + ("multiplier",))))
        serving = _serving_of(hint) if unit is not None and unit.kind == "serving" and not nested else None
        if serving is not None and unit is not None:  # one level only: the inner amount is read with nested=True
            return ParsedAmount(value, unit.canonical, unit.kind, unit_text, hint, flags, each=serving)
    if unit is None and unit_text:
        raise UnknownUnitError(f"Unknown unit '{unit_text}' in '{text}'.", value=text)
    if unit is None:
        return ParsedAmount(value, None, "count", "", hint, flags)
    return ParsedAmount(value, unit.canonical, unit.kind, unit_text, hint, flags)


def _smaller_part(rest: str, unit: Unit) -> float | None:
    """The second part of a compound amount ("1 lb 2 oz", "1 cup 2 tbsp", "1 kg 200 g") in ``unit``.

    Only a smaller part of the same measuring system counts: "1 oz 28 g" and "1 cup 250 ml"
    say one amount twice (the second part is then left as a hint), and so does a part of one
    whole unit or more ("1 cup 16 tbsp").  None when ``rest`` is not such a part.
    """
    try:
        part = _parse(rest, with_hint=False, nested=True)
    except AmountError:
        return None
    if part.unit is None or part.kind != unit.kind:
        return None
    part_unit = unit_info(part.unit).pint_unit
    if part_unit is None or unit.pint_unit is None or _metric(part_unit) != _metric(unit.pint_unit):
        return None
    added = part.quantity * conversion_factor(part_unit, unit.pint_unit)
    return added if added < 1 else None


def _metric(pint_unit: str) -> bool:
    """Grams and litres (with their prefixes) against US customary units (pound, ounce, cup ...)."""
    return pint_unit.endswith(("gram", "liter"))


@functools.lru_cache(maxsize=65536)
def _parse_cached(text: str) -> ParsedAmount | tuple[type[AmountError], str]:
    """Parse once per distinct text; failures are cached as (class, message) and re-raised fresh."""
    try:
        return _parse(text)
    except AmountError as error:
        return type(error), error.message


def parse_amount(text: str) -> ParsedAmount:
    """Read an amount as written in a diary.

    Parameters
    ----------
    text
        The amount text, e.g. ``"1 1/2 cups"``, ``"2 x 30g"``, ``"1,5 kg"``,
        ``"1.00 container - each 5.3 oz"``. Numbers (int or float) are accepted too.

    Returns
    -------
    ParsedAmount
        With a finite, positive quantity.

    Raises
    ------
    UnknownUnitError
        The unit word is not in ``unit_aliases.csv`` ("3 blorps").
    AmountError
        Empty text, no number, zero, negative, not finite, over ``MAX_QUANTITY``,
        a fraction over zero, or a number that cannot be read.

    Examples
    --------
    >>> parse_amount("1½ Tbsp").quantity, parse_amount("1½ Tbsp").unit
    (1.5, 'tbsp')
    >>> parse_amount("1-2 cups").flags
    ('range',)
    """
    if not isinstance(text, str):
        if isinstance(text, bool) or not isinstance(text, numbers.Real):
            raise AmountError(f"The amount {text!r} is not text.", value=text)
        if math.isnan(text):
            raise AmountError("The amount is empty.", value=text)
        if math.isinf(text):
            raise AmountError(f"The amount '{text}' is not a finite number.", value=text)
        text = repr(float(text))
    result = _parse_cached(text)
    if isinstance(result, ParsedAmount):
        return result
    error_class, message = result
    raise error_class(message, value=text)


@functools.lru_cache(maxsize=65536)
def parse_portion(text: str) -> ParsedAmount | None:
    """Read an amount whose words after the number are no known unit ("6.00 leek",
    '1.00 cucumber (8-1/4")', '0.94 14" diameter') as a count of that portion.

    Returns
    -------
    ParsedAmount or None
        A ``count`` with no unit and the words as ``hint``, for matching against the
        food's own measures; None when there is no positive number or no words.
    """
    try:
        cleaned = _normalise(str(text))
        read = _quantity(cleaned, str(text))
    except AmountError:
        return None
    if read is None or not (0 < read[0] <= MAX_QUANTITY):
        return None
    hint = " ".join(re.sub(r"[()\[\]]", " ", cleaned[read[2]:]).split()).strip(" -,;")
    return ParsedAmount(read[0], None, "count", "", hint, read[1]) if re.search("[A-Za-z]", hint) else None


@functools.lru_cache(maxsize=65536)
def amount_problem(text: str) -> str | None:
    """Why the number an amount starts with cannot be a quantity (negative, not finite, larger
    than ``MAX_QUANTITY``, unreadable), as a sentence; None when it can or when there is none.

    For amounts read by other rules than ``parse_amount`` (supplement label doses such as
    "1.00 1000mcg tablet"), which must still refuse "-2.00 capsule" and "1e9 capsules".
    """
    try:
        read = _quantity(_normalise(str(text)), str(text))
        if read is not None:
            _check_quantity(read[0], str(text))
    except AmountError as error:
        return error.message
    return None


@functools.lru_cache(maxsize=65536)
def is_zero_amount(text: str) -> bool:
    """Return True when an amount says that nothing was eaten ("0.00 g", "0 cup", "0.00 x 1000.0 IU").

    Cronometer writes such rows for entries the user zeroed.  A negative, unreadable
    or empty amount is not zero: those stay problems to show.
    """
    try:
        read = _quantity(_normalise(str(text)), str(text))
    except AmountError:
        return False
    return read is not None and read[0] == 0


@functools.lru_cache(maxsize=65536)
def split_count(food_text: str) -> tuple[float, str | None, str] | None:
    """Find a count written at the start of a food text.

    Parameters
    ----------
    food_text
        E.g. ``"2 eggs"``, ``"3 slices of bread"``, ``"a banana"``, ``"200g chicken"``.

    Returns
    -------
    tuple or None
        ``(count, canonical unit or None, the rest of the text)``, e.g.
        ``(3.0, "slice", "bread")``; ``None`` when the text does not start with a
        count followed by more words ("2% milk", "7up", "banana"). A food name that
        starts with a number ("7 grain bread") is also split, so use this only when
        the whole text did not match a food.
    """
    try:
        text = _normalise(food_text)
        word = _WORD_NUMBER.match(text)
        if word:
            value, end = _WORDS[" ".join(word.group().lower().split())], word.end()
        else:
            number = _number_at(text, 0, food_text)
            if number is None:
                return None
            value, _, end = number
    except AmountError:
        return None
    if not math.isfinite(value) or value <= 0:
        return None
    rest = text[end:]
    unit: str | None = None
    if rest[:1].isalpha():                  # glued unit: "200g chicken", but not "7up"
        glued, _, rest = rest.partition(" ")
        found = lookup_unit(glued)
        if found is None or found.kind not in ("mass", "volume"):
            return None
        unit = found.canonical
    elif not rest[:1].isspace():
        return None
    words = rest.split()
    if unit is None and words:
        found_prefix = _unit_prefix(words)
        if found_prefix is not None:                # "3 slices of bread"; "1 cup" alone names no food
            unit, words = found_prefix[0].canonical, words[found_prefix[1]:]
    if words and words[0].lower() == "of":
        words = words[1:]
    return (value, unit, " ".join(words)) if words else None
