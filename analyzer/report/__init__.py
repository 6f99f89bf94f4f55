"""Report: the sentences about a period, the offline HTML report and its charts, the safe CSV export.

Its modules are private; ``__all__`` lists the public names that live here (``analyzer`` exports
them all). The layout and the rule that imports go down the stages: docs/ARCHITECTURE.md.
"""

from __future__ import annotations

from analyzer import _stage_getattr

__all__ = [
    "GLANCE_KEYS",
    "build_report_html",
    "coverage_sentence",
    "glance",
    "intake_sentences",
    "ratio_named",
    "ratio_sentence",
    "reference_label",
    "report_html",
    "to_safe_csv",
]

__getattr__ = _stage_getattr("report", __all__)
