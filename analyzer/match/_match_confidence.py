"""How far a matcher score can be trusted: the no-match threshold and the confident line.

Kept apart from the matcher so that code which only reads match results (the import's
low-confidence count, the dashboard) does not load the matcher and its index.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["CONFIDENT_SCORE", "DEFAULT_THRESHOLD", "confidence_of"]

# Best score below which a text gets no food (food_id None), so the user is
# asked instead of given a wrong food. Chosen on the dev part of the real-string
# exam (tests/data/food_match_real.csv, 741 rows, SR28 + FNDDS + Foundation):
# top-1 on matchable rows / no-match rows rejected were 72.6% / 50.0% at 45,
# 72.1% / 59.6% at 50, 71.3% / 69.2% at 55, 70.7% / 75.0% at 60 (the share of
# all rows handled right stays 71.0-71.3% from 45 to 60). At 45 fewer real
# diary entries stay unresolved (score_all.py: ASA24 96.6% resolved at 45,
# 95.4% at 50, pooled Cronometer calcium error 32.7% against 33.8%), and the
# older exam (food_match_labelled.csv) keeps 91.9% top-1 (89.3% at 55). Rows
# between 45 and CONFIDENT_SCORE are used but flagged 'plausible'.
DEFAULT_THRESHOLD = 45.0
# Best score from which a match counts as confident; between the threshold and
# this it is used but flagged for review. On the dev rows, the best food was
# right for 24% of rows scoring 45-55, 27% at 55-65, 54% at 65-75, 59% at
# 75-85, 80% at 85-95 and 99% from 95.
CONFIDENT_SCORE = 85.0


def confidence_of(score: float, threshold: float = DEFAULT_THRESHOLD
                  ) -> Literal["confident", "plausible", "none"]:
    """How far a matcher score can be trusted (see ``CONFIDENT_SCORE``).

    Parameters
    ----------
    score
        The best food's score, 0..100.
    threshold
        The matcher's no-match threshold.

    Returns
    -------
    str
        ``confident``, ``plausible`` (used and flagged for review) or ``none``.
    """
    if score >= max(CONFIDENT_SCORE, threshold):
        return "confident"
    return "plausible" if score >= threshold else "none"
