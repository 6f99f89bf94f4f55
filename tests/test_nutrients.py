"""The nutrient table: the contract keys, labels and units."""

from __future__ import annotations

import pytest

from analyzer._nutrients import K2_FORMS, NUTRIENT_INFO, NUTRIENTS, REFERENCE_KEYS, label


def test_keys_follow_the_architecture_contract():
    assert NUTRIENTS == ("energy_kcal", "calcium_mg", "magnesium_mg", "phosphorus_mg", "sodium_mg",
                         "potassium_mg", "vitamin_d_ug", "vitamin_k1_ug", "vitamin_k2_ug")
    assert K2_FORMS == ("k2_mk4_ug", "k2_mk7_ug", "k2_other_ug")


@pytest.mark.parametrize(("key", "expected"), [
    ("calcium_mg", "Calcium (mg)"), ("vitamin_d_ug", "Vitamin D (µg)"), ("k2_mk7_ug", "Vitamin K2 (MK-7) (µg)"),
    ("energy_kcal", "Energy (kcal)"), ("iron_mg", "iron_mg"),
])
def test_label(key, expected):
    assert label(key) == expected


def test_units_match_key_suffixes_and_colours_are_hex():
    for key, info in NUTRIENT_INFO.items():
        suffix = key.rsplit("_", 1)[1]
        assert {"mg": "mg", "ug": "µg", "kcal": "kcal"}[suffix] == info.unit
        assert len(info.colour) == 7 and info.colour.startswith("#")


def test_reference_names_map_to_keys():
    assert REFERENCE_KEYS == {"calcium": "calcium_mg", "magnesium": "magnesium_mg", "phosphorus": "phosphorus_mg",
                              "sodium": "sodium_mg", "vitamin_d": "vitamin_d_ug", "vitamin_k": "vitamin_k1_ug"}
