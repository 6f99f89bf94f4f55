"""Find, check and open the user's database file, and bring its schema up to date.

The user's database holds their own health data, so it is never replaced
silently: a file at the path that is not a Mineralog database (text, an
image, a damaged file, another program's SQLite database) raises
:class:`~analyzer.errors.ForeignDatabaseError` and is left exactly as it was.
Foreign files are only ever read, through their raw header or an
``immutable`` read-only connection that creates no side files.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from analyzer.errors import ForeignDatabaseError, StoreError

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "connect", "default_store_path"]

#: ``PRAGMA application_id`` of a Mineralog user database: ASCII "MNRL".
APPLICATION_ID = int.from_bytes(b"MNRL", "big")

_SQLITE_MAGIC = b"SQLite format 3\x00"
_BUSY_TIMEOUT_MS = 10_000

# Each entry upgrades the schema by one version; entry i takes version i to i + 1.
# Never edit a released entry: append a new one.
_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE corrections (
               key         TEXT PRIMARY KEY,
               text        TEXT NOT NULL,
               food_id     INTEGER NOT NULL CHECK (food_id > 0),
               description TEXT NOT NULL DEFAULT '',
               created_at  TEXT NOT NULL
           )""",
        """CREATE TABLE diaries (
               id           INTEGER PRIMARY KEY,
               name         TEXT NOT NULL UNIQUE,
               format       TEXT NOT NULL DEFAULT '',
               created_at   TEXT NOT NULL,
               updated_at   TEXT NOT NULL,
               n_rows       INTEGER NOT NULL,
               columns_json TEXT NOT NULL,
               meta_json    TEXT NOT NULL
           )""",
        """CREATE TABLE diary_entries (
               diary_id    INTEGER NOT NULL REFERENCES diaries (id) ON DELETE CASCADE,
               position    INTEGER NOT NULL,
               fields_json TEXT NOT NULL,
               PRIMARY KEY (diary_id, position)
           ) WITHOUT ROWID""",
    ),
    (
        # Version 2 (issue 17): the user's settings (profile, tap water, water habit).
        """CREATE TABLE IF NOT EXISTS settings (
               key        TEXT PRIMARY KEY,
               value_json TEXT NOT NULL,
               updated_at TEXT NOT NULL
           )""",
    ),
    (
        # Version 3 (issue 11): what one unit of a supplement contains, entered once by the user
        # (analyzer.store._doses).
        """CREATE TABLE IF NOT EXISTS supplement_doses (
               key        TEXT PRIMARY KEY,
               text       TEXT NOT NULL,
               dose_json  TEXT NOT NULL,
               created_at TEXT NOT NULL
           )""",
    ),
    (
        # Version 4 (issue 18): what one full recipe of the user's own weighs, entered once by the
        # user (analyzer.store._recipe_weights).
        """CREATE TABLE IF NOT EXISTS recipe_weights (
               key        TEXT PRIMARY KEY,
               text       TEXT NOT NULL,
               grams      REAL NOT NULL CHECK (grams > 0),
               created_at TEXT NOT NULL
           )""",
    ),
)
SCHEMA_VERSION = len(_MIGRATIONS)


def default_store_path() -> Path:
    """Return where the user's database lives unless told otherwise.

    Returns
    -------
    Path
        ``$MINERALOG_DATA_DIR/user.sqlite`` when that variable is set,
        else ``~/.local/share/mineralog/user.sqlite``.
    """
    folder = os.environ.get("MINERALOG_DATA_DIR")
    base = Path(folder).expanduser() if folder else Path.home() / ".local" / "share" / "mineralog"
    return base / "user.sqlite"


def connect(path: Path) -> sqlite3.Connection:
    """Open the user's database at ``path``, creating or upgrading it as needed.

    Parameters
    ----------
    path
        The database file. Its folder is created if missing.

    Returns
    -------
    sqlite3.Connection
        In WAL mode with foreign keys on, a busy timeout and manual
        transactions (``isolation_level=None``); usable from any thread
        provided the caller serialises access.

    Raises
    ------
    ForeignDatabaseError
        The file is not a Mineralog database; it was not modified.
    StoreError
        The file or folder cannot be used (a folder at the path, no
        permission, a database written by a newer Mineralog).
    """
    _check_before_opening(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        is_new = not path.exists()
        conn = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_MS / 1000,
                               isolation_level=None, check_same_thread=False)
    except OSError as err:
        raise StoreError(f"The database at {path} cannot be created: {err.strerror}.",
                         value=str(path)) from err
    except sqlite3.Error as err:
        raise StoreError(f"The database at {path} cannot be opened ({err}).",
                         value=str(path)) from err
    if is_new:
        # Health data: readable by the user only. SQLite gives -wal/-shm the same mode.
        os.chmod(path, 0o600)
    try:
        _prepare(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _check_before_opening(path: Path) -> None:
    """Refuse a file that is not ours, reading it without any write."""
    if path.is_dir():
        raise StoreError(f"The database path {path} is a folder, not a file.", value=str(path))
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        return
    except OSError as err:
        raise StoreError(f"The database at {path} cannot be read: {err.strerror}.",
                         value=str(path)) from err
    if not header:
        return  # an empty file, possibly being created by another session right now
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise _foreign(path, "is not a SQLite database")
    application_id = int.from_bytes(header[68:72], "big")
    if application_id == APPLICATION_ID:
        return
    if application_id != 0:
        raise _foreign(path, "belongs to another program")
    # application_id 0: a blank SQLite file is ours to use, anything with tables is not.
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    try:
        probe = sqlite3.connect(uri, uri=True)
        try:
            _app_id, _version, tables = _inspect(probe)
        finally:
            probe.close()
    except sqlite3.DatabaseError as err:
        raise _foreign(path, "is damaged or not a database") from err
    if tables:
        raise _foreign(path, "belongs to another program")


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Set connection options, mark the file as ours and migrate it forward."""
    try:
        conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            # The id is written before switching to WAL so that it sits in the
            # file's header on disk, where the next open reads it without SQLite.
            _in_write_transaction(conn, path, lambda: None)
            conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a save the app reported survives a power cut too, not only a crash.
        conn.execute("PRAGMA synchronous = FULL")
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            _in_write_transaction(conn, path, lambda: _migrate(conn))
    except sqlite3.DatabaseError as err:
        if getattr(err, "sqlite_errorname", "") in {"SQLITE_NOTADB", "SQLITE_CORRUPT"}:
            raise _foreign(path, "is damaged or not a database") from err
        raise StoreError(f"The database at {path} cannot be opened ({err}).",
                         value=str(path)) from err


def _in_write_transaction(conn: sqlite3.Connection, path: Path, work: Callable[[], None]) -> None:
    """Re-check ownership under the write lock, stamp the id, then run ``work``."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        application_id, version, tables = _inspect(conn)
        if application_id not in (0, APPLICATION_ID) or (application_id == 0 and tables):
            raise _foreign(path, "belongs to another program")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"The database at {path} was written by a newer Mineralog "
                f"(schema {version}, this one knows {SCHEMA_VERSION}); it was left untouched.",
                value=str(path))
        if application_id == 0:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        work()
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _migrate(conn: sqlite3.Connection) -> None:
    """Apply every migration after the file's ``user_version``, in order."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for statements in _MIGRATIONS[version:]:
        for statement in statements:
            conn.execute(statement)
    # PRAGMA takes no bound parameters; SCHEMA_VERSION is our own integer.
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _inspect(conn: sqlite3.Connection) -> tuple[int, int, set[str]]:
    """Return ``(application_id, user_version, table names)`` of an open database."""
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    return application_id, version, tables


def _foreign(path: Path, what: str) -> ForeignDatabaseError:
    return ForeignDatabaseError(
        f"The file at {path} {what}, so Mineralog cannot keep your data there; "
        "it was left untouched. Move it away or choose another data folder "
        "(MINERALOG_DATA_DIR).",
        value=str(path))
