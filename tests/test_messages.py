"""Every sentence the messages module can produce is descriptive, never prescriptive."""

from __future__ import annotations

import re

import pytest

from analyzer import messages
from analyzer.analysis._reference import ul_scope

PRESCRIPTIVE = ("you should", "should", "must", "take", "taking", "increase", "reduce", "decrease", "lower your",
                "raise your", "supplement with", "stop", "dose", "consider", "avoid", "aim for", "try",
                "recommend", "need to", "make sure", "limit your", "cut down", "eat more", "eat less")

class _Candidate:
    def __init__(self, description: str, score: float) -> None:
        self.description, self.score = description, score


class _Result:
    def __init__(self, alternatives: tuple) -> None:
        self.alternatives = alternatives


# Sample arguments for every template; a new template without samples fails test_every_template_has_samples.
SAMPLES = {
    "intake_vs_reference": [("Calcium", 62.0, 1000.0, "mg", "RDA", "National Academies"),
                            ("Vitamin D", 140.4, 15.0, "µg", "AI", "EFSA")],
    "no_reference": [("Potassium",)],
    "authority_help": [({"nasem": "National Academies", "efsa": "EFSA"},
                        {"nasem": "US/Canada", "efsa": "European Union"})],
    "no_data": [("Vitamin K2",)],
    "ul_days": [("Magnesium", 3, 30, 350.0, "mg", True), ("Calcium", 0, 7, 2500.0, "mg", False),
                ("Magnesium", 1, 7, 250.0, "mg", True, "supplements and drinking water")],
    "cdrr_days": [(4, 10, 2300.0, "mg")],
    "detail_multi_serve": [("1 bag (8 oz) = 227 g; 1 Bag = 227 g.", "One bag = 30 g.")],
    "detail_single_serve": [(1.0, "container", "170 g", "Yogurt", "21 CFR 101.12(b) Table 2", "170 g = 170 g.")],
    "coverage_note": [("Vitamin K2", 0.12, 14)],
    "approximate_values": [("Calcium", 1), ("Calcium", 12)],
    "ratio_vs_range": [("Calcium : magnesium (by mass)", 2.4, 12, 14, 1.7, 2.6, "within", "A review 2020"),
                       ("Calcium : magnesium (by mass)", 4.1, 3, 14, 1.7, 2.6, "above", "A review 2020")],
    "ratio_not_available": [("Calcium : phosphorus (by mass)", 5)],
    "period_line": [("2024-01-01", "2024-01-31", 1), ("2024-01-01", "2024-01-31", 28)],
    "entries_not_counted": [(1,), (17,)],
    "outside_period": [(1, "2024-01-08", None), (9767, "2025-02-01", "2025-02-07"), (3, None, "2024-12-31")],
    "profile_line": [(31, "female", [], "National Academies"), (29.5, "female", ["pregnant"], "EFSA")],
    "ratio_value": [("Vitamin K2 (µg) per 1,000 IU vitamin D", "100.0", 3, 7)],
    "range_band": [("A review 2020",), ("A review 2020", "1.7–2.8: observational cut points (A 2020)")],
    "ul_scope_note": [("Magnesium", "National Academies", ul_scope("magnesium", "nasem")),
                      ("Magnesium", "EFSA", ul_scope("magnesium", "efsa"), ("water", "fortified")),
                      ("Magnesium", "EFSA", ul_scope("magnesium", "efsa"), ("supplement", "water", "fortified")),
                      ("Calcium", "EFSA", ul_scope("calcium", "efsa")),
                      ("Vitamin K", "EFSA", ul_scope("vitamin_k", "efsa"))],
    "ul_line_label": [(350.0, "mg", ul_scope("magnesium", "nasem")), (2500.0, "mg", ul_scope("calcium", "nasem"))],
    "k2_basis_shares": [([("MK-4 to MK-13, LC-MS, Fu et al. 2017", 0.8, 3), ("MK-4 only, USDA SR28", 0.2, 1)],),
                        ([("Estimate by rule, not measured", float("nan"), 2)],), ([],)],
    "report_created": [("2024-05-01 10:00 UTC",)],
    "import_summary": [("Cronometer servings export", 14, 98, {"used": 90, "needs_match": 3, "needs_amount": 2,
                                                               "skipped": 3, "rejected": 0}),
                       ("Generic CSV", 1, 1, {"used": 0, "rejected": 1})],
    "reason_no_match": [("mystery stew", _Result(())),
                        ("choc chip cookie", _Result((_Candidate("Cookies, chocolate chip", 71.4),)))],
    "reason_over_5kg": [(6200.0,)],
    "reason_own_recipe": [("Coffee, brewed", "full recipe")],
    "detail_recipe_weight": [(2.0, 300.0), (0.5, 1250.0)],
    "recipe_counted_as": [("Beverages, coffee, brewed, prepared with tap water",)],
    "recipe_weight_saved": [("Kafa", 300.0, 113), ("Spanac", 450.0, 1)],
    "recipe_weight_forgotten": [("Kafa", 113), ("Spanac", 1)],
    "reason_solid_volume": [("Cake, chocolate, prepared from recipe without frosting", "cup")],
    "reason_form_volume": [("Rye grain", "flake", "Cup")],
    "reason_formula": [("=HYPERLINK(\"http://example.invalid\")",)],
    "glance_nutrient": [("Calcium", 820.0, "mg", 82.0, "RDA", 1000.0, 0.95),
                        ("Vitamin K2", 12.5, "µg", float("nan"), "", float("nan"), 0.4),
                        ("Vitamin D", float("nan"), "µg", float("nan"), "AI", 15.0, float("nan"))],
    "glance_ratio": [(2.9, 28, 30, 1.7, 2.8, "above", 2.6, 3.1),
                     (2.2, 3, 3, 1.7, 2.8, "within", float("nan"), float("nan")),
                     (float("nan"), 0, 5, 1.7, 2.8, "unknown", float("nan"), float("nan"))],
    "low_confidence_matches": [(1, 70.0), (1234, 70.0)],
    "typed_added": [(1, "My entries", "2026-12-01"), (3, "Week 2", "2026-11-30")],
    "water_habit_line": [(1.5,)],
    "water_hardness_assumption": [(("calcium computed as if all the hardness (14 °dH) were calcium; "
                                    "magnesium unknown"),)],
    "water_litres_detail": [("1.5 L", 1.5), ("8 fl oz", 0.2366)],
    "water_share": [("Magnesium", 0.18, "tap water (your setting)")],
    "water_unknown": [(1,), (3,)],
    "reason_dose_needed": [("Vitamin D3",)],
    "reason_total_line": [("TOTAL:",), ("Daily Total",)],
    "reason_untracked_supplement": [("aspirin",)],
}


#: Templates that make a chart label, not a sentence (checked for wording only).
LABELS = {"ul_line_label"}


def every_sentence(labels: bool = True) -> list[str]:
    out = []
    for name in messages.__all__:
        if name in LABELS and not labels:
            continue
        item = getattr(messages, name)
        if isinstance(item, str):
            out.append(item)
        else:
            out += [item(*args) for args in SAMPLES[name]]
    return out


def test_every_template_has_samples():
    templates = {name for name in messages.__all__ if callable(getattr(messages, name))}
    assert templates == set(SAMPLES)


@pytest.mark.parametrize("sentence", every_sentence())
def test_no_prescriptive_words(sentence):
    lowered = sentence.lower()
    found = [word for word in PRESCRIPTIVE if re.search(rf"\b{re.escape(word)}\b", lowered)]
    assert not found, f"{found} in: {sentence}"


@pytest.mark.parametrize("sentence", every_sentence(labels=False))
def test_sentences_are_plain_sentences(sentence):
    assert (sentence[0].isupper() or sentence[0].isdigit()) and sentence.rstrip().endswith(".")
    assert "{" not in sentence and "nan" not in sentence.lower().split()


def test_the_disclaimer_wording():
    assert messages.DISCLAIMER == ("For information, not medical advice. "
                                   "Talk to a clinician about supplements or health conditions.")


@pytest.mark.parametrize(("args", "expected"), [
    (("Calcium", 62.0, 1000.0, "mg", "RDA", "National Academies"),
     ("Your logged calcium intake averaged 62% of the reference intake for your age and sex "
      "(RDA 1,000 mg/day, National Academies).")),
    (("Vitamin D", 99.6, 15.0, "µg", "RDA", "National Academies"),
     ("Your logged vitamin D intake averaged 100% of the reference intake for your age and sex "
      "(RDA 15 µg/day, National Academies).")),
])
def test_intake_sentence(args, expected):
    assert messages.intake_vs_reference(*args) == expected


def test_ratio_sentence_names_source_and_not_a_target():
    text = messages.ratio_vs_range("Calcium : magnesium (by mass)", 2.4, 12, 14, 1.7, 2.6, "within", "Review X")
    assert "Review X" in text and "not a clinical target" in text and "2.40 : 1" in text


@pytest.mark.parametrize(("args", "expected"), [
    (("Cronometer servings export", 14, 98, {"used": 90, "needs_match": 3, "needs_amount": 2, "skipped": 3,
                                             "rejected": 0}),
     ("Cronometer servings export: 98 rows covering 14 days (90 used, 3 without a food match, "
      "2 without a usable amount, 3 skipped).")),
    (("Generic CSV", 1, 1, {"rejected": 1}), "Generic CSV: 1 row covering 1 day (1 rejected)."),
])
def test_import_summary(args, expected):
    assert messages.import_summary(*args) == expected


@pytest.mark.parametrize(("args", "expected"), [
    (("Calcium", 820.0, "mg", 82.0, "PRI", 950.0, 0.95),
     "Calcium: 820 mg a day on average, 82% of the PRI of 950 mg; values known for 95% of the logged food."),
    (("Vitamin K2", 12.5, "µg", float("nan"), "", float("nan"), 0.4),
     ("Vitamin K2: 12 µg a day on average, no reference intake to compare with; values known for 40% of the "
      "logged food.")),
])
def test_glance_line(args, expected):
    assert messages.glance_nutrient(*args) == expected


def test_glance_ratio_trend_words():
    assert "rose from 2.6 in the first half of the period to 3.1 in the second" in messages.glance_ratio(
        2.9, 28, 30, 1.7, 2.8, "above", 2.6, 3.1)
    assert "stayed about the same" in messages.glance_ratio(2.5, 8, 8, 1.7, 2.8, "within", 2.5, 2.6)


def test_every_explanation_is_two_attributed_sentences():
    for key, text in messages.EXPLANATIONS.items():
        sentences = [s for s in re.split(r"(?<=[.)])\s+(?=[A-Z])", text) if s]
        assert len(sentences) == 2, (key, sentences)
        assert all("(" in s and s.rstrip().endswith(").") for s in sentences), (key, sentences)


# --- issue 13: UL scope, K2 basis and attributed claims ---------------------------------------------

def test_efsa_magnesium_note_names_water_and_fortified_foods():
    text = messages.ul_scope_note("Magnesium", "EFSA", ul_scope("magnesium", "efsa"), ("water", "fortified"))
    assert "supplements, water and fortified foods and drinks" in text
    assert "not to magnesium naturally present in food" in text and "SCF 2001" in text
    assert "only magnesium from supplements is compared with it, not total intake" in text
    assert "Drinking water and magnesium added to fortified foods and drinks cannot be told apart" in text


def test_nasem_magnesium_note_is_supplements_and_medicines_only():
    text = messages.ul_scope_note("Magnesium", "National Academies", ul_scope("magnesium", "nasem"))
    assert "supplements and medicines only, not to magnesium naturally present in food and water" in text
    assert "IOM 1997" in text and "fortified" not in text


def test_general_magnesium_note_covers_both_authorities():
    assert "supplements and medicines" in messages.MAGNESIUM_UL_NOTE
    assert "water and fortified foods and drinks" in messages.MAGNESIUM_UL_NOTE
    assert "total intake is never compared" in messages.MAGNESIUM_UL_NOTE


def test_ul_line_label_says_it_is_not_the_bars_total():
    label = messages.ul_line_label(250.0, "mg", ul_scope("magnesium", "efsa"))
    assert label == "UL 250 mg: supplements, water and fortified foods and drinks (not the total shown by the bars)"


@pytest.mark.parametrize(("sentence", "attribution"), [
    (messages.SODIUM_CDRR_NOTE, "NASEM 2019"),
    (messages.VITAMIN_K_NO_UL, "IOM 2001"),
    (messages.VITAMIN_K_REFERENCE_NOTE, "EFSA 2017"),
    (messages.NOT_CLINICAL_TARGET, "observational"),
    (messages.K2_BASIS_NOTE, "Fu et al. 2017"),
])
def test_claims_name_their_source(sentence, attribution):
    assert attribution in sentence
    assert "commonly cited" not in sentence and "essentially none" not in sentence


def test_k2_note_says_what_each_source_counts():
    for words in ("MK-4 only", "MK-4 to MK-9", "MK-4 to MK-13", "MK-7 only", "rule estimate"):
        assert words in messages.K2_BASIS_NOTE


def test_ratio_sentences_call_the_range_observational_cut_points():
    text = messages.ratio_vs_range("Calcium : magnesium (by mass)", 3.1, 5, 7, 1.7, 2.8, "above", "Rosanoff 2016")
    assert "observational studies used as cut points" in text and "commonly cited" not in text
    band = messages.range_band("Rosanoff 2016", "1.7–2.8: observational cut points (Rosanoff 2016), "
                               "not a clinical target")
    assert band.startswith("Shaded band: 1.7–2.8: observational cut points")
