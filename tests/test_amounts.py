"""Amount texts as diaries write them -> quantity, canonical unit and flags, or a clear error."""

from __future__ import annotations

import csv
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.amounts._amounts import ParsedAmount, parse_amount, split_count
from analyzer.amounts._units import ALIASES_PATH, Q_, conversion_factor, lookup_unit, unit_info
from analyzer.errors import AmountError, UnknownUnitError

# (text, quantity, canonical unit, flags)
AMOUNTS = [
    # plain numbers and mass units
    ("100 g", 100, "g", ()),
    ("100g", 100, "g", ()),
    ("100 grams", 100, "g", ()),
    ("1 gram", 1, "g", ()),
    ("250 gr", 250, "g", ()),
    ("250 grm", 250, "g", ()),
    ("30 G", 30, "g", ()),
    ("1.5 kg", 1.5, "kg", ()),
    ("1,5 kg", 1.5, "kg", ()),
    ("2 Kilos", 2, "kg", ()),
    ("500 mg", 500, "mg", ()),
    ("25 mcg", 25, "ug", ()),
    ("25 µg", 25, "ug", ()),
    ("25 ug", 25, "ug", ()),
    ("4 oz", 4, "oz", ()),
    ("4 oz.", 4, "oz", ()),
    ("4 ounces", 4, "oz", ()),
    ("1 lb", 1, "lb", ()),
    ("2 lbs", 2, "lb", ()),
    ("2 pounds", 2, "lb", ()),
    ("0.25 lb", 0.25, "lb", ()),
    (".5 lb", 0.5, "lb", ()),
    # volume units
    ("250 ml", 250, "ml", ()),
    ("250 mL", 250, "ml", ()),
    ("33 cl", 33, "cl", ()),
    ("2 dl", 2, "dl", ()),
    ("1 l", 1, "l", ()),
    ("1 litre", 1, "l", ()),
    ("2 liters", 2, "l", ()),
    ("1 cup", 1, "cup", ()),
    ("2 cups", 2, "cup", ()),
    ("1 c", 1, "cup", ()),
    ("1 C", 1, "cup", ()),
    ("1 tbsp", 1, "tbsp", ()),
    ("1 Tbsp", 1, "tbsp", ()),
    ("2 T", 2, "tbsp", ()),
    ("2 t", 2, "tsp", ()),
    ("3 tablespoons", 3, "tbsp", ()),
    ("1 tbs", 1, "tbsp", ()),
    ("1 tsp", 1, "tsp", ()),
    ("1 TSP", 1, "tsp", ()),
    ("2 teaspoons", 2, "tsp", ()),
    ("8 fl oz", 8, "fl oz", ()),
    ("8 fl. oz.", 8, "fl oz", ()),
    ("8 Fluid Ounces", 8, "fl oz", ()),
    ("1 pinch", 1, "pinch", ()),
    ("2 dashes", 2, "dash", ()),
    ("1 quart", 1, "quart", ()),
    # fractions, mixed numbers, unicode
    ("1/2 cup", 0.5, "cup", ()),
    ("3/4 cup", 0.75, "cup", ()),
    ("1 1/2 cups", 1.5, "cup", ()),
    ("1-1/2 cups", 1.5, "cup", ()),
    ("2 3/4 tsp", 2.75, "tsp", ()),
    ("½ cup", 0.5, "cup", ()),
    ("1½ cups", 1.5, "cup", ()),
    ("1 ½ cups", 1.5, "cup", ()),
    ("¼ tsp", 0.25, "tsp", ()),
    ("¾ cup", 0.75, "cup", ()),
    ("⅓ cup", 1 / 3, "cup", ()),
    ("⅔ cup", 2 / 3, "cup", ()),
    ("⅛ tsp", 0.125, "tsp", ()),
    ("2⅛ tsp", 2.125, "tsp", ()),
    ("１００ g", 100, "g", ()),            # fullwidth digits
    ("٣ g", 3, "g", ()),                  # Arabic-Indic digit three
    ("1\u00a0cup", 1, "cup", ()),          # no-break space
    ("1٫5 g", 1.5, "g", ()),               # Arabic decimal separator
    ("𝟐 g", 2, "g", ()),                   # mathematical bold digit
    # number words
    ("a cup", 1, "cup", ()),
    ("half a cup", 0.5, "cup", ()),
    ("one tbsp", 1, "tbsp", ()),
    ("two slices", 2, "slice", ()),
    # ranges
    ("1-2 cups", 1.5, "cup", ("range",)),
    ("1 - 2 cups", 1.5, "cup", ("range",)),
    ("1–2 cups", 1.5, "cup", ("range",)),
    ("1 to 2 cups", 1.5, "cup", ("range",)),
    ("1/2-1 cup", 0.75, "cup", ("range",)),
    ("2-3", 2.5, None, ("range",)),
    # multipliers and Cronometer's per-unit weights
    ("4.00 x 4.0 oz", 16, "oz", ("multiplier",)),
    ("2 x 30g", 60, "g", ("multiplier",)),
    ("2x30 g", 60, "g", ("multiplier",)),
    ("2 × 30 g", 60, "g", ("multiplier",)),
    ("1.00 container - each 5.3 oz", 5.3, "oz", ("multiplier",)),
    ("2.00 container - each 150 g", 300, "g", ("multiplier",)),
    ("1 can (12 fl oz)", 12, "fl oz", ("multiplier",)),
    ("1.00 serving - 30 g", 30, "g", ("multiplier",)),
    # spellings from a real Cronometer servings export
    ("1.00 shake (11 fl oz)", 11, "fl oz", ("multiplier",)),
    ("2.50 x 3.0 cooked links", 7.5, "link", ("multiplier",)),
    ("2.00 slice (from pre-sliced package) - each 3/4 oz", 1.5, "oz", ("multiplier",)),
    # the stated size is followed by more words: 3 bars of 2.07 oz each = 6.21 oz
    ('3.00 regular size bar - each 2.07 oz - 4" long', 6.21, "oz", ("multiplier",)),
    ("2.00 can - each 12 fl oz, chilled", 24, "fl oz", ("multiplier",)),
    ("1.00 x 0.25 Cup", 0.25, "cup", ("multiplier",)),
    # a quantity of a Cronometer measure named with its own count ("1 floweret"): 3 x 1, 2 x 4
    ("3.00 1 cup", 3, "cup", ("multiplier",)),
    ("2.00 4 slices", 8, "slice", ("multiplier",)),
    ('0.10 large - 8 1/4" long', 0.1, "large", ()),
    ("1.00 Cubic Inch", 1, "cubic inch", ()),
    ("1.50 Serving", 1.5, "serving", ()),
    # count, size and serving words
    ("4.00 medium", 4, "medium", ()),
    ("1 large", 1, "large", ()),
    ("2 Large", 2, "large", ()),
    ("1 extra large", 1, "extra large", ()),
    ("1 extra-large", 1, "extra large", ()),
    ("1 XL", 1, "extra large", ()),
    ("1 small", 1, "small", ()),
    ("1 jumbo", 1, "jumbo", ()),
    ("1.00 whole", 1, "whole", ()),
    ("3 slices", 3, "slice", ()),
    ("2 pieces", 2, "piece", ()),
    ("2 pcs", 2, "piece", ()),
    ("1 each", 1, "each", ()),
    ("1 ea", 1, "each", ()),
    ("1 can", 1, "can", ()),
    ("1 stick", 1, "stick", ()),
    ("2 cloves", 2, "clove", ()),
    ("3 leaves", 3, "leaf", ()),
    ("1 fillet", 1, "fillet", ()),
    ("1 scoop", 1, "scoop", ()),
    ("1.00 serving", 1, "serving", ()),
    ("2 servings", 2, "serving", ()),
    ("1 portion", 1, "serving", ()),
    ("1.00 full recipe", 1, "recipe", ()),
    ("serving", 1, "serving", ("assumed_one",)),
    # bare counts and number formats
    ("2", 2, None, ()),
    ("1.00", 1, None, ()),
    ("1,000 g", 1000, "g", ("ambiguous_number",)),
    ("1,000.5 g", 1000.5, "g", ()),
    ("1.000,5 g", 1000.5, "g", ()),
    ("1e3 g", 1000, "g", ()),
    ("  2   cups  ", 2, "cup", ()),
    # Compound amounts: a smaller part of the same system adds (1 lb = 16 oz; 1 cup = 16 tbsp; 1 tbsp = 3 tsp).
    # "1 lb 2 oz" was read as 1 lb, the 2 oz left as a hint.
    ("1 lb 2 oz", 1 + 2 / 16, "lb", ()),
    ("2 lbs 3 oz", 2 + 3 / 16, "lb", ()),
    ("1 kg 200 g", 1.2, "kg", ()),
    ("1 cup 2 tbsp", 1 + 2 / 16, "cup", ()),
    ("1 tbsp 1 tsp", 1 + 1 / 3, "tbsp", ()),
    # The same amount said twice (another system, or a whole unit or more) is not added.
    ("1 oz 28 g", 1, "oz", ()),
    ("1 cup 250 ml", 1, "cup", ()),
    ("1 cup 16 tbsp", 1, "cup", ()),
    # SI units named in other languages (they were 'Unknown unit').
    ("200 gramos", 200, "g", ()),
    ("100 г", 100, "g", ()),
    ("200 мл", 200, "ml", ()),
    ("1,5 кг", 1.5, "kg", ()),
    ("100グラム", 100, "g", ()),
    ("100克", 100, "g", ()),
    ("250 毫升", 250, "ml", ()),
    ("100 그램", 100, "g", ()),
]


@pytest.mark.parametrize(("text", "quantity", "unit", "flags"), AMOUNTS)
def test_parse_amount(text, quantity, unit, flags):
    parsed = parse_amount(text)
    assert parsed.quantity == pytest.approx(quantity)
    assert parsed.unit == unit
    assert parsed.flags == flags


# (text, unit kind, hint)
HINTS = [
    ('1.00 whole - 3 1/2" diameter', "count", '3 1/2" diameter'),
    ('1.00 medium - 7" to 7-7/8" long', "count", '7" to 7-7/8" long'),
    ("1 cup, chopped", "volume", "chopped"),
    ("1 cup chopped", "volume", "chopped"),
    ("1 cup (8 fl oz)", "volume", "8 fl oz"),
    ("1 slice, thin", "count", "thin"),
    ("100 g", "mass", ""),
    ("2", "count", ""),
    ("1 serving", "serving", ""),
    # A size or shape word before a spoon or a cup describes it; the spoon measures.
    ("1 round tsp", "volume", "round"),
    ("2 large tbsp", "volume", "large"),
    ("1.00 large slice", "count", "slice"),   # a slice is no measure of volume: the size word stays the unit
    ("10.00 round", "count", ""),             # Cronometer's round crackers: a count
]


@pytest.mark.parametrize(("text", "kind", "hint"), HINTS)
def test_kind_and_hint(text, kind, hint):
    parsed = parse_amount(text)
    assert (parsed.kind, parsed.hint) == (kind, hint)


# (text, error class, words the message must contain)
ERRORS = [
    ("3 blorps", UnknownUnitError, "Unknown unit 'blorps' in '3 blorps'."),
    ("2 fluffs", UnknownUnitError, "Unknown unit 'fluffs'"),
    ("1 egg", UnknownUnitError, "Unknown unit 'egg'"),          # food words are not units
    ("blorps", AmountError, "No number in 'blorps'"),
    ("", AmountError, "empty"),
    ("   ", AmountError, "empty"),
    ("0 g", AmountError, "zero"),
    ("0", AmountError, "zero"),
    ("0.0 cups", AmountError, "zero"),
    ("-2 g", AmountError, "negative"),
    ("−2 g", AmountError, "negative"),                          # Unicode minus
    ("1/0", AmountError, "divides by zero"),
    ("1 1/0 cup", AmountError, "divides by zero"),
    ("nan", AmountError, "No number"),
    ("1e308", AmountError, "too large"),
    ("1e400 g", AmountError, "not a finite number"),
    ("99999999 g", AmountError, "too large"),
    ("3-1 cups", AmountError, "runs backwards"),
    ("1 2 3", AmountError, "Cannot read"),
    ("3.00 1 floweret", UnknownUnitError, "Unknown unit 'floweret'"),     # read as 3 x (1 floweret)
    ("1 3/2 cups", AmountError, "not a proper fraction"),
    ("1,2,3 g", AmountError, "Cannot read the number"),
    ("↉ cup", AmountError, "zero"),
    ("10⁵ g", AmountError, "raised or lowered digits"),       # NFKC alone would read 105
    ("1..5 g", AmountError, "Cannot read the number"),
    ("1/2/3 cup", AmountError, "Cannot read the number"),
    ("2 x", UnknownUnitError, "Unknown unit 'x'"),
    ('1.00 pizza 8" diameter', UnknownUnitError, "Unknown unit 'pizza 8\" diameter'"),
    ("2.00 burger", UnknownUnitError, "Unknown unit 'burger'"),
    ("3 big blorps", UnknownUnitError, "Unknown unit 'big blorps'"),
    ("inf g", AmountError, "No number"),
    # The number after a unit alone was dropped and the unit read as one: 'g 100' counted 1 g.
    ("g 100", AmountError, "the number '100' follows the unit; write the number first"),
    ("ml 250", AmountError, "the number '250' follows the unit"),
]


@pytest.mark.parametrize(("text", "error", "words"), ERRORS)
def test_parse_amount_errors(text, error, words):
    with pytest.raises(error) as raised:
        parse_amount(text)
    assert words in str(raised.value)
    assert raised.value.value == text


@pytest.mark.parametrize(("value", "expected"), [(2, 2.0), (1.5, 1.5)])
def test_numbers_are_accepted(value, expected):
    assert parse_amount(value) == ParsedAmount(expected, None, "count")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), None, True, b"2 g"])
def test_non_text_values_raise_amount_error(value):
    with pytest.raises(AmountError):
        parse_amount(value)


def test_errors_are_raised_again_from_the_cache():
    for _ in range(2):
        with pytest.raises(UnknownUnitError, match="blorps"):
            parse_amount("7 blorps")


def test_each_distinct_text_is_parsed_once():
    from analyzer.amounts._amounts import _parse_cached

    parse_amount("17 g, for the cache test")
    before = _parse_cached.cache_info()
    for _ in range(5):
        parse_amount("17 g, for the cache test")
    after = _parse_cached.cache_info()
    assert (after.hits - before.hits, after.misses - before.misses) == (5, 0)


# (food text, expected split)
SPLITS = [
    ("2 eggs", (2.0, None, "eggs")),
    ("3 slices of bread", (3.0, "slice", "bread")),
    ("a banana", (1.0, None, "banana")),
    ("An apple", (1.0, None, "apple")),
    ("2 large eggs", (2.0, "large", "eggs")),
    ("1 1/2 cups milk", (1.5, "cup", "milk")),
    ("½ avocado", (0.5, None, "avocado")),
    ("half an avocado", (0.5, None, "avocado")),
    ("200g chicken breast", (200.0, "g", "chicken breast")),
    ("2 cups of milk", (2.0, "cup", "milk")),
    ("banana", None),
    ("2% milk", None),
    ("7up", None),
    ("A1 steak sauce", None),
    ("1 cup", None),
    ("2", None),
    ("0 eggs", None),
    ("", None),
]


@pytest.mark.parametrize(("food_text", "expected"), SPLITS)
def test_split_count(food_text, expected):
    assert split_count(food_text) == expected


@pytest.mark.parametrize("food_text", ["2 eggs", "3 slices of bread", "2 large eggs", "1 1/2 cups milk"])
def test_split_count_reads_back_through_parse_amount(food_text):
    """The importer writes f"{count:g} {unit}"; that text must parse to the same amount."""
    count, unit, _ = split_count(food_text)
    parsed = parse_amount(f"{count:g} {unit}" if unit else f"{count:g}")
    assert (parsed.quantity, parsed.unit) == (count, unit)


def test_every_amount_in_a_real_cronometer_export_reads(shared_samples):
    """Only units that are food words (pizza, burger) are left for the user to fix."""
    with (shared_samples / "cronometer_servings_2022.csv").open(encoding="utf-8") as handle:
        amounts = {row["Amount"] for row in csv.DictReader(handle)}
    unknown = set()
    for text in amounts:
        try:
            assert parse_amount(text).quantity > 0
        except UnknownUnitError:
            unknown.add(text.split()[1])
    assert len(amounts) > 30 and unknown <= {"pizza", "burger"}


# --- the alias table and the registry -------------------------------------------------

def _alias_rows():
    with ALIASES_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_alias_table_has_a_source_on_every_row():
    assert all(row["source"].strip() for row in _alias_rows())


@pytest.mark.parametrize("row", _alias_rows(), ids=lambda row: row["alias"])
def test_every_alias_and_its_canonical_key_read_back(row):
    found = lookup_unit(row["alias"])
    assert found is not None and found.canonical == row["canonical"]
    assert lookup_unit(row["canonical"]).canonical == row["canonical"]


# (unit text, millilitres in one): the words pint would misread on its own
VOLUMES = [
    ("fl oz", 29.5735),
    ("c", 236.588),
    ("cup", 236.588),
    ("T", 14.7868),
    ("t", 4.92892),
    ("pinch", 0.308057),
    ("dash", 0.616115),
    ("cl", 10.0),
]


@pytest.mark.parametrize(("text", "millilitres"), VOLUMES)
def test_volume_aliases_convert_to_millilitres(text, millilitres):
    unit = lookup_unit(text)
    assert conversion_factor(unit.pint_unit, "milliliter") == pytest.approx(millilitres, rel=1e-5)


def test_one_registry_for_the_process():
    import pint

    assert pint.get_application_registry().Quantity(1, "cup").to("ml").magnitude == pytest.approx(236.588, 1e-5)
    assert Q_(1, unit_info("oz").pint_unit).to("gram").magnitude == pytest.approx(28.3495, 1e-5)


# --- property: any text gives a sane amount or an AmountError --------------------------

_AMOUNT_ALPHABET = st.sampled_from(list("0123456789 .,/-x½¼¾⅓１٣e+") + ["cup", "g", "oz", " fl oz", "T", "t",
                                                                    "large", " - each ", "to", "nan", "inf"])


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=40), st.lists(_AMOUNT_ALPHABET, max_size=12).map("".join)))
def test_parse_amount_returns_a_positive_amount_or_raises_amount_error(text):
    try:
        parsed = parse_amount(text)
    except AmountError:
        return
    assert isinstance(parsed, ParsedAmount)
    assert math.isfinite(parsed.quantity) and parsed.quantity > 0
    assert parsed.kind in ("mass", "volume", "count", "serving")
    assert parsed.unit is None or unit_info(parsed.unit).kind == parsed.kind


@pytest.mark.parametrize(("text", "quantity", "unit"), [
    ("1,5 Scheiben", 1.5, "slice"),
    ("2 EL", 2.0, "tbsp"),
    ("1 TL", 1.0, "tsp"),
    ("1 Tasse", 1.0, "cup"),
    ("3 Stück", 3.0, "piece"),
    ("2 c. à soupe", 2.0, "tbsp"),
    ("1 c. à café", 1.0, "tsp"),
    ("2 tranches", 2.0, "slice"),
    ("2 cucharadas", 2.0, "tbsp"),
    ("1 taza", 1.0, "cup"),
])
def test_household_words_in_german_french_and_spanish(text, quantity, unit):
    # Generic diaries are read with German, French and Spanish column names; their units too.
    parsed = parse_amount(text)
    assert (parsed.quantity, parsed.unit) == (quantity, unit)


def test_conversion_factors_are_remembered_so_a_run_need_not_load_pint(tmp_path):
    """A cup is 236.5882365 ml (US customary: 8 fl oz x 29.5735295625 ml); the second process
    reads the factor from the cache folder and never imports pint."""
    import os
    import subprocess
    import sys

    code = ("import sys; from analyzer.amounts._units import conversion_factor; "
            "print(repr(conversion_factor('cup', 'milliliter')), 'pint' in sys.modules)")
    env = {**os.environ, "MINERALOG_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                           cwd=ALIASES_PATH.parents[1]).stdout.split() for _ in range(2)]
    assert float(runs[0][0]) == pytest.approx(236.5882365, rel=1e-9)
    assert runs == [[runs[0][0], "True"], [runs[0][0], "False"]]


def test_the_alias_table_is_checked_against_pint():
    from analyzer.amounts._units import registry

    assert registry().Quantity(1, "cooking_pinch").check("[length] ** 3")  # the table's own cooking units are defined


@pytest.mark.parametrize(("text", "numbers"), [
    ("cup (1 1/2 inch pieces)", (1.5,)),
    ("serving 1/ 2 cup", (0.5,)),             # a fraction written with a space, not the numbers 1 and 2
    ("bar, miniature (.35 oz)", (0.35,)),     # a leading decimal point, not 35
    ("1 cup, 2 tbsp", (1.0, 2.0)),
    ("1/0 cup", ()),                          # the amount rule refuses it, so it is no number
    ("slice", ()),
])
def test_numbers_in_a_measure_description(text, numbers):
    from analyzer.amounts._amounts import numbers_in

    assert numbers_in(text) == pytest.approx(numbers)
