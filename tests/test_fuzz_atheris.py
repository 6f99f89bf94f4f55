"""Run the coverage-guided fuzzers (fuzz/*.py) for a bounded time: they must find no crash.

Each harness runs in its own process for ``FUZZ_SECONDS`` (environment
``MINERALOG_FUZZ_SECONDS``, default 20), seeded with the sample diaries and the
hostile corpus.  libFuzzer exits non-zero and writes a ``crash-*`` file when an
input raises anything but the expected error or breaks an invariant.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris", reason="atheris is not installed (pip install atheris)")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
FUZZ_SECONDS = int(os.environ.get("MINERALOG_FUZZ_SECONDS", "20"))
AMOUNT_SEEDS = ["1 1/2 cups", "2 x 30g", "1,5 kg", "1.00 container - each 5.3 oz", "½ tbsp", "1-2 cups",
                "3 large eggs", "1.00 shake (11 fl oz)", "a dozen", "100 g", "1e308", "١٠٠ g", "10⁵ g", "1 cup ™"]


def reader_seeds(folder: Path) -> None:
    for source in [*(DATA / "diaries").iterdir(), *(DATA / "bad").iterdir()]:
        if source.suffix in (".csv", ".tsv", ".txt", ".xlsx") and source.stat().st_size < 20_000:
            shutil.copy(source, folder / source.name)


def amount_seeds(folder: Path) -> None:
    for number, text in enumerate(AMOUNT_SEEDS):
        (folder / f"seed-{number}").write_text(text, encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(("harness", "seed"), [("fuzz_reader.py", reader_seeds), ("fuzz_amounts.py", amount_seeds)])
def test_fuzzer_finds_no_crash(harness, seed, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed(corpus)
    run = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / harness), f"-max_total_time={FUZZ_SECONDS}", "-max_len=4096",
         "-rss_limit_mb=3000", "-timeout=30", f"-artifact_prefix={tmp_path}/", str(corpus)],
        cwd=tmp_path, capture_output=True, text=True, timeout=FUZZ_SECONDS + 120)
    done = re.search(r"Done (\d+) runs in (\d+) second", run.stderr)
    crashes = sorted(p.name for p in tmp_path.glob("crash-*")) + sorted(p.name for p in tmp_path.glob("timeout-*"))
    print(f"{harness}: {done.group(1) if done else '?'} executions in {FUZZ_SECONDS} s; findings: {crashes}")
    assert run.returncode == 0 and not crashes, run.stderr[-3000:]
    assert done and int(done.group(1)) > 0
