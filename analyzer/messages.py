"""Every sentence Mineralog shows about intakes, in one place.

The wording describes what was logged and how it compares with published
reference values; it never tells anyone what to eat or take.  A test renders
every constant and template here and scans it for prescriptive words.
"""

from __future__ import annotations

from .analysis._period import ROLLING_MIN_DAYS
from .analysis._ratios import RATIO_MIN_COVERAGE

__all__ = [
    "DISCLAIMER",
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
    "K2_BASIS_NOTE",
    "MAGNESIUM_SUPPLEMENT_CHART",
    "MAGNESIUM_UL_NOTE",
    "MEALS_NOTE",
    "MISSING_IS_MISSING",
    "NOT_CLINICAL_TARGET",
    "NOT_SAVED",
    "NO_CONTRIBUTORS",
    "RATIO_RULE",
    "REASON_NO_AMOUNT",
    "REASON_ZERO_AMOUNT",
    "RECIPE_WEIGHT_INTRO",
    "ROLLING_RULE",
    "SAMPLE_DIARY_NOTE",
    "SODIUM_CDRR_NOTE",
    "SUPPLEMENT_COVERAGE_NOTE",
    "UNEXPECTED_ERROR",
    "VITAMIN_K_NO_UL",
    "VITAMIN_K_REFERENCE_NOTE",
    "WATER_ABSORPTION_NOTE",
    "WATER_HABIT_NO_TAP",
    "WATER_WHERE_TO_FIND",
    "approximate_values",
    "authority_help",
    "cdrr_days",
    "coverage_note",
    "detail_multi_serve",
    "detail_recipe_weight",
    "detail_single_serve",
    "entries_not_counted",
    "glance_nutrient",
    "glance_ratio",
    "import_summary",
    "intake_vs_reference",
    "k2_basis_shares",
    "low_confidence_matches",
    "no_data",
    "no_reference",
    "outside_period",
    "period_line",
    "profile_line",
    "range_band",
    "ratio_not_available",
    "ratio_value",
    "ratio_vs_range",
    "reason_dose_needed",
    "reason_form_volume",
    "reason_formula",
    "reason_no_match",
    "reason_over_5kg",
    "reason_own_recipe",
    "reason_solid_volume",
    "reason_total_line",
    "reason_untracked_supplement",
    "recipe_counted_as",
    "recipe_weight_forgotten",
    "recipe_weight_saved",
    "report_created",
    "typed_added",
    "ul_days",
    "ul_line_label",
    "ul_scope_note",
    "water_habit_line",
    "water_hardness_assumption",
    "water_litres_detail",
    "water_share",
    "water_unknown",
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
MAGNESIUM_UL_NOTE = ("The magnesium upper level covers only part of magnesium intake, and which part depends on "
                     "the authority: for the National Academies (IOM 1997), magnesium from supplements and "
                     "medicines; for EFSA (SCF 2001), magnesium from supplements, water and fortified foods and "
                     "drinks. Neither covers magnesium naturally present in food, so total intake is never "
                     "compared with it.")
VITAMIN_K_NO_UL = ("Neither the National Academies (IOM 2001) nor EFSA (2017) set a tolerable upper intake level "
                   "for vitamin K.")
VITAMIN_K_REFERENCE_NOTE = ("Vitamin K is compared with K1 (phylloquinone), the form the reference intakes were set "
                            "from (IOM 2001; EFSA 2017, which found the data on menaquinones insufficient); K2 is "
                            "shown separately.")
SODIUM_CDRR_NOTE = ("The National Academies (NASEM 2019) set no upper level for sodium; sodium is compared with "
                    "their chronic disease risk reduction intake (CDRR) instead, which they define as \"the lowest "
                    "level of intake for which there was sufficient strength of evidence to characterize a chronic "
                    "disease risk reduction\".")
NOT_CLINICAL_TARGET = ("This range comes from observational studies, whose cut points differ from study to study; "
                       "it is not a clinical target.")
K2_BASIS_NOTE = ("Vitamin K2 values count different menaquinones depending on their source, and each value says "
                 "which: USDA SR28 measured MK-4 only; Schurgers & Vermeer 2000 measured MK-4 to MK-9; Fu et al. "
                 "2017 measured MK-4 to MK-13 by LC-MS; Tsukamoto et al. 2000 reported MK-7 only. A value marked "
                 "'primary table not read' was not checked against the paper's own table. A 0 marked as a rule "
                 "estimate is not a measurement. Daily K2 totals add these together.")
#: Words for the parts of intake a UL may cover (``food_db/ul_scope.csv`` ``intake_parts``).
_UL_PARTS = {"supplement": "supplements", "water": "drinking water",
             "fortified": "magnesium added to fortified foods and drinks"}
REASON_NO_AMOUNT = "No amount is given, so the weight of this food is unknown."
#: Review caption for a food chosen because the export's own category agrees (``analyzer.match._category_hint``).
MATCHED_BY_CATEGORY = ("chosen among the close candidates because your export files this food under a food "
                       "group that this food belongs to")


def reason_formula(text: str) -> str:
    """Why a food text that looks like a spreadsheet formula is not matched."""
    return f"No USDA food matched '{text[:80]}': it looks like a spreadsheet formula, not a food name."
REASON_ZERO_AMOUNT = "Nothing eaten (amount 0)."


def reason_total_line(text: str) -> str:
    """Why an export's footer row ('TOTAL:', 'Totals', 'Remaining') is not an entry (``ingest._total_lines``)."""
    return (f"This row is the export's total or summary line ('{text.strip()[:40]}'), not a food entry, "
            "so it is not counted.")


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


def ul_days(label: str, days: int, days_total: int, ul: float, unit: str, supplements_only: bool,
            compared: str = "") -> str:
    """Sentence on the days above the tolerable upper intake level.

    ``compared`` names the part of intake compared ("supplements and water"); without it a
    supplement-only UL reads "from supplements".
    """
    if compared:
        what = f"{_lower(label)} from {compared}"
    else:
        what = f"{_lower(label)} from supplements" if supplements_only else f"{_lower(label)} intake"
    return (f"On {days} of {days_total} logged days, {what} was above the tolerable upper intake level "
            f"(UL {_amount(ul, unit)}/day).")


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def ul_scope_note(label: str, authority: str, scope, missing: tuple[str, ...] = ()) -> str:
    """Sentence on what an authority's upper level covers and what intake is compared with it.

    Parameters
    ----------
    label
        Nutrient label ('Magnesium').
    authority
        Authority name for people ('EFSA').
    scope
        ``analyzer.analysis._reference.UlScope`` (``compared_with``, ``applies_to``, ``not_applies_to``,
        ``intake_parts``, ``cite``).
    missing
        Parts of the scope the diary does not record (``'water'``, ``'fortified'``).
    """
    name = _lower(label)
    if scope.compared_with == "none":
        return f"{authority} set no tolerable upper intake level for {name} ({scope.cite})."
    if scope.compared_with == "total":
        return (f"{authority}'s upper level for {name} applies to total intake ({scope.cite}), so each day's total "
                f"is compared with it.")
    counted = [_UL_PARTS.get(part, part) for part in scope.intake_parts if part not in missing]
    sentence = (f"{authority}'s upper level for {name} applies to {scope.applies_to}"
                + (f", not to {scope.not_applies_to}" if scope.not_applies_to else "") + f" ({scope.cite}); "
                + (f"only {name} from {_join(counted)} is compared with it, not total intake."
                   if counted else "no part of it is recorded here, so nothing is compared with it."))
    if missing and counted:
        sentence += (f" {_join([_UL_PARTS.get(part, part) for part in missing]).capitalize()} cannot be told "
                     f"apart in this diary, so {'it is' if len(missing) == 1 else 'they are'} not included.")
    return sentence


def ul_line_label(ul: float, unit: str, scope) -> str:
    """Label of the UL line on a chart: the limit and what it covers ('UL 250 mg: supplements, water ...')."""
    if scope.compared_with == "total":
        return f"UL {_amount(ul, unit)} (total intake)"
    return f"UL {_amount(ul, unit)}: {scope.applies_to} (not the total shown by the bars)"


def k2_basis_shares(rows: list[tuple[str, float, int]]) -> str:
    """Sentence splitting the period's K2 by what the values count.

    ``rows`` are ``(basis, share of the K2 µg, entries)``, largest first (``k2_by_basis``).
    """
    if not rows:
        return "No logged entry in this period has a known vitamin K2 value."
    parts = [f"{share:.0%} {basis} ({entries} {'entry' if entries == 1 else 'entries'})"
             if share == share else f"{basis} ({entries} {'entry' if entries == 1 else 'entries'})"
             for basis, share, entries in rows]
    return "Vitamin K2 in this period, by what the values count: " + "; ".join(parts) + "."


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
    """Sentence placing a period ratio against a range from observational studies."""
    where = {"below": "below", "within": "within", "above": "above"}.get(position, "compared with")
    return (f"Your logged {_lower(label)} over the period was {value:.2f} : 1 (from {days} of "
            f"{days_total} days with enough data), {where} the range of {low:g} to {high:g} : 1 that "
            f"observational studies used as cut points (sources: {source}). {NOT_CLINICAL_TARGET}")


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


def outside_period(count: int, start: str | None, end: str | None) -> str:
    """Sentence on a diary's entries dated outside the period asked for (``--start``/``--end``; None: open)."""
    noun = "entry is" if count == 1 else "entries are"
    period = f"from {start} to {end}" if start and end else f"from {start} on" if start else f"up to {end}"
    return f"{count:,} {noun} dated outside the period ({period}): in the diary, not in these totals."


def profile_line(age: float, sex: str, states: list[str], authority: str) -> str:
    """Sentence describing the profile the reference intakes are for."""
    extra = f", {', '.join(states)}" if states else ""
    return f"Age {age:g}, sex {sex}{extra}; reference intakes from {authority}."


def authority_help(names: dict[str, str], regions: dict[str, str]) -> str:
    """Help beside the choice of reference intakes: each authority and where its values apply."""
    return " or ".join(f"{name} ({regions[key]})" for key, name in names.items()) + "."


def ratio_value(label: str, shown: str, days: int, days_total: int) -> str:
    """Sentence giving a period ratio that has no range from the literature."""
    return f"{label}: {shown} (from {days} of {days_total} days with enough data)."


def range_band(source: str, label: str = "") -> str:
    """Caption of the shaded range on the ratio chart (``label`` from ``ratio_ranges.csv``)."""
    shown = label or "a range from observational studies"
    return f"Shaded band: {shown}. Sources: {source}. {NOT_CLINICAL_TARGET}"


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


def detail_single_serve(quantity: float, unit: str, amount: str, category: str, source: str, detail: str) -> str:
    """How a package the food has no measure for was weighed: as the FDA reference amount of its category."""
    return (f"This food has no measure for a {unit}; one single-serve {unit} is taken as the FDA reference "
            f"amount, {amount} ({category}; {source}), which a single-serving package holds under 200 % of "
            f"(21 CFR 101.9(b)(6)): {quantity:g} {unit} = {detail}")


def detail_label_package(quantity: float, unit: str, detail: str) -> str:
    """How a package the food has no measure for was weighed: as the serving its label states."""
    return (f"This food has no measure for a {unit}; one single-serve {unit} is taken as the serving its label "
            f"states, as a single-serving package is labelled as one serving (21 CFR 101.9(b)(6)): "
            f"{quantity:g} {unit}: {detail}")


def detail_reference_serving(quantity: float, unit: str, amount: str, category: str, source: str,
                             detail: str) -> str:
    """How a serving the food has no serving measure for was weighed: as the FDA reference amount of its kind."""
    return (f"This food has no serving size on record; one {unit} is taken as the FDA reference amount, {amount} "
            f"({category}; {source}), the amount customarily eaten at one time; {quantity:g} {unit} is "
            f"{quantity:g} x {amount}: {detail}")


def detail_multi_serve(package: str, single: str) -> str:
    """Why a package's own measure was not used: it holds several servings, and the diary names no size."""
    return (f"The food's package measure holds more than two FDA reference amounts, so it is a multi-serving "
            f"package ({package.rstrip('.')}); a package logged without its size is taken as a single-serve one. "
            f"{single}")


def reason_solid_volume(food: str, unit_text: str) -> str:
    """Why a volume of a baked good or snack is not weighed: it has no measure, and water's density is far off."""
    return (f"{food} has no household measure for '{unit_text}', and a cup of a baked good or snack weighs far "
            f"less than a cup of water (USDA SR28: bread cubes 35 g, popcorn 8 g a cup); enter the amount in grams.")


def reason_form_volume(food: str, form: str, unit_text: str) -> str:
    """Why a volume of a pressed or puffed grain is not weighed with the kernels' measure."""
    return (f"The line says '{form}', but the measures of {food} are of whole kernels: a '{unit_text}' of flakes "
            f"or puffed grain weighs far less (USDA SR28: rolled oats 81 g, oat kernels 156 g a cup); "
            f"enter the amount in grams.")


def reason_own_recipe(food: str, unit_text: str) -> str:
    """Why a diary's own recipe is not weighed: the export names it, but its ingredients and weight stay in the app."""
    return (f"A '{unit_text}' is a recipe of your own: the export gives its name, not what went into it or what it "
            f"weighs, and {food} (the closest food to that name) has no measure for a whole recipe; enter what one "
            f"full recipe weighs (remembered for the recipe) or the amount in grams, or choose the food that fits "
            f"the recipe best.")


#: The Review page's note above the own-recipe weights (issue 18).
RECIPE_WEIGHT_INTRO = ("These are recipes of your own: the export gives each one's name, not what went into it or "
                       "what one full recipe weighs. Once its weight in grams is entered here, every entry of the "
                       "recipe is counted as that weight times the number of recipes logged, with the nutrients "
                       "of the food it is counted as; the weight is remembered for this recipe in future imports.")


def detail_recipe_weight(recipes: float, grams_per_recipe: float) -> str:
    """How an own recipe's grams were found: the number logged times the weight the user stated."""
    return (f"{recipes:g} full recipe = {recipes:g} x {grams_per_recipe:g} g = {recipes * grams_per_recipe:g} g "
            f"(one full recipe weighs {grams_per_recipe:g} g, as you entered it).")


def recipe_counted_as(food: str) -> str:
    """Which food an own recipe's nutrients come from, and where that can be changed."""
    return (f"Counted as: {food} (the food closest to the recipe's name, or your choice). Another food can be "
            f"chosen for it under 'Matches, least certain first' above.")


def recipe_weight_saved(recipe: str, grams: float, rows: int) -> str:
    """Confirmation after the weight of one full recipe was remembered."""
    return (f"One full recipe of '{recipe}' is remembered as {grams:g} g; its {rows:,} "
            f"{'entry is' if rows == 1 else 'entries are'} counted with that weight.")


def recipe_weight_forgotten(recipe: str, rows: int) -> str:
    """Confirmation after the weight of one full recipe was forgotten."""
    return (f"The weight of '{recipe}' is forgotten; its {rows:,} {'entry asks' if rows == 1 else 'entries ask'} "
            f"for an amount again.")


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
                     "formation (NIH Office of Dietary Supplements, Magnesium fact sheet). Its upper level never "
                     "concerns the magnesium naturally in food: the National Academies' covers supplements and "
                     "medicines, EFSA's also water and fortified foods and drinks (IOM 1997; SCF 2001).")
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
        text += f", {where} the {low:g} to {high:g} : 1 that observational studies used as cut points"
    if first == first and second == second:
        change = second / first - 1 if first else 0.0
        moved = "rose" if change > 0.1 else "fell" if change < -0.1 else "stayed about the same"
        text += f"; it {moved} from {first:.1f} in the first half of the period to {second:.1f} in the second"
    return text + "."


# -- water (issue 17) ------------------------------------------------------------------

WATER_HABIT_NO_TAP = ("A daily water habit is set, but no tap-water calcium or magnesium is, "
                      "so the habit adds nothing to the totals.")
WATER_ABSORPTION_NOTE = ("Calcium and magnesium from water are counted at full value, like those from food: "
                         "isotope studies found calcium from mineral water absorbed about as well as from milk "
                         "(Couzy et al. 1995; Heaney 2006) and magnesium from water absorbed at about 45-52 % "
                         "(Sabatier et al. 2002).")

WATER_WHERE_TO_FIND = ("Tap-water minerals are published by water suppliers: US community water systems send "
                       "an annual Consumer Confidence Report (many list hardness, some calcium and magnesium), "
                       "and European suppliers publish water-quality pages (Trinkwasseranalyse, qualité de "
                       "l'eau) that usually give calcium, magnesium or hardness. Private wells have no report; "
                       "a water softener exchanges calcium and magnesium for sodium.")


def water_litres_detail(amount: str, litres: float) -> str:
    """How a water amount became litres (and grams, at 1 kg per litre)."""
    return f"{amount} = {litres:,.3g} L of water (1 L = 1,000 g)."


def water_habit_line(litres: float) -> str:
    """Sentence saying that the daily habit is included in every logged day."""
    return (f"Every logged day includes {litres:g} L of tap water from your setting, "
            f"shown as 'water (your setting)'.")


def water_share(label: str, share: float, sources: str) -> str:
    """Sentence on how much of a nutrient came from water in the period, naming the sources."""
    return f"Water supplied about {share * 100:.0f} % of the {_lower(label)} in this period ({sources})."


def water_unknown(count: int) -> str:
    """Sentence on water lines whose minerals are unknown."""
    noun, pronoun = ("water line has", "it is") if count == 1 else ("water lines have", "they are")
    return (f"{count} {noun} no known calcium or magnesium (plain water without a tap-water setting, or a "
            f"water without verified label values); {pronoun} counted as missing, not as the food "
            f"table's average water.")


def water_hardness_assumption(basis: str) -> str:
    """Sentence on a tap-water setting given as hardness only."""
    return (f"Your tap water was given as a hardness: {basis}. Hardness counts calcium and magnesium "
            f"together, so this split is an assumption; a water report listing calcium and magnesium "
            f"separately gives both.")
