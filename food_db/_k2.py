"""Vitamin K2 (menaquinones) per food: a cited paper, USDA's MK-4, a stated rule, or unknown.

Precedence, per food:

1. ``menaquinones.csv`` (a cited analysis of total menaquinones, with MK-4/MK-7 where known),
   except where the paper reports MK-4 alone and USDA measured MK-4 in that very food:
   USDA's own analysis of the food is then closer than a paper's generic sample;
2. USDA's own MK-4 value (nutrient 428; the only menaquinone SR28 measured);
3. the rule in ``k2_rules.csv`` (non-fermented plant foods: essentially none);
4. otherwise unknown: NaN, never 0.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["K2_COLUMNS", "k2_layer", "read_menaquinones", "read_rules"]

HERE = Path(__file__).parent
K2_COLUMNS = ("vitamin_k2_ug", "k2_mk4_ug", "k2_mk7_ug", "k2_other_ug", "k2_status", "k2_source")
USDA_MK4_SOURCE = "USDA SR28 nutrient 428 (MK-4 only; longer menaquinones were not measured)"


def read_menaquinones(path: Path = HERE / "menaquinones.csv") -> pd.DataFrame:
    """Read the cited menaquinone table (µg per 100 g; empty = unknown)."""
    return pd.read_csv(path, dtype={"sr28_ids": str})


def read_rules(path: Path = HERE / "k2_rules.csv") -> pd.DataFrame:
    """Read the K2 rules (food groups where a stated rule sets K2 to 0)."""
    return pd.read_csv(path, dtype=str)


def _paper_values(menaquinones: pd.DataFrame) -> pd.DataFrame:
    """One row per SR28 id from the ';'-separated ``sr28_ids`` of the paper table."""
    mapped = menaquinones[menaquinones["sr28_ids"].fillna("").str.strip() != ""]  # some have no SR28 twin
    rows = mapped.assign(food_id=mapped["sr28_ids"].str.split(";")).explode("food_id")
    rows["food_id"] = rows["food_id"].str.strip().astype(int)
    mk4, mk7, total = rows["mk4_ug"], rows["mk7_ug"], rows["total_mk_ug"]
    out = pd.DataFrame({
        "food_id": rows["food_id"],
        "vitamin_k2_ug": total,
        "k2_mk4_ug": mk4,
        "k2_mk7_ug": mk7,
        # "Other" is only known when both named forms are known.
        "k2_other_ug": (total - mk4 - mk7).clip(lower=0),
        "k2_status": "measured_paper",
        "k2_source": rows["food"] + ": " + rows["source"],
    })
    return out.drop_duplicates("food_id").set_index("food_id")


def _rule_mask(foods: pd.DataFrame, rule: pd.Series) -> pd.Series:
    groups = set(rule["food_groups"].split())
    excluded = foods["description"].str.lower().str.contains(rule["exclude_words"], regex=True)
    return foods["food_group_code"].isin(groups) & ~excluded


def k2_layer(foods: pd.DataFrame, mk4_usda: pd.Series, menaquinones: pd.DataFrame,
             rules: pd.DataFrame) -> pd.DataFrame:
    """Return the K2 columns (``K2_COLUMNS``) for every food in ``foods``.

    Parameters
    ----------
    foods
        Index ``food_id``; columns ``description`` and ``food_group_code``.
    mk4_usda
        USDA MK-4 per 100 g, indexed by food id (NaN where not measured).
    """
    out = pd.DataFrame(index=foods.index, columns=list(K2_COLUMNS))
    for column in K2_COLUMNS[:4]:
        out[column] = np.nan
    out["k2_status"] = "unknown"
    out["k2_source"] = ""

    for _, rule in rules.iterrows():
        mask = _rule_mask(foods, rule)
        out.loc[mask, list(K2_COLUMNS[:3])] = 0.0
        out.loc[mask, "k2_other_ug"] = 0.0
        out.loc[mask, "k2_status"] = "rule"
        out.loc[mask, "k2_source"] = f"Rule: {rule['rule_text']} ({rule['source']})"

    measured = mk4_usda.reindex(foods.index).dropna()
    out.loc[measured.index, "vitamin_k2_ug"] = measured
    out.loc[measured.index, "k2_mk4_ug"] = measured
    out.loc[measured.index, ["k2_mk7_ug", "k2_other_ug"]] = np.nan
    out.loc[measured.index, "k2_status"] = "measured_usda"
    out.loc[measured.index, "k2_source"] = USDA_MK4_SOURCE

    paper = _paper_values(menaquinones)
    paper = paper[paper.index.isin(foods.index)]
    mk4_only = paper["k2_mk4_ug"].eq(paper["vitamin_k2_ug"])
    paper = paper[~(mk4_only & paper.index.isin(measured.index))]
    out.loc[paper.index, list(paper.columns)] = paper
    for column in K2_COLUMNS[:4]:
        out[column] = out[column].astype(float)
    return out
