"""`norrort-cost validate` and the plausibility warnings a finance officer wants."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost import load_dataset
from norrort_cost.cli import app
from norrort_cost.population.plausibility import warnings
from tests.copies import copy_default_dataset

runner = CliRunner()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the embedded dataset."""
    return copy_default_dataset(tmp_path / "data")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_default_dataset_is_valid_without_warnings() -> None:
    """validate on the embedded dataset exits 0 and has nothing to warn about."""
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(": valid")
    assert warnings(load_dataset()) == []


def test_population_jump_over_ten_percent_warns(data: Path) -> None:
    """Sundbyberg 46 110 -> 57 750 in a year (+25 %) warns, and so does the fall after it."""
    replace(data / "population.csv", "0183,2016-12-31,47750", "0183,2016-12-31,57750")
    found = [(p.file, p.column, p.value, p.code) for p in warnings(load_dataset(data))]
    assert found == [
        ("population.csv", "inhabitants", "0183 2016-12-31", "population-jump"),
        ("population.csv", "inhabitants", "0183 2017-12-31", "population-jump"),
    ]


def test_population_change_of_exactly_ten_percent_does_not_warn(data: Path) -> None:
    """The threshold is 'more than 10 %': Vaxholm 11 140 -> 12 254 (exactly +10 %) passes,
    one more inhabitant (12 255) warns."""
    replace(data / "population.csv", "0187,2011-12-31,11141", "0187,2011-12-31,11140")
    replace(data / "population.csv", "0187,2012-12-31,11126", "0187,2012-12-31,12254")
    replace(data / "population.csv", "0187,2013-12-31,11188", "0187,2013-12-31,12254")
    assert [p.value for p in warnings(load_dataset(data))] == []
    replace(data / "population.csv", "0187,2012-12-31,12254", "0187,2012-12-31,12255")
    assert [p.value for p in warnings(load_dataset(data))] == ["0187 2012-12-31"]


def test_budget_jump_over_25_percent_warns(data: Path) -> None:
    """A budget line typed in tkr x 1000 by mistake makes the year jump: one warning each way."""
    replace(data / "budget.csv", "2016,Resor och övrigt,16000", "2016,Resor och övrigt,616000")
    found = [(p.file, p.value, p.code, p.severity) for p in warnings(load_dataset(data))]
    assert found == [
        ("budget.csv", "2016", "budget-jump", "warning"),
        ("budget.csv", "2017", "budget-jump", "warning"),
    ]


def test_reference_date_after_the_budget_year_warns(data: Path) -> None:
    """A fixed population date of 2016-12-31 is in the future of the 2013-2015 budgets."""
    replace(
        data / "cooperation.toml",
        'population_reference = "previous-year-end"',
        'population_reference = "2016-12-31"',
    )
    found = [(p.file, p.code, p.message[:8]) for p in warnings(load_dataset(data))]
    assert found == [
        ("cooperation.toml", "reference-after-year", "the 2013"),
        ("cooperation.toml", "reference-after-year", "the 2014"),
        ("cooperation.toml", "reference-after-year", "the 2015"),
    ]


def test_warnings_are_shown_with_exit_0_and_do_not_block_allocate(data: Path) -> None:
    """validate shows warnings but exits 0; allocate still runs on the same data."""
    replace(data / "budget.csv", "2016,Resor och övrigt,16000", "2016,Resor och övrigt,616000")
    result = runner.invoke(app, ["validate", "--data-dir", str(data)])
    assert result.exit_code == 0
    assert "warning [budget-jump]" in result.output
    assert "0 errors, 3 warnings" in result.output  # and 2027 awaiting SCB's figures
    allocated = runner.invoke(app, ["allocate", "-y", "2016", "--data-dir", str(data)])
    assert allocated.exit_code == 0


def test_missing_population_for_a_billed_year_is_an_error(data: Path) -> None:
    """A member without a figure at a billed year's reference date: exit 1, located."""
    replace(data / "population.csv", "0125,2013-12-31,26355,SCB BE0101N1\n", "")
    result = runner.invoke(app, ["validate", "--data-dir", str(data), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["valid"] is False
    assert [(p["file"], p["line"], p["code"]) for p in report["problems"]] == [
        ("memberships.csv", 6, "missing-population"),
        ("budget.csv", 58, "population-not-yet-available"),  # 2027 awaits SCB's figures
    ]


def test_json_report_lists_warnings_with_the_documented_schema(data: Path) -> None:
    """--format json: schema, counts and every problem as the library's Problem records."""
    replace(data / "population.csv", "0183,2016-12-31,47750", "0183,2016-12-31,57750")
    result = runner.invoke(app, ["validate", "--data-dir", str(data), "-f", "json"])
    assert result.exit_code == 0
    report = json.loads(result.output)
    expected = [p.as_dict() for p in warnings(load_dataset(data))]
    pending = [p for p in report["problems"] if p["code"] == "population-not-yet-available"]
    assert [p["value"] for p in pending] == ["2027"]  # the 2027 budget awaits SCB's figures
    report["problems"] = [p for p in report["problems"] if p not in pending]
    assert report == {
        "schema": "norrort-cost.validation",
        "schema_version": 1,
        "dataset": str(data),
        "valid": True,
        "errors": 0,
        "warnings": 3,
        "problems": expected,
    }


def test_budget_change_of_exactly_25_percent_does_not_warn(data: Path) -> None:
    """886 000 kr (2015) -> 1 107 500 kr (2016) is exactly +25 % and passes; 1 kr more warns."""
    replace(
        data / "budget.csv",
        "2016,Personal (strateg inkl. personalomkostnader),801000",
        "2016,Personal (strateg inkl. personalomkostnader),993500",
    )
    assert warnings(load_dataset(data)) == []
    replace(
        data / "budget.csv",
        "2016,Personal (strateg inkl. personalomkostnader),993500",
        "2016,Personal (strateg inkl. personalomkostnader),993501",
    )
    assert [p.value for p in warnings(load_dataset(data))] == ["2016"]
