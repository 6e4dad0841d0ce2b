"""The public library API: every exported name resolves, is documented, and type-checks.

The export table ``_EXPORTS`` in ``norrort_cost/__init__.py`` is the one list of public
names; ``__all__`` is derived from it, and the imports for type checkers must name the same
objects from the same modules.
"""

from __future__ import annotations

import ast
import re
from importlib import import_module
from pathlib import Path

import pytest

import norrort_cost

INIT = Path(norrort_cost.__file__)


@pytest.mark.parametrize("name", norrort_cost.__all__)
def test_every_exported_name_resolves(name: str) -> None:
    """``from norrort_cost import NAME`` works for every name of ``__all__``."""
    assert getattr(norrort_cost, name) is not None


@pytest.mark.parametrize("name", norrort_cost.__all__)
def test_every_exported_name_is_documented(name: str) -> None:
    """The package docstring, the API's reference, names every public name."""
    assert re.search(rf"(?<![\w.]){re.escape(name)}\b", norrort_cost.__doc__ or ""), name


def test_the_names_type_checkers_see_are_the_exported_ones() -> None:
    """The TYPE_CHECKING imports re-export exactly the export table, module for module."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    [block] = [node for node in tree.body if isinstance(node, ast.If)]
    imported = {
        alias.asname: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.asname == alias.name
    }
    assert imported == norrort_cost._EXPORTS
    assert norrort_cost.__all__ == ["__version__", *norrort_cost._EXPORTS]


@pytest.mark.parametrize("name", sorted(norrort_cost._EXPORTS))
def test_each_name_lives_where_the_table_says(name: str) -> None:
    """The lazy import finds the object in the module the table names, not elsewhere."""
    module = import_module(norrort_cost._EXPORTS[name])
    assert getattr(norrort_cost, name) is getattr(module, name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    """A name that is not exported is refused like any missing attribute."""
    with pytest.raises(AttributeError, match="no attribute 'allocation_of'"):
        _ = norrort_cost.allocation_of  # type: ignore[attr-defined]
