"""The user's own data (corrections, supplement doses, recipe weights, saved diaries, settings) in one SQLite file.

This is health data and lives only on the user's machine. Every name, text
and value reaches SQLite as a bound parameter. Each write is one
``BEGIN IMMEDIATE`` transaction, so a crash, a kill or a full disk leaves
each diary either wholly saved or absent, and two app sessions writing at
once wait for each other (up to the busy timeout) instead of failing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Container, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from analyzer.analysis._reference import Profile
from analyzer.errors import StoreError
from analyzer.match._normalise import normalise_key
from analyzer.resolve._water_settings import TapWater, WaterSettings, water_habit
from analyzer.store import _corrections, _diaries, _doses, _recipe_weights, _settings
from analyzer.store._codec import decode_frame, encode_frame, encode_value, loads
from analyzer.store._corrections_csv import read_corrections_csv, write_corrections_csv
from analyzer.store._open import connect, default_store_path

__all__ = ["UserStore"]

# SQLite failures a user can act on, as sentences (extended codes use their base code's).
_SQLITE_PROBLEMS = {
    "SQLITE_BUSY": "another Mineralog window kept the database busy for too long; try again",
    "SQLITE_LOCKED": "another Mineralog window kept the database busy for too long; try again",
    "SQLITE_FULL": "the disk is full",
    "SQLITE_READONLY": "the database file is read-only",
    "SQLITE_IOERR": "the disk reported a read or write error",
    "SQLITE_CORRUPT": "the database file is damaged",
}


class UserStore:
    """The user's corrections and saved diaries.

    Parameters
    ----------
    path
        The database file. ``None`` uses :func:`default_store_path`
        (``$MINERALOG_DATA_DIR/user.sqlite`` or
        ``~/.local/share/mineralog/user.sqlite``).

    Raises
    ------
    ForeignDatabaseError
        The file at ``path`` is not a Mineralog database; it was not modified.
    StoreError
        The database cannot be opened or created.

    Notes
    -----
    One object may be shared by several threads (Streamlit sessions): calls
    are serialised on an internal lock. Several objects, in one process or
    many, may use the same file at once.
    """

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        self._lock = threading.RLock()
        self._conn = connect(self.path)
        with self._read() as conn:
            stale = _corrections.stale_keys(conn)
        if stale:
            with self._write() as conn:
                _corrections.rekey(conn)

    def close(self) -> None:
        """Close the database connection; the object cannot be used afterwards."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> UserStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"UserStore({str(self.path)!r})"

    # -- corrections ---------------------------------------------------------------

    def set_correction(self, text: str, food_id: int, description: str = "") -> None:
        """Remember that a food text means one food, replacing any earlier choice.

        Parameters
        ----------
        text
            The food as written in a diary; matched later by its normalised key,
            so other spellings of it (case, plurals, comma order) follow too.
        food_id
            The food's NDB number.
        description
            The food's description, kept so the list reads well without the food table.

        Raises
        ------
        StoreError
            The text holds no word or the food number is not a positive whole number.
        """
        key = _corrections.correction_key(text)
        food_id = _corrections.check_food_id(food_id)
        with self._write() as conn:
            _corrections.upsert(conn, text.strip(), key, food_id, str(description), _now())

    def remove_correction(self, text: str) -> bool:
        """Forget the correction for a food text (any spelling with the same key).

        Returns
        -------
        bool
            True if a correction was removed.
        """
        with self._write() as conn:
            cursor = conn.execute("DELETE FROM corrections WHERE key = ?", (normalise_key(text),))
        return cursor.rowcount > 0

    def corrections(self) -> dict[str, int]:
        """Return every correction as ``{normalise_key(text): food_id}``, as the matcher takes them."""
        with self._read() as conn:
            return dict(conn.execute("SELECT key, food_id FROM corrections"))

    def list_corrections(self) -> pd.DataFrame:
        """Return the corrections as a table for people.

        Returns
        -------
        pandas.DataFrame
            Columns ``text, key, food_id, description, created_at`` (UTC),
            sorted by key.
        """
        with self._read() as conn:
            return _corrections.correction_table(conn)

    def export_corrections_csv(self) -> bytes:
        """Return the corrections, supplement doses and recipe weights as a UTF-8 CSV:
        ``text, food_id, description, created_at, dose_per_unit, recipe_grams``."""
        with self._read() as conn:
            rows = conn.execute("SELECT text, food_id, description, created_at FROM corrections"
                                " ORDER BY key").fetchall()
            doses = _doses.dose_table(conn)
            recipes = _recipe_weights.recipe_weight_table(conn)
        rows += [(text, "", "", created.isoformat(timespec="microseconds"), dose) for text, dose, created in
                 zip(doses["text"], doses["dose_per_unit"], doses["created_at"], strict=True)]
        rows += [(text, "", "", created.isoformat(timespec="microseconds"), "", f"{grams:g}") for text, grams, created
                 in zip(recipes["text"], recipes["grams"], recipes["created_at"], strict=True)]
        return write_corrections_csv(rows)

    # -- supplement doses ------------------------------------------------------------

    def set_supplement_dose(self, text: str, per_unit: Mapping[str, float]) -> None:
        """Remember what one unit (capsule, tablet, scoop...) of a supplement contains.

        Parameters
        ----------
        text
            The product as written in a diary ('Doctor's Best Magnesium Glycinate'); other
            spellings with the same ``normalise_key`` follow.
        per_unit
            Nutrient key to amount in one unit (``{'magnesium_mg': 100}``); an empty
            mapping records that the product contains none of the tracked nutrients.

        Raises
        ------
        StoreError
            The text holds no word, a key is not a tracked nutrient or an amount is not
            a number of zero or more.
        """
        key = _corrections.correction_key(text)
        dose = _doses.check_dose(per_unit)
        with self._write() as conn:
            _doses.upsert_dose(conn, text.strip(), key, dose, _now())

    def remove_supplement_dose(self, text: str) -> bool:
        """Forget a product's dose; True if one was removed."""
        with self._write() as conn:
            cursor = conn.execute("DELETE FROM supplement_doses WHERE key = ?", (normalise_key(text),))
        return cursor.rowcount > 0

    def supplement_doses(self) -> dict[str, dict[str, float]]:
        """Return every remembered dose as ``{normalise_key(text): {nutrient key: amount per unit}}``,
        as ``import_diary(doses=...)`` takes them."""
        with self._read() as conn:
            return _doses.read_doses(conn)

    def list_supplement_doses(self) -> pd.DataFrame:
        """Return the doses as a table for people: ``text, key, dose_per_unit, created_at`` (UTC)."""
        with self._read() as conn:
            return _doses.dose_table(conn)

    # -- own recipes ----------------------------------------------------------------

    def set_recipe_weight(self, text: str, grams: float) -> None:
        """Remember what one full recipe of the user's own weighs.

        Parameters
        ----------
        text
            The recipe's name as written in the diary ('Kafa'); other spellings with the
            same ``normalise_key`` follow.
        grams
            The weight of one full recipe in grams (above zero, at most 50 kg).

        Raises
        ------
        StoreError
            The text holds no word or the weight is not a number of grams in that range.
        """
        key = _corrections.correction_key(text)
        grams = _recipe_weights.check_recipe_grams(grams)
        with self._write() as conn:
            _recipe_weights.upsert_recipe_weight(conn, text.strip(), key, grams, _now())

    def remove_recipe_weight(self, text: str) -> bool:
        """Forget a recipe's weight; True if one was removed."""
        with self._write() as conn:
            cursor = conn.execute("DELETE FROM recipe_weights WHERE key = ?", (normalise_key(text),))
        return cursor.rowcount > 0

    def recipe_weights(self) -> dict[str, float]:
        """Return every remembered weight as ``{normalise_key(text): grams in one full recipe}``,
        as ``analyzer.apply_recipe_weights`` takes them."""
        with self._read() as conn:
            return _recipe_weights.read_recipe_weights(conn)

    def list_recipe_weights(self) -> pd.DataFrame:
        """Return the weights as a table for people: ``text, key, grams, created_at`` (UTC)."""
        with self._read() as conn:
            return _recipe_weights.recipe_weight_table(conn)

    def import_corrections_csv(self, data: bytes, known_food_ids: Container[int] | None = None) -> int:
        """Add the corrections of a CSV file, all of them or none.

        Parameters
        ----------
        data
            A file as written by :meth:`export_corrections_csv` (or edited in a
            spreadsheet): columns ``text`` and ``food_id``, optionally ``description``.
        known_food_ids
            When given (a set of ids, or the ``FoodTable``, which also knows its branded
            foods), rows naming a food outside it are rejected.

        Returns
        -------
        int
            How many corrections, supplement doses and recipe weights were written; a text
            already stored is replaced.

        Raises
        ------
        CorrectionsImportError
            Some rows are bad; its ``failures`` table lists each with its row number.
        """
        rows = read_corrections_csv(data, normalise_key, known_food_ids)
        now = _now()
        with self._write() as conn:
            for row in rows:
                if row.dose is not None:
                    _doses.upsert_dose(conn, row.text, row.key, row.dose, now)
                elif row.recipe_grams is not None:
                    _recipe_weights.upsert_recipe_weight(conn, row.text, row.key, row.recipe_grams, now)
                elif row.food_id is not None:  # read_corrections_csv gives every other row a food number
                    _corrections.upsert(conn, row.text, row.key, row.food_id, row.description, now)
        return len({(row.key, row.dose is None, row.recipe_grams is None) for row in rows})

    # -- diaries -------------------------------------------------------------------

    def save_diary(self, name: str, entries: pd.DataFrame, meta: Mapping[str, Any]) -> int:
        """Save a diary under a name, replacing any diary with that name.

        Parameters
        ----------
        name
            The name people see; leading and trailing spaces are dropped.
        entries
            The diary's entries; any columns, dtypes and index are kept.
        meta
            Facts about the diary (``format``, notes, file name...).
            ``meta["format"]`` is shown in :meth:`list_diaries`.

        Returns
        -------
        int
            The diary's id; a replaced diary keeps its id and ``created_at``.

        Raises
        ------
        StoreError
            The name is empty or too long, a value cannot be saved, or the
            database cannot be written. Nothing is saved then.
        """
        name = _diaries.check_name(name)
        if not isinstance(entries, pd.DataFrame):
            raise TypeError(f"entries must be a pandas DataFrame, not {type(entries).__name__}")
        # Encode before taking the write lock, so other sessions wait only for the disk.
        spec_json, rows = encode_frame(entries)
        try:
            meta_json = json.dumps(encode_value(dict(meta)))
        except StoreError as err:
            raise StoreError(f"The diary's details cannot be saved. {err.message}", value=err.value) from err
        file_format = meta.get("format")
        file_format = file_format if isinstance(file_format, str) else ""
        with self._write() as conn:
            return _diaries.write_diary(conn, name, spec_json, rows, meta_json, file_format, _now())

    def unused_diary_name(self, wanted: str) -> str:
        """Return a name no saved diary has: ``wanted``, or ``wanted (2)``, ``(3)``...

        A name longer than the store allows (a long file name) is cut with an
        ellipsis, the number kept, so the result can always be saved.
        """
        with self._read() as conn:
            taken = {name for (name,) in conn.execute("SELECT name FROM diaries")}
        return _diaries.unused_name(wanted, taken)

    def list_diaries(self) -> pd.DataFrame:
        """Return the saved diaries, most recently saved first.

        Returns
        -------
        pandas.DataFrame
            Columns ``id, name, created_at, updated_at, n_rows, format`` (times in UTC).
        """
        with self._read() as conn:
            return _diaries.diary_table(conn)

    def load_diary(self, diary_id: int) -> tuple[pd.DataFrame, dict[str, Any]]:
        """Return a saved diary's entries and meta exactly as they were saved.

        Parameters
        ----------
        diary_id
            An id from :meth:`save_diary` or :meth:`list_diaries`.

        Returns
        -------
        tuple of (pandas.DataFrame, dict)

        Raises
        ------
        StoreError
            No diary has this id.
        """
        with self._read() as conn:
            spec_json, meta_json, texts = _diaries.read_diary(conn, diary_id)
        return decode_frame(spec_json, texts), loads(meta_json)

    def rename_diary(self, diary_id: int, new_name: str) -> None:
        """Give a saved diary another name.

        Raises
        ------
        StoreError
            No diary has this id, the name is empty, or another diary has it.
        """
        new_name = _diaries.check_name(new_name)
        with self._write() as conn:
            _diaries.rename_diary(conn, diary_id, new_name, _now())

    def delete_diary(self, diary_id: int) -> bool:
        """Delete a saved diary and its entries.

        Returns
        -------
        bool
            True if a diary was deleted, False if none had this id.
        """
        with self._write() as conn:
            cursor = conn.execute("DELETE FROM diaries WHERE id = ?", (diary_id,))
        return cursor.rowcount > 0

    # -- settings ------------------------------------------------------------------

    def save_profile(self, profile: Profile) -> None:
        """Remember the age/sex profile, so the next session starts with it.

        Raises
        ------
        StoreError
            The database cannot be written; nothing is saved then.
        """
        if not isinstance(profile, Profile):
            raise TypeError(f"profile must be a Profile, not {type(profile).__name__}")
        value = {"age": float(profile.age), "sex": profile.sex, "pregnant": bool(profile.pregnant),
                 "lactating": bool(profile.lactating), "authority": profile.authority}
        with self._write() as conn:
            _settings.write(conn, "profile", value, _now())

    def profile(self) -> Profile | None:
        """Return the saved profile, or None when none was saved."""
        with self._read() as conn:
            value = _settings.read(conn, "profile")
        return None if value is None else Profile(**value)

    def save_tap_water(self, tap: TapWater | None) -> None:
        """Remember the user's tap water (None forgets it).

        The values are checked again before anything is written.

        Raises
        ------
        WaterSettingError
            A value is negative, absurd or in an unknown unit; nothing is saved.
        """
        checked = None if tap is None else TapWater.from_dict(tap.to_dict()).to_dict()
        with self._write() as conn:
            if checked is None:
                _settings.delete(conn, "tap_water")
            else:
                _settings.write(conn, "tap_water", checked, _now())

    def save_water_habit(self, litres: float | None) -> None:
        """Remember the daily water habit in litres; None or 0 turns it off.

        Raises
        ------
        WaterSettingError
            Negative, not a number or absurd; nothing is saved.
        """
        litres = water_habit(litres)
        with self._write() as conn:
            if litres is None:
                _settings.delete(conn, "water_habit_litres")
            else:
                _settings.write(conn, "water_habit_litres", litres, _now())

    def water_settings(self) -> WaterSettings:
        """Return the saved tap water and daily habit (empty settings when none are saved)."""
        with self._read() as conn:
            tap, habit = _settings.read(conn, "tap_water"), _settings.read(conn, "water_habit_litres")
        return WaterSettings(tap=None if tap is None else TapWater.from_dict(tap), habit_litres=habit)

    def save_last_diary(self, diary_id: int | None) -> None:
        """Remember which saved diary was viewed last (None forgets it), for the next session to reopen.

        Raises
        ------
        StoreError
            The database cannot be written; nothing is saved then.
        """
        with self._write() as conn:
            if diary_id is None:
                _settings.delete(conn, "last_diary")
            else:
                _settings.write(conn, "last_diary", int(diary_id), _now())

    def last_diary(self) -> int | None:
        """Return the id of the diary viewed last, or None when none was remembered."""
        with self._read() as conn:
            value = _settings.read(conn, "last_diary")
        return None if value is None else int(value)

    # -- transactions --------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock, _as_store_error(self.path, "saved"):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        # One read transaction, so a diary and its entries come from the same snapshot.
        with self._lock, _as_store_error(self.path, "read"):
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                self._conn.execute("COMMIT")


@contextmanager
def _as_store_error(path: Path, verb: str) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as err:
        base = "_".join(getattr(err, "sqlite_errorname", "").split("_")[:2])
        problem = _SQLITE_PROBLEMS.get(base, str(err))
        raise StoreError(f"Your data could not be {verb} because {problem} ({path}).",
                         value=str(path)) from err


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")
