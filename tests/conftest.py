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
    """Never touch the real user's database: every test session gets its own folder."""
    folder = tmp_path_factory.mktemp("user-data")
    previous = os.environ.get("MINERALOG_DATA_DIR")
    os.environ["MINERALOG_DATA_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("MINERALOG_DATA_DIR", None)
    else:
        os.environ["MINERALOG_DATA_DIR"] = previous


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
