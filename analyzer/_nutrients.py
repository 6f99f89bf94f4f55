"""The nutrients Mineralog reports: keys, labels, units, display colours.

One table, kept as data so every module, chart and message uses the same
names.  ``NUTRIENTS`` holds the keys the analysis sums per day (the keys of
``docs/ARCHITECTURE.md``); ``K2_FORMS`` holds the menaquinone sub-keys that
are shown where they are known.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

import food_db

__all__ = [
    "IU_PER_UG_VITAMIN_D",
    "K2_FORMS",
    "K_FORM_UNKNOWN",
    "NUTRIENTS",
    "NUTRIENT_INFO",
    "REFERENCE_KEYS",
    "Nutrient",
    "float_column",
    "food_source_labels",
    "label",
]

#: Vitamin D only: 1 microgram = 40 IU (IU differ per vitamin, so no global IU).
IU_PER_UG_VITAMIN_D = 40.0


@dataclass(frozen=True)
class Nutrient:
    """One reported nutrient.

    Attributes
    ----------
    key
        Column name used everywhere (``calcium_mg``).
    label
        Name for people (``Calcium``).
    unit
        Unit of the values (``mg``, ``ug``, ``kcal``).
    colour
        Display colour for charts (hex).
    reference
        Nutrient name in the reference-intake table, or "" when none is compared.
    """

    key: str
    label: str
    unit: str
    colour: str
    reference: str


# key, label, unit, colour, reference-intake nutrient.  Vitamin K intakes are
# compared with K1 (phylloquinone): the NASEM and EFSA adequate intakes were set
# from phylloquinone intakes, and menaquinone data are too sparse to add in.
_TABLE = (
    ("energy_kcal", "Energy", "kcal", "#7f7f7f", ""),
    ("calcium_mg", "Calcium", "mg", "#1f77b4", "calcium"),
    ("magnesium_mg", "Magnesium", "mg", "#2ca02c", "magnesium"),
    ("phosphorus_mg", "Phosphorus", "mg", "#9467bd", "phosphorus"),
    ("sodium_mg", "Sodium", "mg", "#8c564b", "sodium"),
    ("potassium_mg", "Potassium", "mg", "#e377c2", ""),
    ("vitamin_d_ug", "Vitamin D", "µg", "#ff7f0e", "vitamin_d"),
    ("vitamin_k1_ug", "Vitamin K1", "µg", "#17becf", "vitamin_k"),
    ("vitamin_k2_ug", "Vitamin K2", "µg", "#bcbd22", ""),
)
_K2_TABLE = (
    ("k2_mk4_ug", "Vitamin K2 (MK-4)", "µg", "#dbdb8d", ""),
    ("k2_mk7_ug", "Vitamin K2 (MK-7)", "µg", "#8c8c2a", ""),
    ("k2_other_ug", "Vitamin K2 (other menaquinones)", "µg", "#c7c77a", ""),
)

#: Vitamin K an export gives as one total for a row that is neither a known K1/K2 food nor a
#: supplement naming its form: shown as such, never silently counted as K1.
K_FORM_UNKNOWN = "vitamin_k_unknown_ug"
_K_UNKNOWN_TABLE = ((K_FORM_UNKNOWN, "Vitamin K, form unknown", "µg", "#9edae5", ""),)

#: Keys summed per day, in display order.
NUTRIENTS: tuple[str, ...] = tuple(row[0] for row in _TABLE)
#: Menaquinone forms reported beside vitamin K2 where known.
K2_FORMS: tuple[str, ...] = tuple(row[0] for row in _K2_TABLE)
#: Every key (NUTRIENTS, K2_FORMS and K_FORM_UNKNOWN) to its description.
NUTRIENT_INFO: dict[str, Nutrient] = {row[0]: Nutrient(*row) for row in _TABLE + _K2_TABLE + _K_UNKNOWN_TABLE}
#: Reference-intake nutrient name to the nutrient key it is compared with.
REFERENCE_KEYS: dict[str, str] = {n.reference: n.key for n in NUTRIENT_INFO.values() if n.reference}


def label(key: str) -> str:
    """Return the label of a nutrient key with its unit, e.g. ``'Calcium (mg)'``.

    Parameters
    ----------
    key
        A key of ``NUTRIENT_INFO``; an unknown key is returned unchanged.
    """
    info = NUTRIENT_INFO.get(key)
    return f"{info.label} ({info.unit})" if info else key


def food_source_labels(foods: pd.DataFrame) -> pd.Series:
    """The source label of each food, to show beside its values ("USDA SR28 #01009",
    "USDA FNDDS 2021–2023: Eggplant parmesan"): ``FoodTable.foods.source_label``.

    A table built by hand without that column is taken as SR28 foods; the label is still
    made by food_db, the one place that writes them.
    """
    if "source_label" in foods:
        return foods["source_label"].astype(object)
    return food_db.source_labels("sr28", foods.index)


def float_column(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A column as a float array (NaN = missing); all-NaN when the column is absent."""
    if column not in frame:
        return np.full(len(frame), np.nan)
    series = frame[column]
    if series.dtype != np.float64:
        series = pd.to_numeric(series, errors="coerce")
    return series.to_numpy(dtype=float, na_value=np.nan)
