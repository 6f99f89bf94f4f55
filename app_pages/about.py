"""About & sources: data sources and versions, the profile's reference intakes, how values are computed."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import streamlit as st

from app_pages._shared import AUTHORITIES, food_table, messages, page_header, plain, profile, reference_for

ROOT = Path(__file__).resolve().parents[1]
META_LABELS = {"sr28_release": "Food composition", "sr28_source": "Obtained from", "sr28_sha256": "Checksum",
               "built_at": "Food database built (UTC)", "foods": "Foods", "measures": "Household measures",
               "schema_version": "Database schema"}
K2_STATUS_WORDS = {"measured_usda": "measured by USDA (MK-4 only)", "measured_paper": "measured in a cited paper",
                   "rule_estimate": "estimated as 0 by a rule (not measured)", "unknown": "unknown"}
HOW = [
    ("Each diary food is matched to a USDA SR28 food by its words; the Review matches page shows the least "
     "certain matches first, and your choices are remembered."),
    ("Amounts become grams through the food's own USDA household measures (cup, slice, medium...); a density "
     "is used only when the food has no matching measure, and the method is kept for every entry."),
    ("Nutrients per entry are the food's values per 100 g times the grams. Where your export gives nutrient "
     "values itself (Cronometer, MyFitnessPal), those are used; vitamin K2 comes from the cited menaquinone "
     "table."),
    "Vitamin D: 1 µg = 40 IU.",
    messages.MISSING_IS_MISSING, messages.SUPPLEMENT_COVERAGE_NOTE, messages.ROLLING_RULE, messages.RATIO_RULE,
    messages.MAGNESIUM_UL_NOTE, messages.VITAMIN_K_NO_UL, messages.VITAMIN_K_REFERENCE_NOTE,
    messages.SODIUM_CDRR_NOTE, messages.K2_BASIS_NOTE,
]


def _nutrient_name(name: object) -> str:
    """'vitamin_d' -> 'Vitamin D'."""
    text = " ".join(w.upper() if len(w) == 1 else w for w in str(name).split("_"))
    return text[:1].upper() + text[1:]


def _version() -> str:
    try:
        return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def _sources() -> None:
    table = food_table()
    st.subheader("Data sources and versions")
    rows = [("Mineralog", _version())] + [(META_LABELS[k], str(table.meta[k])) for k in META_LABELS
                                           if k in table.meta]
    st.dataframe(pd.DataFrame(rows, columns=["What", "Value"]), hide_index=True, width="stretch", key="meta_table")
    k2 = table.foods["k2_status"].value_counts()
    st.caption("Vitamin K2 in the food table: " + "; ".join(
        f"{int(n):,} foods {K2_STATUS_WORDS.get(status, status)}" for status, n in k2.items()) + ".")
    with st.expander("Cited menaquinone (K2) values"):
        st.dataframe(table.menaquinones, hide_index=True, width="stretch", key="k2_table")
    st.markdown("**Commonly cited ratios**")
    ratios = table.ratio_ranges.rename(columns={"ratio": "Ratio", "low": "From", "high": "To", "unit": "Unit",
                                                 "source": "Source", "notes": "Notes"})
    st.dataframe(ratios, hide_index=True, width="stretch", key="ratio_table")
    st.caption(messages.NOT_CLINICAL_TARGET)


def _reference() -> None:
    who = profile()
    stage = " pregnant" if who.pregnant else " lactating" if who.lactating else ""
    st.subheader("Reference intakes for your profile")
    st.caption(f"Age {who.age:g}, {'female' if who.sex == 'F' else 'male'}{stage}; from "
               f"{AUTHORITIES[who.authority]}. Change the profile in the sidebar.")
    reference = reference_for(who)
    if reference.empty:
        st.caption("The reference table has no values for this profile.")
        return
    shown = reference[["nutrient", "unit", "rda", "ai", "ul", "cdrr", "source", "notes"]].rename(columns={
        "nutrient": "Nutrient", "unit": "Unit", "rda": "RDA / PRI", "ai": "AI", "ul": "UL", "cdrr": "CDRR",
        "source": "Source", "notes": "Notes"})
    shown["Nutrient"] = shown["Nutrient"].map(_nutrient_name)
    st.dataframe(shown, hide_index=True, width="stretch", key="reference_table")
    st.caption("RDA: recommended dietary allowance (EFSA: population reference intake). AI: adequate intake. "
               "UL: tolerable upper intake level. CDRR: chronic disease risk reduction intake.")


page_header("About & sources")
st.markdown("Mineralog reads your food diary on this computer and shows calcium, magnesium, vitamin D, "
            "vitamins K1 and K2, phosphorus and sodium against published reference intakes. Nothing is sent "
            "anywhere.")
_sources()
st.divider()
_reference()
st.divider()
st.subheader("How values are computed")
for sentence in HOW:
    st.markdown("- " + plain(sentence))
st.divider()
st.warning(messages.DISCLAIMER)
