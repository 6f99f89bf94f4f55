"""Every sentence Mineralog shows about intakes, in one place.

The wording describes what was logged and how it compares with published
reference values; it never tells anyone what to eat or take.  A test renders
every constant and template here and scans it for prescriptive words.
"""

from __future__ import annotations

from ._period import ROLLING_MIN_DAYS
from ._ratios import RATIO_MIN_COVERAGE

__all__ = [
    "DISCLAIMER",
    "MAGNESIUM_UL_NOTE",
    "MISSING_IS_MISSING",
    "NOT_CLINICAL_TARGET",
    "NO_CONTRIBUTORS",
    "REASON_NO_AMOUNT",
    "reason_formula",
    "REASON_SUPPLEMENT_NO_LABEL",
    "RATIO_RULE",
    "ROLLING_RULE",
    "SODIUM_CDRR_NOTE",
    "SUPPLEMENT_COVERAGE_NOTE",
    "VITAMIN_K_NO_UL",
    "VITAMIN_K_REFERENCE_NOTE",
    "approximate_values",
    "cdrr_days",
    "coverage_note",
    "entries_not_counted",
    "intake_vs_reference",
    "no_data",
    "no_reference",
    "import_summary",
    "period_line",
    "profile_line",
    "range_band",
    "ratio_value",
    "reason_no_match",
    "reason_over_5kg",
    "report_created",
    "ratio_not_available",
    "ratio_vs_range",
    "ul_days",
    # issue 14: orientation, one-glance summary, import notes
    "EXPLAIN_CALCIUM",
    "EXPLAIN_CA_MG",
    "EXPLAIN_MAGNESIUM",
    "EXPLAIN_PHOSPHORUS",
    "EXPLAIN_SODIUM",
    "EXPLAIN_VITAMIN_D",
    "EXPLAIN_VITAMIN_K1",
    "EXPLAIN_VITAMIN_K2",
    "INTRO",
    "INTRO_NOT",
    "MAGNESIUM_SUPPLEMENT_CHART",
    "MEALS_NOTE",
    "NOT_SAVED",
    "SAMPLE_DIARY_NOTE",
    "UNEXPECTED_ERROR",
    "glance_nutrient",
    "glance_ratio",
    "low_confidence_matches",
    "typed_added",
]

DISCLAIMER = "For information, not medical advice. Talk to a clinician about supplements or health conditions."
MISSING_IS_MISSING = ("Values the food table or your export does not give are counted as missing, "
                      "not as zero, so totals can be lower than what was eaten.")
SUPPLEMENT_COVERAGE_NOTE = ("Coverage counts foods only: a supplement label lists what the product contains, "
                            "so supplements add to the totals without lowering the coverage.")
RATIO_RULE = (f"A day's ratio is shown only when both nutrients are known for at least "
              f"{RATIO_MIN_COVERAGE:.0%} of the day's food by weight (or by entries when the export has "
              f"no weights); the period ratio is the ratio of the totals over those days.")
ROLLING_RULE = (f"Rolling averages span 7 calendar days and appear once at least {ROLLING_MIN_DAYS} "
                f"of those days have a known value.")
MAGNESIUM_UL_NOTE = ("The magnesium upper level applies to magnesium from supplements and medicines only, "
                     "not to magnesium in food and water, so only supplement magnesium is compared with it.")
VITAMIN_K_NO_UL = "Vitamin K has no tolerable upper intake level."
VITAMIN_K_REFERENCE_NOTE = ("Vitamin K is compared with K1 (phylloquinone), the form the reference intake "
                            "was set from; K2 is shown separately.")
SODIUM_CDRR_NOTE = ("Sodium has no upper level; it is compared with the chronic disease risk reduction "
                    "intake (CDRR) instead.")
NOT_CLINICAL_TARGET = "This range is commonly cited in the literature; it is not a clinical target."
REASON_NO_AMOUNT = "No amount is given, so the weight of this food is unknown."


def reason_formula(text: str) -> str:
    """Why a food text that looks like a spreadsheet formula is not matched."""
    return f"No USDA food matched '{text[:80]}': it looks like a spreadsheet formula, not a food name."
REASON_SUPPLEMENT_NO_LABEL = ("This looks like a supplement, but no amount per unit could be read from its text "
                              "(for example '1000 IU' or '200 mg').")
NO_CONTRIBUTORS = "No logged food in this period has a known value for these nutrients."


def _lower(label: str) -> str:
    """'Vitamin D' -> 'vitamin D': lower-case the first letter only, inside a sentence."""
    return label[:1].lower() + label[1:]


def _amount(value: float, unit: str) -> str:
    text = f"{value:,.0f}" if abs(value) >= 10 else f"{value:,.1f}".rstrip("0").rstrip(".")
    return f"{text} {unit}"


def intake_vs_reference(label: str, pct: float, target: float, unit: str, kind: str, authority: str) -> str:
    """Sentence comparing a period mean with the reference intake.

    'Your logged calcium intake averaged 62% of the reference intake for your age and sex
    (RDA 1,000 mg/day, National Academies).'
    """
    return (f"Your logged {_lower(label)} intake averaged {pct:.0f}% of the reference intake for your "
            f"age and sex ({kind} {_amount(target, unit)}/day, {authority}).")


def no_reference(label: str) -> str:
    """Sentence for a nutrient the reference table has no value for."""
    return f"There is no reference intake for {_lower(label)} for this profile, so no percentage is shown."


def no_data(label: str) -> str:
    """Sentence for a nutrient no entry in the period has a value for."""
    return f"No logged entry in this period has a known {_lower(label)} value, so no average is shown."


def ul_days(label: str, days: int, days_total: int, ul: float, unit: str, supplements_only: bool) -> str:
    """Sentence on the days above the tolerable upper intake level."""
    what = f"{_lower(label)} from supplements" if supplements_only else f"{_lower(label)} intake"
    return (f"On {days} of {days_total} logged days, {what} was above the tolerable upper intake level "
            f"(UL {_amount(ul, unit)}/day).")


def cdrr_days(days: int, days_total: int, cdrr: float, unit: str) -> str:
    """Sentence on the days with sodium above the CDRR."""
    return (f"On {days} of {days_total} logged days, sodium intake was above the chronic disease risk "
            f"reduction intake (CDRR {_amount(cdrr, unit)}/day).")


def coverage_note(label: str, coverage: float, days: int) -> str:
    """Sentence on how much of the logged food a nutrient's totals rest on."""
    return (f"{label} values were known for {coverage:.0%} of the logged food by weight, "
            f"on average over {days} days.")


def approximate_values(label: str, entries: int) -> str:
    """Sentence on values the export gives only approximately (e.g. from % Daily Value)."""
    return (f"{entries} {'entry gives' if entries == 1 else 'entries give'} {_lower(label)} only approximately "
            f"(converted from % Daily Value).")


def ratio_vs_range(label: str, value: float, days: int, days_total: int, low: float, high: float,
                   position: str, source: str) -> str:
    """Sentence placing a period ratio against its commonly cited range."""
    where = {"below": "below", "within": "within", "above": "above"}.get(position, "compared with")
    return (f"Your logged {_lower(label)} over the period was {value:.2f} : 1 (from {days} of "
            f"{days_total} days with enough data), {where} the commonly cited range of "
            f"{low:g} to {high:g} : 1 ({source}). {NOT_CLINICAL_TARGET}")


def ratio_not_available(label: str, days_total: int) -> str:
    """Sentence for a ratio no day qualified for."""
    return (f"The {_lower(label)} is not shown: none of the {days_total} logged days had both nutrients "
            f"known for enough of the day's food.")


def period_line(start: str, end: str, days: int) -> str:
    """Sentence naming the period and how many days have entries."""
    return f"From {start} to {end}: {days} {'day' if days == 1 else 'days'} with logged entries."


def entries_not_counted(count: int) -> str:
    """Sentence on entries that are not in the totals (unmatched, no amount, skipped, rejected)."""
    noun = "entry is" if count == 1 else "entries are"
    return f"{count} {noun} not counted in the totals (not matched, amount unknown, skipped or rejected)."


def profile_line(age: float, sex: str, states: list[str], authority: str) -> str:
    """Sentence describing the profile the reference intakes are for."""
    extra = f", {', '.join(states)}" if states else ""
    return f"Age {age:g}, sex {sex}{extra}; reference intakes from {authority}."


def ratio_value(label: str, shown: str, days: int, days_total: int) -> str:
    """Sentence giving a period ratio that has no commonly cited range."""
    return f"{label}: {shown} (from {days} of {days_total} days with enough data)."


def range_band(source: str) -> str:
    """Caption of the shaded range on the ratio chart."""
    return f"Shaded band: the commonly cited range, from {source}. {NOT_CLINICAL_TARGET}"


def report_created(when: str) -> str:
    """Closing line of the report."""
    return f"Created {when} by Mineralog, without any network access."


_STATUS_WORDS = (("used", "used"), ("needs_match", "without a food match"), ("needs_amount", "without a usable amount"),
                 ("skipped", "skipped"), ("rejected", "rejected"))


def import_summary(format_label: str, days: int, rows: int, counts: dict) -> str:
    """One sentence on what was read: the format, the rows, the days and what became of the rows."""
    parts = [f"{counts.get(status, 0):,} {words}" for status, words in _STATUS_WORDS if counts.get(status, 0)]
    day_word = "day" if days == 1 else "days"
    row_word = "row" if rows == 1 else "rows"
    return f"{format_label}: {rows:,} {row_word} covering {days:,} {day_word} ({', '.join(parts) or 'none used'})."


def reason_no_match(text: str, result) -> str:
    """Why a food text has no match; names the closest USDA food when there is one."""
    alternatives = getattr(result, "alternatives", ()) or ()
    if alternatives:
        best = alternatives[0]
        return (f"No USDA food matched '{text}' closely enough; the closest was '{best.description}' "
                f"(score {best.score:.0f} of 100).")
    return f"No USDA food matched '{text}'."


def reason_over_5kg(grams: float) -> str:
    """Why an amount is held back: it works out to more than 5 kg."""
    return (f"The amount works out to {grams:,.0f} g, more than 5 kg for one entry, so it is not counted "
            f"until the amount is confirmed.")


# -- the dashboard's orientation, one-glance summary and import notes (issue 14) ----------------

INTRO = ("Mineralog reads a food diary exported from Cronometer, MyFitnessPal or Lose It (or any table with a "
         "date, a food and an amount) and shows, per day and for a period, how much calcium, magnesium, "
         "vitamin D, vitamin K1 and K2, phosphorus and sodium the logged foods and supplements contain, next to "
         "the reference intakes published by the National Academies (US/Canada) or EFSA (European Union).")
INTRO_NOT = ("It describes what was logged; it is not a diagnosis, a blood test or advice, and a value the food "
             "tables do not give is shown as missing rather than as zero. Everything stays on this computer.")
SAMPLE_DIARY_NOTE = ("The sample diary is a made-up week of ordinary meals written for Mineralog; it is saved like "
                     "any other diary and can be deleted.")
EXPLAIN_CALCIUM = ("Calcium is the main mineral of bones and teeth and also carries signals in muscles and nerves "
                   "(NIH Office of Dietary Supplements, Calcium fact sheet). The reference intake is the amount "
                   "judged enough for nearly all healthy people of an age and sex (National Academies 2011; "
                   "EFSA 2015).")
EXPLAIN_MAGNESIUM = ("Magnesium takes part in hundreds of enzyme reactions, among them energy production and bone "
                     "formation (NIH Office of Dietary Supplements, Magnesium fact sheet). Its upper level concerns "
                     "magnesium from supplements and medicines, not the magnesium in food (National Academies 1997).")
EXPLAIN_VITAMIN_D = ("Vitamin D helps the gut absorb calcium, and the skin also makes it in sunlight, which a food "
                     "diary cannot count (NIH Office of Dietary Supplements, Vitamin D fact sheet). One microgram "
                     "is 40 IU (National Academies 2011).")
EXPLAIN_VITAMIN_K1 = ("Vitamin K1 (phylloquinone), mostly from green leafy vegetables and some oils, is used to make "
                      "blood-clotting proteins (NIH Office of Dietary Supplements, Vitamin K fact sheet). The "
                      "adequate intakes for vitamin K were set from K1 intakes (National Academies 2001; EFSA "
                      "2017).")
EXPLAIN_VITAMIN_K2 = ("Vitamin K2 (menaquinones) comes from animal foods and fermented foods such as natto and "
                      "cheese (NIH Office of Dietary Supplements, Vitamin K fact sheet). Neither the National "
                      "Academies nor EFSA has set a reference intake for K2, and food tables give it for few foods "
                      "(EFSA 2017).")
EXPLAIN_PHOSPHORUS = ("Phosphorus is, with calcium, part of bone mineral and is found in most protein foods "
                      "(NIH Office of Dietary Supplements, Phosphorus fact sheet). Food tables do not count the "
                      "phosphate added to processed foods separately (National Academies 1997).")
EXPLAIN_SODIUM = ("Sodium comes mostly from salt, and most of it from processed and restaurant foods rather than "
                  "the salt shaker (National Academies 2019). It is compared with the chronic disease risk "
                  "reduction intake, the level above which lowering intake was found to lower risk (National "
                  "Academies 2019).")
EXPLAIN_CA_MG = ("Calcium : magnesium is the calcium logged divided by the magnesium logged, by weight, over the "
                 "days where both are well known (worked out by Mineralog from the diary). No authority sets a "
                 "reference value for it; observational studies discuss a range of about 1.7 to 2.8 : 1 "
                 "(Dai et al. 2007; Rosanoff et al. 2016).")
#: The two-sentence explanation shown beside each number (nutrient key or ratio key).
EXPLANATIONS = {"calcium_mg": EXPLAIN_CALCIUM, "magnesium_mg": EXPLAIN_MAGNESIUM, "vitamin_d_ug": EXPLAIN_VITAMIN_D,
                "vitamin_k1_ug": EXPLAIN_VITAMIN_K1, "vitamin_k2_ug": EXPLAIN_VITAMIN_K2,
                "phosphorus_mg": EXPLAIN_PHOSPHORUS, "sodium_mg": EXPLAIN_SODIUM, "ca_mg_ratio": EXPLAIN_CA_MG}
MAGNESIUM_SUPPLEMENT_CHART = ("Only magnesium from supplements is drawn against the upper level here, because the "
                              "upper level does not apply to magnesium in food.")
UNEXPECTED_ERROR = ("Mineralog could not show this page because of an error in the program. Your saved diaries and "
                    "choices are not affected; reloading the page starts it again.")
NOT_SAVED = "This file could not be read as a diary, so nothing was saved."
MEALS_NOTE = "Meals are as named in the export; entries without a meal are shown as 'No meal'."


def low_confidence_matches(count: int, score: float) -> str:
    """Sentence after an import on the rows whose food was matched with low confidence."""
    noun = "row was" if count == 1 else "rows were"
    return (f"{count:,} {noun} matched to a food with low confidence (match score below {score:.0f} of 100); "
            f"the Review matches page lists them first.")


def typed_added(count: int, diary: str, day: str) -> str:
    """Confirmation after typed entries were added to a diary."""
    noun = "entry" if count == 1 else "entries"
    return f"Added {count} {noun} dated {day} to the diary '{diary}'."


def glance_nutrient(label: str, mean: float, unit: str, pct: float, kind: str, target: float,
                    coverage: float) -> str:
    """One line of the one-glance summary: a nutrient's period mean against its reference and coverage.

    ``mean`` NaN means no value is known; ``pct`` NaN means no reference intake.
    """
    if mean != mean:  # NaN
        return f"{label}: no logged entry in this period has a known value."
    text = f"{label}: {_amount(mean, unit)} a day on average"
    if pct == pct:
        text += f", {pct:.0f}% of the {kind} of {_amount(target, unit)}"
    else:
        text += ", no reference intake to compare with"
    if coverage == coverage:
        text += f"; values known for {coverage:.0%} of the logged food"
    return text + "."


def glance_ratio(value: float, days: int, days_total: int, low: float, high: float, position: str,
                 first: float, second: float) -> str:
    """The one-glance line on the calcium : magnesium ratio and how it moved within the period.

    ``first`` and ``second`` are the ratios of the first and second half of the period (NaN when a
    half has too few days).
    """
    if value != value:
        return (f"Calcium : magnesium: not available, none of the {days_total} logged days had both known for "
                f"enough of the day's food.")
    text = f"Calcium : magnesium: {value:.1f} : 1 over {days} of {days_total} days"
    if low == low and high == high:
        where = {"below": "below", "within": "within", "above": "above"}.get(position, "compared with")
        text += f", {where} the commonly cited {low:g} to {high:g} : 1"
    if first == first and second == second:
        change = second / first - 1 if first else 0.0
        moved = "rose" if change > 0.1 else "fell" if change < -0.1 else "stayed about the same"
        text += f"; it {moved} from {first:.1f} in the first half of the period to {second:.1f} in the second"
    return text + "."
