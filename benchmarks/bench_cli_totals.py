"""Benchmark: ``python -m analyzer totals`` end to end, interpreter start-up included.

Target (issue 5): a 265-day, 9,000-row Cronometer export without nutrient columns in
under 3 s cold and under 1.5 s with a warm match cache. Three runs are reported:
"first ever" (no saved matcher index, no match cache: the index is built, ~1.3 s),
"cold" (a diary never seen: the saved index is read, every food text is matched)
and "warm" (the same diary again: matches come from the match cache).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_cronometer import write  # noqa: E402


def _run(diary: Path, out: Path, env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analyzer", "totals", str(diary), "--out", str(out)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        diary = folder / "servings.csv"
        write(diary)
        env = {**os.environ, "MINERALOG_DATA_DIR": str(folder / "data"),
               "MINERALOG_MATCH_CACHE": str(folder / "match-cache.sqlite"),
               "MINERALOG_MATCHER_CACHE": str(folder / "matcher")}
        first = _run(diary, folder / "daily.csv", env)
        (folder / "match-cache.sqlite").unlink()
        cold = _run(diary, folder / "daily.csv", env)
        warm = min(_run(diary, folder / "daily.csv", env) for _ in range(3))
    print(f"analyzer totals, 9,000 rows / 265 days, no nutrient columns: first ever {first:.2f} s, "
          f"cold {cold:.2f} s (target < 3 s), warm match cache {warm:.2f} s (target < 1.5 s)")


if __name__ == "__main__":
    main()
