"""Which source each food comes from, and the one place its human source label is built.

``fdc_types.csv`` lists every source: its key (``sr28``, ``fndds``, ``foundation``,
``branded``), the FoodData Central ``data_type`` it comes from, the first id of its range and
the label prefix. Labels read ``USDA SR28 #01009`` for SR28 (the NDB number is the citation)
and ``USDA FNDDS 2021–2023: Eggplant parmesan`` for the others (FDC foods are cited by name).
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

__all__ = ["SOURCES", "food_sources", "id_base", "label_prefix", "source_labels", "source_types"]

HERE = Path(__file__).parent
#: Source keys of foods that can reach the foods table or the branded table.
SOURCES = ("sr28", "fndds", "foundation", "branded")


@functools.cache
def source_types() -> pd.DataFrame:
    """The table of sources (``fdc_types.csv``), one row per FoodData Central data type."""
    return pd.read_csv(HERE / "fdc_types.csv", dtype=str, keep_default_na=False)


def food_sources() -> pd.DataFrame:
    """The food sources, index ``source`` (``SOURCES`` order): ``label_start`` (how each of its
    labels begins, e.g. ``"USDA SR28 #"``), ``label_prefix`` and ``citation`` (for a sources list)."""
    types = source_types().set_index("source").loc[list(SOURCES), ["label_prefix", "citation"]]
    types.insert(0, "label_start", [p + (" #" if s == "sr28" else ": ") for s, p in types["label_prefix"].items()])
    return types


def _row(source: str) -> pd.Series:
    types = source_types()
    match = types[types["source"] == source]
    if match.empty:
        raise KeyError(f"unknown food source {source!r}; fdc_types.csv lists {SOURCES}")
    return match.iloc[0]


@functools.cache  # asked once per brand line on the import path: a table filter each time cost 0.7 s
def id_base(source: str) -> int:
    """The first food id of a source's range (0 for SR28, whose ids are NDB numbers)."""
    return int(_row(source)["id_base"])


@functools.cache
def label_prefix(source: str) -> str:
    """The label prefix of a source, e.g. ``USDA FNDDS 2021–2023``."""
    return str(_row(source)["label_prefix"])


def source_labels(source: str, food_ids: pd.Index | pd.Series, names: pd.Series | None = None) -> pd.Series:
    """Human source labels of many foods of one source, aligned with ``food_ids``.

    Parameters
    ----------
    source
        One of ``SOURCES``.
    food_ids
        The foods' ids (SR28: NDB numbers, shown with five digits).
    names
        The foods' names as FoodData Central writes them (not used for SR28).
    """
    prefix = label_prefix(source)
    ids = pd.Series(food_ids, copy=False)
    if source == "sr28":
        labels = [f"{prefix} #{int(i):05d}" for i in ids]
    else:
        labels = [f"{prefix}: {name}" for name in (names if names is not None else ids)]
    return pd.Series(labels, index=food_ids if isinstance(food_ids, pd.Index) else ids.index, dtype=object)
