"""A measure whose amount is the item's length, not a count.

USDA SR28 WEIGHT.txt writes submarine sandwiches as Amount 6, Msre_Desc "inch sub", 184 g (and 12,
"inch sub", 367 g) for NDB 21155 Fast foods, submarine sandwich, turkey breast on white bread with
lettuce and tomato: one 6-inch sub weighs 184 g. Read as a count, "2 each" came to 2 / 6 x 184 = 61 g.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analyzer.amounts._amounts import parse_amount
from analyzer.amounts._grams import resolve_grams

SUB = pd.DataFrame([(1, 6.0, "inch sub", 184.0), (2, 12.0, "inch sub", 367.0)],
                   columns=["seq", "amount", "description", "grams"])
NAME = "Fast foods, submarine sandwich, turkey breast on white bread with lettuce and tomato"


@pytest.mark.parametrize(("amount", "grams"), [
    ('2.00 each - 6" sub', 2 * 184.0),    # Cronometer's Subway portion: two 6-inch subs, 368 g
    ('1.00 each - 12" sub', 367.0),       # a footlong is the 12-inch measure
    ("1 each", 184.0),                    # no size said: the first measure, one 6-inch sub
])
def test_a_sub_is_weighed_by_its_length(amount, grams):
    result = resolve_grams(parse_amount(amount), SUB, NAME)
    assert result.grams == pytest.approx(grams)
    assert "inch sub" in result.detail  # the measure the grams came from is named


def test_the_subway_line_of_a_cronometer_diary_weighs_two_subs(food_table):
    from analyzer import import_diary

    data = (b'Day,Time,Group,Food Name,Amount,Category\n2026-03-11,8:00 AM,"Breakfast",'
            b'"Subway, Turkey Breast Sandwich with Veggies, No Mayo","2.00 each - 6"" sub","Fast Foods"\n')
    row = import_diary(data, "cronometer.csv", table=food_table).entries.iloc[0]
    # Whatever turkey sub it matched, its 6-inch measure is one sub: two of them are 2 x that, never a third.
    assert row["status"] == "used" and row["grams"] >= 2 * 150.0, row["grams_detail"]
