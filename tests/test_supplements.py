"""Supplement detection and label parsing, as a table of real-looking entries."""

from __future__ import annotations

import pytest

from analyzer.resolve._supplements import is_supplement_text, parse_count, parse_supplement

PARSE_CASES = [
    ("Vitamin D3 1000 IU", "", {"vitamin_d_ug": 25.0}),
    ("Vitamin D3 1,000 IU", "", {"vitamin_d_ug": 25.0}),
    ("Vitamin D3 25 mcg (1000 IU)", "", {"vitamin_d_ug": 25.0}),
    ("Vitamin D 5000 IU softgel", "2 softgels", {"vitamin_d_ug": 250.0}),
    ("Magnesium glycinate 200 mg", "", {"magnesium_mg": 200.0}),
    ("Magnesium glycinate 200 mg", "2 capsules", {"magnesium_mg": 400.0}),
    ("Magnesium 400 mg (as magnesium oxide)", "½ tablet", {"magnesium_mg": 200.0}),
    ("K2 MK-7 100 mcg", "", {"vitamin_k2_ug": 100.0, "k2_mk7_ug": 100.0}),
    ("Vitamin K2 (MK-4) 1.5 mg", "", {"vitamin_k2_ug": 1500.0, "k2_mk4_ug": 1500.0}),
    ("Calcium carbonate 500 mg", "", {"calcium_mg": 500.0}),
    ("Calcium carbonate 1250 mg (500 mg elemental calcium)", "", {"calcium_mg": 500.0}),
    ("D3 + K2 (2000 IU / 75 mcg)", "", {"vitamin_d_ug": 50.0, "vitamin_k2_ug": 75.0}),
    ("D3 + K2 MK-7 (2000 IU / 75 mcg)", "1 capsule", {"vitamin_d_ug": 50.0, "vitamin_k2_ug": 75.0,
                                                      "k2_mk7_ug": 75.0}),
    ("Calcium 600 mg + Vitamin D3 400 IU", "2 tablets", {"calcium_mg": 1200.0, "vitamin_d_ug": 20.0}),
    ("Vitamin K 100 mcg", "", {"vitamin_k1_ug": 100.0}),
    ("Potassium citrate 99 mg", "", {"potassium_mg": 99.0}),
    ("Vitamin D3", "1000 IU", {"vitamin_d_ug": 25.0}),
    ("Vitamin D3", "50 mcg", {"vitamin_d_ug": 50.0}),
    ("Multivitamin", "1 tablet", {}),
    ("Magnesium citrate 0.2 g", "", {"magnesium_mg": 200.0}),
    ("Fish oil 1000 mg", "", {}),
    ("Vitamin D3 1000 I.U.", "", {"vitamin_d_ug": 25.0}),
    ("Vitamina D3 2000 UI", "", {"vitamin_d_ug": 50.0}),       # Spanish / French labels
    ("Vitamin D3 1000 I.E.", "2 Kapseln", {"vitamin_d_ug": 50.0}),  # German label and count word
    ("Vitamin D3", "3.00 x 1000.0 IU", {"vitamin_d_ug": 75.0}),
    ("Vitamin K2 MK7 (as menaquinone-7)", "0.60 mg", {"vitamin_k2_ug": 600.0, "k2_mk7_ug": 600.0}),
]


@pytest.mark.parametrize(("text", "amount", "expected"), PARSE_CASES)
def test_parse_supplement(text, amount, expected):
    result = parse_supplement(text, amount)
    assert result.keys() == expected.keys()
    for key, value in expected.items():
        assert result[key] == pytest.approx(value), key


DETECT_CASES = [
    ("Vitamin D3 1000 IU", True),
    ("Magnesium glycinate 200 mg", True),
    ("K2 MK-7 100 mcg", True),
    ("Calcium carbonate 500 mg", True),
    ("D3 + K2 (2000 IU / 75 mcg)", True),
    ("Multivitamin", True),
    ("Magnesium glycinate", True),
    ("Vitamin D3", True),
    ("Omega-3 supplement", True),
    ("Milk, calcium fortified", False),
    ("Milk, vitamin D3 fortified", False),
    ("Cereal enriched with calcium carbonate", False),
    ("Orange juice with added calcium and vitamin D", False),
    ("Cheese, cheddar", False),
    ("Almonds, 30 g", False),
    ("Spinach, raw, 100 g", False),
    ("", False),
]


@pytest.mark.parametrize(("text", "expected"), DETECT_CASES)
def test_is_supplement_text(text, expected):
    assert is_supplement_text(text) is expected


@pytest.mark.parametrize(("amount", "count"), [
    ("", 1.0), ("2", 2.0), ("2 capsules", 2.0), ("1.5 tablets", 1.5), ("1/2 tablet", 0.5), ("½", 0.5),
    ("3 x", 3.0), ("1 cup", 1.0), ("100 g", 1.0),
])
def test_parse_count(amount, count):
    assert parse_count(amount) == count
