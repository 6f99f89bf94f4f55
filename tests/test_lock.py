"""The lock installs what the readable requirement ranges allow, every file pinned by hash.

``make run`` and ``make test`` install ``requirements-dev.lock`` with ``pip install
--require-hashes``; ``requirements*.txt`` keep the ranges a person reads and edits.  A range
edited without ``make lock`` would leave the two disagreeing: this test says so offline.
"""

from __future__ import annotations

import re
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements-dev.lock"


def _ranges(path: Path) -> list[Requirement]:
    """Requirements of a requirements*.txt file, following ``-r`` includes."""
    found: list[Requirement] = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r"):
            found += _ranges(path.parent / line[2:].strip())
        elif line:
            found.append(Requirement(line))
    return found


def _pins() -> dict[str, tuple[str, list[str]]]:
    """Lock entries: canonical name -> (version, sha256 hashes)."""
    pins: dict[str, tuple[str, list[str]]] = {}
    for entry in re.split(r"\n(?=\S)", LOCK.read_text()):
        match = re.match(r"([A-Za-z0-9_.\-]+)==(\S+)", entry)
        if match:
            hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", entry)
            pins[canonicalize_name(match[1])] = (match[2], hashes)
    return pins


def test_every_requirement_is_locked_within_its_range():
    pins = _pins()
    for requirement in _ranges(ROOT / "requirements-dev.txt"):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in {LOCK.name}: run make lock"
        version = pins[name][0]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{LOCK.name} pins {name}=={version}, outside {requirement}: run make lock")


def test_every_locked_package_has_hashes():
    pins = _pins()
    assert len(pins) > 30  # the dependencies of streamlit, pandas, pytest ... not only the direct ones
    assert [name for name, (_, hashes) in pins.items() if not hashes] == []
