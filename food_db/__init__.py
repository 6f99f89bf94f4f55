"""Mineralog's nutrient table: USDA SR28 and FoodData Central (FNDDS, Foundation, branded foods)
plus cited menaquinone and reference-intake tables.

Public API::

    import food_db
    food_db.ensure_built()            # build on first use (set-up only may download)
    table = food_db.load()            # FoodTable: foods, measures, reference, ...
    food_db.measures(1123)            # household measures of one food
    food_db.search_branded("premier protein shake")   # branded foods, searched on disk
    food_db.branded_food(10000001)    # one branded food: nutrients and its serving
    food_db.reference_intakes(45, "F", authority="nasem")

Command line: ``python -m food_db build [--sr28 DIR] [--fdc-wheel PATH]``, ``info``, ``search TEXT``.
"""

from ._branded import (
    BrandedFood,
    branded_available,
    branded_candidates,
    branded_food,
    names_holding,
    search_branded,
)
from ._build import build
from ._food_kinds import is_cooked
from ._load import AUTHORITIES, AUTHORITY_REGIONS, FoodTable, ensure_built, info, load, measures, reference_intakes
from ._paths import cache_dir, database_path
from ._provenance import food_sources, id_base, source_labels
from ._words import irregular_plurals, singular
from .errors import FoodDatabaseError, InvalidArgumentError, MalformedSourceError, NotBuiltError, SourceError

__all__ = [
    "AUTHORITIES",
    "AUTHORITY_REGIONS",
    "BrandedFood",
    "FoodDatabaseError",
    "FoodTable",
    "InvalidArgumentError",
    "MalformedSourceError",
    "NotBuiltError",
    "SourceError",
    "branded_available",
    "branded_candidates",
    "branded_food",
    "build",
    "cache_dir",
    "database_path",
    "ensure_built",
    "food_sources",
    "id_base",
    "info",
    "irregular_plurals",
    "is_cooked",
    "load",
    "measures",
    "names_holding",
    "reference_intakes",
    "search_branded",
    "singular",
    "source_labels",
]
