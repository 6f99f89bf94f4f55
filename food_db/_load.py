"""Load the built food database for use (read-only, cached once per process).

Reading the tables out of SQLite into DataFrames costs about 0.17 s, paid by every CLI run
and app start; a pickled copy of those DataFrames (a *snapshot*) is read back in a few
milliseconds. The snapshot lives beside the database, is written the first time a build is
loaded, and is keyed by the database file (size, modification time, build metadata) and by
the pandas and numpy versions that wrote it, so a rebuilt database or upgraded pandas is
read from SQLite again. A snapshot that cannot be read or written is passed over.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import os
import pickle
import sqlite3
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from ._branded import branded_rows
from ._build import SCHEMA_VERSION, Progress, build, data_files_sha256
from ._paths import database_path
from .errors import FoodDatabaseError, InvalidArgumentError, NotBuiltError

__all__ = ["AUTHORITIES", "AUTHORITY_REGIONS", "FoodTable", "ensure_built", "info", "load", "measures",
           "reference_intakes"]


def _authorities() -> tuple[dict[str, str], dict[str, str]]:
    """``authorities.csv``: each authority's name for people, and where its values apply."""
    with Path(__file__).with_name("authorities.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {r["authority"]: r["name"] for r in rows}, {r["authority"]: r["region"] for r in rows}


#: Authorities whose reference intakes the tables hold, to their names for people, and to where they apply.
AUTHORITIES, AUTHORITY_REGIONS = _authorities()


@dataclass(frozen=True, eq=False)
class FoodTable:
    """The food database as DataFrames (see docs/ARCHITECTURE.md for the columns).

    Attributes
    ----------
    foods
        One row per food (SR28, FNDDS, Foundation), index ``food_id``; ``source``,
        ``source_label`` (show it beside any value); nutrients per 100 g, NaN when unknown.
        Branded foods are not here: see :func:`food_db.search_branded`.
    measures
        Household measures: ``food_id, seq, amount, description, grams, estimated_from``
        (empty for the food's own measures; else what a borrowed measure was based on).
    reference
        Reference intakes by authority, nutrient and life stage, with sources.
    menaquinones
        The cited menaquinone table as shipped.
    ratio_ranges
        Commonly cited intake ratios (e.g. Ca:Mg) with their sources.
    meta
        Build metadata: schema version, source checksums, counts.
    path
        The SQLite file these came from.
    """

    foods: pd.DataFrame
    measures: pd.DataFrame
    reference: pd.DataFrame
    menaquinones: pd.DataFrame
    ratio_ranges: pd.DataFrame
    meta: dict
    path: Path

    def with_branded(self, food_ids) -> FoodTable:
        """This table plus the given branded foods (read from disk), e.g. those a diary matched.

        Returns a new table (``measures`` kept ordered by ``food_id``); ids already in it and
        unknown ids are skipped.
        """
        wanted = [int(i) for i in food_ids if int(i) not in self.foods.index]
        foods, measures = branded_rows(wanted, path=self.path)
        if foods.empty:
            return self
        measures = pd.concat([self.measures, measures[self.measures.columns]], ignore_index=True)
        return replace(self, foods=pd.concat([self.foods, foods.reindex(columns=self.foods.columns)]),
                       measures=measures.sort_values(["food_id", "seq"], kind="stable", ignore_index=True))

    def __contains__(self, food_id: object) -> bool:
        """Whether ``food_id`` names a food of this table or a branded food of its database.

        So a user's correction to a branded food (which the table holds only once a diary
        matched it) is still recognised, e.g. when a corrections file is imported again.
        """
        try:
            food_id = int(food_id)  # type: ignore[call-overload]  # anything else is simply not a food id
        except (TypeError, ValueError):
            return False
        return food_id in self.foods.index or not branded_rows([food_id], path=self.path)[0].empty

    def measures_of(self, food_id: int) -> pd.DataFrame:
        """Household measures of one food, in USDA's order (``seq``); empty if it has none.

        The same DataFrame object is returned for the same food (callers may cache by it).
        """
        cache = self.__dict__.setdefault("_measures_cache", {})
        food_id = int(food_id)
        if food_id not in cache:
            # measures is sorted by (food_id, seq): a binary search beats grouping 15,438 rows.
            ids = self.__dict__.get("_measure_ids")
            if ids is None:
                ids = self.measures["food_id"].to_numpy()
                object.__setattr__(self, "_measure_ids", ids)
            left, right = np.searchsorted(ids, food_id, "left"), np.searchsorted(ids, food_id, "right")
            cache[food_id] = self.measures.iloc[left:right]
        return cache[food_id]


def _numeric(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """SQLite returns None for an all-empty column: make the numeric ones float (NaN)."""
    for column in columns:
        if column in frame:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    return frame


def _read_meta(con: sqlite3.Connection) -> dict:
    return dict(con.execute("SELECT key, value FROM meta").fetchall())


#: The DataFrames of a FoodTable that a snapshot holds (meta and path are read afresh).
_SNAPSHOT_FIELDS = ("foods", "measures", "reference", "menaquinones", "ratio_ranges")


def _snapshot_path(path: Path, meta: dict) -> Path:
    """Where the snapshot of the database at ``path`` lives: its name carries its key."""
    stat = path.stat()
    key = json.dumps([SCHEMA_VERSION, stat.st_size, stat.st_mtime_ns, meta, pd.__version__, np.__version__,
                      sys.version], sort_keys=True, default=str)
    return path.with_name(f"{path.name}.{hashlib.sha256(key.encode()).hexdigest()[:16]}.snapshot.pickle")


def _read_snapshot(snapshot: Path) -> dict | None:
    try:
        with open(snapshot, "rb") as fh:
            frames = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError,
            IndexError, KeyError):
        return None
    if not isinstance(frames, dict) or set(frames) != set(_SNAPSHOT_FIELDS) \
            or not all(isinstance(frame, pd.DataFrame) for frame in frames.values()):
        return None
    return frames


def _write_snapshot(path: Path, snapshot: Path, frames: dict) -> None:
    try:
        for old in path.parent.glob(f"{path.name}.*.snapshot.pickle"):
            old.unlink(missing_ok=True)  # an earlier build's snapshot
        temporary = snapshot.with_name(f"{snapshot.name}.tmp-{os.getpid()}")
        temporary.write_bytes(pickle.dumps(frames, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, snapshot)
    except OSError:
        pass  # a read-only folder only costs the SQLite read next time


def _read_tables(con: sqlite3.Connection) -> dict:
    """The FoodTable's DataFrames, read from SQLite."""
    return {
        "foods": pd.read_sql("SELECT * FROM foods", con, index_col="food_id"),
        "measures": pd.read_sql("SELECT food_id, seq, amount, description, grams, estimated_from FROM measures "
                                "ORDER BY food_id, seq", con),
        "reference": _numeric(pd.read_sql("SELECT * FROM reference_intakes", con),
                              ("age_min", "age_max", "rda", "ai", "ul", "cdrr")),
        "menaquinones": pd.read_sql("SELECT * FROM menaquinones", con),
        "ratio_ranges": _numeric(pd.read_sql("SELECT * FROM ratio_ranges", con), ("low", "high")),
    }


def _status(path: Path, *, check_data_files: bool = True) -> str | None:
    """None when the database at ``path`` is usable, else the reason it is not.

    ``check_data_files`` also requires it to have been built from the current data files
    (``ensure_built`` rebuilds then; ``load`` accepts an older build of the same schema).
    """
    if not path.exists():
        return f"The food database has not been built yet ({path})."
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = _read_meta(con)
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return f"The file at {path} is not a Mineralog food database."
    if meta.get("schema_version") != SCHEMA_VERSION:
        return "The food database was built by another version of Mineralog."
    if check_data_files and meta.get("data_files_sha256") != data_files_sha256():
        return "The food database was built from older data files."
    return None


def ensure_built(progress: Progress | None = None, *, allow_download: bool = True, path: Path | None = None) -> Path:
    """Return the database path, building it first when it is missing or stale.

    With ``allow_download=False`` (the app at run time) the build uses only archives
    that are already cached (SR28 required, FoodData Central if there); it never reaches the network.
    """
    path = Path(path or database_path())
    if _status(path) is None:
        return path
    if not allow_download:
        from ._paths import downloads_dir
        from ._source import SOURCE
        if not (downloads_dir() / SOURCE["archive_name"]).exists():
            raise NotBuiltError(f"{_status(path)} Run `make run` or `python -m food_db build` once to set it up.")
    build(target=path, progress=progress, allow_download=allow_download)
    load.cache_clear()
    return path


@functools.lru_cache(maxsize=2)
def load(path: str | Path | None = None) -> FoodTable:
    """Load the food table (cached per process).

    Raises :class:`NotBuiltError` when the database is missing or stale (it builds nothing).
    """
    path = Path(path or database_path())
    problem = _status(path, check_data_files=False)
    if problem:
        raise NotBuiltError(f"{problem} Run `python -m food_db build`.")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        meta = _read_meta(con)
        snapshot = _snapshot_path(path, meta)
        frames = _read_snapshot(snapshot)
        if frames is None:
            frames = _read_tables(con)
            _write_snapshot(path, snapshot, frames)
    except (sqlite3.DatabaseError, pd.errors.DatabaseError) as exc:
        raise FoodDatabaseError(f"The food database at {path} cannot be read ({exc}); delete it and rebuild.") from exc
    finally:
        con.close()
    return FoodTable(**frames, meta=meta, path=path)


def measures(food_id: int) -> pd.DataFrame:
    """Household measures of one food (``amount, description, grams``), in USDA's order."""
    return load().measures_of(food_id)


def reference_intakes(age: float, sex: str, pregnant: bool = False, lactating: bool = False,
                      authority: str = "nasem") -> pd.DataFrame:
    """Reference intakes for one person, one row per nutrient.

    Parameters
    ----------
    age
        Age in years.
    sex
        ``"F"`` or ``"M"``.
    pregnant, lactating
        Life stage; where the authority gives no value for the stage, the general value is used.
    authority
        ``"nasem"`` (National Academies, default) or ``"efsa"``.
    """
    if authority not in AUTHORITIES:
        raise InvalidArgumentError(f"The authority must be one of {sorted(AUTHORITIES)}, not {authority!r}.",
                                   column="authority", value=authority)
    sex = str(sex).upper()[:1]
    table = load().reference
    rows = table[(table["authority"] == authority) & (table["age_min"] <= age) & (age < table["age_max"])
                 & table["sex"].isin([sex, "any"])]
    stage = "pregnancy" if pregnant else "lactation" if lactating else "general"
    chosen = []
    for _, group in rows.groupby("nutrient", sort=True):
        staged = group[group["life_stage"] == stage]
        pick = staged if not staged.empty else group[group["life_stage"] == "general"]
        if not pick.empty:
            pick = pick.assign(_exact=pick["sex"] == sex).sort_values("_exact", ascending=False)
            chosen.append(pick.iloc[0])
    result = pd.DataFrame(chosen).drop(columns="_exact", errors="ignore").reset_index(drop=True)
    return result


def info(path: Path | None = None) -> dict:
    """Counts, sources and location of the database, for ``python -m food_db info``."""
    table = load(path)
    k2 = table.foods["k2_status"].value_counts().to_dict()
    counts = json.loads(table.meta.get("source_counts", "{}")) or table.foods["source"].value_counts().to_dict()
    return {"path": str(table.path), **table.meta, "foods_per_source": counts, "k2_status_counts": k2,
            "reference_rows": len(table.reference), "menaquinone_rows": len(table.menaquinones)}
