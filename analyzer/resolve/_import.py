"""From diary bytes to resolved entries: parse, match each food, resolve grams.

Every input row ends in exactly one status:

``used``          counted (a matched food with grams, a supplement label, a mineral by weight, a
                  supplement with none of the tracked nutrients, or the file's own nutrients)
``needs_match``   the food text could not be identified with confidence
``needs_amount``  the food is known but the amount could not be turned into grams, or a
                  supplement's dose per unit is written nowhere
``skipped``       not food (exercise, a total row...) or nothing eaten (amount 0), with the reason
``rejected``      malformed (no food text, bad date...), with the reason

Supplement lines are recognised by ``_supplement_lines`` from their text, amount and the
export's category, never from the meal group alone.  All the work is done once per
distinct line and written back column by column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, partial
from typing import Any

import numpy as np
import pandas as pd

import food_db

from .. import messages
from .._nutrients import NUTRIENTS
from ..amounts._amounts import is_zero_amount, parse_amount, parse_portion
from ..amounts._grams import read_measures, resolve_grams, resolve_portion
from ..amounts._racc import reference_amount
from ..amounts._solids import is_porous_solid
from ..errors import AmountError, UnknownUnitError
from ..ingest._formats import parse_diary
from ..match._brand_match import match_brand_lines
from ..match._branded_table import with_matched_branded
from ..match._category_hint import category_hints
from ..match._food_text import without_examples
from ..match._match import FoodMatcher, MatchResult
from ..match._match_cache import cached_grams, cached_match_many, cached_search, load_or_build_matcher
from ..match._normalise import lexicon, singularise
from ._attention import attention_rows, low_confidence
from ._entry_line import FORMULA as _FORMULA
from ._entry_line import food_and_amount as _food_and_amount
from ._recipes import apply_recipe_weights
from ._supplement_lines import GOOD_FOOD_SCORE, outcomes_of, supplement_evidence, write_outcomes
from ._water import resolve_water_lines

__all__ = ["STATUSES", "ImportResult", "import_diary", "resolve_entries"]

STATUSES = ("used", "needs_match", "needs_amount", "skipped", "rejected")
#: Nutrient columns a file may provide per row (absolute amounts).
FILE_NUTRIENTS = (*NUTRIENTS, "vitamin_k_total_ug")

Progress = Callable[[float], None]


@dataclass
class ImportResult:
    """The outcome of reading one diary file.

    Attributes
    ----------
    entries
        One row per input row (see docs/ARCHITECTURE.md, "final entries").
    format, format_label
        The detected format key and its name for people.
    notes
        Sentences about the file as a whole (date order chosen, what the file cannot give).
    """

    entries: pd.DataFrame
    format: str
    format_label: str
    notes: list[str] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""

    def counts(self) -> dict[str, int]:
        """Number of rows per status (every status present, zeros included)."""
        found = self.entries["status"].value_counts()
        return {status: int(found.get(status, 0)) for status in STATUSES}

    def plausible_matches(self) -> int:
        """Number of used rows whose food is a plausible, not a confident, match (worth a review)."""
        return int(((self.entries["status"] == "used") & low_confidence(self.entries)).sum())

    def attention(self) -> pd.DataFrame:
        """Rows that need the user's attention (:func:`analyzer.attention_rows`)."""
        return attention_rows(self.entries)

    def summary(self) -> str:
        """One sentence: what was detected and what happened to the rows."""
        days = self.entries.loc[self.entries["status"] == "used", "date"].dropna().dt.normalize().nunique()
        return messages.import_summary(self.format_label, days, len(self.entries), self.counts())


def _file_has_nutrients(entries: pd.DataFrame) -> pd.Series:
    present = [c for c in FILE_NUTRIENTS if c in entries]
    if not present:
        return pd.Series(False, index=entries.index)
    return entries[present].notna().any(axis=1)


def _provided_by_file(entries: pd.DataFrame) -> str:
    """The nutrient columns the export has (a column empty on every row is one it lacks).

    Nutrients it lacks come from the food table; an empty cell in a column it has stays missing.
    """
    return ";".join(c for c in FILE_NUTRIENTS if c in entries and entries[c].notna().any())


def _ensure_columns(entries: pd.DataFrame) -> pd.DataFrame:
    defaults: dict[str, Any] = {"matched_food_id": pd.Series(pd.NA, index=entries.index, dtype="Int64"),
                "matched_food": "", "match_score": np.nan, "match_source": "", "alternatives": None,
                "grams": np.nan, "grams_source": "", "grams_detail": "", "grams_confidence": np.nan,
                "is_supplement": False, "nutrient_source": "", "low_confidence": "",
                "match_confidence": ""}
    for column, default in defaults.items():
        if column not in entries:
            entries[column] = default
    for column in FILE_NUTRIENTS:
        if column not in entries:
            entries[column] = np.nan
    entries["alternatives"] = entries["alternatives"].astype(object)
    return entries


#: A note in brackets after the unit that weighs nothing: "1.00 naan (as sold)", "2.0 sausages (cooked)".
_TRAILING_NOTE = re.compile(r"\s*[(\[][^()\[\]\d]*[)\]]\s*$")


def _unit_names_the_food(error: UnknownUnitError, amount_text: str, names: str) -> str | None:
    """'2 peppers' for a jalapeño: a 'unit' that is the food's own name is a count.

    Returns the amount text without that word, or None when the word is not the food's.
    A bracketed note after the word ("1.00 naan (as sold)") is left out with it: it states no size.
    """
    word = str(error.value or "").strip().lower()
    amount_text = _TRAILING_NOTE.sub("", amount_text)
    unit = amount_text.lower().rsplit(None, 1)[-1] if amount_text.split() else ""
    # '5.00 cherry' of 'Tomato raw (includes cherry, grape, roma)': an example is not the food's name.
    food_words = {singularise(w) for w in without_examples(names).lower().replace(",", " ").split()}
    if not unit or singularise(unit) not in food_words or (word and unit not in word):
        return None
    rest = amount_text[: amount_text.lower().rfind(unit)].strip()
    return rest or None


def _food_group(table, food_id: int) -> str:
    """The food's USDA food group, or "" when the table has none for it."""
    foods = table.foods
    return str(foods.at[food_id, "food_group"]) if "food_group" in foods and food_id in foods.index else ""


def _fda_serving(parsed, food_id: int, description: str, table):
    """'1.00 FDA Serving Size': the quantity times the food's reference amount (21 CFR 101.12), or None."""
    reference = reference_amount(_food_group(table, food_id), description)
    if reference is None:
        return None
    one = parse_amount(reference.amount)
    scaled = replace(one, quantity=one.quantity * parsed.quantity)
    return reference, scaled


#: Packages that usually hold one serving: a food with no measure for one is weighed as its FDA
#: reference amount (a single-serving container holds under 200 % of it, 21 CFR 101.9(b)(6)).
#: Cans, bottles and packages are left out: they as often hold several servings; so are bars, whose
#: reference amount depends on what they are made of more than on the food a bar line matched.
_SINGLE_SERVE = frozenset({"container", "packet", "pouch", "tub"})


def _weighed_reference(parsed, food_id: int, description: str, table, measures):
    """The food's FDA reference amount times the quantity, weighed by its measures: (reference, the scaled
    amount, its grams); None when no category places the food or its measures cannot weigh the amount."""
    fda = _fda_serving(parsed, food_id, description, table)
    if fda is None:
        return None
    reference, scaled = fda
    try:
        return reference, scaled, resolve_grams(scaled, measures, description)
    except AmountError:
        return None


def _assumed(result, detail: str):
    """A reference amount's grams, flagged as the assumption it is (``assumed_serving``, confidence 0.4 at most)."""
    return replace(result, source="assumed_serving", detail=detail, confidence=min(result.confidence, 0.4),
                   flags=tuple(dict.fromkeys((*result.flags, "assumed_serving"))))


def _single_serve(parsed, food_id: int, description: str, table, measures):
    """'1.00 container' of a yogurt with no container measure: its reference amount, flagged; or None."""
    if parsed.unit not in _SINGLE_SERVE | {"bag"}:
        return None
    weighed = _weighed_reference(parsed, food_id, description, table, measures)
    if weighed is None:
        return None
    reference, _, result = weighed
    return _assumed(result, messages.detail_single_serve(parsed.quantity, parsed.unit, reference.amount,
                                                         reference.category, reference.source, result.detail))


#: A serving a label states: FoodData Central's branded "1 bar, label serving", SR28's "NLEA serving".
_LABEL_SERVING = re.compile(r"\blabel\b|\bnlea serving\b", re.IGNORECASE)


def _label_package(parsed, description: str, measures):
    """'2.00 Pack' of a branded KitKat with no pack measure: a single-serve package holds the label's
    serving (a package under 200 % of the reference amount is labelled as one serving, 21 CFR
    101.9(b)(6)), flagged; None when the food has no label serving or the unit is no such package."""
    if parsed.unit not in _SINGLE_SERVE or measures is None or len(measures) == 0:
        return None
    labels = measures[measures["description"].astype(str).str.contains(_LABEL_SERVING)]
    if labels.empty:
        return None
    serving = replace(parsed, unit="serving", kind="serving")
    result = resolve_grams(serving, labels, description)
    return _assumed(result, messages.detail_label_package(parsed.quantity, parsed.unit_text, result.detail))


def _reference_serving(parsed, food_id: int, description: str, table, measures):
    """'0.82 Serving' of a food with no serving measure: its FDA reference amount, flagged; or None.

    The reference amount is the amount customarily eaten at one occasion (21 CFR 101.12(b)), what a
    label's serving is made from; USDA's first measure is only a unit of measure (hummus: 1 tbsp, where
    a serving of a dip is 2 tbsp). None when no category places the food or the food's own measures
    cannot weigh the amount (then the first measure stands, flagged as before).
    """
    if parsed.unit != "serving" or parsed.each is not None:
        return None
    weighed = _weighed_reference(parsed, food_id, description, table, measures)
    if weighed is None:
        return None
    reference, scaled, result = weighed
    # A drink's amount is stated in ml, so water's density is the table's own reading; a cup of a dish is no
    # 237 g of water (the first measure stands then).
    if result.source not in ("direct", "household_measure") and not (result.source == "density"
                                                                        and scaled.unit == "ml"):
        return None
    return _assumed(result, messages.detail_reference_serving(parsed.quantity, parsed.unit_text, reference.amount,
                                                              reference.category, reference.source, result.detail))


def _unmet_form(food_text: str, description: str) -> str | None:
    """The form word (flakes, puffed) the line names and the matched food's description does not."""
    def words(text: str) -> set[str]:
        return {singularise(w) for w in re.findall(r"[a-z]+", text.lower())}

    missing = (lexicon().forms & words(food_text)) - words(description)
    return min(missing) if missing else None


def _weigh(amount_text: str, food_id: int, description: str, table, food_text: str):
    """Parse and weigh one amount of one food (raises AmountError when it cannot)."""
    measures = table.measures_of(food_id)
    try:
        parsed = parse_amount(amount_text)
    except AmountError as exc:
        portion = parse_portion(amount_text)  # "6.00 leek": the words name one of the food's measures
        found = resolve_portion(portion, measures, description) if portion is not None else None
        if found is not None:
            return found
        if not isinstance(exc, UnknownUnitError):
            raise
        count = _unit_names_the_food(exc, amount_text, f"{description} {food_text}")
        if count is None:
            raise
        parsed = parse_amount(count)
    if parsed.unit == "fda serving":
        fda = _fda_serving(parsed, food_id, description, table)
        if fda is not None:
            reference, scaled = fda
            result = resolve_grams(scaled, measures, description)
            detail = (f"{parsed.quantity:g} FDA serving = {parsed.quantity:g} x {reference.amount} "
                      f"({reference.category}; {reference.source}): {result.detail}")
            return replace(result, detail=detail)
    form = _unmet_form(food_text, description) if parsed.kind == "volume" else None
    if form is not None:
        # 'Rye flakes' matched to 'Rye grain': the nutrients per gram hold, the grain's cup does not.
        raise AmountError(messages.reason_form_volume(description, form, parsed.unit_text), value=parsed.unit_text)
    try:
        result = resolve_grams(parsed, measures, description)
    except AmountError:
        single = _label_package(parsed, description, measures) \
            or _single_serve(parsed, food_id, description, table, measures) \
            or _reference_serving(parsed, food_id, description, table, measures)
        if single is None:
            raise
        return single
    if result.source == "assumed_serving":
        # A bare serving the food has no measure for: the FDA's serving of its kind before USDA's first measure.
        result = _reference_serving(parsed, food_id, description, table, measures) or result
    if parsed.unit == "recipe" and result.source == "assumed_serving":
        # 'Kafa, 2.00 full recipe': the user's own recipe (coffee with what, and how much of it, the export
        # does not say). Its name's food at one of that food's servings would be a number without a source.
        raise AmountError(messages.reason_own_recipe(description, parsed.unit_text), value=parsed.unit_text)
    if result.source == "density" and is_porous_solid(_food_group(table, food_id)):
        # A cup of cake is not a cup of water (amounts._solids): ask rather than count 3 times its weight.
        raise AmountError(messages.reason_solid_volume(description, parsed.unit_text), value=parsed.unit_text)
    if parsed.unit in _SINGLE_SERVE | {"bag"} and not parsed.hint and "multiplier" not in parsed.flags:
        # '1.00 Bag' of crisps against USDA's 'bag (8 oz) = 227 g': a package holding more than two
        # reference amounts is a multi-serving one (21 CFR 101.9(b)(6)); a bag logged without its size
        # is the single-serve one.
        single = _single_serve(parsed, food_id, description, table, measures)
        if single is not None and result.grams > 2 * single.grams:
            return replace(single, detail=messages.detail_multi_serve(result.detail, single.detail))
    return result


def _grams_for(food_id: int, description: str, amount_text: str, table, food_text: str = "") -> tuple:
    """(grams, source, detail, confidence, reason) for one distinct (food, amount) pair."""
    if not amount_text.strip():
        return (np.nan, "", "", np.nan, messages.REASON_NO_AMOUNT)
    try:
        result = _weigh(amount_text, food_id, description, table, food_text)
    except AmountError as exc:
        return (np.nan, "", "", np.nan, str(exc))
    if "over_5kg" in result.flags:
        return (result.grams, result.source, result.detail, result.confidence,
                messages.reason_over_5kg(result.grams))
    return (result.grams, result.source, result.detail, result.confidence, "")


def _is_formula(text: str, result: MatchResult) -> bool:
    return bool(_FORMULA.match(text)) and result.source != "correction"


def _match_outcome(text: str, amount: str, result: MatchResult, file_row: bool, grams_cache: dict) -> list:
    """The resolved columns of one matched row, in ``_MATCHED_COLUMNS`` order."""
    alternatives = [(c.food_id, c.description, c.score) for c in result.alternatives]
    head = [alternatives, result.score, result.source]
    if _is_formula(text, result):
        return [[], 0.0, "matcher", pd.NA, "", np.nan, "", "", np.nan, "needs_match", "",
                messages.reason_formula(text)]
    if result.food_id is None:
        if file_row:
            return [*head, pd.NA, "", np.nan, "", "", np.nan, "used", "file", ""]
        return [*head, pd.NA, "", np.nan, "", "", np.nan, "needs_match", "", messages.reason_no_match(text, result)]
    grams, source, detail, confidence, reason = grams_cache[(result.food_id, amount)]
    if file_row:
        status = ["used", "file", ""]
    elif reason:
        status = ["needs_amount", "usda", reason]
    else:
        status = ["used", "usda", ""]
    return [*head, result.food_id, result.description, grams, source, detail, confidence, *status]


_MATCHED_COLUMNS = ("alternatives", "match_score", "match_source", "matched_food_id", "matched_food", "grams",
                    "grams_source", "grams_detail", "grams_confidence", "status", "nutrient_source", "reason")


def _grams_of_pairs(lines, results: Mapping[tuple[str, str], MatchResult], table,
                    remember: bool) -> dict[tuple[int, str], tuple]:
    """The grams of each distinct (food, amount) among ``lines`` (distinct (text, amount, file_row,
    category) in diary order), weighed with the first line's food text; with ``remember``, results
    of earlier runs come from the match cache's folder (``cached_grams``)."""
    first_text: dict[tuple[int, str], str] = {}
    descriptions: dict[tuple[int, str, str], str] = {}
    for text, amount, _, category in lines:
        result = results[(text, category)]
        if result.food_id is not None and not _is_formula(text, result) and (result.food_id, amount) not in first_text:
            first_text[(result.food_id, amount)] = text
            descriptions[(int(result.food_id), str(amount), str(text))] = result.description or ""

    @cache
    def measures_read() -> None:  # once, when the first pair is weighed (none is when all are cached)
        read_measures(table.measures_of(int(pair[0])) for pair in first_text)

    def compute(food_id: int, amount: str, text: str) -> tuple:
        measures_read()  # every food's measures in one step (amounts._grams)
        return _grams_for(food_id, descriptions[(food_id, amount, text)], amount, table, text)

    keys = [(food_id, amount, text) for (food_id, amount), text in first_text.items()]
    if remember:
        found = cached_grams(keys, table=table, compute=compute)
        return {pair: found[(int(pair[0]), str(pair[1]), str(text))] for pair, text in first_text.items()}
    return {pair: compute(int(pair[0]), str(pair[1]), str(text)) for pair, text in first_text.items()}


def _apply_matches(entries: pd.DataFrame, match_texts: pd.Series, amounts: pd.Series, categories: pd.Series,
                   results: Mapping[tuple[str, str], MatchResult], has_file: pd.Series, table,
                   remember_grams: bool = False) -> None:
    """Write every matched row's outcome at once (column-wise: per-row .loc is far too slow)."""
    if match_texts.empty:
        return
    lines = list(zip(match_texts, amounts, has_file[match_texts.index], categories, strict=True))
    distinct_lines = list(dict.fromkeys(lines))  # diaries repeat the same line many times
    grams_cache = _grams_of_pairs(distinct_lines, results, table, remember_grams)
    distinct = {key: _match_outcome(key[0], key[1], results[(key[0], key[3])], bool(key[2]), grams_cache)
                for key in distinct_lines}
    # One alternatives list per (text, category), whatever the amount: the store encodes each list once.
    shared: dict[tuple[str, str], list] = {}
    for key, outcome in distinct.items():
        outcome[0] = shared.setdefault((key[0], key[3]), outcome[0])
    outcomes = [distinct[key] for key in lines]
    columns = list(zip(*outcomes, strict=True))
    for name, values in zip(_MATCHED_COLUMNS, columns, strict=True):
        if name == "alternatives":
            series = pd.Series(list(values), index=match_texts.index, dtype=object)
        elif name == "matched_food_id":
            series = pd.Series(values, index=match_texts.index, dtype="Int64")
        else:
            series = pd.Series(values, index=match_texts.index)
        if name in ("alternatives", "matched_food_id"):
            entries[name] = entries[name].astype(series.dtype)
        entries.loc[match_texts.index, name] = series


def _with_category_hints(results: Mapping[str, MatchResult], texts: pd.Series, categories: pd.Series, table,
                         matcher: FoodMatcher | None) -> dict[tuple[str, str], MatchResult]:
    """The result of each distinct (text, category) pair: the match, or the export category's pick
    (analyzer.match._category_hint); the matcher is loaded only when the alternatives do not suffice."""
    pairs = set(zip(texts, categories, strict=True))
    loaded = [matcher] if matcher is not None else []

    def search(text: str, limit: int):
        if not loaded:  # read the saved index once, on the first text that needs it (~0.1 s)
            loaded.append(load_or_build_matcher(table))
        return loaded[0].search(text, limit=limit)

    groups = table.foods["food_group"] if "food_group" in table.foods else pd.Series(dtype=object)
    # The default (no matcher given): searches of earlier runs come from the match cache.
    searcher = cached_search(table, search) if matcher is None else search
    hints = category_hints(results, pairs, groups, searcher) if any(c for _, c in pairs) else {}
    return {pair: hints.get(pair, results[pair[0]]) for pair in pairs}


def _text_column(entries: pd.DataFrame, name: str, mask: pd.Series) -> list[str]:
    if name not in entries:
        return [""] * int(mask.sum())
    return [str(v) if isinstance(v, str) else "" for v in entries.loc[mask, name].tolist()]


def _zero_amounts(entries: pd.DataFrame, rows: pd.Series) -> pd.Series:
    """Rows whose amount says nothing was eaten, judged once per distinct amount text."""
    amounts = entries.loc[rows, "amount_text"].astype(str)
    zero = {text: is_zero_amount(text) for text in amounts.unique()}
    return pd.Series(amounts.map(zero).astype(bool), index=amounts.index).reindex(entries.index, fill_value=False)


def _supplement_evidence(entries: pd.DataFrame, foods: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Rows that are supplements by strong and by weak evidence, judged once per distinct line."""
    lines = list(zip(_text_column(entries, "food_text", foods), _text_column(entries, "amount_text", foods),
                     _text_column(entries, "category", foods), strict=True))
    judged = {line: supplement_evidence(*line) for line in set(lines)}
    evidence = pd.Series([judged[line] for line in lines], index=entries.index[foods], dtype=object)
    evidence = evidence.reindex(entries.index, fill_value="food")
    return foods & (evidence == "strong"), foods & (evidence == "weak")


def _end_supplements(entries: pd.DataFrame, rows: pd.Series, has_file: pd.Series,
                     doses: Mapping[str, Mapping[str, float]] | None) -> None:
    """Set the final status of supplement rows: the export's own values, or the line's outcome."""
    entries.loc[rows & has_file, ["status", "nutrient_source", "reason"]] = ["used", "file", ""]
    own = rows & ~has_file
    write_outcomes(entries, entries.index[own], outcomes_of(_text_column(entries, "food_text", own),
                                                            _text_column(entries, "amount_text", own), doses))


#: pandas 3 copies on write: a shallow copy leaves the caller's frame as it is without first copying
#: every column (a 50 MB diary's entries are about 170 MB).
_COPY_ON_WRITE = int(pd.__version__.split(".")[0]) >= 3
#: Longest food text the matcher reads, in characters: beyond it the text is cut.  The longest
#: description in the food table is 134 characters and the longest food name in the real diaries
#: (../shared/realworld) 122, so no food's name is cut; matching a 6.7 MB name of a million
#: different words took five minutes.
MAX_MATCH_TEXT = 500


def resolve_entries(entries: pd.DataFrame, *, table, matcher: FoodMatcher | None = None,
                    corrections: Mapping[str, int] | None = None, progress: Progress | None = None,
                    doses: Mapping[str, Mapping[str, float]] | None = None) -> pd.DataFrame:
    """Match, resolve grams and set the final status of parsed (or re-edited) entries.

    Rows already ``skipped`` or ``rejected`` keep their status. The function is pure:
    it returns a new DataFrame and can be re-run after the user corrects a match or
    enters a supplement's dose (``doses``: ``normalise_key(product) -> {nutrient key:
    amount per unit}``, ``UserStore.supplement_doses()``).
    """
    report = progress or (lambda fraction: None)
    entries = _ensure_columns(entries.copy(deep=not _COPY_ON_WRITE))
    open_rows = ~entries["status"].isin(["skipped", "rejected"])
    totals = open_rows & entries["kind"].isin(["day_total", "meal_total"])
    entries.loc[totals, ["status", "nutrient_source", "reason"]] = ["used", "file", ""]

    foods = open_rows & ~totals
    zero = _zero_amounts(entries, foods)
    entries.loc[zero, ["status", "reason"]] = ["skipped", messages.REASON_ZERO_AMOUNT]
    foods &= ~zero
    has_file = _file_has_nutrients(entries) & foods
    entries["file_nutrients"] = _provided_by_file(entries)

    strong, weak = _supplement_evidence(entries, foods)
    entries["is_supplement"] = strong
    _end_supplements(entries, strong, has_file, doses)
    report(0.05)

    to_match = foods & ~strong
    pairs = [_food_and_amount(str(f)[:MAX_MATCH_TEXT], str(a)) for f, a in
             zip(entries.loc[to_match, "food_text"], entries.loc[to_match, "amount_text"], strict=True)]
    match_texts = pd.Series([p[0] for p in pairs], index=entries.index[to_match], dtype=object)
    amounts = pd.Series([p[1] for p in pairs], index=entries.index[to_match], dtype=object)
    unique_texts, on_progress = match_texts.unique(), (lambda f: report(0.05 + 0.85 * f))
    if matcher is None:  # the default: results of earlier runs come from the match cache
        results: dict[str, MatchResult] = cached_match_many(unique_texts, table=table, corrections=corrections,
                                                            progress=on_progress)
    else:
        results = matcher.match_many(unique_texts, corrections=corrections, progress=on_progress)
    rematch = matcher.match_many if matcher is not None else partial(cached_match_many, table=table)
    results = match_brand_lines(results, table, corrections, rematch)  # lines naming a brand may get its food
    table = with_matched_branded(table, (r.food_id for r in results.values()))

    # A line only its unit or category calls a supplement stays a food when it matches one well.
    poor = {text: results[text].food_id is None or (results[text].source != "correction"
                                                   and results[text].score < GOOD_FOOD_SCORE)
            for text in match_texts[weak[to_match].to_numpy()].unique()}
    weak_supplement = weak & pd.Series([poor.get(text, False) for text in match_texts], index=match_texts.index,
                                       dtype=bool).reindex(entries.index, fill_value=False)
    entries.loc[weak_supplement, "is_supplement"] = True
    _end_supplements(entries, weak_supplement, has_file, doses)
    as_food = ~weak_supplement[match_texts.index].to_numpy()
    categories = pd.Series(_text_column(entries, "category", to_match), index=match_texts.index, dtype=object)
    by_pair = _with_category_hints(results, match_texts[as_food], categories[as_food], table, matcher)
    _apply_matches(entries, match_texts[as_food], amounts[as_food], categories[as_food], by_pair, has_file, table,
                   remember_grams=matcher is None)
    # 'plausible': the food is used and flagged for review (analyzer.match._match.CONFIDENT_SCORE).
    matched_as_food = match_texts[as_food]
    entries.loc[matched_as_food.index, "match_confidence"] = [
        by_pair[pair].confidence for pair in zip(matched_as_food, categories[as_food], strict=True)]
    entries = resolve_water_lines(entries, table)  # water lines: litres, and tap / label / unknown minerals
    entries["reason"] = _readable_reasons(entries["reason"])
    report(1.0)
    return entries


#: A reason quotes the row's text; a quote longer than this is cut to its start.
_QUOTED_SHOWN = 200
_LONG_QUOTE = re.compile(rf"'([^']{{{_QUOTED_SHOWN}}})[^']{{20,}}'")


def _readable_reasons(reasons: pd.Series) -> pd.Series:
    """Reasons with each very long quoted text cut to its first ``_QUOTED_SHOWN`` characters.

    A reason quotes the food or amount as written, and a hostile cell of a million characters
    made a reason as long (the entry keeps the whole text in ``food_text`` / ``amount_text``).
    """
    long = reasons.astype(str).str.len() > 4 * _QUOTED_SHOWN
    if not long.any():
        return reasons
    shortened = reasons.copy()
    shortened[long] = [_LONG_QUOTE.sub(r"'\1…'", reason)[:8 * _QUOTED_SHOWN] for reason in reasons[long]]
    return shortened


def import_diary(data: bytes, filename: str | None = None, *, table=None, matcher: FoodMatcher | None = None,
                 corrections: Mapping[str, int] | None = None, progress: Progress | None = None,
                 doses: Mapping[str, Mapping[str, float]] | None = None,
                 recipe_weights: Mapping[str, float] | None = None) -> ImportResult:
    """Read a diary file and resolve every row (see the module docstring for the statuses).

    Parameters
    ----------
    data
        The file's bytes (CSV, TSV or XLSX, any of the supported exports).
    filename
        Only for messages; the format is detected from the content.
    table
        The food table (``food_db.load()`` by default).
    corrections
        The user's saved choices, ``normalise_key(text) -> food_id``.
    doses
        The user's remembered supplement doses per unit (``UserStore.supplement_doses()``).
    recipe_weights
        The user's remembered weights of one full recipe of their own (``UserStore.recipe_weights()``).
    progress
        Called with the fraction done (0..1) while foods are matched.

    Raises
    ------
    DiaryFormatError
        When the file as a whole cannot be read as a diary.
    """
    table = table or food_db.load()
    parsed = parse_diary(data, filename)
    del data  # a 50 MB upload need not stay in memory while it is matched
    entries = resolve_entries(parsed.entries, table=table, matcher=matcher, corrections=corrections,
                              progress=progress, doses=doses)
    entries = apply_recipe_weights(entries, recipe_weights or {})
    return ImportResult(entries=entries, format=parsed.format, format_label=parsed.format_label,
                        notes=list(parsed.notes), encoding=parsed.encoding, delimiter=parsed.delimiter)
