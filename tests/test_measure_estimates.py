"""FNDDS foods borrow household measures only from an SR28 food that is the same food.

FNDDS foods carry no gram weights, so "1 cup" of one takes the measures of the closest SR28
food. Closeness by shared words alone lent a dressing's cup (245 g) to mixed salad greens and
an After Eight (8.4 g a piece) to a mint. The gram figures below are SR28's own household
measures (SR28 weight table, NDB numbers given), read by a person, not by the code.
"""

from __future__ import annotations

import pandas as pd
import pytest

from food_db._measure_estimates import estimate_measures, is_dry, kind_of

# SR28 lenders with their real household measures (food_id, description, [(amount, unit, grams)]).
SR28 = [
    (43017, "Salad dressing, green goddess, regular", [(1.0, "tbsp", 15.0), (1.0, "cup", 245.0)]),
    (11086, "Beet greens, raw", [(1.0, "cup", 38.0), (1.0, "leaf", 32.0)]),
    (19153, "Candies, NESTLE, AFTER EIGHT Mints", [(1.0, "serving 5 mints", 42.0), (1.0, "piece", 8.4)]),
    (19107, "Candies, hard", [(1.0, "oz", 28.35), (1.0, "piece", 6.0), (1.0, "piece, small", 3.0)]),
    (6583, "Soup, ramen noodle, any flavor, dry", [(1.0, "package without flavor packet", 81.0),
                                                   (1.0, "packet", 5.8)]),
    (6150, "Sauce, barbecue", [(1.0, "cup", 286.0), (1.0, "tbsp", 17.0)]),
]


def _borrow_from(lenders, fdc_rows: list[tuple[int, str, str]]) -> pd.DataFrame:
    sr28 = pd.DataFrame({"description": [d for _, d, _ in lenders]},
                        index=pd.Index([i for i, _, _ in lenders], name="food_id"))
    measures = pd.DataFrame([(i, seq, a, u, g) for i, _, rows in lenders for seq, (a, u, g) in enumerate(rows, 1)],
                            columns=["food_id", "seq", "amount", "description", "grams"])
    labels = pd.Series([f"USDA SR28 #{i:05d}" for i, _, _ in lenders], index=sr28.index)
    fdc = pd.DataFrame({"description": [d for _, d, _ in fdc_rows], "food_group": [g for _, _, g in fdc_rows]},
                       index=pd.Index([i for i, _, _ in fdc_rows], name="food_id"))
    return estimate_measures(fdc, sr28, measures, labels)


def _borrow(fdc_rows: list[tuple[int, str, str]]) -> pd.DataFrame:
    return _borrow_from(SR28, fdc_rows)


def _grams(borrowed: pd.DataFrame, food_id: int, unit: str) -> float:
    rows = borrowed[(borrowed["food_id"] == food_id) & (borrowed["description"] == unit)]
    return float(rows["grams"].iloc[0])


@pytest.mark.parametrize(("description", "kind"), [
    ("Mixed salad greens, raw", ("", "green")),
    ("Salad dressing, green goddess, regular", ("", "dressing")),
    ("Candies, NESTLE, AFTER EIGHT Mints", ("candy", "")),     # brand segments name no food
    ("Candy, mint", ("candy", "mint")),
    ("Enchilada with beans, green-chile or enchilada sauce", ("", "enchilada")),
    ("PACE, Enchilada Sauce", ("", "sauce")),
    ("Cheesecake commercially prepared", ("", "cheesecake")),
    ("Cookie, chocolate chip", ("", "cookie")),                 # meets SR28 "Cookies, chocolate chip"
    ("Cookies, chocolate chip, commercially prepared, soft-type", ("", "cookie")),
    ("Peaches, canned, heavy syrup, drained", ("", "peach")),
    ("Bread, cornbread, prepared from recipe, made with low fat (2%) milk", ("", "cornbread")),  # a kind of bread
    ("Milk, buttermilk, fluid, cultured, lowfat", ("", "buttermilk")),
    ("Bread, white, commercially prepared", ("", "bread")),
])
def test_the_food_a_description_names(description, kind):
    assert kind_of(description) == kind


@pytest.mark.parametrize(("description", "dry"), [
    ("Soup, ramen noodle, any flavor, dry", True),
    ("Soup, miso or tofu", False),
    ("Potato, mashed, from dry mix, made with milk", False),   # made from a mix, eaten prepared
    ("Beverages, chocolate-flavor beverage mix, powder", True),
])
def test_dry_form(description, dry):
    assert is_dry(description) is dry


def test_salad_greens_take_greens_measures_not_a_dressings():
    # SR28 11086 Beet greens, raw: 1 cup = 38 g. The dressing's cup (245 g) was six times that.
    borrowed = _borrow([(2002313, "Mixed salad greens, raw", "Lettuce and lettuce salads")])
    assert _grams(borrowed, 2002313, "cup") == 38.0
    assert borrowed["estimated_from"].str.contains("USDA SR28 #11086 Beet greens, raw").all()


def test_a_mint_is_not_an_after_eight():
    # SR28 19107 Candies, hard: 1 piece = 6.0 g (an After Eight piece is 8.4 g): the brand is not named.
    borrowed = _borrow([(2000635, "Candy, mint", "Candy not containing chocolate")])
    assert _grams(borrowed, 2000635, "piece") == 6.0
    assert not borrowed["estimated_from"].str.contains("AFTER EIGHT").any()


def test_a_soup_as_eaten_borrows_nothing_from_a_dry_packet():
    borrowed = _borrow([(2003351, "Soup, miso or tofu", "Ramen and Asian broth-based soups")])
    assert borrowed.empty  # no grams invented: the diary line asks for grams


def test_category_default_needs_several_foods_of_the_category_and_says_so():
    rows = [(2000001 + n, f"Barbecue sauce, {kind}", "Tomato-based condiments")
            for n, kind in enumerate(["regular", "honey", "reduced sugar"])]
    rows.append((2000010, "Salsa, red", "Tomato-based condiments"))     # no SR28 salsa here
    rows.append((2000011, "Catsup", "Mustard and other condiments"))    # a category with no lender
    borrowed = _borrow(rows)
    # SR28 06150 Sauce, barbecue: 1 tbsp = 17 g, lent to the three barbecue sauces, so the category's default.
    assert _grams(borrowed, 2000010, "tbsp") == 17.0
    reason = borrowed.loc[borrowed["food_id"] == 2000010, "estimated_from"].iloc[0]
    assert "food-category default for 'Tomato-based condiments'" in reason and "#06150" in reason
    assert (borrowed["food_id"] == 2000011).sum() == 0


def test_one_odd_lend_is_no_category_default():
    rows = [(2000001, "Barbecue sauce", "Tomato-based condiments"),
            (2000010, "Salsa, red", "Tomato-based condiments")]
    borrowed = _borrow(rows)
    assert set(borrowed["food_id"]) == {2000001}


@pytest.fixture(scope="module")
def fndds_measures(food_table) -> pd.DataFrame:
    foods = food_table.foods
    if "source" not in foods or not (foods["source"] == "fndds").any():
        pytest.skip("the food database was built without FoodData Central foods")
    by_name = foods.reset_index().set_index("description")["food_id"]
    measures = food_table.measures
    return measures.assign(food=measures["food_id"].map(dict(zip(by_name.to_numpy(), by_name.index,
                                                                 strict=True))))


def test_built_database_lends_by_kind(fndds_measures):
    greens = fndds_measures[fndds_measures["food"] == "Mixed salad greens, raw"]
    assert not greens.empty and "dressing" not in greens["estimated_from"].iloc[0].lower()
    assert greens.loc[greens["description"] == "cup", "grams"].iloc[0] < 100   # a cup of leaves, not of liquid
    mint = fndds_measures[fndds_measures["food"] == "Candy, mint"]
    assert not mint["estimated_from"].str.contains("AFTER EIGHT").any()


def test_a_change_of_the_borrowing_words_rebuilds_the_database(tmp_path, monkeypatch):
    import shutil

    from food_db import _build

    for name in _build.DATA_FILES:
        shutil.copy(_build.HERE / name, tmp_path / name)
    monkeypatch.setattr(_build, "HERE", tmp_path)
    before = _build.data_files_sha256()
    with (tmp_path / "measure_borrowing.csv").open("a", encoding="utf-8") as handle:
        handle.write("describing,smoked,test row\n")
    assert _build.data_files_sha256() != before


SEEDS = [
    (12040, "Seeds, sunflower seed butter, without salt", [(1.0, "tbsp", 16.0), (1.0, "oz", 28.35)]),
    (12039, "Seeds, sunflower seed kernels, toasted, without salt", [(1.0, "cup", 134.0), (1.0, "oz", 28.35)]),
    (18239, "Croissants, butter", [(1.0, "oz", 28.35), (1.0, "croissant, large", 67.0)]),
]


def test_seeds_borrow_a_cup_of_kernels_not_a_tablespoon_of_seed_butter():
    # 'Seeds, sunflower seed butter' is a butter (its head noun), though filed under SR28's "Seeds":
    # sunflower seeds take SR28 12039's cup, 134 g, not the butter's 16 g tablespoon (a shorter description).
    # A head noun that is no form still lends: 'Croissants, butter' is a croissant (SR28 18239, large = 67 g).
    sr28 = pd.DataFrame({"description": [d for _, d, _ in SEEDS]},
                        index=pd.Index([i for i, _, _ in SEEDS], name="food_id"))
    measures = pd.DataFrame([(i, seq, a, u, g) for i, _, rows in SEEDS for seq, (a, u, g) in enumerate(rows, 1)],
                            columns=["food_id", "seq", "amount", "description", "grams"])
    labels = pd.Series([f"USDA SR28 #{i:05d}" for i, _, _ in SEEDS], index=sr28.index)
    fdc = pd.DataFrame({"description": ["Sunflower seeds, plain, salted", "Croissant"],
                        "food_group": ["Nuts and seeds", "Croissants, sweet rolls, pastries"]},
                       index=pd.Index([2003532, 2001349], name="food_id"))
    borrowed = estimate_measures(fdc, sr28, measures, labels)
    assert _grams(borrowed, 2003532, "cup") == 134.0
    assert not borrowed["estimated_from"].str.contains("butter, without salt").any()
    assert _grams(borrowed, 2001349, "croissant, large") == 67.0


# SR28 lenders for canned beans, their real household measures (SR28 weight table).
CANNED_BEANS = [
    (16034, "Beans, kidney, red, mature seeds, canned, solids and liquids", [(1.0, "cup", 256.0), (1.0, "can", 436.0)]),
    (16335, "Beans, kidney, red, mature seeds, canned, drained solids, rinsed in tap water",
     [(1.0, "cup rinsed solids", 158.0)]),
    (16051, "Beans, white, mature seeds, canned", [(1.0, "cup", 262.0)]),
    (11056, "Beans, snap, green, canned, regular pack, drained solids", [(1.0, "cup", 135.0), (1.0, "beans", 62.0)]),
]


def test_beans_from_canned_take_the_drained_cup_not_the_cup_with_liquid():
    # FNDDS 'Kidney beans, from canned' are the drained beans. SR28 16335 (drained solids, rinsed):
    # 1 cup = 158 g; SR28 16034 (solids and liquids) 1 cup = 256 g, 62 % heavier. 1.69 cup drained
    # = 1.69 x 158 = 267 g, not 1.69 x 256 = 433 g.
    borrowed = _borrow_from(CANNED_BEANS, [(2002096, "Kidney beans, from canned, no added fat", "Beans")])
    assert _grams(borrowed, 2002096, "cup rinsed solids") == 158.0
    assert set(borrowed["grams"]) == {158.0}            # no cup of beans with their liquid at all
    assert borrowed["estimated_from"].str.contains("USDA SR28 #16335").all()   # the basis stays shown


def test_a_drained_lender_must_name_the_same_beans():
    # White beans: no drained white beans in SR28, and green beans (SR28 11056: 1 cup = 135 g) are
    # another food; the white beans keep SR28 16051's cup (262 g).
    borrowed = _borrow_from(CANNED_BEANS, [(2003001, "White beans, from canned, no added fat", "Beans")])
    assert _grams(borrowed, 2003001, "cup") == 262.0
    assert not borrowed["estimated_from"].str.contains("snap").any()


def test_a_food_not_eaten_drained_keeps_its_closest_lender():
    # 'Kidney beans, canned' (no 'from canned'): closest by words and shortest is SR28 16034, 1 cup 256 g.
    borrowed = _borrow_from(CANNED_BEANS, [(2003002, "Kidney beans, canned, solids and liquids", "Beans")])
    assert _grams(borrowed, 2003002, "cup") == 256.0


def test_built_database_weighs_beans_from_canned_drained(fndds_measures):
    beans = fndds_measures[fndds_measures["food"] == "Kidney beans, from canned, no added fat"]
    cups = beans.loc[beans["description"].str.startswith("cup"), "grams"]
    # SR28 16335 drained solids, rinsed: 1 cup = 158 g (SR28 16034 with liquid: 256 g).
    assert not cups.empty and set(cups) == {158.0}


def test_cornbread_takes_a_piece_of_cornbread():
    # SR28 18024 Bread, cornbread, prepared from recipe: 1 piece = 65 g. Before, FNDDS cornbread took its
    # category's default, a toaster muffin (33 g), and had no 'piece' at all.
    lenders = [(18024, "Bread, cornbread, prepared from recipe, made with low fat (2%) milk",
                [(1.0, "oz", 28.35), (1.0, "piece", 65.0)]),
               (18069, "Bread, white, commercially prepared (includes soft bread crumbs)", [(1.0, "slice", 29.0)])]
    borrowed = _borrow_from(lenders, [(2001236, "Cornbread, made from home recipe", "Biscuits, muffins, quick breads")])
    assert _grams(borrowed, 2001236, "piece") == 65.0
    assert not borrowed["estimated_from"].str.contains("#18069").any()   # a slice of bread is another food


def test_a_lender_weighed_only_by_the_cubic_inch_is_followed_by_one_that_weighs_the_item():
    # SR28 42204 Rice cake, cracker: 1 cubic inch = 4.2 g, its only measure; SR28 19816 Snacks, rice cakes,
    # brown rice, plain, unsalted: 1 cake = 9 g. FNDDS 'Rice cake' keeps the closest (42204) first and
    # takes the cake of the food as close by its words (rice, cake) after it.
    lenders = [(42204, "Rice cake, cracker (include hain mini rice cakes)", [(1.0, "cubic inch", 4.2)]),
               (19816, "Snacks, rice cakes, brown rice, plain, unsalted", [(1.0, "cake", 9.0), (2.0, "cakes", 18.0)]),
               (18069, "Bread, white, commercially prepared (includes soft bread crumbs)", [(1.0, "slice", 29.0)])]
    borrowed = _borrow_from(lenders, [(2003037, "Rice cake", "Crackers, excludes saltines")])
    first = borrowed.sort_values("seq").iloc[0]
    assert (first["description"], first["grams"]) == ("cubic inch", 4.2)
    assert "closest SR28 food by description: USDA SR28 #42204" in first["estimated_from"]
    assert _grams(borrowed, 2003037, "cake") == 9.0
    assert not borrowed["estimated_from"].str.contains("#18069").any()


def test_a_lender_that_weighs_an_item_besides_the_cubic_inch_takes_no_further_lender():
    # The same closest food, had it a count measure of its own (a made-up 'cake, mini'), lends alone.
    lenders = [(42204, "Rice cake, cracker (include hain mini rice cakes)",
                [(1.0, "cubic inch", 4.2), (1.0, "cake, mini", 3.0)]),
               (19816, "Snacks, rice cakes, brown rice, plain, unsalted", [(1.0, "cake", 9.0), (2.0, "cakes", 18.0)])]
    borrowed = _borrow_from(lenders, [(2003037, "Rice cake", "Crackers, excludes saltines")])
    assert set(borrowed["description"]) == {"cubic inch", "cake, mini"}


# SR28 cooked and canned vegetables with their real household measures (SR28 weight table). 'cooked' is
# common among them, as in SR28, and 'no' (of 'no salt added') rarer, so it weighs more; a milk and a pork
# food make 'fat' and 'fresh' words SR28 knows, as it does.
COOKED_VEGETABLES = [
    (1079, "Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D", [(1.0, "cup", 244.0)]),
    (10010, "Pork, fresh, leg (ham), whole, separable lean only, raw", [(1.0, "oz", 28.35)]),
    (10012, "Pork, fresh, leg (ham), rump half, separable lean and fat, raw", [(1.0, "oz", 28.35)]),
    (11735, "Beets, canned, no salt added, solids and liquids", [(1.0, "cup", 246.0)]),
    (11081, "Beets, cooked, boiled, drained", [(0.5, "cup slices", 85.0), (2.0, "beets (2\" dia, sphere)", 100.0)]),
    (11855, "Spinach, canned, no salt added, solids and liquids", [(1.0, "cup", 234.0)]),
    (11458, "Spinach, cooked, boiled, drained, without salt", [(1.0, "cup", 180.0)]),
    (11854, "Spinach, cooked, boiled, drained, with salt", [(1.0, "cup", 180.0)]),
    (11125, "Carrots, cooked, boiled, drained, without salt", [(0.5, "cup slices", 78.0), (1.0, "carrot", 46.0)]),
]


def test_no_added_fat_shares_nothing_with_no_salt_added():
    # FNDDS 'Spinach, fresh, cooked, no added fat' is boiled spinach: SR28 11458, 1 cup = 180 g, not the
    # canned spinach with its liquid that merely also says 'no' (SR28 11855 'no salt added', 1 cup = 234 g,
    # 30 % heavier). Fresh cooked beets take SR28 11081's beets: 2 beets of 2" = 100 g, so one is 50 g.
    borrowed = _borrow_from(COOKED_VEGETABLES, [(2003433, "Spinach, fresh, cooked, no added fat", "Spinach"),
                                                (2000322, "Beets, fresh, cooked, no added fat",
                                                 "Other vegetables and combinations")])
    assert _grams(borrowed, 2003433, "cup") == 180.0
    assert _grams(borrowed, 2000322, "beets (2\" dia, sphere)") == 100.0
    assert not borrowed["estimated_from"].str.contains("canned").any()


def test_built_database_weighs_fresh_cooked_spinach_boiled(fndds_measures):
    spinach = fndds_measures[fndds_measures["food"] == "Spinach, fresh, cooked, no added fat"]
    cups = spinach.loc[spinach["description"] == "cup", "grams"]
    # SR28 11458 Spinach, cooked, boiled, drained: 1 cup = 180 g (canned with liquid, SR28 11855: 234 g).
    assert not cups.empty and cups.iloc[0] == 180.0


# SR28 cheeseburgers with their real household measures (SR28 weight table).
CHEESEBURGERS = [
    (21233, "McDONALD'S, Cheeseburger", [(1.0, "item 4 oz", 119.0)]),
    (21089, "Fast foods, cheeseburger; single, regular patty; plain", [(1.0, "sandwich", 91.0)]),
    # 'dark' and 'special' are everyday words in SR28, as these two descriptions write them.
    (5034, "Chicken, broilers or fryers, dark meat, meat and skin, raw", [(3.0, "oz", 85.0)]),
    (18199, "Cookies, chocolate sandwich, with creme filling, special dietary", [(1.0, "cookie", 10.0)]),
]


def test_a_brand_written_with_a_small_letter_is_still_a_brand():
    # USDA writes McDONALD'S with a small c. FNDDS 'Cheeseburger, NFS' names no brand, so it takes SR28
    # 21089's plain fast-food cheeseburger (1 sandwich = 91 g), never McDonald's 4 oz item (119 g, SR28 21233),
    # though 'McDONALD'S, Cheeseburger' is the shorter, equally close description.
    borrowed = _borrow_from(CHEESEBURGERS, [(2001112, "Cheeseburger, NFS", "Burgers")])
    assert _grams(borrowed, 2001112, "sandwich") == 91.0
    assert not borrowed["estimated_from"].str.contains("#21233").any()
    # a line that names the brand may still take it
    named = _borrow_from(CHEESEBURGERS, [(2001113, "McDonald's cheeseburger", "Burgers")])
    assert _grams(named, 2001113, "item 4 oz") == 119.0


# SR28 black beans with their real household measures (SR28 weight table): no drained canned black beans.
BLACK_BEANS = [
    (16018, "Beans, black turtle, mature seeds, canned", [(1.0, "cup", 240.0)]),
    (16015, "Beans, black, mature seeds, cooked, boiled, without salt", [(1.0, "cup", 172.0)]),
    (16014, "Beans, black, mature seeds, raw", [(1.0, "cup", 194.0)]),
    *CANNED_BEANS,
]


def test_beans_from_canned_with_no_drained_lender_take_the_beans_boiled():
    # SR28 has no drained canned black beans. FNDDS 'Black beans, from canned' are eaten drained: a cup of
    # black beans without liquid is SR28 16015's boiled cup, 172 g, not the can's 240 g with its liquid
    # (SR28 16018): 1.22 cup = 1.22 x 172 = 209.8 g, not 292.8 g.
    borrowed = _borrow_from(BLACK_BEANS, [(2000352, "Black beans, from canned, no added fat", "Beans")])
    assert _grams(borrowed, 2000352, "cup") == 172.0
    assert set(borrowed["grams"]) == {172.0}
    # a drained canned lender of the same beans still comes first, even when not as close by words:
    # 'reduced sodium' kidney beans take SR28 16335 drained (158 g), not 16034 with liquid (256 g)
    kidney = _borrow_from(BLACK_BEANS, [(2002097, "Kidney beans, from canned, reduced sodium", "Beans")])
    assert _grams(kidney, 2002097, "cup rinsed solids") == 158.0
    # a food not eaten drained keeps the can: 'Black beans, canned' 240 g
    canned = _borrow_from(BLACK_BEANS, [(2000350, "Black beans, canned", "Beans")])
    assert _grams(canned, 2000350, "cup") == 240.0


# SR28 onions with their real household measures (SR28 weight table).
ONIONS = [
    (11286, "Onions, yellow, sauteed", [(1.0, "cup chopped", 87.0)]),
    (11282, "Onions, raw", [(1.0, "cup, chopped", 160.0), (1.0, "medium (2-1/2\" dia)", 110.0), (1.0, "small", 70.0)]),
]


def test_a_raw_food_never_borrows_a_cooked_foods_measures():
    # Foundation 'Onions, yellow, raw' shares 'yellow' with SR28 11286 sauteed onions (1 cup chopped 87 g),
    # but a cup of chopped raw onion is SR28 11282's 160 g; and only the raw onion has sizes (medium 110 g).
    borrowed = _borrow_from(ONIONS, [(3000210, "Onions, yellow, raw", "Vegetables and Vegetable Products")])
    assert _grams(borrowed, 3000210, "cup, chopped") == 160.0
    assert _grams(borrowed, 3000210, "medium (2-1/2\" dia)") == 110.0
    assert not borrowed["estimated_from"].str.contains("sauteed").any()


def test_built_database_gives_a_foundation_food_sr28_sizes_after_its_own(fndds_measures):
    onion = fndds_measures[fndds_measures["food"] == "Onions, yellow, raw"].sort_values("seq")
    # its own one measure first ('onion' = 143 g, FoodData Central), then SR28 11282's: medium (2-1/2" dia) 110 g
    assert (onion["description"].iloc[0], onion["grams"].iloc[0]) == ("onion", 143.0)
    assert onion["estimated_from"].iloc[0] == ""
    medium = onion.loc[onion["description"] == "medium (2-1/2\" dia)", "grams"]
    assert not medium.empty and medium.iloc[0] == 110.0


def _borrow_grouped(lenders, fdc_rows: list[tuple[int, str, str]]) -> pd.DataFrame:
    """As ``_borrow_from``, the lenders carrying their SR28 food group: (id, description, group, measures)."""
    sr28 = pd.DataFrame({"description": [d for _, d, _, _ in lenders], "food_group": [g for _, _, g, _ in lenders]},
                        index=pd.Index([i for i, _, _, _ in lenders], name="food_id"))
    measures = pd.DataFrame([(i, seq, a, u, g) for i, _, _, rows in lenders
                             for seq, (a, u, g) in enumerate(rows, 1)],
                            columns=["food_id", "seq", "amount", "description", "grams"])
    labels = pd.Series([f"USDA SR28 #{i:05d}" for i, _, _, _ in lenders], index=sr28.index)
    fdc = pd.DataFrame({"description": [d for _, d, _ in fdc_rows], "food_group": [g for _, _, g in fdc_rows]},
                       index=pd.Index([i for i, _, _ in fdc_rows], name="food_id"))
    return estimate_measures(fdc, sr28, measures, labels)


# SR28 biscuits and muffins with their food groups and real household measures (SR28 weight table).
BISCUITS = [
    (21007, "Fast foods, biscuit, with egg, cheese, and bacon", "Fast Foods", [(1.0, "item", 145.0)]),
    (21020, "Fast foods, english muffin, with cheese and sausage", "Fast Foods", [(1.0, "item", 108.0)]),
    (18009, "Biscuits, plain or buttermilk, frozen, baked", "Baked Products",
     [(1.0, "oz", 28.35), (1.0, "large", 77.0), (1.0, "medium", 51.0), (1.0, "small", 35.0),
      (1.0, 'biscuit (2-1/2" dia)', 35.0)]),
    (18016, "Biscuits, plain or buttermilk, prepared from recipe", "Baked Products",
     [(1.0, "oz", 28.35), (1.0, 'biscuit (4" dia)', 101.0), (1.0, 'biscuit (2-1/2" dia)', 60.0)]),
    (18264, "English muffins, wheat", "Baked Products", [(1.0, "oz", 28.35), (1.0, "muffin", 57.0)]),
    # Cheeses make 'cheese' the common word it is in SR28 (so it weighs less than 'biscuit').
    (1009, "Cheese, cheddar", "Dairy and Egg Products", [(1.0, "cup, shredded", 113.0)]),
    (1026, "Cheese, mozzarella, whole milk", "Dairy and Egg Products", [(1.0, "cup, shredded", 112.0)]),
    (1032, "Cheese, parmesan, grated", "Dairy and Egg Products", [(1.0, "tbsp", 5.0)]),
    (1040, "Cheese, swiss", "Dairy and Egg Products", [(1.0, "cup, diced", 132.0)]),
]
QUICK_BREADS = "Biscuits, muffins, quick breads"


def test_a_cheese_biscuit_borrows_a_biscuit_not_a_breakfast_sandwich():
    # 'Biscuit, cheese' shares both its words with SR28 21007, a fast-food biscuit with egg, cheese and bacon
    # (1 item = 145 g, a breakfast sandwich), one with SR28 18009 (1 biscuit of 2-1/2" = 35 g). The foods of
    # its category borrow from SR28 Baked Products (five of seven here, more than two thirds), so the baked
    # biscuit lends: "1 biscuit" = 35 g, not 145 g (4.1 times that). So for 'Muffin, English, cheese': SR28
    # 18264 'English muffins, wheat', 1 muffin = 57 g, not the fast-food muffin with cheese and sausage (108 g).
    borrowed = _borrow_grouped(BISCUITS, [(2000337, "Biscuit, cheese", QUICK_BREADS),
                                          (2000336, "Biscuit, NFS", QUICK_BREADS),
                                          (2000340, "Biscuit, home recipe", QUICK_BREADS),
                                          (2000341, "Biscuit, buttermilk", QUICK_BREADS),
                                          (2002700, "Muffin, English, wheat", QUICK_BREADS),
                                          (2002702, "Muffin, English, NFS", QUICK_BREADS),
                                          (2002701, "Muffin, English, cheese", QUICK_BREADS)])
    assert _grams(borrowed, 2000337, 'biscuit (2-1/2" dia)') == 35.0
    cheese = borrowed[borrowed["food_id"] == 2000337]
    assert 145.0 not in set(cheese["grams"]) and not cheese["estimated_from"].str.contains("#21007").any()
    muffin = borrowed[borrowed["food_id"] == 2002701]
    assert _grams(borrowed, 2002701, "muffin") == 57.0 and not muffin["estimated_from"].str.contains("#21020").any()


def test_without_a_group_of_its_own_a_category_keeps_the_closest_lender():
    # Without SR28 food groups (or a category whose foods borrow from no one group) nothing is preferred:
    # 'Biscuit, cheese' alone keeps the closest by words, the fast-food biscuit (1 item = 145 g).
    borrowed = _borrow_grouped(BISCUITS, [(2000337, "Biscuit, cheese", QUICK_BREADS)])
    assert _grams(borrowed, 2000337, "item") == 145.0


CHOCOLATES = [
    (19164, "Candies, SPECIAL DARK Chocolate Bar",
     [(1.0, "bar 1.45 oz", 41.0), (1.0, "bar 2.6 oz", 73.0), (3.0, "blocks", 42.0), (1.0, "bar", 17.0)]),
    (19081, "Candies, sweet chocolate", [(1.0, "oz", 28.35), (1.0, "bar (1.45 oz)", 41.0)]),
    (21251, "BURGER KING, Cheeseburger", [(1.0, "item", 133.0)]),
    (21089, "Fast foods, cheeseburger; single, regular patty; plain", [(1.0, "sandwich", 91.0)]),
    # 'dark' and 'special' are everyday words in SR28, as these two descriptions write them.
    (5034, "Chicken, broilers or fryers, dark meat, meat and skin, raw", [(3.0, "oz", 85.0)]),
    (18199, "Cookies, chocolate sandwich, with creme filling, special dietary", [(1.0, "cookie", 10.0)]),
]


def test_a_brand_of_everyday_words_is_named_only_whole():
    # SPECIAL DARK is a brand made of words USDA also writes in lower case: 'Dark chocolate candy with nuts'
    # names 'dark', not the brand, so its plain "bar" (SR28 19164: 17 g, against 41 g for its 1.45 oz bar) is
    # not lent; SR28 19081 sweet chocolate lends its bar (1.45 oz) = 41 g. 'Cheeseburger (Burger King)' names
    # both words of BURGER KING and takes its item (SR28 21251: 133 g), not the plain cheeseburger's 91 g.
    borrowed = _borrow_from(CHOCOLATES, [(2001371, "Dark chocolate candy with nuts", "Chocolate candy"),
                                         (2001100, "Cheeseburger (Burger King)", "Burgers")])
    assert not borrowed["estimated_from"].str.contains("SPECIAL DARK").any()
    assert _grams(borrowed, 2001371, "bar (1.45 oz)") == 41.0
    assert _grams(borrowed, 2001100, "item") == 133.0


PIES = [
    (18323, "Pie, peach", [(1.0, "oz", 28.35), (1.0, 'piece (1/6 of 8" pie)', 117.0)]),
    (18322, "Pie, mince, prepared from recipe", [(1.0, "oz", 28.35), (1.0, 'piece (1/8 of 9" dia)', 165.0)]),
    (19183, "Puddings, chocolate, ready-to-eat", [(1.0, "cup", 250.0), (1.0, "container refrigerated, 4 oz", 108.0)]),
]


def test_a_category_default_of_another_food_lends_its_ounce_not_its_piece():
    # Three peach pies make SR28 18323 'Pie, peach' the default of 'Cakes and pies'. A cupcake is no pie: it
    # takes the pie's ounce (28.35 g, any food's) but not its piece of 1/6 of an 8" pie (117 g), so "2 cupcakes"
    # asks for grams instead of weighing 2 x 117 = 234 g. A pie no SR28 food names closely ('Pie, Dutch apple
    # crumble streusel') still takes the default's piece: 117 g.
    rows = [(2000001 + n, f"Pie, peach, {kind}", "Cakes and pies")
            for n, kind in enumerate(["fresh", "canned", "frozen"])]
    rows += [(2000010, "Cake or cupcake, NFS", "Cakes and pies"),
             (2000011, "Pie, Dutch apple crumble streusel", "Cakes and pies")]
    borrowed = _borrow_from(PIES, rows)
    cupcake = borrowed[borrowed["food_id"] == 2000010]
    assert list(cupcake["description"]) == ["oz"] and cupcake["estimated_from"].str.contains("default").all()
    assert _grams(borrowed, 2000011, 'piece (1/6 of 8" pie)') == 117.0


def test_a_cuisine_names_no_food():
    # SR28's restaurant foods name their cuisine before the food: the enchilada is the food. FNDDS
    # 'Enchilada, NFS' takes SR28 36050's enchilada (1 = 137 g), not a rice bowl entree's bowl (340 g).
    assert kind_of("Restaurant, Mexican, cheese enchilada") == ("restaurant", "enchilada")
    assert kind_of("Restaurant, family style, onion rings") == ("restaurant", "ring")
    lenders = [(36050, "Restaurant, Mexican, cheese enchilada",
                [(1.0, "enchilada", 137.0), (2.0, "enchilada", 257.0), (3.0, "enchilada", 365.0)]),
               (22958, "Rice bowl with chicken, frozen entree, prepared", [(1.0, "bowl", 340.0)])]
    borrowed = _borrow_from(lenders, [(2001470, "Enchilada, NFS", "Other Mexican mixed dishes")])
    assert _grams(borrowed, 2001470, "enchilada") == 137.0
    assert "bowl" not in set(borrowed["description"])


def test_built_database_lends_plain_foods_to_plain_foods(fndds_measures):
    # SR28 18009: 1 biscuit (2-1/2" dia) = 35 g; SR28 21007's breakfast biscuit sandwich, 145 g, lends no more.
    biscuit = fndds_measures[fndds_measures["food"] == "Biscuit, cheese"]
    assert not biscuit.empty and 145.0 not in set(biscuit["grams"])
    assert 35.0 in set(biscuit.loc[biscuit["description"].str.startswith("biscuit"), "grams"])
    chocolate = fndds_measures[fndds_measures["food"] == "Dark chocolate candy with nuts"]
    assert not chocolate["estimated_from"].str.contains("SPECIAL DARK").any()
    cupcake = fndds_measures[fndds_measures["food"] == "Cake or cupcake, NFS"]
    assert not cupcake["description"].str.contains("pie").any()   # SR28 18323's piece of pie, 117 g
    enchilada = fndds_measures[fndds_measures["food"] == "Enchilada, NFS"]
    assert 137.0 in set(enchilada.loc[enchilada["description"] == "enchilada", "grams"])   # SR28 36050
