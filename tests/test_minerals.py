"""The mineral table: every share agrees with its formula, and texts find their compound."""

from __future__ import annotations

import re

import pytest

from analyzer.resolve._minerals import mineral_of, minerals

# IUPAC 2021 conventional atomic weights, written here independently of the data file.
ATOMIC = {"H": 1.008, "C": 12.011, "N": 14.007, "O": 15.999, "Mg": 24.305, "P": 30.974, "S": 32.06,
          "Cl": 35.45, "Ca": 40.078}


def _molar_mass(formula: str) -> float:
    """Molar mass of a formula such as 'Ca3(C6H5O7)2.4H2O' (one level of brackets, '.nH2O' hydrates)."""
    total = 0.0
    for part in formula.split("."):
        multiplier, body = re.match(r"(\d*)(.*)", part).groups()
        body = re.sub(r"\(([^)]*)\)(\d*)", lambda m: m.group(1) * int(m.group(2) or 1), body)
        mass = sum(ATOMIC[el] * int(n or 1) for el, n in re.findall(r"([A-Z][a-z]?)(\d*)", body))
        total += mass * int(multiplier or 1)
    return total


def test_hand_worked_examples():
    # CaCO3: 40.078 / (40.078 + 12.011 + 3 x 15.999) = 40.078 / 100.086 = 400.4 mg Ca per g
    assert mineral_of("Calcium carbonate powder").per_gram["calcium_mg"] == pytest.approx(400.4, abs=0.1)
    # MgSO4.7H2O: 24.305 / (24.305 + 32.06 + 4 x 15.999 + 7 x 18.015) = 24.305 / 246.466 = 98.6 mg Mg per g
    assert mineral_of("Epsom salt").per_gram["magnesium_mg"] == pytest.approx(98.6, abs=0.1)


@pytest.mark.parametrize("mineral", [m for m in minerals() if m.formula], ids=lambda m: m.key)
def test_every_formula_row_agrees_with_its_formula(mineral):
    mass = _molar_mass(mineral.formula)
    atoms = dict(re.findall(r"(Ca|Mg)(\d*)", mineral.formula.split(".")[0]))
    for element, key in (("Ca", "calcium_mg"), ("Mg", "magnesium_mg")):
        if element in atoms:
            expected = int(atoms[element] or 1) * ATOMIC[element] / mass * 1000
            assert mineral.per_gram[key] == pytest.approx(expected, abs=0.1), key
        else:
            assert key not in mineral.per_gram
    # The source shows the arithmetic, so a reader can check the row without running anything.
    assert mineral.formula in mineral.source and f"{mass:.3f} g/mol" in mineral.source


@pytest.mark.parametrize(("text", "key"), [
    ("Egg shell, dried, ground", "eggshell"), ("Eggshell powder", "eggshell"),
    ("Magnesium citrate powder", "magnesium_citrate"), ("Magnesium Bisglycinate", "magnesium_glycinate"),
    ("Magnesium flakes", "magnesium_chloride"), ("Epsom Salt", "magnesium_sulfate"),
    ("Dolomite powder", "dolomite"), ("Bone meal", "bone_meal"), ("Calcium citrate", "calcium_citrate"),
    ("Egg, whole, dried", None), ("Cheddar cheese", None),
    # a compound named as an ingredient of a food is not the compound taken on its own
    ("Tofu, raw, firm, prepared with calcium sulfate and magnesium chloride (nigari)", None),
    ("Orange juice with added calcium carbonate", None), ("Cereal enriched with calcium carbonate", None),
    ("Eggshell membrane", None),
])
def test_texts_find_their_compound(text, key):
    found = mineral_of(text)
    assert (found.key if found else None) == key


def test_the_eggshell_row_names_the_paper_and_what_it_measured():
    eggshell = mineral_of("Eggshell powder")
    assert eggshell.per_gram["calcium_mg"] == 401  # Schaafsma et al. 2000: 401 +- 7.2 mg Ca per g of powder
    assert "Schaafsma" in eggshell.source and "Poultry Science 79(12)" in eggshell.source
    assert "eggshell powder" in eggshell.source and "magnesium_mg" not in eggshell.per_gram
