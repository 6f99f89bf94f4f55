"""Parsed amounts -> grams through a food's own USDA household measures.

The measures below are copied from USDA SR28 WEIGHT.txt (NDB_No, Seq, Amount,
Msre_Desc, Gm_Wgt) so the tests need no database.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analyzer.amounts import _grams
from analyzer.amounts._amounts import parse_amount, parse_portion
from analyzer.amounts._grams import SOURCES, GramsResult, resolve_grams, resolve_portion
from analyzer.errors import AmountError, SchemaError

SR28_WEIGHTS = {
    "egg": (1123, "Egg, whole, raw, fresh", [
        (1, 1, "large", 50), (2, 1, "extra large", 56), (3, 1, "jumbo", 63),
        (5, 1, "cup (4.86 large eggs)", 243), (6, 1, "medium", 44), (7, 1, "small", 38)]),
    "apple": (9003, "Apples, raw, with skin", [
        (1, 1, "cup, quartered or chopped", 125), (2, 1, "cup slices", 109),
        (3, 1, 'large (3-1/4" dia)', 223), (4, 1, 'medium (3" dia)', 182),
        (5, 1, 'small (2-3/4" dia)', 149), (6, 1, 'extra small (2-1/2" dia)', 101), (7, 1, "NLEA serving", 242)]),
    "banana": (9040, "Bananas, raw", [
        (1, 1, "cup, mashed", 225), (2, 1, "cup, sliced", 150), (3, 1, 'extra small (less than 6" long)', 81),
        (4, 1, 'small (6" to 6-7/8" long)', 101), (5, 1, 'medium (7" to 7-7/8" long)', 118),
        (6, 1, 'large (8" to 8-7/8" long)', 136), (7, 1, 'extra large (9" or longer)', 152),
        (8, 1, "NLEA serving", 126)]),
    "bread": (18069, "Bread, white, commercially prepared (includes soft bread crumbs)", [
        (1, 1, "slice", 29), (2, 1, "oz", 28.35), (3, 1, "cup, crumbs", 45), (4, 1, "cup, cubes", 35),
        (5, 1, "slice, large", 30), (6, 1, "slice", 25), (7, 1, "slice crust not eaten", 12.0),
        (8, 1, "slice, thin", 20), (9, 1, "slice thin, crust not eaten", 9.0), (10, 1, "slice, very thin", 15.0)]),
    "garlic": (11215, "Garlic, raw", [
        (1, 1, "cup", 136), (2, 1, "tsp", 2.8), (3, 1, "clove", 3.0), (4, 3, "cloves", 9.0)]),
    "milk": (1077, "Milk, whole, 3.25% milkfat, with added vitamin D", [
        (1, 1, "cup", 244), (2, 1, "fl oz", 30.5), (3, 1, "tbsp", 15), (4, 1, "quart", 976)]),
    "salt": (2047, "Salt, table", [
        (1, 1, "tsp", 6.0), (2, 1, "tbsp", 18), (3, 1, "cup", 292), (4, 1, "dash", 0.4)]),
    "salmon": (15076, "Fish, salmon, Atlantic, wild, raw", [(1, 3, "oz", 85), (2, 0.5, "fillet", 198)]),
    "cheddar": (1009, "Cheese, cheddar", [
        (1, 1, "cup, diced", 132), (2, 1, "cup, melted", 244), (3, 1, "cup, shredded", 113),
        (4, 1, "oz", 28.35), (5, 1, "cubic inch", 17), (6, 1, "slice (1 oz)", 28)]),
    "tomato": (11529, "Tomatoes, red, ripe, raw, year round average", [
        (1, 1, "cup cherry tomatoes", 149), (2, 1, "cup, chopped or sliced", 180), (3, 1, "Italian tomato", 62),
        (4, 1, "cherry", 17), (5, 1, 'large whole (3" dia)', 182), (6, 1, 'medium whole (2-3/5" dia)', 123),
        (7, 1, 'slice, medium (1/4" thick)', 20), (8, 1, "plum tomato", 62), (9, 1, 'small whole (2-2/5" dia)', 91),
        (10, 1, 'slice, thick/large (1/2" thick)', 27), (11, 1, "wedge (1/4 of medium tomato)", 31),
        (12, 1, "slice, thin/small", 15.0), (13, 1, "NLEA serving", 148)]),
    "steak": (13000, "Beef, grass-fed, strip steaks, lean only, raw", [(1, 3, "oz", 85), (2, 1, "steak", 214)]),
    "beer": (14003, "Alcoholic beverage, beer, regular, all", [(1, 1, "fl oz", 29.7), (2, 1, "can", 356)]),
    "chicken_back": (5341, "Chicken, broilers or fryers, back, meat only, cooked, rotisserie, original seasoning", [
        (1, 1, "serving (3 oz)", 85), (2, 1, "back", 102), (3, 1, "oz", 28.35)]),
    "avocado": (9037, "Avocados, raw, all commercial varieties", [
        (1, 1, "cup, cubes", 150), (2, 1, "cup, pureed", 230), (3, 1, "cup, sliced", 146),
        (4, 1, "avocado, NS as to Florida or California", 201)]),
    "after_eight": (19153, "Candies, NESTLE, AFTER EIGHT Mints", [
        (1, 1, "serving 5 mints", 42.0), (2, 1, "piece", 8.4)]),
    "starburst": (19156, "Candies, MARS SNACKFOOD US, STARBURST Fruit Chews, Original fruits", [
        (1, 1, "serving fun size (8 chews)", 40.0), (2, 1, "serving 2.07 oz pack", 59.0), (3, 1, "piece", 5.0)]),
    "cucumber": (11205, "Cucumber, with peel, raw", [(1, 0.5, "cup slices", 52), (2, 1, 'cucumber (8-1/4")', 301)]),
    "cauliflower": (11135, "Cauliflower, raw", [
        (1, 1, 'cup chopped (1/2" pieces)', 107), (2, 1, "floweret", 13), (3, 1, 'head large (6-7" dia.)', 840),
        (4, 1, 'head medium (5-6" dia.)', 588), (5, 1, 'head small (4" dia.)', 265)]),
    "pineapple": (9266, "Pineapple, raw, all varieties", [
        (1, 1, "cup, chunks", 165), (2, 1, "fruit", 905), (3, 1, 'slice (4-2/3" dia x 3/4" thick)', 166),
        (4, 1, 'slice (3-1/2" dia x 3/4" thick)', 84), (5, 1, 'slice, thin (3-1/2" dia x 1/2" thick)', 56)]),
    "strawberry": (9316, "Strawberries, raw", [
        (1, 1, "cup, halves", 152), (2, 1, "cup, pureed", 232), (3, 1, "cup, sliced", 166), (4, 1, "cup, whole", 144),
        (5, 1, 'extra large (1-5/8" dia)', 27), (6, 1, 'large (1-3/8" dia)', 18), (7, 1, 'medium (1-1/4" dia)', 12)]),
    "veggie_burger": (16552, "MORNINGSTAR FARMS Mushroom Lover's Burger, frozen, unprepared", [(1, 1, "burger", 64)]),
    "fig_bars": (18170, "Cookies, fig bars", [
        (1, 1, "oz", 28.35), (2, 1, "Figaroo (2 square halves)", 43), (3, 1, "cookie", 16),
        (4, 1, 'individual package (2 oz package containing 2 3" bars)', 57)]),
    "nothing": (99999, "A food without household measures", []),
}


def measures_of(food: str) -> pd.DataFrame:
    food_id, _, rows = SR28_WEIGHTS[food]
    frame = pd.DataFrame(rows, columns=["seq", "amount", "description", "grams"])
    frame.insert(0, "food_id", food_id)
    return frame.astype({"amount": float, "grams": float})


def weigh(text: str, food: str) -> GramsResult:
    return resolve_grams(parse_amount(text), measures_of(food), SR28_WEIGHTS[food][1])


# (amount text, food, grams, source, flags the result must carry)
CASES = [
    # direct: mass needs no measure
    ("100 g", "egg", 100.0, "direct", ()),
    ("4 oz", "salmon", 113.398, "direct", ()),
    ("1 lb", "steak", 453.592, "direct", ()),
    ("500 mg", "salt", 0.5, "direct", ()),
    ("1,5 kg", "nothing", 1500.0, "direct", ()),
    ("2 x 30g", "bread", 60.0, "direct", ("multiplier",)),
    ("1.00 container - each 5.3 oz", "cheddar", 150.252, "direct", ("multiplier",)),
    # the stated size weighs the bar, whatever follows it: 3 x 2.07 oz x 28.3495 g/oz = 176.05 g
    ('3.00 regular size bar - each 2.07 oz - 4" long', "starburst", 176.050, "direct", ("multiplier",)),
    # household measure named by the unit
    ("2 large", "egg", 100.0, "household_measure", ()),
    ("1 medium", "egg", 44.0, "household_measure", ()),
    ("1 extra large", "egg", 56.0, "household_measure", ()),
    ("1 jumbo", "egg", 63.0, "household_measure", ()),
    ("3 small", "egg", 114.0, "household_measure", ()),
    ("1 cup", "egg", 243.0, "household_measure", ()),
    ("1 cup", "apple", 125.0, "household_measure", ()),
    ("1 cup, sliced", "apple", 109.0, "household_measure", ()),
    ("1 medium", "apple", 182.0, "household_measure", ()),
    ("1 cup, mashed", "banana", 225.0, "household_measure", ()),
    ("1 cup sliced", "banana", 150.0, "household_measure", ()),
    ('1.00 medium - 7" to 7-7/8" long', "banana", 118.0, "household_measure", ()),
    ("2 slices", "bread", 58.0, "household_measure", ()),
    ("1 slice, thin", "bread", 20.0, "household_measure", ()),
    ("3 cloves", "garlic", 9.0, "household_measure", ()),
    ("1 tsp", "garlic", 2.8, "household_measure", ()),
    ("1 cup", "milk", 244.0, "household_measure", ()),
    ("2 tbsp", "milk", 30.0, "household_measure", ()),
    ("2 T", "milk", 30.0, "household_measure", ()),
    ("8 fl oz", "milk", 244.0, "household_measure", ()),
    ("1 dash", "salt", 0.4, "household_measure", ()),
    ("1 t", "salt", 6.0, "household_measure", ()),
    ("1 fillet", "salmon", 396.0, "household_measure", ()),
    ("2 slices", "cheddar", 56.0, "household_measure", ()),
    ("2 cubic inch", "cheddar", 34.0, "household_measure", ()),
    ("1 whole", "tomato", 123.0, "household_measure", ()),
    ("1 large", "tomato", 182.0, "household_measure", ()),
    ("1 can", "beer", 356.0, "household_measure", ()),
    ("12 fl oz", "beer", 356.4, "household_measure", ()),
    ("1 serving", "chicken_back", 85.0, "household_measure", ()),
    ("1 serving", "apple", 242.0, "household_measure", ()),
    ("1 steak", "steak", 214.0, "household_measure", ()),
    ("1-2 cups", "milk", 366.0, "household_measure", ("range",)),
    # the same thing spelled differently by the diary and by USDA
    ("2.16 cup, mashed", "strawberry", 501.12, "household_measure", ()),   # 2.16 x "cup, pureed" 232 g
    ("2.00 patty", "veggie_burger", 128.0, "household_measure", ()),        # 2 x "burger" 64 g
    ("2 bars", "fig_bars", 57.0, "household_measure", ()),                  # 2 x (57 g package / 2 bars)
    # a bare count or "whole" takes the food's usual unit
    ("2", "egg", 100.0, "household_measure", ("default_count_measure",)),
    ("1", "banana", 118.0, "household_measure", ("default_count_measure",)),
    ("1 each", "apple", 182.0, "household_measure", ("default_count_measure",)),
    ('1.00 whole - 3 1/2" diameter', "apple", 223.0, "household_measure", ("default_count_measure",)),
    ('1.00 whole - 2 1/2" diameter', "apple", 101.0, "household_measure", ("default_count_measure",)),
    ("2", "garlic", 6.0, "household_measure", ("default_count_measure",)),
    ("2", "steak", 428.0, "household_measure", ("default_count_measure",)),
    ("1.00 each", "avocado", 201.0, "household_measure", ("default_count_measure",)),
    ("0.25 each", "avocado", 50.25, "household_measure", ("default_count_measure",)),
    # a missing size takes the nearest one
    ("1 jumbo", "banana", 152.0, "household_measure", ("size_substituted",)),
    ("1 jumbo", "apple", 223.0, "household_measure", ("size_substituted",)),
    # another volume measure of the same food, converted by pint
    ("250 ml", "milk", 257.834, "household_measure", ("converted_volume",)),
    ("330 ml", "beer", 331.435, "household_measure", ("converted_volume",)),
    ("100 ml", "egg", 102.710, "household_measure", ("converted_volume",)),
    ("1 pinch", "salt", 0.375, "household_measure", ("converted_volume",)),
    ("1 l", "banana", 951.033, "household_measure", ("converted_volume",)),
    # no volume measure at all: water's density
    ("1 cup", "steak", 236.588, "density", ("density",)),
    ("250 ml", "nothing", 250.0, "density", ("density",)),
    ("2 tbsp", "salmon", 29.574, "density", ("density",)),
    # a serving with no serving measure: the first measure, whole
    ("1 serving", "cheddar", 132.0, "assumed_serving", ("assumed_serving",)),
    ("1 serving", "steak", 85.0, "assumed_serving", ("assumed_serving",)),
    ("2 portions", "milk", 488.0, "assumed_serving", ("assumed_serving",)),
    ("1.00 full recipe", "egg", 50.0, "assumed_serving", ("assumed_serving",)),
    # absurd but possible
    ("10 kg", "milk", 10000.0, "direct", ("over_5kg",)),
    ("25 cups", "milk", 6100.0, "household_measure", ("over_5kg",)),
    ("6 l", "nothing", 6000.0, "density", ("density", "over_5kg")),
]


@pytest.mark.parametrize(("text", "food", "grams", "source", "flags"), CASES)
def test_resolve_grams(text, food, grams, source, flags):
    result = weigh(text, food)
    assert result.grams == pytest.approx(grams, rel=1e-4)
    assert result.source == source
    assert set(flags) <= set(result.flags)
    assert 0 < result.confidence <= 1


# A measure holding several of the named items: one item is its share, never a whole serving.
@pytest.mark.parametrize(("text", "food", "grams"), [
    ("2.00 x 4.0 Mints", "after_eight", 67.2),  # 8 mints x (42 g / 5 mints)
    ("2 mints", "after_eight", 16.8),           # 2 x 8.4 g
    ("4 chews", "starburst", 20.0),             # 4 x (40 g / 8 chews)
    ("3.00 1 floweret", "cauliflower", 39.0),   # 3 x (1 floweret = 13 g)
    ("4.00 flower", "cauliflower", 52.0),       # 4 x (1 floweret = 13 g)
    ("1.00 bar", "fig_bars", 28.5),             # the package of 2 bars (57 g) holds 2: 57 / 2
])
def test_a_portion_is_one_of_the_items_a_serving_holds(text, food, grams):
    portion = parse_portion(text)
    assert portion is not None
    result = resolve_portion(portion, measures_of(food), SR28_WEIGHTS[food][1])
    assert result is not None
    assert result.grams == pytest.approx(grams)


# Cronometer names a size by its dimensions ("0.10 large - 8 1/4\" long"); a food measured only as
# 'cucumber (8-1/4")' has no 'large', but its one measure of those dimensions is that size.
def test_a_size_named_by_its_dimensions_takes_the_measure_of_those_dimensions():
    result = weigh('0.10 large - 8 1/4" long', "cucumber")
    assert result.grams == pytest.approx(30.1)  # 0.10 x 301 g (SR28 11205 'cucumber (8-1/4")')
    assert result.source == "household_measure"


@pytest.mark.parametrize("text", ["1 large", '1 large - 9" long'])
def test_a_size_without_matching_dimensions_still_needs_grams(text):
    with pytest.raises(AmountError, match="no household measure for 'large'"):
        weigh(text, "cucumber")


def test_every_source_is_covered_by_the_table():
    assert {case[3] for case in CASES} == set(SOURCES)


@pytest.mark.parametrize(("text", "food"), [("5000 g", "egg"), ("4999 g", "egg"), ("1 cup", "milk")])
def test_no_over_5kg_flag_at_or_below_5000_grams(text, food):
    assert "over_5kg" not in weigh(text, food).flags


@pytest.mark.parametrize(("text", "food", "detail"), [
    ("2 cups", "apple", "1 cup, quartered or chopped = 125 g; 2 cups = 250 g."),
    ("250 ml", "milk", "1 cup = 244 g"),
    ("1 cup", "steak", "1 g/ml"),
    ("1 serving", "cheddar", "1 cup, diced = 132 g"),
    ("100 g", "egg", "100 g = 100 g."),
])
def test_detail_names_the_measure_used(text, food, detail):
    assert detail in weigh(text, food).detail


# (amount, food, words the error must contain)
ERRORS = [
    ("1 slice", "apple", "Apples, raw, with skin has no household measure for 'slice'"),
    ("2", "salt", "no household measure for a count without a unit"),
    ("2", "nothing", "no household measure"),
    ("1 serving", "nothing", "no serving size on record"),
    ("1 handful", "milk", "no household measure for 'handful'"),
    ("2000 kg", "milk", "more than a tonne"),
    ("5000 lb", "nothing", "more than a tonne"),
]


@pytest.mark.parametrize(("text", "food", "words"), ERRORS)
def test_unresolvable_amounts_raise_amount_error(text, food, words):
    with pytest.raises(AmountError, match=words):
        weigh(text, food)


def test_confidence_falls_with_each_weaker_route():
    routes = [weigh("100 g", "milk"), weigh("1 cup", "milk"), weigh("250 ml", "milk"),
              weigh("1 serving", "cheddar"), weigh("1 cup", "steak")]
    confidences = [r.confidence for r in routes]
    assert confidences == sorted(confidences, reverse=True)
    assert len(set(confidences)) == len(confidences)


def test_a_range_lowers_confidence():
    assert weigh("1-2 cups", "milk").confidence < weigh("1.5 cups", "milk").confidence


@pytest.mark.parametrize("broken", [
    (9, 0, "cup", 100.0),                  # zero amount
    (9, 1, "cup", float("nan")),           # unknown weight
    (9, 1, "cup", -5.0),                   # negative weight
])
def test_unusable_measure_rows_are_ignored(broken):
    frame = pd.concat([pd.DataFrame([broken], columns=["seq", "amount", "description", "grams"]),
                       measures_of("steak")], ignore_index=True)
    result = resolve_grams(parse_amount("1 cup"), frame, "steak")
    assert (result.source, result.grams) == ("density", pytest.approx(236.588, rel=1e-5))


def test_no_measures_frame_at_all():
    assert resolve_grams(parse_amount("1 cup"), None).source == "density"


def test_real_food_table_measures(food_table):
    """The same egg rows come out of the built database, and every food gives sane grams or an AmountError."""
    assert resolve_grams(parse_amount("2 large"), food_table.measures_of(1123)).grams == pytest.approx(100.0)
    resolved = 0
    for food_id in food_table.foods.index[:300]:
        for text in ("1 cup", "2", "1 serving", "3 oz", "1 slice"):
            try:
                result = resolve_grams(parse_amount(text), food_table.measures_of(food_id))
            except AmountError:
                continue
            assert math.isfinite(result.grams) and result.grams > 0
            resolved += 1
    assert resolved > 900


def test_a_new_frame_is_read_afresh_even_at_a_reused_address():
    """Measures are read once per frame object; a later frame (maybe at the same id) is not confused with it."""
    for grams in (10.0, 20.0, 30.0, 40.0):
        frame = pd.DataFrame({"seq": [1], "amount": [1.0], "description": ["large"], "grams": [grams]})
        assert resolve_grams(parse_amount("1 large"), frame).grams == grams
        del frame


# A round item named by its diameter ('0.94 14" diameter', Cronometer's pizzas) weighs the whole-item
# measure of the nearest stated diameter, scaled by area: the same crust is as thick at any size.
PIZZA_12 = (21273, "PIZZA HUT 12\" Cheese Pizza, THIN 'N CRISPY Crust", [(1, 1, "slice", 69.0), (2, 1, "pizza", 573.0)])
BORROWED_PIZZAS = pd.DataFrame({
    "food_id": 2002704, "seq": [1, 2, 101, 102], "amount": 1.0, "description": ["slice", "pizza", "slice", "pizza"],
    "grams": [69.0, 573.0, 79.0, 641.0],
    "estimated_from": ["closest SR28 food by description: USDA SR28 #21273 PIZZA HUT 12\" Cheese Pizza"] * 2
    + ["SR28 food as close by description: USDA SR28 #21295 PIZZA HUT 14\" Cheese Pizza"] * 2})


@pytest.mark.parametrize(("text", "grams"), [
    ('1.00 14" diameter', 573.0 * (14 / 12) ** 2),   # SR28 21273: 1 pizza (12") = 573 g -> 779.9 g at 14"
    ('0.50 8" diameter', 0.5 * 573.0 * (8 / 12) ** 2),  # 127.3 g
    ('1.00 12" diameter', 573.0),                    # its own size: the measure as it is
    ("1.00 14 inch diameter", 573.0 * (14 / 12) ** 2),  # a size in words is no count of 14 items
    ("1.00 8 inch pizza", 573.0 * (8 / 12) ** 2),        # 254.7 g
])
def test_a_pizza_named_by_its_diameter_scales_by_area(text, grams):
    food_id, description, rows = PIZZA_12
    frame = pd.DataFrame(rows, columns=["seq", "amount", "description", "grams"]).assign(food_id=food_id)
    result = resolve_portion(parse_portion(text), frame, description)
    assert result is not None and result.grams == pytest.approx(grams)


@pytest.mark.parametrize(("text", "grams", "lender"), [
    ('0.94 14" diameter', 0.94 * 641.0, "21295"),                 # SR28 21295: 1 pizza (14") = 641 g
    ('1.00 16" diameter', 641.0 * (16 / 14) ** 2, "21295"),       # 837.2 g from the nearest, 14"
    ('1.00 10" diameter', 573.0 * (10 / 12) ** 2, "21273"),       # 397.9 g from the nearest, 12"
])
def test_a_borrowed_pizza_measure_takes_the_lender_of_the_nearest_diameter(text, grams, lender):
    result = resolve_portion(parse_portion(text), BORROWED_PIZZAS, "Pizza, extra cheese, thin crust")
    assert result is not None and result.grams == pytest.approx(grams)
    assert lender in result.detail and "estimated_measure" in result.flags


def test_a_diameter_after_the_foods_own_name_is_still_a_size():
    # '1.00 pizza 8" diameter' (Cronometer): 573 g x (8/12)^2 = 254.7 g from SR28 21273's 12" pizza.
    food_id, description, rows = PIZZA_12
    frame = pd.DataFrame(rows, columns=["seq", "amount", "description", "grams"]).assign(food_id=food_id)
    result = resolve_portion(parse_portion('1.00 pizza 8" diameter'), frame, description)
    assert result is not None and result.grams == pytest.approx(573.0 * 4 / 9)


# A serving that counts several items ("0.50 Serving (400 each - without shell)") with no measure for one
# item is not the food's first measure: a cup of sunflower kernels (SR28 12038: 1 cup = 134 g) is not
# 400 kernels (about 25 g), so the line asks for grams.
SUNFLOWER = pd.DataFrame({"food_id": 12038, "seq": [1, 2], "amount": [1.0, 1.0], "description": ["cup", "oz"],
                          "grams": [134.0, 28.35]})


@pytest.mark.parametrize("text", ["0.50 Serving (400 each - without shell)", "1.00 Serving (150 items)"])
def test_a_serving_of_many_items_no_measure_weighs_asks_for_grams(text):
    with pytest.raises(AmountError, match="enter the amount in grams"):
        resolve_grams(parse_amount(text), SUNFLOWER, "Seeds, sunflower seed kernels, oil roasted, without salt")


def test_a_plain_serving_still_takes_the_first_measure():
    result = resolve_grams(parse_amount("0.50 Serving"), SUNFLOWER, "Seeds, sunflower seed kernels")
    assert result.grams == pytest.approx(67.0)  # 0.5 x 134 g (1 cup, SR28 12038's first measure)
    assert result.source == "assumed_serving"


# SR28 writes a sub as "6 inch sub = 237 g" (Amount 6, Msre_Desc "inch sub"): the 6 is the length of one sub.
TUNA_SUB = pd.DataFrame({"food_id": 21126, "seq": [1, 2], "amount": [6.0, 12.0],
                         "description": ["inch sub", "inch sub"], "grams": [237.0, 474.0]})


@pytest.mark.parametrize(("text", "grams"), [
    ('2.00 each - 6" sub', 2 * 237.0),   # SR28 21126: 6 inch sub = 237 g (not 2/6 of it)
    ('1.00 each - 12" sub', 474.0),      # 12 inch sub = 474 g
    ("1.00 each", 237.0),                # the usual unit: USDA's first measure, one 6-inch sub
])
def test_a_measure_that_states_a_length_is_one_item_of_that_length(text, grams):
    description = "Fast foods, submarine sandwich, tuna on white bread with lettuce and tomato"
    assert resolve_grams(parse_amount(text), TUNA_SUB, description).grams == pytest.approx(grams)


def test_a_serving_of_many_items_takes_the_foods_own_serving_measure():
    # A food with its own "serving" measure keeps it: 1 Serving (20 each) = 1 x serving = 80 g.
    nachos = pd.DataFrame({"food_id": 1, "seq": [1, 2], "amount": [1.0, 1.0], "description": ["serving", "cup"],
                           "grams": [80.0, 30.0]})
    result = resolve_grams(parse_amount("1.00 Serving (20 each - 1 nacho)"), nachos, "Nachos, cheese only")
    assert result.grams == pytest.approx(80.0)


def test_a_size_of_an_item_measured_by_its_weight_takes_the_whole_unpeeled_item():
    # SR28 11209 Eggplant, raw: "1 eggplant, unpeeled (approx 1-1/4 lb) = 548 g" is the usual whole eggplant
    # (the weight note is no size); the peeled yield (458 g) is what is left after trimming.
    eggplant = pd.DataFrame({"food_id": 11209, "seq": [1, 2, 3], "amount": 1.0,
                             "description": ["cup, cubes", "eggplant, peeled (yield from 1-1/4 lb)",
                                             "eggplant, unpeeled (approx 1-1/4 lb)"], "grams": [82.0, 458.0, 548.0]})
    result = resolve_grams(parse_amount("0.50 medium"), eggplant, "Eggplant, raw")
    assert result.grams == pytest.approx(274.0)  # 0.5 x 548 g
    assert "size_substituted" in result.flags


# FNDDS 'Coffee, instant, reconstituted' borrows SR28's measures: first those of #14222 (the powder's
# rounded teaspoon, 1.8 g), then those of the equally close #14223 (the drink's fluid ounce, 29.9 g).
_COFFEE_14222 = "closest SR28 food by description: USDA SR28 #14222 Beverages, coffee, instant, with chicory"
_COFFEE_14223 = "SR28 food as close by description: USDA SR28 #14223 Beverages, coffee, instant, chicory"
INSTANT_COFFEE = pd.DataFrame({
    "seq": [1, 101], "amount": [1.0, 1.0], "description": ["tsp, rounded", "fl oz"], "grams": [1.8, 29.9],
    "estimated_from": [_COFFEE_14222, _COFFEE_14223]})


def test_a_volume_takes_an_equally_close_lenders_measure_of_that_very_unit():
    parsed = parse_amount("1.00 large or venti - each 20 fl oz")
    result = resolve_grams(parsed, INSTANT_COFFEE, "Coffee, instant, reconstituted")
    # 20 fl oz x 29.9 g per fl oz = 598 g, not 20 x 29.57 ml x 0.365 g/ml (the powder's teaspoon) = 216 g
    assert result.grams == pytest.approx(598.0)
    assert "estimated_measure" in result.flags
    # a unit the first lender has keeps the first lender's measure: 2 x 1.8 g (its rounded teaspoon)
    tsp = resolve_grams(parse_amount("2 tsp"), INSTANT_COFFEE, "Coffee, instant, reconstituted")
    assert tsp.grams == pytest.approx(3.6)


# "whole pineapple" is the whole fruit (SR28 9266 "1 fruit = 905 g"), not a slice of it (166 g).
@pytest.mark.parametrize(("text", "grams"), [
    ("0.60 each - whole pineapple", 543.0),  # 0.6 x 905 g
    ("1.00 whole", 905.0),                   # 1 x 905 g
    ("2.00 each", 332.0),                    # no "whole" said: the usual unit, 2 x the 166 g slice
])
def test_a_whole_item_is_the_whole_fruit_not_a_slice(text, grams):
    assert weigh(text, "pineapple").grams == pytest.approx(grams)


# A size word whose description counts the slices is the whole item, not one slice (113 g).
DOMINOS_14 = (21280, "DOMINO'S 14\" Pepperoni Pizza, Classic Hand-Tossed Crust",
              [(1, 1, "slice", 113.0), (2, 1, "pizza", 907.0)])


@pytest.mark.parametrize(("text", "grams"), [
    ('1.00 extra large - 16" diameter - 8 slices', 907.0 * (16 / 14) ** 2),  # 1184.7 g: the 14" pizza by area
    ('0.50 large - 14" diameter - 8 slices', 0.5 * 907.0),                   # 453.5 g: half the 14" pizza
    ("2.00 large - 8 slices", 2 * 8 * 113.0),                                # no diameter: 16 slices of 113 g
])
def test_a_size_cut_into_slices_is_the_whole_item(text, grams):
    food_id, description, rows = DOMINOS_14
    frame = pd.DataFrame(rows, columns=["seq", "amount", "description", "grams"]).assign(food_id=food_id)
    assert resolve_grams(parse_amount(text), frame, description).grams == pytest.approx(grams)


# FNDDS 'Rice cake' borrows SR28 42204's cubic inch (4.2 g), then SR28 19816's "1 cake = 9 g".
RICE_CAKE = pd.DataFrame({
    "seq": [1, 101, 102], "amount": [1.0, 1.0, 2.0], "description": ["cubic inch", "cake", "cakes"],
    "grams": [4.2, 9.0, 18.0],
    "estimated_from": ["closest SR28 food by description: USDA SR28 #42204 Rice cake, cracker"]
    + ["SR28 food as close by description: USDA SR28 #19816 Snacks, rice cakes, brown rice, plain, unsalted"] * 2})


def test_a_size_of_a_rice_cake_is_one_cake():
    result = resolve_grams(parse_amount('3.00 regular - 4" diameter'), RICE_CAKE, "Rice cake")
    assert result.grams == pytest.approx(27.0)  # 3 x 9 g (one cake; no size of it on record)
    assert {"size_substituted", "estimated_measure"} <= set(result.flags)


# SR28 6128 Soup, chicken noodle, dry, mix: 1 packet = 74 g; 1 packet (6 fl oz) = 11.1 g (the mix for 6 fl oz).
SOUP_MIX = pd.DataFrame({"seq": [1, 2], "amount": [1.0, 1.0], "description": ["packet", "packet (6 fl oz)"],
                         "grams": [74.0, 11.1]})


@pytest.mark.parametrize(("text", "grams"), [
    ("1.00 envelope - makes 3 cups", 44.4),  # 3 cups = 24 fl oz: 11.1 g x 24 / 6
    ("1.00 envelope", 74.0),                 # nothing said of what it makes: USDA's plain packet
])
def test_a_mix_said_to_make_a_volume_weighs_in_proportion(text, grams):
    result = resolve_grams(parse_amount(text), SOUP_MIX, "Soup, chicken noodle, dry, mix")
    assert result.grams == pytest.approx(grams, rel=1e-3)


# FNDDS 'Broccoli, fresh, cooked, no added fat' borrows first SR28 11969 Broccoli, chinese, cooked (1 cup = 88 g),
# then the equally close SR28 11091 Broccoli, cooked, boiled, drained (1/2 cup, chopped = 78 g; spear = 37 g).
_BROCCOLI_11969 = "closest SR28 food by description: USDA SR28 #11969 Broccoli, chinese, cooked"
_BROCCOLI_11091 = "SR28 food as close by description: USDA SR28 #11091 Broccoli, cooked, boiled, drained, without salt"
COOKED_BROCCOLI = pd.DataFrame({
    "seq": [1, 101, 102], "amount": [1.0, 0.5, 1.0], "description": ["cup", "cup, chopped", "spear (about 5\" long)"],
    "grams": [88.0, 78.0, 37.0], "estimated_from": [_BROCCOLI_11969, _BROCCOLI_11091, _BROCCOLI_11091]})


def test_a_volume_takes_the_measure_its_words_name_even_from_a_later_lender():
    result = resolve_grams(parse_amount("1.00 cup, chopped"), COOKED_BROCCOLI, "Broccoli, fresh, cooked, no added fat")
    # 1 cup chopped = 1 / 0.5 x 78 g = 156 g (SR28 11091), not the Chinese broccoli's plain cup of 88 g
    assert result.grams == pytest.approx(156.0)
    assert "estimated_measure" in result.flags and "11091" in result.detail
    # a cup that names nothing keeps the first lender's cup: 2 x 88 g
    assert resolve_grams(parse_amount("2 cup"), COOKED_BROCCOLI, "Broccoli").grams == pytest.approx(176.0)
    # words no measure has ("whole pieces") keep the first lender's cup too: 88 g
    pieces = resolve_grams(parse_amount("1.00 cup, whole pieces"), COOKED_BROCCOLI, "Broccoli")
    assert pieces.grams == pytest.approx(88.0)


# SR28 15119 Fish, tuna, light, canned in oil, drained solids: its own measures (SR28 weight table).
TUNA_OIL_DRAINED = pd.DataFrame({
    "seq": [1, 2, 3, 4, 5], "amount": [1.0, 1.0, 1.0, 3.0, 1.0],
    "description": ["cup, solid or chunks", "oz", "can", "oz", "can (12.5 oz), drained"],
    "grams": [146.0, 28.35, 171.0, 85.0, 321.0]})


def test_a_cans_net_weight_of_a_food_weighed_drained_keeps_the_drained_share():
    parsed = parse_amount("0.98 can - each 5 oz net weight")
    result = resolve_grams(parsed, TUNA_OIL_DRAINED, "Fish, tuna, light, canned in oil, drained solids")
    # 0.98 x 5 oz = 4.9 x 28.3495 g = 138.913 g with the oil; SR28's 12.5 oz can (354.369 g) drained is 321 g,
    # a share of 321 / 354.369 = 0.90584, so 138.913 x 0.90584 = 125.83 g of tuna
    assert result.grams == pytest.approx(125.83, abs=0.01)
    assert "321" in result.detail
    # a net weight of a food weighed with its liquid, or a weight with no 'net', is the weight said
    with_oil = resolve_grams(parsed, TUNA_OIL_DRAINED, "Fish, tuna, light, canned in oil")
    assert with_oil.grams == pytest.approx(138.913, abs=0.01)
    plain = resolve_grams(parse_amount("0.98 can - each 5 oz"), TUNA_OIL_DRAINED, "Fish, tuna, canned, drained solids")
    assert plain.grams == pytest.approx(138.913, abs=0.01)


# SR28 18246 Danish pastry, fruit, enriched: its own measures (SR28 weight table).
DANISH = pd.DataFrame({
    "seq": [1, 2, 3, 4, 5, 6], "amount": [1.0] * 6,
    "description": ["oz", 'large (approx 7" dia)', 'small or frozen (approx 3" dia)', 'pastry (4-1/4" dia)',
                    "Toaster Strudel", "piece (1/8 of 15 oz ring)"],
    "grams": [28.35, 142.0, 35.0, 71.0, 53.0, 53.0]})


def test_approx_names_no_measure_the_stated_diameter_does():
    result = resolve_grams(parse_amount('1.00 medium - approx 4 1/4" diameter'), DANISH, "Danish pastry, fruit")
    # the 4-1/4" pastry is 71 g; the small one (approx 3", 35 g) shares only the word 'approx'
    assert result.grams == pytest.approx(71.0)
    # a size named by its word alone keeps its measure: 2 large = 2 x 142 g
    assert resolve_grams(parse_amount("2 large"), DANISH, "Danish pastry, fruit").grams == pytest.approx(284.0)


# SR28 09266 Pineapple, raw, all varieties: its own measures (SR28 weight table).
PINEAPPLE = pd.DataFrame({
    "seq": [1, 2, 3, 4, 5], "amount": [1.0] * 5,
    "description": ["cup, chunks", "fruit", 'slice (4-2/3" dia x 3/4" thick)', 'slice (3-1/2" dia x 3/4" thick)',
                    'slice, thin (3-1/2" dia x 1/2" thick)'],
    "grams": [165.0, 905.0, 166.0, 84.0, 56.0]})


@pytest.mark.parametrize(("text", "grams"), [
    ('2.00 slice - 3 1/2" diameter x 3/4"', 168.0),   # 2 x 84 g: both numbers are this slice's
    ('1.00 slice - 4 2/3" diameter x 3/4"', 166.0),   # the wide slice
    ('1.00 slice - 3 1/2" diameter x 1/2"', 56.0),    # the thin slice
])
def test_every_stated_number_picks_the_measure(text, grams):
    assert resolve_grams(parse_amount(text), PINEAPPLE, "Pineapple, raw").grams == pytest.approx(grams)


# Foundation 'Onions, yellow, raw': its own one measure (FoodData Central, 'onion' = 143 g), then SR28 11282
# Onions, raw (medium (2-1/2" dia) = 110 g, small = 70 g, slice, large (1/4" thick) = 38 g).
_ONION_11282 = "closest SR28 food by description: USDA SR28 #11282 Onions, raw"
FOUNDATION_ONION = pd.DataFrame({
    "seq": [1, 505, 506, 508], "amount": [1.0] * 4,
    "description": ["onion", 'slice, large (1/4" thick)', 'medium (2-1/2" dia)', "small"],
    "grams": [143.0, 38.0, 110.0, 70.0], "estimated_from": ["", _ONION_11282, _ONION_11282, _ONION_11282]})


@pytest.mark.parametrize(("text", "grams"), [
    ('1.00 medium - 2 1/2" diameter', 110.0),     # SR28's medium, not the own 'onion' standing in for it
    ("1.00 small", 70.0),
    ('2.00 large slice - 1/4" thick', 76.0),      # 2 x 38 g
    ("1.00 each", 143.0),                         # no size named: the food's own onion
])
def test_a_size_measured_by_a_later_source_beats_a_size_stood_in_for(text, grams):
    assert resolve_grams(parse_amount(text), FOUNDATION_ONION, "Onions, yellow, raw").grams == pytest.approx(grams)


# FNDDS 'Cookie, chocolate chip' borrows SR28's measures: first #18163's (a serving, a dough portion, an ounce:
# no cookie), then the equally close #18165's ('bar (2" square)' = 32 g, 'cookie, medium (2-1/4" dia)' = 16 g).
_COOKIE_18163 = "closest SR28 food by description: USDA SR28 #18163 Cookies, chocolate chip, commercially prepared"
_COOKIE_18165 = "SR28 food as close by description: USDA SR28 #18165 Cookies, chocolate chip, made with butter"
CHOCOLATE_CHIP_COOKIE = pd.DataFrame({
    "seq": [1, 2, 3, 301, 302, 303], "amount": [1.0] * 6,
    "description": ["serving", "portion, dough spoon from roll", "oz", "oz", 'bar (2" square)',
                    'cookie, medium (2-1/4" dia)'],
    "grams": [33.0, 29.0, 28.35, 28.35, 32.0, 16.0],
    "estimated_from": [_COOKIE_18163] * 3 + [_COOKIE_18165] * 3})


def test_an_each_named_by_its_dimensions_takes_the_measure_of_those_dimensions():
    result = resolve_grams(parse_amount('3.00 each - approx 2 1/4" diameter'), CHOCOLATE_CHIP_COOKIE,
                           "Cookie, chocolate chip")
    assert result.grams == pytest.approx(3 * 16.0)   # 3 x 'cookie, medium (2-1/4" dia)', not 3 x the 32 g bar
    assert "estimated_measure" in result.flags


def test_an_each_without_dimensions_still_asks_rather_than_take_another_foods_bar():
    with pytest.raises(AmountError):
        resolve_grams(parse_amount("3.00 each"), CHOCOLATE_CHIP_COOKIE, "Cookie, chocolate chip")


# SR28 #19120 'Candies, milk chocolate' lists its miniature bar first (USDA SR28 WEIGHT.txt).
MILK_CHOCOLATE = pd.DataFrame({"seq": [1, 2, 3], "amount": [1.0] * 3,
                               "description": ["bar, miniature", "bar (1.55 oz)", "cup chips"],
                               "grams": [7.0, 44.0, 168.0], "estimated_from": [""] * 3})


@pytest.mark.parametrize(("text", "grams"), [
    ("1 bar", 44.0),             # the ordinary bar: 'bar (1.55 oz)' = 44 g, not the 7 g miniature listed first
    ("2 bar", 88.0),             # 2 x 44 g
    ("3 miniature bar", 21.0),   # named: 3 x 7 g
])
def test_a_bar_named_by_no_size_is_the_ordinary_bar_not_the_miniature(text, grams):
    assert resolve_grams(parse_amount(text), MILK_CHOCOLATE, "Candies, milk chocolate").grams == pytest.approx(grams)


# SR28 #15052 'Fish, mackerel, spanish, cooked, dry heat' weighs its fillet as eaten (USDA SR28 WEIGHT.txt).
COOKED_MACKEREL = pd.DataFrame({"seq": [1, 2], "amount": [1.0, 3.0], "description": ["fillet", "oz"],
                                "grams": [146.0, 85.0], "estimated_from": [""] * 2})


@pytest.mark.parametrize(("food", "grams", "source"), [
    # cooked: 0.82 x the cooked 'fillet' (146 g) = 119.72 g, not 0.82 x 6.5 oz raw (0.82 x 184.27 = 151.1 g)
    ("Fish, mackerel, spanish, cooked, dry heat", 0.82 * 146.0, "household_measure"),
    # raw: the stated raw weight is the food as weighed: 0.82 x 6.5 x 28.3495 g = 151.10 g
    ("Fish, mackerel, spanish, raw", 0.82 * 6.5 * 28.349523125, "direct"),
])
def test_a_stated_raw_weight_of_a_cooked_item_is_weighed_by_the_cooked_item(food, grams, source):
    result = resolve_grams(parse_amount("0.82 fillet - each 6 1/2 oz raw"), COOKED_MACKEREL, food)
    assert result.grams == pytest.approx(grams, abs=0.01)
    assert result.source == source


def test_a_stated_raw_weight_stands_when_the_cooked_food_has_no_measure_of_the_item():
    ounces_only = COOKED_MACKEREL.iloc[[1]]   # only '3 oz' = 85 g: no fillet, so 6.5 oz x 28.3495 g = 184.27 g
    result = resolve_grams(parse_amount("1 fillet - each 6 1/2 oz raw"), ounces_only,
                           "Fish, mackerel, spanish, cooked, dry heat")
    assert result.grams == pytest.approx(6.5 * 28.349523125, abs=0.01)


def _fresh_copies(frames):
    """Copies of frames: new objects, so nothing read before stands in for them."""
    return [frame.copy() for frame in frames]


def test_measures_read_together_are_those_read_one_by_one(food_table):
    """A diary's foods' measures read in one step (read_measures) are exactly those each food's own read gives,
    for foods with no measure, with one and with many (the real table), so the grams do not change."""
    counts = food_table.measures["food_id"].value_counts()
    none = next(int(i) for i in food_table.foods.index if i not in counts.index)
    one, many = int(counts[counts == 1].index[0]), int(counts[counts >= 8].index[0])
    frames = _fresh_copies([food_table.measures_of(i) for i in (none, one, many, 1123, 9003)])
    one_by_one = [_grams._read_measures(frame) if len(frame) else () for frame in frames]
    _grams.read_measures(frames)
    assert [_grams._measures(frame) for frame in frames] == one_by_one
    assert [len(rows) for rows in one_by_one[:3]] == [0, 1, len(one_by_one[2])] and len(one_by_one[2]) >= 8


def test_measures_read_together_keep_each_frames_own_rows():
    """Hand-written frames: a length-first measure ('6 inch sub') and a stated volume ('serving 1/2 cup')
    come out as each frame alone gives them; frames of different columns are each read on their own."""
    sub = pd.DataFrame({"food_id": [7, 7], "seq": [1, 2], "amount": [6.0, 1.0],
                        "description": ["inch sub", "serving 1/2 cup"], "grams": [237.0, 66.0],
                        "estimated_from": ["", "fndds"]})
    eggs = measures_of("egg").assign(estimated_from="")
    milk = measures_of("milk")  # no estimated_from column
    alone = [_grams._read_measures(frame) for frame in _fresh_copies([sub, eggs, milk])]
    _grams.read_measures([sub, None, eggs, sub])
    _grams.read_measures([milk, eggs, measures_of("nothing"), sub.copy()])  # columns differ: left to each
    assert [_grams._measures(frame) for frame in (sub, eggs, milk)] == alone
    unnamed = milk.rename(columns={"grams": "weight"})
    _grams.read_measures([unnamed])  # no error until a food's amount needs the measures
    with pytest.raises(SchemaError):
        resolve_grams(parse_amount("1 cup"), unnamed)
    assert alone[0][0].amount == 1.0 and alone[0][0].grams == 237.0  # one 6-inch sub is 237 g
    assert resolve_grams(parse_amount("1 large"), eggs).grams == pytest.approx(50.0)  # SR28 egg, large: 50 g
