"""The user's local database: corrections and saved diaries (analyzer.store)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
import threading
import time

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analyzer.errors import StoreError
from analyzer.match._normalise import normalise_key
from analyzer.store import APPLICATION_ID, SCHEMA_VERSION, CorrectionsImportError, UserStore, default_store_path

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "<script>alert('x')</script>",
    "Robert'); DROP TABLE diaries;--",
    "+1+1", "@SUM(A1)", "-2+3",
    "crème brûlée, 🍮 – ½ cup, 豆腐, Ελληνικό",
    "tab\tnew\nline\r\nquote\"back\\slash",
    "nul\x00byte",
    "",
]


@pytest.fixture
def store(tmp_path):
    with UserStore(tmp_path / "user.sqlite") as opened:
        yield opened


def diary_frame(n: int = 4, seed: int = 0) -> pd.DataFrame:
    """A parsed-diary-like table with NaN, 0, NaT, text and a list column."""
    rng = np.random.default_rng(seed)
    calcium = rng.random(n) * 300
    calcium[::3] = np.nan
    calcium[1::4] = 0.0
    dates = pd.Series(pd.to_datetime("2024-01-01") + pd.to_timedelta(rng.integers(0, 60, n), unit="D"))
    dates[2::5] = pd.NaT
    return pd.DataFrame({
        "row": np.arange(2, n + 2),
        "date": dates,
        "meal": pd.Series(rng.choice(["Breakfast", "Lunch", ""], n), dtype="str"),
        "food_text": [HOSTILE[i % len(HOSTILE)] + f" #{i}" for i in range(n)],
        "calcium_mg": calcium,
        "matched_food_id": pd.array([1001 + i if i % 2 else None for i in range(n)], dtype="Int64"),
        "alternatives": [[(1001, "Butter, salted", 0.9)] if i % 2 else [] for i in range(n)],
        "is_supplement": np.arange(n) % 7 == 0,
    })


# -- the file -------------------------------------------------------------------------

def test_default_path_follows_the_data_dir_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("MINERALOG_DATA_DIR", str(tmp_path / "data"))
    assert default_store_path() == tmp_path / "data" / "user.sqlite"
    with UserStore() as opened:
        assert opened.path == tmp_path / "data" / "user.sqlite"
    assert (tmp_path / "data" / "user.sqlite").is_file()


def test_default_path_without_variable_is_in_local_share(monkeypatch, tmp_path):
    monkeypatch.delenv("MINERALOG_DATA_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_store_path() == tmp_path / ".local" / "share" / "mineralog" / "user.sqlite"


def test_new_file_is_marked_as_ours_private_and_in_wal_mode(tmp_path):
    path = tmp_path / "new" / "folder" / "user.sqlite"
    UserStore(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()
    # The id is in the on-disk header itself, where the next open checks it.
    assert int.from_bytes(path.read_bytes()[68:72], "big") == APPLICATION_ID


def test_blank_sqlite_file_is_adopted(tmp_path):
    path = tmp_path / "user.sqlite"
    sqlite3.connect(path).execute("VACUUM")  # a valid SQLite file with no tables
    with UserStore(path) as opened:
        opened.set_correction("whole milk", 1077)
        assert opened.corrections() == {"whole milk": 1077}


def test_data_survives_reopening(tmp_path):
    path = tmp_path / "user.sqlite"
    with UserStore(path) as first:
        first.set_correction("oat milk", 14091, "Oat beverage")
        diary_id = first.save_diary("January", diary_frame(), {"format": "generic"})
    with UserStore(path) as second:
        assert second.corrections() == {"oat milk": 14091}
        assert_frame_equal(second.load_diary(diary_id)[0], diary_frame())


def test_keys_are_recomputed_when_the_normalisation_rules_change(tmp_path):
    path = tmp_path / "user.sqlite"
    with UserStore(path) as first:
        first.set_correction("Cheddar cheese", 1009)
    conn = sqlite3.connect(path)
    with conn:  # as written by an older Mineralog whose keys were plain lower case
        conn.execute("UPDATE corrections SET key = 'cheddar cheese (old rule)'")
    conn.close()
    with UserStore(path) as reopened:
        assert reopened.corrections() == {"cheddar cheese": 1009}


# -- corrections ------------------------------------------------------------------------

@pytest.mark.parametrize(("settings", "expected"), [
    ([("Greek Yogurt", 1256)], {"greek yogurt": 1256}),
    # another spelling of the same food replaces the earlier choice
    ([("Cheese, Cheddar", 1009), ("cheddar cheeses", 1270)], {"cheddar cheese": 1270}),
    ([("milk chocolate", 19120), ("chocolate milk", 1102)],
     {"milk chocolate": 19120, "chocolate milk": 1102}),
    ([("=HYPERLINK(\"x\")", 1001), ("Crème Brûlée", 19201)], {"hyperlink x": 1001, "creme brulee": 19201}),
])
def test_set_correction(store, settings, expected):
    for text, food_id in settings:
        store.set_correction(text, food_id)
    assert store.corrections() == expected


@pytest.mark.parametrize(("text", "food_id"), [
    ("", 1001), ("   ", 1001), ("!!!", 1001),
    ("milk", 0), ("milk", -3), ("milk", True), ("milk", "1001"), ("milk", 1.5), ("milk", None),
])
def test_set_correction_rejects(store, text, food_id):
    with pytest.raises(StoreError):
        store.set_correction(text, food_id)
    assert store.corrections() == {}


def test_set_correction_accepts_numpy_integers(store):
    store.set_correction("butter", np.int64(1001))
    assert store.corrections() == {"butter": 1001}


def test_remove_correction_by_any_spelling(store):
    store.set_correction("Cheese, Cheddar", 1009)
    store.set_correction("butter", 1001)
    assert store.remove_correction("CHEDDAR  cheese") is True
    assert store.remove_correction("cheddar cheese") is False
    assert store.corrections() == {"butter": 1001}


def test_list_corrections(store):
    store.set_correction("  Oat Milk ", 14091, "Beverages, oat")
    store.set_correction("Butter", 1001)
    table = store.list_corrections()
    assert list(table.columns) == ["text", "key", "food_id", "description", "created_at"]
    assert table[["text", "key", "food_id", "description"]].values.tolist() == [
        ["Butter", "butter", 1001, ""],
        ["Oat Milk", "oat milk", 14091, "Beverages, oat"],
    ]
    assert str(table["created_at"].dt.tz) == "UTC"
    age = pd.Timestamp.now(tz="UTC") - table["created_at"]
    assert ((age >= pd.Timedelta(0)) & (age < pd.Timedelta(minutes=5))).all()


def test_list_corrections_when_empty(store):
    table = store.list_corrections()
    assert table.empty
    assert list(table.columns) == ["text", "key", "food_id", "description", "created_at"]


def test_export_import_round_trip(store, tmp_path):
    texts = [t for t in HOSTILE if normalise_key(t)]
    for food_id, text in enumerate(texts, start=1001):
        store.set_correction(text, food_id, f"desc {text}")
    exported = store.export_corrections_csv()
    assert exported.startswith(b"\xef\xbb\xbf")  # so spreadsheets read the accents
    assert exported.splitlines()[0] == b"\xef\xbb\xbftext,food_id,description,created_at,dose_per_unit,recipe_grams"
    with UserStore(tmp_path / "other.sqlite") as other:
        assert other.import_corrections_csv(exported) == len({normalise_key(t) for t in texts})
        columns = ["text", "key", "food_id", "description"]
        assert_frame_equal(other.list_corrections()[columns], store.list_corrections()[columns])


@pytest.mark.parametrize(("data", "expected"), [
    (b"text,food_id\nbutter,1001\n", {"butter": 1001}),
    (b"\xef\xbb\xbftext,food_id,description\nbutter,01001,Butter\n", {"butter": 1001}),
    (b"Food_ID , TEXT\r\n1001.0,butter\r\n\r\n,\r\n", {"butter": 1001}),
    (b"\n\ntext,food_id,extra\nbutter,1001,x,y\n\"Cheese, Cheddar\",1009\n",
     {"butter": 1001, "cheddar cheese": 1009}),
    ("text,food_id\nCrème brûlée,19201\n".encode("cp1252"), {"creme brulee": 19201}),
    (b"text,food_id\nbutter,1001\nBUTTER,1001\n", {"butter": 1001}),
    (b"text,food_id\n\"multi\nline\",1001\nbutter,1002\n", {"multi line": 1001, "butter": 1002}),
])
def test_import_corrections_accepts(store, data, expected):
    assert store.import_corrections_csv(data) == len(expected)
    assert store.corrections() == expected


@pytest.mark.parametrize(("data", "failures"), [
    (b"", []),
    (b"text,food\nbutter,1001\n", [(1, "food_id")]),
    (b"food_id\n1001\n", [(1, "text")]),
    (b"text,food_id\nbutter,abc\n!!!,1001\nmilk,\n,-4\nok,1001\n",
     [(2, "food_id"), (3, "text"), (4, "food_id"), (5, "text"), (5, "food_id")]),
    (b"text,food_id\nbutter,1.5\nmilk,0\n", [(2, "food_id"), (3, "food_id")]),
    (b"\n\ntext,food_id\nbutter,1001\nmilk,x\n", [(5, "food_id")]),
    (b"text,food_id\nbutter,1001\nmilk,1077\nBUTTER,1002\n", [(4, "text")]),
    (b"text,food_id\nbutter,99999\n", [(2, "food_id")]),
    (b"\x00\x01\x81\x8d\x8f\x90\x9d", []),
])
def test_import_corrections_rejects_all_or_nothing(store, data, failures):
    store.set_correction("already there", 1001)
    with pytest.raises(CorrectionsImportError) as caught:
        store.import_corrections_csv(data, known_food_ids={1001, 1002, 1077, 1009})
    table = caught.value.failures
    assert list(table.columns) == ["row", "column", "value", "reason"]
    assert list(zip(table["row"], table["column"], strict=True)) == failures
    assert table["reason"].str.len().gt(10).all()
    assert str(caught.value)
    assert store.corrections() == {"already there": 1001}


def test_a_correction_to_a_branded_food_imports_again(store, food_table):
    # The export holds what the user chose, branded label foods included; importing it back
    # against the food table must know them although the table loads them only when matched.
    import food_db

    found = food_db.search_branded("Tic Tac mints orange", limit=1)
    if found.empty:
        pytest.skip("the food database was built without FoodData Central branded foods")
    branded = int(found["food_id"].iloc[0])
    assert branded not in food_table.foods.index
    data = f"text,food_id\ntic tac orange,{branded}\nbutter,1001\n".encode()
    assert store.import_corrections_csv(data, known_food_ids=food_table) == 2
    assert store.corrections()["tic tac orange"] == branded
    with pytest.raises(CorrectionsImportError) as caught:
        store.import_corrections_csv(b"text,food_id\nmade up,99999999\n", known_food_ids=food_table)
    assert list(caught.value.failures["row"]) == [2]


def test_import_error_message_names_the_first_row(store):
    with pytest.raises(CorrectionsImportError) as caught:
        store.import_corrections_csv(b"text,food_id\nbutter,1001\nmilk,abc\n")
    assert caught.value.row == 3
    assert caught.value.column == "food_id"
    assert "nothing was imported. First: row 3, column 'food_id'" in str(caught.value)
    assert "'abc' is not a food number" in caught.value.failures["reason"].iloc[0]


# -- diaries ----------------------------------------------------------------------------

def test_diary_save_list_load_rename_delete(store):
    first = store.save_diary("January", diary_frame(5, 1), {"format": "cronometer_servings"})
    second = store.save_diary("February", diary_frame(3, 2), {"format": "loseit"})
    listed = store.list_diaries()
    assert list(listed.columns) == ["id", "name", "created_at", "updated_at", "n_rows", "format"]
    assert listed[["id", "name", "n_rows", "format"]].values.tolist() == [
        [second, "February", 3, "loseit"], [first, "January", 5, "cronometer_servings"]]

    store.rename_diary(first, "  Jan 2024 ")
    assert set(store.list_diaries()["name"]) == {"Jan 2024", "February"}
    assert_frame_equal(store.load_diary(first)[0], diary_frame(5, 1))

    assert store.delete_diary(second) is True
    assert store.delete_diary(second) is False
    assert store.list_diaries()["id"].tolist() == [first]
    with pytest.raises(StoreError, match=f"No saved diary has the id {second}"):
        store.load_diary(second)
    count = sqlite3.connect(store.path).execute(
        "SELECT COUNT(*) FROM diary_entries WHERE diary_id = ?", (second,)).fetchone()[0]
    assert count == 0


def test_list_diaries_when_empty(store):
    table = store.list_diaries()
    assert table.empty
    assert list(table.columns) == ["id", "name", "created_at", "updated_at", "n_rows", "format"]


ROUND_TRIPS = {
    "parsed diary": diary_frame(12),
    "NaN is not 0": pd.DataFrame({"calcium_mg": [0.0, np.nan, -0.0, np.inf, 1e-300],
                                  "count": [0, 1, 2, -5, 2**62]}),
    "None, NaN, NA, NaT and empty text stay apart": pd.DataFrame(
        {"mixed": [None, np.nan, pd.NA, pd.NaT, "", 0]}),
    "hostile and unicode text": pd.DataFrame({
        "text": pd.Series(HOSTILE, dtype="str"),
        "objects": pd.Series(HOSTILE, dtype=object)}),
    "text with missing values": pd.DataFrame({"meal": pd.Series(["Lunch", None, ""], dtype="str"),
                                              "note": pd.Series(["a", None, "c"], dtype="string")}),
    "dates, times and zones": pd.DataFrame({
        "date": pd.to_datetime(["2024-02-29", None, "1999-12-31"]),
        "seconds": pd.to_datetime(["2024-02-29 10:00:01", None, "2024-03-01 00:00:00"]).astype("datetime64[s]"),
        "zoned": pd.to_datetime(["2024-03-31 01:30", "2024-10-27 02:30", None])
        .tz_localize("UTC").tz_convert("Europe/Berlin"),
        "duration": pd.to_timedelta(["1 days 00:00:01", None, "-3s"]),
        "python": [dt.date(2024, 1, 1), dt.datetime(2024, 1, 1, 8, 30), dt.time(7, 15)]}),
    "nullable and categorical": pd.DataFrame({
        "id": pd.array([1, None, 3], dtype="Int64"),
        "flag": pd.array([True, None, False], dtype="boolean"),
        "kind": pd.Categorical(["food", None, "day_total"], categories=["food", "day_total", "x"]),
        "small": np.array([1.5, np.nan, 0], dtype="float32")}),
    "containers": pd.DataFrame({"alternatives": [[(1001, "Butter", 0.5)], [], None],
                                "extra": [{"a": (1, 2), 3: None}, {}, {"k": [1.0, None, "x"]}]}),
    "no rows": diary_frame(0),
    "no columns": pd.DataFrame(index=pd.RangeIndex(3)),
    "custom index": diary_frame(4).set_index(["row", "meal"]),
    "columns saved in a new order with odd names": pd.DataFrame(
        {"z": [1], "a b": [2], "": [3], "=cmd": [4], "ü": [5]}),
}


@pytest.mark.parametrize("frame", list(ROUND_TRIPS.values()), ids=list(ROUND_TRIPS))
def test_diary_round_trip(store, frame):
    diary_id = store.save_diary("round trip", frame, {"format": "generic"})
    loaded, _ = store.load_diary(diary_id)
    assert_frame_equal(loaded, frame, check_exact=True)
    for column in frame.columns:
        # assert_frame_equal treats None and NaN alike in object columns; the store must not.
        assert [type(v) for v in loaded[column].tolist()] == [type(v) for v in frame[column].tolist()]


def test_values_equal_in_python_but_written_differently_stay_apart(store):
    # A column's distinct values are encoded once: True == 1 == 1.0 and 0.0 == -0.0 must not share a text.
    frame = pd.DataFrame({"mixed": [1, True, 1.0, 0, False, 0.0, -0.0, "1"],
                          "signed": [0.0, -0.0, 0.0, -0.0, np.nan, np.nan, 1.0, -1.0],
                          "flags": [True, 1, None, 0, False, True, 1, 0]})
    loaded, _ = store.load_diary(store.save_diary("equal values", frame, {}))
    for column in frame.columns:
        assert [(type(v), repr(v)) for v in loaded[column].tolist()] == [
            (type(v), repr(v)) for v in frame[column].tolist()]


def test_nan_and_zero_are_told_apart_after_loading(store):
    frame = pd.DataFrame({"calcium_mg": [0.0, np.nan], "vitamin_d_ug": [np.nan, 0.0]})
    loaded, _ = store.load_diary(store.save_diary("d", frame, {}))
    assert loaded["calcium_mg"].isna().tolist() == [False, True]
    assert loaded["vitamin_d_ug"].isna().tolist() == [True, False]
    assert loaded.loc[0, "calcium_mg"] == 0.0


def test_meta_round_trip(store):
    meta = {"format": "cronometer_daily", "format_label": "Cronometer daily", "notes": ["Dates read as day/month."],
            "encoding": "utf-8", "delimiter": ";", "filename": "<script>.csv", "sizes": (1, 2),
            "uploaded": pd.Timestamp("2024-01-01 10:00", tz="UTC"), "nested": {"missing": np.nan, 4: None}}
    _, loaded = store.load_diary(store.save_diary("with meta", diary_frame(), meta))
    assert loaded.keys() == meta.keys()
    assert {k: v for k, v in loaded.items() if k != "nested"} == {k: v for k, v in meta.items() if k != "nested"}
    assert loaded["nested"][4] is None and np.isnan(loaded["nested"]["missing"])


def test_saving_under_an_existing_name_replaces_it(store):
    first = store.save_diary("Week 1", diary_frame(10, 1), {"format": "generic"})
    created = store.list_diaries().loc[0, "created_at"]
    time.sleep(0.01)
    again = store.save_diary(" Week 1 ", diary_frame(3, 2), {"format": "loseit"})
    assert again == first
    listed = store.list_diaries()
    assert listed[["name", "n_rows", "format"]].values.tolist() == [["Week 1", 3, "loseit"]]
    assert listed.loc[0, "created_at"] == created
    assert listed.loc[0, "updated_at"] > created
    loaded, meta = store.load_diary(first)
    assert_frame_equal(loaded, diary_frame(3, 2))
    assert meta == {"format": "loseit"}


def test_rename_to_a_taken_name_is_refused(store):
    first = store.save_diary("January", diary_frame(), {})
    store.save_diary("February", diary_frame(), {})
    with pytest.raises(StoreError, match="A diary named 'February' already exists"):
        store.rename_diary(first, "February")
    store.rename_diary(first, "January")  # its own name is fine
    assert sorted(store.list_diaries()["name"]) == ["February", "January"]


@pytest.mark.parametrize("name", ["", "   ", "x" * 201, None])
def test_bad_diary_names_are_refused(store, name):
    with pytest.raises(StoreError):
        store.save_diary(name, diary_frame(), {})
    diary_id = store.save_diary("fine", diary_frame(), {})
    with pytest.raises(StoreError):
        store.rename_diary(diary_id, name)
    assert store.list_diaries()["name"].tolist() == ["fine"]


# (wanted, names already saved, name given): the limit is 200 characters; " (2)" is 4 of them.
_LONG = "a" * 250
_FLAG = "x" * 198 + "\U0001f3f3\ufe0f\u200d\U0001f308"  # a flag of four code points across the limit


@pytest.mark.parametrize(("wanted", "taken", "expected"), [
    ("January", [], "January"),
    ("  January ", ["January"], "January (2)"),
    ("January", ["January", "January (2)"], "January (3)"),
    ("", [], "Diary"),
    (_LONG, [], "a" * 199 + "…"),
    (_LONG, ["a" * 199 + "…"], "a" * 195 + "… (2)"),
    ("a" * 200, [], "a" * 200),  # exactly at the limit: kept whole
    ("a" * 200, ["a" * 200], "a" * 195 + "… (2)"),
    ("x" * 198 + " " + "y" * 10, [], "x" * 198 + "…"),  # no space left before the ellipsis
    ("食" * 300, [], "食" * 199 + "…"),  # the limit counts characters, not bytes
    ("e\u0301" * 150, [], "é" * 150),  # NFC first: 300 code points become 150 characters
    ("x" * 198 + "\u0915\u094d\u0937", [], "x" * 198 + "…"),  # a virama is not left bare or split off
    (_FLAG, [], "x" * 198 + "…"),  # the cut backs off a joiner, not through it
])
def test_a_new_diary_gets_an_unused_name_that_fits(store, wanted, taken, expected):
    for name in taken:
        store.save_diary(name, diary_frame(), {})
    name = store.unused_diary_name(wanted)
    assert name == expected
    assert store.list_diaries().empty or name not in set(store.list_diaries()["name"])
    store.save_diary(name, diary_frame(), {})  # and it can be saved


@pytest.mark.parametrize("name", [n for n in HOSTILE if n.strip()])
def test_hostile_names_are_stored_as_given(store, name):
    diary_id = store.save_diary(name, diary_frame(), {})
    assert store.list_diaries()["name"].tolist() == [name.strip()]
    assert store.list_diaries()["id"].tolist() == [diary_id]


def test_rename_or_load_unknown_id(store):
    with pytest.raises(StoreError, match="No saved diary has the id 42"):
        store.rename_diary(42, "x")
    with pytest.raises(StoreError, match="No saved diary has the id 42"):
        store.load_diary(42)


def test_unsaveable_value_names_the_column_and_saves_nothing(store):
    frame = diary_frame()
    frame["widget"] = [object()] * len(frame)
    with pytest.raises(StoreError, match="Column 'widget': Values of type object cannot be saved") as caught:
        store.save_diary("bad", frame, {})
    assert caught.value.column == "widget"
    with pytest.raises(StoreError, match="The diary's details cannot be saved"):
        store.save_diary("bad meta", diary_frame(), {"format": "generic", "handle": object()})
    assert store.list_diaries().empty


def test_two_sessions_save_at_the_same_time(tmp_path):
    path = tmp_path / "user.sqlite"
    sessions = [UserStore(path), UserStore(path)]
    start = threading.Barrier(2)
    errors = []

    def save_many(store, prefix):
        try:
            start.wait()
            for i in range(5):
                store.save_diary(f"{prefix} {i}", diary_frame(2000, i), {"format": prefix})
        except Exception as err:  # noqa: BLE001 -- any error is reported below, not lost in the thread
            errors.append(err)

    threads = [threading.Thread(target=save_many, args=(s, p)) for s, p in zip(sessions, "AB", strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with UserStore(path) as reader:
        listed = reader.list_diaries().set_index("name")
        assert sorted(listed.index) == [f"{p} {i}" for p in "AB" for i in range(5)]
        for name, row in listed.iterrows():
            assert_frame_equal(reader.load_diary(row["id"])[0], diary_frame(2000, int(name[-1])))
    for session in sessions:
        session.close()


def test_one_store_shared_by_threads(store):
    def work(i):
        store.set_correction(f"food {i}", 1000 + i)
        store.save_diary(f"diary {i}", diary_frame(50, i), {})
    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.corrections() == {f"food {i}": 1000 + i for i in range(8)}
    assert store.list_diaries()["n_rows"].tolist() == [50] * 8


def test_ten_thousand_entries_save_and_load_quickly(store):
    frame = diary_frame(10_000)
    started = time.perf_counter()
    diary_id = store.save_diary("year", frame, {})
    loaded, _ = store.load_diary(diary_id)
    elapsed = time.perf_counter() - started
    assert_frame_equal(loaded, frame)
    # About 0.3 s each way on the shared 2-core machine; the bound only catches a blow-up.
    assert elapsed < 5
