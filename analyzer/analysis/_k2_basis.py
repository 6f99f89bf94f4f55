"""What a period's vitamin K2 total is made of, by what each value counts.

Sources count different menaquinones (USDA SR28 MK-4 only; Schurgers & Vermeer 2000
MK-4 to MK-9; Fu et al. 2017 MK-4 to MK-13), so a K2 total that is mostly
MK-4-only values is not comparable with one that is mostly LC-MS totals.  This
splits the period's K2 by ``vitamin_k2_basis`` (see ``entry_nutrients``).
"""

from __future__ import annotations

import pandas as pd

__all__ = ["k2_by_basis"]


def k2_by_basis(nutrients: pd.DataFrame) -> pd.DataFrame:
    """Split the K2 of the entries by what each value counts.

    Parameters
    ----------
    nutrients
        ``entry_nutrients`` output (``vitamin_k2_ug``, ``vitamin_k2_basis``), usually cut to a period.

    Returns
    -------
    pandas.DataFrame
        Index ``basis`` (largest share first); columns ``entries`` (entries with a known K2
        value of that basis), ``vitamin_k2_ug`` (their sum) and ``share`` (of the K2 µg in
        all of them, 0 to 1; NaN when the total is 0). Empty when no entry has a K2 value.
    """
    columns = ["entries", "vitamin_k2_ug", "share"]
    if "vitamin_k2_ug" not in nutrients or "vitamin_k2_basis" not in nutrients:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="basis"))
    valued = nutrients.loc[nutrients["vitamin_k2_ug"].notna(), ["vitamin_k2_ug", "vitamin_k2_basis"]]
    basis = valued["vitamin_k2_basis"].astype(object).fillna("not stated")
    out = pd.DataFrame(valued["vitamin_k2_ug"].groupby(basis).agg(entries="size", vitamin_k2_ug="sum"))
    total = out["vitamin_k2_ug"].sum()
    out["share"] = out["vitamin_k2_ug"] / total if total > 0 else float("nan")
    out.index.name = "basis"
    return out.sort_values(["vitamin_k2_ug", "entries"], ascending=False)[columns]
