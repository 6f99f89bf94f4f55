"""USDA survey descriptions (ASA24 / NHANES / FNDDS) of an older release meet today's FNDDS foods.

ASA24 diaries name foods in the words of the FNDDS release the study used; the food table
holds FNDDS 2021-2023, where the same facet is often worded differently
(``analyzer/survey_wording.csv``). The lines below are real ASA24 descriptions (DietR VVKAJ
study, FNDDS 2015-2018 wording); each expected food was chosen by reading the FNDDS 2021-2023
list, not from the matcher's output.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analyzer import get_matcher
from analyzer.match._food_text import read_line
from analyzer.match._normalise import query_tokens


@pytest.mark.parametrize(("older", "newer"), [
    ("Cabbage, green, cooked, fat not added in cooking", "Cabbage, green, cooked, no added fat"),
    ("Kale, cooked, from fresh, made with oil", "Kale, fresh, cooked, fat added oil"),
    ("Mushrooms, cooked, from fresh, made with oil", "Mushrooms, fresh, cooked with oil"),
    ("Tuna, fresh, baked or broiled, fat added in cooking", "Tuna, fresh, baked or broiled, fat added"),
])
def test_a_facet_worded_by_two_releases_gives_the_same_words(older, newer):
    assert sorted(set(query_tokens(older))) == sorted(set(query_tokens(newer)))


@pytest.mark.parametrize(("eaten", "other"), [("peel eaten", "peel not eaten"), ("peel not eaten", "peel eaten")])
def test_the_peel_facet_is_one_word_opposite_the_other(eaten, other):
    ours, theirs = set(query_tokens(f"Potato, baked, {eaten}")), set(query_tokens(f"Potato, baked, {other}"))
    assert ours != theirs and not {"peel", "eaten"} & ours


@pytest.mark.parametrize("word", ["broth", "bouillon", "consomme"])
def test_a_broth_by_any_name_is_a_soup(word):
    # SR28 and FNDDS 2021-2023 file broths under soups ('Soup, broth'; 'Soup, beef broth, bouillon, consomme').
    assert {"broth", "soup"} <= set(query_tokens(f"Chicken {word}"))


@pytest.mark.parametrize("text", ["Fish, NS as to type, raw", "Pickles, NS as to vegetable",
                                  "Onions, cooked, NS as to form, NS as to fat added in cooking"])
def test_ns_as_to_reads_as_not_specified(text):
    # 'NS as to fat added in cooking' says the fat is unknown: no fat facet, no 'added' word.
    words = query_tokens(text)
    assert "nfs" in words
    assert not {"as", "to", "fatadded", "added", "form", "type", "vegetable"} & set(words)


@pytest.mark.parametrize(("text", "left_out", "kept"), [
    ("Beef shish kabob with vegetables, excluding potatoes", {"potato"}, {"beef", "vegetable"}),
    # (The vegetable subgroup 'excluding carrots, broccoli, and dark-green leafy' is dropped as a whole.)
    ("Chicken or turkey and vegetables excluding carrots, broccoli, and dark-green leafy; no potatoes, no sauce",
     {"potato", "sauce"}, {"chicken", "vegetable"}),
    # What the line names as the food stays the food: citrus is left out, not the fruit.
    ("Fruit salad, fresh or raw, excluding citrus fruits, no dressing", {"citrus", "dressing"}, {"fruit", "salad"}),
])
def test_excluding_reads_as_without(text, left_out, kept):
    line = read_line(text)
    assert left_out <= line.excluded
    assert not kept & line.excluded


def test_a_dish_with_its_sauce_keeps_the_dish_as_its_food():
    line = read_line("Enchilada with beans, green-chile or enchilada sauce")
    assert line.main == {"enchilada"}
    assert {"sauce", "bean"} <= line.added


def test_a_dishs_made_with_segment_is_read_as_how_it_was_made():
    line = read_line("Chicken or turkey salad, made with creamy dressing")
    assert {"creamy", "dressing"} <= line.later_added
    assert not {"chicken", "turkey", "salad"} & line.later_added
    # 'with' in the first segment names part of the food ('Rice with beans' keeps its beans).
    assert not read_line("Rice, white, with other vegetables").later_added


@pytest.fixture(scope="module")
def fndds(food_table) -> pd.DataFrame:
    foods = food_table.foods
    if "source" not in foods or not (foods["source"] == "fndds").any():
        pytest.skip("the food database was built without FoodData Central foods")
    return foods


# (ASA24 line, the FNDDS 2021-2023 food it names)
OLDER_WORDING = [
    ("Cabbage, green, cooked, made with oil", "Cabbage, green, cooked with oil"),
    ("Mushrooms, cooked, from frozen, made with oil", "Mushrooms, fresh, cooked with oil"),
    ("Carrots, cooked, from fresh, fat not added in cooking", "Carrots, fresh, cooked, no added fat"),
    ("Rice, white, cooked, fat added in cooking, made with oil", "Rice, white, cooked, made with oil"),
    ("Fish, NS as to type, raw", "Fish, raw"),
    ("Pickles, NS as to vegetable", "Pickles, NFS"),
    ("Soybean soup, miso broth", "Soup, miso or tofu"),
    ("Cabbage salad or coleslaw, made with coleslaw dressing", "Coleslaw"),
    ("Tea, iced, brewed, black, pre-sweetened with low calorie sweetener", "Tea, iced, bottled, black, diet"),
    # Restructured seafood is surimi (the study gave 95 kcal per 100 g; SR28 15109 has 99).
    ("Seafood restructured", "Fish, surimi"),
    # A hot dog and a wiener are frankfurters: not the dish "Frankfurters or hot dogs and sauerkraut".
    ("Frankfurter, wiener, or hot dog, NFS", "Hot dog, NFS"),
]


@pytest.mark.parametrize(("text", "kcal"), [
    # The study's FNDDS gave 717 kcal per 100 g ("Butter, stick, salted") and 499 ("Light
    # butter, stick, salted"); Foundation's "Butter, stick, salted" has no energy value.
    ("Butter, stick, salted", 717.0),
    ("Light butter, stick, salted", 499.0),
    # FNDDS 2015-2018 lists broth, bouillon and consomme as one food; the study gave 10.8 kcal
    # for 180 g (6 per 100 g), as SR28 06194 'Soup, chicken broth, ready-to-serve' (6 kcal).
    ("Chicken or turkey broth, bouillon, or consomme", 6.0),
    # The peel facet is one light token: it no longer makes a baked potato (FNDDS 93 kcal per
    # 100 g) of a roasted one; the study gave 663 kcal for 510 g (130 per 100 g; FNDDS roasted 126).
    ("Potato, roasted, from fresh, peel eaten, made with oil", 130.0),
])
def test_a_survey_line_gets_a_food_with_its_energy(fndds, food_table, text, kcal):
    found = get_matcher().match(text).food_id
    assert found is not None, text
    energy = food_table.foods.at[found, "energy_kcal"]
    assert abs(energy - kcal) <= 0.2 * kcal, (food_table.foods.at[found, "description"], energy)


@pytest.mark.parametrize("text", ["Strawberries, frozen, with sugar",
                                  "Tea, iced, brewed, black, pre-sweetened with sugar"])
def test_with_sugar_is_the_sweetened_food(fndds, text):
    found = get_matcher().match(text).description
    assert found is not None and "unsweetened" not in found, found
    assert found != "Strawberries, frozen", found


@pytest.mark.parametrize(("text", "expected"), OLDER_WORDING)
def test_an_older_survey_description_finds_the_newer_food(fndds, text, expected):
    assert get_matcher().match(text).description == expected


@pytest.mark.parametrize(("text", "head", "not_wanted"), [
    # Sugar is most of a sweetened tea's energy: the unsweetened tea is another food.
    ("Tea, iced, brewed, black, pre-sweetened with sugar", "Tea", "unsweetened"),
    # The dish first: an enchilada with beans is an enchilada, not its sauce.
    ("Enchilada with beans, green-chile or enchilada sauce", "Enchilada", "sauce"),
    # Oatmeal made with a non-dairy milk is oatmeal (SR28 'Cereals, oats, ... cooked'), not oat milk.
    ("Oatmeal, regular or quick, made with non-dairy milk, fat not added in cooking", "Oat", "milk"),
    # A dish's 'made with' segment says how it was made: a chicken salad (FNDDS 'Chicken or
    # turkey salad with egg', 228 kcal per 100 g; the study's own value 637 kcal / 339 g = 188),
    # not 'Potato salad, made with creamy dressing' (140 kcal), which only shares the dressing.
    ("Chicken or turkey salad, made with creamy dressing", "Chicken", "potato"),
])
def test_the_food_is_what_the_line_names_first(fndds, text, head, not_wanted):
    found = get_matcher().match(text).description
    assert found is not None, text
    first = next(part for part in found.split(", ") if part != "Cereals")
    assert first.lower().startswith(head.lower()), found
    assert not_wanted not in found.lower(), found


def test_a_change_of_survey_wording_renews_remembered_matches(tmp_path, monkeypatch):
    # Remembered matches are keyed by the matcher's files: without this file among them an
    # edited wording would keep serving the old matches.
    import shutil

    from analyzer.match import _match_cache

    for name in _match_cache.MATCHER_FILES:
        shutil.copy(_match_cache._package_file(name), tmp_path / name)
    monkeypatch.setattr(_match_cache, "HERE", tmp_path)
    version = _match_cache.matcher_version
    try:
        version.cache_clear()
        before = version("stamp")
        with (tmp_path / "survey_wording.csv").open("a", encoding="utf-8") as handle:
            handle.write("synonym,from fresh frozen,fresh,test row\n")
        version.cache_clear()
        assert version("stamp") != before
    finally:
        version.cache_clear()  # the next test computes it from the real files again


def test_a_list_of_foods_is_not_read_as_a_category():
    # 'Fish, tofu, and vegetables, tempura' (FNDDS, 177 kcal per 100 g) lists fish among the
    # foods of a dish; read as a kind of fish it was the tofu dish the study gave 89 kcal for.
    text = "Tofu and vegetables including carrots, broccoli, and/or dark-green leafy; no potatoes, with soy-based sauce"
    found = get_matcher().match(text).description
    assert found is None or "fish" not in found.lower(), found


@pytest.mark.parametrize("text", [
    "Vegetable combination, including carrots, broccoli, and/or dark-green leafy; cooked, with soy-based sauce",
    "Beef and vegetables excluding carrots, broccoli, and dark-green leafy; no potatoes, soy-based sauce",
])
def test_an_older_releases_vegetable_subgroup_is_no_food_of_the_line(text):
    # FNDDS 2015-2018 sorts mixed dishes by USDA's vegetable subgroups; FNDDS 2021-2023 names no
    # food so, and the listed vegetables would pull the dish towards plain broccoli or carrots.
    words = set(read_line(text).words)
    assert not {"carrot", "broccoli", "leafy", "dark"} & words
    assert {"vegetable", "soy", "sauce"} <= words


@pytest.mark.parametrize(("text", "expected"), [
    # WWEIA files FNDDS 2021-2023's stir fries and soy-based sauce dishes as one category.
    ("Beef and vegetables excluding carrots, broccoli, and dark-green leafy; no potatoes, soy-based sauce",
     "Stir fried beef and vegetables in soy sauce"),
    # A vegetable dish in soy sauce names no beef: not 'Stir fried beef and vegetables'.
    ("Veggie stir fry with soy sauce", "Asian stir fry vegetables, cooked, fat added"),
    # ... and a stir fry is no sauce: 'Soy based sauce, for use with vegetables' is what goes into it.
    ("vegetable stir fry", "Asian stir fry vegetables, cooked, fat added"),
])
def test_a_dish_in_soy_based_sauce_is_the_stir_fry(fndds, text, expected):
    assert get_matcher().match(text).description == expected


@pytest.mark.parametrize(("text", "fried"), [
    # FNDDS 2021-2023 files its battered and fried vegetables under WWEIA 'Fried vegetables'
    # ('Fried summer squash, yellow or green': 216 kcal per 100 g); a cooked squash the line does not
    # call fried is the plain one (the study gave 34 kcal per 100 g; SR28 boiled squash has 20).
    ("Squash, summer, yellow or green, cooked, NS as to form, NS as to fat added in cooking", False),
    ("Okra", False),
    # ... and a line saying fried, fries or tempura still gets the fried vegetable.
    ("Fried okra", True),
    ("Sweet potato fries", True),
    ("Vegetable tempura", True),
])
def test_a_fried_vegetable_only_when_the_line_says_fried(fndds, text, fried):
    found = get_matcher().match(text).food_id
    assert found is not None, text
    assert (fndds.at[found, "food_group"] == "Fried vegetables") == fried, fndds.at[found, "description"]


@pytest.mark.parametrize(("text", "words", "not_words"), [
    # USDA's order (food, kind): 'Beans, string' is string beans, the snap bean (was 'Beans, NFS',
    # the dry bean at 189 kcal per 100 g, for the ASA24 line; the study gave about 42).
    ("Beans, string, green, cooked, NS as to form, with mushroom sauce", {"green", "bean"}, {"yellow"}),
    ("Beans, string, yellow, cooked, from canned, fat not added in cooking", {"snap", "yellow"}, {"green"}),
    ("String beans", {"snap", "green"}, {"yellow"}),
])
def test_string_beans_are_snap_beans_in_either_order(fndds, text, words, not_words):
    found = get_matcher().match(text).description
    assert found is not None, text
    said = set(found.lower().replace(",", " ").split())
    assert {w.rstrip("s") for w in said} >= words and not not_words & said, found


def test_a_kind_first_pair_is_read_as_its_phrase_only_when_it_is_one():
    assert {"snap", "bean"} <= set(read_line("Beans, string, green").words)
    assert read_line("Cheese, cottage, lowfat").words[:2] == ("cheese", "cottage")
