"""The tables crossing stage boundaries match their one schema (analyzer._schema), and the docs agree with it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analyzer import (
    DAILY_CSV,
    DAILY_TOTALS,
    ENTRY_NUTRIENTS,
    PARSED_ENTRIES,
    RESOLVED_ENTRIES,
    SchemaError,
    check_frame,
    diary_days,
    import_diary,
    parse_diary,
)
from analyzer._schema import markdown_table, render_doc

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"

#: Small real fixtures of each format family (servings, daily summary, MFP, Lose It, generic, UTF-16).
FIXTURES = ["cronometer_servings_2022.csv", "cronometer_servings_2026.csv", "cronometer_daily_groups.csv",
            "mfp_summary_time.csv", "loseit_weekly.csv", "generic_english.csv", "generic_utf16.txt"]


@pytest.fixture(scope="module", params=FIXTURES)
def stages(request, food_table):
    data = (DATA / "diaries" / request.param).read_bytes()
    parsed = parse_diary(data, request.param)
    result = import_diary(data, request.param, table=food_table)
    days = diary_days(result.entries, food_table)
    return parsed, result, days


def test_parsed_entries_match_the_schema(stages):
    check_frame(stages[0].entries, PARSED_ENTRIES)


def test_resolved_entries_match_the_schema(stages):
    entries = stages[1].entries
    check_frame(entries, RESOLVED_ENTRIES)
    assert set(entries["status"]) <= {"used", "needs_match", "needs_amount", "skipped", "rejected"}


def test_entry_nutrients_match_the_schema(stages):
    check_frame(stages[2].nutrients, ENTRY_NUTRIENTS)


def test_daily_totals_match_the_schema(stages):
    check_frame(stages[2].all_daily, DAILY_TOTALS)


def test_daily_csv_from_the_command_line_matches_the_schema(tmp_path):
    out = tmp_path / "daily.csv"
    subprocess.run([sys.executable, "-m", "analyzer", "totals", str(DATA / "diaries" / "cronometer_servings_2022.csv"),
                    "--out", str(out)], check=True, cwd=ROOT, capture_output=True)
    daily = pd.read_csv(out, dtype={"date": str, "water_sources": str})  # text columns stay text when empty
    check_frame(daily, DAILY_CSV)
    assert list(daily.columns[:10]) == ["date", "energy_kcal", "calcium_mg", "magnesium_mg", "phosphorus_mg",
                                        "sodium_mg", "vitamin_d_ug", "vitamin_k1_ug", "vitamin_k2_ug", "ca_mg_ratio"]


def test_a_missing_required_column_is_named(stages):
    broken = stages[0].entries.drop(columns=["food_text"])
    with pytest.raises(SchemaError, match="'food_text': required column is missing") as err:
        check_frame(broken, PARSED_ENTRIES)
    assert err.value.column == "food_text"


def test_a_missing_per_key_column_is_named(stages):
    broken = stages[2].all_daily.drop(columns=["magnesium_mg_coverage_grams"])
    with pytest.raises(SchemaError, match="'magnesium_mg_coverage_grams': required column is missing"):
        check_frame(broken, DAILY_TOTALS)


def test_a_wrong_dtype_family_is_named(stages):
    broken = stages[1].entries.assign(grams=stages[1].entries["grams"].astype(str))
    with pytest.raises(SchemaError, match=r"'grams': dtype .* is not float") as err:
        check_frame(broken, RESOLVED_ENTRIES)
    assert err.value.column == "grams"
    dates_as_text = stages[0].entries.assign(date=stages[0].entries["date"].astype(str))
    with pytest.raises(SchemaError, match=r"'date': dtype .* is not datetime"):
        check_frame(dates_as_text, PARSED_ENTRIES)


def test_numbers_in_a_text_column_are_refused(stages):
    broken = stages[0].entries.assign(meal=1.5)
    with pytest.raises(SchemaError, match="'meal'"):
        check_frame(broken, PARSED_ENTRIES)


def test_an_optional_column_may_be_absent_but_not_wrong(stages):
    nutrients = stages[2].nutrients
    check_frame(nutrients.drop(columns=["water_source"]), ENTRY_NUTRIENTS)
    with pytest.raises(SchemaError, match="'is_water'"):
        check_frame(nutrients.assign(is_water="yes"), ENTRY_NUTRIENTS)


def test_the_daily_index_is_checked(stages):
    with pytest.raises(SchemaError, match="'date': index is named"):
        check_frame(stages[2].all_daily.reset_index(drop=True), DAILY_TOTALS)


def test_architecture_doc_shows_the_schema_tables():
    """The doc's column tables are the schema's (regenerate: python -m analyzer._schema docs/ARCHITECTURE.md)."""
    doc = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for table in (PARSED_ENTRIES, RESOLVED_ENTRIES, ENTRY_NUTRIENTS, DAILY_TOTALS, DAILY_CSV):
        assert f"<!-- schema:{table.name} -->\n{markdown_table(table)}\n<!-- /schema -->" in doc, table.name
    assert render_doc(doc) == doc


def test_low_confidence_is_comma_separated_as_documented():
    """MyFitnessPal's %DV calcium is an approximation; the keys are joined with ',' (the doc said ';')."""
    data = (DATA / "diaries" / "mfp_summary_time.csv").read_bytes()
    flagged = parse_diary(data, "mfp.csv").entries["low_confidence"]
    assert set(flagged) == {"calcium_mg"}
    assert "`,`-separated" in markdown_table(PARSED_ENTRIES)
