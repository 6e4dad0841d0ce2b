"""The import contract: a map of every import, no circle, no import running back up.

The map is read from the source with ``ast`` (no import side effects), so it sees every
import whatever its form: at the top of a module, lazily inside a function, under
``if TYPE_CHECKING:`` (a type hint is an import too), relative (``from . import x``) and
through ``importlib.import_module("norrort_cost...")``. The layers are the table in
CONTRIBUTING.md (and /work/shared/STYLE.md), from the ground up:

1 ground (money, problems, problem_codes) → 3 dataset → 4 allocation → 5 audit, invoicing,
population → 6 edges (loading, rendering, storage, frames) → 7 the public facade
(``norrort_cost/__init__.py``) → 8 the command line (cli) → 9 ``python -m norrort_cost``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "norrort_cost"
FACADE = "norrort_cost"
# each package or top module of norrort_cost, and its layer (imports only point down)
LAYERS = {
    "money": 1,
    "problems": 1,
    "problem_codes": 1,
    "exit_codes": 1,
    "dataset": 3,
    "allocation": 4,
    "audit": 5,
    "invoicing": 5,
    "population": 5,
    "loading": 6,
    "rendering": 6,
    "storage": 6,
    "frames": 6,
    FACADE: 7,
    "cli": 8,
    "__main__": 9,
}
EDGES = ("loading", "rendering", "storage", "frames")
# imports between two packages of one layer, each with its reason (CONTRIBUTING says it too)
SIDEWAYS = {
    ("audit", "invoicing"): "the committee report shows the year's installment schedule",
    ("rendering", "loading"): "fetch-scb's report words a record of loading (TableUse, a hint)",
}


def module_name(path: Path) -> str:
    """``src/norrort_cost/loading/csvfile.py`` -> ``norrort_cost.loading.csvfile``."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _dynamic(node: ast.Call) -> bool:
    """A call of ``import_module(...)``, ``importlib.import_module(...)`` or ``__import__``."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in {"import_module", "__import__"}


def imports(source: str, module: str, *, package: bool = False) -> tuple[set[str], int]:
    """Every module ``module`` imports (absolute names), and how many dynamic imports it
    makes whose target is not a literal (those cannot be mapped)."""
    found: set[str] = set()
    unmapped = 0
    here = module.split(".") if package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and _dynamic(node):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
            else:
                unmapped += 1
    return {name for name in found if name.split(".")[0] == "norrort_cost"}, unmapped


def _scan() -> tuple[dict[str, set[str]], dict[str, int]]:
    graph: dict[str, set[str]] = {}
    unmapped: dict[str, int] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        text = path.read_text(encoding="utf-8")
        graph[module], unmapped[module] = imports(text, module, package=path.stem == "__init__")
    known = set(graph)
    for module, targets in graph.items():
        graph[module] = {_existing(name, known) for name in targets} - {module}
    return graph, unmapped


def _existing(name: str, known: set[str]) -> str:
    """The module an imported name lives in (``pkg.mod.Class`` -> ``pkg.mod``)."""
    while name not in known and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


GRAPH, UNMAPPED = _scan()

# the command line's top-level group imports each command's module by its name in a table
# (norrort_cost.cli.lazy.COMMANDS): those imports are mapped from the table itself
LAZY = "norrort_cost.cli.lazy"


def _lazy_targets() -> set[str]:
    from norrort_cost.cli.lazy import COMMANDS

    return {f"norrort_cost.cli.{entry.module}" for entry in COMMANDS.values()}


GRAPH[LAZY] |= _lazy_targets()


def unit(module: str) -> str:
    """The package or top module ``module`` belongs to (``allocation``, ``money``, ...)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else FACADE


def layer(module: str) -> int:
    """The module's layer (a KeyError for a package the table does not place)."""
    return LAYERS[unit(module)]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: strongly connected components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _edges() -> Iterator[tuple[str, str]]:
    for module, targets in GRAPH.items():
        for target in targets:
            yield module, target


def test_the_scanner_sees_every_form_of_import():
    """Relative, lazy (in a function), TYPE_CHECKING and importlib imports are all mapped."""
    source = """
from typing import TYPE_CHECKING
from . import money
from ..dataset import models
if TYPE_CHECKING:
    from norrort_cost.audit.changes import Comparison
def later():
    import norrort_cost.invoicing.documents
    from importlib import import_module
    import_module("norrort_cost.rendering.sheets")
    return import_module(NAME)
"""
    found, unmapped = imports(source, "norrort_cost.allocation.frames")
    assert {
        "norrort_cost.allocation.money",
        "norrort_cost.dataset.models",
        "norrort_cost.audit.changes",
        "norrort_cost.invoicing.documents",
        "norrort_cost.rendering.sheets",
    } <= found
    assert unmapped == 1


def test_the_circle_finder_finds_a_circle():
    """Two modules importing each other (through a third) are reported as one circle."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_package_has_a_layer():
    """Each package and top module is placed in the layer table (a new one fails here)."""
    assert {unit(module) for module in GRAPH} == set(LAYERS)


def test_the_map_has_no_circle():
    """No module imports itself through others: the import map is a DAG."""
    assert cycles(GRAPH) == []


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_import_runs_back_up(module: str):
    """A module imports only its own package or lower layers, never a higher one."""
    upward = {t for t in GRAPH[module] if layer(t) > layer(module)}
    assert upward == set()


def test_packages_of_one_layer_do_not_import_each_other():
    """Side by side means independent: audit, invoicing, population (and the edges) do not
    import one another; each imports what is below. The ground is one vocabulary (a
    problem is made from the code table), so its three modules may use each other."""
    sideways = {
        (unit(module), unit(target))
        for module, target in _edges()
        if layer(module) == layer(target) > 1 and unit(module) != unit(target)
    }
    assert sideways == set(SIDEWAYS)


def test_only_the_facade_imports_by_a_name_it_computes():
    """A dynamic import with a computed name cannot be mapped: only the public facade's
    lazy names (``norrort_cost.__getattr__``) and the command line's table of commands
    (mapped from the table) may use one."""
    assert {m for m, count in UNMAPPED.items() if count} <= {FACADE, LAZY}


def test_the_lazy_commands_are_modules_of_the_command_line():
    """Every module the top-level group imports by name exists in the map (so its imports,
    and any circle through them, are seen)."""
    assert _lazy_targets() <= set(GRAPH)


def test_the_core_imports_no_edge_and_nothing_imports_the_command_line():
    """The core (layers 1-5) imports no loading, rendering, storage or frames; nothing but
    the command line imports the command line."""
    assert {(m, t) for m, t in _edges() if layer(m) <= 5 and unit(t) in EDGES} == set()
    assert {(m, t) for m, t in _edges() if unit(t) == "cli" and layer(m) < 8} == set()


def test_the_facade_names_its_exports_from_below():
    """The facade's export table points into the layers below it, never the command line."""
    import norrort_cost

    assert all(layer(target) < LAYERS[FACADE] for target in norrort_cost._EXPORTS.values())


def test_the_layer_table_in_contributing_is_this_one():
    """CONTRIBUTING.md's layer table places every package as this test does."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d) [^|]*\| ([^|]+) \|", text, re.MULTILINE)
    placed = {
        name.strip("` "): int(number)
        for number, names in rows
        for name in names.split(",")
        if name.strip("` ")
    }
    assert placed == LAYERS


def test_the_core_is_grouped_by_concern():
    """Besides the shared vocabulary, every core module lives in a subpackage of its concern
    (the money policy is one package, ``money/``, split by concern)."""
    top_level = {path.stem for path in PACKAGE.glob("*.py")}
    assert top_level == {"__init__", "__main__", "problems", "problem_codes", "exit_codes"}
    assert (PACKAGE / "money" / "__init__.py").is_file()
