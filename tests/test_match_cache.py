"""The match cache: a diary seen before is matched without building the matcher."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from analyzer import normalise_key
from analyzer.match._match_cache import cached_match_many


def _no_matcher():
    raise AssertionError("the matcher was built although every text was cached")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MINERALOG_MATCH_CACHE", str(tmp_path / "cache.sqlite"))


def test_second_run_needs_no_matcher_and_gives_the_same_results(cache, food_table):
    texts = ["Cheddar Cheese, Natural", "banana", "zzqx vbnmtang"]
    first = cached_match_many(texts, table=food_table)
    again = cached_match_many(texts, table=food_table, matcher_factory=_no_matcher)
    assert {t: (r.food_id, r.score) for t, r in again.items()} == {t: (r.food_id, r.score) for t, r in first.items()}
    assert again["Cheddar Cheese, Natural"].food_id == 1009
    assert len(again["banana"].alternatives) == 5


def test_corrections_override_cached_results(cache, food_table):
    cached_match_many(["banana"], table=food_table)
    fixed = cached_match_many(["banana"], table=food_table, matcher_factory=_no_matcher,
                              corrections={normalise_key("banana"): 9041})
    assert (fixed["banana"].food_id, fixed["banana"].source) == (9041, "correction")


def test_a_new_food_database_build_invalidates_the_cache(cache, food_table):
    cached_match_many(["banana"], table=food_table)
    rebuilt = replace(food_table, meta={**food_table.meta, "data_files_sha256": "other build"})
    with pytest.raises(AssertionError, match="matcher was built"):
        cached_match_many(["banana"], table=rebuilt, matcher_factory=_no_matcher)


def test_an_unusable_cache_file_only_costs_time(tmp_path, monkeypatch, food_table):
    bad = tmp_path / "cache.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("MINERALOG_MATCH_CACHE", str(bad))
    assert cached_match_many(["banana"], table=food_table)["banana"].food_id is not None


def test_the_matcher_index_is_saved_once_and_read_back(tmp_path, monkeypatch, food_table):
    from analyzer.match import _match_cache
    from analyzer.match._match import FoodMatcher

    monkeypatch.setenv("MINERALOG_MATCHER_CACHE", str(tmp_path))
    built = _match_cache.load_or_build_matcher(food_table)
    assert len(list(tmp_path.glob("matcher-*.pickle"))) == 1

    def no_build(*args, **kwargs):
        raise AssertionError("the index was rebuilt although a saved copy exists")

    monkeypatch.setattr(FoodMatcher, "__init__", no_build)
    monkeypatch.setattr(_match_cache, "_LOADED", [])  # a new process: only the saved copy is left
    again = _match_cache.load_or_build_matcher(food_table)
    assert again.match("Cheddar Cheese, Natural").food_id == built.match("Cheddar Cheese, Natural").food_id == 1009


def test_a_run_reads_the_saved_matcher_once_also_for_its_table_with_branded_foods(tmp_path, monkeypatch, food_table):
    from analyzer.match import _match_cache

    monkeypatch.setenv("MINERALOG_MATCHER_CACHE", str(tmp_path))
    monkeypatch.setattr(_match_cache, "_LOADED", [])
    first = _match_cache.load_or_build_matcher(food_table)
    next(tmp_path.glob("matcher-*.pickle")).unlink()
    # The import adds the diary's branded foods to a copy of the table; the saved index is the same.
    widened = replace(food_table, foods=food_table.foods.copy())
    assert _match_cache.load_or_build_matcher(widened) is first
    assert not list(tmp_path.glob("matcher-*.pickle"))  # neither read nor built again


def test_the_brand_word_index_is_saved_with_the_matcher_and_read_back(tmp_path, monkeypatch, food_table):
    from analyzer.match import _brand_names

    monkeypatch.setenv("MINERALOG_MATCHER_CACHE", str(tmp_path))
    monkeypatch.setattr(_brand_names, "_generic_cache", [])
    built = _brand_names.generic_words(food_table)
    assert len(list(tmp_path.glob("brand-words-*.pickle"))) == 1

    def no_build(*args, **kwargs):
        raise AssertionError("the brand-word index was rebuilt although a saved copy exists")

    monkeypatch.setattr(_brand_names._Generic, "__init__", no_build)
    monkeypatch.setattr(_brand_names, "_generic_cache", [])  # a new process
    again = _brand_names.generic_words(food_table)
    # SR28 names cheddar (01009 "Cheese, cheddar") but never the word "publix".
    assert (again.uses("cheddar"), again.uses("publix")) == (built.uses("cheddar"), built.uses("publix")) == (True,
                                                                                                            False)
    assert "cheese" in again.first_segments


@pytest.mark.slow
def test_a_damaged_saved_index_is_rebuilt(tmp_path, monkeypatch, food_table):
    from analyzer.match import _match_cache

    monkeypatch.setenv("MINERALOG_MATCHER_CACHE", str(tmp_path))
    _match_cache.load_or_build_matcher(food_table)
    saved = next(tmp_path.glob("matcher-*.pickle"))
    saved.write_bytes(b"garbage")
    monkeypatch.setattr(_match_cache, "_LOADED", [])  # a new process
    assert _match_cache.load_or_build_matcher(food_table).match("banana").food_id is not None


# Grams of each distinct (food, amount) are remembered beside the matches.
_GRAMS_DIARY = (b"date,food,amount\n"
                b"2024-03-01,\"Cheese, cheddar\",2 oz\n"
                b"2024-03-01,\"Cheese, cheddar\",2 oz\n"
                b"2024-03-02,\"Cheese, cheddar\",100 g\n"
                b"2024-03-02,\"Cheese, cheddar\",3 blorps\n")


def _grams_of(entries):
    return list(zip(entries["grams"].round(4).tolist(), entries["status"], strict=True))


def _no_weighing(*args, **kwargs):
    raise AssertionError("an amount was weighed again although its grams were remembered")


def test_a_diary_seen_before_reuses_its_grams_with_the_same_numbers(cache, food_table, monkeypatch):
    from analyzer import import_diary
    from analyzer.resolve import _import

    first = import_diary(_GRAMS_DIARY, table=food_table).entries
    # 2 oz = 2 x 28.349523 g = 56.699 g (avoirdupois ounce); an unknown unit needs an amount.
    assert _grams_of(first)[:3] == [(56.699, "used"), (56.699, "used"), (100.0, "used")]
    assert first["status"].iloc[3] == "needs_amount" and "blorp" in first["reason"].iloc[3]
    monkeypatch.setattr(_import, "_grams_for", _no_weighing)
    again = import_diary(_GRAMS_DIARY, table=food_table).entries
    columns = ["grams", "grams_source", "grams_detail", "grams_confidence", "status", "reason"]
    pd.testing.assert_frame_equal(again[columns], first[columns])


def test_remembered_grams_are_dropped_when_the_database_or_the_amount_code_changes(cache, food_table, monkeypatch):
    from analyzer import import_diary
    from analyzer.match import _match_cache
    from analyzer.resolve import _import

    import_diary(_GRAMS_DIARY, table=food_table)
    calls = []
    weigh = _import._grams_for
    monkeypatch.setattr(_import, "_grams_for", lambda *a, **k: calls.append(a[2]) or weigh(*a, **k))
    rebuilt = replace(food_table, meta={**food_table.meta, "built_at": "another build"})
    import_diary(_GRAMS_DIARY, table=rebuilt)
    assert sorted(calls) == ["100 g", "2 oz", "3 blorps"]
    calls.clear()
    monkeypatch.setattr(_match_cache, "GRAMS_FILES", (*_match_cache.GRAMS_FILES, "_supplements.py"))
    _match_cache.grams_version.cache_clear()
    import_diary(_GRAMS_DIARY, table=rebuilt)
    assert sorted(calls) == ["100 g", "2 oz", "3 blorps"]


def test_the_cli_starts_without_pint_or_plotly():
    """Start-up time: units and charts are imported where they are used, not by the CLI module."""
    import subprocess
    import sys

    code = "import sys, analyzer._cli; print(sorted(m for m in ('pint', 'plotly') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_candidate_searches_are_remembered_so_a_seen_diary_needs_no_matcher_index(cache, food_table):
    from analyzer.match._match_cache import cached_search, get_matcher

    def no_index(text, limit):
        raise AssertionError("the matcher was searched although the search was remembered")

    first = cached_search(food_table, lambda text, limit: get_matcher().search(text, limit=limit))("cheddar", 20)
    again = cached_search(food_table, no_index)("cheddar", 20)
    assert again == first and any(c.food_id == 1009 for c in again)  # SR28 #01009 Cheese, cheddar
    rebuilt = replace(food_table, meta={**food_table.meta, "built_at": "another build"})
    with pytest.raises(AssertionError):
        cached_search(rebuilt, no_index)("cheddar", 20)


def test_an_index_read_or_built_is_left_out_of_collections_and_collection_goes_on(tmp_path, monkeypatch, food_table):
    """The saved index lives as long as the process: collections need not walk it (analyzer._long_lived)."""
    import gc

    from analyzer.match._match_cache import load_or_build_index

    monkeypatch.setenv("MINERALOG_MATCHER_CACHE", str(tmp_path))
    gc.unfreeze()
    try:
        built = load_or_build_index(food_table, "test-index", lambda: {"words": [["a"], ["b"]]}, dict)
        assert gc.isenabled() and gc.get_freeze_count() > 0
        assert not any(built is obj for obj in gc.get_objects())  # frozen: not among the collected objects
        gc.unfreeze()
        read = load_or_build_index(food_table, "test-index", lambda: pytest.fail("the saved index was rebuilt"), dict)
        assert read == {"words": [["a"], ["b"]]} and gc.isenabled()
        assert not any(read is obj for obj in gc.get_objects())
    finally:
        gc.unfreeze()
