"""An SR28 food that weighs no item of a size takes that size from the SR28 food of which it is one kind.

SR28 weighs 'Grapefruit, raw, pink and red and white, all areas' (#09111) by its sizes, and the pink
(#09112) and white (#09116) grapefruit only by a fruit of 3-3/4". Cronometer writes '1.00 large -
4 1/2" diameter'. The gram figures are SR28's own (WEIGHT.txt, NDB numbers given); the expected grams
are worked out by hand in the comments.
"""

from __future__ import annotations

import pandas as pd
import pytest
from test_volume_borrowing import sr28_tables

from analyzer.amounts._amounts import parse_amount
from analyzer.amounts._grams import resolve_grams
from food_db._size_borrowing import borrow_sizes

# (food_id, description, [(amount, measure, grams)]) as in SR28's WEIGHT.txt.
FOODS = [
    (9111, "Grapefruit, raw, pink and red and white, all areas",
     [(1.0, "cup sections, with juice", 230.0), (0.5, 'large (approx 4-1/2" dia)', 166.0),
      (0.5, 'medium (approx 4" dia)', 128.0), (0.5, 'small (approx 3-1/2" dia)', 100.0)]),
    (9112, "Grapefruit, raw, pink and red, all areas",
     [(1.0, "cup sections, with juice", 230.0), (0.5, 'fruit (3-3/4" dia)', 123.0), (1.0, "NLEA serving", 154.0)]),
    (9116, "Grapefruit, raw, white, all areas",
     [(1.0, "cup sections, with juice", 230.0), (0.5, 'fruit (3-3/4" dia)', 118.0)]),
    (11354, "Potatoes, white, flesh and skin, raw", [(1.0, 'large (3" to 4-1/4" dia.)', 369.0)]),
    (11353, "Potatoes, raw, skin", [(1.0, "skin from 1 medium potato", 38.0)]),
    (11508, "Sweet potato, cooked, baked in skin, flesh, without salt", [(1.0, "large", 180.0)]),
    (11674, "Potatoes, baked, flesh and skin, without salt", [(1.0, 'potato large (3" to 4-1/4" dia)', 299.0)]),
]


def _tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    return sr28_tables(FOODS)


def _measures_of(food_id: int) -> pd.DataFrame:
    foods, measures, labels = _tables()
    return pd.concat([measures, borrow_sizes(foods, measures, labels)], ignore_index=True).query("food_id == @food_id")


@pytest.mark.parametrize(("food_id", "text", "grams"), [
    (9112, '1.00 large - 4 1/2" diameter', 332.0),    # 2 x 166 g, the 4-1/2" grapefruit; not 2 x 123 = 246 g
    (9112, '1.36 large - 4 1/2" diameter', 451.52),   # 1.36 x 332 g
    (9116, '1.00 large - 4 1/2" diameter', 332.0),    # the white one too (its own fruit: 2 x 118 = 236 g)
    (9116, "1 medium", 256.0),                        # 2 x 128 g, the 4" grapefruit
    (9112, "1 cup sections", 230.0),                  # its own measures still come first
])
def test_a_grapefruit_of_one_colour_takes_the_sizes_of_the_grapefruit_of_all_colours(food_id, text, grams):
    result = resolve_grams(parse_amount(text), _measures_of(food_id), {i: d for i, d, _ in FOODS}[food_id])
    assert result.grams == pytest.approx(grams)


def test_the_lent_size_says_where_it_came_from():
    borrowed = _measures_of(9112)
    lent = borrowed[borrowed["description"].str.startswith("large")]
    assert lent["estimated_from"].str.contains("USDA SR28 #09111").all()


@pytest.mark.parametrize("food_id", [
    11353,   # potato skin: the white potato adds 'white' and 'flesh', another part; a large potato is no skin
    11674,   # baked potato: has its own large one
    9111,    # the grapefruit of all colours: no food names more of it
])
def test_another_part_or_a_food_with_the_size_borrows_none(food_id):
    foods, measures, labels = _tables()
    assert food_id not in set(borrow_sizes(foods, measures, labels)["food_id"])
