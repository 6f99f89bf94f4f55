"""What a diary line means when it does not say: the state and variant a person eats.

Real line shapes from Cronometer and survey diaries. Each case names the words
the chosen food's description must hold and must not hold (issue 18).
"""

from __future__ import annotations

import re

import pytest

from analyzer import get_matcher, import_diary
from analyzer.analysis._entry_nutrients import entry_nutrients


def _stems(text: str) -> set[str]:
    return {w.removesuffix("s") for w in re.findall(r"[a-z]+", text.lower())}


# (text, words the food must have, words it must not have)
DEFAULTS = [
    # Oatmeal as eaten is porridge (SR28 Cereals, oats ... cooked with water: 71 kcal
    # per 100 g), not the dry grain (SR28 Oats: 389 kcal, 177 mg magnesium per 100 g).
    ("Oatmeal", {"oat", "cooked"}, {"dry"}),
    ("Oatmeal, cooked", {"oat", "cooked"}, {"dry"}),
    ("Oats, cooked", {"oat", "cooked"}, {"dry"}),
    # ... unless the line says it was weighed dry or raw.
    ("Oatmeal, dry", {"oat", "dry"}, {"cooked", "prepared"}),
    ("Oatmeal, uncooked", {"oat"}, {"cooked", "prepared"}),
    ("Rice, dry", {"rice"}, {"cooked"}),
    # A juice with added calcium only when the line says so (SR28 Grapefruit juice,
    # pink or red, with added calcium is several times the plain juice's calcium).
    ("Grapefruit Juice, Fresh, Pink or Ruby Red", {"grapefruit", "juice"}, {"calcium"}),
    ("Orange juice", {"orange", "juice"}, {"calcium"}),
    ("Orange juice with calcium", {"orange", "juice", "calcium"}, set()),
    # Calcium sulfate is how tofu is made, not a fortificant: the common firm tofu stays.
    ("Tofu, raw, firm, prepared with calcium sulfate", {"tofu", "calcium", "sulfate"}, set()),
    # A cup of tea is brewed black tea (SR28 14355), the tea USDA's plain entries are; green,
    # iced or herbal tea only when the line says so.
    ("tea", {"tea", "black", "brewed"}, {"green"}),
    ("Caj", {"tea", "black"}, {"green"}),
    ("green tea", {"tea", "green"}, {"black"}),
    ("Tea, iced, brewed, black, pre-sweetened with sugar", {"tea", "iced"}, set()),
    ("chamomile tea", {"chamomile"}, {"black"}),
    # Cottage cheese is the regular one (SR28 01012 creamed, 4% milkfat, or FNDDS Cheese, cottage,
    # NFS), not one with fruit or vegetables stirred in, nor a lower fat level.
    ("Cottage cheese, regular (4% fat)", {"cottage"}, {"fruit", "vegetables", "low", "nonfat"}),
    ("cottage cheese", {"cottage"}, {"fruit", "vegetables", "low", "nonfat"}),
    # 'Non fat' is nonfat (SR28 spells it 'non-fat' and 'nonfat'): a plain nonfat yoghurt, not the
    # one vanilla entry that shares the two written words.
    ("Marigold, Non Fat Yoghurt, Natural", {"yogurt", "nonfat", "plain"}, {"vanilla"}),
    # Dutch shops' student mix (studentenhaver) is trail mix: nuts and raisins.
    ("Jumbo - Student Mix", {"trail", "mix"}, set()),
    ("studentenhaver", {"trail", "mix"}, set()),
    # A chowder is a thick soup, the milk or cream one of New England unless the line says
    # Manhattan (FNDDS 2021-2023 New England clam chowder 93 kcal per 100 g, Manhattan 35; the
    # ASA24 study gave 113 for its 'Fish chowder'): it was no match, found by no 'soup' word.
    ("Fish chowder", {"soup", "chowder", "new", "england"}, {"manhattan"}),
    ("Clam chowder", {"soup", "chowder", "new", "england"}, {"manhattan"}),
    ("Manhattan clam chowder", {"soup", "chowder", "manhattan"}, {"england"}),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), DEFAULTS)
def test_the_unstated_default_is_what_people_eat(food_table, text, wanted, unwanted):
    result = get_matcher().match(text)
    assert result.food_id is not None, (text, result.alternatives[:2])
    found = _stems(result.description)
    assert {w.removesuffix("s") for w in wanted} <= found, (text, result.description)
    assert not {w.removesuffix("s") for w in unwanted} & found, (text, result.description)


# (text, words the food must have, words it must not have)
DISHES_AND_STATES = [
    # The dish's kind is what the line names: a cheese sandwich is no pork sandwich with cheese.
    ("Cheese sandwich, with margarine", {"cheese", "sandwich"}, {"pork"}),
    # 'cooked from fresh' (Cronometer / NCC wording): fresh says not canned, the food was cooked.
    ("Zucchini, cooked from fresh", {"zucchini", "cooked"}, {"bread", "muffin", "pickled"}),
    ("Carrots, cooked from fresh", {"carrot", "cooked"}, {"canned"}),
    # A salad naming no other food is a green salad, not beef or pea salad.
    ("Salad, mixed", {"salad", "green"}, {"beef", "pea"}),
    ("potato salad", {"potato", "salad"}, set()),
    # A chain's product name ('Delite') is no food the table lacks: the sandwich is still found.
    ("Subway Veggie Delite Sandwich, no mayo", {"vegetable", "sandwich"}, {"mayonnaise"}),
    # 'no meat' / 'meat-free' is the meatless dish, as SR28 and FNDDS name it.
    ("Lasagna, homemade, spinach, no meat", {"lasagna", "meatless"}, set()),
    ("Richmond, Meat-Free Sausages", {"sausage", "meatless"}, set()),
    # A chocolate bar is the chocolate itself, not a granola bar or a brand's bar.
    ("Milk chocolate bar", {"milk", "chocolate"}, {"granola", "cereal", "symphony"}),
    ("chocolate chip granola bar", {"granola", "chocolate"}, set()),
    # A bun is a bread roll: a hamburger bun is the roll, not a hamburger on a bun.
    ("Hamburger bun, white", {"roll", "hamburger", "bun"}, {"patty"}),
    ("Hot dog bun", {"roll", "hot", "dog", "bun"}, set()),
    # 'not fortified' is SR28's 'unfortified' (25 mg calcium per 100 g, not 97 to 126 mg).
    ("Soy milk, chocolate, sweetened with sugar, not fortified, ready-to-drink", {"soymilk", "unfortified"},
     {"calcium"}),
    # 'skin not eaten' of a potato is its flesh (SR28 Potatoes, baked, flesh), not the skin alone.
    ("Baked potato, plain, skin not eaten", {"baked", "flesh"}, {"skin"}),
    # A tuna melt is a tuna salad sandwich with melted cheese.
    ("Tuna melt sandwich", {"tuna", "salad", "sandwich", "cheese"}, set()),
    # 'store bought' is SR28's 'commercially prepared'.
    ("Whole wheat bread, store bought", {"bread", "whole", "wheat", "commercially", "prepared"}, {"toasted"}),
    # Plain 'tomato sauce' is the canned tomato sauce, not a steak or chili sauce.
    ("Tomato sauce", {"tomato", "sauce", "canned"}, {"steak", "chili"}),
    ("Tomato sauce, no salt added", {"tomato", "sauce", "canned", "no", "salt"}, {"steak", "chili"}),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), DISHES_AND_STATES)
def test_a_dish_or_state_is_read_as_written(food_table, text, wanted, unwanted):
    foods = food_table.foods
    if "source" not in foods or not (foods["source"] == "fndds").any():
        pytest.skip("the food database was built without FoodData Central foods (dishes are FNDDS foods)")
    test_the_unstated_default_is_what_people_eat(food_table, text, wanted, unwanted)


def test_unfortified_soy_milk_counts_its_own_calcium(food_table):
    # SR28 16166 Soymilk, chocolate, unfortified: 25 mg calcium and 15 mg magnesium per 100 g, 1 cup = 243 g,
    # so 1 cup = 243 x 0.25 = 60.75 mg calcium and 243 x 0.15 = 36.45 mg magnesium (a fortified soy milk:
    # about 240 mg calcium a cup).
    data = (b'Day,Group,Food Name,Amount\n2024-03-01,Lunch,'
            b'"Soy milk, chocolate, sweetened with sugar, not fortified, ready-to-drink","1.00 cup"\n')
    entries = import_diary(data, table=food_table).entries
    assert entries["status"].iloc[0] == "used" and entries["grams"].iloc[0] == pytest.approx(243.0)
    row = entry_nutrients(entries, food_table.foods).iloc[0]
    assert row["calcium_mg"] == pytest.approx(60.75)
    assert row["magnesium_mg"] == pytest.approx(36.45)


# A line naming the packing ('drained') takes the food that says so: 'drained' alone is filler in
# SR28 ('boiled, drained'), so only a canned food silent on its liquid loses to one that names it.
PACKED_AS_WRITTEN = [
    ("Kidney beans, canned, drained", {"kidney", "canned", "drained", "solid"}, {"liquid"}),
    ("Tuna, canned in water, drained", {"tuna", "water", "drained"}, {"oil"}),
    ("Mandarin oranges, canned, drained", {"mandarin", "canned", "drained"}, set()),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), PACKED_AS_WRITTEN)
def test_the_packing_a_line_names_is_matched(food_table, text, wanted, unwanted):
    test_a_dish_or_state_is_read_as_written(food_table, text, wanted, unwanted)


def test_drained_canned_beans_count_the_drained_solids(food_table):
    # SR28 16145 Beans, kidney, red, mature seeds, canned, drained solids: 30 mg magnesium and 57 mg calcium
    # per 100 g, so 150 g = 1.5 x 30 = 45 mg magnesium and 1.5 x 57 = 85.5 mg calcium (FNDDS 'Kidney beans,
    # from canned', 50 mg magnesium per 100 g, would give 75 mg).
    data = b'Day,Group,Food Name,Amount\n2024-03-01,Lunch,"Kidney beans, canned, drained","150 g"\n'
    entries = import_diary(data, table=food_table).entries
    assert entries["status"].iloc[0] == "used" and entries["grams"].iloc[0] == pytest.approx(150.0)
    row = entry_nutrients(entries, food_table.foods).iloc[0]
    assert row["magnesium_mg"] == pytest.approx(45.0)
    assert row["calcium_mg"] == pytest.approx(85.5)


def test_a_cup_of_flakes_is_not_weighed_as_a_cup_of_kernels(food_table):
    # No table has rye flakes; SR28 20062 Rye grain holds the same grain (110 mg magnesium per 100 g), but its
    # cup is of kernels (169 g), and a cup of flakes weighs far less (SR28: rolled oats 81 g a cup, oat kernels
    # 156 g; a branded rye flakes label: 1/4 cup = 30 g). So a cup of the flakes asks for grams, and grams are
    # counted: 50 g = 0.5 x 110 = 55 mg magnesium.
    data = (b'Day,Group,Food Name,Amount\n'
            b'2024-03-01,Breakfast,"Eden, rye flakes, 100% whole grain, organic","1.46 x 0.5 Cup"\n'
            b'2024-03-02,Breakfast,"Eden, rye flakes, 100% whole grain, organic","50.00 g"\n')
    entries = import_diary(data, table=food_table).entries
    assert list(entries["matched_food_id"]) == [20062, 20062]
    assert entries["status"].iloc[0] == "needs_amount" and "flake" in entries["reason"].iloc[0]
    assert entries["status"].iloc[1] == "used" and entries["grams"].iloc[1] == pytest.approx(50.0)
    used = entry_nutrients(entries, food_table.foods)
    assert list(used["magnesium_mg"]) == pytest.approx([55.0])


@pytest.mark.parametrize("text", ["Coffee, made from instant", "Coffee, instant"])
def test_instant_coffee_is_not_brewed_coffee(food_table, text):
    # 'coffee' alone implies brewed; 'instant' says it was made from powder. FNDDS Coffee, instant,
    # reconstituted: 4 mg magnesium and 4 mg calcium per 100 g, so 240 g = 2.4 x 4 = 9.6 mg of each
    # (FNDDS Coffee, brewed: 3 mg magnesium, 2 mg calcium per 100 g, 7.2 and 4.8 mg).
    test_a_dish_or_state_is_read_as_written(food_table, text, {"coffee", "instant", "reconstituted"}, {"brewed"})
    data = f'Day,Group,Food Name,Amount\n2024-03-01,Breakfast,"{text}","240 g"\n'.encode()
    entries = import_diary(data, table=food_table).entries
    used = entry_nutrients(entries, food_table.foods)
    assert list(used["magnesium_mg"]) == pytest.approx([9.6])
    assert list(used["calcium_mg"]) == pytest.approx([9.6])


def test_plain_coffee_is_still_brewed(food_table):
    test_a_dish_or_state_is_read_as_written(food_table, "coffee", {"coffee", "brewed"}, {"instant"})


def test_a_full_fat_percentage_is_the_whole_milk_level(food_table):
    # 5% milkfat is whole-milk yogurt (21 CFR 131.200: from 3.25%); FAGE's label food 'TOTAL 2%, LOWFAT' is another
    # fat level, so the line keeps a whole-milk (or unspecified) Greek yogurt, never a lowfat one.
    data = (b'Day,Group,Food Name,Amount\n'
            b'2024-03-01,Breakfast,"Fage, Total, Greek Strained Yogurt, 5% Milkfat","170 g"\n')
    food = import_diary(data, table=food_table).entries["matched_food"].iloc[0]
    assert "greek" in _stems(food) and not {"lowfat", "nonfat", "low"} & _stems(food), food
