"""One table of exit codes: the numbers the code exits with are the ones documented."""

from __future__ import annotations

import signal

from typer.testing import CliRunner

from norrort_cost import exit_codes
from norrort_cost.cli import app
from norrort_cost.cli.check import EXIT_NOT_CONSISTENT
from norrort_cost.cli.output import EXIT_BROKEN_PIPE
from norrort_cost.loading.scb.api import ScbUnreachableError
from norrort_cost.problems import DataError, UsageError


def test_errors_exit_with_the_documented_codes():
    """Bad data, usage errors, an unreachable SCB and a failed check use the table's numbers."""
    assert DataError([]).exit_code == exit_codes.DATA_ERROR
    assert UsageError("x").exit_code == exit_codes.USAGE_ERROR
    assert ScbUnreachableError("x").exit_code == exit_codes.SCB_UNREACHABLE
    assert EXIT_NOT_CONSISTENT == exit_codes.NOT_CONSISTENT
    assert EXIT_BROKEN_PIPE == exit_codes.BROKEN_PIPE


def test_signal_exit_codes_follow_the_shell_convention():
    """Interrupted and terminated runs exit 128 + the signal's number, as a shell reports."""
    assert exit_codes.INTERRUPTED == 128 + signal.SIGINT
    assert exit_codes.TERMINATED == 128 + signal.SIGTERM
    assert exit_codes.BROKEN_PIPE == 128 + signal.SIGPIPE


def test_every_exit_code_has_a_meaning_and_the_help_names_the_scripted_ones():
    """Each code of the table is explained; the top-level help lists the ones scripts meet."""
    assert all(meaning.strip() for meaning in exit_codes.EXIT_CODES.values())
    result = CliRunner().invoke(app, ["--help", "--lang", "en"], env={"COLUMNS": "200"})
    for code in (0, 1, 2, 3, 4, 141):
        assert f"{code} " in result.stdout
