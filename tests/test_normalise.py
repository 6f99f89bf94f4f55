"""Tests for analyzer.match._normalise: the words a food text is compared by."""

from __future__ import annotations

import csv

import pytest

from analyzer.match._match import PREFERENCES_FILE
from analyzer.match._normalise import (
    REGIONAL_FILE,
    SYNONYMS_FILE,
    lexicon,
    normalise_key,
    query_phrases,
    query_tokens,
    singularise,
    tokenise,
)


@pytest.mark.parametrize(("word", "expected"), [
    ("berries", "berry"),
    ("tomatoes", "tomato"),
    ("potatoes", "potato"),
    ("leaves", "leaf"),
    ("halves", "half"),
    ("olives", "olive"),
    ("peaches", "peach"),
    ("radishes", "radish"),
    ("cheeses", "cheese"),
    ("cookies", "cookie"),
    ("brownies", "brownie"),
    ("eggs", "egg"),
    ("oats", "oat"),
    ("hummus", "hummus"),
    ("asparagus", "asparagus"),
    ("swiss", "swiss"),
    ("2%", "2%"),
    ("peas", "pea"),
])
def test_singularise(word, expected):
    assert singularise(word) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Yoghurt w/ honey & oats", ["yogurt", "with", "honey", "and", "oat"]),
    ("Chicken breast w/o skin", ["chicken", "breast", "without", "skin"]),
    ("Lg eggs", ["large", "egg"]),
    ("Sm apple", ["small", "apple"]),
    ("Med banana", ["medium", "banana"]),
    ("Milk, 2 %", ["milk", "2%"]),
    ("Café au lait", ["cafe", "au", "lait"]),
    ("Gruyère", ["gruyere"]),
    ("McDonald's Big Mac", ["mcdonald", "big", "mac"]),
    ("Strawberry flavour", ["strawberry", "flavor"]),
    ("BROCCOLI,CKD,BLD,DRND", ["broccoli", "cooked", "boiled", "drained"]),
    ("OJ", ["orange", "juice"]),
    ("Ground beef 80/20", ["ground", "beef", "80%", "lean", "20%", "fat"]),
    ("1/2 cup", ["1", "2", "cup"]),
    ("", []),
    ("!!!", []),
])
def test_tokenise(text, expected):
    assert tokenise(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Courgettes", ["zucchini", "summer", "squash"]),
    ("Aubergine", ["eggplant"]),
    ("Rocket", ["arugula"]),
    ("Prawns", ["shrimp"]),
    ("Beef mince", ["beef", "ground"]),
    ("Crisps", ["potato", "chip"]),
    ("Apple crisp", ["apple", "crisp"]),
    ("Porridge oats", ["oat"]),
    ("Semi-skimmed milk", ["reduced", "fat", "2%", "milk"]),
    ("Skimmed milk", ["nonfat", "skim", "milk"]),
    ("Fat-free milk", ["nonfat", "milk"]),
    ("Yogurt, low fat", ["yogurt", "lowfat"]),
    ("Butter, unsalted", ["butter", "unsalted", "without", "salt"]),
    ("Fresh coriander", ["cilantro", "coriander", "leaf"]),
])
def test_query_tokens_replace_synonyms(text, expected):
    assert query_tokens(text) == expected


@pytest.mark.parametrize(("texts", "expected"), [
    (["Cheese, Cheddar", "cheddar cheese", "Cheddar Cheeses", "CHEDDAR  CHEESE!"], "cheddar cheese"),
    (["Lemon Juice, Fresh", "fresh lemon juice"], "fresh lemon juice"),
    (["Yoghurt, plain", "plain yogurt"], "plain yogurt"),
    (["Kirkland - Almond Butter", "kirkland almond butter"], "kirkland almond butter"),
    (["Tomatoes", "tomato"], "tomato"),
    (["", "  ", "--"], ""),
])
def test_normalise_key_is_shared_by_spellings_of_one_text(texts, expected):
    assert {normalise_key(text) for text in texts} == {expected}


@pytest.mark.parametrize(("first", "second"), [
    ("milk chocolate", "chocolate milk"),
    ("2% milk", "1% milk"),
    ("apple crisp", "crisps"),
])
def test_normalise_key_keeps_different_foods_apart(first, second):
    assert normalise_key(first) != normalise_key(second)


def test_lexicon_rows_have_sources_and_known_kinds():
    lex = lexicon()
    assert lex.filler["fresh"] < 0.5
    assert lex.states["boiled"] == "cooked"
    assert lex.fats["2%"] == lex.fats["reduced"]
    assert "kirkland" in lex.brands
    assert ("zucchini", "summer", "squash") in lex.synonyms.values()
    # 'fortified' asks for the entries with a nutrient added, as naming the nutrient does.
    assert {"calcium", "fortified", "enriched"} <= lex.fortified_words


@pytest.mark.parametrize(("path", "kinds"), [
    (SYNONYMS_FILE, {"spelling", "abbreviation", "plural", "synonym", "filler", "brand", "state",
                     "fat", "category", "substitute", "generic", "implied", "not_food", "part",
                     "noise", "dish", "fortificant", "fortified", "form", "implied_unless", "carrier", "maker"}),
    (PREFERENCES_FILE, {"prefer", "avoid_group", "avoid_brand", "avoid_ids", "group"}),
])
def test_data_files_rows_have_a_known_kind_and_a_source(path, kinds):
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if not row["kind"].startswith("#")]
    assert rows
    assert {row["kind"] for row in rows} <= kinds
    assert all(row["source"].strip() for row in rows)
    keys = [(row["kind"], list(row.values())[1]) for row in rows]
    assert len(set(keys)) == len(keys), "a term is listed twice"


def test_regional_names_have_a_language_and_a_source_and_are_listed_once():
    with REGIONAL_FILE.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if not row["term"].startswith("#")]
    assert len(rows) >= 50
    assert all(row["value"].strip() and row["language"].strip() and row["source"].strip() for row in rows)
    terms = [row["term"] for row in rows]
    assert len(set(terms)) == len(terms)


@pytest.mark.parametrize(("text", "tokens"), [
    ("milk™", ["milk"]),  # NFKD would make the mark a word: milktm
    ("Courgette", ["zucchini", "summer", "squash"]),
    ("Houmous", ["hummus"]),
    ("Parmigiano Reggiano", ["parmesan"]),
    ("halfvolle melk", ["reduced", "fat", "2%", "milk"]),
    ("Soybean curd", ["tofu"]),
    ("Soya drink", ["soy", "milk"]),
    ("Soymilk", ["soy", "milk"]),
])
def test_shop_and_foreign_names_become_usda_words(text, tokens):
    assert query_tokens(text) == tokens


def test_query_phrases_keep_a_synonym_together():
    assert query_phrases("chocolate chickpeas") == [["chocolate"], ["chickpea", "garbanzo"]]


def test_survey_abbreviations_are_no_brand_words():
    from analyzer.match._match import _upper_words

    labels = lexicon().labels
    assert "nfs" in labels
    assert _upper_words("Enchilada, NFS", labels) == set()
    assert "kraft" in _upper_words("KRAFT CHEEZ WHIZ Pasteurized Process Cheese Sauce", labels)
