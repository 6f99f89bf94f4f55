"""Branded foods (FoodData Central label data): their own SQLite tables, searched by name.

There are about 360,000 of them, too many to hold in memory beside the matcher's index (it
must load in under a second), so they stay on disk: ``branded_foods`` (one row per food,
nutrients per 100 g, NaN when the label does not give them), ``branded_measures`` (the
label's serving as a household measure) and ``branded_fts``, an FTS5 index of the names.
A lookup opens the database read-only, once per thread.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ._paths import database_path
from ._provenance import source_labels
from .errors import FoodDatabaseError, NotBuiltError

__all__ = ["BrandedFood", "branded_available", "branded_candidates", "branded_food", "branded_rows",
           "names_holding", "search_branded", "write_branded"]

_TOKEN = re.compile(r"\w+", re.UNICODE)
#: The fallback search uses only words in at most this many names. Measured on the 363,007
#: names: brand words are rare ("premier" 17, "kirkland" 3) and food words common ("protein"
#: 3,456, "chocolate" 19,348); ranking every name with a common word took 50-110 ms a query.
_DISTINCT_DOCS = 2000
_local = threading.local()


def write_branded(con: sqlite3.Connection, foods: pd.DataFrame, measures: pd.DataFrame) -> None:
    """Write the branded tables and their name index into an open (build-time) connection.

    Parameters
    ----------
    foods
        Index ``food_id``; ``description, food_category`` and nutrient columns per 100 g.
    measures
        ``food_id, seq, amount, description, grams``.
    """
    nutrients = [c for c in foods.columns if c not in ("description", "food_category")]
    columns = ", ".join(f'"{c}" REAL' for c in nutrients)
    con.execute(f"CREATE TABLE branded_foods (food_id INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                f"food_category TEXT{', ' + columns if columns else ''})")
    rows = foods[["description", "food_category", *nutrients]].astype(object)
    rows = rows.where(rows.notna(), None)  # NULL in SQLite, NaN again when read
    con.executemany(f"INSERT INTO branded_foods VALUES ({', '.join('?' * (len(nutrients) + 3))})",
                    zip(foods.index.tolist(), *(rows[c].tolist() for c in rows.columns), strict=True))
    measures.to_sql("branded_measures", con, index=False, chunksize=50_000)
    con.execute("CREATE INDEX idx_branded_measures_food ON branded_measures(food_id, seq)")
    con.execute("CREATE VIRTUAL TABLE branded_fts USING fts5(description, content='branded_foods', "
                "content_rowid='food_id', tokenize='unicode61 remove_diacritics 2')")
    con.execute("INSERT INTO branded_fts(branded_fts) VALUES ('rebuild')")
    # How many names hold each word, read by the search's fallback (a view over the index: no data).
    con.execute("CREATE VIRTUAL TABLE branded_vocab USING fts5vocab(branded_fts, 'row')")


def _connection(path: Path | None) -> sqlite3.Connection:
    """A read-only connection to the database, one per thread and path (opening costs ~1 ms)."""
    path = Path(path or database_path())
    cache = _local.__dict__.setdefault("connections", {})
    key = str(path)
    if key not in cache:
        if not path.exists():
            raise NotBuiltError(f"The food database has not been built yet ({path}). Run `python -m food_db build`.")
        cache[key] = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    return cache[key]


def _remembered(con: sqlite3.Connection) -> dict:
    """Answers already read through this thread's read-only connection (:func:`_connection` keeps
    each open for the thread's life, so its id names it): the database it reads does not change."""
    return _local.__dict__.setdefault("answers", {}).setdefault(id(con), {})


def _has_branded(con: sqlite3.Connection) -> bool:
    # Asked before every branded query (1,138 times in a 10,000-row diary's import): read once.
    answers = _remembered(con)
    if "has_branded" not in answers:
        answers["has_branded"] = con.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'branded_fts'").fetchone() is not None
    return answers["has_branded"]


def _query(con: sqlite3.Connection, text: str, any_word: bool) -> str:
    """An FTS5 query of the text's words, each quoted (so no word is read as an operator).

    ``any_word``: names with any of the text's distinctive words (see ``_DISTINCT_DOCS``).
    """
    words = list(dict.fromkeys(_TOKEN.findall(text.lower())))
    if any_word:
        docs = dict(con.execute(f"SELECT term, doc FROM branded_vocab WHERE term IN ({', '.join('?' * len(words))})",
                                words).fetchall())
        words = [w for w in words if 0 < docs.get(w, 0) <= _DISTINCT_DOCS]
    return (" OR " if any_word else " ").join(f'"{w}"' for w in words)


def _frame(con: sqlite3.Connection, sql: str, params: tuple) -> pd.DataFrame:
    try:
        frame = pd.read_sql(sql, con, params=params)
    except (sqlite3.DatabaseError, pd.errors.DatabaseError) as exc:
        raise FoodDatabaseError(f"The branded foods cannot be read ({exc}); rebuild the food database.") from exc
    for column in frame.columns.drop(["food_id", "description", "food_category", "score"], errors="ignore"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    frame.insert(2, "source", "branded")
    frame.insert(3, "source_label", source_labels("branded", frame["food_id"], frame["description"]).to_numpy())
    return frame


def search_branded(text: str, limit: int = 10, *, path: Path | None = None) -> pd.DataFrame:
    """Branded foods whose names contain the words of ``text``, best first.

    Every word must appear in the name; when no name has them all, names with any of its
    distinctive words (those in at most 2,000 names: brands, not "milk") are returned,
    ranked by FTS5's bm25 (rarer words weigh more), so a caller can see how weak the match
    is from ``score`` and ``matched_all``.

    Parameters
    ----------
    text
        Food text as written in the diary ("Premier Protein shake chocolate").
    limit
        Most candidates to return.
    path
        The database; default :func:`food_db.database_path`.

    Returns
    -------
    pandas.DataFrame
        ``food_id, description, source, source_label, food_category``, the nutrients per 100 g
        (NaN when the label gives none), ``score`` (bm25: lower is better) and ``matched_all``.
        Empty when nothing matches, or when the database was built without branded foods.
    """
    con = _connection(path)
    # No candidates: also what a text of only very common words gets (``_query`` returns "").
    frame = pd.DataFrame(columns=["food_id", "description", "source", "source_label", "score", "matched_all"])
    if not _has_branded(con) or not _TOKEN.search(text or ""):
        return frame
    sql = ("SELECT f.*, bm25(branded_fts) AS score FROM branded_fts JOIN branded_foods f "
           "ON f.food_id = branded_fts.rowid WHERE branded_fts MATCH ? ORDER BY score, f.food_id LIMIT ?")
    for any_word in (False, True):
        query = _query(con, text, any_word)
        if not query:
            break
        frame = _frame(con, sql, (query, int(limit)))
        if not frame.empty:
            frame["matched_all"] = not any_word
            return frame
    return frame.assign(matched_all=pd.Series(dtype=bool))


@dataclass(frozen=True)
class BrandedFood:
    """One branded food: its row (nutrients per 100 g) and its household measures.

    Attributes
    ----------
    food
        ``description, source, source_label, food_category`` and the nutrient columns.
    measures
        ``food_id, seq, amount, description, grams`` (the label's serving), as ``FoodTable.measures``.
    """

    food: pd.Series
    measures: pd.DataFrame


def branded_food(food_id: int, *, path: Path | None = None) -> BrandedFood:
    """One branded food by id, with its serving as a measure.

    Raises
    ------
    KeyError
        No branded food has this id.
    """
    con = _connection(path)
    if not _has_branded(con):
        raise KeyError(f"no branded food {food_id}: the food database was built without branded foods")
    rows = _frame(con, "SELECT * FROM branded_foods WHERE food_id = ?", (int(food_id),))
    if rows.empty:
        raise KeyError(f"no branded food {food_id}")
    measures = pd.read_sql("SELECT food_id, seq, amount, description, grams FROM branded_measures "
                           "WHERE food_id = ? ORDER BY seq", con, params=(int(food_id),))
    return BrandedFood(rows.set_index("food_id").iloc[0], measures)


def branded_rows(food_ids, *, path: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Branded foods in the shape of ``FoodTable.foods`` and ``FoodTable.measures``.

    For adding the few branded foods a diary matched to the in-memory table
    (:meth:`FoodTable.with_branded`), so the rest of the pipeline treats them like any food.
    Unknown ids are left out. K2 is unknown (labels do not give it); FDC categories become
    ``food_group``.
    """
    con = _connection(path)
    ids = sorted({int(i) for i in food_ids})
    empty = pd.DataFrame(columns=["food_id", "seq", "amount", "description", "grams", "estimated_from"])
    if not ids or not _has_branded(con):
        return pd.DataFrame(index=pd.Index([], name="food_id", dtype="int64")), empty
    marks = ", ".join("?" * len(ids))
    foods = _frame(con, f"SELECT * FROM branded_foods WHERE food_id IN ({marks}) ORDER BY food_id", tuple(ids))
    foods = foods.rename(columns={"food_category": "food_group"}).set_index("food_id")
    foods = foods.assign(food_group_code="", common_name="", manufacturer="", vitamin_k2_ug=float("nan"),
                         k2_mk4_ug=float("nan"), k2_mk7_ug=float("nan"), k2_other_ug=float("nan"),
                         k2_status="unknown", k2_source="")
    measures = pd.read_sql(f"SELECT food_id, seq, amount, description, grams FROM branded_measures "
                           f"WHERE food_id IN ({marks}) ORDER BY food_id, seq", con, params=tuple(ids))
    return foods, _label_servings(measures).assign(estimated_from="")


def _label_servings(measures: pd.DataFrame) -> pd.DataFrame:
    """The label's serving as the food's measures: its own unit ("1 bar, label serving = 40 g")
    and "serving" ("1 serving, label: 1 bar = 40 g"), so "1 serving" of a branded food is the
    label's serving, and the gram detail says what the weight was based on."""
    if measures.empty:
        return measures
    own = measures.assign(description=measures["description"].astype(str) + ", label serving")
    first = measures.drop_duplicates("food_id")
    named = first["description"].astype(str).str.strip().str.lower()
    first = first[~named.isin(["serving", "servings"])]
    amounts = first["amount"].map(lambda a: f"{a:g}")
    serving = first.assign(seq=first["seq"] + 1000, amount=1.0,
                           description="serving, label: " + amounts + " " + first["description"].astype(str))
    return pd.concat([own, serving], ignore_index=True).sort_values(["food_id", "seq"], ignore_index=True)


def branded_available(path: Path | None = None) -> bool:
    """Whether the food database holds the branded foods (False when it is missing or was built without them)."""
    try:
        return _has_branded(_connection(path))
    except (NotBuiltError, sqlite3.Error):
        return False


def names_holding(words: list[str], *, first: bool = False, path: Path | None = None, limit: int = 100_000,
                  anywhere: bool = False) -> int:
    """How many branded names hold these words in this order (``first``: start with them).

    Brand-first labels ("PREMIER PROTEIN, HIGH PROTEIN SHAKE") make the share of names that
    start with some words the evidence that they name a brand. Words are FTS tokens (lower
    case, ``\\w+``); at most ``limit`` names are counted. ``anywhere``: the words may stand
    anywhere in the name, in any order ("PENNE RIGATE PASTA" holds penne and pasta).
    """
    con = _connection(path)
    if not words or not _has_branded(con):
        return 0
    if anywhere:
        query = " ".join('"' + w.replace('"', "") + '"' for w in words)
    else:
        query = ("^" if first else "") + '"' + " ".join(w.replace('"', "") for w in words) + '"'
    # A diary's brand lines count the same words again (1,051 counts, 779 distinct, 0.18 s of the
    # 10,000-row real-shaped diary's import): each count is read once per connection.
    answers, key = _remembered(con), ("names_holding", query, int(limit))
    if key not in answers:
        sql = "SELECT count(*) FROM (SELECT rowid FROM branded_fts WHERE branded_fts MATCH ? LIMIT ?)"
        try:
            answers[key] = int(con.execute(sql, (query, int(limit))).fetchone()[0])
        except sqlite3.OperationalError:
            answers[key] = 0  # a query FTS5 cannot parse finds nothing
    return answers[key]


def branded_candidates(brand: list[str], product: list[str], limit: int = 200, *,
                       path: Path | None = None) -> list[tuple[int, str]]:
    """Branded foods whose names hold the brand's words in order and any of the product's words.

    Parameters
    ----------
    brand, product
        FTS tokens (lower case, ``\\w+``) of the brand and of the product.
    limit
        Most names returned, best bm25 first (rarer shared words weigh more).

    Returns
    -------
    list of (food_id, description)
        Only names whose label states energy.
    """
    con = _connection(path)
    if not brand or not product or not _has_branded(con):
        return []
    words = " OR ".join(f'"{w}"' for w in dict.fromkeys(w.replace('"', "") for w in product))
    query = f'"{" ".join(w.replace(chr(34), "") for w in brand)}" AND ({words})'
    # A label always states energy: a row without it is an incomplete record, not a candidate.
    sql = ("SELECT f.food_id, f.description FROM branded_fts JOIN branded_foods f ON f.food_id = branded_fts.rowid "
           "WHERE branded_fts MATCH ? AND f.energy_kcal IS NOT NULL ORDER BY bm25(branded_fts), f.food_id LIMIT ?")
    try:
        return [(int(i), str(d)) for i, d in con.execute(sql, (query, int(limit)))]
    except sqlite3.OperationalError:
        return []  # a query FTS5 cannot parse finds nothing
