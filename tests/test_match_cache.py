"""The match cache: a diary seen before is matched without building the matcher."""

from __future__ import annotations

from dataclasses import replace

import pytest

from analyzer import normalise_key
from analyzer._match_cache import cached_match_many


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
    from analyzer import _match_cache
    from analyzer._match import FoodMatcher

    monkeypatch.setenv("MINERALOG_MATCHER_CACHE", str(tmp_path))
    built = _match_cache.load_or_build_matcher(food_table)
    assert len(list(tmp_path.glob("matcher-*.pickle"))) == 1

    def no_build(*args, **kwargs):
        raise AssertionError("the index was rebuilt although a saved copy exists")

    monkeypatch.setattr(FoodMatcher, "__init__", no_build)
    again = _match_cache.load_or_build_matcher(food_table)
    assert again.match("Cheddar Cheese, Natural").food_id == built.match("Cheddar Cheese, Natural").food_id == 1009


@pytest.mark.slow
def test_a_damaged_saved_index_is_rebuilt(tmp_path, monkeypatch, food_table):
    from analyzer import _match_cache

    monkeypatch.setenv("MINERALOG_MATCHER_CACHE", str(tmp_path))
    _match_cache.load_or_build_matcher(food_table)
    saved = next(tmp_path.glob("matcher-*.pickle"))
    saved.write_bytes(b"garbage")
    assert _match_cache.load_or_build_matcher(food_table).match("banana").food_id is not None
