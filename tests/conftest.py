"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
#: Read-only material beside the checkout (real export samples); tests skip when absent.
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True, scope="session")
def _private_user_data(tmp_path_factory):
    """Never touch the real user's database or match cache: every test session gets its own folder."""
    folder = tmp_path_factory.mktemp("user-data")
    private = {"MINERALOG_DATA_DIR": str(folder), "MINERALOG_MATCH_CACHE": str(folder / "match-cache.sqlite")}
    previous = {name: os.environ.get(name) for name in private}
    os.environ.update(private)
    yield folder
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def food_table():
    """The real food table built from SR28 (``make test`` builds it before the suite)."""
    import food_db

    food_db.ensure_built()
    return food_db.load()


@pytest.fixture
def shared_samples() -> Path:
    folder = SHARED / "samples"
    if not folder.is_dir():
        pytest.skip("../shared/samples is not present on this machine")
    return folder
