"""Per-format row shaping: what each export's rows mean.

Each ``shape_*`` function takes the text cells of a file and the map from
field (``date``, ``food``, ``meal``...) to the file's column name, and returns
a ``Shaped`` frame with the columns ``time, meal, category, food_text,
amount_text, kind, skip`` (``skip`` is "" or the reason the row is skipped), plus notes.
Dates, nutrients and rejections are handled once for all formats in
``_formats``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["SHAPERS", "Shaped"]

Columns = dict[str, str]

#: An amount closing a food name after a comma: "Quaker - Oatmeal, 1 cup", "Egg, 2 large"
#: (not a share such as "Milk, 2%", which is part of the name).
_AMOUNT_AFTER_NAME = r",\s*(\d[\d.,/]*(?:\s+\d+/\d+)?\s*[^\d,%]*)$"
#: Lose It's Deleted column: these texts mean the entry was deleted.
_TRUE_TEXTS = {"true", "yes", "1", "y"}
#: Meal names that hold workouts, not food (Lose It's Type, MyFitnessPal's exercise diary).
_EXERCISE_MEALS = {"exercise", "exercises"}


@dataclass
class Shaped:
    """Rows of one file in the parsed-diary vocabulary (before dates and status)."""

    frame: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def _text(cells: pd.DataFrame, columns: Columns, name: str) -> pd.Series:
    """The column for field ``name``, or "" for every row when the file lacks it."""
    if name in columns:
        return cells[columns[name]].astype(object)
    return pd.Series("", index=cells.index, dtype=object)


def _joined(first: pd.Series, second: pd.Series) -> pd.Series:
    return first.str.cat(second, sep=" ").str.strip().astype(object)


def _with_unit(quantity: pd.Series, unit: pd.Series) -> pd.Series:
    """Quantity and unit columns as one amount text; "" where the quantity is blank.

    A unit alone ("g", "cup") says what was measured, not how much: joined, it would read as
    one gram or one cup.  A unit cell that holds its own number ("1 cup") still counts.
    """
    joined = _joined(quantity, unit)
    no_quantity = (quantity.astype(str).str.strip() == "") & ~unit.astype(str).str.contains(r"\d", regex=True)
    return joined.mask(no_quantity, "").astype(object)


def _frame(cells: pd.DataFrame, columns: Columns, *, food: pd.Series,
           amount: pd.Series, kind: str, skip: pd.Series | None = None,
           ) -> pd.DataFrame:
    index = cells.index
    return pd.DataFrame({
        "time": _text(cells, columns, "time"),
        "meal": _text(cells, columns, "meal"),
        "category": _text(cells, columns, "category"),
        "food_text": food,
        "amount_text": amount,
        "kind": pd.Series(kind, index=index, dtype=object),
        "skip": skip if skip is not None else pd.Series("", index=index, dtype=object),
    }, index=index)


def shape_generic(cells: pd.DataFrame, columns: Columns) -> Shaped:
    """A user's own table: amount and unit joined when they are separate; a
    grams column alone (Mineralog's own entries.csv) is an amount in g."""
    amount = _text(cells, columns, "amount")
    if "amount" not in columns and "grams" in columns:
        grams = cells[columns["grams"]].astype(str).str.strip()
        amount = (grams + " g").where(grams != "", "").astype(object)
    if "unit" in columns:
        amount = _with_unit(amount, cells[columns["unit"]])
    notes = []
    if "amount" not in columns and "grams" not in columns:
        # MyFitnessPal food diaries write the serving into the name: "Quaker - Oatmeal, 1 cup".
        amount = _text(cells, columns, "food").str.extract(_AMOUNT_AFTER_NAME, expand=False).fillna("")
        amount = amount.str.strip().astype(object)
        notes.append("The file has no amount column; an amount is read from the end of a food name "
                     "('Oatmeal, 1 cup'), and foods without one need an amount.")
    if "date" not in columns:
        notes.append("The file has no date column, so entries have no date "
                     "and cannot be added up per day.")
    frame = _frame(cells, columns, food=_text(cells, columns, "food"),
                   amount=amount, kind="food", skip=_not_eaten(cells, columns))
    return Shaped(frame, notes)


def _not_eaten(cells: pd.DataFrame, columns: Columns) -> pd.Series:
    """Per row, "" or why it is not food: a Deleted column that says so, or an exercise meal.

    Lose It and MyFitnessPal files renamed or cut by hand keep these columns; read as plain
    tables, their deleted entries and workouts would otherwise count as eaten.
    """
    skip = pd.Series("", index=cells.index, dtype=object)
    meal = _text(cells, columns, "meal").str.strip().str.casefold()
    skip[meal.isin(_EXERCISE_MEALS)] = "Exercise rows are not food."
    deleted = _text(cells, columns, "deleted").str.strip().str.casefold()
    skip[deleted.isin(_TRUE_TEXTS)] = "This entry is marked as deleted in the file."
    return skip


def shape_cronometer_servings(cells: pd.DataFrame, columns: Columns) -> Shaped:
    """Cronometer servings.csv: one food per row; Group is the meal."""
    frame = _frame(cells, columns, food=_text(cells, columns, "food"),
                   amount=_text(cells, columns, "amount"), kind="food")
    return Shaped(frame)


def shape_cronometer_daily(cells: pd.DataFrame, columns: Columns) -> Shaped:
    """Cronometer dailysummary.csv: one total per day, or per group and day.

    Newer files have a ``Group`` column with a ``Total`` row per day.  The
    group rows are kept (kind ``meal_total``) and the Total row is skipped,
    so a day is never counted twice; a day with only a Total row keeps it.
    """
    group = _text(cells, columns, "meal").str.strip()
    is_total = group.str.casefold().isin({"total", ""})
    day = _text(cells, columns, "date").str.strip()
    days_with_groups = set(day[~is_total])
    skip = pd.Series("", index=cells.index, dtype=object)
    skip[is_total & day.isin(days_with_groups)] = (
        "This is the day total; the day's group rows are counted instead.")
    food = pd.Series("Day total (Cronometer)", index=cells.index, dtype=object)
    food[~is_total] = group[~is_total] + " (Cronometer group total)"
    frame = _frame(cells, columns, food=food,
                   amount=pd.Series("", index=cells.index, dtype=object),
                   kind="day_total", skip=skip)
    frame.loc[~is_total, "kind"] = "meal_total"
    return Shaped(frame)


def shape_mfp_summary(cells: pd.DataFrame, columns: Columns) -> Shaped:
    """MyFitnessPal Nutrition Summary: one total per meal, no food names."""
    meal = _text(cells, columns, "meal").str.strip()
    food = (meal.where(meal != "", "Meal") + " (MyFitnessPal meal total)").astype(object)
    frame = _frame(cells, columns, food=food,
                   amount=pd.Series("", index=cells.index, dtype=object),
                   kind="meal_total")
    return Shaped(frame)


def shape_loseit(cells: pd.DataFrame, columns: Columns) -> Shaped:
    """Lose It weekly summary: Type is the meal; Exercise and deleted rows are skipped."""
    skip = _not_eaten(cells, columns)
    skip[skip == "This entry is marked as deleted in the file."] = "This entry was deleted in Lose It."
    amount = _with_unit(_text(cells, columns, "quantity"), _text(cells, columns, "unit"))
    frame = _frame(cells, columns, food=_text(cells, columns, "food"),
                   amount=amount, kind="food", skip=skip)
    return Shaped(frame)


def shape_asa24_items(cells: pd.DataFrame, columns: Columns) -> Shaped:
    """ASA24 Items file: one food per row, its grams in FoodAmt (read as a generic grams table).

    A researcher's file may hold several participants; their foods would be added up per
    day as one person's, so a note says so.
    """
    shaped = shape_generic(cells, columns)
    people = _text(cells, columns, "person").str.strip()
    count = people[people != ""].nunique()
    if count > 1:
        shaped.notes.append(f"This file holds the recalls of {count} participants (UserName); their foods are "
                            "added up per day as if one person ate them. Export one participant's recalls "
                            "to see one person's intake.")
    return shaped


SHAPERS: dict[str, Callable[[pd.DataFrame, Columns], Shaped]] = {
    "generic": shape_generic,
    "asa24_items": shape_asa24_items,
    "cronometer_servings": shape_cronometer_servings,
    "cronometer_daily": shape_cronometer_daily,
    "mfp_summary": shape_mfp_summary,
    "loseit": shape_loseit,
}
