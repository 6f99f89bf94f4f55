"""One error tree for the whole package: every typed error descends from MineralogError, as the docstring draws."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest

import analyzer
import food_db
from analyzer.errors import MineralogError
from food_db.errors import FoodDatabaseError, MalformedSourceError


def _error_classes() -> dict[str, type]:
    """Every exception class defined in a module of analyzer or food_db."""
    found = {}
    for package in (analyzer, food_db):
        names = [package.__name__] + [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
        for name in names:
            if name.endswith("__main__"):
                continue
            module = importlib.import_module(name)
            for cls in vars(module).values():
                if inspect.isclass(cls) and issubclass(cls, BaseException) and cls.__module__ == name:
                    found[cls.__name__] = cls
    return found


def _drawn_parents() -> dict[str, str | None]:
    """Each class in the tree drawn in analyzer's docstring, to the class drawn above it."""
    parents: dict[str, str | None] = {}
    stack: list[tuple[int, str]] = []
    for line in (analyzer.__doc__ or "").splitlines():
        match = re.match(r"^(\s*(?:[│ ]   )*)(?:[├└]── )?([A-Z]\w+Error)\b", line)
        if not match:
            continue
        depth = match.start(2)  # the column the name starts at
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parents[match.group(2)] = stack[-1][1] if stack else None
        stack.append((depth, match.group(2)))
    return parents


def test_every_error_descends_from_the_one_root():
    classes = _error_classes()
    assert "CorrectionsImportError" in classes and "NotBuiltError" in classes
    assert [name for name, cls in classes.items() if not issubclass(cls, MineralogError)] == []


def test_the_drawn_tree_is_the_real_tree():
    classes, drawn = _error_classes(), _drawn_parents()
    assert set(drawn) == set(classes)
    assert {name: (cls.__bases__[0].__name__ if name != "MineralogError" else None)
            for name, cls in classes.items()} == drawn


def test_food_database_errors_are_caught_as_mineralog_errors():
    with pytest.raises(MineralogError, match="Run: python -m food_db build"):
        raise food_db.NotBuiltError("The food database is not built. Run: python -m food_db build")
    assert issubclass(FoodDatabaseError, MineralogError)


def test_a_malformed_source_keeps_file_line_and_column():
    err = MalformedSourceError("Nutr_Val is not a number: 'x'", file="NUT_DATA.txt", line=3, column="Nutr_Val",
                               value="x")
    assert str(err) == "NUT_DATA.txt, line 3: Nutr_Val is not a number: 'x'"
    assert (err.file, err.line, err.row, err.column, err.value) == ("NUT_DATA.txt", 3, 3, "Nutr_Val", "x")
