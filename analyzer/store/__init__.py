"""The user's local database: food-match corrections and saved diaries.

Separate from the food database (a rebuildable cache): this file holds the
user's own health data, stays on their machine and is never replaced
silently.
"""

from analyzer.store._corrections_csv import CorrectionsImportError
from analyzer.store._open import APPLICATION_ID, SCHEMA_VERSION, default_store_path
from analyzer.store._user_store import UserStore

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "CorrectionsImportError",
    "UserStore",
    "default_store_path",
]
