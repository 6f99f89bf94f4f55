"""The tables that cross stage boundaries, declared once as plain column specs.

Stages and their tables::

    parse_diary(...).entries      PARSED_ENTRIES
    import_diary(...).entries     RESOLVED_ENTRIES  (the parsed columns plus the match, grams, source)
    entry_nutrients(...)          ENTRY_NUTRIENTS   (after add_water: diary_days(...).nutrients)
    diary_days(...).all_daily     DAILY_TOTALS      (index ``date``)
    daily.csv                     DAILY_CSV         (python -m analyzer totals --out)

``check_frame(frame, table)`` raises :class:`~analyzer.errors.SchemaError` naming every
missing required column and every column of the wrong dtype family; the tests run real
diaries through the stages and check each boundary.  The column tables of
docs/ARCHITECTURE.md are generated from these specs (``python -m analyzer._schema
docs/ARCHITECTURE.md`` rewrites them; tests/test_schema.py checks they agree).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from pandas.api import types as ptypes

from .analysis._analysis import DAILY_CSV_COLUMNS
from .analysis._daily import DAILY_KEYS
from .errors import SchemaError
from .ingest._formats import FILE_NUTRIENTS

__all__ = ["DAILY_CSV", "DAILY_TOTALS", "DTYPE_FAMILIES", "ENTRY_NUTRIENTS", "PARSED_ENTRIES", "RESOLVED_ENTRIES",
           "Column", "TableSchema", "check_frame", "markdown_table"]

#: Dtype families a column may declare, with what pandas dtypes belong to each.
DTYPE_FAMILIES = {
    "integer": "int64 or nullable Int64",
    "float": "float64, NaN = missing",
    "number": "any integer or float (a CSV read back)",
    "text": "str, object of strings or categorical of strings",
    "datetime": "datetime64, NaT = missing",
    "bool": "bool",
    "object": "Python objects (lists)",
}
#: Stands for each nutrient key in a column name.
KEY = "<key>"


@dataclass(frozen=True)
class Column:
    """One column: name (``<key>`` stands for each nutrient key), dtype family, meaning, required or optional."""

    name: str
    dtype: str
    meaning: str
    required: bool = True


@dataclass(frozen=True)
class TableSchema:
    """A table crossing a stage boundary.

    Attributes
    ----------
    name
        Marker name in docs/ARCHITECTURE.md (``<!-- schema:NAME -->``).
    columns
        Its own columns; ``base`` columns come first and are checked too.
    keys
        What ``<key>`` expands to.
    index
        The index, when it carries meaning (daily totals: ``date``).
    """

    name: str
    columns: tuple[Column, ...]
    keys: tuple[str, ...] = ()
    base: TableSchema | None = None
    index: Column | None = None

    def all_columns(self) -> tuple[Column, ...]:
        """Own columns after the base table's."""
        return (*(self.base.all_columns() if self.base else ()), *self.columns)

    def expanded(self) -> list[tuple[str, Column]]:
        """Concrete column names (``<key>`` replaced by each key) with their spec."""
        out: list[tuple[str, Column]] = []
        for column in self.all_columns():
            if KEY in column.name:
                keys = self.keys or (self.base.keys if self.base else ())
                out.extend((column.name.replace(KEY, key), column) for key in keys)
            else:
                out.append((column.name, column))
        return out


def _family_ok(series: pd.Series, family: str) -> bool:
    dtype = series.dtype
    if family == "integer":
        return ptypes.is_integer_dtype(dtype) and not ptypes.is_bool_dtype(dtype)
    if family == "float":
        return ptypes.is_float_dtype(dtype)
    if family == "number":
        return ptypes.is_numeric_dtype(dtype) and not ptypes.is_bool_dtype(dtype)
    if family == "datetime":
        return ptypes.is_datetime64_any_dtype(dtype)
    if family == "bool":
        return ptypes.is_bool_dtype(dtype)
    if family == "object":
        return ptypes.is_object_dtype(dtype)
    if family == "text":
        if isinstance(dtype, pd.CategoricalDtype):
            return pd.api.types.infer_dtype(dtype.categories, skipna=True) in ("string", "empty")
        return (ptypes.is_string_dtype(dtype)
                and pd.api.types.infer_dtype(series, skipna=True) in ("string", "empty"))
    raise SchemaError(f"The schema names an unknown dtype family {family!r}.", column=str(series.name), value=family)


def check_frame(frame: pd.DataFrame, table: TableSchema) -> None:
    """Check a frame against its table: required columns present, every declared column of its dtype family.

    Raises
    ------
    SchemaError
        Naming each missing required column and each column of the wrong family
        (``column`` is the first one), so a test failure says what broke where.
    """
    problems = []
    if table.index is not None:
        if frame.index.name != table.index.name:
            problems.append((table.index.name, f"index is named {frame.index.name!r}, not {table.index.name!r}"))
        elif not _family_ok(frame.index.to_series(), table.index.dtype):
            problems.append((table.index.name, f"index dtype {frame.index.dtype} is not {table.index.dtype}"))
    for name, column in table.expanded():
        if name not in frame.columns:
            if column.required:
                problems.append((name, "required column is missing"))
        elif not _family_ok(frame[name], column.dtype):
            problems.append((name, f"dtype {frame[name].dtype} is not {column.dtype} ({DTYPE_FAMILIES[column.dtype]})"))
    if problems:
        text = "; ".join(f"'{name}': {what}" for name, what in problems)
        raise SchemaError(f"{table.name} does not match its schema: {text}.", column=problems[0][0])


def markdown_table(table: TableSchema) -> str:
    """The table's own columns as the Markdown table docs/ARCHITECTURE.md shows."""
    lines = ["| column | type | meaning |", "|---|---|---|"]
    if table.index is not None:
        lines.append(f"| `{table.index.name}` (index) | {table.index.dtype} | {table.index.meaning} |")
    for column in table.columns:
        optional = ", optional" if not column.required else ""
        lines.append(f"| `{column.name}` | {column.dtype}{optional} | {column.meaning} |")
    return "\n".join(lines)


PARSED_ENTRIES = TableSchema("parsed_entries", keys=tuple(FILE_NUTRIENTS), columns=(
    Column("row", "integer", "spreadsheet row number in the file (header is row 1, first data row 2)"),
    Column("date", "datetime", "the day at midnight, NaT if missing"),
    Column("time", "text", "time of day as written, \"\" when absent"),
    Column("meal", "text", "Cronometer's Group, MFP's Meal, Lose It's Type; \"\" when absent"),
    Column("category", "text", "the export's own category of the food (Cronometer's `Category`: `Supplements`, "
                               "`Spices and Herbs`), \"\" when absent"),
    Column("food_text", "text", "the food as written"),
    Column("amount_text", "text", "the amount as written; separate quantity and unit columns are joined with a "
                                  "space"),
    Column("kind", "text", "`food`, `day_total` (Cronometer daily summary), `meal_total` (MFP)"),
    Column("status", "text", "`pending`, `skipped` or `rejected` at this stage"),
    Column("reason", "text", "why skipped or rejected, a sentence"),
    Column("raw", "text", "the original row's cells joined by the file's delimiter"),
    Column(KEY, "float", "value the file itself gives for the row (absolute, not per 100 g), NaN when the file has "
                         "no value; Cronometer's total `Vitamin K` lands in `vitamin_k_total_ug`"),
    Column("low_confidence", "text", "`,`-separated nutrient keys that are approximations (MyFitnessPal calcium "
                                     "from %DV)"),
))

RESOLVED_ENTRIES = TableSchema("resolved_entries", base=PARSED_ENTRIES, columns=(
    Column("matched_food_id", "integer", "`food_id` of the food table (SR28: the NDB number), <NA> when none"),
    Column("matched_food", "text", "the matched food's description, \"\" when none"),
    Column("match_score", "float", "matcher score 0-100, NaN when not matched"),
    Column("match_source", "text", "where the match came from (matcher, correction, category, ...)"),
    Column("match_confidence", "text", "`confident`, `plausible` or `none`"),
    Column("alternatives", "object", "the matcher's other candidates"),
    Column("grams", "float", "the amount in grams, NaN when unknown"),
    Column("grams_source", "text", "`direct`, `household_measure`, `density`, `assumed_serving`, "
                                   "`recipe_weight`, ..."),
    Column("grams_detail", "text", "how the grams were found, for people"),
    Column("grams_confidence", "float", "confidence of the grams, 0 to 1"),
    Column("is_supplement", "bool", "the line is a supplement or medicine"),
    Column("nutrient_source", "text", "`usda`, `file`, `supplement_label`, `mineral`, `user_dose`, `none` or \"\""),
    Column("file_nutrients", "text", "`,`-separated nutrient keys the export itself gives"),
    Column("water_kind", "text", "`''`, `tap`, `label` or `unknown`"),
    Column("water_label", "text", "the water's brand in `mineral_waters.csv`, or the text"),
    Column("water_litres", "float", "litres of a water line, NaN otherwise"),
))

ENTRY_NUTRIENTS = TableSchema("entry_nutrients", keys=DAILY_KEYS, columns=(
    Column("row", "integer", "the entry's row number in the file"),
    Column("date", "datetime", "the entry's day"),
    Column("meal", "text", "the entry's meal", required=False),
    Column("food_text", "text", "the food as written", required=False),
    Column("amount_text", "text", "the amount as written", required=False),
    Column("kind", "text", "the entry's kind", required=False),
    Column("matched_food_id", "integer", "`food_id` of the matched food", required=False),
    Column("matched_food", "text", "the matched food's description", required=False),
    Column("grams", "float", "the amount in grams, NaN when unknown"),
    Column("grams_source", "text", "how the grams were found", required=False),
    Column("is_supplement", "bool", "the line is a supplement or medicine"),
    Column("nutrient_source", "text", "where the entry's values come from (`usda`, `file`, ...)"),
    Column("low_confidence", "text", "`,`-separated nutrient keys that are approximations", required=False),
    Column(KEY, "float", "absolute amount in the entry, NaN = missing"),
    Column(f"{KEY}_source", "text", "where the value comes from (`USDA SR28 #01009`, `your export`, ...)"),
    Column("vitamin_d_iu", "float", "vitamin D in IU (40 IU per ug)"),
    Column("vitamin_k2_basis", "text", "what the K2 value counts"),
    Column("is_water", "bool", "a water line or the water habit row (added by `add_water`)", required=False),
    Column("water_source", "text", "the tap setting or label the water values come from", required=False),
))

DAILY_TOTALS = TableSchema(
    "daily_totals", keys=DAILY_KEYS,
    index=Column("date", "datetime", "one row per day with at least one used entry, sorted"),
    columns=(
        Column("entries", "integer", "used entries that day"),
        Column("food_entries", "integer", "used food entries that day"),
        Column("supplement_entries", "integer", "used supplement entries that day"),
        Column("water_entries", "integer", "water lines and habit rows that day"),
        Column("grams", "float", "food grams, NaN when no weight is known"),
        Column(KEY, "float", "the day's total, NaN when no value is known that day"),
        Column(f"{KEY}_food", "float", "the part from foods"),
        Column(f"{KEY}_supplement", "float", "the part from supplements"),
        Column(f"{KEY}_water", "float", "the part from water"),
        Column(f"{KEY}_coverage_entries", "float", "share of the day's food entries whose value is known"),
        Column(f"{KEY}_coverage_grams", "float", "share of the day's known food grams whose value is known"),
        Column("vitamin_d_iu", "float", "vitamin D in IU"),
        Column("ca_mg_ratio", "float", "calcium:magnesium by weight"),
        Column("ca_p_ratio", "float", "calcium:phosphorus by weight"),
        Column("k2_per_1000iu_d", "float", "vitamin K2 ug per 1,000 IU vitamin D"),
    ))

DAILY_CSV = TableSchema(
    "daily_csv", keys=tuple(DAILY_CSV_COLUMNS[1:-1]), columns=(
        Column("date", "text", "the day, YYYY-MM-DD"),
        Column(KEY, "number", "the day's total (empty when unknown)"),
        Column("ca_mg_ratio", "number", "calcium:magnesium by weight"),
        Column(f"{KEY}_coverage", "number", "share of the day's food grams (of its entries where the export "
                                            "gives no weights) whose value is known, 0 to 1"),
        Column("calcium_mg_water", "number", "calcium from water", required=False),
        Column("magnesium_mg_water", "number", "magnesium from water", required=False),
        Column("water_sources", "text", "which setting or label the water values come from", required=False),
    ))

#: Every table, in stage order.
TABLES = (PARSED_ENTRIES, RESOLVED_ENTRIES, ENTRY_NUTRIENTS, DAILY_TOTALS, DAILY_CSV)

_BLOCK = re.compile(r"(<!-- schema:(\w+) -->\n).*?(<!-- /schema -->)", re.S)


def render_doc(text: str) -> str:
    """The document with every ``<!-- schema:NAME -->`` block replaced by the table's Markdown."""
    by_name = {table.name: table for table in TABLES}
    return _BLOCK.sub(lambda m: m.group(1) + markdown_table(by_name[m.group(2)]) + "\n" + m.group(3), text)


if __name__ == "__main__":  # python -m analyzer._schema docs/ARCHITECTURE.md
    path = Path(sys.argv[1])
    path.write_text(render_doc(path.read_text(encoding="utf-8")), encoding="utf-8")
