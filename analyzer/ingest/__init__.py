"""Ingest: diary bytes to a parsed table (reading, encodings, dates, export formats, spreadsheet
cells).

Its modules are private; ``__all__`` lists the public names that live here (``analyzer`` exports
them all). The layout and the rule that imports go down the stages: docs/ARCHITECTURE.md.
"""

from __future__ import annotations

from analyzer import _stage_getattr

__all__ = [
    "ParsedDiary",
    "parse_diary",
]

__getattr__ = _stage_getattr("ingest", __all__)
