"""Where Mineralog keeps its rebuildable cache (the food database, the SR28 archive)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_dir", "database_path", "downloads_dir"]

DATABASE_FILENAME = "food.sqlite"


def cache_dir() -> Path:
    """Return the cache folder: ``$MINERALOG_CACHE_DIR``, else ``$XDG_CACHE_HOME/mineralog``,
    else ``~/.cache/mineralog``. It is outside the repository and safe to delete."""
    explicit = os.environ.get("MINERALOG_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "mineralog"


def database_path() -> Path:
    """Return the path of the built food database (it may not exist yet)."""
    return cache_dir() / DATABASE_FILENAME


def downloads_dir() -> Path:
    """Return the folder where the SR28 source archive is kept once downloaded."""
    return cache_dir() / "downloads"
