"""--region-column and --value-column mean the same for every format: honoured or refused.

PC-Axis and JSON-stat files once ignored both (``NoSuchColumn`` imported with exit 0)
while a CSV refused them. A cube's region is its region dimension and its figures are its
contents: naming those is honoured (the same figures), naming anything else is refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.loading.scb import ColumnChoice, read_export

runner = CliRunner()
SYNTHETIC = Path(__file__).parent / "data" / "scb" / "synthetic"
CUBES = ["be0101n1-2018-2019.px", "tab638-2020-jsonstat2.json"]


def figures(name: str, **choice: str):
    found, _, problems = read_export((SYNTHETIC / name).read_bytes(), name, ColumnChoice(**choice))
    return sorted((f.region, f.reference_date, f.inhabitants) for f in found), [
        (p.code, p.value) for p in problems
    ]


@pytest.mark.parametrize("name", CUBES)
@pytest.mark.parametrize("option", ["--region-column", "--value-column"])
def test_a_column_the_cube_does_not_have_is_refused_by_import_scb(data_copy, name, option):
    """import-scb FILE --region-column NoSuchColumn (or --value-column): exit 1, the name
    refused with what the file has instead; population.csv untouched."""
    before = (data_copy / "population.csv").read_bytes()
    result = runner.invoke(
        app,
        [
            "population",
            "import-scb",
            str(SYNTHETIC / name),
            "--data-dir",
            str(data_copy),
            option,
            "NoSuchColumn",
        ],
    )
    assert result.exit_code == 1
    assert "NoSuchColumn" in result.output
    assert "unknown-column" in result.output
    assert (data_copy / "population.csv").read_bytes() == before


@pytest.mark.parametrize("name", CUBES)
def test_naming_the_cubes_own_region_and_contents_gives_the_same_figures(name):
    """--region-column region and --value-column Folkmängd (any case) are honoured: the
    figures are those read without them."""
    plain, problems = figures(name)
    assert problems == []
    assert plain
    assert figures(name, region="REGION", value="folkmängd") == (plain, [])


def test_a_pcaxis_region_column_naming_the_year_dimension_is_refused():
    """The year dimension ("år") is not the region: refused, naming the region dimension."""
    found, problems = figures(CUBES[0], region="år")
    assert (found, problems) == ([], [("unknown-column", "år")])
