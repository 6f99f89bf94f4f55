"""Remember match results between runs, so a diary seen before needs no matcher at all.

A rebuildable, local-only cache (SQLite in the cache folder, beside the food database).
Its entries are keyed by a version that changes with the food database and with the
matcher's code and data files, so an improved matcher is never hidden by old results.
User corrections are applied after the cache, so they always win.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import food_db

from .._long_lived import long_lived
from ._match import DEFAULT_THRESHOLD, Candidate, FoodMatcher, MatchResult, confidence_of, corrected

__all__ = ["cache_path", "cached_grams", "cached_match_many", "cached_search", "get_matcher", "grams_version",
           "load_or_build_index", "load_or_build_matcher", "matcher_version"]

#: The analyzer package folder: its data files, and its modules (in their stage folders).
HERE = Path(__file__).parents[1]
#: Files whose change must invalidate cached matches (found by name anywhere in the package).
MATCHER_FILES = ("_match.py", "_normalise.py", "_food_text.py", "food_synonyms.csv", "food_preferences.csv",
                 "food_names_regional.csv", "month_names.csv", "survey_wording.csv")
#: food_db files the matcher folds words with: the shared plural rule and its irregular plurals.
FOOD_DB_WORD_FILES = ("_words.py", "irregular_plurals.csv")
#: Files whose change must invalidate remembered grams: the amount parser, the gram
#: resolution, units, FDA reference amounts, the reason sentences and the import code
#: that calls them (its food-name count rule uses ``_normalise`` and ``_food_text``).
GRAMS_FILES = ("_import.py", "_grams.py", "_amounts.py", "_units.py", "_racc.py", "_normalise.py", "messages.py",
               "errors.py", "unit_aliases.csv", "fda_racc.csv", "_food_text.py", "_solids.py", "solid_food_groups.csv",
               "../food_db/_branded.py",  # a branded food's measures are its label serving, made there
               "../food_db/_words.py", "../food_db/irregular_plurals.csv",  # unit plurals
               "food_synonyms.csv")  # form words: a cup of flakes is no cup of kernels


def _package_file(name: str) -> Path:
    """A file of the package by its name, beside this module's package folder or in any folder below it."""
    direct = HERE / name
    return direct if direct.exists() else next(HERE.rglob(name), direct)


def cache_path() -> Path:
    """``$MINERALOG_MATCH_CACHE``, else ``match-cache.sqlite`` in the food database's cache folder."""
    explicit = os.environ.get("MINERALOG_MATCH_CACHE")
    return Path(explicit) if explicit else food_db.cache_dir() / "match-cache.sqlite"


@lru_cache(maxsize=4)
def matcher_version(database_stamp: str) -> str:
    """A digest of the food database build and the matcher's own files."""
    digest = hashlib.sha256(f"{database_stamp}|{DEFAULT_THRESHOLD}".encode())
    for name in MATCHER_FILES:
        digest.update(_package_file(name).read_bytes())
    for name in FOOD_DB_WORD_FILES:
        digest.update(Path(food_db.__file__).with_name(name).read_bytes())
    return digest.hexdigest()[:20]


@lru_cache(maxsize=4)
def grams_version(database_stamp: str) -> str:
    """A digest of the food database build, the gram-resolution code and data, and pint's version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        pint_version = version("pint")  # unit factors come from pint's definitions
    except PackageNotFoundError:
        pint_version = "?"
    digest = hashlib.sha256(f"grams|{database_stamp}|{pint_version}".encode())
    for name in GRAMS_FILES:
        digest.update(_package_file(name).read_bytes())
    return digest.hexdigest()[:20]


def _database_stamp(table) -> str:
    return f"{table.meta.get('data_files_sha256')}|{table.meta.get('sr28_sha256')}|{table.meta.get('built_at')}"


#: The matcher last read or built, with the foods it indexes: a run that asks twice (matching,
#: then an export category's search) reads the saved index once (~0.1 s each time).
_LOADED: list = []


def load_or_build_matcher(table) -> FoodMatcher:
    """The matcher for ``table``, from its on-disk copy when one was saved for this version.

    Building the index takes about a second; reading the saved one a few milliseconds.
    The copy lives beside the food database (a cache we wrote ourselves) and is
    replaced atomically; one that cannot be read or written is simply rebuilt.
    """
    # A built database's saved index is the same file for the table with the diary's branded foods
    # added (``with_matched_branded``); a table made in memory is its own.
    key = (_database_stamp(table), _index_folder())
    if _LOADED and _LOADED[1] == key and (_LOADED[0] is table.foods or table.meta.get("built_at")):
        return _LOADED[2]
    matcher = load_or_build_index(table, "matcher", lambda: FoodMatcher(table.foods), FoodMatcher)
    _LOADED[:] = [table.foods, key, matcher]
    return matcher


T = TypeVar("T")


def _index_folder() -> Path:
    return Path(os.environ.get("MINERALOG_MATCHER_CACHE") or food_db.cache_dir())


def load_or_build_index(table, name: str, build: Callable[[], T], kind: type[T], code: Iterable[Path] = ()) -> T:
    """An index over ``table`` read from ``<name>-<version>.pickle`` in the matcher's cache folder,
    else ``build()`` and saved there (see :func:`load_or_build_matcher`).

    The version is the matcher's (:func:`matcher_version`) and the bytes of the ``code`` files
    that build the index, so a new food database or matcher rebuilds it with the matcher.
    """
    version = matcher_version(_database_stamp(table))
    if code:
        digest = hashlib.sha256(version.encode())
        for file in code:
            digest.update(Path(file).read_bytes())
        version = digest.hexdigest()[:20]
    path = _index_folder() / f"{name}-{version}.pickle"
    try:
        with open(path, "rb") as fh, long_lived():  # kept for the process: out of the cycle collector's walks
            index = pickle.load(fh)
        if isinstance(index, kind):
            return index
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    with long_lived():
        index = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{name}-*.pickle"):
            old.unlink(missing_ok=True)  # an older matcher or database
        temporary = path.with_name(f"{path.name}.tmp-{os.getpid()}")
        temporary.write_bytes(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only cache only costs the build next time
    return index


@lru_cache(maxsize=1)
def get_matcher() -> FoodMatcher:
    """The process-wide matcher over ``food_db.load().foods``, built once.

    Returns
    -------
    FoodMatcher
        Built on first call (about a second; read back in milliseconds from the copy saved in
        the cache folder, see :func:`load_or_build_matcher`), then cached.
    """
    return load_or_build_matcher(food_db.load())


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=5)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE IF NOT EXISTS matches (version TEXT, text TEXT, result TEXT, "
                "PRIMARY KEY (version, text))")
    con.execute("CREATE TABLE IF NOT EXISTS grams (version TEXT, food_id INTEGER, amount TEXT, food_text TEXT, "
                "result TEXT, PRIMARY KEY (version, food_id, amount, food_text))")
    con.execute("CREATE TABLE IF NOT EXISTS searches (version TEXT, text TEXT, lim INTEGER, result TEXT, "
                "PRIMARY KEY (version, text, lim))")
    return con


def _encode(result: MatchResult) -> str:
    return json.dumps([result.food_id, result.description, result.score,
                       [[c.food_id, c.description, c.score] for c in result.alternatives]])


def _decode(text: str, payload: str) -> MatchResult:
    food_id, description, score, alternatives = json.loads(payload)
    confidence = confidence_of(score) if food_id is not None else "none"
    return MatchResult(text, food_id, description, score, tuple(Candidate(*c) for c in alternatives),
                       confidence=confidence)


def _read(con: sqlite3.Connection, version: str, texts: list[str]) -> dict[str, MatchResult]:
    found: dict[str, MatchResult] = {}
    for start in range(0, len(texts), 500):  # SQLite's bound-parameter limit
        chunk = texts[start:start + 500]
        marks = ",".join("?" * len(chunk))
        rows = con.execute(f"SELECT text, result FROM matches WHERE version = ? AND text IN ({marks})",
                           [version, *chunk])
        found.update({text: _decode(text, payload) for text, payload in rows})
    return found


def _write(con: sqlite3.Connection, version: str, results: Mapping[str, MatchResult]) -> None:
    with con:
        con.execute("DELETE FROM matches WHERE version != ?", (version,))  # older matcher or database
        con.executemany("INSERT OR REPLACE INTO matches VALUES (?, ?, ?)",
                        [(version, text, _encode(result)) for text, result in results.items()])


def _apply_corrections(results: dict[str, MatchResult], corrections: Mapping[str, int] | None,
                       descriptions: Mapping[int, str]) -> dict[str, MatchResult]:
    if not corrections:
        return results
    return {text: corrected(text, corrections, descriptions.get, result.alternatives) or result
            for text, result in results.items()}


def cached_match_many(texts: Iterable[str], *, table, corrections: Mapping[str, int] | None = None,
                      progress: Callable[[float], None] | None = None,
                      matcher_factory: Callable[[], FoodMatcher] = get_matcher) -> dict[str, MatchResult]:
    """Like :meth:`FoodMatcher.match_many`, but texts matched in an earlier run come from the cache.

    The matcher is only built when some text is new. A cache that cannot be opened
    (read-only folder, damaged file) is passed over: matching still works.
    """
    distinct = [t for t in dict.fromkeys(texts)]
    version = matcher_version(_database_stamp(table))
    path = cache_path()
    try:
        con = _connect(path)
    except sqlite3.Error:
        con = None
    try:
        known = _read(con, version, distinct) if con is not None else {}
    except sqlite3.Error:
        known = {}
    missing = [t for t in distinct if t not in known]
    fresh = matcher_factory().match_many(missing, progress=progress) if missing else {}
    if progress is not None and not missing:
        progress(1.0)
    if con is not None:
        try:
            if fresh:
                _write(con, version, fresh)
        except sqlite3.Error:
            pass  # a cache that cannot be written only costs time next run
        finally:
            con.close()
    descriptions = table.foods["description"]
    lookup = {int(i): d for i, d in zip(descriptions.index, descriptions, strict=True)} if corrections else {}
    return _apply_corrections({**known, **fresh}, corrections, lookup)


#: One remembered gram resolution: (food_id, amount text, food text).
GramsKey = tuple[int, str, str]


def _read_grams(con: sqlite3.Connection, version: str, keys: list[GramsKey]) -> dict[GramsKey, tuple]:
    wanted = set(keys)
    found: dict[GramsKey, tuple] = {}
    for start in range(0, len(keys), 300):  # three parameters per key, under SQLite's limit
        chunk = keys[start:start + 300]
        marks = ",".join(["(?, ?, ?)"] * len(chunk))
        rows = con.execute("SELECT food_id, amount, food_text, result FROM grams WHERE version = ? AND "
                           f"(food_id, amount, food_text) IN (VALUES {marks})",
                           [version, *(part for key in chunk for part in key)])
        for food_id, amount, food_text, payload in rows:
            key = (int(food_id), amount, food_text)
            if key in wanted:
                found[key] = tuple(json.loads(payload))
    return found


def _write_grams(con: sqlite3.Connection, version: str, results: Mapping[GramsKey, tuple]) -> None:
    with con:
        con.execute("DELETE FROM grams WHERE version != ?", (version,))  # older code or database
        con.executemany("INSERT OR REPLACE INTO grams VALUES (?, ?, ?, ?, ?)",
                        [(version, *key, json.dumps(list(value))) for key, value in results.items()])


def cached_grams(keys: Iterable[GramsKey], *, table, compute: Callable[[int, str, str], tuple]
                 ) -> dict[GramsKey, tuple]:
    """``compute(food_id, amount, food_text)`` for each key, remembered between runs.

    A result is a tuple of JSON values (floats, NaN included, come back bit for bit).
    Results are keyed by :func:`grams_version`, so a new food database or a change to
    the amount or gram code recomputes them. A table without build metadata (one
    made in memory) and a cache that cannot be opened are simply computed each time.
    """
    distinct = list(dict.fromkeys((int(food_id), str(amount), str(text)) for food_id, amount, text in keys))
    if not table.meta.get("built_at"):
        return {key: compute(*key) for key in distinct}
    version = grams_version(_database_stamp(table))
    try:
        con = _connect(cache_path())
    except sqlite3.Error:
        return {key: compute(*key) for key in distinct}
    try:
        try:
            known = _read_grams(con, version, distinct)
        except sqlite3.Error:
            known = {}
        fresh = {key: compute(*key) for key in distinct if key not in known}
        if fresh:
            try:
                _write_grams(con, version, fresh)
            except sqlite3.Error:
                pass  # a cache that cannot be written only costs time next run
    finally:
        con.close()
    return {key: known[key] if key in known else fresh[key] for key in distinct}


def cached_search(table, search: Callable[[str, int], list[Candidate]]) -> Callable[[str, int], list[Candidate]]:
    """``search(text, limit)`` (``FoodMatcher.search``) with its results remembered between runs.

    Keyed like the matches (:func:`matcher_version`), so a diary seen before needs no
    matcher index even where its export's categories ask for more candidates. A cache
    that cannot be opened or written is passed over.
    """
    version = matcher_version(_database_stamp(table))

    def remembered(text: str, limit: int) -> list[Candidate]:
        try:
            con = _connect(cache_path())
        except sqlite3.Error:
            return search(text, limit)
        try:
            row = con.execute("SELECT result FROM searches WHERE version = ? AND text = ? AND lim = ?",
                              (version, text, int(limit))).fetchone()
            if row is not None:
                return [Candidate(*candidate) for candidate in json.loads(row[0])]
            found = search(text, limit)
            with con:
                con.execute("DELETE FROM searches WHERE version != ?", (version,))  # older matcher or database
                con.execute("INSERT OR REPLACE INTO searches VALUES (?, ?, ?, ?)",
                            (version, text, int(limit), json.dumps([[c.food_id, c.description, c.score]
                                                                    for c in found])))
            return found
        except sqlite3.Error:
            return search(text, limit)
        finally:
            con.close()

    return remembered
