"""Foods: explore the food table ('rich in magnesium, per 100 kcal, low in calcium'), with sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analyzer import DEFAULT_EXCLUDED_GROUPS, NUTRIENTS, food_source_labels, foods_rich
from app_pages._shared import food_table, label, matcher, page_header, unit

BASIS_WORDS = {"100g": "per 100 g", "100kcal": "per 100 kcal", "measure": "per household measure"}
CHOICES = [k for k in NUTRIENTS if k not in ("energy_kcal", "potassium_mg")]
#: The minerals and vitamins first, so they are on screen at 1400 px; energy last.
LOOKUP_KEYS = ["calcium_mg", "magnesium_mg", "vitamin_d_ug", "vitamin_k1_ug", "vitamin_k2_ug", "phosphorus_mg",
               "sodium_mg", "energy_kcal"]


def _rich_section() -> None:
    st.subheader("Foods rich in a nutrient")
    table = food_table()
    rich_col, basis_col, low_col = st.columns([1, 1, 2])
    key = rich_col.selectbox("Rich in", CHOICES, index=CHOICES.index("magnesium_mg"), format_func=label,
                             key="rich_key")
    per = basis_col.radio("Compared", list(BASIS_WORDS), format_func=BASIS_WORDS.get, key="rich_per",
                          horizontal=False)
    low = low_col.multiselect("Low in", [k for k in CHOICES if k != key], format_func=label, key="rich_low")
    groups = sorted(table.foods["food_group"].dropna().unique())
    excluded = st.multiselect("Leave out these food groups", groups,
                              default=[g for g in DEFAULT_EXCLUDED_GROUPS if g in groups], key="rich_groups")
    rich = foods_rich(table.foods, table.measures, key, per=per, low=low, limit=100, exclude_groups=excluded)
    words = f"rich in {label(key).lower()} {BASIS_WORDS[per]}" + (
        ", low in " + " and ".join(label(k).lower() for k in low) if low else "")
    st.caption(f"{len(rich)} foods {words}: above three quarters of the foods on this basis"
               + (", and below a quarter of them for each 'low in' nutrient" if low else "")
               + ". Foods whose value is unknown are left out.")
    u = unit(key)
    shown = rich.reset_index().rename(columns={
        "food_id": "Food number", "description": "Food", "food_group": "Group", "per_100g": f"{u} per 100 g",
        "per_100kcal": f"{u} per 100 kcal", "measure": "Household measure", "measure_grams": "Measure (g)",
        "per_measure": f"{u} per measure", "source": "Source"})
    # The values first and the long group names last, so the numbers are on screen at 1400 px.
    first = ["Food", f"{u} per 100 g", f"{u} per 100 kcal", f"{u} per measure", "Household measure", "Measure (g)"]
    shown = shown[[c for c in first if c in shown] + [c for c in shown.columns if c not in first]]
    config = {c: st.column_config.NumberColumn(format="%.1f", width="small") for c in shown.columns
              if u in c or "(g)" in c}
    config["Food"] = st.column_config.TextColumn(width="medium")
    for low_key in low:
        column = next(c for c in shown.columns if c.startswith(low_key))
        shown = shown.rename(columns={column: f"{label(low_key)} ({unit(low_key)} {BASIS_WORDS[per]})"})
        config[f"{label(low_key)} ({unit(low_key)} {BASIS_WORDS[per]})"] = st.column_config.NumberColumn(
            format="%.1f")
    st.dataframe(shown, hide_index=True, width="stretch", height=460, column_config=config, key="rich_table")


def _lookup_section() -> None:
    st.subheader("Look up a food")
    query = st.text_input("Food", key="lookup_query", placeholder="e.g. natto, kale raw, 01009")
    if not query.strip():
        return
    found = matcher().search(query, limit=15)
    if not found:
        st.caption("No food in the table shares a word with this search.")
        return
    foods = food_table().foods.loc[[c.food_id for c in found]]
    # Short headers (the unit only; every value is per 100 g) and the sources right after K2,
    # so every column is on screen at 1400 px.
    shown = pd.DataFrame({"Food": foods["description"]})
    for key in LOOKUP_KEYS:
        shown[f"{label(key).replace('Vitamin ', 'Vit. ')} ({unit(key)})"] = foods[key]
        if key == "vitamin_k2_ug":
            if "k2_basis" in foods:  # what the K2 value counts (MK-4 only, MK-4 to MK-13, ...)
                shown["K2 counts"] = foods["k2_basis"]
            shown["K2 source"] = foods["k2_source"]
            shown["Source"] = food_source_labels(foods)
    shown["Food number"] = foods.index
    units = tuple(f"({unit(key)})" for key in LOOKUP_KEYS)
    config = {c: st.column_config.NumberColumn(format="%.1f") for c in shown.columns if c.endswith(units)}
    config["Food"] = st.column_config.TextColumn(width="medium")
    config["K2 source"] = st.column_config.TextColumn(width="small")
    st.markdown("**Per 100 g**")
    st.dataframe(shown, hide_index=True, width="stretch", key="lookup_table", column_config=config)
    st.caption("'None' marks a value the sources do not give: missing, not zero.")


page_header("Foods")
_rich_section()
st.divider()
_lookup_section()
