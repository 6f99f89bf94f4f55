"""The food database build killed with SIGKILL at any moment leaves the old database or none.

A real ``python -m food_db build --sr28 tests/data/sr28_tiny`` runs with its own
``MINERALOG_CACHE_DIR`` and is killed right away, after fixed delays, and once
its ``.tmp-<pid>`` file exists (in a build slowed down inside SQLite, so that
moment is wide enough to hit).  Afterwards the database path holds either the
old file, byte for byte, a complete new one, or nothing; and the next build
succeeds and leaves no temporary file behind.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import food_db

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "data" / "sr28_tiny"
TINY_FOODS = 9

# The build, slowed inside SQLite (a progress handler that sleeps) so the temporary file lives for seconds.
SLOW_BUILD = textwrap.dedent("""
    import sqlite3, sys, time
    connect = sqlite3.connect
    def slow_connect(*args, **kwargs):
        connection = connect(*args, **kwargs)
        connection.set_progress_handler(lambda: time.sleep(0.002) or 0, 200)
        return connection
    sqlite3.connect = slow_connect
    from food_db.__main__ import main
    sys.exit(main(["build", "--sr28", sys.argv[1]]))
""")


def start_build(cache: Path, *, slow: bool = False) -> subprocess.Popen:
    env = {**os.environ, "MINERALOG_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    command = ([sys.executable, "-c", SLOW_BUILD, str(TINY)] if slow
               else [sys.executable, "-m", "food_db", "build", "--sr28", str(TINY)])
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def temporaries(cache: Path) -> list[Path]:
    return sorted(cache.glob("food.sqlite.tmp-*"))


def assert_complete(path: Path) -> None:
    """The file is a whole database: SQLite's integrity check passes and the loader reads every food."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    table = food_db.load.__wrapped__(path)  # the uncached loader: this file, not a cached one
    assert len(table.foods) == TINY_FOODS and table.meta["foods"] == str(TINY_FOODS)


@pytest.fixture(scope="module")
def old_database(tmp_path_factory) -> bytes:
    """The bytes of a complete database built before the faults."""
    cache = tmp_path_factory.mktemp("old-cache")
    build = start_build(cache)
    assert build.wait(timeout=120) == 0
    return (cache / "food.sqlite").read_bytes()


def kill_when(build: subprocess.Popen, cache: Path, moment: str) -> None:
    if moment.startswith("after "):
        time.sleep(float(moment.split()[1]))
    elif moment == "temporary file appears":
        deadline = time.monotonic() + 60
        while not any(p.stat().st_size > 0 for p in temporaries(cache) if p.exists()):
            assert build.poll() is None, "the build ended before its temporary file was seen"
            assert time.monotonic() < deadline
            time.sleep(0.001)
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.parametrize("had_old", [True, False], ids=["old database", "no database"])
@pytest.mark.parametrize(("moment", "slow"), [
    ("right away", False), ("after 0.2", False), ("after 0.6", False), ("after 1.2", False),
    ("temporary file appears", True),
])
def test_killed_build_leaves_old_database_or_none(moment, slow, had_old, old_database, tmp_path):
    target = tmp_path / "food.sqlite"
    if had_old:
        target.write_bytes(old_database)
    build = start_build(tmp_path, slow=slow)
    kill_when(build, tmp_path, moment)
    assert build.returncode == -signal.SIGKILL or build.returncode == 0

    if target.exists():
        if target.read_bytes() != old_database:
            assert_complete(target)  # the new database was moved into place before the kill
    else:
        assert not had_old, "the old database disappeared"
    if moment == "temporary file appears":
        assert temporaries(tmp_path), "the kill did not land while the temporary file was being written"
        assert not target.exists() or target.read_bytes() == old_database

    rebuild = start_build(tmp_path)
    assert rebuild.wait(timeout=120) == 0
    assert_complete(target)
    assert temporaries(tmp_path) == [], "a stale temporary file was left behind"


def test_temporary_file_is_a_partial_database_until_moved(tmp_path):
    """Sanity check of the fault: a build killed mid-write leaves a .tmp- file that is not the database."""
    build = start_build(tmp_path, slow=True)
    kill_when(build, tmp_path, "temporary file appears")
    assert not (tmp_path / "food.sqlite").exists()
    assert temporaries(tmp_path), "the kill came too late to catch the temporary file"
    with pytest.raises(food_db.FoodDatabaseError):
        food_db.load.__wrapped__(tmp_path / "food.sqlite")
