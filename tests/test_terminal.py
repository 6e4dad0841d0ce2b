"""What reaches a terminal or a pipe: data printed literally, and standard output that fails.

Names are data, never rich markup (``[/]``, ``[bold]``, ``[link=...]``, ``:smile:``), and
control characters are shown as escapes. A closed or full standard output is a clear usage
error (exit 2); a pipe whose reader has gone ends the command quietly with 141, as a shell
reports a Unix tool stopped by SIGPIPE.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost.allocation.yearly import allocate
from norrort_cost.cli import app
from norrort_cost.cli.output import EXIT_BROKEN_PIPE
from norrort_cost.dataset.models import Dataset
from norrort_cost.problems import Problem
from norrort_cost.rendering.console import WIDE, console, print_allocation, print_problems

runner = CliRunner()
PLAIN = {"COLUMNS": "200", "NO_COLOR": "1"}
MARKUP_NAMES = [
    "Ekerö [/]",
    "Ekerö [bold]fet[/bold]",
    "Ekerö [link=https://example.com]länk[/link]",
    "Ekerö :smile:",
    "Ekerö [red]",
]


def _rename_ekero(data_dir: Path, name: str) -> None:
    path = data_dir / "municipalities.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("0125,Ekerö,", f'0125,"{name}",'), encoding="utf-8")


@pytest.mark.parametrize("name", MARKUP_NAMES)
@pytest.mark.parametrize(
    "command",
    [
        ["allocate", "-y", "2014"],
        ["allocate", "-y", "2014", "--by-pool"],
        ["explain", "-y", "2014", "-m", "0125"],
        ["whatif", "-y", "2014", "--without", "0114"],
    ],
    ids=["allocate", "by-pool", "explain", "whatif"],
)
def test_a_name_that_looks_like_markup_is_printed_as_written(
    data_copy: Path, name: str, command: list[str]
) -> None:
    """A municipality named with rich markup or an emoji code: every table shows it as is."""
    _rename_ekero(data_copy, name)
    result = runner.invoke(app, [*command, "--data-dir", str(data_copy)], env=PLAIN)
    assert result.exit_code == 0, result.output
    assert name in result.stdout


def test_a_name_that_looks_like_markup_is_literal_in_messages(data_copy: Path) -> None:
    """An unknown member given as ``[/]``: the usage error quotes it, without a crash."""
    result = runner.invoke(
        app, ["allocate", "-y", "2014", "-m", "[/][bold]x", "--data-dir", str(data_copy)], env=PLAIN
    )
    assert result.exit_code == 2
    assert "'[/][bold]x'" in result.stderr


def _with_ekero_named(dataset: Dataset, name: str) -> Dataset:
    municipalities = tuple(
        m.model_copy(update={"name": name}) if m.kommunkod == "0125" else m
        for m in dataset.municipalities
    )
    return dataset.model_copy(update={"municipalities": municipalities})


def test_control_characters_in_a_name_never_reach_the_terminal(dataset: Dataset) -> None:
    """ESC, CR, BEL and a C1 CSI in a name are shown as ``\\x1b`` etc. in the table."""
    name = "Ekerö\x1b[31mröd\r\x07\x9b2J"
    result = allocate(_with_ekero_named(dataset, name), 2014)
    buffer = io.StringIO()
    print_allocation(console(buffer), result, result.shares)
    text = buffer.getvalue()
    assert "Ekerö\\x1b[31mröd\\x0d\\x07\\x9b2J" in text
    assert not any((ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) < 0xA0 for c in text)


def test_control_characters_in_a_problem_are_escaped() -> None:
    """A problem whose message carries data with ESC prints the escape, not the character."""
    problem = Problem(
        file="municipalities.csv",
        line=3,
        column="name",
        value="x",
        code="example",
        message="name Ekerö\x1b]8;;https://example.com\x07 is odd",
        hint="",
    )
    buffer = io.StringIO()
    print_problems(console(buffer), [problem])
    assert "Ekerö\\x1b]8;;https://example.com\\x07 is odd" in buffer.getvalue()
    assert "\x1b" not in buffer.getvalue()


@pytest.mark.parametrize("columns", ["abc", "", "-5", "0", "٨٠"])
def test_a_columns_value_that_is_not_a_width_falls_back(
    monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    """COLUMNS that is not a positive whole number is ignored: tables are 132 wide."""
    monkeypatch.setenv("COLUMNS", columns)
    assert console(io.StringIO()).width == WIDE
    result = runner.invoke(app, ["allocate", "-y", "2014"], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output


def _run(*args: str, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "norrort_cost", *args],
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=60,
        **options,  # type: ignore[call-overload]
    )


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_a_pipe_whose_reader_has_gone_ends_quietly_with_141(fmt: str) -> None:
    """``allocate | head -1``: the reader leaves; exit 141, nothing on stderr."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = _run("allocate", "-y", "2014", "-f", fmt, stdout=writer)
    finally:
        os.close(writer)
    assert (done.returncode, done.stderr) == (EXIT_BROKEN_PIPE, "")


def test_validate_into_a_closed_pipe_ends_quietly_with_141() -> None:
    """validate's report into a pipe nobody reads: exit 141, not 1 (which means bad data)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = _run("validate", stdout=writer)
    finally:
        os.close(writer)
    assert (done.returncode, done.stderr) == (EXIT_BROKEN_PIPE, "")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_standard_output_on_a_full_disk_is_a_clear_error(fmt: str) -> None:
    """Output to /dev/full: "No space left on device" on stderr, exit 2, no traceback."""
    with Path("/dev/full").open("w") as full:
        done = _run("allocate", "-y", "2014", "-f", fmt, stdout=full)
    assert done.returncode == 2
    assert "could not write to standard output: No space left on device" in done.stderr
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr


@pytest.mark.parametrize(
    "command", [["allocate", "-y", "2014"], ["allocate", "-y", "2014", "-f", "json"], ["validate"]]
)
def test_a_closed_standard_output_is_a_clear_error(command: list[str]) -> None:
    """Started with stdout closed (``>&-``): "standard output is closed", exit 2."""
    done = _run(*command, stdout=None, preexec_fn=lambda: os.close(1))
    assert done.returncode == 2
    assert "standard output is closed" in done.stderr
    assert "Traceback" not in done.stderr
