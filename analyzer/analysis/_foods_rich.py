"""Foods rich in a nutrient, per 100 g, per household measure or per 100 kcal.

'Rich in X' means above the 75th percentile of X among the foods considered
(on the chosen basis); 'low in Y' means below the 25th percentile of Y on the
same basis.  Foods whose value is unknown are left out, never counted as 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._nutrients import K2_FORMS, NUTRIENT_INFO, REFERENCE_KEYS, food_source_labels
from ..errors import InvalidArgumentError

__all__ = ["BASES", "DEFAULT_EXCLUDED_GROUPS", "LOW_QUANTILE", "RICH_QUANTILE", "foods_rich"]

#: Above this quantile of a nutrient a food counts as rich in it.
RICH_QUANTILE = 0.75
#: Below this quantile of a nutrient a food counts as low in it.
LOW_QUANTILE = 0.25
#: SR28 food groups left out by default: foods people rarely choose for a nutrient.
DEFAULT_EXCLUDED_GROUPS = ("Baby Foods", "Fast Foods", "Restaurant Foods")
#: Bases a ranking can use, to the column holding them.
BASES = {"100g": "per_100g", "100kcal": "per_100kcal", "measure": "per_measure"}

_K2_KEYS = ("vitamin_k2_ug", *K2_FORMS)


def _key(nutrient: str) -> str:
    key = REFERENCE_KEYS.get(nutrient, nutrient)
    if key not in NUTRIENT_INFO:
        raise InvalidArgumentError(f"'{nutrient}' is not a nutrient Mineralog knows; use one of "
                                   f"{sorted(NUTRIENT_INFO)}.", column="nutrient", value=nutrient)
    return key


def _first_measures(measures: pd.DataFrame) -> pd.DataFrame:
    """The first household measure USDA lists for each food (lowest ``seq``)."""
    first = measures.sort_values(["food_id", "seq"]).drop_duplicates("food_id").set_index("food_id")
    amount = first["amount"].map(lambda a: f"{a:g}" if isinstance(a, (int, float)) and pd.notna(a) else "")
    return pd.DataFrame({"measure": (amount + " " + first["description"].astype(str)).str.strip(),
                         "measure_grams": pd.to_numeric(first["grams"], errors="coerce")})


def _values(foods: pd.DataFrame, key: str, first: pd.DataFrame) -> pd.DataFrame:
    per_100g = pd.to_numeric(foods[key], errors="coerce")
    energy = pd.to_numeric(foods.get("energy_kcal", pd.Series(np.nan, index=foods.index)), errors="coerce")
    grams = first["measure_grams"].reindex(foods.index)
    return pd.DataFrame({
        "per_100g": per_100g,
        "per_100kcal": (per_100g / energy * 100.0).where(energy > 0),
        "per_measure": per_100g * grams / 100.0,
    })


def foods_rich(foods: pd.DataFrame, measures: pd.DataFrame, nutrient: str, per: str = "100g",
               low=(), limit: int = 50, exclude_groups=DEFAULT_EXCLUDED_GROUPS) -> pd.DataFrame:
    """List foods rich in ``nutrient`` (and low in each of ``low``).

    Parameters
    ----------
    foods
        ``FoodTable.foods`` (index ``food_id``, per-100 g values, ``description``,
        ``food_group``, ``k2_source``).
    measures
        ``FoodTable.measures`` (``food_id, seq, amount, description, grams``).
    nutrient
        Nutrient key (``magnesium_mg``) or reference name (``magnesium``).
    per
        Basis for ranking and percentiles: ``'100g'``, ``'100kcal'`` or ``'measure'``.
    low
        Nutrients the food must be low in, e.g. ``['calcium']``.
    limit
        Most rows returned.
    exclude_groups
        Food groups left out.

    Returns
    -------
    pandas.DataFrame
        Index ``food_id``, best first; columns ``description``, ``food_group``,
        ``per_100g``, ``measure``, ``measure_grams``, ``per_measure``, ``per_100kcal``,
        ``source`` (USDA number, or for K2 what the value counts and its citation) and
        ``<low key>_<basis>`` for each low nutrient.
    """
    if per not in BASES:
        raise InvalidArgumentError(f"'per' must be one of {sorted(BASES)}, not {per!r}.", column="per", value=per)
    basis = BASES[per]
    key = _key(nutrient)
    low_keys = [_key(n) for n in low]
    candidates = foods.loc[~foods.get("food_group", pd.Series("", index=foods.index)).isin(exclude_groups)]
    first = _first_measures(measures)
    main = _values(candidates, key, first)
    keep = main[basis].notna()
    keep &= main[basis] > main.loc[keep, basis].quantile(RICH_QUANTILE) if keep.any() else keep
    extra = {}
    for low_key in low_keys:
        low_values = _values(candidates, low_key, first)[basis]
        known = low_values.notna()
        threshold = low_values[known].quantile(LOW_QUANTILE) if known.any() else np.nan
        keep &= known & (low_values < threshold)
        extra[f"{low_key}_{basis}"] = low_values
    chosen = candidates.loc[keep]
    if key in _K2_KEYS and "k2_source" in chosen:
        source = chosen["k2_source"].astype(object)
        if "k2_basis" in chosen:  # what the value counts comes first: sources count different menaquinones
            counts = chosen["k2_basis"].fillna("").astype(str)
            source = source.where(counts == "", counts + ". Source: " + source.fillna("").astype(str))
    else:
        source = food_source_labels(chosen)
    out = pd.DataFrame({
        "description": chosen.get("description"),
        "food_group": chosen.get("food_group"),
        "per_100g": main.loc[keep, "per_100g"],
        "measure": first["measure"].reindex(chosen.index),
        "measure_grams": first["measure_grams"].reindex(chosen.index),
        "per_measure": main.loc[keep, "per_measure"],
        "per_100kcal": main.loc[keep, "per_100kcal"],
        "source": source,
        **{name: values.loc[keep] for name, values in extra.items()},
    }, index=chosen.index)
    out.index.name = "food_id"
    return out.sort_values(basis, ascending=False, kind="stable").head(limit)
