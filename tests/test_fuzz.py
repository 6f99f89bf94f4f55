"""Property-based tests: the reader and the amount parser under random input.

Whatever the bytes, ``parse_diary`` either raises :class:`DiaryFormatError` or
returns one entry per non-blank data row, numbered uniquely, each with a known
status; ``parse_amount`` either raises :class:`AmountError` or returns a finite
positive quantity.  Inputs the fuzzers once crashed on are pinned as examples.
"""

from __future__ import annotations

import csv
import io
import math
import os

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import analyzer
from analyzer import STATUSES, AmountError, DiaryFormatError, parse_diary
from analyzer.amounts._amounts import MAX_QUANTITY, parse_amount, split_count

# Hundreds of generated files per property: run by make test, left out of make quick.
pytestmark = pytest.mark.slow

PARSED_STATUSES = {"pending", "skipped", "rejected"}
#: Examples per property; raise it (MINERALOG_FUZZ_EXAMPLES=5000) for a longer hunt.
EXAMPLES = int(os.environ.get("MINERALOG_FUZZ_EXAMPLES", "150"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that exercises the reader: delimiters, quotes, line breaks, formulas, BOMs, RTL, emoji.
CELL_ALPHABET = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
TRICKY = st.sampled_from([",", ";", "\t", "|", '"', "'", "\n", "\r", "\r\n", "=", "+", "-", "@", "\ufeff",
                          "\u202e", "½", "١", "™", "🥛", "é", "ü", "1", "0", "/", ".", " "])
CELL = st.lists(st.one_of(TRICKY, st.text(CELL_ALPHABET, max_size=6)), max_size=6).map("".join)
HEADER_NAMES = st.sampled_from(["date", "food", "amount", "unit", "meal", "Food Name", "Amount", "Day", "Group",
                                "Calcium (mg)", "notes", "x", "", "food", "Menge", "grams"])


def check_parsed(entries, expected_rows: int | None = None) -> None:
    """The invariants every parsed diary keeps."""
    assert entries["row"].is_unique, "two entries share a row number"
    assert (entries["row"] >= 2).all()
    assert set(entries["status"]) <= PARSED_STATUSES
    set_aside = entries["status"] != "pending"
    assert (entries.loc[set_aside, "reason"].str.strip() != "").all(), "a row set aside without a reason"
    if expected_rows is not None:
        assert len(entries) == expected_rows, "rows lost or invented"


@FAST
@given(st.binary(max_size=2000))
@example(b"\xff\xfe\x00")  # UTF-16 BOM with half a character
@example(b'a,b\n"' + b"x" * 10)  # a quote that never closes
@example(b"food,amount\n\x9c\xbd\x8a")  # cp1252-undefined bytes
def test_reader_on_random_bytes(data):
    try:
        parsed = parse_diary(data)
    except DiaryFormatError as error:
        assert str(error) and "Traceback" not in str(error)
        return
    check_parsed(parsed.entries)


@st.composite
def csv_files(draw):
    """A well-quoted CSV (random names, cells, delimiter, encoding) and its number of data rows."""
    extra = draw(st.lists(HEADER_NAMES, max_size=4))
    header = draw(st.permutations(["date", "food", "amount", *extra]))
    rows = draw(st.lists(st.lists(CELL, min_size=len(header), max_size=len(header)), max_size=12))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n",  # so cells with CR or LF are quoted
                        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return buffer.getvalue().encode(encoding, errors="replace"), len(rows)


@FAST
@given(csv_files())
def test_reader_keeps_every_row_of_a_well_formed_csv(case):
    data, rows = case
    try:
        parsed = parse_diary(data)
    except DiaryFormatError as error:
        # Only the header can be unreadable (e.g. the sniffer saw another delimiter in it).
        assert "columns of a food diary" in str(error), str(error)
        return
    check_parsed(parsed.entries, expected_rows=rows)


@settings(max_examples=max(25, EXAMPLES // 6), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=csv_files())
def test_import_gives_every_row_exactly_one_final_status(food_table, case):
    data, rows = case
    try:
        result = analyzer.import_diary(data, table=food_table)
    except DiaryFormatError:
        return
    entries = result.entries
    assert len(entries) == rows and entries["row"].is_unique
    assert set(entries["status"]) <= set(STATUSES)
    assert sum(result.counts().values()) == rows


def check_amount(parsed) -> None:
    assert math.isfinite(parsed.quantity) and 0 < parsed.quantity <= MAX_QUANTITY, parsed
    assert parsed.kind in ("mass", "volume", "count", "serving"), parsed


@FAST
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
@example("\x9ce \xbd \x8a2lg ! 00s")
@example("1 cup ™")   # atheris finding: '™' folds to two letters and crashed the superscript check
@example("2 eggs℠")
@example("1 lg " * 600)  # atheris finding: each word after a unit re-entered the parser until RecursionError
def test_amount_parser_on_random_text(text):
    try:
        parsed = parse_amount(text)
    except AmountError as error:
        assert str(error)
    else:
        check_amount(parsed)
    counted = split_count(text)
    if counted is not None:
        assert math.isfinite(counted[0]) and counted[0] > 0 and counted[2]


@FAST
@given(st.lists(st.sampled_from(["1", "½", "-", "/", " ", "x", "e", "308", ",", ".", "0", "cup", "g", "to", "a",
                                 "١", "１", "⁵", "™", "(", ")", "each", "oz", "tbsp", "inf", "nan"]), max_size=8)
       .map("".join))
def test_amount_parser_on_amount_like_text(text):
    try:
        check_amount(parse_amount(text))
    except AmountError:
        pass


@FAST
@given(st.one_of(st.floats(), st.integers(min_value=-10**30, max_value=10**30)))
def test_amount_parser_on_numbers(value):
    try:
        parsed = parse_amount(value)
    except AmountError:
        assert not (0 < value <= MAX_QUANTITY) or not math.isfinite(value)
    else:
        check_amount(parsed)


@FAST
@given(st.decimals(min_value="0.001", max_value="100000", places=3),
       st.sampled_from([("g", "g"), ("grams", "g"), ("cup", "cup"), ("cups", "cup"), ("tbsp", "tbsp"),
                        ("oz", "oz"), ("ml", "ml"), ("kg", "kg")]))
def test_amount_quantity_is_read_back(quantity, unit):
    text, canonical = unit
    assume(quantity > 0)
    parsed = parse_amount(f"{quantity} {text}")
    assert parsed.quantity == pytest.approx(float(quantity))
    assert parsed.unit == canonical
