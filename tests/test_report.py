"""The HTML report: self-contained (no CDN), escaped, with disclaimer, reference summary and sources."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from test_entry_nutrients import make_entries, make_foods
from test_reference import WOMAN_31_NASEM

from analyzer import messages
from analyzer.analysis._daily import daily_totals
from analyzer.analysis._entry_nutrients import entry_nutrients
from analyzer.analysis._reference import Profile
from analyzer.report._report import build_report_html

RANGES = pd.DataFrame({"low": [1.7], "high": [2.6], "unit": ["mass"], "source": ["Review <b>2020</b>"],
                       "notes": [""]}, index=pd.Index(["ca_mg"], name="ratio"))


@pytest.fixture(scope="module")
def report() -> str:
    rows = []
    for day in pd.date_range("2024-03-01", periods=10).strftime("%Y-%m-%d"):
        rows += [
            {"date": day, "matched_food_id": 1, "matched_food": "Milk, whole", "grams": 250.0, "amount_text": "1 cup"},
            {"date": day, "matched_food_id": 2, "matched_food": "Almonds", "grams": 30.0, "amount_text": "30 g"},
            {"date": day, "food_text": "<script>alert(1)</script> Magnesium 400 mg", "is_supplement": True,
             "nutrient_source": "supplement_label", "magnesium_mg": 400.0},
        ]
    rows.append({"date": "2024-03-02", "food_text": "mystery stew", "status": "needs_match"})
    entries = make_entries(rows)
    nutrients = entry_nutrients(entries, make_foods())
    daily = daily_totals(nutrients)
    return build_report_html(entries, nutrients, daily, Profile(age=31, sex="female"), ("2024-03-01", None),
                             reference=WOMAN_31_NASEM, ratio_ranges=RANGES)


def test_no_external_scripts_or_styles(report):
    assert not re.search(r"<script[^>]*\bsrc\s*=", report, re.IGNORECASE)
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?https?:", report, re.IGNORECASE)
    # plotly.js itself mentions cdn.plot.ly/un/ (map topojson, unused); the library must not be fetched
    assert "cdn.plot.ly/plotly-" not in report


def test_plotly_is_inline_once(report):
    assert report.count("plotly.js v") >= 1  # the library banner
    assert report.count("Plotly.newPlot") >= 2
    assert len(report) > 1_000_000


def test_disclaimer_top_and_bottom(report):
    assert report.count(messages.DISCLAIMER) == 2


def test_user_text_is_escaped(report):
    assert "<script>alert(1)</script>" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Magnesium 400 mg" in report
    assert "Review &lt;b&gt;2020&lt;/b&gt;" in report


def test_summary_sentences(report):
    # milk 300 + almonds 81 = 381 mg calcium a day = 38% of the RDA of 1,000 mg
    assert "Your logged calcium intake averaged 38% of the reference intake" in report
    assert "On 10 of 10 logged days, magnesium from supplements was above the tolerable upper intake level" in report
    assert messages.MAGNESIUM_UL_NOTE in report
    assert messages.VITAMIN_K_NO_UL in report
    assert "1 entry is not counted in the totals" in report


def test_ratio_section_and_sources(report):
    # Ca 381, Mg 25 + 81 + 400 = 506 a day
    assert f"{381 / 506:.2f} : 1" in report
    assert "below the range of 1.7 to 2.6 : 1 that observational studies used as cut points" in report
    assert "not a clinical target" in report
    assert "USDA National Nutrient Database for Standard Reference, Release 28 (SR28): 2 foods." in report
    assert "supplement label" in report
    assert "NASEM 2011" in report


def test_contributors_listed(report):
    assert "Milk, whole" in report and "Almonds" in report


def test_visible_text_is_descriptive(report):
    from test_messages import PRESCRIPTIVE

    text = re.sub(r"<script.*?</script>", " ", report, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text).lower()
    found = [word for word in PRESCRIPTIVE if re.search(rf"\b{re.escape(word)}\b", text)]
    assert not found
