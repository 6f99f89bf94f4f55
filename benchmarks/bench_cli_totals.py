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
(the same diary again: matches come from the match cache; best of three). Each run
reports wall time and the child's CPU time (user + system): on a shared machine the
CPU figure is the steadier one, the wall figure is what the targets are stated in.
Peak memory is the child's maximum resident set size. Every target gets a line with
its limit and ``ok`` or ``MISSED``.

Bytecode: a Python that may not write ``__pycache__`` (``PYTHONDONTWRITEBYTECODE``,
set on some shared machines) compiles every Mineralog module on every run, about
0.1 s that no installed copy pays; the children write their bytecode to a folder
of their own (``PYTHONPYCACHEPREFIX``) instead, and the line says so.
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

#: (what, limit in seconds or MB) of issue 15.
TARGETS = {"first ever": 5.0, "cold": 3.0, "warm": 1.5, "peak RSS": 600.0, "100,000 rows": 15.0}


def _env(folder: Path, *, saved_index: bool) -> dict:
    env = {**os.environ, "MINERALOG_DATA_DIR": str(folder / "data"),
           "MINERALOG_MATCH_CACHE": str(folder / "match-cache.sqlite"),
           "PYTHONPYCACHEPREFIX": str(folder / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not saved_index:
        env["MINERALOG_MATCHER_CACHE"] = str(folder / "matcher")
    return env


def _run(diary: Path, out: Path, env: dict) -> tuple[float, float]:
    """One ``analyzer totals`` run: (wall seconds, CPU seconds of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analyzer", "totals", str(diary), "--out", str(out),
                    "--entries", str(out.with_suffix(".entries.csv"))],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _peak_mb() -> float:
    # ru_maxrss of children is in KiB on Linux and covers the largest child so far.
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _verdict(name: str, value: float, unit: str = "s", cpu: float | None = None) -> str:
    limit = TARGETS[name]
    cpu_text = f" ({cpu:.2f} s CPU)" if cpu is not None else ""
    return (f"  {name:>12}: {value:6.2f} {unit}{cpu_text}  limit {limit:g} {unit}  "
            f"{'ok' if value <= limit else 'MISSED'}")


def _prime_bytecode(diary: Path, folder: Path) -> None:
    """Write the children's bytecode once (an installed copy has it), with a throwaway cache."""
    scratch = folder / "prime"
    scratch.mkdir()
    env = _env(scratch, saved_index=True)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    _run(diary, scratch / "daily.csv", env)


def measure(label: str, write, targeted: bool) -> None:
    """Run one diary first ever, cold and warm, and print its lines."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        diary = folder / "servings.csv"
        write(diary)
        _prime_bytecode(diary, folder)
        env = _env(folder, saved_index=False)
        first = _run(diary, folder / "daily.csv", env)
        (folder / "match-cache.sqlite").unlink()
        cold = _run(diary, folder / "daily.csv", env)
        warm = min(_run(diary, folder / "daily.csv", env) for _ in range(3))
    print(f"analyzer totals, {label} (bytecode written once, as installed):")
    for name, (wall, cpu) in (("first ever", first), ("cold", cold), ("warm", warm)):
        print(_verdict(name, wall, cpu=cpu) if targeted else f"  {name:>12}: {wall:6.2f} s ({cpu:.2f} s CPU)")
    if targeted:
        print(_verdict("peak RSS", _peak_mb(), "MB"))


def measure_large(rows: int) -> None:
    """One cold run of a large real-shaped diary (the bad-input target)."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        diary = folder / "servings.csv"
        make_realistic_diary.write(diary, rows=rows, days=3_000)
        wall, cpu = _run(diary, folder / "daily.csv", _env(folder, saved_index=True))
    print(f"analyzer totals, {rows:,} real-shaped rows, new diary (matcher index saved):")
    print(_verdict("100,000 rows", wall, cpu=cpu))
    print(_verdict("peak RSS", _peak_mb(), "MB"))


def main() -> None:
    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          "(a loaded machine stretches wall times; compare the CPU figures)")
    if make_realistic_diary.real_lines():
        measure("10,000 real-shaped rows / 300 days", make_realistic_diary.write, targeted=True)
        measure_large(100_000)
    else:
        print(f"skipped the real-shaped diary: no real diaries in {make_realistic_diary.REAL_DIARIES}")
    measure("9,000 generated rows / 265 days (earlier notes; no targets)", make_cronometer.write, targeted=False)


if __name__ == "__main__":
    main()
