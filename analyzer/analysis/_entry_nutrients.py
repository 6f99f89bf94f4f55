"""Nutrients of every used diary entry, with where each value came from.

One vectorised pass over the final entries table (no per-row Python), so a
million entries take about a second.  The rules, per ``nutrient_source``:

``usda``
    value = grams / 100 x the food's per-100 g value (NaN if either is NaN).
``file``
    the export's own values for the nutrients the export has a column for (the
    ``file_nutrients`` column lists them; an empty cell there stays missing);
    nutrients the export has no column for come from the food table by grams.
    An export's one vitamin K total for a row (Cronometer's ``Vitamin K``, in
    ``vitamin_k_total_ug``) is split by what the row is: a supplement's K is the form
    its text names (K2 with MK-7/MK-4 when named, or K1); a food's K is split in the
    proportions of its matched food's K1 and K2 (and of its menaquinone forms); where
    neither is known it is ``vitamin_k_unknown_ug``, "vitamin K, form unknown", never
    silently K1.  Without a K total, K2 comes from the food table when a food is
    matched and its grams are known.
``supplement_label``
    the label's values as parsed.

``vitamin_k2_basis`` says what each K2 value counts (the food's ``k2_basis``, e.g.
"MK-4 only, USDA SR28"), since sources count different menaquinones.
``mineral``
    a compound taken by weight (eggshell powder, magnesium citrate...): its elemental
    calcium and magnesium from ``mineral_compounds.csv``.
``user_dose``
    the dose per unit the user entered for the product, times the count.
``none``
    a supplement or medicine with none of the tracked nutrients: every value missing,
    and as a supplement it does not lower the coverage.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from .._nutrients import IU_PER_UG_VITAMIN_D, K2_FORMS, K_FORM_UNKNOWN, NUTRIENTS, float_column, food_source_labels
from ..resolve._supplements import vitamin_k_form

__all__ = [
    "ENTRY_COLUMNS",
    "K2_MEASURED_STATUSES",
    "SOURCE_FILE",
    "SOURCE_MINERAL",
    "SOURCE_SUPPLEMENT",
    "SOURCE_USER_DOSE",
    "entry_nutrients",
    "source_columns",
]

#: Provenance text of values taken from the user's export.
SOURCE_FILE = "your export"
#: Provenance text of values taken from a supplement label.
SOURCE_SUPPLEMENT = "supplement label"
#: What a K2 value from the export or a label counts (the food table's own say ``k2_basis``).
K2_BASIS_FILE = "as given in your export (forms not stated)"
K2_BASIS_SUPPLEMENT = "as given on the supplement label"
K2_BASIS_USER_DOSE = "as you entered it for this product"
#: Provenance text of a mineral compound's elemental share (formula or cited analysis).
SOURCE_MINERAL = "mineral composition (mineral_compounds.csv)"
#: Provenance text of a dose per unit the user entered.
SOURCE_USER_DOSE = "dose you entered"
#: ``nutrient_source`` values whose amounts sit in the entry's own columns, with their provenance text.
_GIVEN_SOURCES = {"supplement_label": SOURCE_SUPPLEMENT, "mineral": SOURCE_MINERAL, "user_dose": SOURCE_USER_DOSE}
#: ``k2_status`` values whose K2 figure was measured, not inferred.
K2_MEASURED_STATUSES = ("measured_paper", "measured_usda")
#: Entry columns carried through to the nutrient table (when present).
ENTRY_COLUMNS = ("row", "date", "meal", "food_text", "amount_text", "kind", "matched_food_id",
                 "matched_food", "grams", "grams_source", "is_supplement", "nutrient_source",
                 "low_confidence")
#: An export's total vitamin K column is where the K1/K2 split comes from (see the module docstring).
_GIVEN_AS = {key: "vitamin_k_total_ug" for key in ("vitamin_k1_ug", "vitamin_k2_ug", *K2_FORMS, K_FORM_UNKNOWN)}

_K2_KEYS = ("vitamin_k2_ug", *K2_FORMS)
_K_SPLIT_KEYS = ("vitamin_k1_ug", *_K2_KEYS, K_FORM_UNKNOWN)
_ALL_KEYS = (*NUTRIENTS, *K2_FORMS, K_FORM_UNKNOWN)


def source_columns() -> list[str]:
    """Return the names of the provenance columns, ``<key>_source``, in key order."""
    return [f"{key}_source" for key in _ALL_KEYS]


def entry_nutrients(entries: pd.DataFrame, foods: pd.DataFrame) -> pd.DataFrame:
    """Compute the nutrients of every used entry.

    Parameters
    ----------
    entries
        Final entries (``ImportResult.entries``): only ``status == 'used'`` rows count.
    foods
        ``FoodTable.foods``: index ``food_id``, per-100 g values, ``k2_status``, ``k2_source``.

    Returns
    -------
    pandas.DataFrame
        One row per used entry: the entry columns of ``ENTRY_COLUMNS``, every key of
        ``NUTRIENTS`` and ``K2_FORMS`` (absolute amounts, NaN = missing), a
        categorical ``<key>_source`` column per key (``'USDA SR28 #01009'``, the K2 citation,
        ``'your export'``, ``'supplement label'``; missing where the value is),
        ``vitamin_d_iu`` and ``vitamin_k2_basis`` (what the K2 value counts; missing where it is).
    """
    is_used = (entries["status"] == "used").to_numpy(dtype=bool, na_value=False)
    carried = [col for col in ENTRY_COLUMNS if col in entries.columns]
    used = entries[carried] if is_used.all() else entries.loc[is_used, carried]
    used = used.reset_index(drop=True)
    used_rows = np.flatnonzero(is_used)  # position in ``entries`` of each used row

    out = pd.DataFrame({col: used[col] for col in carried})
    if "is_supplement" not in out:
        out["is_supplement"] = False
    out["is_supplement"] = out["is_supplement"].fillna(False).astype(bool)
    n = len(used)
    source = used["nutrient_source"].to_numpy(dtype=object) if "nutrient_source" in used else np.full(n, "usda")
    # Export and label rows are few: they are handled through their positions only.
    not_usda = np.flatnonzero(source != "usda")
    file_rows = np.flatnonzero(source == "file")
    given_rows = {name: np.flatnonzero(source == name) for name in _GIVEN_SOURCES}

    def given(column: str, rows: np.ndarray) -> np.ndarray:
        """The export's or label's values of a column at some used rows."""
        return float_column(entries, column)[used_rows[rows]]

    lookup = _FoodLookup(foods, used, n)
    file_food_grams = (lookup.has_food & ~np.isnan(lookup.grams))[file_rows]
    file_menaquinone_food = (lookup.has_food & lookup.k2_measured)[file_rows]
    # Provenance is kept as integer codes into lookup.labels (-1 = missing) and
    # turned into a categorical at the end: far cheaper than a million strings.
    file_code = lookup.code(SOURCE_FILE)
    listed = (entries["file_nutrients"].astype(object).fillna("").to_numpy(dtype=str)[used_rows[file_rows]]
              if "file_nutrients" in entries else None)
    # A diary repeats a few column lists over thousands of rows: each distinct one is read once.
    listed_codes, listed_distinct = pd.factorize(listed if listed is not None else np.array([], dtype=str))

    def file_lacks(key: str) -> np.ndarray:
        """File rows whose export has no column for ``key`` (all have one when unlisted)."""
        if listed is None:
            return np.zeros(len(file_rows), dtype=bool)
        names = (key, _GIVEN_AS.get(key, key))
        has = np.array([any(name in row.split(";") for name in names) for row in listed_distinct.tolist()],
                       dtype=bool)
        return np.logical_not(has[listed_codes])

    k_split = _split_vitamin_k(given("vitamin_k_total_ug", file_rows), given("vitamin_k1_ug", file_rows),
                               lookup, file_rows, used, entries, used_rows)

    for key in _ALL_KEYS:
        values = lookup.scaled(key)
        food_code = lookup.k2_codes if key in _K2_KEYS else lookup.usda_codes
        codes = food_code.copy()
        from_file = given(key, file_rows)
        file_codes = np.full(len(file_rows), file_code, dtype=codes.dtype)
        if key == "vitamin_k1_ug":
            from_file = np.where(np.isnan(from_file), given("vitamin_k_total_ug", file_rows), from_file)
        from_table = file_lacks(key) & file_food_grams
        from_file = np.where(from_table, values[file_rows], from_file)
        file_codes = np.where(from_table, food_code[file_rows], file_codes)
        if key == "vitamin_k1_ug" or key in _K2_KEYS:
            # Cronometer's vitamin K total includes menaquinones for natto and the
            # like; there the food table splits K1 and K2 instead.
            if key == "vitamin_k1_ug":
                use_food = file_menaquinone_food
            else:
                use_food = file_food_grams & (np.isnan(from_file) | file_menaquinone_food)
            from_file = np.where(use_food, values[file_rows], from_file)
            file_codes = np.where(use_food, food_code[file_rows], file_codes)
        if key in _K_SPLIT_KEYS:  # one K total split by what the row is (module docstring)
            split, from_total = k_split[key], k_split["from_total"]
            from_file = np.where(from_total, split, from_file)
            file_codes = np.where(from_total, file_code, file_codes)
        values[not_usda] = np.nan
        codes[not_usda] = -1
        values[file_rows] = from_file
        codes[file_rows] = file_codes
        for name, rows in given_rows.items():
            values[rows] = given(key, rows)
            codes[rows] = lookup.code(_GIVEN_SOURCES[name])
        codes[np.isnan(values)] = -1
        out[key] = values
        out[f"{key}_source"] = pd.Categorical.from_codes(codes, categories=lookup.labels)

    out["vitamin_d_iu"] = out["vitamin_d_ug"] * IU_PER_UG_VITAMIN_D
    out["vitamin_k2_basis"] = _k2_basis(out["vitamin_k2_ug_source"], foods)
    return out


def _k2_basis(source: pd.Series, foods: pd.DataFrame) -> pd.Series:
    """What each entry's K2 value counts, looked up through its (categorical) source label."""
    basis = {SOURCE_FILE: K2_BASIS_FILE, SOURCE_SUPPLEMENT: K2_BASIS_SUPPLEMENT, SOURCE_USER_DOSE: K2_BASIS_USER_DOSE}
    if {"k2_source", "k2_basis"} <= set(foods.columns):
        pairs = foods[["k2_source", "k2_basis"]].dropna().drop_duplicates("k2_source")
        basis.update(zip(pairs["k2_source"], pairs["k2_basis"], strict=True))
    # Categorical.map maps the few categories, not every entry.
    return source.map(lambda label: basis.get(label) or None).astype(object)


def _split_vitamin_k(total: np.ndarray, k1_given: np.ndarray, lookup: _FoodLookup, file_rows: np.ndarray,
                     used: pd.DataFrame, entries: pd.DataFrame, used_rows: np.ndarray) -> dict[str, np.ndarray]:
    """Split the export's vitamin K total of each file row into K1, K2 (and forms) or 'form unknown'.

    Returns the value per file row for every key of ``_K_SPLIT_KEYS`` (NaN where that key
    gets nothing) and ``from_total``: the rows whose K comes from the total.
    """
    from_total = ~np.isnan(total) & np.isnan(k1_given)
    supplement = used["is_supplement"].fillna(False).to_numpy(dtype=bool)[file_rows] \
        if "is_supplement" in used else np.zeros(len(file_rows), dtype=bool)
    texts = entries["food_text"].astype(str).to_numpy()[used_rows[file_rows]] if "food_text" in entries \
        else np.full(len(file_rows), "")
    forms = {text: vitamin_k_form(text) for text in pd.unique(texts[supplement])}
    form = np.array([forms[t] if s else "" for t, s in zip(texts, supplement, strict=True)], dtype=object)

    food = {key: lookup.per_100g(key)[file_rows] for key in ("vitamin_k1_ug", *_K2_KEYS)}
    k1, k2 = food["vitamin_k1_ug"], food["vitamin_k2_ug"]
    with np.errstate(invalid="ignore", divide="ignore"):
        share_known = ~supplement & ~np.isnan(k1) & ~np.isnan(k2) & (k1 + k2 > 0)
        k1_share, k2_share = k1 / (k1 + k2), k2 / (k1 + k2)
        split = {"vitamin_k1_ug": np.where(share_known, total * k1_share, np.nan),
                 "vitamin_k2_ug": np.where(share_known, total * k2_share, np.nan)}
        for key in K2_FORMS:  # the food's menaquinone forms, in their share of its K2
            split[key] = np.where(share_known & (k2 > 0), total * k2_share * food[key] / k2,
                                  np.where(share_known & (k2 == 0), 0.0, np.nan))
    named = supplement & (form != "")
    for key in ("vitamin_k1_ug", *_K2_KEYS):
        is_form = form == key
        if key in K2_FORMS:
            split["vitamin_k2_ug"] = np.where(named & is_form, total, split["vitamin_k2_ug"])
        split[key] = np.where(named & is_form, total, np.where(named, np.nan, split[key]))
    split[K_FORM_UNKNOWN] = np.where(from_total & ~share_known & ~named, total, np.nan)
    for key in _K_SPLIT_KEYS:
        split[key] = np.where(from_total, split[key], np.nan)
    split["from_total"] = from_total
    return split


class _FoodLookup:
    """Per-entry view of the matched food's per-100 g values and provenance codes."""

    def __init__(self, foods: pd.DataFrame, used: pd.DataFrame, n: int) -> None:
        matched = used["matched_food_id"] if "matched_food_id" in used else pd.Series(pd.NA, index=used.index)
        ids = pd.to_numeric(matched, errors="coerce").astype("Float64").fillna(-1).astype("int64").to_numpy()
        index = pd.Index(foods.index.astype("int64"))
        self.pos = index.get_indexer(pd.Index(ids))
        self.has_food = self.pos >= 0
        self._safe_pos = np.where(self.has_food, self.pos, 0)
        self.grams = float_column(used, "grams")
        known = [key for key in _ALL_KEYS if key in foods]
        per_100g = np.column_stack([float_column(foods, key) for key in known]) if known else np.empty((len(foods), 0))
        taken = per_100g[self._safe_pos] if len(foods) else np.full((n, len(known)), np.nan)
        taken[~self.has_food] = np.nan
        self._per_100g = {key: taken[:, i] for i, key in enumerate(known)}
        usda = food_source_labels(foods).astype(str).tolist()
        k2_source = (foods["k2_source"].astype(object).where(foods["k2_source"].notna(), None).to_numpy()
                     if "k2_source" in foods else np.full(len(foods), None, dtype=object))
        self.labels = pd.Index([*usda, *pd.unique(k2_source[pd.notna(k2_source)]), SOURCE_FILE,
                                *_GIVEN_SOURCES.values()]).unique()
        usda_codes = self.labels.get_indexer(pd.Index(usda))
        k2_codes = np.where(pd.notna(k2_source), self.labels.get_indexer(pd.Index(k2_source.astype(str))), -1)
        self.usda_codes = self._take(usda_codes.astype(np.int32), -1).astype(np.int32)
        self.k2_codes = self._take(k2_codes.astype(np.int32), -1).astype(np.int32)
        status = foods["k2_status"].astype(object).to_numpy() if "k2_status" in foods else np.full(len(foods), "")
        k2 = float_column(foods, "vitamin_k2_ug")
        measured = np.isin(status, K2_MEASURED_STATUSES) & (np.nan_to_num(k2) > 0)
        self.k2_measured = self._take(measured, False).astype(bool)

    def code(self, label: str) -> int:
        """Return the provenance code of a fixed label."""
        return int(cast(int, self.labels.get_loc(label)))  # labels are unique: one position

    def _take(self, values: np.ndarray, fill: float) -> np.ndarray:
        if len(values) == 0:
            return np.full(len(self.pos), fill)
        return np.where(self.has_food, values[self._safe_pos], fill)

    def per_100g(self, key: str) -> np.ndarray:
        """Return the matched food's per-100 g value of ``key`` per entry (NaN when unknown)."""
        return self._per_100g.get(key, np.full(len(self.grams), np.nan))

    def scaled(self, key: str) -> np.ndarray:
        """Return grams / 100 x the food's per-100 g value of ``key`` (NaN when unknown)."""
        if key not in self._per_100g:
            return np.full(len(self.grams), np.nan)
        return self.grams / 100.0 * self._per_100g[key]

