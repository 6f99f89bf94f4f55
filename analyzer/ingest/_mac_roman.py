"""Mac Roman: the encoding of CSV files saved by Excel for Mac before 2016 ("Comma Separated Values").

Mac Roman and Windows-1252 put Western European letters at different bytes.  Mac Roman
has the accented lower-case letters at 0x80–0x9F, where Windows-1252 has rare signs or
nothing ("Müsli" in Mac Roman reads "MŸsli" as Windows-1252, "Crème" does not decode at
all), and rare signs (∞ ≠ ¸ ˇ) where Windows-1252 has its letters.  So the reading in
which more of a file's non-ASCII bytes are the letters and signs diaries are written with
is the file's encoding; a tie stays Windows-1252, by far the more common of the two.

Shift-JIS bytes of Mac Roman text can also read as two kanji ("Crème fraîche" reads
"Cr塾e fra把he"), while real Japanese text does not put one ideograph between two Latin
letters; such an East Asian reading does not stand against a Western Mac Roman one.
"""

from __future__ import annotations

import re
from collections import Counter

from analyzer.ingest._east_asian import reads_as_western

__all__ = ["reads_better_as_mac_roman"]

#: Non-ASCII characters Western European diaries are written with: Latin-1's letters and the
#: signs of amounts and typography.
_WESTERN_COMMON = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜßàáâãäåæçèéêëìíîïñòóôõöøùúûüÿŒœ"
    "‘’“”–—€…•™°½¼¾×µ®©«»\u00a0")
#: Bytes sampled for the comparison: the first MiB says what a file's encoding is.
_SAMPLE = 1 << 20
_ASCII = bytes(range(0x80))
#: An ideograph (or kana) standing alone between two Latin letters.
_GLUED_IDEOGRAPH = re.compile(r"[A-Za-z][\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3][A-Za-z]")


def _common(counts: Counter[int], encoding: str) -> int:
    """How many of the counted bytes read, in ``encoding``, as a character of ``_WESTERN_COMMON``."""
    return sum(n for byte, n in counts.items()
               if bytes([byte]).decode(encoding, errors="replace") in _WESTERN_COMMON)


def reads_better_as_mac_roman(data: bytes, cp1252_western: bool, east_asian: dict[str, str]) -> bool:
    """Whether file bytes (not UTF-8) are Mac Roman rather than Windows-1252 or an East Asian encoding.

    Parameters
    ----------
    data
        The file's bytes.
    cp1252_western
        Whether they decode as Windows-1252 and read as Western European text.
    east_asian
        The East Asian readings the bytes fit (``east_asian_readings``).
    """
    counts = Counter(data[:_SAMPLE].translate(None, _ASCII))
    mac = _common(counts, "mac_roman")
    if not mac or not reads_as_western(data.decode("mac_roman")):
        return False
    if cp1252_western:
        return mac > _common(counts, "cp1252")
    return all(_GLUED_IDEOGRAPH.search(text) for text in east_asian.values())
