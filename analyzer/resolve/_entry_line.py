"""The food text and the amount of one diary line, as the import reads them.

Two rules every stage that looks at a line shares (the import, the water step, diary edits):
a count written in the food text stands for a missing amount ("2 eggs"), and a text that
reads as a spreadsheet formula is kept as text but never given a food.
"""

from __future__ import annotations

import re

from ..amounts._amounts import split_count

__all__ = ["FORMULA", "food_and_amount", "match_text"]

#: Spreadsheet formulas (and DDE payloads) are kept as text but never given a food:
#: '=...' and '@...', or '+'/'-' followed by a function-like word ('+cmd|', '-SUM(', after sums
#: as in the classic '-2+3+cmd|' payload), or by nothing but arithmetic ('+1+1').
FORMULA = re.compile(r"^\s*(?:[=@]|[+\-][\d.\s+\-*/^]*[A-Za-z_][\w.]*\s*[(|!]"
                     r"|[+\-][\d.\s]*\d\s*[+\-*/^][\d.\s+\-*/^()]*$)")


def food_and_amount(food_text: str, amount_text: str) -> tuple[str, str]:
    """Use a count written in the food text ('2 eggs') when the amount column is empty."""
    if amount_text.strip():
        return food_text, amount_text
    counted = split_count(food_text)
    if counted is None:
        return food_text, amount_text
    count, unit, rest = counted
    return rest, f"{count:g} {unit}" if unit else f"{count:g}"



def match_text(food_text: object, amount_text: object) -> str:
    """The text the matcher looks up for an entry ('2 eggs' with no amount is looked up as 'eggs')."""
    return food_and_amount(str(food_text), str(amount_text))[0]
