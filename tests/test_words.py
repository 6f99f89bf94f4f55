"""One plural rule for food names, FNDDS/SR28 names and unit words (``food_db.singular``)."""

from __future__ import annotations

import pytest

from analyzer.amounts._units import lookup_unit
from analyzer.match._normalise import singularise
from food_db import singular
from food_db._measure_estimates import kind_of


@pytest.mark.parametrize(("word", "expected"), [
    ("berries", "berry"),
    ("tomatoes", "tomato"),
    ("leaves", "leaf"),
    ("cookies", "cookie"),
    ("cookie", "cookie"),
    ("hummus", "hummus"),
    ("swiss", "swiss"),
    ("kiwis", "kiwi"),
    ("slices", "slice"),
    ("boxes", "box"),
    ("peaches", "peach"),
    ("quiches", "quiche"),
    ("eggs", "egg"),
    ("2%", "2%"),
])
def test_words_a_user_types_fold_to_their_singular(word, expected):
    assert singular(word) == expected
    # The matcher folds the same way (it may add irregular plurals, never change the rule).
    assert singularise(word) == expected


def test_short_words_stay_unless_the_caller_allows_abbreviations():
    assert singular("gas") == "gas"
    assert singular("ozs") == "ozs"
    assert singular("ozs", shortest=3) == "oz"


def test_a_caller_can_pass_its_own_irregular_plurals():
    assert singular("mice", {"mice": "mouse"}) == "mouse"
    assert singular("cookies", {}) == "cooky"  # without the table the -ies ending rule applies


@pytest.mark.parametrize(("written", "canonical"), [
    ("slices", "slice"),
    ("Slices", "slice"),
    ("pieces", "piece"),
    ("leaves", "leaf"),
    ("fl ozs", "fl oz"),
    ("ozs", "oz"),
    ("Stücks", "piece"),
    ("Tasses", "cup"),
])
def test_unit_words_in_the_plural_find_their_unit(written, canonical):
    unit = lookup_unit(written)
    assert unit is not None and unit.canonical == canonical


@pytest.mark.parametrize("written", ["tubes", "stripes", "canes", "cupes"])
def test_words_that_are_not_plurals_of_a_unit_find_none(written):
    # 'tubes' is not 'tub' and 'stripes' is not 'strip': the old ending list stripped "es" blindly.
    assert lookup_unit(written) is None



def test_cookie_and_cookies_meet_in_the_build():
    # FNDDS "Cookie, ..." borrows measures from SR28 "Cookies, ..." only if both fold to one word.
    assert kind_of("Cookie, oatmeal") == kind_of("Cookies, oatmeal, commercially prepared, regular") == ("", "cookie")
