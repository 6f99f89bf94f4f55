"""Mineralog's nutrient table: USDA SR28 plus cited menaquinone and reference-intake tables.

Public API::

    import food_db
    food_db.ensure_built()            # build on first use (set-up only may download)
    table = food_db.load()            # FoodTable: foods, measures, reference, ...
    food_db.measures(1123)            # household measures of one food
    food_db.reference_intakes(45, "F", authority="nasem")

Command line: ``python -m food_db build [--sr28 DIR]``, ``info``, ``search TEXT``.
"""

from ._build import build
from ._load import FoodTable, ensure_built, info, load, measures, reference_intakes
from ._paths import cache_dir, database_path
from .errors import FoodDatabaseError, MalformedSourceError, NotBuiltError, SourceError

__all__ = [
    "FoodDatabaseError",
    "FoodTable",
    "MalformedSourceError",
    "NotBuiltError",
    "SourceError",
    "build",
    "cache_dir",
    "database_path",
    "ensure_built",
    "info",
    "load",
    "measures",
    "reference_intakes",
]
