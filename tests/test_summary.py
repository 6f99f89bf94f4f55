"""The period view and its sentences: the same words for the CLI report, the HTML report and the dashboard.

Foods of ``make_foods`` have round values per 100 g (milk: 120 mg calcium, 10 mg magnesium;
almonds: 270 mg calcium, 270 mg magnesium), so every expected figure is worked out by hand here.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from test_entry_nutrients import make_entries, make_foods
from test_reference import WOMAN_31_NASEM

from analyzer import diary_days, glance, intake_sentences, period_view, ratio_named, ratio_sentence, reference_label
from analyzer.analysis._reference import Profile, target_of

RANGES = pd.DataFrame({"low": [1.7], "high": [2.6], "unit": ["mass"], "source": ["A review 2020"], "notes": [""]},
                      index=pd.Index(["calcium_magnesium"], name="ratio"))
TABLE = SimpleNamespace(foods=make_foods())


def _days():
    rows = []
    # 1-4 March: 250 g milk (300 mg Ca, 25 mg Mg); 3-4 March also 30 g almonds (81 mg Ca, 81 mg Mg).
    for day in ("2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04"):
        rows.append({"date": day, "matched_food_id": 1, "matched_food": "Milk, whole", "grams": 250.0,
                     "food_text": "milk"})
    for day in ("2024-03-03", "2024-03-04"):
        rows.append({"date": day, "matched_food_id": 2, "matched_food": "Almonds", "grams": 30.0,
                     "food_text": "almonds"})
    rows.append({"date": "2024-03-02", "food_text": "mystery stew", "status": "needs_match"})
    rows.append({"date": "2024-03-04", "food_text": "kale", "status": "needs_amount"})
    return diary_days(make_entries(rows), TABLE)


def test_period_view_cuts_the_days_and_counts_what_is_not_counted_in_the_period():
    days = _days()
    whole = period_view(days, Profile(31, "F"), reference=WOMAN_31_NASEM)
    assert whole.not_counted == 2
    assert whole.period.loc["calcium_mg", "mean"] == pytest.approx((300 * 4 + 81 * 2) / 4)  # 340.5
    late = period_view(days, Profile(31, "F"), "2024-03-03", "2024-03-04", reference=WOMAN_31_NASEM)
    assert late.not_counted == 1 and len(late.daily) == 2
    assert late.period.loc["calcium_mg", "mean"] == pytest.approx(381.0)
    assert late.ratios.loc["ca_mg_ratio", "value"] == pytest.approx(762 / 212)
    # Rolling means are computed on every day, then cut: the period's days keep their 7-day window.
    assert list(late.rolling.index.strftime("%d")) == ["03", "04"]
    assert late.rolling.loc["2024-03-04", "calcium_mg"] == pytest.approx(340.5)


def test_glance_in_words_worked_out_by_hand():
    analysis = period_view(_days(), Profile(31, "F"), reference=WOMAN_31_NASEM)
    lines = glance(analysis, RANGES)
    # Calcium 340.5 mg/day of the RDA 1,000 mg: 34%; all food known.
    assert lines[0] == ("Calcium: 340 mg a day on average, 34% of the RDA of 1,000 mg; values known for 100% of "
                        "the logged food.")
    assert lines[1].startswith("Magnesium: 66 mg a day on average, 21% of the RDA of 310 mg")  # 262 / 4 = 65.5
    assert lines[4] == "Vitamin K2: no logged entry in this period has a known value."
    # Ca:Mg: first half (1-2 March) 600/50 = 12.0, second half (3-4 March) 762/212 = 3.6; whole 1362/262 = 5.2.
    assert lines[5] == ("Calcium : magnesium: 5.2 : 1 over 4 of 4 days, above the 1.7 to 2.6 : 1 that observational "
                        "studies used as cut points; it fell from 12.0 in the first half of the period to 3.6 in the "
                        "second.")


def test_intake_sentences_and_ratio_sentence():
    analysis = period_view(_days(), Profile(31, "F"), reference=WOMAN_31_NASEM)
    sentences = intake_sentences(analysis, ["calcium_mg", "vitamin_k2_ug"])
    assert sentences[0] == ("Your logged calcium intake averaged 34% of the reference intake for your age and sex "
                            "(RDA 1,000 mg/day, National Academies).")
    assert sentences[-1] == "No logged entry in this period has a known vitamin K2 value, so no average is shown."
    sentence, placed = ratio_sentence(analysis, RANGES)
    assert "5.20 : 1 (from 4 of 4 days" in sentence and placed["position"] == "above"


def test_an_efsa_row_is_labelled_pri_everywhere():
    """The app showed 'PRI', the report and the CLI 'RDA' for the same EFSA value (issue 16)."""
    efsa = WOMAN_31_NASEM.assign(authority="efsa")
    assert target_of(efsa.iloc[0]) == (1000.0, "PRI")
    analysis = period_view(_days(), Profile(31, "F", authority="efsa"), reference=efsa)
    assert reference_label(analysis, "calcium_mg") == "PRI 1,000 mg"
    assert "(PRI 1,000 mg/day, EFSA)" in intake_sentences(analysis, ["calcium_mg"])[0]


@pytest.mark.parametrize(("name", "label"), [("calcium_magnesium", "Calcium : magnesium (by mass)"),
                                             ("Ca:Mg", "Calcium : magnesium (by mass)"),
                                             ("ca_p_ratio", "Calcium : phosphorus (by mass)")])
def test_ratio_named(name, label):
    assert ratio_named(name).label == label


def test_ratio_named_unknown():
    assert ratio_named("iron_zinc") is None
