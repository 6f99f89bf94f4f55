"""Cronometer portion descriptions: the words after the number say what one unit is.

Expected grams are worked out by hand from the SR28 household measures (WEIGHT.txt) and the
FDA reference amounts of 21 CFR 101.12(b) Table 2, written beside each case."""

from __future__ import annotations

import pandas as pd
import pytest

import food_db
from analyzer import import_diary
from analyzer.amounts._amounts import parse_amount
from analyzer.amounts._racc import reference_amount
from analyzer.amounts._solids import is_porous_solid
from analyzer.resolve._import import _weigh


def _row(food: str, amount: str, food_table):
    amount = amount.replace('"', '""')
    data = f'Day,Group,Food Name,Amount,Category\n2024-03-01,Lunch,"{food}","{amount}",""\n'.encode()
    return import_diary(data, table=food_table).entries.iloc[0]


def _grams(food: str, amount: str, food_table) -> float:
    row = _row(food, amount, food_table)
    assert row["status"] == "used", row["reason"]
    return row["grams"]


@pytest.mark.parametrize(("food", "amount", "grams"), [
    ("Leeks, raw", "6.00 leek", 6 * 89.0),                              # SR28 11246: 1 leek = 89 g
    ("Onions, raw", '2.00 large slice - 1/4" thick', 2 * 38.0),         # 11282: 1 slice, large (1/4" thick) = 38 g
    ("Bread, white wheat", '3.80 Serving (2 medium slice - 4 1/2" x 4 1/4" x 1/2")', 3.8 * 2 * 28.0),  # 1 slice = 28 g
    ("Cucumber, with peel, raw", '1.00 cucumber (8-1/4")', 301.0),      # 11205: 1 cucumber (8-1/4") = 301 g
    ("Croissants, cheese", "1.50 large", 1.5 * 67.0),                   # 18241: 1 croissant, large = 67 g
    ("Bagels, cinnamon-raisin", "1.00 Bagel", 105.0),                   # 18005: medium bagel = 105 g
])
def test_portion_text_names_the_measure(food, amount, grams, food_table):
    assert _grams(food, amount, food_table) == pytest.approx(grams)


@pytest.mark.parametrize(("food", "amount", "grams"), [
    ("Nuts, almonds", "1.00 FDA Serving Size", 30.0),          # nuts and seeds: 30 g
    ("Cheese, feta", "1.33 FDA Serving Size", 1.33 * 30.0),    # cheese, all others: 30 g
    ("Bread, wheat", "4.00 FDA Serving Size", 4 * 50.0),       # breads, rolls: 50 g
    ("Spinach, frozen, chopped or leaf, cooked, boiled, drained, without salt", "0.59 FDA Serving Size",
     0.59 * 85.0),                                             # vegetables: 85 g
])
def test_fda_serving_size_is_the_reference_amount(food, amount, grams, food_table):
    assert _grams(food, amount, food_table) == pytest.approx(grams)


@pytest.mark.parametrize(("food", "amount", "grams"), [
    # FNDDS foods carry WWEIA food categories, not SR28 groups; Table 2 still places them.
    ("Pumpkin seeds, unsalted", "1.20 FDA Serving Size", 1.2 * 30.0),        # nuts and seeds: 30 g (not 1 rice cake)
    ("Pizza, extra cheese, thin crust", "0.20 FDA Serving Size", 0.2 * 140.0),  # mixed dishes, not by cup: 140 g
])
def test_fda_serving_size_of_an_fndds_food(food, amount, grams, food_table):
    assert _grams(food, amount, food_table) == pytest.approx(grams)


@pytest.mark.parametrize(("food", "amount", "grams"), [
    # A bare serving of a food with no serving measure is the FDA reference amount of its kind (21 CFR 101.12(b)
    # Table 2), flagged as assumed: USDA's first measure is a unit of measure, not a serving.
    ("Hummus, commercial", "0.82 Serving", 0.82 * 2 * 15.0),  # SR28 16158: 1 tbsp = 15 g; dips: 2 tbsp (was 12.3 g)
    ("Squash, summer, zucchini, includes skin, cooked, boiled, drained, without salt", "1.00 Serving",
     85.0),                                                   # SR28 11478; vegetables: 85 g (was 1 cup, sliced = 180 g)
    (("Cereals, oats, regular and quick, unenriched, cooked with water (includes boiling and microwaving), "
      "without salt"), "2.00 Portion", 2 * 234.0),            # SR28 08121; hot cereal: 1 cup prepared = 234 g
])
def test_a_bare_serving_is_the_reference_amount(food, amount, grams, food_table):
    row = _row(food, amount, food_table)
    assert row["status"] == "used", row["reason"]
    assert row["grams"] == pytest.approx(grams)
    assert row["grams_source"] == "assumed_serving"


def test_a_salad_among_vegetable_dishes_has_no_reference_amount_here():
    # Table 2 weighs salads by kind (100 g, 140 g for pasta or potato salad); fda_racc.csv places none of
    # the 'Vegetable dishes' salads, so a serving of one asks for grams rather than take a dish's amount.
    assert reference_amount("Vegetable dishes", "Greek Salad, no dressing") is None


def test_a_serving_of_a_dish_with_no_measure_is_its_reference_amount(food_table):
    # FNDDS 'Stuffed pepper, with meat' has no measure at all: a mixed dish not measurable with a cup, 140 g.
    row = _row("Stuffed pepper, with meat", "1.50 Serving", food_table)
    if row["matched_food"] != "Stuffed pepper, with meat":
        pytest.skip("the food database was built without FoodData Central foods")
    assert (row["status"], row["grams"], row["grams_source"]) == ("used", pytest.approx(1.5 * 140.0),
                                                                  "assumed_serving")


def test_a_bare_serving_no_category_places_takes_the_first_measure(food_table):
    # Alcoholic drinks have no row in fda_racc.csv (their labels are not the FDA's): SR28 14003 beer's first
    # measure, 1 fl oz = 29.7 g, stays the assumption.
    row = _row("Alcoholic beverage, beer, regular, all", "1.00 Serving", food_table)
    assert (row["status"], row["grams"], row["grams_source"]) == ("used", pytest.approx(29.7), "assumed_serving")


@pytest.mark.parametrize(("group", "description", "amount"), [
    ("Nuts and seeds", "Pumpkin seeds, unsalted", "30 g"),
    ("Yogurt, Greek", "Yogurt, Greek, plain, whole milk", "170 g"),
    ("Soups, broth-based", "Soup, chicken noodle", "245 g"),
    ("Sweets", "Syrups, maple", "60 ml"),                      # syrups: 1/4 cup, not the 1 tbsp of jams
    ("Fruits and Fruit Juices", "Avocados, raw, California", "50 g"),  # avocado: 50 g since the 2016 rule
    ("Pork Products", "Pork, fresh, loin, raw", "110 g"),
    ("Beverages", "Beverages, almond milk, unsweetened, shelf stable", "240 ml"),  # a milk substitute
    ("Legumes and Legume Products", "Hummus, commercial", "2 tbsp"),   # a dip, not the 130 g of beans
    ("Dips, gravies, other sauces", "Guacamole, NFS", "2 tbsp"),
    ("Breakfast Cereals", "Cereals, oats, regular and quick, unenriched, cooked with water", "1 cup"),  # hot cereal
    ("Breakfast Cereals", "Cereals ready-to-eat, QUAKER, Oatmeal Squares", "40 g"),
    ("Cereal Grains and Pasta", "Oats", "40 g"),                     # hot cereal: 40 g plain dry cereal
    ("Cereal Grains and Pasta", "Quinoa, cooked", "140 g"),           # grains: 140 g prepared
    ("Cereal Grains and Pasta", "Rice, white, long-grain, regular, raw, enriched", "45 g"),  # grains: 45 g dry
    ("Cereal Grains and Pasta", "Pasta, whole grain, 51% whole wheat, remaining unenriched semolina, dry",
     "55 g"),                                                         # pastas: 55 g dry, not semolina as a flour
    ("Cereal Grains and Pasta", "Wheat flour, whole-grain", "30 g"),  # flours or cornmeal
    ("Cereal Grains and Pasta", "Oat bran, raw", "15 g"),             # bran or wheat germ
    ("Vegetable dishes", "Stuffed pepper, with meat", "140 g"),      # mixed dish not measurable with a cup
    ("Vegetable dishes", "Green bean casserole", "1 cup"),            # mixed dish measurable with a cup
])
def test_reference_amount_by_food_category(group, description, amount):
    assert reference_amount(group, description).amount == amount


def test_meat_reference_amounts_cite_the_usda_tables():
    # FDA's Table 2 has no meat or poultry rows: those amounts are FSIS's (9 CFR 317.312, 381.412).
    assert "9 CFR 317.312" in reference_amount("Beef Products", "Beef, ground, raw").source
    assert "9 CFR 381.412" in reference_amount("Poultry Products", "Chicken, roasted").source


def test_reference_amounts_come_from_the_data_file():
    assert reference_amount("Nut and Seed Products", "Nuts, almonds").amount == "30 g"
    assert reference_amount("Fats and Oils", "Oil, olive").amount == "1 tbsp"
    assert reference_amount("American Indian/Alaska Native Foods", "Acorn stew") is None


def test_a_serving_that_counts_its_units_is_read_one_level_deep():
    parsed = parse_amount('3.80 Serving (2 medium slice - 4 1/2" x 4 1/4" x 1/2")')
    assert parsed.quantity == 3.8 and parsed.each.quantity == 2.0 and parsed.each.each is None


def test_a_cup_measure_is_never_one_slice(food_table):
    # Apples have "cup slices" (109 g) but no slice: "1 slice" stays a question, not 109 g.
    data = b'Day,Group,Food Name,Amount\n2024-03-01,Lunch,"Apples, raw, with skin","1.00 slice"\n'
    row = import_diary(data, table=food_table).entries.iloc[0]
    assert row["grams"] != pytest.approx(109.0)


@pytest.mark.parametrize(("food", "amount", "grams"), [
    # A size the food has no size measures for takes its one measure named after the item.
    ("Tomatoes, yellow, raw", '1.00 medium - 2 3/5" diameter', 212.0),   # SR28 11696: 1 tomato = 212 g
    ("Onions, sweet, raw", "2.00 large", 2 * 331.0),                      # SR28 11294: 1 onion = 331 g
    # A size alone ('1.00 12" diameter', Cronometer's pizzas) is one whole item.
    ("Onions, sweet, raw", '0.50 3" diameter', 0.5 * 331.0),
    # A measure that counts its items weighs one of them.
    ("Nuts, walnuts, english", "20.00 half", 20 * 100.0 / 50),            # 12155: 1 cup shelled (50 halves) = 100 g
])
def test_a_portion_the_food_measures_as_a_whole_item(food, amount, grams, food_table):
    assert _grams(food, amount, food_table) == pytest.approx(grams)


@pytest.mark.parametrize(("food", "amount"), [
    # '2.00 large slice' of an onion measured only as '1 onion = 331 g' is two slices, not 662 g.
    ("Onions, sweet, raw", '2.00 large slice - 1/4" thick'),
    # 'cucumber (8-1/4")' is one size, so '1 large - 9" long' still asks (see test_grams).
    ("Cucumber, with peel, raw", '1.00 large - 9" long'),
    # Cans and bottles often hold several servings: without a measure they still ask.
    ("Cheese, cottage, creamed, large or small curd", "1.00 can"),
    # A bar's reference amount depends on what it is made of: 'bar' of a food without one still asks.
    ("Syrups, maple", "2.00 bar"),
])
def test_a_portion_no_measure_fits_still_asks(food, amount, food_table):
    assert _row(food, amount, food_table)["status"] == "needs_amount"


@pytest.mark.parametrize(("food", "amount", "grams"), [
    # A serving that says its volume: 0.6 x 6 tbsp of ground walnuts, 1 cup ground = 80 g, 16 tbsp a cup.
    ("Nuts, walnuts, english", "0.60 Serving (6 tbsp, ground)", 0.6 * 6 * 80.0 / 16),   # SR28 12155
    ("Peanut butter, smooth style, without salt", "1.50 Serving (2 tbsp)", 1.5 * 32.0),  # SR28 16398: 2 tbsp = 32 g
])
def test_a_serving_that_states_its_volume(food, amount, grams, food_table):
    assert _grams(food, amount, food_table) == pytest.approx(grams)


@pytest.mark.parametrize(("food", "amount", "grams"), [
    # SR28 19816: 1 cake = 9 g
    ("Snacks, rice cakes, brown rice, plain, unsalted", '3.00 regular - 4" diameter', 3 * 9.0),
    ("Lasagna with meat", '3.00 square - approx 3" x 3"', 3 * 134.0),  # a piece: FNDDS borrows 1 piece side = 134 g
])
def test_cronometer_size_and_piece_words(food, amount, grams, food_table):
    assert _grams(food, amount, food_table) == pytest.approx(grams)


def test_an_example_in_the_food_name_is_no_unit(food_table):
    # '5.00 cherry' of 'Tomato raw (includes cherry, grape, roma)' was read as 5 whole tomatoes (615 g).
    # It is 5 cherry tomatoes: SR28 11529 (Tomatoes, red, ripe, raw), as close to FNDDS 'Tomatoes, raw'
    # as its first lender, weighs 1 cherry = 17 g, so 5 x 17 = 85 g.
    row = _row("Tomato raw (includes cherry, grape, roma)", "5.00 cherry", food_table)
    if row["matched_food"] != "Tomatoes, raw":
        pytest.skip("the food database was built without FoodData Central foods")
    assert row["status"] == "used" and row["grams"] == pytest.approx(85.0)


@pytest.mark.parametrize(("food", "amount", "grams"), [
    # The food's own name as the unit, with a note in brackets that states no size: a count of the food.
    ("Sausage, meatless", "1.50 x 2.0 sausages (as sold)", 1.5 * 2 * 25.0),  # SR28 16107: 1 link = 25 g
    ("Peppers, jalapeno, raw", "2 peppers (sliced)", 2 * 14.0),              # SR28 11979: 1 pepper = 14 g
])
def test_the_foods_own_name_with_a_note_is_a_count(food, amount, grams, food_table):
    assert _grams(food, amount, food_table) == pytest.approx(grams)


@pytest.mark.parametrize(("food", "amount", "grams"), [
    # "round" names the measure that says round, else it is one of the food's usual count.
    ("Crackers, melba toast, plain", "2.00 round", 2 * 3.0),         # SR28 18220: 1 melba round = 3 g
    ("Crackers, wheat, regular", "10.00 round", 10 * 34.0 / 16),     # SR28 18232: 16 crackers 1 serving = 34 g
])
def test_round_is_a_count_of_round_items(food, amount, grams, food_table):
    assert _grams(food, amount, food_table) == pytest.approx(grams)


def test_round_of_a_food_with_no_count_measure_still_asks(food_table):
    row = _row("Oats", "3.00 round", food_table)  # SR28 20038 is measured by the cup only
    assert row["status"] == "needs_amount" and "enter the amount in grams" in row["reason"]


@pytest.mark.parametrize(("food", "amount", "grams"), [
    # SR28 18249 is measured as 'donettes (2" dia)' = 18 g (listed first), 'doughnut, medium (approx 3" dia)'
    # = 43 g and 'doughnut large' = 67 g, none by a unit word: a bare each is the medium one, USDA's usual size.
    ("Doughnuts, cake-type, plain, chocolate-coated or frosted", "1.06 Each", 1.06 * 43.0),
    ("Doughnuts, cake-type, plain, chocolate-coated or frosted", "2", 2 * 43.0),
    ("Doughnuts, cake-type, plain, chocolate-coated or frosted", '1 each - 2" diameter', 18.0),  # the size named
])
def test_a_bare_each_of_items_measured_by_size_is_the_medium_one(food, amount, grams, food_table):
    assert _grams(food, amount, food_table) == pytest.approx(grams)


def test_an_order_is_the_restaurant_order_usda_weighs(food_table):
    # SR28 36629 Restaurant, Chinese, orange chicken: 1 order = 648 g.
    assert _grams("Restaurant, Chinese, orange chicken", "0.50 order", food_table) == pytest.approx(0.5 * 648.0)


def test_an_order_of_a_food_usda_weighs_no_order_of_asks_for_grams(food_table):
    # SR28 11411 (french fries, frozen, oven-heated) is weighed in strips and cups: no size of an order is on record.
    row = _row("Potatoes, french fried, all types, salt not added in processing, frozen, oven-heated",
               "1.00 order - from a restaurant", food_table)
    assert row["status"] == "needs_amount" and "'order'" in row["reason"], row["reason"]


def test_a_note_with_a_size_is_not_dropped_from_the_foods_own_name(food_table):
    # "(2 oz)" weighs the item: the count rule leaves the amount alone, and it is read as 2 oz per sausage.
    assert _grams("Sausage, meatless", "1.00 sausage (2 oz)", food_table) == pytest.approx(2 * 28.349523125)


@pytest.mark.parametrize(("food", "amount", "grams"), [
    # A single-serve package the food has no measure for is its FDA reference amount (21 CFR 101.12(b)).
    ("Yogurt, Greek, plain, whole milk", "1.00 container", 170.0),                   # yogurt: 170 g
    ("Cheese, cottage, creamed, large or small curd", "2.00 container", 2 * 110.0),  # cottage cheese: 110 g
    # '1.00 Bag' of crisps is no US 8 oz bag (SR28 19411 'bag (8 oz)' = 227 g, 7.6 reference amounts of 30 g).
    ("Snacks, potato chips, plain, salted", "1.00 Bag", 30.0),
    ("Snacks, potato chips, plain, salted", "2.00 bag (8 oz)", 2 * 8 * 28.349523125),  # a stated size is kept
    ("Crackers, cheese, regular", "1.00 bag", 28.0),  # SR28 18214: 1 bag, single serving = 28 g
])
def test_a_single_serve_package_is_the_reference_amount(food, amount, grams, food_table):
    assert _grams(food, amount, food_table) == pytest.approx(grams)



# A cup of cake is not a cup of water: a baked good or snack with no cup measure (its own or its kind's)
# asks for grams instead of 237 g at 1 g/ml (about 3.5 x what a cup of cake weighs); a drink still pours.
class _OneFoodTable:
    """The two things weighing reads from a food table, for one food: its group and its measures."""

    def __init__(self, food_id: int, group: str, measures: pd.DataFrame):
        self.foods = pd.DataFrame({"food_group": [group]}, index=[food_id])
        self._measures = measures

    def measures_of(self, food_id: int) -> pd.DataFrame:
        return self._measures


# FoodData Central branded 'NESTLE, KITKAT, CHUNKY WHITE CHOCOLATE': its label serving is one 40 g bar, and it
# has no pack measure (the measures as food_db writes a branded food's serving).
_KITKAT = pd.DataFrame({"seq": [1, 1001], "amount": [1.0, 1.0],
                        "description": ["bar, label serving", "serving, label: 1 bar"], "grams": [40.0, 40.0]})


@pytest.mark.parametrize(("amount", "grams"), [("2.00 Pack", 2 * 40.0), ("1.00 packet", 40.0)])
def test_a_single_serve_package_of_a_labelled_food_is_its_label_serving(amount, grams):
    result = _weigh(amount, 10210097, "NESTLE, KITKAT, CHUNKY WHITE CHOCOLATE", _OneFoodTable(10210097, "Chocolate",
                    _KITKAT), "Nestle, KitKat")
    assert result.grams == pytest.approx(grams)
    assert result.source == "assumed_serving" and "assumed_serving" in result.flags


def test_a_package_of_a_food_with_no_label_serving_is_still_its_reference_amount():
    # A yogurt measured only by the cup (here 227 g), with no container and no label serving: yogurt's 170 g.
    cup = pd.DataFrame({"seq": [1], "amount": [1.0], "description": ["cup"], "grams": [227.0]})
    result = _weigh("1.00 container", 1293, "Yogurt, Greek, plain, whole milk",
                    _OneFoodTable(1293, "Dairy and Egg Products", cup), "Greek yogurt")
    assert result.grams == pytest.approx(170.0)


def test_a_cup_of_a_baked_good_without_a_cup_measure_asks_for_grams(food_table):
    row = _row("Cake, chocolate, prepared from recipe without frosting", "1.00 cup", food_table)  # SR28 18101
    assert row["status"] == "needs_amount"
    assert "enter the amount in grams" in row["reason"]


def test_a_cup_of_a_drink_without_a_cup_measure_is_still_weighed_at_water_density(food_table):
    assert _grams("Kefir", "1.00 cup", food_table) == pytest.approx(236.588, rel=1e-4)  # 1 US cup = 236.588 ml


# Branded foods carry FoodData Central's categories, not SR28 groups: a cup of bagel crisps is no 237 g.
def test_a_cup_of_branded_crisps_without_a_cup_serving_asks_for_grams(food_table):
    if not food_db.branded_available(food_table.path):
        pytest.skip("the food database was built without FoodData Central's branded foods")
    row = _row("New York Style, Bagel Crisps, Sea Salt", "1.00 cup", food_table)  # FDC: Other Snacks, no cup serving
    assert row["status"] == "needs_amount", (row["matched_food"], row["grams"])
    assert "enter the amount in grams" in row["reason"]


@pytest.mark.parametrize(("group", "solid"), [
    ("Baked Products", True), ("Cakes and pies", True), ("Snacks", True), ("Popcorn", True),
    ("Chips, Pretzels & Snacks", True), ("Crackers & Biscotti", True), ("Breads & Buns", True),
    ("Beverages", False), ("Soups, Sauces, and Gravies", False), ("Pudding", False), (None, False),
    ("Popcorn, Peanuts, Seeds & Related Snacks", False)])  # a cup of peanuts is 146 g: not listed
def test_porous_solid_groups(group, solid):
    assert is_porous_solid(group) is solid
