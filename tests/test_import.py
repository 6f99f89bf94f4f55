"""The whole import: every format to resolved entries, every row accounted for."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer import STATUSES, DiaryFormatError, import_diary, normalise_key

DIARIES = Path(__file__).parent / "data" / "diaries"


def _import(text: str, food_table, **kwargs):
    return import_diary(text.encode("utf-8"), table=food_table, **kwargs)


def _assert_every_row_accounted(result, data_rows: int | None = None) -> None:
    entries = result.entries
    assert entries["status"].isin(STATUSES).all()
    assert entries["row"].is_unique
    assert sum(result.counts().values()) == len(entries)
    if data_rows is not None:
        assert len(entries) == data_rows
    attention = entries[entries["status"] != "used"]
    assert attention["reason"].str.len().gt(0).all(), "every row not used says why"


@pytest.mark.parametrize("path", sorted(DIARIES.iterdir()), ids=lambda p: p.name)
def test_every_fixture_imports_with_every_row_accounted(path, food_table):
    result = import_diary(path.read_bytes(), path.name, table=food_table)
    _assert_every_row_accounted(result)
    assert result.summary().startswith(result.format_label.split(" ")[0])


def test_generic_diary_resolves_grams_and_names_the_problem_rows(food_table):
    result = _import(
        "date,food,amount,unit\n"
        "2024-03-01,Cheddar cheese,30,g\n"          # direct mass
        "2024-03-01,2 eggs,,\n"                     # count in the food text
        "2024-03-01,Whole milk,1 1/2,cups\n"        # household measure
        "2024-03-01,Cheddar cheese,3,blorps\n"      # unknown unit
        "2024-03-01,zzqx vbnmtang,100,g\n"          # no food
        "2024-03-01,Whole milk,9,kg\n"              # absurd amount: flagged, not used
        "2024-03-01,,100,g\n",                      # no food text
        food_table)
    entries = result.entries.set_index("row")
    _assert_every_row_accounted(result, data_rows=7)
    assert entries.loc[2, ["status", "grams", "grams_source"]].tolist() == ["used", 30.0, "direct"]
    assert entries.loc[3, "status"] == "used" and entries.loc[3, "grams"] == pytest.approx(100.0)
    assert entries.loc[3, "matched_food"].lower().startswith("egg, whole")
    assert entries.loc[4, "grams_source"] == "household_measure"
    assert entries.loc[4, "grams"] == pytest.approx(1.5 * 244, rel=0.02)
    assert entries.loc[5, "status"] == "needs_amount" and "blorps" in entries.loc[5, "reason"]
    assert entries.loc[6, "status"] == "needs_match"
    assert entries.loc[7, "status"] == "needs_amount" and "5 kg" in entries.loc[7, "reason"]
    assert entries.loc[8, "status"] == "rejected"


def test_supplements_carry_their_label_amounts(food_table):
    result = _import(
        "date,food,amount\n"
        "2024-03-01,Vitamin D3 1000 IU,1\n"
        "2024-03-01,K2 MK-7 100 mcg,1\n"
        "2024-03-01,Magnesium glycinate 200 mg,2 capsules\n", food_table)
    entries = result.entries.set_index("row")
    assert entries["status"].eq("used").all() and entries["is_supplement"].all()
    assert entries.loc[2, "vitamin_d_ug"] == pytest.approx(25.0)
    assert entries.loc[3, "vitamin_k2_ug"] == pytest.approx(100.0)
    assert entries.loc[4, "magnesium_mg"] == pytest.approx(400.0)


def test_a_saved_correction_overrides_the_matcher(food_table):
    text = "Mystery cheese from the market"
    corrections = {normalise_key(text): 1009}  # the user said: this is cheddar
    result = _import(f"date,food,amount,unit\n2024-03-01,{text},50,g\n", food_table, corrections=corrections)
    row = result.entries.iloc[0]
    assert (row["status"], int(row["matched_food_id"]), row["match_source"]) == ("used", 1009, "correction")


def test_loseit_minerals_come_from_the_food_table_and_calories_from_the_file(food_table):
    from analyzer import analyze
    from analyzer.analysis._reference import Profile

    result = import_diary((DIARIES / "loseit_weekly.csv").read_bytes(), table=food_table)
    analysis = analyze(result.entries, food_table, Profile(40, "F"))
    cheddar = analysis.nutrients.set_index("row").loc[4]
    assert cheddar["energy_kcal"] == 171 and cheddar["energy_kcal_source"] == "your export"
    assert cheddar["calcium_mg"] == pytest.approx(710 * cheddar["grams"] / 100)
    assert cheddar["calcium_mg_source"] == "USDA SR28 #01009"
    exercise = result.entries.set_index("row").loc[3]
    assert exercise["status"] == "skipped"


@pytest.mark.parametrize("data", [b"", b"\x89PNG\r\n\x1a\n" + bytes(200), b"PK\x03\x04" + bytes(100)])
def test_unreadable_files_raise_a_sentence(data, food_table):
    with pytest.raises(DiaryFormatError) as info:
        import_diary(data, table=food_table)
    assert str(info.value)[0].isupper() and "Traceback" not in str(info.value)


food_words = st.sampled_from(["cheddar cheese", "banana", "2 eggs", "oats", "=HYPERLINK(\"x\")", "<b>kale</b>",
                              "Vitamin D3 1000 IU", "", "zzqx", "milk 2%", "natto", "ü€ñ"])
amounts = st.sampled_from(["", "1", "30 g", "1 1/2 cups", "½ cup", "-3", "1e308", "NaN", "1/0", "2 x 30g",
                           "4.00 medium", "3 blorps", "１２ g", "1-2 cups"])
dates = st.sampled_from(["2024-03-01", "03/02/2024", "", "0001-01-01", "9999-12-31", "44868", "not a date"])


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(dates, food_words, amounts), min_size=1, max_size=12))
def test_property_every_input_row_ends_with_exactly_one_status(rows, food_table):
    frame = pd.DataFrame(rows, columns=["date", "food", "amount"])
    result = import_diary(frame.to_csv(index=False).encode(), table=food_table)
    # A line of empty cells (",,") is a blank line, not a row (analyzer.ingest._formats); row numbers stay true.
    written = [number for number, row in enumerate(rows, start=2) if any(row)]
    _assert_every_row_accounted(result, data_rows=len(written))
    assert sorted(result.entries["row"]) == written


def test_an_own_recipe_asks_for_grams(food_table):
    # '2.00 full recipe' is a Cronometer recipe of the user's own: the export names it ('Kafa', coffee in
    # Serbian), not what went into it nor its weight. Brewed coffee at one cup (248 g) a recipe would be a
    # number from nowhere (the diary's own total for it: 102 kcal against brewed coffee's 2.5). A food whose
    # USDA measures weigh a whole recipe is weighed: SR28 19094 (Desserts,
    # flan, caramel custard, prepared-from-recipe) has '1 recipe yield' = 1,531 g.
    flan = food_table.foods.loc[19094, "description"]
    result = _import(f'Day,Group,Food Name,Amount\n2016-02-07,Breakfast,Kafa,2.00 full recipe\n'
                     f'2016-02-07,Breakfast,Kafa,240 g\n2016-02-07,Dinner,"{flan}",1.00 full recipe\n',
                     food_table)
    entries = result.entries
    assert list(entries["status"]) == ["needs_amount", "used", "used"]
    assert "recipe of your own" in entries["reason"].iloc[0]
    assert entries["matched_food"].iloc[0] == entries["matched_food"].iloc[1]  # the name's food is still proposed
    assert entries["grams"].iloc[2] == pytest.approx(1531.0)


def test_a_food_name_of_many_thousand_words_is_matched_by_its_start_only(food_table):
    """A 200,000-word name of different words kept the matcher busy for a minute (6.7 MB: five); the
    matcher now reads its first 500 characters, and the entry keeps the whole text."""
    import time

    name = " ".join(f"zq{i}" for i in range(200_000))
    data = f"date,food,amount\n2024-01-01,{name},1 cup\n2024-01-01,egg,1\n".encode()
    started = time.perf_counter()
    entries = import_diary(data, table=food_table).entries.set_index("row")
    assert time.perf_counter() - started < 30
    assert entries.at[2, "status"] == "needs_match" and entries.at[2, "food_text"] == name
    assert len(entries.at[2, "reason"]) < 700
    assert entries.at[3, "status"] == "used"


def test_a_reason_quotes_only_the_start_of_a_very_long_cell(food_table):
    """'No number in ...' quoted a 600 kB amount whole; the entry keeps the text, the reason its start."""
    amount = " ".join(f"w{i}" for i in range(20_000))
    entries = import_diary(f'date,food,amount\n2024-01-01,milk,"{amount}"\n'.encode(), table=food_table).entries
    reason = entries["reason"].iloc[0]
    assert entries["amount_text"].iloc[0] == amount
    assert reason.startswith("No number in 'w0 w1 w2 ") and reason.endswith("…'; write an amount such as '100 g' "
                                                                             "or '1 cup'.")
    assert len(reason) < 300


def test_an_exports_total_line_is_skipped_and_leaves_the_days_totals_as_they_were(food_table):
    """A 'TOTAL:' footer that repeats the day's amount and calories would count the day twice."""
    from analyzer import analyze
    from analyzer.analysis._reference import Profile

    foods = "date,food,amount,calories\n2025-05-01,milk,200 g,122\n2025-05-01,Total cereal,30 g,100\n"
    footers = "2025-05-01,TOTAL:,230 g,222\nTotals,,230 g,222\n"
    plain, footed = _import(foods, food_table), _import(foods + footers, food_table)
    _assert_every_row_accounted(footed, data_rows=4)
    assert footed.counts()["skipped"] == 2 and plain.counts().get("skipped", 0) == 0
    assert footed.entries["status"].tolist()[:2] == plain.entries["status"].tolist()  # Total cereal stays a food
    days = [analyze(result.entries, food_table, Profile(40, "F")).all_daily for result in (plain, footed)]
    pd.testing.assert_frame_equal(days[0], days[1])
    assert days[0]["energy_kcal"].sum() > 0
