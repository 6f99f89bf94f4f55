"""Measure the food matcher: index build time, names per second, exam accuracy.

Run from the project root once the food database is built (with FoodData
Central foods for the real-string exam)::

    .venv/bin/python benchmarks/bench_match.py

The names are real: the distinct food names of ``../shared/realworld/diaries``
(when present) and of the real-string exam, then diary-like variations of them
and of SR28 descriptions rewritten the way diaries write them
(``Cheese, cheddar`` -> ``cheddar cheese``), all distinct, so every name is
really matched. Names per second are given in wall time and in CPU time (the
CPU figure is steadier on a shared machine).
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analyzer.match._match import FoodMatcher  # noqa: E402

EXAM = ROOT / "tests" / "data" / "food_match_labelled.csv"
REAL_EXAM = ROOT / "tests" / "data" / "food_match_real.csv"
DIARIES = ROOT.parent / "shared" / "realworld" / "diaries"
#: Distinct names per second match_many should reach (issue 15).
TARGET_RATE = 2_000
SUFFIXES = ["", ", raw", ", cooked", " (1 serving)", " - homemade", ", plain", " large", ", fresh"]


def real_names() -> list[str]:
    """Distinct food names of the real diaries (none when ../shared is absent)."""
    names: dict[str, None] = {}
    for path in sorted(DIARIES.glob("*.csv")):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        column = "Food_Description" if "Food_Description" in table else "Food Name"
        if column in table:
            names.update(dict.fromkeys(t.strip() for t in table[column] if t.strip()))
    return list(names)


def diary_names(foods: pd.DataFrame, exam: pd.DataFrame, count: int) -> list[str]:
    """Distinct diary-like names: real names, exam texts, their variants, reordered SR28 names."""
    rng = random.Random(28)
    texts = [*real_names(), *exam["text"]]
    if REAL_EXAM.exists():
        texts += pd.read_csv(REAL_EXAM, dtype=str, keep_default_na=False)["text"].tolist()
    names = dict.fromkeys(texts)
    for text in texts:
        names[text.lower() + rng.choice(SUFFIXES)] = None
    descriptions = foods["description"].tolist()
    rng.shuffle(descriptions)
    for desc in descriptions:
        if len(names) >= count:
            break
        parts = [p.strip() for p in desc.split(",")][:3]
        names[" ".join(reversed(parts)).title() + rng.choice(SUFFIXES)] = None
    return list(names)


def exam_scores(matcher: FoodMatcher, exam: pd.DataFrame) -> pd.DataFrame:
    """Per exam row: top-1 right, right food among the alternatives, no-match right."""
    results = matcher.match_many(exam["text"])
    rows = []
    for text, ids, style in exam[["text", "acceptable_ids", "style"]].itertuples(index=False):
        wanted = {int(x) for x in ids.split(";") if x}
        result = results[text]
        alternatives = {c.food_id for c in result.alternatives}
        rows.append({
            "style": style,
            "matchable": bool(wanted),
            "top1": result.food_id in wanted if wanted else result.food_id is None,
            "top5": bool(wanted & alternatives) if wanted else result.food_id is None,
        })
    return pd.DataFrame(rows)


def main() -> None:
    import food_db

    foods = food_db.load().foods
    exam = pd.read_csv(EXAM, dtype=str, keep_default_na=False)
    builds = []
    for _ in range(3):
        start = time.perf_counter()
        matcher = FoodMatcher(foods)
        builds.append(time.perf_counter() - start)
    names = diary_names(foods, exam, 2500)
    rates, cpu_rates = [], []
    for _ in range(3):
        fresh = FoodMatcher(foods)  # no spelling fixes cached from an earlier run
        start, cpu = time.perf_counter(), time.process_time()
        fresh.match_many(names)
        rates.append(len(names) / (time.perf_counter() - start))
        cpu_rates.append(len(names) / (time.process_time() - cpu))
    sources = foods["source"].value_counts().to_dict() if "source" in foods else {"sr28": len(foods)}
    print(f"foods: {len(foods):,} {sources}")
    print(f"index build: best {min(builds):.2f} s, worst {max(builds):.2f} s (3 runs)")
    print(f"match_many: {len(names)} distinct names, best {max(rates):,.0f} names/s, "
          f"worst {min(rates):,.0f} names/s wall; best {max(cpu_rates):,.0f} names/s CPU (3 runs)")
    # CPU per name is the figure to compare across runs on a shared machine; the load says how shared.
    print(f"  CPU per name: best {1e3 / max(cpu_rates):.3f} ms, worst {1e3 / min(cpu_rates):.3f} ms; "
          f"load average {os.getloadavg()[0]:.2f} (1 min) on {os.cpu_count()} CPUs")
    print(f"  target (issue 15, all sources loaded): >= {TARGET_RATE:,} names/s: best wall {max(rates):,.0f} "
          f"{'ok' if max(rates) >= TARGET_RATE else 'MISSED'}, best CPU {max(cpu_rates):,.0f} "
          f"{'ok' if max(cpu_rates) >= TARGET_RATE else 'MISSED'}")

    if "source" in foods and (foods["source"] == "fndds").any() and REAL_EXAM.exists():
        sys.path.insert(0, str(ROOT / "tests"))
        from test_match_real import exam_scores as real_scores

        for split in ("dev", "holdout"):
            real = real_scores(matcher, foods, split)
            print(f"real-string exam, {split} ({len(real)} rows): top-1 / top-5 on rows with a food, "
                  f"'none' rows left unmatched")
            for origin, part in [*real.groupby("origin"), ("all", real)]:
                food, empty = part[~part["none"]], part[part["none"]]
                print(f"  {origin:10s} top-1 {food['top1'].mean():.1%} top-5 {food['top5'].mean():.1%} "
                      f"({len(food)})  no-match {empty['top1'].mean() if len(empty) else float('nan'):.1%} "
                      f"({len(empty)})")
        sr28 = foods[foods["source"] == "sr28"]
        matcher = FoodMatcher(sr28)  # the older exam names SR28 foods only
    scores = exam_scores(matcher, exam)
    matchable = scores[scores["matchable"]]
    empty = scores[~scores["matchable"]]
    print(f"exam ({len(scores)} rows, threshold {matcher.threshold:g}):")
    print(f"  top-1 correct on matchable rows: {matchable['top1'].mean():.1%} "
          f"({matchable['top1'].sum()}/{len(matchable)})")
    print(f"  right food among the 5 alternatives: {matchable['top5'].mean():.1%}")
    print(f"  no-match rows rejected: {empty['top1'].sum()}/{len(empty)}")
    print("  per style (top-1 correct, incl. no-match rows):")
    print(scores.groupby("style")["top1"].agg(["mean", "count"]).round(3).to_string())


if __name__ == "__main__":
    main()
