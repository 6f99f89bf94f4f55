"""East Asian legacy encodings: read a file only when its bytes fit exactly one of them.

What Mineralog promises: a file that is not UTF-8 or UTF-16 is read as
Windows-1252 when that reads as Western European text; otherwise, when its bytes
decode strictly as exactly one of Shift-JIS (cp932), GB18030, Big5 and EUC-KR
*and* the decoded text is made only of that language's common characters, it
is read in that encoding.  When they fit more than one of these (short texts
often do: the same two bytes are a common Chinese character and a Korean
syllable), the file is refused with a sentence that names the encodings read
and asks for UTF-8.  No statistical guess decides between these encodings.

Why not a detector's guess: on a few words it is a coin toss (charset-normalizer
3.5.3 reads Shift-JIS "牛乳" as cp1250 "‹Ť“ű", 3.3.0 gets it right), and a
wrong guess turns every food name into different, wrong text without a word.

"Common characters", per encoding, are what a diary in that language is
written with and what the other encodings' bytes rarely decode to:

- cp932: kana, kanji and symbols of JIS X 0208 (no half-width katakana, which
  is what the bytes of EUC texts become in cp932);
- GB18030: the symbols and the 3,755 frequent hanzi of GB 2312 level 1 (no kana);
- Big5: the symbols and the 5,401 frequent hanzi of Big5 level 1 (lead byte up
  to 0xC6);
- EUC-KR: Hangul syllables of KS X 1001 and its symbols (no hanja, which
  Korean diaries hardly use and Chinese bytes decode to).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["EAST_ASIAN", "READ_ENCODINGS", "east_asian_readings", "reads_as_western"]

#: Strict decodes tried, in this fixed order, with the name a message uses.
EAST_ASIAN = {"cp932": "Shift-JIS", "gb18030": "GB18030", "big5": "Big5", "euc_kr": "EUC-KR"}
#: Every encoding Mineralog reads, for messages.
READ_ENCODINGS = ("UTF-8, UTF-16, Windows-1252, Mac Roman, "
                  "and Shift-JIS, GB18030, Big5 or EUC-KR when the file fits only one")

# Characters of the CJK punctuation, full-width forms and ideograph blocks.
_PUNCTUATION = range(0x3000, 0x3040)
_FULL_WIDTH = range(0xFF01, 0xFF5F)
_IDEOGRAPHS = range(0x4E00, 0xA000)
_KANA = range(0x3040, 0x3100)
_HANGUL = range(0xAC00, 0xD7A4)
#: GB 2312 symbols and level 1 (the 3,755 frequent hanzi) end at lead byte 0xD7.
_GB2312_LEVEL1_LAST_LEAD = 0xD7
#: Big5 level 1 (frequent hanzi) and the symbols before it end at lead byte 0xC6.
_BIG5_LEVEL1_LAST_LEAD = 0xC6
#: Non-ASCII symbols a Western European diary uses beside letters (units, quotes, money).
_WESTERN_SYMBOLS = frozenset("°½¼¾“”‘’–—…€£¢¥·×µ®™©«»¿¡§±ºª²³¹\u00a0")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
#: Signs of numbers that may stand side by side in a Western amount ("2×½ cup").
_NUMBER_SIGNS = frozenset("½¼¾×²³¹°")
#: Western words put at most this many non-ASCII letters side by side ("ações");
#: every East Asian character is two non-ASCII bytes, so CJK text read as
#: Windows-1252 makes longer runs at once.
_WESTERN_MAX_RUN = 2


def _encodes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _is_common(char: str, encoding: str) -> bool:
    """Whether a non-ASCII character is one a diary in ``encoding``'s language is written with."""
    code = ord(char)
    if encoding == "cp932":
        return (code in _KANA or code in _IDEOGRAPHS or code in _PUNCTUATION
                or code in _FULL_WIDTH) and _encodes(char, "shift_jis")
    if encoding == "gb18030":
        if not (code in _IDEOGRAPHS or code in _PUNCTUATION or code in _FULL_WIDTH) or not _encodes(char, "gb2312"):
            return False
        return char.encode("gb2312")[0] <= _GB2312_LEVEL1_LAST_LEAD
    if encoding == "big5":
        if not (code in _IDEOGRAPHS or code in _PUNCTUATION or code in _FULL_WIDTH):
            return False
        return _encodes(char, "big5") and char.encode("big5")[0] <= _BIG5_LEVEL1_LAST_LEAD
    return (code in _HANGUL or code in _PUNCTUATION or code in _FULL_WIDTH) and _encodes(char, "euc_kr")


def east_asian_readings(data: bytes) -> dict[str, str]:
    """The East Asian encodings (of ``EAST_ASIAN``) whose strict decode gives only common characters.

    Parameters
    ----------
    data
        File bytes that are not ASCII, UTF-8 or UTF-16.

    Returns
    -------
    dict
        Encoding -> decoded text, in the order of ``EAST_ASIAN``; empty when none fits.
    """
    readings = {}
    for encoding in EAST_ASIAN:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        others = {char for char in text if not char.isascii() and char not in "\r\n"}
        if others and all(_is_common(char, encoding) for char in others):
            readings[encoding] = text
    return readings


def reads_as_western(text: str) -> bool:
    """Whether Windows-1252 text reads as Western European.

    Its non-ASCII characters are Latin letters and common symbols only; a
    symbol never touches another non-ASCII character (except number signs
    such as "×½"), and at most
    ``_WESTERN_MAX_RUN`` letters stand side by side.  Every East Asian
    character is two non-ASCII bytes, so East Asian text read as Windows-1252
    breaks these at once ("牛奶" in GB18030 reads "Å£ÄÌ").
    """
    # Distinct runs only: a long diary repeats the same few accented words.
    return all(_western_run(run) for run in set(_NON_ASCII_RUN.findall(text)))


def _western_run(run: str) -> bool:
    if len(run) > _WESTERN_MAX_RUN:
        return False
    if len(run) > 1 and any(char in _WESTERN_SYMBOLS for char in run) and not set(run) <= _NUMBER_SIGNS:
        return False
    return all(char in _WESTERN_SYMBOLS or unicodedata.name(char, "").startswith("LATIN") for char in run)
