"""East Asian legacy encodings: read when the bytes fit exactly one, refused when they fit several.

The promise (``analyzer/ingest/_east_asian.py``): Windows-1252 when the file reads as
Western European text; else the one of Shift-JIS, GB18030, Big5 and EUC-KR
whose strict decode gives only that language's common characters; several
fitting is refused with a sentence naming what Mineralog reads.  No
detector's guess is involved, so the result is the same with any
charset-normalizer the requirement range allows.
"""

from __future__ import annotations

from pathlib import Path

import charset_normalizer
import pytest

from analyzer.errors import DiaryFormatError
from analyzer.ingest._read import decode

BAD = Path(__file__).resolve().parent / "data" / "bad"
HEADER = "date,food,amount\n"


def _diary(foods: list[str]) -> str:
    return HEADER + "".join(f"2024-01-0{1 + i % 9},{food},1\n" for i, food in enumerate(foods))


JAPANESE = ["牛乳", "豆腐", "納豆", "味噌汁", "ごはん", "鮭の塩焼き", "ヨーグルト", "ほうれん草"]
SIMPLIFIED = ["牛奶", "豆腐", "米饭", "鸡蛋", "苹果", "酸奶", "菠菜", "奶酪", "西兰花", "豆浆", "面条", "馒头"]
TRADITIONAL = ["牛奶", "豆腐", "米飯", "雞蛋", "蘋果", "優格", "菠菜", "起司", "豆漿", "麵條", "饅頭"]
KOREAN = ["우유", "두부", "김치", "밥", "계란", "사과", "시금치", "된장찌개"]


@pytest.fixture
def no_detector(monkeypatch):
    """charset-normalizer must not decide any of these: calling it fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("charset-normalizer was asked")
    monkeypatch.setattr(charset_normalizer, "from_bytes", refuse)


@pytest.mark.parametrize(("foods", "encoding"), [
    (JAPANESE, "cp932"),
    (["豆腐"], "cp932"),  # its Shift-JIS bytes also decode as cp1252 ("“¤•…"), which is no Western text
    (["牛乳"], "cp932"),  # charset-normalizer 3.5.3 reads it as cp1250 "‹Ť“ű"
    (SIMPLIFIED, "gb18030"),
    (TRADITIONAL, "big5"),
])
def test_a_file_that_fits_one_east_asian_encoding_is_read_in_it(foods, encoding, no_detector):
    text, used = decode(_diary(foods).encode(encoding))
    assert used == encoding
    assert text == _diary(foods)


@pytest.mark.parametrize(("foods", "encoding", "names"), [
    # Korean syllables of KS X 1001 are byte for byte frequent Chinese characters of GB 2312.
    (KOREAN, "euc_kr", "GB18030 and Big5 and EUC-KR"),
    (["牛奶"], "gb18030", "GB18030 and Big5 and EUC-KR"),  # two characters fit three languages
])
def test_a_file_that_fits_several_is_refused_with_what_mineralog_reads(foods, encoding, names, no_detector):
    with pytest.raises(DiaryFormatError) as caught:
        decode(_diary(foods).encode(encoding))
    message = str(caught.value)
    assert f"reads as {names} alike" in message
    assert "UTF-8, UTF-16, Windows-1252" in message and "save the file as UTF-8" in message


@pytest.mark.parametrize("foods", [
    ["Jalapeño", "Crème brûlée", "ações", "Müsli", "Œufs", "“quoted” – dash €5", "1½ cups", "Smørrebrød"],
    ["Oats ½×2 cups", "milk"],  # number signs side by side are Western, not one GB18030 character
    ["Crème brûlée"] * 1000,  # bug: charset-normalizer named cp1250 for this and it read "Crčme brűlée"
])
def test_western_european_text_stays_windows_1252(foods, no_detector):
    text, used = decode(_diary(foods).encode("cp1252"))
    assert used == "cp1252"
    assert text == _diary(foods)


def test_cyrillic_is_still_left_to_the_detector():
    """A long Windows-1251 file is neither Western nor East Asian: the detector names it."""
    foods = ["Молоко", "Сыр", "Творог", "Гречка"] * 10
    text, used = decode(_diary(foods).encode("cp1251"))
    assert used == "cp1251" and "Гречка" in text


@pytest.mark.parametrize("name", sorted(p.name for p in BAD.glob("enc_*")))
def test_the_corpus_encodings_need_no_detector(name, no_detector):
    try:
        decode((BAD / name).read_bytes())
    except DiaryFormatError:
        pass  # refusals are checked by test_bad_inputs; here only that no guess was asked for
