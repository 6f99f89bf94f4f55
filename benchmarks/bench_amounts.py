"""How fast amount texts are read: 1,000,000 texts drawn from ~2,000 distinct ones.

Run: ``.venv/bin/python benchmarks/bench_amounts.py [--texts N] [--distinct N]``.
Prints one line per measurement; the last line sums them up.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analyzer.amounts._amounts import _parse_cached, parse_amount
from analyzer.amounts._units import ureg
from analyzer.errors import AmountError

_NUMBERS = ["1", "2", "3", "4", "0.5", "1.5", "2.25", "1,5", "1/2", "3/4", "1 1/2", "2 1/4", "½", "1½", "¼",
            "1.00", "2.00", "4.00", "100", "250", "30", "1-2", "2 to 3", "2 x 30", "4.00 x 4.0"]
_UNITS = ["g", "grams", "kg", "mg", "mcg", "oz", "lb", "ml", "mL", "l", "cup", "cups", "tbsp", "Tbsp", "T", "tsp",
          "t", "fl oz", "pinch", "serving", "servings", "medium", "large", "extra large", "slice", "slices",
          "piece", "each", "whole", "container - each 5.3 oz", 'whole - 3 1/2" diameter', "cup, chopped",
          "full recipe", "blorps", ""]


def distinct_texts(count: int, seed: int = 0) -> list[str]:
    """``count`` different amount texts, a few of them invalid, as a diary mixes them."""
    rng = random.Random(seed)
    texts: set[str] = set()
    while len(texts) < count:
        number = rng.choice(_NUMBERS)
        if rng.random() < 0.5:
            number = f"{rng.randint(1, 500)}" if rng.random() < 0.5 else f"{rng.randint(1, 999) / 4:.2f}"
        texts.add(f"{number} {rng.choice(_UNITS)}".strip())
    return sorted(texts)


def _parse_all(texts: list[str]) -> int:
    failures = 0
    for text in texts:
        try:
            parse_amount(text)
        except AmountError:
            failures += 1
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=1_000_000)
    parser.add_argument("--distinct", type=int, default=2_000)
    args = parser.parse_args()

    distinct = distinct_texts(args.distinct)
    texts = random.Random(1).choices(distinct, k=args.texts)

    _parse_cached.cache_clear()
    start = time.perf_counter()
    failures = _parse_all(distinct)
    first = time.perf_counter() - start
    print(f"first parse of {len(distinct):,} distinct texts: {first:.3f} s = {len(distinct) / first:,.0f}/s "
          f"({failures} rejected with AmountError)")

    start = time.perf_counter()
    _parse_all(texts)
    cached = time.perf_counter() - start
    print(f"{len(texts):,} texts, cache warm: {cached:.3f} s = {len(texts) / cached:,.0f}/s")

    _parse_cached.cache_clear()
    start = time.perf_counter()
    _parse_all(texts)
    cold = time.perf_counter() - start
    print(f"{len(texts):,} texts, cache cold at start: {cold:.3f} s = {len(texts) / cold:,.0f}/s")

    sample = [t for t in distinct if "blorps" not in t][:200]
    start = time.perf_counter()
    for text in sample:
        _parse_cached.__wrapped__(text)
    ours = (time.perf_counter() - start) / len(sample)
    start = time.perf_counter()
    for _ in range(len(sample)):
        ureg.Quantity(1.5, "cup").to("milliliter")
    quantity = (time.perf_counter() - start) / len(sample)
    print(f"uncached parse {ours * 1e6:.1f} us/text; pint Quantity(1.5, 'cup').to('ml') {quantity * 1e6:.1f} us")
    print(f"bench_amounts: {len(texts):,} texts from {len(distinct):,} distinct in {cold:.2f} s "
          f"({len(texts) / cold:,.0f}/s cold, {len(texts) / cached:,.0f}/s warm, "
          f"{len(distinct) / first:,.0f}/s uncached)")


if __name__ == "__main__":
    main()
