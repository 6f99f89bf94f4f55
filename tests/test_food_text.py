"""Tests for analyzer.match._food_text: a diary line read into brand, food, head noun and noise."""

from __future__ import annotations

import pytest

from analyzer.match._food_text import exact_key, head_noun, read_line, split_examples

# Words a small food table would know: what decides whether a first segment is a brand.
KNOWN = {"oat", "milk", "chicken", "cutlet", "boneless", "cocoa", "orange", "bar", "cheese",
         "cheddar", "egg", "cooked", "protein", "shake", "chocolate", "salmon", "atlantic",
         "farmed", "lasagna", "lentil", "bread", "butter", "tea", "hot", "chai", "with",
         "eggplant", "parmesan", "instant", "oatmeal", "flavored", "soup", "vegetable",
         "sandwich", "no", "mayonnaise", "granola", "tomato", "raw", "cherry", "grape", "plum",
         "dried", "sugar", "pasta", "mixed", "corn", "pea", "green", "bean", "carrot", "fish", "duck",
         "goose", "fat", "rice", "grilled", "soybean", "oil", "roasted", "fast", "food"}


def read(text: str):
    return read_line(text, is_known=KNOWN.__contains__, is_brand={"quaker"}.__contains__)


def heads(text: str) -> list[str]:
    line = read(text)
    return [line.words[i] for i in line.heads]


def brand_words(text: str) -> list[str]:
    line = read(text)
    return [w for w, r in zip(line.words, line.roles, strict=True) if r == "brand"]


@pytest.mark.parametrize(("text", "brand"), [
    ("Oatly, Oat Milk", ["oatly"]),
    ("Publix, Boneless Chicken Cutlets", ["publix"]),
    ("Nakd, Cocoa and Orange Bar", ["nakd"]),
    ("Premier Protein, Protein Shake, Chocolate", ["premier", "protein"]),
    ("Kirkland - Almond Butter", ["kirkland"]),
    # Generic lines start with the food: no brand.
    ("Cheddar Cheese, Natural", []),
    ("Eggs, Cooked", []),
    ("Salmon - Atlantic, farmed", []),
    # A brand word inside the product's own name is not a brand segment.
    ("Quaker Instant Oatmeal, Flavored", []),
    # The rest only qualifies the first part: 'no mayo' is no product name.
    ("Veggie Delite Sandwich, no mayo", []),
])
def test_brand_first_lines_are_told_from_generic_lines(text, brand):
    assert brand_words(text) == brand


@pytest.mark.parametrize(("text", "expected"), [
    ("chocolate milk", ["milk"]),
    ("milk chocolate", ["chocolate"]),
    ("Eggplant Parm", ["parmesan"]),
    ("Lentil Lasagne", ["lasagna"]),
    ("Oatly, Oat Milk", ["milk"]),
    ("Publix, Boneless Chicken Cutlets", ["chicken"]),  # a cut is not the food
    ("Nakd, Cocoa and Orange Bar", ["bar"]),
    ("Bread and butter", ["bread", "butter"]),
    ("Tea, hot, chai, with milk", ["tea"]),
    ("Tomato raw (includes cherry, grape, roma)", ["tomato"]),
    ("Vegetable soup with no salt", ["soup"]),
])
def test_head_noun_is_what_the_line_names(text, expected):
    assert heads(text) == expected


def test_word_order_pair_and_excluded_food():
    assert read("chocolate milk").order == (("chocolate", "milk"),)
    assert read("Bread and butter").order == ()
    assert "mayonnaise" in read("Veggie Delite Sandwich, no mayo").excluded


@pytest.mark.parametrize(("text", "words"), [
    ("Lentil soup v2", ["lentil", "soup"]),
    ("Granola bar prototype #3", ["granola", "bar"]),
    ("Mum's lasagne (12/03)", ["lasagna"]),
    ("My smoothie 2024-03-12", ["my", "smoothie"]),
    ("Sunday batch v3", []),
    ("Soup, 130 Cal", ["soup"]),
    ("Chili, June version 4", ["chili"]),
])
def test_dates_versions_and_recipe_words_are_dropped(text, words):
    assert list(read(text).words) == words


def test_lean_fat_share_is_no_date():
    assert "80%" in read("Ground beef, 80/20").words


@pytest.mark.parametrize(("text", "described"), [
    # USDA's order, food first: the later segments say which pasta, which vegetables.
    ("Pasta, egg, raw (Tesco Egg Tagliatelle)", {"egg"}),
    ("Mixed vegetables, corn, peas, green beans and carrots", {"corn", "pea", "snap", "green", "bean", "carrot"}),
    ("Milk, chocolate, no sugar", {"chocolate"}),
    # A category first names no food; nor do alternatives of the first segment.
    ("Fish, salmon, raw", set()),
    ("Duck, goose or wild fowl fat", set()),
    # What the food is made or served with, or where it is from, is no kind of it.
    ("Chicken, grilled, with rice", set()),
    ("Chicken, fried, from fast food", set()),
])
def test_later_segments_say_which_kind_of_the_head(text, described):
    assert read(text).described == described


def test_what_a_food_was_cooked_in_is_added_not_its_kind():
    line = read("Soybeans, oil roasted, unsalted")
    assert "oil" in line.added and "oil" not in line.described and "oil" not in line.named


@pytest.mark.parametrize(("text", "carrier"), [
    ("Sausage and cheese on English muffin", "muffin"),
    ("Egg on toast", "toast"),
])
def test_what_a_food_is_served_on_is_added_not_the_food(text, carrier):
    assert carrier in read(text).added


def test_the_segments_after_a_labels_product_name_its_flavour():
    line = read("Kirkland, Protein Bar, Chocolate Chip Cookie Dough")
    assert {"cookie", "dough"} <= line.flavour and "bar" not in line.flavour
    assert read("Cheese, cheddar").flavour == frozenset()  # no brand: USDA order, not a label
    # A one-word product may be the first item of a list cut by commas.
    assert read("Naked, Fruit, Nut & Veggie Bar").flavour == frozenset()


def test_a_detail_not_specified_is_a_qualifier_but_nfs_names_the_food():
    unknown = dict(zip(read("Beans, string, green, cooked, NS as to form").words,
                       read("Beans, string, green, cooked, NS as to form").roles, strict=True))
    assert unknown["nfs"] == "qualifier"
    said = dict(zip(read("Cereal, oat, NFS").words, read("Cereal, oat, NFS").roles, strict=True))
    assert said["nfs"] == "food"


def test_on_without_a_carrier_is_not_an_addition():
    # 'fruit on the bottom' says where the fruit sits in the yogurt.
    assert "bottom" not in read("Yogurt, fruit on the bottom").added


def test_parentheses_and_no_count_as_qualifiers():
    line = read("Plums, dried (prunes), no sugar")
    roles = dict(zip(line.words, line.roles, strict=True))
    assert roles["plum"] == "food"
    assert roles["prune"] == "qualifier"
    assert roles["sugar"] == "qualifier"


@pytest.mark.parametrize(("first", "second", "same"), [
    ("Soybean curd", "soybean curds", True),
    ("Milk, chocolate", "Milk,  Chocolate", True),
    ("Milk, chocolate", "milk chocolate", False),
    ("Chocolate milk", "Milk chocolate", False),
])
def test_exact_key_keeps_segments_and_their_order(first, second, same):
    assert (exact_key(first) == exact_key(second)) is same


@pytest.mark.parametrize(("segment", "head"), [
    (["lasagna", "with", "meat"], "lasagna"),
    (["milk", "chocolate"], "chocolate"),
    (["chicken"], "chicken"),
    (["raw"], None),
])
def test_head_noun_of_a_description(segment, head):
    assert head_noun(segment) == head


@pytest.mark.parametrize(("text", "named", "examples"), [
    ("Pickles, cucumber, sweet (includes bread and butter pickles)", "Pickles, cucumber, sweet",
     "(includes bread and butter pickles)"),
    ("Tomato Raw, Includes Cherry, Grape, Roma", "Tomato Raw", ", Includes Cherry, Grape, Roma"),
    ("Bread, french or vienna", "Bread, french or vienna", ""),
])
def test_a_list_of_examples_is_set_apart_from_the_name(text, named, examples):
    rest, found = split_examples(text)
    assert (rest.strip(), found) == (named, examples)


@pytest.mark.parametrize(("text", "foods"), [("bread and butter", 2), ("garlic bread", 1), ("cheddar cheese", 1)])
def test_a_head_names_one_food_unless_it_is_x_and_y(text, foods):
    assert read(text).foods == foods


def test_a_first_segment_of_filler_words_is_a_brand():
    line = read("Eat Natural, Fruit & Nut Bar, Dark Chocolate")
    assert [w for w, r in zip(line.words, line.roles, strict=True) if r == "brand"] == ["eat", "natural"]
    assert line.words[line.heads[0]] == "bar"


def test_a_segment_after_the_brand_naming_no_food_is_its_product_line():
    def brand_words(text):
        line = read_line(text, is_known=(KNOWN | {"fruit", "nut", "cereal", "chip"}).__contains__,
                         is_brand={"aldi"}.__contains__,
                         is_food={"cereal", "bar", "chocolate"}.__contains__)
        return [w for w, r in zip(line.words, line.roles, strict=True) if r == "brand"]

    assert brand_words("Aldi, Harvest Morn, Fruit & Nut Cereal") == ["aldi", "harvest", "morn"]
    # One word after it is the flavour of a product named by the segment: no product line then.
    assert brand_words("Aldi, Tiny Teddy, Chocolate") == ["aldi"]
    assert brand_words("Aldi, Protein Bar, Chocolate Chip") == ["aldi"]


def test_a_first_segment_ending_in_a_makers_word_is_a_brand():
    line = read_line("New York Bakery Co., Bagels, Original",
                     is_known=(KNOWN | {"york", "bakery", "co", "bagel"}).__contains__)
    assert [w for w, r in zip(line.words, line.roles, strict=True) if r == "brand"][-1] == "co"
    assert line.words[line.heads[0]] == "bagel"
