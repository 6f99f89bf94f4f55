"""Match: food text to a food of the table (normalising, the matcher's index and scoring, the match
cache, category hints).

Its modules are private; ``__all__`` lists the public names that live here (``analyzer`` exports
them all). The layout and the rule that imports go down the stages: docs/ARCHITECTURE.md.
"""

from __future__ import annotations

from analyzer import _stage_getattr

__all__ = [
    "Candidate",
    "FoodMatcher",
    "MatchResult",
    "get_matcher",
    "normalise_key",
]

__getattr__ = _stage_getattr("match", __all__)
