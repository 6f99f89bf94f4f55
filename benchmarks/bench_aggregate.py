"""Time the aggregation of a large diary: entry_nutrients + daily_totals + period summaries.

Usage: python benchmarks/bench_aggregate.py [--entries 1000000] [--days 1500] [--real-foods]

Generates a synthetic entries table (80 % USDA foods, 10 % export values, 10 %
supplement labels, 3 % of weights unknown) against a synthetic food table of
8,000 foods (or the real SR28 table with --real-foods) and prints timings.
The target is under 5 s for 1,000,000 entries on a 2-core machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analyzer.analysis._daily import daily_totals
from analyzer.analysis._entry_nutrients import entry_nutrients
from analyzer.analysis._period import period_summary, rolling_means, rollup
from analyzer.analysis._ratios import daily_ratios, period_ratios

PER_100G = ("energy_kcal", "calcium_mg", "magnesium_mg", "phosphorus_mg", "sodium_mg", "potassium_mg",
            "vitamin_d_ug", "vitamin_k1_ug", "vitamin_k2_ug", "k2_mk4_ug", "k2_mk7_ug", "k2_other_ug")


def synthetic_foods(rng: np.random.Generator, n: int = 8000) -> pd.DataFrame:
    foods = pd.DataFrame({key: rng.gamma(2.0, 50.0, n) for key in PER_100G},
                         index=pd.Index(np.arange(1001, 1001 + n), name="food_id"))
    for key in PER_100G:  # a fifth of the values unknown, as in SR28's vitamins
        foods.loc[rng.random(n) < 0.2, key] = np.nan
    foods["k2_status"] = rng.choice(["unknown", "rule_estimate", "measured_usda", "measured_paper"], n,
                                    p=[.7, .2, .09, .01])
    foods["k2_source"] = np.where(foods["k2_status"] == "unknown", None, "synthetic citation")
    return foods


def synthetic_entries(rng: np.random.Generator, foods: pd.DataFrame, n: int, days: int) -> pd.DataFrame:
    source = rng.choice(["usda", "file", "supplement_label"], n, p=[.8, .1, .1])
    grams = rng.gamma(2.0, 60.0, n)
    grams[rng.random(n) < 0.03] = np.nan
    ids = rng.choice(foods.index.to_numpy(), n)
    entries = pd.DataFrame({
        "row": np.arange(2, n + 2),
        "date": pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, days, n), unit="D"),
        "meal": rng.choice(["Breakfast", "Lunch", "Dinner", "Supplements"], n),
        "food_text": "food",
        "amount_text": "1 cup",
        "kind": "food",
        "status": rng.choice(["used", "needs_match"], n, p=[.97, .03]),
        "matched_food_id": pd.array(np.where(source == "supplement_label", -1, ids), dtype="Int64"),
        "matched_food": "food",
        "grams": np.where(source == "supplement_label", np.nan, grams),
        "grams_source": "household_measure",
        "is_supplement": source == "supplement_label",
        "nutrient_source": source,
        "low_confidence": "",
    })
    entries.loc[source == "supplement_label", "matched_food_id"] = pd.NA
    for key in ("energy_kcal", "calcium_mg", "magnesium_mg", "phosphorus_mg", "sodium_mg", "potassium_mg",
                "vitamin_d_ug", "vitamin_k1_ug", "vitamin_k2_ug", "vitamin_k_total_ug"):
        given = source != "usda"
        entries[key] = np.where(given & (rng.random(n) < 0.5), rng.gamma(2.0, 40.0, n), np.nan)
    return entries


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=1500)
    parser.add_argument("--real-foods", action="store_true", help="use food_db.load().foods")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(7)
    if args.real_foods:
        import food_db

        foods = food_db.load().foods
    else:
        foods = synthetic_foods(rng)
    entries = synthetic_entries(rng, foods, args.entries, args.days)

    timings = {}
    cpu = time.process_time()
    start = time.perf_counter()
    nutrients = entry_nutrients(entries, foods)
    timings["entry_nutrients"] = time.perf_counter() - start
    mark = time.perf_counter()
    daily = daily_totals(nutrients)
    timings["daily_totals"] = time.perf_counter() - mark
    mark = time.perf_counter()
    period_summary(daily)
    daily_ratios(daily)
    period_ratios(daily)
    rollup(daily, "week")
    rollup(daily, "month")
    rolling_means(daily)
    timings["period summaries"] = time.perf_counter() - mark
    total = time.perf_counter() - start
    cpu = time.process_time() - cpu
    print(f"{len(entries):,} entries, {len(nutrients):,} used, {len(daily):,} days, {len(foods):,} foods")
    for name, seconds in timings.items():
        print(f"{name:>18}: {seconds:6.2f} s")
    print(f"{'total':>18}: {total:6.2f} s wall, {cpu:.2f} s CPU ({'under' if total < 5 else 'OVER'} the 5 s target)")


if __name__ == "__main__":
    main()
