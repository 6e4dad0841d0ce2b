"""The command line: golden output, exit codes, errors on stderr, no partial output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app, main
from norrort_cost.rendering.layout import unbroken
from tests.conftest import assert_golden

runner = CliRunner()
WIDE = {"COLUMNS": "132", "NO_COLOR": "1"}


def test_allocate_2014_table_matches_golden() -> None:
    """The 2014 table for people: Ekerö 24 291,03, total 857 000,00, illustrative notice."""
    result = runner.invoke(app, ["allocate", "--year", "2014"], env=WIDE)
    assert result.exit_code == 0
    assert unbroken("24 291,03") in result.stdout
    assert unbroken("857 000,00") in result.stdout
    assert "ILLUSTRATIVE BUDGET" in result.stdout
    assert_golden("allocate-2014.txt", result.stdout)


def test_allocate_2014_json_matches_golden() -> None:
    """The machine schema for 2014 is stable, byte for byte."""
    result = runner.invoke(app, ["allocate", "--year", "2014", "--format", "json"])
    assert result.exit_code == 0
    assert_golden("allocate-2014.json", result.stdout)


BUDGETS = {
    2013: 815000,
    2014: 857000,
    2015: 886000,
    2016: 915000,
    2017: 941000,
    2018: 972000,
    2019: 1000000,
}  # kronor, the illustrative budget of data/budget.csv


@pytest.mark.parametrize(("year", "budget"), BUDGETS.items())
def test_json_amounts_sum_to_the_budget(year: int, budget: int) -> None:
    """For every budget year the JSON amounts sum exactly to that year's budget."""
    result = runner.invoke(app, ["allocate", "--year", str(year), "--format", "json"])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["budget"] == f"{budget}.00"
    assert sum(s["amount_ore"] for s in record["shares"]) == budget * 100
    assert record["method"]["version"] == "2"  # base fee: full-year members pay the fee


def test_csv_output_has_one_row_per_member() -> None:
    """CSV: a header and 15 rows with dot decimals and the method on every row."""
    result = runner.invoke(app, ["allocate", "--year", "2014", "--format", "csv"])
    lines = result.stdout.splitlines()
    assert len(lines) == 16
    assert lines[0].startswith("cooperation,year,kommunkod,name")
    ekero = next(line for line in lines if ",0125," in line)
    assert ",24291.03,2429103," in ekero


def test_xlsx_is_written_to_a_file_and_is_deterministic(tmp_path: Path) -> None:
    """XLSX needs --output; two runs give identical bytes."""
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for target in (first, second):
        result = runner.invoke(app, ["allocate", "-y", "2014", "-f", "xlsx", "-o", str(target)])
        assert result.exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    refused = runner.invoke(app, ["allocate", "-y", "2014", "-f", "xlsx"])
    assert refused.exit_code == 2


def test_municipality_filter_matches_names_in_any_case() -> None:
    """--municipality ekerö (lower case) shows Ekerö only."""
    result = runner.invoke(app, ["allocate", "-y", "2014", "-m", "ekerö", "-f", "json"])
    shares = json.loads(result.stdout)["shares"]
    assert [s["name"] for s in shares] == ["Ekerö"]


def test_municipality_filter_without_diacritics_only_suggests() -> None:
    """--municipality ekero is no name in the dataset: exit 2, 'did you mean Ekerö?'."""
    result = runner.invoke(app, ["allocate", "-y", "2014", "-m", "ekero", "-f", "json"])
    assert result.exit_code == 2
    assert "did you mean Ekerö?" in result.stderr


def test_year_without_budget_is_a_usage_error() -> None:
    """Exit 2 and the list of years with a budget, on stderr."""
    result = runner.invoke(app, ["allocate", "--year", "2030"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "there is no budget for 2030" in result.stderr
    assert "2013, 2014, 2015, 2016, 2017, 2018, 2019" in result.stderr


def test_bad_data_exits_1_with_every_problem_and_no_output(data_copy: Path, tmp_path: Path) -> None:
    """Bad input: exit 1, all problems on stderr, no traceback, no output file."""
    text = (data_copy / "budget.csv").read_text(encoding="utf-8")
    text = text.replace("2014,Resor och övrigt,15000", "2014,Resor och övrigt,-15000")
    (data_copy / "budget.csv").write_text(text.replace("2019,", "2019x,", 1), encoding="utf-8")
    out = tmp_path / "out.json"
    result = runner.invoke(
        app, ["allocate", "-y", "2014", "--data-dir", str(data_copy), "-f", "json", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert not out.exists()
    assert "Traceback" not in result.output
    report = json.loads(result.stderr)
    assert [(p["line"], p["code"]) for p in report["problems"]] == [
        (9, "negative-amount"),
        (26, "invalid-number"),
        (58, "population-not-yet-available"),  # the 2027 budget awaits SCB's figures
    ]


def test_data_dir_from_environment(data_copy: Path) -> None:
    """NORRORT_COST_DATA_DIR selects the dataset when --data-dir is not given."""
    (data_copy / "budget.csv").write_text("year,line,amount\n2014,Allt,100\n", encoding="utf-8")
    result = runner.invoke(
        app, ["allocate", "-y", "2014", "-f", "json"], env={"NORRORT_COST_DATA_DIR": str(data_copy)}
    )
    assert json.loads(result.stdout)["budget_ore"] == 10000


def test_problems_table_names_file_line_column_and_hint(data_copy: Path) -> None:
    """For people: file:line [column], the code, the message and a hint."""
    text = (data_copy / "population.csv").read_text(encoding="utf-8")
    (data_copy / "population.csv").write_text(
        text.replace("0114,2013-12-31,41449", "114,2013-12-31,41449"), encoding="utf-8"
    )
    result = runner.invoke(app, ["allocate", "-y", "2014", "--data-dir", str(data_copy)], env=WIDE)
    assert result.exit_code == 1
    assert "population.csv:47 [kommunkod]: error [kommunkod-lost-zero]" in result.stderr
    assert "hint: a spreadsheet probably dropped the leading zero: write 0114" in result.stderr


def test_main_returns_exit_codes() -> None:
    """main(argv) is testable without a subprocess and returns the exit code."""
    assert main(["--version"]) == 0
    assert main(["allocate", "--year", "2030"]) == 2


def test_version_and_help() -> None:
    """--version prints the version; --help teaches the commands."""
    assert runner.invoke(app, ["--version"]).stdout.startswith("norrort-cost ")
    help_text = runner.invoke(app, ["allocate", "--help"], env=WIDE).stdout
    assert "--population-date" in help_text
    assert "NORRORT_COST_DATA_DIR" in help_text


def test_installed_console_script_runs_from_another_directory(tmp_path: Path) -> None:
    """The installed norrort-cost finds its embedded data from any directory."""
    script = shutil.which("norrort-cost", path=str(Path(sys.executable).parent))
    assert script is not None
    completed = subprocess.run(
        [script, "allocate", "--year", "2014", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["total"]["amount"] == "857000.00"


def _command_paths() -> list[list[str]]:
    """Every leaf command of the app, as the words that call it."""
    import typer

    paths: list[list[str]] = []

    def walk(command: Any, prefix: list[str]) -> None:
        if hasattr(command, "list_commands"):  # a group: its commands loaded when asked for
            context = command.context_class(command)
            for name in command.list_commands(context):
                walk(command.get_command(context, name), [*prefix, name])
        else:
            paths.append(prefix)

    walk(typer.main.get_command(app), [])
    return paths


def test_every_command_has_help_with_an_example() -> None:
    """Every command teaches: a description and an example in its --help."""
    paths = _command_paths()
    assert {" ".join(p) for p in paths} >= {
        "allocate",
        "explain",
        "invoices",
        "validate",
        "population import-scb",
        "population fetch-scb",
        "dataset init",
    }
    for path in paths:
        result = runner.invoke(app, [*path, "--help"], env=WIDE)
        assert result.exit_code == 0, path
        assert "Example: norrort-cost " + " ".join(path) in result.stdout, path


def test_table_written_to_a_file_equals_the_table_on_stdout(tmp_path: Path) -> None:
    """--output with the table format writes the same table, through an atomic write."""
    target = tmp_path / "table.txt"
    on_stdout = runner.invoke(app, ["allocate", "-y", "2014"], env=WIDE).stdout
    result = runner.invoke(app, ["allocate", "-y", "2014", "-o", str(target)], env=WIDE)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == on_stdout
    assert [p.name for p in tmp_path.iterdir()] == ["table.txt"]


def test_unwritable_output_is_a_usage_error_not_a_traceback(tmp_path: Path) -> None:
    """An --output that cannot be written: exit 2, a message, no traceback."""
    (tmp_path / "afile").write_text("", encoding="utf-8")
    result = runner.invoke(
        app, ["allocate", "-y", "2014", "-f", "json", "-o", str(tmp_path / "afile" / "x.json")]
    )
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "could not write" in result.stderr


def test_output_files_get_ordinary_permissions(tmp_path: Path) -> None:
    """A written file is readable by others as usual (umask 022: 0644), not 0600."""
    import os

    target = tmp_path / "shares.csv"
    old = os.umask(0o022)
    try:
        runner.invoke(app, ["allocate", "-y", "2014", "-f", "csv", "-o", str(target)])
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_filtering_on_a_member_that_was_not_a_member_that_year_is_a_usage_error() -> None:
    """Ekerö joined in 2014: asking for its 2013 share says so (exit 2), no empty table."""
    result = runner.invoke(app, ["allocate", "-y", "2013", "-m", "Ekerö"])
    assert result.exit_code == 2
    assert "Ekerö (0125) was not a member in 2013" in result.stderr
    assert result.stdout == ""


def test_next_years_budget_before_scb_publishes_blocks_only_that_year(data_copy: Path) -> None:
    """The 2027 budget without 2026-12-31 figures (SCB publishes them in February 2027): a
    warning; 2026 still works; 2027 exits 1 saying the figures are not published yet."""
    data = ["--data-dir", str(data_copy)]
    assert runner.invoke(app, ["allocate", "-y", "2026", "-f", "json", *data]).exit_code == 0
    checked = runner.invoke(app, ["validate", "-f", "json", *data])
    assert checked.exit_code == 0
    report = json.loads(checked.stdout)
    assert [(p["file"], p["line"], p["code"], p["severity"]) for p in report["problems"]] == [
        ("budget.csv", 58, "population-not-yet-available", "warning")
    ]
    refused = runner.invoke(app, ["allocate", "-y", "2027", "-f", "json", *data])
    assert refused.exit_code == 1
    assert {p["code"] for p in json.loads(refused.stderr)["problems"]} == {
        "population-not-published"
    }
