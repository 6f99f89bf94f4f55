"""Read and write the corrections file people back up, share or edit in a spreadsheet.

The file has a header row and the columns ``text, food_id, description,
created_at, dose_per_unit, recipe_grams`` (only ``text`` and ``food_id`` are required when
importing; ``created_at`` is informational and not read back).  A row with a
``dose_per_unit`` (``magnesium_mg=100; vitamin_d_ug=25`` or ``none``) and no
food number is a supplement's remembered dose, not a correction; a row with
``recipe_grams`` and no food number is what one full recipe of the user's own weighs. Text a spreadsheet would
run as a formula is written with a leading ``'`` that reading strips again, so
the round trip is lossless. Import is all or
nothing: every bad row is reported, with its spreadsheet row number, in
:attr:`CorrectionsImportError.failures`, and nothing is written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Container, Iterable
from typing import NamedTuple

import pandas as pd

from analyzer.errors import StoreError
from analyzer.ingest._cells import neutralise, restore
from analyzer.store._doses import parse_dose
from analyzer.store._recipe_weights import check_recipe_grams

__all__ = ["CSV_COLUMNS", "Correction", "CorrectionsImportError", "read_corrections_csv",
           "write_corrections_csv"]

CSV_COLUMNS = ("text", "food_id", "description", "created_at", "dose_per_unit", "recipe_grams")
_REQUIRED = ("text", "food_id")
_FAILURE_COLUMNS = ["row", "column", "value", "reason"]


class Correction(NamedTuple):
    """One row of a corrections file that passed validation: a correction (``food_id``),
    a supplement's dose per unit (``dose``) or an own recipe's weight (``recipe_grams``);
    ``food_id`` is None for the last two."""

    row: int
    text: str
    key: str
    food_id: int | None
    description: str
    dose: dict[str, float] | None = None
    recipe_grams: float | None = None


class CorrectionsImportError(StoreError):
    """A corrections file has bad rows; nothing from it was imported.

    Attributes
    ----------
    failures : pandas.DataFrame
        One row per problem: ``row`` (spreadsheet row, header is 1),
        ``column``, ``value`` and ``reason`` (a sentence).
    """

    def __init__(self, message: str, failures: pd.DataFrame) -> None:
        first = failures.iloc[0] if len(failures) else None
        super().__init__(
            message,
            row=None if first is None or pd.isna(first["row"]) else int(first["row"]),
            column=None if first is None or not first["column"] else first["column"],
            value=None if first is None else first["value"])
        self.failures = failures

    def __str__(self) -> str:
        return self.message


def write_corrections_csv(rows: Iterable[tuple]) -> bytes:
    """Write corrections as a UTF-8 CSV (with a byte-order mark, so Excel reads accents).

    Parameters
    ----------
    rows
        ``(text, food_id, description, created_at)`` tuples, or with a fifth item, the
        dose per unit as written in the file, and a sixth, the grams of one full recipe
        (then ``food_id`` is "").

    Returns
    -------
    bytes
        The file. Text and description cells that a spreadsheet would run as a
        formula (``=``, ``+``, ``-``, ``@``, tab, CR) get a leading ``'``
        (``analyzer.ingest._cells.neutralise``); :func:`read_corrections_csv` removes it.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    extra = len(CSV_COLUMNS) - 4  # dose_per_unit, recipe_grams: "" where a row gives none
    writer.writerows((neutralise(text), food_id, neutralise(description), created_at,
                      *rest, *[""] * (extra - len(rest)))
                     for text, food_id, description, created_at, *rest in rows)
    return buffer.getvalue().encode("utf-8-sig")


def read_corrections_csv(data: bytes, normalise_key,
                         known_food_ids: Container[int] | None = None) -> list[Correction]:
    """Read and check every row of a corrections file.

    Parameters
    ----------
    data
        The file's bytes (UTF-8 with or without a byte-order mark, or Windows-1252).
    normalise_key
        The function that turns a food text into its matching key.
    known_food_ids
        When given, food numbers outside it are rejected.

    Returns
    -------
    list of Correction
        One per non-blank data row, in file order.

    Raises
    ------
    CorrectionsImportError
        The file cannot be read, lacks a required column, or has bad rows.
    """
    records = list(csv.reader(io.StringIO(_decode(data), newline="")))
    skipped = 0
    while records and not any(cell.strip() for cell in records[0]):
        records.pop(0)  # blank lines above the header
        skipped += 1
    if not records:
        raise _error("The corrections file is empty.", [])
    header = [cell.strip().lower() for cell in records[0]]
    missing = [name for name in _REQUIRED if name not in header]
    if missing:
        raise _error(
            f"The corrections file needs the columns {' and '.join(_REQUIRED)}; "
            f"it has: {', '.join(h for h in header if h) or 'no column names'}.",
            [(skipped + 1, name, "", f"The column '{name}' is missing.") for name in missing])
    position = {name: header.index(name) for name in CSV_COLUMNS if name in header}
    corrections, failures = [], []
    first_row_of_key: dict[str, Correction] = {}
    for number, record in enumerate(records[1:], start=skipped + 2):
        if not any(cell.strip() for cell in record):
            continue
        cells = {name: record[i] if i < len(record) else "" for name, i in position.items()}
        correction, problems = _check_row(number, cells, normalise_key, known_food_ids)
        if correction is not None and correction.food_id is None:  # a dose or a recipe weight
            corrections.append(correction)
        elif correction is not None:
            earlier = first_row_of_key.setdefault(correction.key, correction)
            if earlier.food_id != correction.food_id:
                problems.append((number, "text", correction.text,
                                 (f"Row {earlier.row} gives this text a different food "
                                  f"({earlier.food_id}, here {correction.food_id}).")))
            else:
                corrections.append(correction)
        failures.extend(problems)
    if failures:
        row, column, _value, reason = failures[0]
        raise _error(f"{len({f[0] for f in failures})} row(s) of the corrections file have "
                     f"problems, so nothing was imported. First: row {row}, column '{column}': {reason}",
                     failures)
    return corrections


def _check_row(number, cells, normalise_key, known_food_ids):
    problems = []
    text = restore(cells["text"].strip())
    key = normalise_key(text) if text else ""
    if not key:
        problems.append((number, "text", cells["text"], "The food text is empty."))
    raw_id = cells["food_id"].strip()
    dose_text = cells.get("dose_per_unit", "").strip()
    if dose_text and not raw_id:
        try:
            dose = parse_dose(dose_text)
        except StoreError as err:
            problems.append((number, "dose_per_unit", dose_text, err.message))
            return None, problems
        if problems:
            return None, problems
        return Correction(number, text, key, None, restore(cells.get("description", "").strip()), dose), problems
    grams_text = cells.get("recipe_grams", "").strip()
    if grams_text and not raw_id:
        return _recipe_row(number, text, key, grams_text, problems)
    food_id = _parse_food_id(raw_id)
    if food_id is None:
        reason = ("The food number is missing." if not raw_id else
                  f"'{raw_id}' is not a food number (a whole number such as 1001).")
        problems.append((number, "food_id", cells["food_id"], reason))
    elif known_food_ids is not None and food_id not in known_food_ids:
        problems.append((number, "food_id", cells["food_id"],
                         f"Food number {food_id} is not in the food database."))
    if problems or food_id is None:
        return None, problems
    return Correction(number, text, key, food_id, restore(cells.get("description", "").strip())), problems


def _recipe_row(number: int, text: str, key: str, grams_text: str, problems: list):
    """A row giving the weight of one full recipe of the user's own (``recipe_grams``)."""
    try:
        grams = check_recipe_grams(float(grams_text))
    except (ValueError, StoreError) as err:
        reason = err.message if isinstance(err, StoreError) else f"'{grams_text}' is not a number of grams."
        problems.append((number, "recipe_grams", grams_text, reason))
        return None, problems
    if problems:
        return None, problems
    return Correction(number, text, key, None, "", recipe_grams=grams), problems


def _parse_food_id(raw: str) -> int | None:
    """Accept ``1001``, ``01001`` (USDA's zero-padded form) and ``1001.0`` (spreadsheets)."""
    if raw.isascii() and raw.isdigit():
        value = int(raw)
    else:
        try:
            number = float(raw)
        except ValueError:
            return None
        if not number.is_integer():
            return None
        value = int(number)
    return value if value > 0 else None


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _error("The corrections file is not text (it is neither UTF-8 nor Windows-1252).", [])


def _error(message: str, failures: list[tuple]) -> CorrectionsImportError:
    table = pd.DataFrame(failures, columns=_FAILURE_COLUMNS).astype(
        {"row": "int64", "column": "str", "value": "str", "reason": "str"})
    return CorrectionsImportError(message, table)
