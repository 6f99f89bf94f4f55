"""Which words of a diary line name a brand, by what the branded names say (no list of brands).

The rule: the brand is where exports put it, the first comma segment of a Cronometer line
("Premier Protein, Protein Shake"), the part before " - " (MyFitnessPal "Brand - Product") or
the words in closing parentheses ("Protein bar (Kirkland)"); a line without such a mark may
start with its brand ("Trader Joe's apricot preserves"). Those words name a brand when the
branded names say so: label names put the brand first, so nearly all names holding a brand
start with it ("Publix" 79 of 81), few of those holding a food do ("Grapes" 7 of 71); or the
part holds a word that branded names use and no generic food does ("Craisins"). "Grapes, Raw"
names no brand. Verdicts are remembered per table, as diaries repeat their first segments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import food_db

from ._match_cache import load_or_build_index
from ._normalise import lexicon, query_tokens, singularise

__all__ = ["GRAMMAR", "WORD", "BrandedLine", "brand_first", "brand_first_readings", "brand_of", "generic_words",
           "has_brand_mark"]

#: Branded names starting with a part's words needed to call the part a brand.
_MIN_NAMES = 2
#: Share of the branded names holding a part that start with it: a brand (measured on the first
#: segments of the real diaries: brands 0.67-1.0, mostly over 0.9; foods 0.03-0.67).
_BRAND_FIRST = 0.9
#: A lower share, enough when no generic food holds the part's words.
_BRAND_FIRST_LOOSE = 0.5
#: More names than this hold food words, not a brand (the largest brands in the table: Kellogg's
#: 464 names, Cadbury 361, Nabisco 339; "cheese" is in 17,587), and counting them costs time.
_MAX_BRAND_NAMES = 2000
#: Most words a brand written without a mark can have ("Premier Protein", "Trader Joe's").
_MAX_BRAND_WORDS = 3
#: A word as the branded names' index (FTS5 unicode61) reads it.
WORD = re.compile(r"\w+", re.UNICODE)
_PARENS_END = re.compile(r"\(([^()]*)\)\s*$")
#: Words that name nothing in a brand or a product.
GRAMMAR = frozenset({"and", "or", "of", "the", "a", "an", "with", "in", "on", "to", "s", "no", "not", "without"})


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
        #: First comma segments of generic names ("cheese" of "Cheese, cheddar"): foods, not brands.
        self.first_segments: set[str] = set()
        for pos, name in enumerate(names.tolist()):
            first = name.split(",", 1)[0]
            if not first.isupper():
                words = WORD.findall(first.lower())
                self.first_segments.update((" ".join(words), " ".join(map(singularise, words))))
            for written in set(WORD.findall(name)):
                (capitals if written.isupper() and len(written) > 1 else lower).add(written.lower())
                self.postings.setdefault(written.lower(), set()).add(pos)
        for word, docs in list(self.postings.items()):
            singular = singularise(word)
            if singular != word:
                self.postings[singular] = self.postings.get(singular, set()) | docs
        self.brand_words = frozenset(capitals - lower)
        #: Verdicts on brand parts already read (diaries repeat their first segments).
        self.parts: dict[str, tuple[tuple[str, ...], bool] | None] = {}

    def uses(self, word: str) -> bool:
        """Whether a generic food names this word other than as a brand."""
        return (word in self.postings or singularise(word) in self.postings) and word not in self.brand_words

    def holds_all(self, words: list[str]) -> bool:
        """Whether one generic food's name holds every word."""
        sets = [self.postings.get(w) or self.postings.get(singularise(w)) or set() for w in words]
        return bool(sets) and bool(set.intersection(*sets))


_generic_cache: list = []


def generic_words(table) -> _Generic:
    """What the generic foods of ``table`` say about words (built once per table, ~0.3 s; a built
    database's copy is saved with the matcher's index and read back in a few tens of ms)."""
    if not _generic_cache or _generic_cache[0] is not table.foods:
        def build() -> _Generic:
            return _Generic(table.foods)

        generic = (load_or_build_index(table, "brand-words", build, _Generic, code=(Path(__file__),))
                   if table.meta.get("built_at") else build())
        _generic_cache[:] = [table.foods, generic]
    return _generic_cache[1]


def _distinctive(word: str, generic: _Generic) -> bool:
    """A word no generic food uses, even through a synonym (a brand's own word: "Publix")."""
    lex = lexicon()
    return (word.isalpha() and len(word) >= 3 and word not in lex.filler and word not in lex.noise
            and not generic.uses(word) and not any(generic.uses(w) for w in query_tokens(word)))


def _names_brand(part: str, generic: _Generic, path: Path | None, *, strong: bool = False
                 ) -> tuple[str, ...] | None:
    """The FTS tokens of ``part`` when the branded names say it is a brand, else None.

    Label names put the brand first ("PUBLIX, ..."): of the names holding a brand, nearly all
    start with it (Publix 79 of 81, Kellogg's 464 of 464, Nature Valley 69 of 69), of those
    holding a food far fewer (cheese 7 %, banana 35 %, zucchini 52 %, halloumi 62 %). A part
    counts as a brand when ``_BRAND_FIRST`` of its names start with it (``strong``: the only
    evidence taken for a line without a brand mark), or half do and no generic food holds its
    words, or it holds a word only branded names use ("Cranberries, dried (Craisins)"; but
    also "dijon", which only a mark makes a brand).
    """
    key = part.strip().lower()
    if key not in generic.parts:
        generic.parts[key] = _read_brand(key, generic, path)
    found = generic.parts[key]
    return None if found is None or (strong and not found[1]) else found[0]


def _read_brand(part: str, generic: _Generic, path: Path | None) -> tuple[tuple[str, ...], bool] | None:
    """(FTS tokens, whether the evidence is strong) when ``part`` is a brand (see ``_names_brand``)."""
    words = WORD.findall(part)
    content = [w for w in words if w not in GRAMMAR and not w.isdigit()]
    if not content or {" ".join(words), " ".join(map(singularise, words))} & generic.first_segments:
        return None  # generic foods are named with it ("Cheese, cheddar"): it names a food
    holding = food_db.names_holding(words, path=path, limit=_MAX_BRAND_NAMES + 1)
    if not holding or holding > _MAX_BRAND_NAMES:
        return None
    starting = food_db.names_holding(words, path=path, first=True)
    share = starting / holding
    if starting >= _MIN_NAMES and share >= _BRAND_FIRST:
        return tuple(words), True
    if starting >= _MIN_NAMES and share >= _BRAND_FIRST_LOOSE and not generic.holds_all(
            [w for w in content if w not in generic.brand_words]):
        return tuple(words), False
    return (tuple(words), False) if any(_distinctive(w, generic) for w in content) else None


def brand_of(text: str, table) -> BrandedLine | None:
    """The brand and product a diary line names, or None when it names no brand.

    Parameters
    ----------
    text
        The food as written ("Oatly, Oat Milk", "Kirkland - Protein Bar", "Protein Bar (Kirkland)").
    table
        The food table (``food_db.load()``): what generic foods say.
    """
    generic = generic_words(table)
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
    if not WORD.search(product):
        return None
    words = _names_brand(brand, generic, table.path)
    return BrandedLine(words, product.strip()) if words else None


def has_brand_mark(text: str) -> bool:
    """Whether a line is written the way exports write a brand (a comma, " - " or closing parentheses)."""
    return "," in text or " - " in text or text.rstrip().endswith(")")


def brand_first(text: str, table) -> BrandedLine | None:
    """A line written without a brand mark ("Trader Joe's apricot preserves") read as brand-first
    words: the longest of its first one to three words the branded names call a brand, or None."""
    readings = brand_first_readings(text, table)
    return readings[0] if readings else None


def brand_first_readings(text: str, table, *, strong: bool = True) -> list[BrandedLine]:
    """Every reading of a line without a brand mark as brand-first words, the longest brand first.

    ``strong=False`` also takes brands on weak evidence (a word only branded names use, or a
    brand with a single label: "Premier Protein"); nothing marks where such a brand ends
    ("Premier Protein shake": "premier" or "premier protein"), so every length is read.
    """
    generic, words = generic_words(table), text.split()
    return [BrandedLine(brand, " ".join(words[n:])) for n in range(min(_MAX_BRAND_WORDS, len(words) - 1), 0, -1)
            if (brand := _names_brand(" ".join(words[:n]), generic, table.path, strong=strong))]
