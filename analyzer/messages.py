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
    "REASON_ZERO_AMOUNT",
    "reason_dose_needed",
    "reason_untracked_supplement",
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
REASON_ZERO_AMOUNT = "Nothing eaten (amount 0)."


def reason_dose_needed(product: str) -> str:
    """Why a supplement waits: its dose per unit is written nowhere in the diary line."""
    return (f"Supplement: how much one unit of '{product[:80]}' contains is not written in the diary; "
            f"once entered, it is remembered for this product.")


def reason_untracked_supplement(kind: str) -> str:
    """Why a supplement or medicine is counted without adding to any total."""
    return (f"Counted as taken ({kind}): it contains none of the nutrients Mineralog tracks, so it adds "
            f"nothing to the totals.")
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
