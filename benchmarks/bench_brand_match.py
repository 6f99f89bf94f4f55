"""Measure the branded step of the import: brand lines found, texts per second, cold and warm.

Run from the project root once the food database is built with FoodData Central's branded
foods::

    .venv/bin/python benchmarks/bench_brand_match.py

The names are those of ``bench_match.py`` (real diary names, exam texts and diary-like
variants, all distinct). The generic matcher runs first (its time is ``bench_match.py``'s);
then :func:`analyzer.match._brand_match.match_brand_lines` runs on its results with an empty match
cache (cold: brand evidence and candidate searches) and again (warm: read from the cache).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_match import EXAM, diary_names  # noqa: E402


def main() -> None:
    import food_db
    from analyzer.match._brand_match import match_brand_lines
    from analyzer.match._match import FoodMatcher

    table = food_db.load()
    names = diary_names(table.foods, pd.read_csv(EXAM, dtype=str, keep_default_na=False), 2500)
    results = FoodMatcher(table.foods).match_many(names)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MINERALOG_MATCH_CACHE"] = str(Path(folder) / "match-cache.sqlite")
        timings = []
        for _ in range(2):  # cold (empty cache), then warm
            start, cpu = time.perf_counter(), time.process_time()
            out = match_brand_lines(results, table)
            timings.append((time.perf_counter() - start, time.process_time() - cpu))
    branded = sum(1 for r in out.values() if r.food_id is not None and r.food_id >= food_db.id_base("branded"))
    print(f"{len(names)} distinct names; {branded} given a branded food")
    for label, (wall, cpu) in zip(("cold", "warm"), timings, strict=True):
        print(f"match_brand_lines {label}: {wall:.2f} s wall ({len(names) / wall:,.0f} names/s), "
              f"{cpu:.2f} s CPU ({len(names) / cpu:,.0f} names/s)")


if __name__ == "__main__":
    main()
