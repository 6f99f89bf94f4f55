"""About & sources: data sources and versions, the profile's reference intakes, how values are computed."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pandas as pd
import streamlit as st

import food_db
from analyzer import AUTHORITIES, messages, ratio_named, water_citations
from app_pages._shared import food_table, page_header, plain, profile, reference_for

ROOT = Path(__file__).resolve().parents[1]
META_LABELS = {"sr28_release": "Food composition", "sr28_source": "Obtained from", "sr28_sha256": "Checksum",
               "fdc_release": "More foods", "fdc_source": "Obtained from (FoodData Central)",
               "fdc_sha256": "Checksum (FoodData Central)",
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


def checksum_text(value: object) -> str:
    """A checksum record for people: '{"file.tar.gz": "3ed6..."}' -> 'file.tar.gz: SHA-256 3ed6...'."""
    try:
        parsed = json.loads(str(value))
    except ValueError:
        return str(value)
    if isinstance(parsed, dict):
        return "; ".join(f"{name}: SHA-256 {_short_digest(str(digest))}" for name, digest in parsed.items())
    return str(value)


def source_counts(value: object) -> dict[str, int]:
    """The food DB's ``source_counts`` meta ('{"sr28": 8789, ...}') as a dict; {} when absent or unreadable."""
    try:
        parsed = json.loads(str(value))
    except ValueError:
        return {}
    if not isinstance(parsed, dict):
        return {}
    return {str(k): int(v) for k, v in parsed.items() if str(v).isdigit()}


def _short_digest(digest: str) -> str:
    """First and last characters of a long digest (the full one is written under the table)."""
    return digest if len(digest) <= 24 else f"{digest[:12]}…{digest[-8:]}"


def unit_text(value: object) -> str:
    """'ug/d' -> 'µg/day', 'mg/d' -> 'mg/day'."""
    text = re.sub(r"\bu(?=g\b)|\bmc(?=g\b)", "µ", str(value))
    return re.sub(r"/d(ay)?\b", "/day", text)


def ratio_text(name: object) -> str:
    """'calcium_magnesium' -> 'Calcium : magnesium' (the dashboard's name of the ratio)."""
    ratio = ratio_named(name)
    return ratio.label.split(" (")[0] if ratio is not None else str(name)


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
    rows = [("Mineralog", _version())] + [
        (META_LABELS[k], checksum_text(table.meta[k]) if k.endswith("sha256") else str(table.meta[k]))
        for k in META_LABELS if k in table.meta]
    st.dataframe(pd.DataFrame(rows, columns=["What", "Value"]), hide_index=True, width="stretch", key="meta_table",
                 column_config={"What": st.column_config.TextColumn(width="medium"),
                                "Value": st.column_config.TextColumn(width="large")})
    counts = source_counts(table.meta.get("source_counts", ""))
    if counts:
        citations = food_db.food_sources()["citation"].to_dict()
        per_source = pd.DataFrame([(citations.get(source, source), n) for source, n in counts.items()],
                                  columns=["Source", "Foods"])
        st.markdown("**Foods per source**")
        st.dataframe(per_source, hide_index=True, width="stretch", key="source_counts_table",
                     column_config={"Foods": st.column_config.NumberColumn(format="localized")})
    for key in META_LABELS:
        if key.endswith("sha256") and key in table.meta:
            st.caption(f"Full checksum (SHA-256): {plain(str(table.meta[key]).strip('{}'))}")
    k2 = table.foods["k2_status"].value_counts()
    st.caption("Vitamin K2 in the food table: " + "; ".join(
        f"{int(n):,} foods {K2_STATUS_WORDS.get(status, status)}" for status, n in k2.items()) + ".")
    with st.expander("Cited menaquinone (K2) values"):
        st.dataframe(table.menaquinones, hide_index=True, width="stretch", key="k2_table")
    st.markdown("**Ratio ranges from observational studies**")
    ratios = table.ratio_ranges.rename(columns={"ratio": "Ratio", "low": "From", "high": "To", "unit": "Unit",
                                                 "source": "Source", "notes": "Notes"})
    ratios["Ratio"] = ratios["Ratio"].map(ratio_text)
    st.dataframe(ratios, hide_index=True, width="stretch", key="ratio_table")
    st.caption(messages.NOT_CLINICAL_TARGET)


def _water() -> None:
    st.subheader("Water: conversion factors and mineral-water labels")
    st.caption(messages.WATER_ABSORPTION_NOTE)
    cited = water_citations().rename(columns={"topic": "Topic", "item": "Value", "source": "Source",
                                              "date": "Date"})
    st.dataframe(cited, hide_index=True, width="stretch", key="water_table",
                 column_config={"Source": st.column_config.TextColumn(width="large")})
    st.caption(messages.WATER_WHERE_TO_FIND)


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
    shown["Unit"] = shown["Unit"].map(unit_text)
    st.dataframe(shown, hide_index=True, width="stretch", key="reference_table")
    st.caption("RDA: recommended dietary allowance (EFSA: population reference intake). AI: adequate intake. "
               "UL: tolerable upper intake level. CDRR: chronic disease risk reduction intake.")


page_header("About & sources")
st.markdown("Mineralog reads your food diary on this computer and shows calcium, magnesium, vitamin D, "
            "vitamins K1 and K2, phosphorus and sodium against published reference intakes. Nothing is sent "
            "anywhere.")
_sources()
st.divider()
_water()
st.divider()
_reference()
st.divider()
st.subheader("How values are computed")
for sentence in HOW:
    st.markdown("- " + plain(sentence))
st.divider()
st.warning(messages.DISCLAIMER)
