"""Which rows of a resolved diary need the user's look: not identified, no usable amount, not read,
or matched with low confidence.

The import counts them (``ImportResult``) and the diary pages list them; both read this module.
"""

from __future__ import annotations

import pandas as pd

from ..match._match_confidence import CONFIDENT_SCORE

__all__ = ["ATTENTION_STATUSES", "LOW_CONFIDENCE_SCORE", "attention_rows", "low_confidence"]

#: A food matched with a score below this is counted as matched with low confidence: the
#: matcher's own calibrated line between 'plausible' and 'confident' (``CONFIDENT_SCORE``,
#: measured on the dev part of tests/data/food_match_real.csv), so the import's count and
#: the match's ``match_confidence`` say the same thing.
LOW_CONFIDENCE_SCORE = CONFIDENT_SCORE
#: Statuses whose rows are listed for the user's attention.
ATTENTION_STATUSES = ("needs_match", "needs_amount", "rejected")


def low_confidence(entries: pd.DataFrame) -> pd.Series:
    """Rows the matcher gave a food with a score below :data:`LOW_CONFIDENCE_SCORE` (not the user's choices)."""
    score = pd.to_numeric(entries.get("match_score", pd.Series(pd.NA, index=entries.index)), errors="coerce")
    source = entries.get("match_source", pd.Series("", index=entries.index)).fillna("").astype(str)
    has_food = entries.get("matched_food_id", pd.Series(pd.NA, index=entries.index)).notna()
    return has_food & (source != "correction") & (score < LOW_CONFIDENCE_SCORE)


def attention_rows(entries: pd.DataFrame) -> pd.DataFrame:
    """Rows needing the user's attention (no food, no usable amount, not read), by status then row."""
    rows = entries[entries["status"].isin(ATTENTION_STATUSES)]
    return rows.sort_values(["status", "row"])[["row", "date", "food_text", "amount_text", "status", "reason"]]
