"""The one pint registry of the process, and the unit alias table.

Diary unit words ("Tbsp", "fl. oz", "slices", "1.00 full recipe") are looked up in
``unit_aliases.csv``, never handed to pint: pint reads "fl oz" as femtolitre-ounce,
"c" as the speed of light and "pinch" as a pico-inch. Each alias maps to a
canonical key (itself an alias, so ``f"{count:g} {canonical}"`` reads back), a kind
(``mass``, ``volume``, ``count`` or ``serving``) and, for mass and volume, the name
of a pint unit. Cooking units pint lacks (dash, pinch) are defined from the same
table's ``definition`` column.

Only "T" (tablespoon) and "t" (teaspoon) are case-sensitive; every other alias is
matched without case, with dots dropped ("oz." = "oz"), hyphens read as spaces
("extra-large") and English plurals ("slices", "boxes", "leaves") reduced.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from food_db import cache_dir, singular

from ..errors import DataFileError

if TYPE_CHECKING:
    import pint

# ``ureg`` and ``Q_`` are also available, made on first use (module ``__getattr__``).
__all__ = ["ALIASES_PATH", "KINDS", "Unit", "conversion_factor", "lookup_unit", "normalise_unit_text", "registry",
           "unit_info"]

ALIASES_PATH = Path(__file__).parents[1].joinpath("unit_aliases.csv")
KINDS = ("mass", "volume", "count", "serving")
_DIMENSION = {"mass": "[mass]", "volume": "[length] ** 3"}


@dataclass(frozen=True)
class Unit:
    """A canonical unit from the alias table.

    Attributes
    ----------
    canonical
        The key used everywhere else (``"g"``, ``"cup"``, ``"large"``...).
    kind
        ``mass``, ``volume``, ``count`` or ``serving``.
    pint_unit
        Name of the pint unit for mass and volume, ``None`` otherwise.
    count_rank
        For count words: preference when a bare count ("2") must pick one of a
        food's measures (lower is preferred); ``None`` for other kinds.
    size_order
        For size words (small < medium < large...): their order, so a missing size
        can fall back to the nearest one; ``None`` for other words.
    """

    canonical: str
    kind: str
    pint_unit: str | None = None
    count_rank: int | None = None
    size_order: int | None = None


def normalise_unit_text(text: str) -> str:
    """Fold a unit as written into the form the alias table is keyed by (case kept).

    Parameters
    ----------
    text
        A unit word or phrase, e.g. ``"Fl. Oz."`` or ``"extra-large"``.

    Returns
    -------
    str
        NFKC-normalised text without dots, hyphens as spaces, single spaces.
    """
    text = unicodedata.normalize("NFKC", text).replace(".", " ").replace("-", " ")
    return " ".join(text.split())


def _optional_int(cell: str) -> int | None:
    return int(cell) if cell.strip() else None


#: Unit definitions of the table for pint, and (line, pint unit, kind) to check once pint is loaded.
_DEFINITIONS: list[str] = []
_DIMENSION_CHECKS: list[tuple[int, str, str]] = []


def _read_table(path: Path) -> tuple[dict[str, Unit], dict[str, Unit], dict[str, Unit]]:
    """Read the alias CSV into (case-sensitive aliases, folded aliases, units by canonical key).

    Raises ``DataFileError`` when the table contradicts itself: it is shipped data, so a
    mistake there is a bug to see at import, not a user error. (That each pint unit is
    of its kind is checked when the registry is first made, :func:`registry`: pint
    costs 0.2 s of start-up that a run whose conversions are all remembered never needs.)
    """
    exact: dict[str, Unit] = {}
    folded: dict[str, Unit] = {}
    units: dict[str, Unit] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            kind = row["kind"].strip()
            if kind not in KINDS:
                raise DataFileError(f"unknown kind {kind!r}.", file=path.name, line=line, column="kind", value=kind)
            if row["definition"].strip():
                _DEFINITIONS.append(row["definition"].strip())
            pint_unit = row["pint_unit"].strip() or None
            if (pint_unit is None) != (kind not in _DIMENSION):
                raise DataFileError(f"{kind} units need a pint unit, others none.", file=path.name, line=line,
                                    column="pint_unit", value=pint_unit)
            if pint_unit:
                _DIMENSION_CHECKS.append((line, pint_unit, kind))
            unit = Unit(row["canonical"].strip(), kind, pint_unit,
                        _optional_int(row["count_rank"]), _optional_int(row["size_order"]))
            if units.setdefault(unit.canonical, unit) != unit:
                raise DataFileError(f"{unit.canonical!r} is described two ways.", file=path.name, line=line,
                                    column="canonical", value=unit.canonical)
            alias = normalise_unit_text(row["alias"])
            if row["case_sensitive"].strip() == "yes":
                exact[alias] = unit
            else:
                folded[alias.lower()] = unit
    missing = [key for key in units if key.lower() not in folded and key not in exact]
    if missing:
        raise DataFileError(f"canonical keys {missing} are not aliases themselves.", file=path.name)
    return exact, folded, units


@functools.cache
def registry() -> pint.UnitRegistry:
    """The process's one registry, made on first use, with the table's own units defined and checked.

    pint's parsed definitions are cached on disk (7x faster start). Raises ``DataFileError``
    when a mass or volume unit of ``unit_aliases.csv`` is not one.
    """
    import pint


    made: pint.UnitRegistry
    try:
        made = pint.UnitRegistry(cache_folder=cache_dir() / "pint")
    except OSError:  # a read-only cache folder only costs start-up time
        made = pint.UnitRegistry()
    for definition in _DEFINITIONS:
        made.define(definition)
    for line, pint_unit, kind in _DIMENSION_CHECKS:
        if not made.Quantity(1.0, pint_unit).check(_DIMENSION[kind]):
            raise DataFileError(f"{pint_unit!r} is not a {kind}.", file=ALIASES_PATH.name, line=line,
                                column="pint_unit", value=pint_unit)
    pint.set_application_registry(made)
    return made


def __getattr__(name: str) -> Any:
    """``ureg`` and ``Q_`` (the registry and its Quantity) load pint when first asked for."""
    if name == "ureg":
        return registry()
    if name == "Q_":
        return registry().Quantity
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_EXACT, _FOLDED, _UNITS = _read_table(ALIASES_PATH)

# The last word of a unit phrase ("fluid ounces") is the one a plural changes.
_LAST_WORD = re.compile(r"([^\W\d_]+)$")


@functools.lru_cache(maxsize=4096)
def lookup_unit(text: str) -> Unit | None:
    """Find the unit a diary word stands for.

    Parameters
    ----------
    text
        The unit as written: ``"Tbsp"``, ``"T"``, ``"fl. oz"``, ``"slices"``.

    Returns
    -------
    Unit or None
        ``None`` when the word is not in the alias table.

    Examples
    --------
    >>> lookup_unit("T").canonical, lookup_unit("t").canonical
    ('tbsp', 'tsp')
    >>> lookup_unit("Fluid Ounces").pint_unit
    'fluid_ounce'
    """
    key = normalise_unit_text(text)
    if key in _EXACT:
        return _EXACT[key]
    key = key.lower()
    if key in _FOLDED:
        return _FOLDED[key]
    # "slices" -> "slice", "boxes" -> "box", "leaves" -> "leaf": the same plural rule as food names.
    last = _LAST_WORD.search(key)
    if last is not None:
        folded = key[:last.start()] + singular(last.group(1), shortest=3)
        if folded != key and folded in _FOLDED:
            return _FOLDED[folded]
    return None


def unit_info(canonical: str) -> Unit:
    """The unit behind a canonical key (``KeyError`` if the key is not canonical)."""
    return _UNITS[canonical]


@functools.lru_cache(maxsize=256)
def conversion_factor(pint_unit: str, target: str) -> float:
    """How many ``target`` one ``pint_unit`` is (e.g. ``conversion_factor("cup", "milliliter")``).

    Units here are linear, so a factor computed once replaces a pint call per entry; factors
    are also remembered on disk (:func:`_saved_factors`), so most runs never load pint.
    """
    saved = _saved_factors()
    key = f"{pint_unit}|{target}"
    if key not in saved:
        saved[key] = float(registry().Quantity(1.0, pint_unit).to(target).magnitude)
        _save_factors(saved)
    return saved[key]


def _factors_path() -> Path:
    """Factors beside pint's own cache, named by pint's version and the alias table's content."""
    try:
        pint_version = version("pint")
    except PackageNotFoundError:
        pint_version = "?"
    digest = hashlib.sha256(pint_version.encode() + b"|" + ALIASES_PATH.read_bytes()).hexdigest()[:16]
    return cache_dir() / "pint" / f"factors-{digest}.json"


@functools.cache
def _saved_factors() -> dict[str, float]:
    """The conversion factors computed by earlier runs with this pint and this alias table."""
    try:
        loaded = json.loads(_factors_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {str(key): float(value) for key, value in loaded.items() if isinstance(value, (int, float))}


def _save_factors(factors: dict[str, float]) -> None:
    try:
        path = _factors_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.tmp-{os.getpid()}")
        temporary.write_text(json.dumps(factors), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only cache folder only costs pint's start-up next time
