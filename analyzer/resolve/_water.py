"""Water lines in a diary: which lines are water, which water, and how many litres.

Rule of the module: a line is water only when its words say so.  Plain water
("Water", "Tap water", "sparkling water", "H2O", "Leitungswasser") is the
user's tap water; a line naming a brand of ``mineral_waters.csv`` with only
water words besides ("Gerolsteiner", "Evian mineral water") takes that
brand's label values; any other water (a brand without verified values,
"bottled water", "distilled water", or a line the matcher gave a water food)
is water whose minerals are unknown.  The food table's average water is never
used silently for calcium, magnesium or sodium: :mod:`analyzer.analysis._water_intake`
fills those in from the setting or the label, or leaves them missing.

Which texts are water is decided in :mod:`analyzer.resolve._water_names`.  This step
runs on the resolved entries (after matching) and works on distinct
texts and amounts, then assigns whole columns.  It adds ``water_kind``
(``''``, ``'tap'``, ``'label'``, ``'unknown'``), ``water_label`` (the brand,
or the text for unknown water) and ``water_litres``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import messages
from ..amounts._amounts import parse_amount
from ..amounts._grams import OVER_GRAMS, resolve_grams
from ..amounts._units import conversion_factor, unit_info
from ..errors import AmountError
from ._entry_line import FORMULA, food_and_amount
from ._water_names import classify_water, is_water_food, may_be_water, tokens_of, words_of

__all__ = ["HABIT_SOURCE", "TAP_SOURCE", "UNKNOWN_SOURCE", "WATER_KINDS", "resolve_water_lines"]

WATER_KINDS = ("tap", "label", "unknown")
#: SR28 foods that stand for water in the food columns other than Ca, Mg and Na
#: (energy 0 and so on): NDB 14411 "Beverages, water, tap, drinking" and
#: NDB 14555 "Water, bottled, generic" (SR28 ids are stable, see the food-id scheme).
TAP_WATER_FOOD, BOTTLED_WATER_FOOD = 14411, 14555
#: Grams per litre of drinking water (density 0.998 kg/L at 20 °C; 1 kg/L is within 0.2 %).
GRAMS_PER_LITRE = 1000.0
_OPEN = ("used", "needs_match", "needs_amount")

#: Provenance of minerals of plain water lines, from the user's tap-water setting.
TAP_SOURCE = "tap water (your setting)"
#: Name and provenance of the daily water habit rows.
HABIT_SOURCE = "water (your setting)"
#: Name of water lines whose minerals are not known.
UNKNOWN_SOURCE = "water, minerals unknown"


def _litres(amount_text: str, measures: pd.DataFrame | None, description: str) -> tuple[float, str, str]:
    """``(litres, grams_detail, reason)`` of a water amount; reason is '' when the amount is usable."""
    if not amount_text.strip():
        return np.nan, "", messages.REASON_NO_AMOUNT
    try:
        parsed = parse_amount(amount_text)
        if parsed.kind == "volume" and parsed.unit is not None:
            litres = parsed.quantity * conversion_factor(unit_info(parsed.unit).pint_unit, "liter")
            detail = messages.water_litres_detail(amount_text, litres)
        else:
            result = resolve_grams(parsed, measures, description)
            litres, detail = result.grams / GRAMS_PER_LITRE, result.detail
    except AmountError as exc:
        return np.nan, "", str(exc)
    if litres * GRAMS_PER_LITRE > OVER_GRAMS:
        return litres, detail, messages.reason_over_5kg(litres * GRAMS_PER_LITRE)
    return litres, detail, ""


def resolve_water_lines(entries: pd.DataFrame, table) -> pd.DataFrame:
    """Mark the water lines of resolved entries and give them litres (and grams).

    Parameters
    ----------
    entries
        Resolved entries (``resolve_entries``): statuses, matches and grams set.
    table
        The food table; its SR28 water foods give the non-mineral columns and
        household measures ("1 serving 8 fl oz").

    Returns
    -------
    pandas.DataFrame
        ``entries`` itself (changed in place: ``resolve_entries`` passes its own copy,
        and a million-row diary is not copied twice) with ``water_kind``,
        ``water_label`` and ``water_litres``.  A water
        line the matcher missed or gave another food gets the SR28 water food; its
        status becomes ``used`` when its amount is a usable volume, else
        ``needs_amount`` with the reason.  Export rows keep their own status.
    """
    entries["water_kind"], entries["water_label"], entries["water_litres"] = "", "", np.nan
    if entries.empty:
        return entries
    supplement = entries["is_supplement"].fillna(False).astype(bool) if "is_supplement" in entries else False
    open_rows = entries["status"].isin(_OPEN) & (entries["kind"] == "food") & ~supplement
    if not open_rows.any():
        return entries
    # Only lines whose text has a water, bottled-water or brand word can be water: find them
    # among the distinct texts, then look closely at those lines alone.
    texts = entries["food_text"].to_numpy(dtype=object)
    text_codes, distinct_texts = pd.factorize(texts)
    maybe = np.array([may_be_water(str(t)) for t in distinct_texts], dtype=bool)
    candidates = open_rows.to_numpy(dtype=bool) & (text_codes >= 0)
    candidates[candidates] = maybe[text_codes[candidates]]
    if not candidates.any():
        return entries
    rows = entries.loc[candidates, ["food_text", "amount_text", "matched_food", "match_source"]]
    keys = list(zip(rows["food_text"].astype(str), rows["amount_text"].fillna("").astype(str),
                    rows["matched_food"].fillna("").astype(str), rows["match_source"].fillna("").astype(str),
                    strict=True))
    outcomes = {key: _water_line(*key) for key in dict.fromkeys(keys)}  # diaries repeat lines
    kind = pd.Series([outcomes[k][0] for k in keys], index=rows.index, dtype=object)
    label = pd.Series([outcomes[k][1] for k in keys], index=rows.index, dtype=object)
    amounts = pd.Series([outcomes[k][2] for k in keys], index=rows.index, dtype=object)
    water = kind != ""
    if not water.any():
        return entries
    index = kind.index[water]
    entries.loc[index, "water_kind"], entries.loc[index, "water_label"] = kind[water], label[water]
    _assign_litres(entries, index, amounts[index], table)
    return entries


def _water_line(food_text: str, amount_text: str, matched_food: str, match_source: str) -> tuple[str, str, str]:
    """``(kind, label, amount)`` of one distinct line (see :func:`classify_water`)."""
    text, amount = food_and_amount(food_text, amount_text)
    if FORMULA.match(food_text):
        return "", "", amount  # formula-like texts are never given a food, water included
    if match_source == "correction":
        # The user chose the food: it says which water this is, or that the line is not water.
        kind, label = classify_water(matched_food)
        if not kind and is_water_food(matched_food):
            kind, label = "unknown", matched_food
        return kind, label, amount
    kind, label = classify_water(text)
    # A text that says water (or mineral, spring...) and was given a water food is water of unknown
    # minerals; a text without such a word ("Coca Cola") is not trusted to a matcher's water food.
    if not kind and matched_food and is_water_food(matched_food):
        words = words_of()
        if any(t in words["water"] or t in words["bottled"] for t in tokens_of(text)):
            kind, label = "unknown", text.strip()
    return kind, label, amount


def _assign_litres(entries: pd.DataFrame, index: pd.Index, amounts: pd.Series, table) -> None:
    """Litres, grams, food and status of the water rows, one computation per distinct amount."""
    foods = table.foods
    tap_known = TAP_WATER_FOOD in foods.index
    measures = table.measures_of(TAP_WATER_FOOD) if tap_known else None
    description = str(foods.at[TAP_WATER_FOOD, "description"]) if tap_known else "water"
    distinct = {a: _litres(a, measures, description) for a in amounts.unique()}
    litres = np.array([distinct[a][0] for a in amounts], dtype=float)
    details = [distinct[a][1] for a in amounts]
    reasons = np.array([distinct[a][2] for a in amounts], dtype=object)
    entries.loc[index, "water_litres"] = litres
    file_row = (entries.loc[index, "nutrient_source"] == "file").to_numpy()
    keep_grams = file_row & entries.loc[index, "grams"].notna().to_numpy()
    ok = reasons == ""
    grams = np.where(keep_grams, entries.loc[index, "grams"].to_numpy(dtype=float),
                     np.where(ok, litres * GRAMS_PER_LITRE, np.nan))
    entries.loc[index, "grams"] = grams
    entries.loc[index[ok & ~keep_grams], "grams_detail"] = np.array(details, dtype=object)[ok & ~keep_grams]
    entries.loc[index[ok & ~keep_grams], "grams_source"] = "water_volume"
    own = index[~file_row]
    if len(own) == 0:
        return
    # Plain water is the tap-water food; other water keeps a water food the matcher chose.
    tap = (entries.loc[own, "water_kind"] == "tap").to_numpy()
    not_water_food = ~entries.loc[own, "matched_food"].fillna("").astype(str).map(is_water_food).to_numpy(dtype=bool)
    corrected = (entries.loc[own, "match_source"] == "correction").to_numpy()  # the user's choice stands
    food_ids = np.where(tap, TAP_WATER_FOOD, BOTTLED_WATER_FOOD)
    give_mask = (tap | not_water_food) & np.isin(food_ids, foods.index) & ~corrected
    give = own[give_mask]
    if len(give):
        ids = food_ids[give_mask]
        entries.loc[give, "matched_food_id"] = pd.array(ids, dtype="Int64")
        entries.loc[give, "matched_food"] = foods.loc[ids, "description"].astype(str).to_numpy()
        entries.loc[give, "match_source"] = "water"
    own_ok = ok[~file_row]
    entries.loc[own[own_ok], ["status", "nutrient_source", "reason"]] = ["used", "usda", ""]
    entries.loc[own[~own_ok], "status"] = "needs_amount"
    entries.loc[own[~own_ok], "reason"] = reasons[~file_row][~own_ok]
