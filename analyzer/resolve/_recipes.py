"""The user's own recipes: weighed once by the user, then counted on every row that names them.

A Cronometer line such as "Kafa, 2.00 full recipe" is a recipe of the user's own: the export
names it but gives neither its ingredients nor its weight, so the row ends ``needs_amount``
with the food closest to the name proposed (analyzer.resolve._import ``_weigh``). Once the
user states what one full recipe weighs, every such row is counted as that many grams of the
proposed (or corrected) food: grams = quantity x the stated weight, ``grams_source``
``recipe_weight``. Weights are keyed like corrections and supplement doses, by
``normalise_key`` of the recipe's name (``UserStore.recipe_weights()``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .. import messages
from ..amounts._amounts import parse_amount
from ..amounts._grams import OVER_GRAMS
from ..errors import AmountError
from ..match._normalise import normalise_key

__all__ = ["RECIPE_WEIGHT_SOURCE", "apply_recipe_weights", "recipes_needed"]

#: ``grams_source`` of a row weighed with the user's stated weight of one full recipe.
RECIPE_WEIGHT_SOURCE = "recipe_weight"
_NEEDED_COLUMNS = ["recipe", "key", "rows", "amount", "food", "food_id"]


def _recipes_of(amounts: pd.Series) -> pd.Series:
    """The number of full recipes each amount text states, NaN where it states none (once per distinct text)."""
    def count(text: str) -> float:
        try:
            parsed = parse_amount(text)
        except AmountError:
            return math.nan
        ok = parsed.unit == "recipe" and math.isfinite(parsed.quantity) and parsed.quantity > 0
        return float(parsed.quantity) if ok else math.nan

    texts = amounts.fillna("").astype(str)
    return texts.map({text: count(text) for text in texts.unique()}).astype(float)


def _waiting(entries: pd.DataFrame, weighed_too: bool = False) -> tuple[pd.Index, pd.Series]:
    """The rows of own recipes still waiting for a weight (with ``weighed_too``, also those already
    weighed with an earlier stated weight, so a changed weight reaches them), and the number of
    recipes each states."""
    needed = {"status", "food_text", "amount_text", "matched_food_id", "grams"}
    if not needed <= set(entries.columns):
        return entries.index[:0], pd.Series(dtype=float)
    rows = entries["status"].eq("needs_amount") & entries["grams"].isna()
    if weighed_too and "grams_source" in entries:
        rows |= entries["status"].isin(["used", "needs_amount"]) & entries["grams_source"].eq(RECIPE_WEIGHT_SOURCE)
    rows &= entries["matched_food_id"].notna()
    if "is_supplement" in entries:
        rows &= ~entries["is_supplement"].fillna(False).astype(bool)
    recipes = _recipes_of(entries.loc[rows, "amount_text"])
    recipes = recipes[recipes.notna()]
    return recipes.index, recipes


def _keys(texts: pd.Series) -> pd.Series:
    texts = texts.astype(str)
    return texts.map({text: normalise_key(text) for text in texts.unique()})


def recipes_needed(entries: pd.DataFrame, weighed_too: bool = False) -> pd.DataFrame:
    """List the user's own recipes whose weight of one full recipe is not known yet.

    Parameters
    ----------
    entries
        Final entries (``ImportResult.entries`` or a saved diary's entries).
    weighed_too
        Also list recipes already weighed with a stated weight (so the weight can be changed);
        their rows count in ``rows`` too.

    Returns
    -------
    pandas.DataFrame
        One row per recipe (names sharing a ``normalise_key`` are one), most rows first:
        ``recipe`` (the name as first written), ``key`` (for ``UserStore.set_recipe_weight``),
        ``rows`` (diary rows waiting), ``amount`` (an amount as written, e.g. '2.00 full recipe'),
        ``food`` and ``food_id`` (the food the rows are counted as once weighed: the food closest
        to the name, or the user's correction).
    """
    index, _ = _waiting(entries, weighed_too)
    if not len(index):
        return pd.DataFrame(columns=_NEEDED_COLUMNS)
    waiting = entries.loc[index]
    texts = waiting["food_text"].astype(str)
    table = pd.DataFrame({"recipe": texts, "key": _keys(texts), "amount": waiting["amount_text"].astype(str),
                          "food": waiting["matched_food"].fillna("").astype(str),
                          "food_id": waiting["matched_food_id"].astype("Int64")})
    grouped = table.groupby("key", sort=False).agg(
        recipe=("recipe", "first"), rows=("recipe", "size"), amount=("amount", "first"), food=("food", "first"),
        food_id=("food_id", "first"))
    grouped = grouped.reset_index().sort_values(["rows", "key"], ascending=[False, True], kind="stable")
    return grouped[_NEEDED_COLUMNS].reset_index(drop=True)


def apply_recipe_weights(entries: pd.DataFrame, weights: Mapping[str, float]) -> pd.DataFrame:
    """Count the own-recipe rows whose weight of one full recipe ``weights`` now gives.

    Parameters
    ----------
    entries
        Final entries (``ImportResult.entries`` or a saved diary's entries).
    weights
        ``UserStore.recipe_weights()``: ``normalise_key(recipe name) -> grams in one full recipe``.

    Returns
    -------
    pandas.DataFrame
        A copy in which those rows are ``used``: grams = the number of full recipes x the
        stated weight, nutrients from the matched food (``nutrient_source`` ``usda``),
        ``grams_source`` ``recipe_weight``. A row working out above 5 kg stays
        ``needs_amount`` with the grams and a reason, like any other amount. Every other
        row is unchanged; ``entries`` itself is returned when no row changes.
    """
    if not weights:
        return entries
    index, recipes = _waiting(entries, weighed_too=True)
    if not len(index):
        return entries
    per_recipe = _keys(entries.loc[index, "food_text"]).map(dict(weights)).astype(float)
    known = per_recipe.notna() & (per_recipe > 0)
    # Rows weighed before with the same weight are left as they are.
    done = (entries.loc[index, "grams_source"].eq(RECIPE_WEIGHT_SOURCE) if "grams_source" in entries
            else pd.Series(False, index=index))
    known &= ~(done & entries.loc[index, "grams"].eq(recipes * per_recipe))
    index, recipes, per_recipe = index[known.to_numpy()], recipes[known], per_recipe[known]
    if not len(index):
        return entries
    # Copied only now: the app calls this after every edit, and a large diary's entries are ~170 MB.
    entries = entries.copy()
    grams = recipes * per_recipe
    over = grams > OVER_GRAMS
    pairs = list(zip(recipes, per_recipe, strict=True))
    details = {pair: messages.detail_recipe_weight(*pair) for pair in dict.fromkeys(pairs)}
    entries.loc[index, "grams"] = grams.to_numpy()
    entries.loc[index, "grams_source"] = RECIPE_WEIGHT_SOURCE
    entries.loc[index, "grams_detail"] = [details[pair] for pair in pairs]
    if "grams_confidence" in entries:
        entries.loc[index, "grams_confidence"] = 1.0  # the user's own statement of the weight
    entries.loc[index, "nutrient_source"] = "usda"
    entries.loc[index, "status"] = np.where(over, "needs_amount", "used")
    entries.loc[index, "reason"] = [messages.reason_over_5kg(g) if o else "" for g, o in zip(grams, over,
                                                                                               strict=True)]
    return entries
