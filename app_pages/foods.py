"""Foods: explore the food table ('rich in magnesium, per 100 kcal, low in calcium'), with sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages._shared import (
    DEFAULT_EXCLUDED_GROUPS,
    NUTRIENTS,
    food_table,
    foods_rich,
    label,
    matcher,
    page_header,
    unit,
)

BASIS_WORDS = {"100g": "per 100 g", "100kcal": "per 100 kcal", "measure": "per household measure"}
CHOICES = [k for k in NUTRIENTS if k not in ("energy_kcal", "potassium_mg")]
LOOKUP_KEYS = ["energy_kcal", *CHOICES]


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
    config = {c: st.column_config.NumberColumn(format="%.1f") for c in shown.columns if u in c or "(g)" in c}
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
    shown = pd.DataFrame({"Food": foods["description"]})
    for key in LOOKUP_KEYS:
        shown[f"{label(key)} ({unit(key)}/100 g)"] = foods[key]
    shown["K2 source"] = foods["k2_source"]
    shown["Source"] = foods["source_label"]
    numbers = {c: st.column_config.NumberColumn(format="%.1f") for c in shown.columns if "/100 g" in c}
    st.dataframe(shown.reset_index(names="Food number"), hide_index=True, width="stretch", key="lookup_table",
                 column_config=numbers)
    st.caption("'None' marks a value the sources do not give: missing, not zero.")


page_header("Foods")
_rich_section()
st.divider()
_lookup_section()
