"""Nutrients of every used diary entry, with where each value came from.

One vectorised pass over the final entries table (no per-row Python), so a
million entries take about a second.  The rules, per ``nutrient_source``:

``usda``
    value = grams / 100 x the food's per-100 g value (NaN if either is NaN).
``file``
    the export's own values for the nutrients the export has a column for (the
    ``file_nutrients`` column lists them; an empty cell there stays missing);
    nutrients the export has no column for come from the food table by grams.
    Cronometer's total vitamin K counts as K1, except
    for foods known to carry menaquinones (``k2_status`` measured, K2 > 0),
    where K1 and K2 both come from the food table by grams.  K2 comes from the
    food table when a food is matched and its grams are known.
``supplement_label``
    the label's values as parsed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._nutrients import IU_PER_UG_VITAMIN_D, K2_FORMS, NUTRIENTS, float_column, food_source_labels

__all__ = [
    "ENTRY_COLUMNS",
    "K2_MEASURED_STATUSES",
    "SOURCE_FILE",
    "SOURCE_SUPPLEMENT",
    "entry_nutrients",
    "source_columns",
]

#: Provenance text of values taken from the user's export.
SOURCE_FILE = "your export"
#: Provenance text of values taken from a supplement label.
SOURCE_SUPPLEMENT = "supplement label"
#: ``k2_status`` values whose K2 figure was measured, not inferred.
K2_MEASURED_STATUSES = ("measured_paper", "measured_usda")
#: Entry columns carried through to the nutrient table (when present).
ENTRY_COLUMNS = ("row", "date", "meal", "food_text", "amount_text", "kind", "matched_food_id",
                 "matched_food", "grams", "grams_source", "is_supplement", "nutrient_source",
                 "low_confidence")
#: Cronometer's total vitamin K column stands for K1 (see the module docstring).
_GIVEN_AS = {"vitamin_k1_ug": "vitamin_k_total_ug"}

_K2_KEYS = ("vitamin_k2_ug", *K2_FORMS)
_ALL_KEYS = (*NUTRIENTS, *K2_FORMS)


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
        ``'your export'``, ``'supplement label'``; missing where the value is) and
        ``vitamin_d_iu``.
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
    label_rows = np.flatnonzero(source == "supplement_label")

    def given(column: str, rows: np.ndarray) -> np.ndarray:
        """The export's or label's values of a column at some used rows."""
        return float_column(entries, column)[used_rows[rows]]

    lookup = _FoodLookup(foods, used, n)
    file_food_grams = (lookup.has_food & ~np.isnan(lookup.grams))[file_rows]
    file_menaquinone_food = (lookup.has_food & lookup.k2_measured)[file_rows]
    # Provenance is kept as integer codes into lookup.labels (-1 = missing) and
    # turned into a categorical at the end: far cheaper than a million strings.
    file_code, label_code = lookup.code(SOURCE_FILE), lookup.code(SOURCE_SUPPLEMENT)
    listed = (entries["file_nutrients"].astype(object).fillna("").to_numpy(dtype=str)[used_rows[file_rows]]
              if "file_nutrients" in entries else None)

    def file_lacks(key: str) -> np.ndarray:
        """File rows whose export has no column for ``key`` (all have one when unlisted)."""
        if listed is None:
            return np.zeros(len(file_rows), dtype=bool)
        names = (key, _GIVEN_AS.get(key, key))
        return ~np.array([any(name in row.split(";") for name in names) for row in listed], dtype=bool)

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
        values[not_usda] = np.nan
        codes[not_usda] = -1
        values[file_rows] = from_file
        codes[file_rows] = file_codes
        values[label_rows] = given(key, label_rows)
        codes[label_rows] = label_code
        codes[np.isnan(values)] = -1
        out[key] = values
        out[f"{key}_source"] = pd.Categorical.from_codes(codes, categories=lookup.labels)

    out["vitamin_d_iu"] = out["vitamin_d_ug"] * IU_PER_UG_VITAMIN_D
    return out


class _FoodLookup:
    """Per-entry view of the matched food's per-100 g values and provenance codes."""

    def __init__(self, foods: pd.DataFrame, used: pd.DataFrame, n: int) -> None:
        ids = used["matched_food_id"] if "matched_food_id" in used else pd.Series(pd.NA, index=used.index)
        ids = pd.to_numeric(ids, errors="coerce").astype("Float64").fillna(-1).astype("int64").to_numpy()
        index = pd.Index(foods.index.astype("int64"))
        self.pos = index.get_indexer(ids)
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
                                SOURCE_SUPPLEMENT]).unique()
        usda_codes = self.labels.get_indexer(usda)
        k2_codes = np.where(pd.notna(k2_source), self.labels.get_indexer(k2_source.astype(str)), -1)
        self.usda_codes = self._take(usda_codes.astype(np.int32), -1).astype(np.int32)
        self.k2_codes = self._take(k2_codes.astype(np.int32), -1).astype(np.int32)
        status = foods["k2_status"].astype(object).to_numpy() if "k2_status" in foods else np.full(len(foods), "")
        k2 = float_column(foods, "vitamin_k2_ug")
        measured = np.isin(status, K2_MEASURED_STATUSES) & (np.nan_to_num(k2) > 0)
        self.k2_measured = self._take(measured, False).astype(bool)

    def code(self, label: str) -> int:
        """Return the provenance code of a fixed label."""
        return int(self.labels.get_loc(label))

    def _take(self, values: np.ndarray, fill: object) -> np.ndarray:
        if len(values) == 0:
            return np.full(len(self.pos), fill)
        return np.where(self.has_food, values[self._safe_pos], fill)

    def scaled(self, key: str) -> np.ndarray:
        """Return grams / 100 x the food's per-100 g value of ``key`` (NaN when unknown)."""
        if key not in self._per_100g:
            return np.full(len(self.grams), np.nan)
        return self.grams / 100.0 * self._per_100g[key]

