"""The user's database under faults: killed saves, full disks and files that are not ours."""

from __future__ import annotations

import os
import signal
import sqlite3
import struct
import subprocess
import sys
import textwrap
import time
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analyzer.errors import ForeignDatabaseError, StoreError
from analyzer.store import APPLICATION_ID, SCHEMA_VERSION, UserStore

ROOT = Path(__file__).resolve().parents[1]


def make_frame(n: int, seed: int) -> pd.DataFrame:
    """A diary whose content follows from ``(n, seed)``, so the parent can check the child's save."""
    rng = np.random.default_rng(seed)
    calcium = rng.random(n) * 300
    calcium[::4] = np.nan
    return pd.DataFrame({
        "row": np.arange(2, n + 2),
        "date": pd.to_datetime("2024-01-01") + pd.to_timedelta(rng.integers(0, 365, n), unit="D"),
        "food_text": pd.Series([f"food {seed}-{i} crème <b>" for i in range(n)], dtype="str"),
        "calcium_mg": calcium,
        "raw": pd.Series([f"2024-01-01,food {i},{'x' * (i % 50)}" for i in range(n)], dtype="str"),
    })


# A child process that saves diaries with the real UserStore. With "pause", it freezes
# inside the write transaction of its last save (after many entry rows went to SQLite,
# with a tiny page cache so they spill into the WAL file) and tells the parent.
CHILD = textwrap.dedent("""
    import sys, time
    sys.path[:0] = [{root!r}, {tests!r}]
    from test_store_faults import make_frame
    from analyzer.store import UserStore

    path, marker, mode = sys.argv[1:4]
    store = UserStore(path)
    plan = [(name, int(n), int(seed)) for name, n, seed in (s.split(":") for s in sys.argv[4:])]
    for number, (name, n, seed) in enumerate(plan):
        last = number == len(plan) - 1
        if mode == "pause" and last:
            conn = store._conn  # fault injection needs the raw connection
            conn.execute("PRAGMA cache_size = 2")
            calls = [0]
            def freeze_inside_transaction():
                if conn.in_transaction:
                    calls[0] += 1
                    if calls[0] == 100:
                        open(marker, "w").close()
                        time.sleep(600)
                return 0
            conn.set_progress_handler(freeze_inside_transaction, 1000)
        store.save_diary(name, make_frame(n, seed), {{"format": "generic", "seed": seed}})
        print("saved", name, flush=True)
    print("done", flush=True)
""")


def start_child(tmp_path: Path, mode: str, plan: list[str]) -> tuple[subprocess.Popen, Path]:
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(root=str(ROOT), tests=str(ROOT / "tests")))
    marker = tmp_path / "inside-transaction"
    child = subprocess.Popen([sys.executable, str(script), str(tmp_path / "user.sqlite"), str(marker), mode, *plan],
                             stdout=subprocess.PIPE, text=True)
    return child, marker


def assert_each_diary_whole(path: Path) -> dict[str, int]:
    """Every listed diary loads completely and equals what was saved; return name -> seed."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = conn.execute("SELECT COUNT(*) FROM diary_entries WHERE diary_id NOT IN"
                               " (SELECT id FROM diaries)").fetchone()[0]
        assert orphans == 0
    finally:
        conn.close()
    seeds = {}
    with UserStore(path) as store:
        for diary_id, name, n_rows in store.list_diaries()[["id", "name", "n_rows"]].itertuples(index=False):
            entries, meta = store.load_diary(diary_id)
            assert_frame_equal(entries, make_frame(n_rows, meta["seed"]))
            seeds[name] = meta["seed"]
    return seeds


@pytest.mark.slow
@pytest.mark.parametrize(("plan", "expected"), [
    # a new diary killed mid-save is absent; the earlier one is whole
    (["before:500:1", "killed:20000:2"], {"before": 1}),
    # a replacement killed mid-save leaves the previous version whole
    (["same:500:1", "same:20000:2"], {"same": 1}),
])
def test_killed_mid_save_leaves_each_diary_whole_or_absent(tmp_path, plan, expected):
    child, marker = start_child(tmp_path, "pause", plan)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert child.poll() is None, "the child finished before reaching the middle of its save"
            assert time.monotonic() < deadline, "the child never reached the middle of its save"
            time.sleep(0.02)
        wal = tmp_path / "user.sqlite-wal"
        assert wal.stat().st_size > 100_000, "the unfinished save should already be writing the WAL"
        # Another app session can read meanwhile, and sees no half-saved diary.
        with UserStore(tmp_path / "user.sqlite") as reader:
            assert reader.list_diaries()["n_rows"].tolist() == [500]
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert assert_each_diary_whole(tmp_path / "user.sqlite") == expected
    # The database is usable again: the interrupted save can be redone.
    with UserStore(tmp_path / "user.sqlite") as store:
        store.save_diary("after", make_frame(100, 3), {"seed": 3})
    assert assert_each_diary_whole(tmp_path / "user.sqlite") == {**expected, "after": 3}


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.05, 0.15, 0.4])
def test_killed_at_any_moment_of_a_save_loop(tmp_path, delay):
    plan = [f"diary {i % 4}:{1500 + 500 * i}:{i}" for i in range(12)]  # later saves replace earlier ones
    child, _ = start_child(tmp_path, "run", plan)
    try:
        assert child.stdout.readline().startswith("saved diary 0")  # the first commit happened
        time.sleep(delay)
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)
    seeds = assert_each_diary_whole(tmp_path / "user.sqlite")
    assert "diary 0" in seeds
    assert all(seed % 4 == int(name[-1]) for name, seed in seeds.items())


def test_full_disk_refuses_the_save_and_keeps_the_old_diary(tmp_path):
    path = tmp_path / "user.sqlite"
    with UserStore(path) as store:
        diary_id = store.save_diary("kept", make_frame(200, 1), {"seed": 1})
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages + 5}")  # the disk fills up
        with pytest.raises(StoreError, match="the disk is full"):
            store.save_diary("kept", make_frame(20000, 2), {"seed": 2})
        with pytest.raises(StoreError, match="the disk is full"):
            store.save_diary("new", make_frame(20000, 3), {"seed": 3})
        assert store.list_diaries()["name"].tolist() == ["kept"]
        assert_frame_equal(store.load_diary(diary_id)[0], make_frame(200, 1))
        store.set_correction("still usable", 1001)
    assert assert_each_diary_whole(path) == {"kept": 1}


# -- files at the path that are not ours ------------------------------------------------------

def png_bytes() -> bytes:
    """A real 1x1 PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def sqlite_bytes(tmp_path: Path, *statements: str) -> bytes:
    """The bytes of a SQLite database built by ``statements``, closed cleanly."""
    scratch = tmp_path / "scratch.sqlite"
    conn = sqlite3.connect(scratch, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    conn.close()
    data = scratch.read_bytes()
    scratch.unlink()
    return data


def with_header_field(data: bytes, offset: int, value: int) -> bytes:
    return data[:offset] + value.to_bytes(4, "big") + data[offset + 4:]


FOREIGN = {
    "text file": lambda tmp: b"date,food,amount\n2024-01-01,milk,1 cup\n",
    "png image": lambda tmp: png_bytes(),
    "short file": lambda tmp: b"SQLite",
    "sqlite header then garbage": lambda tmp: b"SQLite format 3\x00" + b"\x00" * 84 + os.urandom(4000),
    "ours but damaged": lambda tmp: with_header_field(
        b"SQLite format 3\x00" + b"\x00" * 84 + os.urandom(4000), 68, APPLICATION_ID),
    "another program's database": lambda tmp: sqlite_bytes(
        tmp, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes (body) VALUES ('hi')"),
    "another program's database in WAL mode": lambda tmp: sqlite_bytes(
        tmp, "PRAGMA journal_mode = WAL", "CREATE TABLE photos (path TEXT)", "INSERT INTO photos VALUES ('a.jpg')"),
    "another program's id, no tables": lambda tmp: sqlite_bytes(tmp, "PRAGMA application_id = 1234"),
    "our tables but another id": lambda tmp: sqlite_bytes(
        tmp, "PRAGMA application_id = 7", "CREATE TABLE corrections (key TEXT)"),
}


@pytest.mark.parametrize("make", list(FOREIGN.values()), ids=list(FOREIGN))
def test_a_file_that_is_not_ours_is_refused_and_left_untouched(tmp_path, make):
    path = tmp_path / "user.sqlite"
    original = make(tmp_path)
    path.write_bytes(original)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(ForeignDatabaseError) as caught:
        UserStore(path)
    message = str(caught.value)
    assert str(path) in message and "left untouched" in message
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no -wal, -shm or -journal left behind


def test_a_database_from_a_newer_mineralog_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "user.sqlite"
    UserStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    original = path.read_bytes()
    with pytest.raises(StoreError, match="newer Mineralog") as caught:
        UserStore(path)
    assert not isinstance(caught.value, ForeignDatabaseError)
    assert path.read_bytes() == original


def test_a_folder_at_the_path_is_refused(tmp_path):
    (tmp_path / "user.sqlite").mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        UserStore(tmp_path / "user.sqlite")
