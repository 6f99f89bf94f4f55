"""Recognise supplement entries and read the amounts on their labels.

``is_supplement_text('Vitamin D3 1000 IU')`` is True; ``parse_supplement('D3 + K2
(2000 IU / 75 mcg)')`` gives ``{'vitamin_d_ug': 50.0, 'vitamin_k2_ug': 75.0}``.
The nutrient words, menaquinone forms and supplement markers are regular
expressions in ``supplement_patterns.csv``.  Amounts are taken as labelled
(elemental where the label says ``elemental``); IU are converted for vitamin D
only (40 IU = 1 µg).  A count in the amount (``2 capsules``) multiplies them; a
dose in the amount, as Cronometer writes it (``3.00 x 1000.0 IU``, ``1.00 1000mcg
tablet``, ``0.60 mg``), is read as count x the dose of one unit.  Which lines are
supplements, and how each ends, is ``_supplement_lines``' job.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import cast

from .._nutrients import IU_PER_UG_VITAMIN_D, NUTRIENT_INFO

__all__ = ["amount_dose", "is_supplement_text", "mentioned_nutrients", "parse_count", "parse_supplement", "patterns",
           "vitamin_k_form"]


def _load_patterns() -> dict[str, list[tuple[str, re.Pattern]]]:
    """Patterns by kind (``nutrient``, ``form``, ``marker``, ``food_marker``, ``multi``, ``unit``,
    ``dose_unit``, ``category``, ``food_product``, ``medicine``, ``untracked``); each ``(key, regex)``."""
    kinds: dict[str, list[tuple[str, re.Pattern]]] = {}
    with open(Path(__file__).parents[1].joinpath("supplement_patterns.csv"), newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            kinds.setdefault(row["kind"], []).append((row["key"], re.compile(row["pattern"], re.IGNORECASE)))
    return kinds


_PATTERNS = _load_patterns()
_NUTRIENT_PATTERNS, _FORM_PATTERNS = _PATTERNS["nutrient"], _PATTERNS["form"]
_MARKERS = [pattern for _, pattern in _PATTERNS["marker"]]
_FOOD_MARKERS = [pattern for _, pattern in _PATTERNS["food_marker"]]


def patterns(kind: str) -> list[tuple[str, re.Pattern]]:
    """Return the ``(key, regex)`` rows of one kind of ``supplement_patterns.csv`` (empty if none)."""
    return _PATTERNS.get(kind, [])


_NUMBER = r"\d+(?:[.,]\d+)*"
# International units as labels write them: IU, I.U., UI (French, Spanish), I.E. (German).
_UNIT = r"(iu|i\.u\.|ui|u\.i\.|i\.e\.|ie|mcg|µg|μg|ug|mg|g)(?![a-z])"
_IU_SPELLINGS = {"i.u.": "iu", "ui": "iu", "u.i.": "iu", "i.e.": "iu", "ie": "iu"}
_DOSE = re.compile(rf"({_NUMBER})\s*{_UNIT}", re.IGNORECASE)
_ELEMENTAL = re.compile(rf"({_NUMBER})\s*(mcg|µg|μg|ug|mg|g)\s*(?:of\s+)?elemental\b", re.IGNORECASE)


def _unit_key(unit: str) -> str:
    """A dose unit as written -> its key ('I.U.', 'UI' -> 'iu'; 'MG' -> 'mg')."""
    unit = unit.lower()
    return _IU_SPELLINGS.get(unit, unit)
# Units a supplement is counted in, in English and as German, French and Spanish labels write them.
_COUNT_WORDS = (r"(?:capsules?|caps|v-?caps?|softgels?|soft\s?gels?|tablets?|tabs?|caplets?|pills?|gumm(?:y|ies)|"
                r"drops?|servings?|scoops?|lozenges?|sachets?|each|units?|count|ct|kapseln?|tabletten?|"
                r"g[ée]lules?|comprim[ée]s?|c[áa]psulas?|comprimidos?|pastillas?)")
_COUNT = re.compile(
    rf"^\s*(?P<num>{_NUMBER}|\d+\s*/\s*\d+|½|¼|¾)\s*(?:(?:x|×)\s*(?P<each>{_NUMBER})?)?\s*"
    rf"{_COUNT_WORDS}?\s*$", re.IGNORECASE)
# Cronometer writes label doses as "3.00 x 1000.0 IU" and "1.00 1000mcg tablet": a count, then one unit's dose.
_AMOUNT_DOSE = re.compile(rf"^\s*(?:(?P<count>{_NUMBER})(?:\s*[x×]\s*|\s+))?(?P<dose>{_NUMBER})\s*{_UNIT}",
                          re.IGNORECASE)
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
# Mass units in milligrams; micrograms for the vitamins follow from the key's unit.
_MG_PER_UNIT = {"mg": 1.0, "g": 1000.0, "mcg": 1e-3, "µg": 1e-3, "μg": 1e-3, "ug": 1e-3}


def _number(text: str) -> float:
    text = text.strip()
    if text in _FRACTIONS:
        return _FRACTIONS[text]
    if "/" in text:
        top, bottom = (float(part) for part in text.split("/"))
        return top / bottom if bottom else float("nan")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):  # 1,000 IU
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


def mentioned_nutrients(text: str) -> list[str]:
    """Nutrient keys named in ``text``, each once, in order of first appearance."""
    found = []
    for key, pattern in _NUTRIENT_PATTERNS:
        match = pattern.search(text)
        if match:
            found.append((match.start(), key))
    return [key for _, key in sorted(found)]


def is_supplement_text(text: str) -> bool:
    """Return True when a diary food text names a supplement.

    A text counts when it names a nutrient together with a label dose (``1000 IU``,
    ``200 mg``), a supplement form (``glycinate``, ``D3``, ``MK-7``) or a marker word
    (``capsule``, ``supplement``); or when it says ``multivitamin`` or ``supplement``.
    Foods such as 'Milk, calcium fortified' or 'Milk, vitamin D3 fortified' do not
    count unless a dose is written.
    """
    text = str(text or "")
    if re.search(r"\bsupplements?\b|\bmulti-?vitamins?\b", text, re.IGNORECASE):
        return True
    if not mentioned_nutrients(text):
        return False
    if _DOSE.search(text):
        return True
    if any(marker.search(text) for marker in _FOOD_MARKERS):
        return False
    return any(marker.search(text) for marker in _MARKERS)


def parse_count(amount_text: str) -> float:
    """Return how many units an amount counts (``'2 capsules'`` -> 2.0, ``'2.00 x 1.0 tablet'`` -> 2.0);
    1.0 when it says none."""
    match = _COUNT.match(str(amount_text or ""))
    if not match:
        return 1.0
    count = _number(match.group("num").replace(" ", ""))
    if match.group("each"):
        count *= _number(match.group("each"))
    return count if count > 0 else 1.0


def amount_dose(amount_text: str) -> tuple[float, float, str] | None:
    """Read a dose written in the amount: ``(count, dose of one unit, unit)`` or None.

    ``'3.00 x 1000.0 IU'`` is three units of 1000 IU; ``'1.00 1000mcg tablet'`` one of
    1000 mcg; ``'0.60 mg'`` one of 0.6 mg.
    """
    amount_text = str(amount_text or "")
    match = _AMOUNT_DOSE.match(amount_text)
    if match:
        count = _number(match.group("count")) if match.group("count") else 1.0
        return count, _number(match.group("dose")), _unit_key(match.group(3))
    inside = _DOSE.search(amount_text)  # "2 capsules (500 mg each)"
    if inside is None:
        return None
    return parse_count(amount_text[:inside.start()].strip(" (,-")), _number(inside.group(1)), \
        _unit_key(inside.group(2))


def _units_of(doses: list[tuple[int, float, str]], dose: float, unit: str) -> float:
    """How many label units an amount's dose is (1.0 when no label dose is in the same kind of unit)."""
    for _, value, label_unit in doses:
        label_unit = _unit_key(label_unit)
        if value <= 0 or (label_unit == "iu") != (unit == "iu"):
            continue
        scale = 1.0 if unit == "iu" else _MG_PER_UNIT[unit] / _MG_PER_UNIT[label_unit]
        return dose * scale / value
    return 1.0


def _convert(key: str, value: float, unit: str) -> float | None:
    unit = _unit_key(unit)
    if unit == "iu":
        return value / IU_PER_UG_VITAMIN_D if key == "vitamin_d_ug" else None
    mg = value * _MG_PER_UNIT[unit]
    return mg * 1000.0 if NUTRIENT_INFO[key].unit == "µg" else mg


def parse_supplement(text: str, amount_text: str = "") -> dict[str, float]:
    """Read the nutrient amounts of a supplement entry.

    Parameters
    ----------
    text
        The entry text, e.g. ``'Magnesium glycinate 200 mg'`` or ``'D3 + K2 (2000 IU / 75 mcg)'``.
    amount_text
        The amount as written: a count (``'2 capsules'``) multiplies the label amounts;
        a dose (``'1000 IU'``) is the amount when the text gives none.

    Returns
    -------
    dict
        Nutrient key to amount (mg for minerals, µg for vitamins); K2 also under
        ``k2_mk7_ug`` or ``k2_mk4_ug`` when the form is named.  Empty when nothing
        could be read, e.g. 'Multivitamin' without amounts.
    """
    text, amount_text = str(text or ""), str(amount_text or "")
    keys = mentioned_nutrients(text)
    doses = [(m.start(), _number(m.group(1)), m.group(2)) for m in _DOSE.finditer(text)]
    count = parse_count(amount_text)
    in_amount = amount_dose(amount_text)
    if in_amount is not None:
        count, dose, unit = in_amount
        if not doses:
            doses = [(0, dose, unit)]
        else:  # "Vitamin D3 1000 IU" taken as "3.00 x 1000.0 IU": units = amount dose / label dose
            count *= _units_of(doses, dose, unit)
    elemental = _ELEMENTAL.search(text)
    if elemental and len(keys) == 1:
        doses = [(elemental.start(), _number(elemental.group(1)), elemental.group(2))]

    result: dict[str, float] = {}
    remaining = list(keys)
    iu_doses = [d for d in doses if _unit_key(d[2]) == "iu"]
    if iu_doses and "vitamin_d_ug" in remaining:  # IU on a label is vitamin D's
        result["vitamin_d_ug"] = cast(float, _convert("vitamin_d_ug", iu_doses[0][1], "iu"))  # IU always converts for D
        remaining.remove("vitamin_d_ug")
        doses = [d for d in doses if d is not iu_doses[0]]
    for key, (_, value, unit) in zip(remaining, doses, strict=False):
        converted = _convert(key, value, unit)
        if converted is not None:
            result[key] = converted
    result = {key: value * count for key, value in result.items()}
    if "vitamin_k2_ug" in result:
        forms = [key for key, pattern in _FORM_PATTERNS if pattern.search(text)]
        if len(forms) == 1:
            result[forms[0]] = result["vitamin_k2_ug"]
    return result


def vitamin_k_form(text: str) -> str:
    """The vitamin K a supplement's text names: a menaquinone form key (``k2_mk7_ug``,
    ``k2_mk4_ug``), ``vitamin_k2_ug`` (K2, form not named), ``vitamin_k1_ug``, or ""
    when it names both or neither ('Multivitamin')."""
    named = [key for key in mentioned_nutrients(str(text or "")) if key in ("vitamin_k1_ug", "vitamin_k2_ug")]
    if named == ["vitamin_k1_ug"]:
        return "vitamin_k1_ug"
    if named != ["vitamin_k2_ug"]:
        return ""
    forms = [key for key, pattern in _FORM_PATTERNS if pattern.search(str(text))]
    return forms[0] if len(forms) == 1 else "vitamin_k2_ug"
