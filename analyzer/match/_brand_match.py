"""Branded foods for diary lines that name a brand.

The rule: a line gets a branded food (USDA FoodData Central label data) only when it names
a brand and the brand's own product agrees with it; every other line keeps the generic match,
so "Cheddar cheese" still gets the generic cheese.

- **Naming a brand** (:mod:`analyzer.match._brand_names`): where exports put it ("Premier
  Protein, Protein Shake", "Brand - Product", "Product (Brand)", or brand-first words when
  no generic food fits), and only when the branded names say it is a brand.
- **Agreeing.** Candidates hold the brand's words in order and share a product word
  (FTS5, :func:`food_db.branded_candidates`). Each is scored on the product words alone:
  the product's head noun must be in the name ("Publix, Boneless Chicken Cutlets" is no Publix
  cake), then how much of the product the name explains and how much of the name the product
  explains; a name holding a food the line does not say is another flavour ("CHOBANI, GREEK
  YOGURT OATS" for "Chobani, Greek Yogurt, Peach on the Bottom").
- **Choosing.** A branded food scoring ``BRANDED_MIN`` or more replaces the generic match
  unless the generic food is described with the line's very words or names the same brand
  (SR28's few analysed brand foods are complete) and is the same product (its name agrees with
  the line within another kind's cost of the label's: SR28's Oreo crumb topping is not); below
  ``CONFIDENT_BRANDED`` it is used and flagged ``plausible`` for review, like other unsure
  matches, unless the generic match is confident.

Results are remembered in the match cache's SQLite file (table ``branded_matches``), keyed by
the matcher's version and the brand code, so a warm run reads them back. Lines that name
no brand cost a few dictionary look-ups.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Literal

import food_db

from . import _brand_names
from ._brand_names import (
    GRAMMAR,
    WORD,
    BrandedLine,
    brand_first,
    brand_first_readings,
    brand_of,
    generic_words,
    has_brand_mark,
)
from ._food_text import head_noun
from ._match import ALTERNATIVES, Candidate, MatchResult
from ._match_cache import cache_path, matcher_version
from ._match_confidence import CONFIDENT_SCORE
from ._normalise import lexicon, normalise_key, query_tokens, singularise, tokenise

__all__ = ["BRANDED_MIN", "CONFIDENT_BRANDED", "Found", "best_branded", "find_branded", "match_brand_lines"]

# Measured on the 23 brand lines of the Cronometer diaries in ../shared/realworld that have a
# branded candidate from 50 (their reference is Cronometer's own entry energy): entries within
# 20 % of the reference energy with the branded food / with the generic match were 3 / 3 of 8
# from 85, 2 / 2 of 3 at 75-85 (the one generic food scoring 85 or more was right), 5 / 2 of 12
# at 55-75, none at 50-55. Misses from 75 are mostly grams (a label serving of 40 g where the
# user's serving was 20 g), not the food; below 75 the name is often the brand's other flavour
# or kind (Babybel original for light), which is why those matches are flagged for review.
#: Least score (0..100) at which a branded food replaces the generic match of a brand line.
BRANDED_MIN = 55.0
#: From this score a branded match is confident; between BRANDED_MIN and it, it is used and flagged
#: for review, unless the generic match is confident (``CONFIDENT_SCORE``): then the generic stays.
CONFIDENT_BRANDED = 85.0
#: A generic food with this score is described with the line's very words: it stays.
_GENERIC_EXACT = 100.0
_RECALL_SHARE = 0.6  # of the score: how much of the product the name explains (the rest: the reverse)
_HEAD_WEIGHT = 2.0  # the product's head noun weighs twice a describing word
_OTHER_KIND = 25.0  # a name of another kind of the head ("raspberry preserves" for "apricot preserves")
_NO_MODIFIER = 10.0  # a name that does not say the kind ("TURKEY BREAST" for "Ovengold turkey breast")
_BRAND_ELSEWHERE = 10.0  # labels start with their brand: "SAUSAGE RAGU PASTA SAUCE" is no Ragu sauce
# A label word names the type of a word the line says when this share of the branded names holding
# the line's word also hold it (measured on the full branded table: types penne/pasta 0.49,
# spaghetti/pasta 0.30, sourdough/bread 0.37, cheddar/cheese 0.55, doritos/chips 0.24; flavours and
# other foods preserves/raspberry 0.14, kitkat/raspberry 0.11, bagel/chips 0.17, almond/milk 0.08,
# yogurt/cherry 0.03, cheddar/cracker 0.01).
_TYPE_SHARE = 0.25
_TYPE_MIN_NAMES = 3  # fewer names holding both say nothing
#: Whether a brand line matched on its flavour is matched on its product alone (see ``_product_first``).
_FLAVOUR_DECIDED = False


def _content(words: Iterable[str]) -> list[str]:
    lex = lexicon()
    return [w for w in words if w not in GRAMMAR and w not in lex.filler and w not in lex.noise and not w.isdigit()]


def _without_brand(words: list[str], brand: list[str]) -> list[str]:
    """The name's words with the brand's words taken out once, where they stand together."""
    n = len(brand)
    for start in range(len(words) - n + 1) if n else ():
        if words[start:start + n] == brand:
            return words[:start] + words[start + n:]
    return [w for w in words if w not in brand]


def _score(line: BrandedLine, main: tuple[str | None, str | None], product: list[str], name: str,
           foods: AbstractSet[str] | None = None, path: Path | None = None, *, beat: float | None = None) -> float:
    """0..100: how well a branded name's product words agree with the line's product.

    ``main`` is the product's head noun and the word naming its kind: a name without the head
    is another food (0); one naming another kind, another fat level or a food the line does not
    say (``foods``: the generic foods' first words, "oats", "cherry"), costs ``_OTHER_KIND``, one
    that does not say the kind ``_NO_MODIFIER``; a name not starting with the brand
    ``_BRAND_ELSEWHERE``. With ``foods``, a name adding with "with" what the line does not say
    costs ``_OTHER_KIND`` too (:func:`_unsaid_additions`). With the database ``path``, a food word
    naming the type of a word the
    line says (pasta of penne, :func:`_names_type`) counts as said, unless the two name a generic
    food of their own (peanut butter of peanuts).

    ``beat``: the score to beat; a name scoring no more before the ``foods`` test cannot beat it,
    and that score comes back untested (the test only lowers a score).
    """
    head, modifier = main
    words = _without_brand(tokenise(name), tokenise(" ".join(line.brand)))
    own = set(_content(words))
    if not own or (head is not None and head not in own):
        return 0.0
    weights = {w: _HEAD_WEIGHT if w == head else 1.0 for w in product}
    recall = sum(weight for w, weight in weights.items() if w in own) / sum(weights.values())
    precision = len(own & set(product)) / len(own)
    score = 100.0 * (_RECALL_SHARE * recall + (1 - _RECALL_SHARE) * precision)
    if modifier is not None and modifier not in own:
        # Another kind ("RASPBERRY PRESERVES" for apricot) costs more than a name that does not say.
        other = _kind_word(words, head)
        score -= _OTHER_KIND if other is not None and other not in product else _NO_MODIFIER
    fats = lexicon().fats
    said, named = set(product) & set(fats), own & set(fats)
    if said and named and not said & named:  # "Chobani, Greek Yogurt, Non-Fat" is not the whole-milk one
        score -= _OTHER_KIND
    if WORD.findall(name.lower())[: len(line.brand)] != list(line.brand):
        score -= _BRAND_ELSEWHERE
    # (A name already at 0 stays there: what it adds need not be read, nor its words counted.)
    if foods is not None and score > 0 and (beat is None or round(score, 1) > beat):
        line_says = [*product, *query_tokens(line.product)]
        # The cheap test first; the other foods are read only until one is found.
        if _unsaid_additions(words, line_says) or _names_other_food(line, name, own, line_says, foods, path):
            score -= _OTHER_KIND  # another flavour: "GREEK YOGURT OATS" for "Greek Yogurt, Peach on the Bottom"
    return round(max(score, 0.0), 1)


def _names_other_food(line: BrandedLine, name: str, own: set[str], said: list[str], foods: AbstractSet[str],
                      path: Path | None) -> bool:
    """Whether a branded name holds a word naming a food of its own the line does not say (see
    :func:`_score`); the branded names are counted (:func:`_names_type`) only until one is found."""
    others = _other_foods(own - set(line.brand), said, foods)
    if path is None or not others:
        return bool(others)
    written = {singularise(w): w for w in WORD.findall(name.lower())}
    line_words = tuple(dict.fromkeys(_content(WORD.findall(line.product.lower()))))
    # ... unless the two words name a food of their own: peanut butter is no type of peanut.
    return any(not any(f"{singularise(x)} {w}" not in foods and _names_type(x, written.get(w, w), path)
                       for x in line_words) for w in others)


def _other_foods(own: set[str], said_words: list[str], foods: AbstractSet[str]) -> list[str]:
    """The words of a name naming a food of its own that the line does not say ("CHERRY" in
    "FAGE, TOTAL GREEK STRAINED YOGURT, CHERRY" for a plain "Fage, Total, Greek Strained Yogurt");
    the line's words count with their synonyms (crisps are chips)."""
    said = set(said_words) | {singularise(w) for w in said_words}
    categories = lexicon().categories  # "Candies, REESE'S Peanut Butter Cups": a category, not a food
    return sorted(w for w in own if w not in said and singularise(w) not in said
                  and (w in foods or singularise(w) in foods)
                  and w not in categories and singularise(w) not in categories)


def _unsaid_additions(words: list[str], said_words: list[str]) -> bool:
    """Whether a name adds something with "with" that the line does not say ("DUBLINER CHEESE WITH
    IRISH STOUT" for "Kerrygold, Dubliner"): another flavour, even when the addition is no generic food."""
    if "with" not in words:
        return False
    said = set(said_words) | {singularise(w) for w in said_words}
    return any(w not in said and singularise(w) not in said for w in _content(words[words.index("with") + 1:]))


@lru_cache(maxsize=4096)
def _names_type(said: str, word: str, path: Path | None) -> bool:
    """Whether ``word`` names the type of the line's word ``said`` (pasta of penne): at least
    ``_TYPE_SHARE`` of the branded names holding ``said`` also hold ``word``."""
    holding = food_db.names_holding([said], path=path)
    both = food_db.names_holding([said, word], path=path, anywhere=True)
    return both >= _TYPE_MIN_NAMES and both >= _TYPE_SHARE * holding


def _kind_word(words: list[str], head: str | None) -> str | None:
    """The word naming the kind of the head ("apricot" preserves), not how it is made or its fat
    level ("roasted", "light"): the last such word before the head, or None."""
    if head is None or head not in words:
        return None
    lex = lexicon()
    before = [w for w in _content(words[: words.index(head)]) if w not in lex.states and w not in lex.fats]
    return before[-1] if before else None


def _main_words(first_segment: str) -> tuple[str | None, str | None]:
    """The head noun of the product's name and the word naming its kind."""
    words = tokenise(first_segment)
    head = head_noun(words)
    return head, _kind_word(words, head)


def agreement(line: BrandedLine, description: str, table) -> float:
    """0..100: how well any food's name agrees with the line's product, as branded names are scored."""
    main = next((m for seg in line.product.split(",") if (m := _main_words(seg))[0] is not None), (None, None))
    product = list(dict.fromkeys(_content(tokenise(line.product))))
    if main[0] is None or not product:
        return 0.0
    return _score(line, main, product, description, generic_words(table).first_segments, table.path)


def best_branded(line: BrandedLine, *, path: Path | None = None, table=None) -> Candidate | None:
    """The branded food whose name agrees best with the line's product (None when none shares its head).

    With the food ``table``, a name holding a food word the line does not say (another flavour) costs
    ``_OTHER_KIND``.
    """
    main = next((m for seg in line.product.split(",") if (m := _main_words(seg))[0] is not None), (None, None))
    if main[0] is None:
        return None  # the product names no food ("Kfc chicken breast, grilled": the brand took it)
    product = list(dict.fromkeys(_content(tokenise(line.product))))
    if not product:
        return None
    query = [w for w in WORD.findall(line.product.lower()) if w not in GRAMMAR and len(w) > 1]
    found = food_db.branded_candidates(list(line.brand), query, path=path)
    foods = generic_words(table).first_segments if table is not None else None
    best: tuple[float, int, int, str] | None = None
    for rank, (food_id, name) in enumerate(found):
        # Best score first, then the first name: a later name must score more than the best so far,
        # so one that cannot is not tested for other foods (half the branded step counted their names).
        scored = (_score(line, main, product, name, foods, path, beat=None if best is None else best[0]),
                  -rank, food_id, name)
        if best is None or scored > best:
            best = scored
    if best is None:
        return None
    score, _, food_id, name = best
    return Candidate(food_id, name, score) if score > 0 else None


def _choose(result: MatchResult, branded: Candidate | None, brand: tuple[str, ...],
            same_product: Callable[[], float | None] = lambda: None) -> MatchResult:
    """The generic match, or the branded food when it agrees well enough (see the module rule).

    ``same_product``: how well a generic food naming the line's brand agrees with the line's product
    (:func:`agreement`; asked only for such a food); it stays unless the branded one agrees
    better by more than ``_OTHER_KIND``.
    """
    if branded is None or branded.score < BRANDED_MIN or result.source == "correction":
        return result
    if result.food_id is not None and (result.score >= _GENERIC_EXACT or (
            result.score >= CONFIDENT_SCORE and branded.score < CONFIDENT_BRANDED)):
        return result
    if result.food_id is not None and set(_content(brand)) <= set(WORD.findall((result.description or "").lower())) \
            and ((agrees := same_product()) is None or agrees + _OTHER_KIND >= branded.score):
        # An analysed generic food of the same brand (SR28's "KELLOGG'S SPECIAL K") is complete, unless a
        # label agrees better by more than another kind costs: SR28's Oreo *crumb topping* (48 of 100)
        # is no answer to "Nabisco, Oreo Cookies" (76 for the Oreo cookies' label).
        return result
    confidence: Literal["confident", "plausible"] = "confident" if branded.score >= CONFIDENT_BRANDED else "plausible"
    # The generic foods stay among the alternatives (best first), so the review can switch back.
    return replace(result, food_id=branded.food_id, description=branded.description, score=branded.score,
                   alternatives=(branded, *result.alternatives[:ALTERNATIVES - 1]), confidence=confidence)


#: What the branded step found for one text: None (names no brand), or the brand's FTS tokens
#: and the best branded food (None when no product of the brand agrees).
Found = tuple[tuple[str, ...], Candidate | None] | None


def _version(table) -> str:
    stamp = f"{table.meta.get('data_files_sha256')}|{table.meta.get('sr28_sha256')}|{table.meta.get('built_at')}"
    digest = hashlib.sha256(matcher_version(stamp).encode())
    digest.update(Path(__file__).read_bytes())
    digest.update(Path(_brand_names.__file__).read_bytes())
    digest.update(Path(food_db.__file__).with_name("_branded.py").read_bytes())  # the candidate search
    return digest.hexdigest()[:20]


def _encode(found: Found) -> str:
    if found is None:
        return "null"
    brand, best = found
    return json.dumps([list(brand), None if best is None else [best.food_id, best.description, best.score]])


def _decode(payload: str) -> Found:
    value = json.loads(payload)
    if value is None:
        return None
    brand, best = value
    return tuple(brand), None if best is None else Candidate(*best)


def _cached(table, texts: list[str]) -> tuple[sqlite3.Connection | None, str, dict[str, Found]]:
    """An open match cache (None when it cannot be opened), its version and what it knows of ``texts``."""
    version = _version(table)
    try:
        con = sqlite3.connect(cache_path(), timeout=5)
        con.execute("CREATE TABLE IF NOT EXISTS branded_matches (version TEXT, text TEXT, result TEXT, "
                    "PRIMARY KEY (version, text))")
        found: dict[str, Found] = {}
        for start in range(0, len(texts), 500):  # SQLite's bound-parameter limit
            chunk = texts[start:start + 500]
            rows = con.execute(f"SELECT text, result FROM branded_matches WHERE version = ? AND text IN "
                               f"({','.join('?' * len(chunk))})", [version, *chunk])
            found.update({text: _decode(payload) for text, payload in rows})
        return con, version, found
    except (sqlite3.Error, OSError, ValueError):
        return None, version, {}


def _remember(con: sqlite3.Connection | None, version: str, fresh: Mapping[str, Found]) -> None:
    if con is None:
        return
    try:
        with con:
            if fresh:
                con.execute("DELETE FROM branded_matches WHERE version != ?", (version,))
                con.executemany("INSERT OR REPLACE INTO branded_matches VALUES (?, ?, ?)",
                                [(version, text, _encode(found)) for text, found in fresh.items()])
    except sqlite3.Error:
        pass  # a cache that cannot be written only costs time next run
    finally:
        con.close()


def _same_product(text: str, result: MatchResult, table) -> float | None:
    """:func:`agreement` of a generic match with the text read as brand and product (None: not read)."""
    line = brand_of(text, table) if has_brand_mark(text) else brand_first(text, table)
    return None if line is None or result.description is None else agreement(line, result.description, table)


def find_branded(text: str, table, *, unmatched: bool = False) -> Found:
    """The brand a line names and the brand's best product for it (see :data:`Found`).

    A line without a brand mark (comma, " - ", parentheses) is read as brand-first words
    (:func:`brand_first`); nothing marks where its brand ends or its flavour starts, so its
    branded food must agree confidently (``CONFIDENT_BRANDED``). When no generic food matched
    the line (``unmatched``), brands on weak evidence are read too, at every length, and the
    reading whose label agrees best is taken ("Premier Protein shake": only one Premier Protein
    label, so "premier protein" is weak evidence of a brand).
    """
    if has_brand_mark(text):
        line = brand_of(text, table)
        return None if line is None else (line.brand, best_branded(line, path=table.path, table=table))
    readings = brand_first_readings(text, table, strong=not unmatched)
    if not readings:
        return None
    scored = [(best_branded(line, path=table.path, table=table), -rank, line) for rank, line in enumerate(readings)]
    best, _, line = max(scored, key=lambda found: (-1.0 if found[0] is None else found[0].score, found[1]))
    if unmatched and best is None:
        line = readings[0]
    return line.brand, best if best is not None and best.score >= CONFIDENT_BRANDED else None


def _branded_corrections(results: dict[str, MatchResult], corrections: Mapping[str, int], path: Path | None
                         ) -> None:
    """Apply the user's choices of branded foods (the matcher only knows the foods in memory)."""
    for text, result in results.items():
        fixed = corrections.get(normalise_key(text))
        if fixed is None or result.source == "correction" or int(fixed) < food_db.id_base("branded"):
            continue
        try:
            description = str(food_db.branded_food(int(fixed), path=path).food["description"])
        except (KeyError, food_db.FoodDatabaseError):
            continue  # a branded food no longer in the database: the matcher's result stands
        results[text] = MatchResult(text, int(fixed), description, 100.0, result.alternatives, "correction",
                                    "confident")


def _product_first(results: dict[str, MatchResult], texts: list[str], table,
                   rematch: Callable[[list[str]], Mapping[str, MatchResult]]) -> None:
    """The generic match of a brand line's product alone, where the whole line matched nothing.

    A brand line whose brand has no agreeing label keeps a generic food matched on the whole line,
    whose brand and flavour words can leave nothing matched ("Kirkland Signature, Protein Bar").
    Then the product's first segment ("Protein Bar") is matched alone and taken when it agrees with
    it by more than another kind's cost (``_OTHER_KIND``) (:func:`agreement`), flagged for review.

    A line whose match holds the product's head noun but not its kind ("Kirkland, Protein Bar,
    Chocolate Chip Cookie Dough" is a cookie bar: the flavour decided) would get the protein bar the
    same way (``flavour_decided``), but the protein bars of SR28 and FNDDS have no weight for
    "1 bar", so on the real diaries such a line went from a weighed cookie bar to needs_amount
    (stackingrockss: resolved 76.7 % -> 67.4 %); it waits for a bar weight.
    """
    wanted: dict[str, tuple[BrandedLine, str]] = {}
    for text in texts:
        result = results[text]
        if result.source == "correction" or (result.food_id is not None and (
                result.food_id >= food_db.id_base("branded") or result.confidence == "confident")):
            continue
        line = brand_of(text, table) if has_brand_mark(text) else None
        first = line.product.split(",", 1)[0].strip() if line is not None else ""
        head, kind = _main_words(first)
        if line is None or head is None:
            continue
        said = set(tokenise(result.description or ""))
        flavour_decided = kind is not None and head in said and kind not in said
        if result.food_id is None or (flavour_decided and _FLAVOUR_DECIDED):
            wanted[text] = BrandedLine(line.brand, first), first
    if not wanted:
        return
    alone = rematch(list(dict.fromkeys(first for _, first in wanted.values())))
    for text, (line, first) in wanted.items():
        found, result = alone.get(first), results[text]
        if found is None or found.food_id is None or found.description is None:
            continue
        before = agreement(line, result.description, table) if result.description else 0.0
        if agreement(line, found.description, table) > before + _OTHER_KIND:
            results[text] = replace(found, text=text, confidence="plausible")


def match_brand_lines(results: Mapping[str, MatchResult], table,
                      corrections: Mapping[str, int] | None = None,
                      rematch: Callable[[list[str]], Mapping[str, MatchResult]] | None = None
                      ) -> dict[str, MatchResult]:
    """The match of each text, with branded foods for the lines that name a brand.

    Parameters
    ----------
    results
        Text -> generic match (``FoodMatcher.match_many``); corrections are kept.
    table
        The food table; without branded foods in its database, ``results`` come back as they are.
    corrections
        The user's choices, ``normalise_key(text) -> food_id``: a branded food chosen for a text
        is that text's food (source ``correction``).
    rematch
        The generic matcher (texts -> matches): with it, a brand line no label fits may get the
        generic match of its product alone (:func:`_product_first`).

    Returns
    -------
    dict
        Text -> MatchResult; a branded food's id is in the branded range
        (:func:`analyzer.match._branded_table.with_matched_branded` adds it to the table).
    """
    out = dict(results)
    if not out or not food_db.branded_available(table.path):
        return out
    if corrections:
        _branded_corrections(out, corrections, table.path)
    # Lines without a brand mark are read for a brand only when no generic food fits them well.
    texts = [text for text, result in out.items() if result.source != "correction" and (
        has_brand_mark(text) or (result.confidence != "confident" and len(text.split()) > 1))]
    if not texts:
        return out
    con, version, known = _cached(table, texts) if table.meta.get("built_at") else (None, "", {})
    fresh = {text: find_branded(text, table, unmatched=out[text].food_id is None) for text in texts
             if text not in known}
    _remember(con, version, fresh)
    for text in texts:
        found = known[text] if text in known else fresh[text]
        if found is not None:
            out[text] = _choose(out[text], found[1], found[0], partial(_same_product, text, out[text], table))
    if rematch is not None:
        _product_first(out, texts, table, rematch)
    return out
