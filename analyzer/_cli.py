"""``python -m analyzer``: a thin shell over the library.

Exit codes: 0 success; 2 bad input (one line naming the row, no traceback);
1 when the food database is not available.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

import food_db

__all__ = ["main"]

def _profile_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("profile (for reference intakes)")
    group.add_argument("--age", type=float, default=40, help="age in years (default 40)")
    group.add_argument("--sex", choices=["F", "M", "f", "m"], default="F", help="F or M (default F)")
    stage = group.add_mutually_exclusive_group()
    stage.add_argument("--pregnant", action="store_true")
    stage.add_argument("--lactating", action="store_true")
    group.add_argument("--authority", choices=["nasem", "efsa"], default="nasem")
    parser.add_argument("--start", help="first day (YYYY-MM-DD), inclusive")
    parser.add_argument("--end", help="last day (YYYY-MM-DD), inclusive")
    _water_arguments(parser)


def _water_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "water (plain water lines use your tap water; default: the values saved with --save-water)")
    group.add_argument("--tap-water-ca", metavar="MG_L", help="calcium of your tap water, mg/L")
    group.add_argument("--tap-water-mg", metavar="MG_L", help="magnesium of your tap water, mg/L")
    group.add_argument("--tap-water-na", metavar="MG_L", help="sodium of your tap water, mg/L (optional)")
    group.add_argument("--tap-water-hardness", nargs=2, metavar=("VALUE", "UNIT"),
                       help="total hardness and its unit: 'mg/L as CaCO3' (or ppm), mmol/L, °dH (dH), °fH (fH), gpg")
    habit = group.add_mutually_exclusive_group()
    habit.add_argument("--water-habit-l", metavar="L",
                       help="litres of tap water to add to every logged day as 'water (your setting)'")
    habit.add_argument("--no-water-habit", action="store_true", help="leave out a saved daily water habit")
    group.add_argument("--save-water", action="store_true",
                       help="save the tap water and habit given here for later runs and the dashboard")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analyzer",
                                     description="Mineral balance from a food diary (no medical advice).")
    sub = parser.add_subparsers(dest="command", required=True)
    totals = sub.add_parser("totals", help="daily totals (and per-entry values) as CSV")
    totals.add_argument("diary", type=Path)
    totals.add_argument("--out", type=Path, required=True, help="daily.csv to write")
    totals.add_argument("--entries", type=Path, help="entries.csv to write (one row per input row)")
    _profile_arguments(totals)
    report = sub.add_parser("report", help="a self-contained HTML report that opens offline")
    report.add_argument("diary", type=Path)
    report.add_argument("--html", type=Path, required=True)
    _profile_arguments(report)
    foods = sub.add_parser("foods", help="foods rich in a nutrient, from the food table")
    foods.add_argument("nutrient", help="e.g. magnesium, calcium, vitamin_k2")
    foods.add_argument("--per", choices=["100g", "100kcal", "measure"], default="100g")
    foods.add_argument("--low", action="append", default=[], help="also low in this nutrient (repeatable)")
    foods.add_argument("--limit", type=int, default=20)
    match = sub.add_parser("match", help="the best food for a text, with its score and alternatives")
    match.add_argument("text")
    return parser


def _profile(args):
    from .analysis._reference import Profile

    return Profile(age=args.age, sex=args.sex.upper(), pregnant=args.pregnant, lactating=args.lactating,
                   authority=args.authority)


def _water(args):
    """The water settings of this run: saved ones, replaced by any given on the command line."""
    from .resolve._water_settings import WaterSettings, tap_water, water_habit
    from .store import UserStore

    store = UserStore()
    saved = store.water_settings()
    given = [args.tap_water_ca, args.tap_water_mg, args.tap_water_na, args.tap_water_hardness]
    tap = saved.tap
    if any(value is not None for value in given):
        hardness = args.tap_water_hardness or (None, None)
        tap = tap_water(args.tap_water_ca, args.tap_water_mg, args.tap_water_na, *hardness)
    habit = saved.habit_litres
    if args.water_habit_l is not None:
        habit = water_habit(args.water_habit_l)
    if args.no_water_habit:
        habit = None
    if args.save_water:
        store.save_tap_water(tap)
        store.save_water_habit(habit)
    return WaterSettings(tap=tap, habit_litres=habit)


def _print_notes(notes: list[str]) -> None:
    for note in notes:
        print(f"note: {_terminal_safe(note)}", file=sys.stderr)


def _load_diary(path: Path, table):
    from .resolve._import import import_diary
    from .store import UserStore

    if path.is_dir():
        raise IsADirectoryError(f"The diary '{path}' is a folder; give the path of the exported file inside it.")
    if not path.is_file():
        raise FileNotFoundError(f"No such diary file: {path}")
    store = UserStore()
    result = import_diary(path.read_bytes(), path.name, table=table, corrections=store.corrections(),
                          doses=store.supplement_doses(), recipe_weights=store.recipe_weights())
    print(_terminal_safe(result.summary()), file=sys.stderr)
    _print_notes(result.notes)
    return result


def _outside_period(entries: pd.DataFrame, analysis) -> list[str]:
    """A note when ``--start``/``--end`` leave dated entries out of the totals (entries.csv still lists them)."""
    from . import messages
    from .analysis._period import in_period

    if analysis.start is None and analysis.end is None:
        return []
    dated = entries["date"].dropna()
    count = int((~in_period(dated, analysis.start, analysis.end)).sum())
    shown = [None if day is None else f"{day:%Y-%m-%d}" for day in (analysis.start, analysis.end)]
    return [messages.outside_period(count, *shown)] if count else []


def _totals(args, table) -> None:
    from .analysis._analysis import analyze, daily_csv_table, entries_csv_table
    from .report._export import to_safe_csv

    water = _water(args)
    result = _load_diary(args.diary, table)
    analysis = analyze(result.entries, table, _profile(args), args.start, args.end, water=water)
    _print_notes(_outside_period(result.entries, analysis) + analysis.water_notes)
    args.out.write_bytes(to_safe_csv(daily_csv_table(analysis.daily, analysis.water)))
    if args.entries:
        args.entries.write_bytes(to_safe_csv(entries_csv_table(result.entries, analysis.nutrients)))


def _report(args, table) -> None:
    from .analysis._analysis import analyze
    from .report._report import report_html

    water = _water(args)
    result = _load_diary(args.diary, table)
    analysis = analyze(result.entries, table, _profile(args), args.start, args.end, water=water)
    _print_notes(_outside_period(result.entries, analysis))
    html = report_html(analysis, ratio_ranges=table.ratio_ranges.set_index("ratio"))
    args.html.write_text(html, encoding="utf-8")


def _foods(args, table) -> None:
    from . import messages
    from .analysis._foods_rich import foods_rich

    rich = foods_rich(table.foods, table.measures, args.nutrient, per=args.per, low=args.low, limit=args.limit)
    with pd.option_context("display.width", 160, "display.max_colwidth", 60):
        print(rich.to_string())
    print(messages.DISCLAIMER)


def _match(args, table) -> None:
    from .match._match_cache import get_matcher
    from .store import UserStore

    result = get_matcher().match(args.text, corrections=UserStore().corrections())
    if result.food_id is None:
        print(f"no match (best score {result.score:.0f})")
    else:
        print(f"{result.food_id:05d}  {result.description}  score {result.score:.0f}  ({result.source})")
    for candidate in result.alternatives:
        print(f"  {candidate.food_id:05d}  {candidate.description}  score {candidate.score:.0f}")


COMMANDS = {"totals": _totals, "report": _report, "foods": _foods, "match": _match}


def _food_table() -> food_db.FoodTable:
    """The food table, as the dashboard gets it: a database missing or left by another version of
    Mineralog is first rebuilt from the archives already downloaded (never from the network)."""
    said: list[str] = []

    def tell(step: str, _share: float) -> None:
        if not said:  # one line: the rebuild takes half a minute, and a silent pause looks like a hang
            said.append(step)
            print("note: building the food database for this version of Mineralog (about half a minute, once)...",
                  file=sys.stderr)

    food_db.ensure_built(tell, allow_download=False)
    return food_db.load()


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    from ._long_lived import set_aside
    from .errors import MineralogError

    args = _parser().parse_args(argv)
    try:
        table = _food_table()
        set_aside()  # the modules and the food table stay to the end: later collections need not walk them
        COMMANDS[args.command](args, table)
    except food_db.FoodDatabaseError as exc:
        print(f"error: {_terminal_safe(str(exc))}", file=sys.stderr)
        return 1
    except (MineralogError, ValueError) as exc:
        print(f"error: {_terminal_safe(str(exc))}", file=sys.stderr)
        return 2
    except OSError as exc:  # a diary that cannot be read, an --out folder that does not exist ...
        print(f"error: {_terminal_safe(_os_sentence(exc))}", file=sys.stderr)
        return 2
    return 0


def _terminal_safe(text: str) -> str:
    """``text`` with its control and invisible format characters written as escapes (``\\x1b``).

    Notes and errors quote the file's cells, and a cell may hold terminal escape sequences,
    a bell or a right-to-left override: printed as they are, a diary could recolour, retitle
    or reorder what the terminal shows.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)


def _os_sentence(exc: OSError) -> str:
    """'Cannot write ... : No such file or directory.' rather than Python's '[Errno 2] ...'."""
    if exc.filename is None and exc.strerror is not None:  # a full disk names no file
        return f"A file could not be read or written: {exc.strerror}."
    if exc.filename is None or exc.strerror is None:
        return str(exc)
    return f"Cannot use the file '{exc.filename}': {exc.strerror}."
