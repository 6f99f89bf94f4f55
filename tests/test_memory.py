"""Memory stays bounded for the largest upload the size limit allows."""

from __future__ import annotations

import random
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from analyzer.ingest._read import MAX_BYTES

ROOT = Path(__file__).resolve().parents[1]
#: Peak resident memory allowed for importing and analysing a maximal diary (the machine has 24 GB;
#: several people may use one app at once).
PEAK_LIMIT_BYTES = 3 * 1024**3
FOODS = ["Cheddar cheese", "Whole milk", "Banana", "Almonds", "Spinach raw", "Greek yogurt plain", "Oats",
         "Kale raw", "Natto", "Tofu firm", "Broccoli cooked", "2 eggs"]


def _largest_diary(path: Path) -> int:
    """Short lines are the worst case: the most rows per byte."""
    rng = random.Random(3)
    rows, size = 0, 0
    with open(path, "w", encoding="utf-8") as fh:
        header = "date,food,amount,unit\n"
        fh.write(header)
        size += len(header)
        while True:
            line = f"2024-{1 + rows % 12:02d}-{1 + rows % 28:02d},{rng.choice(FOODS)},{rng.randint(10, 300)},g\n"
            if size + len(line) > MAX_BYTES:
                return rows
            fh.write(line)
            size += len(line)
            rows += 1


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_largest_allowed_upload_imports_within_bounded_memory(tmp_path, food_table):
    diary = tmp_path / "largest.csv"
    rows = _largest_diary(diary)
    code = ("import sys, analyzer, food_db; t = food_db.load(); "
            "r = analyzer.import_diary(open(sys.argv[1], 'rb').read(), table=t); "
            "analyzer.analyze(r.entries, t, analyzer.Profile(40, 'F')); print(r.counts()['used'])")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run([sys.executable, "-c", code, str(diary)], cwd=ROOT, capture_output=True, text=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.strip()) == rows
    print(f"\n{diary.stat().st_size / 2**20:.0f} MiB, {rows:,} rows: peak {peak / 2**30:.2f} GiB")
    assert max(peak, before) <= PEAK_LIMIT_BYTES
