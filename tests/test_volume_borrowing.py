"""A volume of a food that has no volume measure is weighed with a cup of the same kind of food.

Cronometer writes "0.78 cup, whole pieces" of raw cashews, and "2.16 cup" of rye bread; SR28
weighs raw cashews in ounces only and rye bread in ounces and slices. At water's density
(1 g/ml) our energy for such lines was a median 1.84 times Cronometer's. The gram figures
below are SR28's own household measures (SR28 weight table, NDB numbers given), read by a
person, and the expected grams are worked out by hand in the comments.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analyzer.amounts._amounts import parse_amount, parse_portion
from analyzer.amounts._grams import resolve_grams, resolve_portion
from analyzer.errors import AmountError
from food_db._measure_estimates import borrow_volume_measures, estimate_measures, is_volume

# (food_id, description, [(amount, measure, grams)]) as in SR28's WEIGHT.txt.
FOODS = [
    (12087, "Nuts, cashew nuts, raw", [(1.0, "oz", 28.35)]),
    (12086, "Nuts, cashew nuts, oil roasted, without salt added",
     [(1.0, "cup, whole", 129.0), (1.0, "cup, halves and pieces", 129.0), (1.0, "oz (18 kernels)", 28.35)]),
    (18060, "Bread, rye", [(1.0, "oz", 28.35), (1.0, "slice, regular", 32.0), (1.0, "slice, thin", 25.0)]),
    (18070, "Bread, white, commercially prepared, toasted",
     [(1.0, "oz", 28.35), (1.0, "cup, crumbs", 45.0), (1.0, "cup, cubes", 42.0), (1.0, "slice", 22.0)]),
    (19095, "Ice creams, vanilla", [(1.0, "serving 1/2 cup", 66.0)]),
    (19089, "Ice creams, vanilla, rich", [(0.5, "cup", 107.0)]),
    (6583, "Soup, ramen noodle, any flavor, dry", [(1.0, "package without flavor packet", 81.0),
                                                   (1.0, "cup", 43.0)]),
    (6582, "Soup, ramen noodle, any flavor, prepared", [(1.0, "package", 406.0)]),
]


def sr28_tables(rows: list[tuple[int, str, list[tuple[float, str, float]]]]) -> tuple[
        pd.DataFrame, pd.DataFrame, pd.Series]:
    """Foods (``description``, ``source`` sr28), their own measures and source labels from WEIGHT.txt-style rows."""
    foods = pd.DataFrame({"description": [d for _, d, _ in rows], "source": "sr28"},
                         index=pd.Index([i for i, _, _ in rows], name="food_id"))
    measures = pd.DataFrame([(i, seq, a, m, g, "") for i, _, weights in rows
                             for seq, (a, m, g) in enumerate(weights, 1)],
                            columns=["food_id", "seq", "amount", "description", "grams", "estimated_from"])
    labels = pd.Series([f"USDA SR28 #{i:05d}" for i, _, _ in rows], index=foods.index)
    return foods, measures, labels


def _tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    return sr28_tables(FOODS)


def _measures_of(food_id: int) -> pd.DataFrame:
    foods, measures, labels = _tables()
    borrowed = borrow_volume_measures(foods, measures, labels)
    return pd.concat([measures, borrowed], ignore_index=True).query("food_id == @food_id")


@pytest.mark.parametrize(("description", "volume"), [
    ("cup, chopped", True), ("tbsp", True), ("fl oz", True), ("cup (8 fl oz)", True),
    ("serving 1/2 cup", True), ("individual (3.5 fl oz)", True),
    ("portion, amount to make 1/2 cup", False), ("package yield (2 cups)", False),
    ("oz", False), ("container (6 oz)", False), ("slice, regular", False), ('large whole (3" dia)', False),
])
def test_which_measures_are_volumes(description, volume):
    assert is_volume(description) is volume


def test_raw_cashews_take_the_cup_of_roasted_cashews_not_water():
    # SR28 12086: 1 cup, whole = 129 g, so 0.78 cup = 0.78 x 129 = 100.62 g (water's density gave 184.5 g).
    result = resolve_grams(parse_amount("0.78 cup, whole pieces"), _measures_of(12087), "Nuts, cashew nuts, raw")
    assert result.grams == pytest.approx(100.62)
    assert "estimated_measure" in result.flags and "density" not in result.flags
    assert "USDA SR28 #12086" in result.detail


def test_a_cup_of_rye_bread_is_a_cup_of_bread_cubes():
    # SR28 18070 has the only bread cups here: 1 cup, crumbs = 45 g, 1 cup, cubes = 42 g; "2.16 cup" names
    # neither, so the first, crumbs: 2.16 x 45 = 97.2 g (at 1 g/ml it was 511 g, five times Cronometer's).
    result = resolve_grams(parse_amount("2.16 cup"), _measures_of(18060), "Bread, rye")
    assert result.grams == pytest.approx(97.2)


def test_a_food_with_its_own_volume_borrows_none():
    # Ice creams, vanilla says "serving 1/2 cup = 66 g": its own volume, so it keeps it and does not
    # take the rich ice cream's 1/2 cup = 107 g.
    foods, measures, labels = _tables()
    borrowed = borrow_volume_measures(foods, measures, labels)
    assert 19095 not in set(borrowed["food_id"]) and 12086 not in set(borrowed["food_id"])


def test_a_prepared_soup_takes_no_cup_of_the_dry_packet():
    foods, measures, labels = _tables()
    assert 6582 not in set(borrow_volume_measures(foods, measures, labels)["food_id"])


@pytest.mark.parametrize(("amount", "grams"), [
    ("2.00 serving 1/2 cup", 132.0),   # 2 x 66 g
    ("1.00 cup", 132.0),               # 1/2 cup = 66 g, so a cup is 132 g
    ("2.00 tbsp", 16.5),               # a cup is 16 tbsp: 2/16 x 132 = 16.5 g
])
def test_a_volume_a_measure_states_is_used(amount, grams):
    frame = pd.DataFrame({"seq": [1], "amount": [1.0], "description": ["serving 1/2 cup"], "grams": [66.0]})
    result = resolve_grams(parse_amount(amount), frame, "Ice creams, vanilla")
    assert result.grams == pytest.approx(grams)
    assert "density" not in result.flags


# Tomatoes as SR28 weighs them: 11527 (the shortest description, so the closest to 'Tomatoes, raw')
# has no cherry; 11529 has "1 cherry = 17 g".
TOMATOES = [
    (11527, "Tomatoes, green, raw", [(1.0, "cup", 180.0), (1.0, "medium", 123.0), (1.0, "small", 91.0)]),
    (11529, "Tomatoes, red, ripe, raw, year round average",
     [(1.0, "cup cherry tomatoes", 149.0), (1.0, "cherry", 17.0), (1.0, 'medium whole (2-3/5" dia)', 123.0)]),
]


def _fndds_tomato() -> pd.DataFrame:
    sr28 = pd.DataFrame({"description": [d for _, d, _ in TOMATOES]},
                        index=pd.Index([i for i, _, _ in TOMATOES], name="food_id"))
    measures = pd.DataFrame([(i, seq, a, m, g) for i, _, rows in TOMATOES for seq, (a, m, g) in enumerate(rows, 1)],
                            columns=["food_id", "seq", "amount", "description", "grams"])
    labels = pd.Series([f"USDA SR28 #{i:05d}" for i, _, _ in TOMATOES], index=sr28.index)
    fdc = pd.DataFrame({"description": ["Tomatoes, raw"], "food_group": ["Tomatoes"]},
                       index=pd.Index([2003687], name="food_id"))
    return estimate_measures(fdc, sr28, measures, labels)


def test_five_cherry_tomatoes_use_the_cherry_of_an_equally_close_tomato():
    # Cronometer: 'Tomato Raw, Includes Cherry, Grape, Roma', "5.00 cherry" -> 5 x 17 g = 85 g.
    measures = _fndds_tomato()
    result = resolve_portion(parse_portion("5.00 cherry"), measures, "Tomatoes, raw")
    assert result is not None and result.grams == pytest.approx(85.0)
    assert "USDA SR28 #11529" in result.detail and "estimated_measure" in result.flags


def test_the_closest_tomatos_own_measures_still_come_first():
    # "1 medium": 11527's medium, 123 g, ahead of the equally close food's measures.
    measures = _fndds_tomato()
    assert measures.sort_values("seq")["estimated_from"].iloc[0].startswith("closest SR28 food")
    assert resolve_grams(parse_amount("1 medium"), measures, "Tomatoes, raw").grams == pytest.approx(123.0)


def test_a_cup_of_fish_pieces_is_not_a_cup_of_solid_blocks():
    # SR28 15042 Fish, herring, Atlantic, kippered: 1 cubic inch, boneless = 17 g, no cup. A cup is
    # 14.44 cubic inches, so blocks gave 245 g; a cup of pieces holds air: SR28 15041 (pickled herring,
    # the same kind) weighs 1 cup = 140 g. A cubic inch asked for is still the food's own 17 g.
    foods = pd.DataFrame({"description": ["Fish, herring, Atlantic, kippered", "Fish, herring, Atlantic, pickled"]},
                         index=pd.Index([15042, 15041], name="food_id"))
    measures = pd.DataFrame([(15042, 1, 1.0, "oz, boneless", 28.35, ""),
                             (15042, 2, 1.0, "cubic inch, boneless", 17.0, ""),
                             (15042, 3, 1.0, 'fillet, medium (5" x 1-3/4" x 1/4")', 40.0, ""),
                             (15041, 1, 1.0, "cup", 140.0, ""), (15041, 2, 1.0, "oz", 28.35, "")],
                            columns=["food_id", "seq", "amount", "description", "grams", "estimated_from"])
    labels = pd.Series(["USDA SR28 #15042", "USDA SR28 #15041"], index=foods.index)
    borrowed = borrow_volume_measures(foods, measures, labels)
    kippered = pd.concat([measures, borrowed], ignore_index=True).query("food_id == 15042")
    name = "Fish, herring, Atlantic, kippered"
    assert resolve_grams(parse_amount("1.00 cup, cut pieces"), kippered, name).grams == pytest.approx(140.0)
    assert resolve_grams(parse_amount("2 cubic inch"), kippered, name).grams == pytest.approx(34.0)


def test_a_dry_mix_amount_to_make_half_a_cup_is_not_half_a_cup_of_mix():
    # SR28 19188 Puddings, chocolate, dry mix, regular: "portion, amount to make 1/2 cup" = 25 g of powder;
    # 25 g is not half a cup of the mix, so a cup of it has no measure here (and no 50 g is invented).
    frame = pd.DataFrame({"seq": [1], "amount": [1.0], "description": ["portion, amount to make 1/2 cup"],
                          "grams": [25.0]})
    result = resolve_grams(parse_amount("1 cup"), frame, "Puddings, chocolate, dry mix, regular")
    assert "density" in result.flags


def test_a_bare_count_takes_no_usual_unit_from_an_equally_close_food():
    # FNDDS 'Cookie, chocolate chip' borrowed SR28 18163's dough measures (no cookie count); an equally
    # close food's "bar (2\" square)" = 32 g is no cookie: "3.00 each" asks for grams instead of 96 g.
    # A size word still finds its measure there: "2 large" = 2 x 67 g of SR28 18239's large croissant.
    rows = [(1, 1.0, "portion, dough spoon from roll", 29.0, "closest SR28 food by description: #18163"),
            (2, 1.0, "oz", 28.35, "closest SR28 food by description: #18163"),
            (101, 1.0, "bar (2\" square)", 32.0, "SR28 food as close by description: #18165"),
            (102, 1.0, "large", 67.0, "SR28 food as close by description: #18239")]
    frame = pd.DataFrame(rows, columns=["seq", "amount", "description", "grams", "estimated_from"])
    with pytest.raises(AmountError):
        resolve_grams(parse_amount('3.00 each - approx 2 1/4" diameter'), frame, "Cookie, chocolate chip")
    assert resolve_grams(parse_amount("2.00 large"), frame, "Cookie").grams == pytest.approx(134.0)


# SR28 salmon: raw sockeye weighs no volume; smoked chinook's only volume is a cup of the fish cooked.
SALMON = [
    (15085, "Fish, salmon, sockeye, raw", [(1.0, "oz, boneless", 28.35), (0.5, "fillet", 198.0), (3.0, "oz", 85.0)]),
    (15077, "Fish, salmon, chinook, smoked", [(1.0, "oz, boneless", 28.35), (3.0, "oz", 85.0),
                                              (1.0, "cubic inch, boneless", 17.0), (1.0, "cup, cooked", 136.0)]),
]


def test_a_raw_food_takes_no_cup_of_the_food_cooked():
    # Raw sockeye would take SR28 15077's 'cup, cooked' (136 g), a cup of flaked cooked fish; raw fish in a
    # cup is not that. With no other volume it keeps none: '1.10 cup' is then weighed at water's density
    # (1.1 x 236.59 ml = 260.2 g, flagged), not 1.1 x 136 = 149.6 g.
    foods = pd.DataFrame({"description": [d for _, d, _ in SALMON]},
                         index=pd.Index([i for i, _, _ in SALMON], name="food_id"))
    measures = pd.DataFrame([(i, seq, a, m, g, "") for i, _, rows in SALMON for seq, (a, m, g) in enumerate(rows, 1)],
                            columns=["food_id", "seq", "amount", "description", "grams", "estimated_from"])
    labels = pd.Series([f"USDA SR28 #{i:05d}" for i, _, _ in SALMON], index=foods.index)
    borrowed = borrow_volume_measures(foods, measures, labels)
    assert borrowed[borrowed["food_id"] == 15085].empty
    sockeye = measures[measures["food_id"] == 15085]
    result = resolve_grams(parse_amount("1.10 cup"), sockeye, "Fish, salmon, sockeye, raw")
    assert result.grams == pytest.approx(260.2, abs=0.1) and "density" in result.flags


# SR28 chickpeas, canned, their own household measures (SR28 WEIGHT.txt, NDB numbers given).
CHICKPEAS = [
    (16058, "Chickpeas (garbanzo beans, bengal gram), mature seeds, canned, solids and liquids",
     [(1.0, "cup", 240.0), (1.0, "can (total can contents)", 448.0)]),
    (16358, "Chickpeas (garbanzo beans, bengal gram), mature seeds, canned, drained solids",
     [(1.0, "can drained", 253.0)]),
    (16359, "Chickpeas (garbanzo beans, bengal gram), mature seeds, canned, drained, rinsed in tap water",
     [(1.0, "can drained, rinsed", 254.0), (1.0, "cup drained, rinsed", 152.0)]),
]


def test_drained_chickpeas_take_the_drained_cup_not_the_cup_with_liquid():
    # SR28 16358 (drained solids) weighs only the can. A cup of drained chickpeas is SR28 16359's
    # "cup drained, rinsed" = 152 g, so 1.5 cup = 1.5 x 152 = 228 g; not 16058's cup with the
    # can's liquid (240 g: 1.5 x 240 = 360 g, 58 % heavier).
    foods, measures, labels = sr28_tables(CHICKPEAS)
    borrowed = borrow_volume_measures(foods, measures, labels)
    drained = pd.concat([measures, borrowed], ignore_index=True).query("food_id == 16358")
    result = resolve_grams(parse_amount("1.5 cup"), drained, CHICKPEAS[1][1])
    assert result.grams == pytest.approx(228.0)
    assert "USDA SR28 #16359" in result.detail
