"""The user's own water: tap-water minerals, hardness conversions and the daily water habit.

Rule of the module: a tap-water setting is either saved exactly as the user
gave it, checked against ``water_limits.csv``, or refused with a
:class:`~analyzer.errors.WaterSettingError`; nothing is guessed.  Hardness
is converted with the factors of ``water_hardness.csv`` (each row cites its
source).  Hardness counts calcium and magnesium together, so from a hardness
figure alone the split cannot be recovered: with calcium (or magnesium)
given too, the other is computed exactly; with hardness alone, calcium is
computed as if all the hardness were calcium and magnesium stays unknown,
and the setting says so (``basis``).
"""

from __future__ import annotations

import csv
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import WaterSettingError

__all__ = [
    "TapWater",
    "WaterSettings",
    "hardness_as_caco3",
    "hardness_factors",
    "hardness_units",
    "tap_water",
    "water_habit",
]

_HARDNESS_PATH = Path(__file__).parents[1].joinpath("water_hardness.csv")
_LIMITS_PATH = Path(__file__).parents[1].joinpath("water_limits.csv")

#: ``basis`` of a setting given as calcium and magnesium.
BASIS_MEASURED = "calcium and magnesium as given"


@dataclass(frozen=True)
class TapWater:
    """Minerals of the user's tap water, in mg per litre (None = not known).

    Attributes
    ----------
    calcium_mg_l, magnesium_mg_l, sodium_mg_l
        Per litre; None when the user gave no value and none can be computed.
    hardness
        The hardness as entered, ``(value, unit)`` with ``unit`` a key of
        ``water_hardness.csv`` (``'°dH'``), or None.
    basis
        How calcium and magnesium were obtained, a phrase for people.
    derived
        Which values were computed from the hardness rather than given:
        ``()``, ``("magnesium",)``, ``("calcium",)``.
    """

    calcium_mg_l: float | None
    magnesium_mg_l: float | None
    sodium_mg_l: float | None = None
    hardness: tuple[float, str] | None = None
    basis: str = BASIS_MEASURED
    derived: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the values as the user gave them, as JSON-ready data (what the user store saves)."""
        return {"calcium_mg_l": None if "calcium" in self.derived else self.calcium_mg_l,
                "magnesium_mg_l": None if "magnesium" in self.derived else self.magnesium_mg_l,
                "sodium_mg_l": self.sodium_mg_l,
                "hardness": list(self.hardness) if self.hardness else None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TapWater:
        """Rebuild (and re-check) a setting saved with :meth:`to_dict`."""
        hardness = data.get("hardness")
        return tap_water(calcium=data.get("calcium_mg_l"), magnesium=data.get("magnesium_mg_l"),
                         sodium=data.get("sodium_mg_l"),
                         hardness=hardness[0] if hardness else None,
                         hardness_unit=hardness[1] if hardness else None)


@dataclass(frozen=True)
class WaterSettings:
    """Everything about water that the analysis takes from the user.

    Attributes
    ----------
    tap
        The user's tap water, or None when not set (plain water then stays unknown).
    habit_litres
        Litres of tap water added to every logged day as "water (your setting)";
        None or 0 when the habit is off.
    """

    tap: TapWater | None = None
    habit_litres: float | None = None

    @property
    def habit_on(self) -> bool:
        """True when a daily water habit is set."""
        return bool(self.habit_litres)


# -- data files --------------------------------------------------------------------

@functools.cache
def hardness_factors() -> pd.DataFrame:
    """Return the hardness conversion table (``water_hardness.csv``), one row per unit or element.

    Returns
    -------
    pandas.DataFrame
        Index ``key``; columns ``kind`` (``hardness_unit`` or ``element``),
        ``aliases``, ``mg_per_l_as_caco3`` and ``source``.
    """
    table = pd.read_csv(_HARDNESS_PATH, dtype={"mg_per_l_as_caco3": float}, keep_default_na=False)
    return table.set_index("key")


@functools.cache
def _limits() -> dict[str, float]:
    with open(_LIMITS_PATH, newline="", encoding="utf-8") as handle:
        return {row["quantity"]: float(row["max_mg_per_l"]) for row in csv.DictReader(handle)}


def _fold(text: str) -> str:
    """Lower case, no accents on letters, one space: '°dH', '° dH' and 'dh' compare alike."""
    text = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return re.sub(r"\s+", " ", text.replace("° ", "°"))


@functools.cache
def _unit_aliases() -> dict[str, str]:
    table = hardness_factors()
    aliases: dict[str, str] = {}
    for key, row in table[table["kind"] == "hardness_unit"].iterrows():
        for alias in [key, *row["aliases"].split("|")]:
            aliases[_fold(alias)] = str(key)
    return aliases


def hardness_units() -> list[str]:
    """Return the hardness units the user may choose, as keys of ``water_hardness.csv``."""
    table = hardness_factors()
    return list(table.index[table["kind"] == "hardness_unit"])


def _unit_key(unit: Any) -> str:
    key = _unit_aliases().get(_fold(unit)) if isinstance(unit, str) else None
    if key is None:
        raise WaterSettingError(
            f"The hardness unit '{unit}' is not one Mineralog knows; use one of "
            f"{', '.join(hardness_units())}.", column="hardness unit", value=unit)
    return key


def hardness_as_caco3(value: float, unit: str) -> float:
    """Convert a hardness to mg/L as CaCO3 with the cited factor of its unit.

    Parameters
    ----------
    value
        The hardness as written on a water report.
    unit
        A unit key or alias of ``water_hardness.csv`` (``'°dH'``, ``'dH'``, ``'mmol/L'``,
        ``'°fH'``, ``'gpg'``, ``'mg/L as CaCO3'``, ``'ppm'``...).

    Returns
    -------
    float
        The hardness in mg/L as CaCO3.

    Raises
    ------
    WaterSettingError
        The unit is unknown, or the value is not a finite number of at least 0.

    Examples
    --------
    >>> round(hardness_as_caco3(1, "°dH"), 1)
    17.8
    """
    number = _number(value, "hardness")
    return number * float(hardness_factors()["mg_per_l_as_caco3"].astype(float)[_unit_key(unit)])


# -- building a setting ------------------------------------------------------------

def _number(value: Any, what: str) -> float:
    if isinstance(value, bool):
        raise WaterSettingError(f"The {what} value must be a number, not {value!r}.", column=what, value=value)
    try:
        number = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise WaterSettingError(f"The {what} value '{value}' is not a number.", column=what, value=value) from None
    if not math.isfinite(number) or number < 0:
        raise WaterSettingError(f"The {what} value {value} must be a number of 0 or more.",
                                column=what, value=value)
    return number


def _checked(value: Any, what: str, limit_key: str) -> float | None:
    """A mineral or hardness value, or None when not given; refused when negative or absurd."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None
    number = _number(value, what)
    limit = _limits()[limit_key]
    if number > limit:
        raise WaterSettingError(
            f"A {what} of {number:g} mg/L is more than {limit:,.0f} mg/L, far beyond any drinking "
            "water; check the value and its unit. Nothing was saved.", column=what, value=value)
    return number


def tap_water(calcium: Any = None, magnesium: Any = None, sodium: Any = None, hardness: Any = None,
              hardness_unit: Any = None) -> TapWater:
    """Check the user's tap-water values and return the setting.

    Parameters
    ----------
    calcium, magnesium, sodium
        mg per litre, from the user's water report; None when not given.
    hardness, hardness_unit
        Total hardness and its unit (see :func:`hardness_as_caco3`); used for
        whichever of calcium and magnesium is not given.

    Returns
    -------
    TapWater

    Raises
    ------
    WaterSettingError
        A value is negative, not a number, absurd (over ``water_limits.csv``), the
        hardness unit is unknown, the hardness is lower than the calcium (or
        magnesium) alone gives, or neither calcium, magnesium nor hardness is given.
    """
    ca = _checked(calcium, "calcium", "calcium")
    mg = _checked(magnesium, "magnesium", "magnesium")
    na = _checked(sodium, "sodium", "sodium")
    entered = None
    if hardness is not None and hardness != "":
        if hardness_unit is None or hardness_unit == "":
            raise WaterSettingError("A hardness needs its unit (for example °dH or mg/L as CaCO3).",
                                    column="hardness unit", value=hardness)
        unit = _unit_key(hardness_unit)
        entered = (_number(hardness, "hardness"), unit)
        total = hardness_as_caco3(*entered)
        _checked(total, "hardness (as CaCO3)", "hardness_as_caco3")
        derived = tuple(name for name, value in (("calcium", ca), ("magnesium", mg)) if value is None)
        ca, mg, basis = _split(total, ca, mg, entered)
        derived = tuple(name for name in derived if (ca if name == "calcium" else mg) is not None)
    elif ca is None and mg is None:
        raise WaterSettingError("Give your tap water's calcium or magnesium (mg/L), or its hardness with a unit.",
                                column="calcium")
    else:
        basis, derived = BASIS_MEASURED, ()
    return TapWater(calcium_mg_l=ca, magnesium_mg_l=mg, sodium_mg_l=na, hardness=entered, basis=basis,
                    derived=derived)


def _split(total: float, ca: float | None, mg: float | None,
           entered: tuple[float, str]) -> tuple[float | None, float | None, str]:
    """Calcium and magnesium from a hardness (mg/L as CaCO3) and what else was given."""
    factors = hardness_factors()["mg_per_l_as_caco3"].astype(float)
    f_ca, f_mg = float(factors["calcium"]), float(factors["magnesium"])
    shown = f"{entered[0]:g} {entered[1]}"
    if ca is not None and mg is not None:
        return ca, mg, BASIS_MEASURED
    if ca is None and mg is None:
        return total / f_ca, None, f"calcium computed as if all the hardness ({shown}) were calcium; magnesium unknown"
    given, f_given, f_other, name = (ca, f_ca, f_mg, "calcium") if ca is not None else (mg or 0.0, f_mg, f_ca,
                                                                                         "magnesium")
    rest = total - f_given * given
    # Reports round their figures; a shortfall within 2 % of the hardness is rounding, not an error.
    if rest < -0.02 * total:
        raise WaterSettingError(
            f"A hardness of {shown} is less than the {name} alone gives ({f_given * given:.0f} mg/L as CaCO3); "
            "check both values. Nothing was saved.", column="hardness", value=entered[0])
    other = max(rest, 0.0) / f_other
    if ca is not None:
        return ca, other, f"magnesium computed from the hardness ({shown}) and calcium"
    return other, mg, f"calcium computed from the hardness ({shown}) and magnesium"


def water_habit(litres: Any) -> float | None:
    """Check a daily water habit in litres; None or 0 turns the habit off.

    Raises
    ------
    WaterSettingError
        Negative, not a number, or over the limit in ``water_limits.csv``.
    """
    if litres is None or litres == "":
        return None
    number = _number(litres, "daily water")
    limit = _limits()["habit_litres"]
    if number > limit:
        raise WaterSettingError(f"A daily habit of {number:g} L is more than {limit:g} L; check the value. "
                                "Nothing was saved.", column="daily water", value=litres)
    return number or None
