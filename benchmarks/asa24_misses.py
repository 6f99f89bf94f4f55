"""Why ASA24 entries miss +-20 % of the study's energy: grams, release differences, wrong picks.

    .venv/bin/python ../shared/realworld/score_all.py --keep /tmp/keep ../shared/realworld/diaries/asa24_*.csv
    .venv/bin/python benchmarks/asa24_misses.py /tmp/keep/asa24_dietr_vvkaj_items

Reads the kept reference and output entries (the same +-20 % rule as ``score.py``: reference
energy > 0, a row without energy is a miss), our energy per 100 g of each matched food, and the
labels of ``tests/data/food_match_real.csv`` (written without the matcher's output). Each miss
falls in one class:

A  the food has the ASA24 line's very description: the study's FNDDS release gave another value;
B  the labelled-right food under a newer FNDDS name: another release's value again;
C  another food than the label's, and a labelled food would be within 20 %: a wrong pick;
D  no food given, and no labelled food within 20 %: absent from the table;
D2 a food given, and no labelled food within 20 % either: absent too;
E  not labelled.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import food_db

EXAM = Path(__file__).resolve().parents[1] / "tests" / "data" / "food_match_real.csv"


def entries(keep: Path, foods: pd.DataFrame) -> pd.DataFrame:
    """Reference and output entries side by side, with energy per 100 g on both sides."""
    ref = pd.read_csv(keep / "reference" / "ref_entries.csv")
    out = pd.read_csv(keep / "output" / "entries.csv", encoding="utf-8-sig")
    out["row"] -= out["row"].min() - ref["row"].min()  # line numbers -> 0-based data rows
    both = ref.merge(out[["row", "matched_food_id", "matched_food", "grams", "energy_kcal", "status"]],
                     on="row", suffixes=("_ref", ""))
    both = both[both["energy_kcal_ref"] > 0].copy()
    both["study_grams"] = pd.to_numeric(both["amount"].str.removesuffix(" g"), errors="coerce")
    both["within"] = (both["energy_kcal"] - both["energy_kcal_ref"]).abs() <= 0.2 * both["energy_kcal_ref"]
    both["study_per100"] = both["energy_kcal_ref"] / both["study_grams"] * 100
    found = both["matched_food_id"].dropna().astype(int)
    both["our_per100"] = found.map(foods["energy_kcal"])
    both["key"] = found.map(lambda i: f"sr28:{i:05d}" if foods.at[i, "source"] == "sr28"
                            else f"{foods.at[i, 'source']}:{foods.at[i, 'description']}")
    both["key"] = both["key"].fillna("none")
    both["same"] = both["food_name"].str.strip().str.lower() == both["matched_food"].fillna("").str.lower()
    return both


def kcal_of(key: str, foods: pd.DataFrame) -> float:
    """Energy per 100 g of an exam label (``sr28:01077``, ``fndds:<description>``)."""
    source, _, rest = key.partition(":")
    if source == "sr28":
        return float(foods.at[int(rest), "energy_kcal"])
    hit = foods[(foods["source"] == source) & (foods["description"] == rest)]
    return float(hit["energy_kcal"].iloc[0]) if len(hit) else float("nan")


def miss_class(row, labels: dict[str, str], foods: pd.DataFrame) -> str:
    """The class (A, B, C, D, D2, E of the module docstring) of one missed entry."""
    if row.same:
        return "A"
    label = labels.get(row.food_name)
    if label is None:
        return "E"
    wanted = label.split(";")
    fits = [k for k in wanted if k != "none" and abs(kcal_of(k, foods) / row.study_per100 - 1) <= 0.2]
    if row.key in wanted:
        return "B"
    if fits:
        return "C"
    return "D" if row.key == "none" else "D2"


def main(keep: Path) -> None:
    foods = food_db.load().foods
    both = entries(keep, foods)
    used = both[both["grams"] > 0]
    print(f"{len(both)} entries with energy, {int(both['within'].sum())} within 20 % "
          f"({both['within'].mean():.1%}); grams equal to the study's on "
          f"{int(((used['grams'] - used['study_grams']).abs() < 0.01).sum())} of {len(used)} with grams")
    same = both[both["same"]].assign(ratio=lambda d: d["our_per100"] / d["study_per100"])
    off = same[(same["ratio"] - 1).abs() > 0.2].drop_duplicates("food_name").sort_values("ratio")
    print(f"{len(same)} entries whose food has the line's description; per 100 g more than 20 % apart:")
    for r in off.itertuples():
        print(f"  {r.food_name[:60]:<60} ours {r.our_per100:6.1f}  study {r.study_per100:6.1f}")
    exam = pd.read_csv(EXAM, dtype=str, keep_default_na=False)
    labels = dict(exam[exam["origin"] == "asa24"].drop_duplicates("text")[["text", "expected"]].to_numpy())
    miss = both[~both["within"]].copy()
    miss["class"] = [miss_class(r, labels, foods) for r in miss.itertuples()]
    print(miss["class"].value_counts().sort_index().to_string())
    for name, group in miss[miss["class"].isin(["C", "D", "D2", "E"])].groupby("class"):
        print(f"== {name}")
        for text, n in group["food_name"].value_counts().items():
            print(f"  {n} x {text[:90]}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
