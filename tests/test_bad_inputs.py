"""Hostile uploads: every file in tests/data/bad/ ends as a clear error or as rows each with one status.

``tests/data/bad/expected.csv`` says, per file, either ``error`` with a regex on
the message, or per row (``N`` or ``N-M``) the status (``a|b`` when either is
right), a regex on the reason, and the food text as a Python literal (empty:
not checked).  ``note`` lines are regexes one of the file's notes must match;
``no_rows`` means a file with a header and no rows.  Rows marked
``known_issue`` describe a bug reported elsewhere: a mismatch there is an xfail.
"""

from __future__ import annotations

import ast
import math
import re
import sys
import time
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import analyzer
from analyzer import STATUSES, DiaryFormatError, import_diary
from analyzer.ingest._read import MAX_BYTES

BAD = Path(__file__).resolve().parent / "data" / "bad"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BAD))
from make_corpus import CASES, LARGE, corpus_bytes  # noqa: E402

EXPECTED = pd.read_csv(BAD / "expected.csv", dtype=str, keep_default_na=False)
FILES = list(dict.fromkeys(EXPECTED["file"]))
FILE_LEVEL = ("error", "no_rows", "note")


def _rows(spec: str) -> list[int]:
    first, _, last = spec.partition("-")
    return list(range(int(first), int(last or first) + 1))


def _is_sentence(message: str) -> bool:
    return (message[:1].isupper() and message.rstrip().endswith((".", "?"))
            and "Traceback" not in message and "\n" not in message)


@pytest.fixture(scope="module")
def matcher(food_table):
    return analyzer.get_matcher()


def test_corpus_is_complete_and_in_sync():
    """Every corpus file has expectations, is what make_corpus.py writes, and is small."""
    on_disk = {p.name for p in BAD.iterdir() if p.name not in ("make_corpus.py", "expected.csv", "__pycache__")}
    assert on_disk == set(CASES)
    assert set(FILES) == set(CASES) | set(LARGE)
    assert len(FILES) >= 40
    for name, make in CASES.items():
        assert (BAD / name).read_bytes() == make(), f"{name} differs from make_corpus.py: rerun it"
        assert (BAD / name).stat().st_size < 1_000_000, name


# The large files are built in memory and take seconds each: left out of make quick.
@pytest.mark.parametrize("name", [pytest.param(name, marks=pytest.mark.slow) if name in LARGE else name
                                  for name in FILES])
def test_bad_file(name, food_table, matcher):
    spec = EXPECTED[EXPECTED["file"] == name]
    data = corpus_bytes(name)
    error = spec[spec["status"] == "error"]
    if len(error):
        with pytest.raises(DiaryFormatError) as caught:
            import_diary(data, name, table=food_table, matcher=matcher)
        message = str(caught.value)
        assert re.search(error["reason"].iloc[0], message), message
        assert _is_sentence(message) and len(message) < 1000, message
        return

    result = import_diary(data, name, table=food_table, matcher=matcher)
    entries = result.entries
    assert entries["row"].is_unique, "a row number appears twice"
    assert set(entries["status"]) <= set(STATUSES)
    for _, note in spec[spec["status"].isin(["note", "no_rows"])].iterrows():
        assert any(re.search(note["reason"], n) for n in result.notes), result.notes
    if (spec["status"] == "no_rows").any():
        assert entries.empty
        return

    expected_rows = {row: item for _, item in spec[~spec["status"].isin(FILE_LEVEL)].iterrows()
                     for row in _rows(item["row"])}
    assert sorted(entries["row"]) == sorted(expected_rows), "rows lost or invented"
    known = []
    for _, entry in entries.iterrows():
        item = expected_rows[entry["row"]]
        problems = []
        if entry["status"] not in item["status"].split("|"):
            problems.append(f"row {entry['row']} is {entry['status']} ({entry['reason']}), expected {item['status']}")
        elif entry["status"] == "used":
            assert entry["reason"] == "", entry["reason"]
        else:
            assert entry["reason"].strip(), f"row {entry['row']} is set aside without a reason"
            if item["reason"] and not re.search(item["reason"], entry["reason"]):
                problems.append(f"row {entry['row']} reason {entry['reason']!r} !~ {item['reason']!r}")
        if item["food_text"]:
            assert entry["food_text"] == ast.literal_eval(item["food_text"]), f"row {entry['row']} text changed"
        if problems and item["known_issue"]:
            known.append(f"{item['known_issue']}: {problems}")
        else:
            assert not problems, problems
    if known:
        pytest.xfail("; ".join(known))


def test_size_guard_matches_the_upload_limit():
    """The reader's limit is the app's upload limit (server.maxUploadSize, in MiB)."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert MAX_BYTES == config["server"]["maxUploadSize"] * 1024 * 1024


def test_oversized_upload_is_refused_before_decoding():
    """An upload one byte over the limit is refused at once with a sentence, without reading it."""
    data = b"date,food,amount\n" + b"x" * (MAX_BYTES - 16)
    assert len(data) == MAX_BYTES + 1
    started = time.perf_counter()
    with pytest.raises(DiaryFormatError, match=r"up to 50 MB") as caught:
        analyzer.parse_diary(data)
    assert time.perf_counter() - started < 1.0  # decoding 50 MB would take far longer
    assert _is_sentence(str(caught.value))


def test_impossible_nutrient_values_from_the_file_are_unknown(food_table, matcher):
    """'1e999', 'inf' and '-50' in a Cronometer column never reach the totals as inf or negative."""
    result = import_diary(corpus_bytes("shape_garbage_nutrients.csv"), table=food_table, matcher=matcher)
    entries = result.entries.set_index("row")
    assert math.isnan(entries.at[2, "calcium_mg"]) and math.isnan(entries.at[3, "calcium_mg"])
    assert math.isnan(entries.at[4, "energy_kcal"]) and entries.at[4, "calcium_mg"] == 5
    assert entries.at[2, "magnesium_mg"] == 10 and math.isnan(entries.at[3, "magnesium_mg"])
    analysis = analyzer.analyze(result.entries, food_table, analyzer.Profile(age=40, sex="F"))
    values = analysis.daily.select_dtypes("number").to_numpy(dtype=float)
    assert not np.isinf(values).any() and not (values < 0).any()


@pytest.mark.parametrize("name", ["text_html_script.csv", "text_formula_injection.csv", "text_control_chars.csv"])
def test_report_escapes_hostile_food_names(name, food_table, matcher):
    """Script and markup typed as food names come out as text in the HTML report."""
    result = import_diary(corpus_bytes(name), table=food_table, matcher=matcher)
    analysis = analyzer.analyze(result.entries, food_table, analyzer.Profile(age=40, sex="F"))
    page = analyzer.build_report_html(result.entries, analysis.nutrients, analysis.all_daily, analysis.profile,
                                      reference=analysis.reference,
                                      ratio_ranges=food_table.ratio_ranges.set_index("ratio"))
    for dangerous in ("<script>alert(1)</script>", "<img src=x", "</td></tr><tr><td>evil", "\x1b[31m"):
        assert dangerous not in page
