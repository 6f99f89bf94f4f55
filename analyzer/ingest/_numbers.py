"""Numbers as spreadsheets write them: thousands marks, decimal commas, the file's own convention.

``number_text`` reads one cell of a nutrient column ('1.234,5' -> '1234.5').
``read_amounts_as_written`` settles the amounts whose marks could mean either: in a file
whose amounts write a decimal comma ('1,5 cup'), '1.000 g' is a thousand grams and
'1,250 kg' one and a quarter kilograms; elsewhere the amount reader's own rule holds
('1,000' is a thousand, '1.5' one and a half).
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["UNKNOWN_MARKS", "number_text", "read_amounts_as_written"]

#: Cell texts that say a value is unknown (read as NaN without comment).
UNKNOWN_MARKS = {"-", "--", "\u2013", "\u2014", "n/a", "na", "nan", "?", "none", "null"}
#: Group separators spreadsheets write inside numbers: spaces (also no-break), and the Swiss apostrophe.
_GROUP_MARKS = re.compile(r"[\s\u00a0\u202f'\u2019]")


def number_text(text: str, delimiter: str) -> str:
    """A number cell as Python reads it: '1.234,5' -> '1234.5'; text that is no number unchanged.

    With both marks the last is the decimal point.  A comma alone is a decimal comma when
    the file's delimiter is not a comma (a European export), or when it is not followed by
    exactly three digits ('1,5'); '1,234' quoted in a comma-separated file is a thousand.
    Several marks of one kind are thousands groups ('1.234.567').
    """
    text = _GROUP_MARKS.sub("", text)
    if not re.fullmatch(r"-?[\d.,]+", text):
        return text
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        point = max(text.rfind(","), text.rfind("."))
        group = "." if text[point] == "," else ","
        return text[:point].replace(group, "") + "." + text[point + 1:]
    mark = "," if commas else "."
    head, *groups = text.split(mark)
    if len(groups) > 1:
        return head + "".join(groups) if all(len(group) == 3 for group in groups) else text
    if mark == "," and groups and (delimiter != "," or len(groups[0]) != 3):
        return f"{head}.{groups[0]}"
    return head + "".join(groups) if mark == "," else text


#: A decimal comma no thousands mark can be: '1,5', '0,25', '1,2345' (not '1,250'), or one after dots ('1.234,5').
_DECIMAL_COMMA = re.compile(r"(?<![\d.,])(?:\d+,(?:\d{1,2}|\d{4,})|\d{1,3}(?:\.\d{3})+,\d+)(?![\d.,])")
#: A decimal point no thousands mark can be: '1.5', '0.25', '1.00' (not '1.000'), or one after commas ('1,234.5').
_DECIMAL_POINT = re.compile(r"(?<![\d.,])(?:\d+\.(?:\d{1,2}|\d{4,})|\d{1,3}(?:,\d{3})+\.\d+)(?![\d.,])")
#: Dots grouping thousands ('1.000', '12.500.000') and a comma before three digits ('1,250').
_DOT_GROUPS = re.compile(r"(?<![\d.,])(\d{1,3})((?:\.\d{3})+)(?![\d.,])")
_COMMA_THREE = re.compile(r"(?<![\d.,])(\d+),(\d{3})(?![\d.,])")


def read_amounts_as_written(amounts: pd.Series) -> tuple[pd.Series, str]:
    """The amount texts with ambiguous numbers written out in the file's convention, and a note.

    Only a file whose amounts show decimal commas and no decimal point is changed, and
    only its ambiguous numbers: '1.000 ml' becomes '1000 ml' and '1,250 kg' '1.250 kg', so
    the amount reader cannot take them the other way.  The note ("" when nothing
    changed) names an example, so the user can check it.
    """
    distinct = pd.Series(amounts.astype(str).unique())
    if not distinct.str.contains(_DECIMAL_COMMA).any() or distinct.str.contains(_DECIMAL_POINT).any():
        return amounts, ""
    rewritten = {text: _COMMA_THREE.sub(r"\1.\2", _DOT_GROUPS.sub(lambda m: m.group(1) + m.group(2).replace(".", ""),
                                                                   text))
                 for text in distinct}
    changed = [text for text, new in rewritten.items() if new != text]
    if not changed:
        return amounts, ""
    example = changed[0]
    others = f" and {len(changed) - 1:,} other amount{'s' if len(changed) != 2 else ''}" if len(changed) > 1 else ""
    note = (f"Amounts in this file are written with a decimal comma ('1,5'), so '{example[:30]}'{others} "
            f"are read that way too: '{example[:30]}' as '{rewritten[example][:30]}'.")
    return amounts.astype(str).map(rewritten).astype(object), note
