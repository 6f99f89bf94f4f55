"""Which texts name water, and which water: plain (tap), a labelled mineral water, or unknown.

Rule of the module: a text is water only when its words say so.  The words
live in ``water_words.csv`` (water words in several languages, plain-water
qualifiers, bottled-water words, flavour words that make a drink not water);
the brands in ``mineral_waters.csv``, one row per water whose calcium and
magnesium were verified, each with its source and the date of that source.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ._water_settings import hardness_factors

__all__ = ["WaterBrand", "brand_named", "classify_water", "is_water_food", "may_be_water", "mineral_waters",
           "water_citations", "words_of"]

_WORDS_PATH = Path(__file__).parents[1].joinpath("water_words.csv")
_BRANDS_PATH = Path(__file__).parents[1].joinpath("mineral_waters.csv")


@dataclass(frozen=True)
class WaterBrand:
    """One mineral water of ``mineral_waters.csv``: label values per litre, with source and date."""

    brand: str
    calcium_mg_l: float
    magnesium_mg_l: float
    sodium_mg_l: float | None
    source: str
    source_date: str

    @property
    def label(self) -> str:
        """The provenance shown beside its values, e.g. ``'Vittel label, 2023-06'``."""
        date = self.source_date.replace(";", ",") or "undated"  # ';' separates sources in daily.csv
        return f"{self.brand} label, {date}"


@functools.cache
def mineral_waters() -> pd.DataFrame:
    """Return the mineral-water table (``mineral_waters.csv``): label values per litre, source, date.

    Returns
    -------
    pandas.DataFrame
        One row per brand with verified calcium and magnesium; columns ``brand, names,
        name_alone_is_water, country, type, calcium_mg_per_l, magnesium_mg_per_l,
        sodium_mg_per_l, bicarbonate_mg_per_l, source, source_date, notes``.
    """
    return pd.read_csv(_BRANDS_PATH, keep_default_na=False, na_values={"sodium_mg_per_l": [""],
                                                                       "bicarbonate_mg_per_l": [""]})


def water_citations() -> pd.DataFrame:
    """Return every water fact Mineralog uses with its source, for the About page.

    Returns
    -------
    pandas.DataFrame
        Columns ``topic`` (``hardness conversion`` or ``mineral water label``), ``item``
        (the unit or brand and its value), ``source`` and ``date`` ('' when undated).
    """
    factors = hardness_factors().reset_index()
    conversions = pd.DataFrame({
        "topic": "hardness conversion",
        "item": [f"1 {k} = {v:g} mg/L as CaCO3" if kind == "hardness_unit" else f"{k}: x {v:g} mg/L as CaCO3"
                 for k, kind, v in zip(factors["key"], factors["kind"], factors["mg_per_l_as_caco3"], strict=True)],
        "source": factors["source"], "date": ""})
    brands = mineral_waters()
    labels = pd.DataFrame({
        "topic": "mineral water label",
        "item": [f"{b}: Ca {c:g}, Mg {m:g} mg/L" for b, c, m in
                 zip(brands["brand"], brands["calcium_mg_per_l"], brands["magnesium_mg_per_l"], strict=True)],
        "source": brands["source"], "date": brands["source_date"]})
    return pd.concat([conversions, labels], ignore_index=True)


@functools.cache
def _brands() -> tuple[dict[tuple[str, ...], WaterBrand], frozenset[str]]:
    """Brand name token sequences to brands; and the brands a name alone does not make water."""
    by_name: dict[tuple[str, ...], WaterBrand] = {}
    needs_word = set()
    for row in mineral_waters().to_dict("records"):
        sodium = None if pd.isna(row["sodium_mg_per_l"]) else float(row["sodium_mg_per_l"])
        brand = WaterBrand(str(row["brand"]), float(row["calcium_mg_per_l"]), float(row["magnesium_mg_per_l"]),
                           sodium, str(row["source"]), str(row["source_date"]))
        for name in str(row["names"]).split("|"):
            by_name[tuple(tokens_of(name))] = brand
        if row["name_alone_is_water"] == "no":
            needs_word.add(str(row["brand"]))
    return by_name, frozenset(needs_word)


def brand_named(name: str) -> WaterBrand:
    """Return the brand of ``mineral_waters.csv`` called ``name`` (its ``brand`` cell)."""
    for brand in _brands()[0].values():
        if brand.brand == name:
            return brand
    raise KeyError(name)


@functools.cache
def words_of() -> dict[str, frozenset[str]]:
    """Return the words of ``water_words.csv`` by kind: ``water``, ``plain``, ``bottled``, ``flavour``."""
    kinds: dict[str, set[str]] = {"water": set(), "plain": set(), "bottled": set(), "flavour": set()}
    with open(_WORDS_PATH, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for kind in row["kind"].split(";"):
                kinds[kind].add(row["word"])
    return {kind: frozenset(words) for kind, words in kinds.items()}


_NOT_WORD = re.compile(r"[^a-z0-9]+")
_AMOUNT_TOKEN = re.compile(r"^\d")


def tokens_of(text: str) -> list[str]:
    """Lower-case words without accents; numbers and amounts ('500ml') are dropped."""
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return [t for t in _NOT_WORD.split(folded) if t and not _AMOUNT_TOKEN.match(t)]


def _find_brand(tokens: list[str]) -> tuple[WaterBrand | None, list[str]]:
    """The brand named in the tokens (longest name first) and the tokens left over."""
    by_name = _brands()[0]
    for size in (3, 2, 1):
        for start in range(len(tokens) - size + 1):
            brand = by_name.get(tuple(tokens[start:start + size]))
            if brand is not None:
                name = set(tokens[start:start + size])  # a description may name the brand twice
                return brand, [t for t in tokens[:start] + tokens[start + size:] if t not in name]
    return None, tokens


@functools.lru_cache(maxsize=65536)
def classify_water(text: str) -> tuple[str, str]:
    """Say whether a food text is water, and which.

    Parameters
    ----------
    text
        A food text as written ("Tap water", "Gerolsteiner Sparkling Mineral Water").

    Returns
    -------
    tuple of (str, str)
        ``(kind, label)``: ``('tap', '')`` for plain water, ``('label', brand)``
        for a brand of ``mineral_waters.csv``, ``('unknown', text)`` for other
        water, ``('', '')`` for anything that is not water.

    Examples
    --------
    >>> classify_water("Water, tap")
    ('tap', '')
    >>> classify_water("1.5 L Gerolsteiner")
    ('label', 'Gerolsteiner Sprudel')
    >>> classify_water("Coconut water")
    ('', '')
    """
    words = words_of()
    tokens = tokens_of(text)
    brand, rest = _find_brand(tokens)
    has_water = any(t in words["water"] for t in tokens)
    water_words = words["water"] | words["plain"] | words["bottled"]
    if brand is not None:
        bottled_word = any(t in words["water"] or t in words["bottled"] for t in rest)
        if brand.brand in _brands()[1] and not bottled_word:
            return "", ""
        if set(rest) <= water_words:
            return "label", brand.brand
        return ("unknown", text.strip()) if bottled_word else ("", "")
    if not has_water:
        return "", ""
    rest = [t for t in tokens if t not in words["water"]]
    if set(rest) <= words["plain"]:
        # German compounds carry their own kind: "Mineralwasser" alone is bottled, not tap.
        if any(t in words["bottled"] for t in tokens):
            return "unknown", text.strip()
        return "tap", ""
    if set(rest) <= words["plain"] | words["bottled"]:
        return "unknown", text.strip()
    return "", ""


@functools.lru_cache(maxsize=4096)
def is_water_food(description: str) -> bool:
    """Whether a food-table description is plain or bottled water.

    Either :func:`classify_water` calls it water, or it follows the USDA naming
    of waters, "[Beverages,] water, <kind>, <brand>" ("Beverages, water, bottled,
    non-carbonated, DANNON"), with no flavour word ("fruit flavors", "sweetened").
    """
    if classify_water(description)[0]:
        return True
    words = words_of()
    tokens = tokens_of(description)
    head = tokens[1:] if tokens[:1] == ["beverages"] else tokens
    return bool(head) and head[0] in words["water"] and not any(t in words["flavour"] for t in tokens)


@functools.lru_cache(maxsize=65536)
def may_be_water(text: str) -> bool:
    """Whether a text has any word that could make it water (a cheap first look)."""
    words = words_of()
    vocabulary = words["water"] | words["bottled"] | _brand_words()
    return any(t in vocabulary for t in tokens_of(text))


@functools.cache
def _brand_words() -> frozenset[str]:
    return frozenset(token for name in _brands()[0] for token in name)
