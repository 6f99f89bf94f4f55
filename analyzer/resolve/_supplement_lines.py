"""Decide which diary lines are supplements, and how each one ends.

The evidence is the line itself, never the meal it was filed under (people file
spices and frozen fruit in a group named "Supplements"):

``strong``  the text names a supplement ('Vitamin D3', 'Magnesium glycinate 200 mg',
            'Egg shell, dried, ground', 'Aspirin 81 mg'), or the amount is a label dose
            ('2.00 x 1000.0 IU', '1.00 1000mcg tablet'): a supplement without matching.
``weak``    only the amount's unit (capsule, softgel, pill) or the export's own category
            ('Supplements', with a count amount) says so: the line is matched first and
            stays a food when it matches one well (``GOOD_FOOD_SCORE``).
``food``    anything else, and foods that carry tracked nutrients per 100 g (cod liver
            oil, fortified drinks, protein powders) unless a label dose is written.

A supplement line then ends as one ``SupplementOutcome``: used with its label's
nutrients; used with a mineral's elemental calcium/magnesium by weight; used with the
dose the user entered for the product; used with none of the tracked nutrients
(aspirin, zinc, fish oil... a reason says so); or ``needs_amount`` until its dose per
unit is entered once.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import messages
from ..amounts._amounts import amount_problem, parse_amount
from ..amounts._grams import resolve_grams
from ..errors import AmountError
from ..match._normalise import normalise_key
from ._minerals import mineral_of
from ._supplements import amount_dose, is_supplement_text, mentioned_nutrients, parse_count, parse_supplement, patterns

__all__ = ["GOOD_FOOD_SCORE", "SupplementOutcome", "apply_doses", "doses_needed", "outcomes_of", "supplement_evidence",
           "supplement_outcome", "write_outcomes"]

#: A 'weak' supplement line (only its unit or category says supplement) stays a food when its
#: best match scores at least this (0-100). Measured on the dev diaries: the matcher's own
#: threshold (45) accepts 'Magnezijum' -> tofu prepared with nigari (48.6) and 'Polivit B' -> a
#: bakery flour mix (45.6), which a unit of 'Pill' contradicts; a real food in a capsule unit
#: ('Garlic' -> 'Garlic, raw', 92.6) scores far above 70.
GOOD_FOOD_SCORE = 70.0



def _alternation(kind: str) -> re.Pattern | None:
    """All patterns of one kind as one compiled alternation (one search instead of one per row).

    A text matches the alternation exactly when it matches one of the patterns somewhere;
    None when the kind is empty (nothing matches) or its patterns differ in flags.
    """
    rows = [pattern for _, pattern in patterns(kind)]
    if not rows or len({pattern.flags for pattern in rows}) != 1:
        return None
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern in rows), rows[0].flags)


_KINDS = ("multi", "unit", "dose_unit", "category", "food_product", "medicine", "untracked")
_ANY = {kind: _alternation(kind) for kind in _KINDS}


@dataclass(frozen=True)
class SupplementOutcome:
    """How one supplement line ends.

    Attributes
    ----------
    status
        ``used`` or ``needs_amount``.
    nutrient_source
        ``supplement_label``, ``mineral`` (compound by weight), ``user_dose`` or ``none``
        (no tracked nutrient); ``""`` while the dose is needed.
    reason
        A sentence when the line is not plainly counted, else "".
    values
        Nutrient key to absolute amount, as ``(key, value)`` pairs.
    grams
        The compound's weight for minerals, NaN otherwise.
    """

    status: str
    nutrient_source: str
    reason: str
    values: tuple[tuple[str, float], ...] = ()
    grams: float = math.nan


def _any(kind: str, text: str) -> bool:
    combined = _ANY[kind]
    if combined is None:
        return any(pattern.search(text) for _, pattern in patterns(kind))
    return combined.search(text) is not None


def _named(kind: str, text: str) -> str | None:
    """The key of the first row of ``kind`` ('medicine', 'untracked') whose pattern the text matches."""
    combined = _ANY[kind]
    if combined is not None and combined.search(text) is None:  # most lines: one search, no match
        return None
    return next((key for key, pattern in patterns(kind) if pattern.search(text)), None)


def _mass_or_volume(amount_text: str) -> bool:
    try:
        return parse_amount(amount_text).kind in ("mass", "volume")
    except AmountError:
        return False


@functools.lru_cache(maxsize=65536)
def supplement_evidence(text: str, amount_text: str = "", category: str = "") -> str:
    """Return ``'strong'``, ``'weak'`` or ``'food'`` for one diary line (see the module docstring).

    Parameters
    ----------
    text
        The food as written.
    amount_text
        The amount as written ('2.00 x 1000.0 IU', '1.00 softgel', '35.00 g').
    category
        The export's own category of the food (Cronometer's ``Category``), "" when none.
    """
    text, amount_text, category = str(text or ""), str(amount_text or ""), str(category or "")
    decided, label_dose, untracked = _text_evidence(text)
    if decided is not None:
        return decided
    by_unit = _any("unit", amount_text)
    by_category = _any("category", category) and not _mass_or_volume(amount_text)
    if _any("dose_unit", amount_text):
        return "strong"
    if untracked and (by_unit or by_category or label_dose or _label_dose_in(amount_text)):
        return "strong"
    return "weak" if by_unit or by_category else "food"


@functools.lru_cache(maxsize=65536)
def _text_evidence(text: str) -> tuple[str | None, bool, bool]:
    """What the food text alone says: (the verdict when the text decides it, else None; whether it
    states a label dose; whether it names an untracked product).

    A diary writes the same food with many amounts and categories (the 10,000-row real-shaped
    diary: 1,504 distinct lines, 586 distinct texts), so the text's searches run once per text.
    """
    if mineral_of(text) is not None:
        return "strong", False, False
    label_dose = bool(amount_dose(text)) or bool(parse_supplement(text))
    if _any("food_product", text) and not label_dose:
        return "food", label_dose, False
    if is_supplement_text(text) or _named("medicine", text) or _any("multi", text):
        return "strong", label_dose, False
    return None, label_dose, bool(_named("untracked", text))


def _label_dose_in(amount_text: str) -> bool:
    """'1.00 x 10.0 mg' is a label dose; '1.00 g' of a spice is a food weight."""
    dose = amount_dose(amount_text)
    return dose is not None and dose[2] != "g"


def _scaled(values: Mapping[str, float], factor: float) -> tuple[tuple[str, float], ...]:
    return tuple((key, float(value) * factor) for key, value in values.items())


def _mineral_outcome(text: str, amount_text: str) -> SupplementOutcome | None:
    mineral = mineral_of(text)
    if mineral is None or not mineral.per_gram:
        return None
    try:
        parsed = parse_amount(amount_text)
        if parsed.kind != "mass":
            return None
        grams = resolve_grams(parsed, None, mineral.name).grams
    except AmountError:
        return None
    return SupplementOutcome("used", "mineral", "", _scaled(mineral.per_gram, grams), grams)


def supplement_outcome(text: str, amount_text: str = "",
                       doses: Mapping[str, Mapping[str, float]] | None = None) -> SupplementOutcome:
    """How a line already judged a supplement ends.

    Parameters
    ----------
    text, amount_text
        The line as written.
    doses
        Remembered doses per unit, ``normalise_key(product text) -> {nutrient key: amount}``
        (``UserStore.supplement_doses()``); an empty mapping means "contains none of them".

    Returns
    -------
    SupplementOutcome
    """
    text, amount_text = str(text or ""), str(amount_text or "")
    problem = amount_problem(amount_text)
    if problem is not None:  # "-2.00 capsule", "1e9 capsules": shown, like a food's bad amount
        return SupplementOutcome("needs_amount", "", problem)
    mineral = _mineral_outcome(text, amount_text)
    if mineral is not None:
        return mineral
    label = parse_supplement(text, amount_text)
    if label:
        return SupplementOutcome("used", "supplement_label", "", tuple(label.items()))
    remembered = (doses or {}).get(normalise_key(text))
    if remembered is not None:
        return SupplementOutcome("used", "user_dose", "", _scaled(remembered, parse_count(amount_text)))
    names_tracked = bool(mentioned_nutrients(text)) or _any("multi", text) or mineral_of(text) is not None
    untracked = _named("medicine", text) or _named("untracked", text)
    if untracked and not names_tracked:
        return SupplementOutcome("used", "none", messages.reason_untracked_supplement(untracked))
    return SupplementOutcome("needs_amount", "", messages.reason_dose_needed(text))


def doses_needed(entries: pd.DataFrame) -> pd.DataFrame:
    """List the supplement products whose content per unit must be entered once.

    Parameters
    ----------
    entries
        Final entries (``ImportResult.entries``).

    Returns
    -------
    pandas.DataFrame
        One row per product (products whose texts share a ``normalise_key`` are one),
        most frequent first: ``product`` (the text as first written), ``key`` (for
        ``UserStore.set_supplement_dose``), ``rows`` (diary rows waiting), ``amount``
        (an amount as written, e.g. '2.00 capsule') and ``nutrients`` (the tracked
        nutrients the text names, ';'-separated, "" when it names none).
    """
    columns = ["product", "key", "rows", "amount", "nutrients"]
    if not {"status", "is_supplement", "food_text"} <= set(entries.columns):
        return pd.DataFrame(columns=columns)
    waiting = entries[entries["status"].eq("needs_amount")
                      & entries["is_supplement"].fillna(False).astype(bool)]
    if waiting.empty:
        return pd.DataFrame(columns=columns)
    texts = waiting["food_text"].astype(str)
    keys = texts.map({text: normalise_key(text) for text in texts.unique()})
    amounts = waiting["amount_text"].astype(str) if "amount_text" in waiting else pd.Series("", index=waiting.index)
    grouped = pd.DataFrame({"product": texts, "key": keys, "amount": amounts}).groupby("key", sort=False)
    table = grouped.agg(product=("product", "first"), rows=("product", "size"), amount=("amount", "first"))
    table = table.reset_index().sort_values(["rows", "key"], ascending=[False, True], kind="stable")
    table["nutrients"] = [";".join(mentioned_nutrients(text)) for text in table["product"]]
    return table[columns].reset_index(drop=True)


def write_outcomes(entries: pd.DataFrame, index: pd.Index, outcomes: list[SupplementOutcome]) -> None:
    """Write supplement outcomes into ``entries`` for the rows at ``index``, one whole column at a time."""
    if not len(index):
        return
    entries.loc[index, "status"] = [o.status for o in outcomes]
    entries.loc[index, "nutrient_source"] = [o.nutrient_source for o in outcomes]
    entries.loc[index, "reason"] = [o.reason for o in outcomes]
    entries.loc[index, "grams"] = [o.grams for o in outcomes]
    entries.loc[index, "grams_source"] = ["direct" if o.nutrient_source == "mineral" else "" for o in outcomes]
    keys = dict.fromkeys(key for o in outcomes for key, _ in o.values)
    for key in keys:
        if key not in entries:
            entries[key] = np.nan
        entries.loc[index, key] = [dict(o.values).get(key, np.nan) for o in outcomes]


def outcomes_of(texts: list[str], amounts: list[str],
                doses: Mapping[str, Mapping[str, float]] | None) -> list[SupplementOutcome]:
    """One outcome per row, worked out once per distinct (text, amount)."""
    distinct: dict[tuple[str, str], SupplementOutcome] = {}
    for key in zip(texts, amounts, strict=True):
        if key not in distinct:
            distinct[key] = supplement_outcome(key[0], key[1], doses)
    return [distinct[key] for key in zip(texts, amounts, strict=True)]


def apply_doses(entries: pd.DataFrame, doses: Mapping[str, Mapping[str, float]]) -> pd.DataFrame:
    """Count the supplement rows still waiting for a dose that ``doses`` now gives.

    Parameters
    ----------
    entries
        Final entries (``ImportResult.entries`` or a saved diary's entries).
    doses
        ``UserStore.supplement_doses()``: ``normalise_key(product) -> {nutrient key: amount per unit}``.

    Returns
    -------
    pandas.DataFrame
        A copy in which those rows are ``used`` with ``nutrient_source`` ``user_dose``
        (no values for a product recorded as containing none of the tracked nutrients);
        every other row is unchanged.
    """
    entries = entries.copy()
    if not {"status", "is_supplement", "food_text"} <= set(entries.columns) or not doses:
        return entries
    waiting = entries["status"].eq("needs_amount") & entries["is_supplement"].fillna(False).astype(bool)
    texts = entries.loc[waiting, "food_text"].astype(str)
    known = texts.map({text: normalise_key(text) in doses for text in texts.unique()}).astype(bool)
    index = known.index[known.to_numpy()]
    amounts = entries.loc[index, "amount_text"].astype(str).tolist() if "amount_text" in entries else [""] * len(index)
    write_outcomes(entries, index, outcomes_of(entries.loc[index, "food_text"].astype(str).tolist(), amounts, doses))
    return entries
