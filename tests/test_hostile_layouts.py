"""Hostile variants of every export layout (``hostile_variants.py``): each row accounted for, or one sentence.

For every variant the reader either refuses the file with a ``DiaryFormatError``
that reads as one sentence, or returns each data row exactly once under its
spreadsheet row number, with food texts as written.  A sample per layout goes
on through the whole import, ``python -m analyzer totals`` and the HTML report
(with outgoing connections blocked): every status has a reason, the written
CSVs neutralise formula-like cells, the report escapes markup.  The largest
files (a 420 MB zip bomb, 50 MB and 100,000 real-shaped rows) are slow tests.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_variants import HOSTILE_FOODS, LAYOUTS, Variant, csv_text, variants, zip_bomb, zip_bomb_xlsx
from test_memory import PEAK_LIMIT_BYTES
from test_privacy import network_blocked  # noqa: F401  (a fixture)

import analyzer
from analyzer import STATUSES, DiaryFormatError, import_diary, parse_diary
from analyzer._cli import main

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "realworld" / "diaries"
VARIANTS = {variant.name: variant for variant in variants()}
#: Variants taken through the whole import, the CLI and the report: the ones whose rows end in many statuses.
THROUGH = [name for name in VARIANTS if name.endswith(("-plain", "-hostile_text", "-amounts", "-dates", "-nul_bytes",
                                                      "-semicolon_decimal_comma", "-utf16le", "-xlsx"))
           or name in ("generic-garbage_appended", "xlsx_truncated", "empty", "binary_garbage")]
#: A cell a spreadsheet would run as a formula (a plain negative number is data).
FORMULA = re.compile(r"^[=+@\t\r]|^-(?!\d+(\.\d+)?(e[-+]?\d+)?$)")


def _is_sentence(message: str) -> bool:
    return (message[:1].isupper() and message.rstrip().endswith((".", "?"))
            and "Traceback" not in message and "\n" not in message and len(message) < 1000)


@pytest.mark.parametrize("name", list(VARIANTS))
def test_every_row_is_read_once_or_the_file_is_refused_in_a_sentence(name):
    variant = VARIANTS[name]
    if variant.error:
        with pytest.raises(DiaryFormatError) as caught:
            parse_diary(variant.data, name)
        assert re.search(variant.error, str(caught.value)), str(caught.value)
        assert _is_sentence(str(caught.value)), str(caught.value)
        return
    parsed = parse_diary(variant.data, name)
    entries = parsed.entries.set_index("row")
    assert sorted(entries.index) == sorted(variant.rows), "rows lost or invented"
    for row, food in variant.foods.items():
        assert entries.at[row, "food_text"] == food, f"row {row}: the food text changed"
    for row in variant.binary_rows:
        assert entries.at[row, "status"] == "rejected" and "binary data" in entries.at[row, "reason"]
    set_aside = entries[entries["status"] != "pending"]
    assert (set_aside["reason"].str.strip() != "").all(), "a row is set aside without a reason"
    if variant.name.split("-")[0] in ("cronometer_2016", "cronometer_2020", "cronometer_2025"):
        assert parsed.format == "cronometer_servings", parsed.format


@pytest.fixture(scope="module")
def matcher(food_table):
    return analyzer.get_matcher()


def _cli(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def _cells(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.mark.parametrize("name", THROUGH)
def test_totals_account_for_every_row_and_write_safe_files(name, tmp_path, food_table, matcher,
                                                           network_blocked):  # noqa: F811
    """The CLI's exit code and message, the entries it writes, and no connection attempted."""
    variant = VARIANTS[name]
    diary = tmp_path / f"{name}.csv"
    diary.write_bytes(variant.data)
    daily, entries = tmp_path / "daily.csv", tmp_path / "entries.csv"
    code, stderr = _cli("totals", str(diary), "--out", str(daily), "--entries", str(entries))
    assert "Traceback" not in stderr
    assert network_blocked == []
    if variant.error:
        errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
        assert code == 2 and len(errors) == 1 and _is_sentence(errors[0].removeprefix("error: ")), stderr
        return
    assert code == 0, stderr
    table = _cells(entries)
    header, rows = table[0], table[1:]
    assert sorted(int(row[header.index("row")]) for row in rows) == sorted(variant.rows)
    statuses = [row[header.index("status")] for row in rows]
    reasons = [row[header.index("reason")] for row in rows]
    assert set(statuses) <= set(STATUSES)
    assert all(reason.strip() for status, reason in zip(statuses, reasons, strict=True) if status != "used")
    summary = stderr.splitlines()[0]
    assert str(len(rows)) in summary or not rows, summary  # the count the user is told
    for cell in (cell for path in (daily, entries) for row in _cells(path) for cell in row):
        assert not FORMULA.match(cell), f"{cell[:40]!r} would run as a formula in a spreadsheet"


@pytest.mark.parametrize("layout", [name for name, diary in LAYOUTS.items() if diary.food])
def test_the_report_shows_hostile_food_names_as_text(layout, tmp_path, food_table, matcher,
                                                      network_blocked):  # noqa: F811
    variant = VARIANTS[f"{layout}-hostile_text"]
    diary, page = tmp_path / "diary.csv", tmp_path / "report.html"
    diary.write_bytes(variant.data)
    code, stderr = _cli("report", str(diary), "--html", str(page))
    assert code == 0, stderr
    html = page.read_text(encoding="utf-8")
    for dangerous in ("<script>alert", "<img src=x", "</td></tr><tr><td>evil"):
        assert dangerous not in html
    assert network_blocked == []


def test_old_cronometer_exports_without_time_or_group_use_the_files_own_values(food_table, matcher):
    """2011-2016 Cronometer files have Day, Food Name, Amount and nutrients, no Group: still Cronometer.

    'Crème fraîche' has no close USDA food; its row is used with the file's 27.30 mg calcium.
    """
    result = import_diary(VARIANTS["cronometer_2016-plain"].data, table=food_table, matcher=matcher)
    assert result.format == "cronometer_servings"
    row = result.entries.set_index("row").loc[3]
    assert row["food_text"] == "Crème fraîche"
    assert row["status"] == "used" and row["calcium_mg"] == pytest.approx(27.30)


@pytest.mark.skipif(not (REAL / "cronometer_shiroyasha_2011-2016.csv").is_file(), reason="../shared is absent")
def test_the_real_2011_2016_cronometer_export_is_read_as_cronometer():
    parsed = parse_diary((REAL / "cronometer_shiroyasha_2011-2016.csv").read_bytes())
    assert parsed.format == "cronometer_servings"
    assert parsed.entries["calcium_mg"].notna().mean() > 0.9


@pytest.mark.parametrize(("above", "header_row", "says"), [
    ("sep=;\r\n", 2, "row 1 'sep='"),
    ("Food diary of A. N. Other\r\nexported 2024-03-01\r\n\r\n", 4, "row 1 'Food diary of A. N. Other', row 2"),
    (";;;\r\nMy meals;;\r\n", 3, "row 2 'My meals'"),
])
def test_lines_above_the_header_are_named_and_skipped(above, header_row, says):
    """Excel's sep= line, a title or an export date above the header: the header is still found."""
    text = above + csv_text(LAYOUTS["generic"], ";")
    parsed = parse_diary(text.encode())
    assert list(parsed.entries["row"]) == [header_row + 1, header_row + 2, header_row + 3]
    assert list(parsed.entries["food_text"]) == ["whole milk", "Jalapeño", "cheddar cheese"]
    assert any(f"The header is on row {header_row}" in note and says in note for note in parsed.notes), parsed.notes


def test_a_data_row_naming_one_known_word_is_not_taken_for_the_header():
    """Unknown headers stay an error naming them, even when a cell below reads 'Date' (the fruit)."""
    text = "Wann,Was,Wieviel\r\n2024-01-01,Date,3\r\n"
    with pytest.raises(DiaryFormatError, match="The first row has 'Wann', 'Was', 'Wieviel'"):
        parse_diary(text.encode())


@pytest.mark.parametrize(("dates", "named"), [
    (["2024-03-01", "2024-03-02", "1900-01-01", "2099-01-01"], "2 in column 'date' (1900-01-01, 2099-01-01)"),
    (["2022-01-01", "2022-01-02", "2024-06-01", "2024-06-02"], None),  # a pause, then the diary goes on
    (["2024-03-01", "2030-01-01"], "2 in column 'date' (2024-03-01, 2030-01-01)"),
])
def test_days_far_from_every_other_day_are_named(dates, named):
    diary = LAYOUTS["generic"].with_cells("date", dates)
    notes = [note for note in parse_diary(csv_text(diary).encode()).notes if "more than a year" in note]
    expected = f"Rows dated more than a year from any other day of the diary: {named}. Check them; each counts as a day"
    assert notes == ([] if named is None else [f"{expected} of its own."])


def test_a_table_of_too_many_cells_is_refused_in_a_sentence():
    """A million column names over 100 rows would be 800 MB of cells: refused, not allocated."""
    header = ",".join(["date", "food", "amount", *(f"c{i}" for i in range(1_000_000))])
    data = (header + "\n" + "2024-01-01,milk,1 cup\n" * 100).encode()
    with pytest.raises(DiaryFormatError, match=r"1,000,003 columns and more than 32 rows, more cells") as caught:
        parse_diary(data)
    assert _is_sentence(str(caught.value))


def test_resolving_leaves_the_parsed_entries_as_they_were(food_table, matcher):
    parsed = parse_diary(VARIANTS["generic-amounts"].data)
    before = parsed.entries.copy()
    analyzer.resolve_entries(parsed.entries, table=food_table, matcher=matcher)
    assert parsed.entries.equals(before)


def test_a_few_spoiled_lines_are_rejected_and_the_rest_is_read():
    text = csv_text(LAYOUTS["generic"]).replace("Jalapeño", "Jala\x00peño")
    parsed = parse_diary(text.encode() + b"\x00" * 100)
    entries = parsed.entries.set_index("row")
    assert list(entries["status"]) == ["pending", "rejected", "pending"]
    assert "binary data (NUL bytes)" in entries.at[3, "reason"]
    assert any("ends in 100 NUL bytes" in note for note in parsed.notes)


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr("analyzer.ingest._file_kind.MAX_UNPACKED_BYTES", 4 * 2**20)
    bomb = zip_bomb_xlsx(LAYOUTS["generic"], megabytes=5)
    assert len(bomb) < 50_000
    with pytest.raises(DiaryFormatError, match=r"unpacks to 5 MB, more than Mineralog reads \(4 MB\)"):
        parse_diary(bomb)


@pytest.mark.parametrize(("head", "what"), [
    (b"PK\x03\x04\x14\x00\x00\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheet", "OpenDocument"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml....xl/workbook.bin", r"\.xlsb"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml....word/document.xml", "Word document"),
])
def test_other_zipped_office_files_are_named(head, what):
    with pytest.raises(DiaryFormatError, match=what):
        parse_diary(head + b"\x00" * 64)


@pytest.mark.parametrize("name", ["generic-hostile_text", "cronometer_2020-nul_bytes", "loseit-utf16be",
                                  "cronometer_2016-semicolon_decimal_comma", "generic-garbage_appended"])
def test_the_dashboard_imports_hostile_files_with_sentences(name, tmp_path, monkeypatch, food_table):
    """The app's upload: the rows are counted and shown as written, or the file is refused in a sentence."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from analyzer.messages import UNEXPECTED_ERROR

    variant = VARIANTS[name]
    monkeypatch.setenv("MINERALOG_DATA_DIR", str(tmp_path / "user-data"))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.file_uploader(key="diary_file").set_value((f"{name}.csv", variant.data, "text/csv"))
    at.run()
    st.cache_data.clear()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert UNEXPECTED_ERROR not in errors
    if variant.error:
        assert errors and _is_sentence(errors[0]) and not at.success, errors
        return
    told = re.sub(r"\\(.)", r"\1", at.success[0].value)
    assert f"{len(variant.rows)} rows" in told, told
    attention = next((table.value for table in at.dataframe if "Why" in table.value.columns), None)
    for row in variant.binary_rows:
        why = attention.set_index("Row").loc[row, "Why"]
        assert "binary data" in why, why
    if name == "generic-hostile_text":  # no USDA food is close to any of them: all listed, as written
        assert set(HOSTILE_FOODS) <= set(attention["Food as written"])


# --- the largest inputs ------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.timeout(120)
def test_a_zip_bomb_workbook_is_refused_quickly():
    variant = zip_bomb()
    started = time.perf_counter()
    with pytest.raises(DiaryFormatError, match=variant.error):
        parse_diary(variant.data)
    assert time.perf_counter() - started < 2


def _real_shaped(path: Path, *, rows: int | None = None, size: int | None = None) -> int:
    """A Cronometer export made of real lines (every nutrient column), dates shifted: 30 lines a day."""
    import random

    lines = []
    for diary in sorted(REAL.glob("cronometer_*.csv")):
        with diary.open(encoding="utf-8-sig", newline="") as handle:
            table = list(csv.reader(handle))
        if not lines or table[0] == lines[0]:
            lines = lines or [table[0]]
            lines += table[1:]
    header, body = lines[0], lines[1:]
    rng, written = random.Random(7), 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        while rows is None or written < rows:
            line = list(rng.choice(body))
            line[0] = f"{2000 + written // 10950}-{1 + written // 900 % 12:02d}-{1 + written // 30 % 28:02d}"
            writer.writerow(line)
            written += 1
            if size is not None and handle.tell() > size:
                break
    return written


#: ``python -m analyzer`` that reports, on its last stderr line, its own CPU seconds and peak memory (KiB).
#: The peak is /proc's VmHWM, not ``ru_maxrss``: Linux carries the high-water mark of the process
#: image an exec replaced into ``ru_maxrss``, so a child of a large pytest process would report the
#: parent's memory (about 1 GiB late in the whole suite).
_MEASURED = ("import re, resource, runpy, sys\n"
             "sys.argv[0] = 'analyzer'\n"
             "try:\n    runpy.run_module('analyzer', run_name='__main__', alter_sys=True)\n"
             "finally:\n    use = resource.getrusage(resource.RUSAGE_SELF)\n"
             "    status = open('/proc/self/status').read()\n"
             "    peak = re.search(r'VmHWM:\\s*(\\d+) kB', status).group(1)\n"
             "    print('measured', use.ru_utime + use.ru_stime, peak, file=sys.stderr)\n")


def _run_totals(diary: Path, tmp_path: Path) -> tuple[float, int, str]:
    """``python -m analyzer totals`` in a child: its CPU seconds, peak memory (bytes) and stderr.

    CPU time, not wall time: 8 jobs share this machine's 2 cores, so the wall clock
    measures the neighbours (100,000 rows: 8.8 s of CPU took 28 s of wall time at load 7).
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", _MEASURED, "totals", str(diary), "--out", str(tmp_path / "d.csv"),
                             "--entries", str(tmp_path / "e.csv")], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    _, seconds, peak_kib = result.stderr.splitlines()[-1].split()
    return float(seconds), int(peak_kib) * 1024, result.stderr


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/realworld is absent")
def test_a_50_mb_real_shaped_export_stays_within_the_memory_limit(tmp_path, food_table):
    diary = tmp_path / "large.csv"
    rows = _real_shaped(diary, size=50 * 2**20 - 4096)
    seconds, peak, _ = _run_totals(diary, tmp_path)
    print(f"\n{diary.stat().st_size / 2**20:.1f} MiB, {rows:,} rows: {seconds:.1f} s CPU, peak {peak / 2**20:.0f} MiB")
    assert len(_cells(tmp_path / "e.csv")) == rows + 1
    # Issue 15: the largest upload imports "within the memory test's limit". Run alone it peaks near
    # 600 MiB (first run, nothing cached); inside the whole suite up to ~1 GiB has been seen.
    assert peak <= PEAK_LIMIT_BYTES


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/realworld is absent")
def test_100k_real_shaped_rows_finish_totals_within_15_s(tmp_path, food_table):
    diary = tmp_path / "rows.csv"
    _real_shaped(diary, rows=100_000)
    _run_totals(diary, tmp_path)  # the first run fills the match cache, as a user's first import does
    seconds, peak, _ = _run_totals(diary, tmp_path)
    print(f"\n100,000 rows: {seconds:.1f} s CPU, peak {peak / 2**20:.0f} MiB")
    assert seconds <= 15


def test_variants_cover_the_brief():
    """The generator keeps making every kind of file the brief lists, for every layout."""
    kinds = {name.split("-", 1)[1] for name in VARIANTS if "-" in name}
    assert {"utf16le_bom", "utf16be_bom", "utf16le", "utf16be", "utf8_bom", "cp1252", "latin1", "mixed_newlines",
            "semicolon", "bar", "tab", "semicolon_decimal_comma", "quoted_newlines_long_field", "nul_bytes",
            "garbage_appended", "xlsx_named_csv", "header_only", "extra_columns", "short_row", "dates", "amounts",
            "hostile_text", "nutrient_values", "excel_sep_line", "title_rows", "xlsx_title_rows", "xlsx_real_dates",
            "nul_padding"} <= kinds
    assert {"html_page", "excel_2003_xml", "json_export", "rtf_document"} <= set(VARIANTS)
    assert {"empty", "whitespace_only", "binary_garbage", "csv_named_xlsx", "xlsx_truncated", "xlsx_corrupt",
            "duplicated_headers", "renamed_headers"} <= set(VARIANTS)
    assert len(HOSTILE_FOODS) >= 5 and all(isinstance(v, Variant) for v in VARIANTS.values())
