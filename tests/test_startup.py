"""Start-up stays light: each command imports only what it uses (checked by module, not timed)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = (
    "pandas",
    "numpy",
    "pydantic",
    "openpyxl",
    "fpdf",
    "matplotlib",
    "reportlab",
    "lxml",
    "xml.etree.ElementTree",
    "xml.dom.minidom",
    "norrort_cost.dataset.models",
    "norrort_cost.allocation.yearly",
    "norrort_cost.allocation.results",
    "norrort_cost.allocation.engine",
    "norrort_cost.loading",
)

PROBE = """
import json, sys
from norrort_cost.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
sys.stderr.write(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def modules_after(*argv: str) -> tuple[int, set[str]]:
    """Run the command line in a fresh interpreter; its exit code and every module imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=False
    )
    report = json.loads(done.stderr.splitlines()[-1])
    return report["code"], set(report["modules"])


@pytest.mark.parametrize("argv", [["--help"], ["--version"]])
def test_help_and_version_import_nothing_heavy(argv):
    """--help and --version load no pandas, numpy, pydantic, XLSX/PDF/XML library, nor the core."""
    code, modules = modules_after(*argv)
    assert code == 0
    assert sorted(modules & set(HEAVY)) == []


def test_a_commands_help_imports_nothing_heavy_of_ours():
    """allocate --help loads neither the core nor pandas/numpy/openpyxl.

    pydantic is allowed here: typer itself (0.2x) builds the command's parameter
    converters with pydantic as soon as a command is invoked, even for its help.
    """
    code, modules = modules_after("allocate", "--help")
    assert code == 0
    assert sorted(modules & (set(HEAVY) - {"pydantic"})) == []


def test_allocate_as_json_needs_neither_pandas_nor_rich():
    """allocate --format json validates and allocates, but loads no pandas, rich or openpyxl."""
    code, modules = modules_after("allocate", "--year", "2014", "--format", "json")
    assert code == 0
    assert "norrort_cost.allocation.yearly" in modules  # the probe really ran the command
    assert sorted(modules & {"pandas", "rich", "openpyxl"}) == []


@pytest.mark.parametrize(
    "argv",
    [["report", "--help"], ["allocate", "--year", "2014"], ["explain", "-y", "2014", "-m", "0125"]],
)
def test_only_the_report_loads_the_plotting_library(argv):
    """matplotlib (and the PDF library) load for ``report`` only: not for its help, nor for
    allocate or explain."""
    code, modules = modules_after(*argv)
    assert code == 0
    assert sorted(modules & {"matplotlib", "fpdf", "PIL"}) == []


def test_the_report_loads_the_plotting_library(tmp_path):
    """The probe above can see the PDF library: ``report`` to a PDF does load it (the
    charts are drawn by fpdf2 itself; the HTML report loads neither, see test_report)."""
    code, modules = modules_after("report", "-y", "2014", "-o", str(tmp_path / "r.pdf"))
    assert code == 0
    assert "fpdf" in modules


def test_allocate_splits_a_dataset_without_numpy():
    """allocate (table or JSON) splits fifteen members in pure Python: numpy is never imported.

    numpy is for ``allocate_many`` (many pools at once); loading it cost a fifth of the
    command's start-up.
    """
    for fmt in ("json", "table"):
        code, modules = modules_after("allocate", "--year", "2014", "--format", fmt)
        assert code == 0
        assert "norrort_cost.allocation.engine" in modules  # the split really ran
        assert "numpy" not in modules
