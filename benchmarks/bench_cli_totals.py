"""Benchmark: ``python -m analyzer totals`` end to end, interpreter start-up included.

Two diaries, both in the 2026 Cronometer layout without nutrient columns:

* **real-shaped** (``make_realistic_diary.py``): 10,000 lines sampled from the real
  exports in ``../shared/realworld/diaries/`` over 300 days (brands, supplements, zero
  amounts, odd portions). Targets (issue 15): warm ≤ 1.5 s, cold ≤ 3 s, first ever
  ≤ 5 s, peak memory ≤ 600 MB; and 100,000 such lines ≤ 15 s. Skipped with a message
  where ``../shared`` is absent.
* **generated** (``make_cronometer.py``): 9,000 tidy names over 265 days, kept so the
  numbers stay comparable with earlier notes.

Each diary is run "first ever" (no saved matcher index, no match cache), "cold" (a
diary never seen: the saved index is read, every food text is matched) and "warm"
(the same diary again: matches come from the match cache; best of three).
Peak memory is the child's maximum resident set size.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import make_cronometer  # noqa: E402
import make_realistic_diary  # noqa: E402


def _run(diary: Path, out: Path, env: dict) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analyzer", "totals", str(diary), "--out", str(out),
                    "--entries", str(out.with_suffix(".entries.csv"))],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def _peak_mb() -> float:
    # ru_maxrss of children is in KiB on Linux and covers the largest child so far.
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def measure(label: str, write, targets: str) -> None:
    """Run one diary first ever, cold and warm, and print one line."""
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
    print(f"analyzer totals, {label}: first ever {first:.2f} s, cold {cold:.2f} s, warm {warm:.2f} s, "
          f"peak RSS so far {_peak_mb():.0f} MB  ({targets})")


def measure_large(rows: int) -> None:
    """One cold run of a large real-shaped diary (the bad-input target)."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        diary = folder / "servings.csv"
        make_realistic_diary.write(diary, rows=rows, days=3_000)
        env = {**os.environ, "MINERALOG_DATA_DIR": str(folder / "data"),
               "MINERALOG_MATCH_CACHE": str(folder / "match-cache.sqlite")}
        seconds = _run(diary, folder / "daily.csv", env)
    print(f"analyzer totals, {rows:,} real-shaped rows, new diary: {seconds:.2f} s "
          f"(target ≤ 15 s), peak RSS so far {_peak_mb():.0f} MB")


def main() -> None:
    if make_realistic_diary.real_lines():
        measure("10,000 real-shaped rows / 300 days", make_realistic_diary.write,
                "targets: first ever ≤ 5 s, cold ≤ 3 s, warm ≤ 1.5 s, peak ≤ 600 MB")
        measure_large(100_000)
    else:
        print(f"skipped the real-shaped diary: no real diaries in {make_realistic_diary.REAL_DIARIES}")
    measure("9,000 generated rows / 265 days", make_cronometer.write, "earlier targets: cold < 3 s, warm < 1.5 s")


if __name__ == "__main__":
    main()
