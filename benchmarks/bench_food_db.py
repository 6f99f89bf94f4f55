"""Benchmark: food database build from the downloaded archive, and loading for use.

Targets (issue 2): full build under 30 s, load under 1 s, on the 2-core machine.
Run: ``.venv/bin/python benchmarks/bench_food_db.py`` (the archive must be cached:
``python -m food_db fetch``).
"""

from __future__ import annotations

import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from food_db._build import build  # noqa: E402
from food_db._source import fetch_archive  # noqa: E402


def main() -> None:
    archive = fetch_archive()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "food.sqlite"
        started = time.perf_counter()
        build(archive=archive, target=target)
        build_s = time.perf_counter() - started
        # Load in a fresh interpreter, as the app and the CLI do; imports are timed apart
        # because pandas' own import cost is not the food table's.
        code = ("import time; t=time.perf_counter(); import food_db; i=time.perf_counter(); "
                f"food_db.load({str(target)!r}); print(i-t, time.perf_counter()-i)")
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        import_s, load_s = map(float, out.stdout.split())
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"food_db build from archive: {build_s:.2f} s (target < 30 s)")
    print(f"import food_db (pandas included): {import_s:.2f} s")
    print(f"food_db.load(): {load_s:.2f} s (target < 1 s)")
    if build_s > 30 or load_s > 1:
        sys.exit(1)


if __name__ == "__main__":
    main()
