"""One pipeline for the command line, the HTML report and the dashboard (issue 16).

The app imports only the public ``analyzer`` and ``food_db`` APIs, and the three
front ends show the same figures and labels for the same diary and profile.
"""

from __future__ import annotations

import ast
import csv
import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analyzer._cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "app_pages" / "data" / "sample_diary.csv"
APP_FILES = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]


def _private_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found += [n for n in names if n.split(".")[0] in ("analyzer", "food_db")
                  and any(part.startswith("_") for part in n.split(".")[1:])]
    return found


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: p.name)
def test_the_app_imports_only_public_analyzer_and_food_db_names(path):
    assert _private_imports(path) == []


def test_the_checker_sees_private_imports(tmp_path):
    sample = tmp_path / "bad.py"
    # Modules that stay where they are when analyzer's stages move into sub-packages.
    sample.write_text("from analyzer._schema import check_frame\nimport food_db._load\nfrom analyzer import _cli\n")
    assert _private_imports(sample) == ["analyzer._schema", "analyzer._schema.check_frame", "food_db._load",
                                        "analyzer._cli"]


@pytest.fixture
def efsa_dashboard(monkeypatch, tmp_path, food_table):
    monkeypatch.setenv("MINERALOG_DATA_DIR", str(tmp_path / "user-data"))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.file_uploader(key="diary_file").set_value((SAMPLE.name, SAMPLE.read_bytes(), "text/csv"))
    at.run()
    at.switch_page("app_pages/dashboard.py").run()
    at.radio(key="profile_authority").set_value("efsa").run()
    assert not at.exception
    yield at
    st.cache_data.clear()
    st.cache_resource.clear()


def test_cli_report_and_dashboard_agree_for_an_efsa_profile(efsa_dashboard, tmp_path):
    """The EFSA calcium value was 'PRI' in the app but 'RDA' in the report and the CLI."""
    at = efsa_dashboard
    daily, report = tmp_path / "daily.csv", tmp_path / "report.html"
    profile = ["--age", "40", "--sex", "F", "--authority", "efsa"]
    assert main(["totals", str(SAMPLE), "--out", str(daily), *profile]) == 0
    assert main(["report", str(SAMPLE), "--html", str(report), *profile]) == 0
    page = html.unescape(report.read_text(encoding="utf-8"))

    # Figures: the dashboard's mean calcium is the CLI's daily.csv mean, as the report shows it.
    rows = list(csv.DictReader(daily.read_text(encoding="utf-8-sig").splitlines()))
    mean = sum(float(r["calcium_mg"]) for r in rows) / len(rows)
    calcium = next(m for m in at.metric if m.label == "Calcium")
    assert calcium.value == f"{mean:,.0f} mg"
    assert f"<td>Calcium</td><td>mg</td><td class='num'>{mean:,.1f}</td>" in page

    # Labels: EFSA's population reference intake is 'PRI 950 mg' in all three.
    assert "PRI 950 mg" in calcium.delta
    assert "950 (PRI)" in page
    # Sentences: every 'In words' and 'At a glance' sentence of the dashboard is in the report.
    shown = [re.sub(r"\\(.)", r"\1", line[2:]) for m in at.markdown for line in m.value.split("\n")
             if line.startswith("- ")]
    assert any("(PRI 950 mg/day, EFSA)" in s for s in shown)
    assert len(shown) >= 10
    missing = [s for s in shown if s not in page]
    assert missing == []


def test_the_first_page_does_not_load_the_matcher_or_the_units():
    """Nothing heavy before the first paint (issue 14, speed): public names load when first used.

    (Streamlit itself imports plotly, so plotly is not in the list.)
    """
    code = ("import sys, analyzer\n"
            "from analyzer import LOW_CONFIDENCE_SCORE, attention_rows, low_confidence, messages, Profile\n"
            "import app_pages._shared, app_pages._diary\n"
            "heavy = sorted(m for m in ('rapidfuzz', 'pint', 'openpyxl', 'analyzer.match._match', "
            "'analyzer.resolve._import') if m in sys.modules)\n"
            "print(heavy)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_every_public_name_is_in_the_lazy_table_and_in_all():
    """``__all__`` is spelled out for the linters; it must name exactly the lazy table's names."""
    import analyzer

    table = [name for names in analyzer._PUBLIC.values() for name in names]
    assert sorted(analyzer.__all__) == sorted(table) and len(set(table)) == len(table)
    for name in ("ul_scope", "ul_intake", "k2_by_basis", "apply_doses", "doses_needed", "WaterSettings",
                 "water_citations", "diary_days", "period_view", "report_html"):
        assert getattr(analyzer, name) is not None
