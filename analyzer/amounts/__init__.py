"""Amounts: amount text to grams (the amount parser, the unit registry, household measures, FDA
reference amounts).

Its modules are private; ``__all__`` lists the public names that live here (``analyzer`` exports
them all). The layout and the rule that imports go down the stages: docs/ARCHITECTURE.md.
"""

from __future__ import annotations

from analyzer import _stage_getattr

__all__: list[str] = []

__getattr__ = _stage_getattr("amounts", __all__)
