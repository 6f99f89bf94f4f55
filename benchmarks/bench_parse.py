"""Time and peak memory of parse_diary on generated files.

Run ``python benchmarks/bench_parse.py``.  Each case runs in its own process so
its peak resident memory (``ru_maxrss``) is its own.  Targets (issue 3): a
10,000-row Cronometer export with all nutrient columns in under 1 s; a
1,000,000-row generic diary in under 20 s and under 2 GB.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analyzer.ingest._formats import parse_diary

CRONOMETER_NUTRIENTS = [
    "Energy (kcal)", "Alcohol (g)", "Caffeine (mg)", "Water (g)", "B1 (Thiamine) (mg)",
    "B2 (Riboflavin) (mg)", "B3 (Niacin) (mg)", "B5 (Pantothenic Acid) (mg)",
    "B6 (Pyridoxine) (mg)", "B12 (Cobalamin) (µg)", "Folate (µg)", "Vitamin A (µg)",
    "Vitamin C (mg)", "Vitamin D (IU)", "Vitamin E (mg)", "Vitamin K (µg)", "Calcium (mg)",
    "Copper (mg)", "Iron (mg)", "Magnesium (mg)", "Manganese (mg)", "Phosphorus (mg)",
    "Potassium (mg)", "Selenium (µg)", "Sodium (mg)", "Zinc (mg)", "Carbs (g)", "Fiber (g)",
    "Starch (g)", "Sugars (g)", "Net Carbs (g)", "Fat (g)", "Cholesterol (mg)",
    "Monounsaturated (g)", "Polyunsaturated (g)", "Saturated (g)", "Trans-Fats (g)",
    "Omega-3 (g)", "Omega-6 (g)", "Cystine (g)", "Histidine (g)", "Isoleucine (g)",
    "Leucine (g)", "Lysine (g)", "Methionine (g)", "Phenylalanine (g)", "Protein (g)",
    "Threonine (g)", "Tryptophan (g)", "Tyrosine (g)", "Valine (g)",
]
FOODS = ['"Eggs, Cooked"', '"Milk, 2%"', '"Spinach, Raw"', '"Oatmeal"', '"Cheddar Cheese"']
MEALS = ["Breakfast", "Lunch", "Dinner", "Snacks"]


def cronometer_file(rows: int) -> bytes:
    lines = [",".join(["Day", "Time", "Group", "Food Name", "Amount",
                       *CRONOMETER_NUTRIENTS, "Category"])]
    for i in range(rows):
        values = ",".join("" if (i + j) % 11 == 0 else f"{(i * 7 + j) % 500:.2f}"
                          for j in range(len(CRONOMETER_NUTRIENTS)))
        day = f"2024-{1 + i // 300 % 12:02d}-{1 + i // 12 % 28:02d}"
        lines.append(f'{day},8:{i % 60:02d} AM,"{MEALS[i % 4]}",{FOODS[i % 5]},'
                     f'"{1 + i % 3}.00 cup",{values},"Vegetables"')
    return "\n".join(lines).encode()


def generic_file(rows: int) -> bytes:
    lines = ["date,food,amount,unit"]
    lines += [f"{2020 + i // 100000}-{1 + i // 8000 % 12:02d}-{1 + i // 300 % 28:02d},"
              f"{FOODS[i % 5]},{1 + i % 4}.5,g" for i in range(rows)]
    return "\n".join(lines).encode()


CASES = {
    "cronometer_10k": (lambda: cronometer_file(10_000), 1.0),
    "generic_1m": (lambda: generic_file(1_000_000), 20.0),
}


def run_case(name: str) -> None:
    make, limit = CASES[name]
    data = make()
    start = time.perf_counter()
    diary = parse_diary(data)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    verdict = "ok" if seconds < limit else "SLOW"
    print(f"{name}: {len(diary.entries):,} rows, {len(data) / 1e6:.1f} MB file, "
          f"{seconds:.2f} s (limit {limit:.0f} s, {verdict}), "
          f"peak memory {peak_mb:,.0f} MB (whole process, file included)")


def main() -> None:
    if len(sys.argv) > 1:
        run_case(sys.argv[1])
        return
    for name in CASES:
        subprocess.run([sys.executable, __file__, name], check=True)


if __name__ == "__main__":
    main()
