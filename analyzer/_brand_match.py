"""Branded foods for diary lines that name a brand.

The rule: a line gets a branded food (USDA FoodData Central label data) only when it names
a brand and the brand's own product agrees with it; every other line keeps the generic match,
so "Cheddar cheese" still gets the generic cheese.

- **Naming a brand.** The brand is where exports put it: the first comma segment of a
  Cronometer line ("Premier Protein, Protein Shake"), the part before " - " (MyFitnessPal
  "Brand - Product") or the words in closing parentheses ("Protein bar (Kirkland)"). Those
  words name a brand when the data says so, not a list: the part holds a word no generic food
  description uses ("Publix", "Kirkland"), or branded names start with the part while no
  generic food holds all its words ("Best Foods", "Nature Valley"). "Grapes, Raw" names no
  brand: generic foods say grapes.
- **Agreeing.** Candidates hold the brand's words in order and share a product word
  (FTS5, :func:`food_db.branded_candidates`). Each is scored on the product words alone:
  the product's head noun must be in the name ("Publix, Boneless Chicken Cutlets" is no Publix
  cake), then how much of the product the name explains and how much of the name the product
  explains.
- **Choosing.** A branded food scoring ``BRANDED_MIN`` or more replaces the generic match
  unless the generic food is described with the line's very words; below ``CONFIDENT_BRANDED``
  it is used and flagged ``plausible`` for review, like other unsure matches.

Results are remembered in the match cache's SQLite file (table ``branded_matches``), keyed by
the matcher's version and this module's code, so a warm run reads them back. Lines that name
no brand cost a few dictionary look-ups.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import food_db

from ._food_text import head_noun
from ._match import Candidate, MatchResult
from ._match_cache import cache_path, matcher_version
from ._normalise import lexicon, singularise, tokenise

__all__ = ["BRANDED_MIN", "CONFIDENT_BRANDED", "BrandedLine", "best_branded", "brand_of", "match_brand_lines"]

#: Least score (0..100) at which a branded food replaces the generic match of a brand line.
#: Measured on the brand lines of the Cronometer diaries in ../shared/realworld (see the
#: module's tests and the branch report): below 50 the best branded name shares the head noun
#: but differs in kind (a flavoured bar for a plain one) as often as not.
BRANDED_MIN = 50.0
#: From this score a branded match is confident; between BRANDED_MIN and it, flagged for review.
CONFIDENT_BRANDED = 80.0
#: A generic food with this score is described with the line's very words: it stays.
_GENERIC_EXACT = 100.0
#: Branded names starting with a part's words needed to call the part a brand.
_MIN_NAMES = 2
_RECALL_SHARE = 0.6  # of the score: how much of the product the name explains (the rest: the reverse)
_HEAD_WEIGHT = 2.0  # the product's head noun weighs twice a describing word
_NO_MODIFIER = 25.0  # a name without the word before the head ("raspberry preserves" for "apricot preserves")
_FTS = re.compile(r"\w+", re.UNICODE)
_PARENS_END = re.compile(r"\(([^()]*)\)\s*$")
_GRAMMAR = frozenset({"and", "or", "of", "the", "a", "an", "with", "in", "on", "to", "s", "no", "not", "without"})


@dataclass(frozen=True)
class BrandedLine:
    """A diary line read as brand and product.

    Attributes
    ----------
    brand
        FTS tokens of the brand ("premier", "protein").
    product
        The product as written ("Protein Shake, Chocolate").
    """

    brand: tuple[str, ...]
    product: str


class _Generic:
    """What the generic food table says about words: which it uses and which foods hold them."""

    def __init__(self, foods) -> None:
        names = foods["description"].astype(str)
        if "common_name" in foods:
            names = names + " " + foods["common_name"].fillna("").astype(str)
        self.postings: dict[str, set[int]] = {}
        # SR28 writes the brands of its few branded foods in capitals ("KELLOGG'S", "NATURE VALLEY").
        capitals: set[str] = set()
        lower: set[str] = set()
        for pos, name in enumerate(names.tolist()):
            for written in set(_FTS.findall(name)):
                word = written.lower()
                (capitals if written.isupper() and len(written) > 1 else lower).add(word)
                self.postings.setdefault(word, set()).add(pos)
                self.postings.setdefault(singularise(word), set()).add(pos)
        self.brand_words = frozenset(capitals - lower)

    def uses(self, word: str) -> bool:
        """Whether a generic food names this word other than as a brand."""
        return (word in self.postings or singularise(word) in self.postings) and word not in self.brand_words

    def holds_all(self, words: list[str]) -> bool:
        """Whether one generic food's name holds every word."""
        sets = [self.postings.get(w) or self.postings.get(singularise(w)) or set() for w in words]
        return bool(sets) and bool(set.intersection(*sets))


_generic_cache: list = []


def _generic(table) -> _Generic:
    if not _generic_cache or _generic_cache[0] is not table.foods:
        _generic_cache[:] = [table.foods, _Generic(table.foods)]
    return _generic_cache[1]


def _distinctive(word: str, generic: _Generic) -> bool:
    """A word no generic food uses (a brand's own word), not filler or a number."""
    lex = lexicon()
    return (word.isalpha() and len(word) >= 3 and not generic.uses(word) and word not in lex.filler
            and word not in lex.noise)


def _names_brand(part: str, generic: _Generic, path: Path | None) -> tuple[str, ...] | None:
    """The FTS tokens of ``part`` when the data says it names a brand, else None."""
    words = [w for w in _FTS.findall(part.lower())]
    content = [w for w in words if w not in _GRAMMAR and not w.isdigit()]
    if not content:
        return None
    if any(_distinctive(w, generic) for w in content):
        return tuple(words)
    if generic.holds_all([w for w in content if w not in generic.brand_words]):
        return None
    return tuple(words) if food_db.names_starting_with(words, path=path, limit=_MIN_NAMES) >= _MIN_NAMES else None


def brand_of(text: str, table) -> BrandedLine | None:
    """The brand and product a diary line names, or None when it names no brand.

    Parameters
    ----------
    text
        The food as written ("Oatly, Oat Milk", "Kirkland - Protein Bar", "Protein Bar (Kirkland)").
    table
        The food table (``food_db.load()``): what generic foods say.
    """
    generic = _generic(table)
    text = text.strip()
    if " - " in text:
        brand, product = text.split(" - ", 1)
    elif (parens := _PARENS_END.search(text)) is not None and text[:parens.start()].strip():
        brand, product = parens.group(1), text[:parens.start()]
    elif "," in text:
        brand, product = text.split(",", 1)
        rest = [seg.split() for seg in product.lower().split(",") if seg.split()]
        if not rest or all(seg[0] in ("no", "not", "without", "with") for seg in rest):
            return None  # 'Veggie Delite Sandwich, no mayo': the rest only qualifies the first part
    else:
        return None
    if not _FTS.search(product):
        return None
    words = _names_brand(brand, generic, table.path)
    return BrandedLine(words, product.strip()) if words else None


def _content(words: Iterable[str]) -> list[str]:
    lex = lexicon()
    return [w for w in words if w not in _GRAMMAR and w not in lex.filler and w not in lex.noise and not w.isdigit()]


def _without_brand(words: list[str], brand: list[str]) -> list[str]:
    """The name's words with the brand's words taken out once, where they stand together."""
    n = len(brand)
    for start in range(len(words) - n + 1) if n else ():
        if words[start:start + n] == brand:
            return words[:start] + words[start + n:]
    return [w for w in words if w not in brand]


def _score(line: BrandedLine, main: tuple[str | None, str | None], product: list[str], name: str) -> float:
    """0..100: how well a branded name's product words agree with the line's product.

    ``main`` is the product's head noun and the word written before it: a name without the
    head is another food (0); one without that word is another kind of it (``_NO_MODIFIER``).
    """
    head, modifier = main
    own = set(_content(_without_brand(tokenise(name), tokenise(" ".join(line.brand)))))
    if not own or (head is not None and head not in own):
        return 0.0
    weights = {w: _HEAD_WEIGHT if w == head else 1.0 for w in product}
    recall = sum(weight for w, weight in weights.items() if w in own) / sum(weights.values())
    precision = len(own & set(product)) / len(own)
    score = 100.0 * (_RECALL_SHARE * recall + (1 - _RECALL_SHARE) * precision)
    if modifier is not None and modifier not in own:
        score -= _NO_MODIFIER
    return round(max(score, 0.0), 1)


def _main_words(first_segment: str) -> tuple[str | None, str | None]:
    """The head noun of the product's name and the content word written right before it."""
    words = tokenise(first_segment)
    head = head_noun(words)
    if head is None or head not in words:
        return head, None
    before = _content(words[: words.index(head)])
    return head, before[-1] if before else None


def best_branded(line: BrandedLine, *, path: Path | None = None) -> Candidate | None:
    """The branded food whose name agrees best with the line's product (None when none shares its head)."""
    main = _main_words(line.product.split(",", 1)[0])
    product = list(dict.fromkeys(_content(tokenise(line.product))))
    if not product:
        return None
    query = [w for w in _FTS.findall(line.product.lower()) if w not in _GRAMMAR and len(w) > 1]
    found = food_db.branded_candidates(list(line.brand), query, path=path)
    scored = [(_score(line, main, product, name), -rank, food_id, name)
              for rank, (food_id, name) in enumerate(found)]
    if not scored:
        return None
    score, _, food_id, name = max(scored)
    return Candidate(food_id, name, score) if score > 0 else None


def _choose(result: MatchResult, branded: Candidate | None, line: BrandedLine) -> MatchResult:
    """The generic match, or the branded food when it agrees well enough (see the module rule)."""
    if branded is None or branded.score < BRANDED_MIN or result.source == "correction":
        return result
    if result.food_id is not None and result.score >= _GENERIC_EXACT:
        return result
    brand = set(_content(line.brand))
    if result.food_id is not None and brand <= set(_FTS.findall((result.description or "").lower())):
        return result  # an analysed generic food of the same brand (SR28's "KELLOGG'S SPECIAL K") is complete
    confidence = "confident" if branded.score >= CONFIDENT_BRANDED else "plausible"
    # The generic food stays first among the alternatives, so the review can switch back.
    generic = (Candidate(result.food_id, result.description or "", result.score),) if result.food_id else ()
    return replace(result, food_id=branded.food_id, description=branded.description, score=branded.score,
                   alternatives=(branded, *generic, *result.alternatives[: 4 - len(generic)]),
                   confidence=confidence)


def _version(table) -> str:
    stamp = f"{table.meta.get('data_files_sha256')}|{table.meta.get('sr28_sha256')}|{table.meta.get('built_at')}"
    digest = hashlib.sha256(matcher_version(stamp).encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:20]


def _cached(table, texts: list[str]) -> tuple[sqlite3.Connection | None, str, dict[str, Candidate | None]]:
    version = _version(table)
    try:
        con = sqlite3.connect(cache_path(), timeout=5)
        con.execute("CREATE TABLE IF NOT EXISTS branded_matches (version TEXT, text TEXT, result TEXT, "
                    "PRIMARY KEY (version, text))")
        found: dict[str, Candidate | None] = {}
        for start in range(0, len(texts), 500):  # SQLite's bound-parameter limit
            chunk = texts[start:start + 500]
            rows = con.execute(f"SELECT text, result FROM branded_matches WHERE version = ? AND text IN "
                               f"({','.join('?' * len(chunk))})", [version, *chunk])
            for text, payload in rows:
                value = json.loads(payload)
                found[text] = Candidate(*value) if value else None
        return con, version, found
    except (sqlite3.Error, OSError):
        return None, version, {}


def _remember(con: sqlite3.Connection | None, version: str, fresh: Mapping[str, Candidate | None]) -> None:
    if con is None:
        return
    try:
        with con:
            if fresh:
                con.execute("DELETE FROM branded_matches WHERE version != ?", (version,))
                con.executemany("INSERT OR REPLACE INTO branded_matches VALUES (?, ?, ?)",
                                [(version, text, json.dumps(None if c is None else
                                                            [c.food_id, c.description, c.score]))
                                 for text, c in fresh.items()])
    except sqlite3.Error:
        pass  # a cache that cannot be written only costs time next run
    finally:
        con.close()


def match_brand_lines(results: Mapping[str, MatchResult], table) -> dict[str, MatchResult]:
    """The match of each text, with branded foods for the lines that name a brand.

    Parameters
    ----------
    results
        Text -> generic match (``FoodMatcher.match_many``); corrections are kept.
    table
        The food table; without branded foods in its database, ``results`` come back as they are.

    Returns
    -------
    dict
        Text -> MatchResult; a branded food's id is in the branded range
        (:func:`analyzer._branded_table.with_matched_branded` adds it to the table).
    """
    out = dict(results)
    if not out or not food_db.branded_available(table.path):
        return out
    lines = {text: line for text in out if out[text].source != "correction"
             and (line := brand_of(text, table)) is not None}
    if not lines:
        return out
    con, version, known = _cached(table, list(lines)) if table.meta.get("built_at") else (None, "", {})
    fresh = {text: best_branded(line, path=table.path) for text, line in lines.items() if text not in known}
    _remember(con, version, fresh)
    for text in lines:
        out[text] = _choose(out[text], known[text] if text in known else fresh[text], lines[text])
    return out
