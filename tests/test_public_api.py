"""The public surface of each package is what the app and the CLI use, sorted, nothing else."""

import analyzer
import food_db


def _ruff_order(names: list[str]) -> list[str]:
    """The order of ruff's RUF022 (make check): CONSTANTS, then Classes, then functions, each alphabetical."""
    return sorted(names, key=lambda name: (not name.isupper(), not name[:1].isupper(), name))


def test_analyzer_all_is_sorted_and_importable():
    assert analyzer.__all__ == _ruff_order(analyzer.__all__)
    assert all(hasattr(analyzer, name) for name in analyzer.__all__)
    assert {"import_diary", "analyze", "UserStore", "get_matcher", "Profile", "to_safe_csv"} <= set(analyzer.__all__)


def test_food_db_all_is_sorted_and_importable():
    assert food_db.__all__ == _ruff_order(food_db.__all__)
    assert all(hasattr(food_db, name) for name in food_db.__all__)


def test_analyzer_never_imports_streamlit():
    import sys

    assert "streamlit" not in sys.modules or not any(
        getattr(module, "__name__", "").startswith("analyzer") and "streamlit" in vars(module)
        for module in list(sys.modules.values()) if module is not None)
    import pathlib
    for path in pathlib.Path(analyzer.__file__).parent.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import streamlit" not in text and "from streamlit" not in text, path


def test_each_stage_lists_the_public_names_that_live_in_it():
    """analyzer/<stage>/__init__.py: ``__all__`` is the names of ``_PUBLIC`` whose module is in the stage.

    Before the modules are moved into their stage folders there is nothing to check.
    """
    import importlib
    import pathlib

    root = pathlib.Path(analyzer.__file__).parent
    for init in sorted(root.glob("*/__init__.py")):
        stage = init.parent.name
        if stage.startswith("_") or stage == "store":
            continue  # the store keeps its own API (UserStore, CorrectionsImportError)
        module = importlib.import_module(f"analyzer.{stage}")
        expected = [name for key, names in analyzer._PUBLIC.items() if key.startswith(f".{stage}.") for name in names]
        assert module.__all__ == _ruff_order(expected), stage
        assert all(getattr(module, name) is getattr(analyzer, name) for name in module.__all__), stage
