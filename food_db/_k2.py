"""Vitamin K2 (menaquinones) per food: a cited paper, USDA's MK-4, a stated rule, or unknown.

Every value carries what it counts (``k2_basis``: "MK-4 only, USDA SR28", "MK-4 to
MK-13, LC-MS, Fu et al. 2017"...), because the sources count different menaquinones
and a total of MK-4 alone is not a total of K2.  Precedence, per food:

1. ``menaquinones.csv`` (a cited analysis, mapped only to the food type measured),
   except where the paper reports MK-4 alone and USDA measured MK-4 in that very food:
   USDA's own analysis of the food is then closer than a paper's generic sample;
2. USDA's own MK-4 value (nutrient 428; the only menaquinone SR28 measured);
3. the rule in ``k2_rules.csv`` (plant foods without animal ingredients, not fermented):
   an estimate of 0, kept apart as ``k2_status = 'rule_estimate'``, never a measured 0;
4. otherwise unknown: NaN, never 0.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["K2_COLUMNS", "K2_STATUSES", "USDA_MK4_BASIS", "k2_layer", "read_menaquinones", "read_rules",
           "word_pattern"]

HERE = Path(__file__).parent
K2_COLUMNS = ("vitamin_k2_ug", "k2_mk4_ug", "k2_mk7_ug", "k2_other_ug", "k2_status", "k2_source", "k2_basis",
              "k2_verified")
#: ``k2_status`` values, from the most to the least direct.
K2_STATUSES = ("measured_paper", "measured_usda", "rule_estimate", "unknown")
USDA_MK4_SOURCE = "USDA SR28 nutrient 428 (MK-4 only; longer menaquinones were not measured)"
USDA_MK4_BASIS = "MK-4 only, USDA SR28"
#: Appended to the basis of a paper value whose primary table was not read.
NOT_VERIFIED = "primary table not read"
_NUMBERS = ("vitamin_k2_ug", "k2_mk4_ug", "k2_mk7_ug", "k2_other_ug")


def read_menaquinones(path: Path = HERE / "menaquinones.csv") -> pd.DataFrame:
    """Read the cited menaquinone table (µg per 100 g; empty = unknown)."""
    return pd.read_csv(path, dtype={"sr28_ids": str, "verified": str})


def read_rules(path: Path = HERE / "k2_rules.csv") -> pd.DataFrame:
    """Read the K2 rules (food groups where a stated rule estimates K2 as 0)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def word_pattern(words: str) -> str:
    """Regex matching any of the ``|``-separated words or phrases as whole words.

    A hyphen counts as part of a word, so "cream" does not match "cream-style" and
    "egg" does not match "eggplant"; "lard" does not match "collards".
    """
    alternatives = "|".join(re.escape(word.strip()) for word in words.split("|") if word.strip())
    return rf"(?<![\w-])(?:{alternatives})(?![\w-])" if alternatives else r"(?!x)x"


def _paper_values(menaquinones: pd.DataFrame) -> pd.DataFrame:
    """One row per SR28 id from the ';'-separated ``sr28_ids`` of the paper table."""
    mapped = menaquinones[menaquinones["sr28_ids"].fillna("").str.strip() != ""]  # some have no SR28 twin
    rows = mapped.assign(food_id=mapped["sr28_ids"].str.split(";")).explode("food_id")
    rows["food_id"] = rows["food_id"].str.strip().astype(int)
    mk4, mk7, total = rows["mk4_ug"], rows["mk7_ug"], rows["total_mk_ug"]
    verified = rows["verified"].fillna("").str.strip().str.lower()
    basis = rows["k2_basis"].where(verified != "no", rows["k2_basis"] + "; " + NOT_VERIFIED)
    out = pd.DataFrame({
        "food_id": rows["food_id"],
        "vitamin_k2_ug": total,
        "k2_mk4_ug": mk4,
        "k2_mk7_ug": mk7,
        # "Other" is only known when both named forms are known.
        "k2_other_ug": (total - mk4 - mk7).clip(lower=0),
        "k2_status": "measured_paper",
        "k2_source": rows["food"] + ": " + rows["source"],
        "k2_basis": basis,
        "k2_verified": verified,
    })
    return out.drop_duplicates("food_id").set_index("food_id")


def _rule_mask(foods: pd.DataFrame, rule: pd.Series) -> pd.Series:
    """Foods the rule applies to: in its groups, no animal ingredient, no fermentation word.

    SR28's cholesterol (nutrient 601) marks meat, egg and dairy ingredients; where SR28
    gives none, animal-ingredient words stand in for it.
    """
    groups = set(rule["food_groups"].split())
    description = foods["description"].fillna("").str.lower()
    cholesterol = (pd.to_numeric(foods["cholesterol_mg"], errors="coerce") if "cholesterol_mg" in foods
                   else pd.Series(np.nan, index=foods.index))
    limit = float(rule["exclude_if_cholesterol_above_mg"] or 0)
    fermented = description.str.contains(word_pattern(rule["exclude_words"]), regex=True)
    animal_word = description.str.contains(word_pattern(rule["exclude_words_if_cholesterol_unknown"]), regex=True)
    animal = (cholesterol > limit) | (cholesterol.isna() & animal_word)
    return foods["food_group_code"].isin(groups) & ~fermented & ~animal


def k2_layer(foods: pd.DataFrame, mk4_usda: pd.Series, menaquinones: pd.DataFrame,
             rules: pd.DataFrame) -> pd.DataFrame:
    """Return the K2 columns (``K2_COLUMNS``) for every food in ``foods``.

    Parameters
    ----------
    foods
        Index ``food_id``; columns ``description``, ``food_group_code`` and, when known,
        ``cholesterol_mg`` (per 100 g).
    mk4_usda
        USDA MK-4 per 100 g, indexed by food id (NaN where not measured).
    menaquinones, rules
        :func:`read_menaquinones` and :func:`read_rules`.

    Returns
    -------
    pandas.DataFrame
        Index as ``foods``; ``vitamin_k2_ug`` and the forms per 100 g (NaN = unknown),
        ``k2_status`` (one of ``K2_STATUSES``), ``k2_source`` (citation or rule),
        ``k2_basis`` (what the value counts; empty when unknown) and ``k2_verified``
        (``yes``/``no`` for measured values: was the primary table read; empty otherwise).
    """
    out = pd.DataFrame(index=foods.index, columns=list(K2_COLUMNS))
    for column in _NUMBERS:
        out[column] = np.nan
    out["k2_status"] = "unknown"
    out[["k2_source", "k2_basis", "k2_verified"]] = ""

    for _, rule in rules.iterrows():
        mask = _rule_mask(foods, rule)
        out.loc[mask, list(_NUMBERS)] = 0.0
        out.loc[mask, "k2_status"] = "rule_estimate"
        out.loc[mask, "k2_source"] = (f"Rule {rule['rule_id']} (food_db/k2_rules.csv): {rule['rule_text']} "
                                      f"({rule['source']})")
        out.loc[mask, "k2_basis"] = rule["basis"]

    measured = mk4_usda.reindex(foods.index).dropna()
    out.loc[measured.index, "vitamin_k2_ug"] = measured
    out.loc[measured.index, "k2_mk4_ug"] = measured
    out.loc[measured.index, ["k2_mk7_ug", "k2_other_ug"]] = np.nan
    out.loc[measured.index, "k2_status"] = "measured_usda"
    out.loc[measured.index, "k2_source"] = USDA_MK4_SOURCE
    out.loc[measured.index, "k2_basis"] = USDA_MK4_BASIS
    out.loc[measured.index, "k2_verified"] = "yes"

    paper = _paper_values(menaquinones)
    paper = paper[paper.index.isin(foods.index)]
    mk4_only = paper["k2_mk4_ug"].eq(paper["vitamin_k2_ug"])
    paper = paper[~(mk4_only & paper.index.isin(measured.index))]
    out.loc[paper.index, list(paper.columns)] = paper
    for column in _NUMBERS:
        out[column] = out[column].astype(float)
    return out
