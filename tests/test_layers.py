"""The import contract: the core imports no edge, and nothing imports the command line.

Read from the source with ``ast`` (no import side effects), so a later change that breaks a
layer fails here whatever it imports lazily inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "norrort_cost"
EDGES = ("loading", "rendering", "storage", "cli")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("norrort_cost")}


def _layer(module: str) -> str:
    if module == "norrort_cost.__main__":
        return "cli"  # ``python -m norrort_cost`` is the command line
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in EDGES else "core"


MODULES = {
    _module_name(path): _imports(path)
    for path in sorted(PACKAGE.rglob("*.py"))
    if _module_name(path) != "norrort_cost"  # the package's lazy public API names every layer
}


def test_the_contract_sees_every_layer() -> None:
    """The scan finds modules of the core and of each edge (so the checks below are not empty)."""
    assert {_layer(module) for module in MODULES} == {"core", *EDGES}


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m) == "core"))
def test_core_imports_no_edge(module: str) -> None:
    """Core modules import neither loading, rendering nor the command line."""
    assert {name for name in MODULES[module] if _layer(name) != "core"} == set()


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m) != "cli"))
def test_nothing_imports_the_command_line(module: str) -> None:
    """Only the command line imports the command line."""
    assert {name for name in MODULES[module] if _layer(name) == "cli"} == set()


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m) == "loading"))
def test_loading_does_not_render(module: str) -> None:
    """Loading turns files into models; it never renders."""
    assert {name for name in MODULES[module] if _layer(name) == "rendering"} == set()


def test_the_core_is_grouped_by_concern() -> None:
    """Besides the shared vocabulary, every core module lives in a subpackage of its concern."""
    top_level = {path.stem for path in PACKAGE.glob("*.py")}
    assert top_level == {"__init__", "__main__", "money", "problems", "problem_codes"}
