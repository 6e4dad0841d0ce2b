"""Every command into a closed pipe ends quietly with 141, as a Unix tool stopped by SIGPIPE.

``settle | true`` once exited 1 (the bad-data code) with no message, ``dataset init``
showed a BrokenPipeError traceback, and ``--help`` exited 1. Each command that prints is
run here as a real process whose standard output is a pipe with no reader.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.cli.output import EXIT_BROKEN_PIPE
from tests.copies import copy_default_dataset

PX = Path(__file__).parent / "data" / "scb" / "synthetic" / "be0101n1-2018-2019.px"
COMMANDS = [
    "allocate -y 2014",
    "validate",
    "check --year 2014 --municipality Ekerö --claimed 24291",
    "compare --from 2013 --to 2014",
    "explain --year 2014 --municipality Ekerö",
    "whatif --year 2014 --without Ekerö",
    "report --year 2014 --municipality Ekerö --date 2024-05-02 -o report.html",
    "invoices --year 2016 --output invoices-2016 --issue-date 2016-05-02",
    "settle --year 2014 --dry-run",
    "dataset init new-dataset",
    "register list",
    "register show 1",
    f"population import-scb {PX} --dry-run",
    "population fetch-scb --api-url http://127.0.0.1:9/api/v2 --dry-run",
    "--help",
    "--version",
    "settle --help",
]
DATA_OPTION = {"allocate", "validate", "check", "compare", "explain", "whatif", "report",
               "invoices", "settle", "register", "population"}  # fmt: skip


@pytest.fixture(scope="module")
def workplace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset with a register holding 2014's invoices, in a folder to run in."""
    folder = tmp_path_factory.mktemp("pipe")
    data = copy_default_dataset(folder / "data")
    result = CliRunner().invoke(
        app,
        ["invoices", "--year", "2014", "--issue-date", "2014-05-02", "--output",
         str(folder / "invoices-2014"), "--data-dir", str(data)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return folder


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_into_a_closed_pipe_exits_141_without_a_traceback(workplace, command):
    """``norrort-cost COMMAND | true``: exit 141, never 1 and never a traceback (fetch-scb,
    which cannot reach its API here, says so with exit 4 before it prints anything)."""
    args = shlex.split(command)
    if args[0] in DATA_OPTION and "--help" not in args:
        args += ["--data-dir", str(workplace / "data")]
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "norrort_cost", *args],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            cwd=workplace,
            timeout=120,
            check=False,
        )
    finally:
        os.close(writer)
    assert "Traceback" not in done.stderr
    expected = 4 if "fetch-scb" in command else EXIT_BROKEN_PIPE
    assert done.returncode == expected, done.stderr
