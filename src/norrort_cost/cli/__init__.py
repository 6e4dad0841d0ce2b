"""The command line: parse arguments, call the library, render, map errors to exit codes.

Each command lives in its own module and registers itself on the shared ``app``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from norrort_cost.cli import allocate as _allocate  # noqa: F401 - registers the command
from norrort_cost.cli import check as _check  # noqa: F401 - registers the command
from norrort_cost.cli import compare as _compare  # noqa: F401 - registers the command
from norrort_cost.cli import dataset as _dataset  # noqa: F401 - registers the command
from norrort_cost.cli import explain as _explain  # noqa: F401 - registers the command
from norrort_cost.cli import invoices as _invoices  # noqa: F401 - registers the command
from norrort_cost.cli import payments as _payments  # noqa: F401 - registers the command
from norrort_cost.cli import population as _population  # noqa: F401 - registers the command
from norrort_cost.cli import registry as _registry  # noqa: F401 - registers the command
from norrort_cost.cli import reminders as _reminders  # noqa: F401 - registers the command
from norrort_cost.cli import report as _report  # noqa: F401 - registers the command
from norrort_cost.cli import settle as _settle  # noqa: F401 - registers the command
from norrort_cost.cli import validate as _validate  # noqa: F401 - registers the command
from norrort_cost.cli import whatif as _whatif  # noqa: F401 - registers the command
from norrort_cost.cli.common import app


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    A pipe whose reader has gone is 141 for every command and for ``--help``, wherever
    the write failed: click turns a closed pipe into exit 1 (the bad-data code) and lets
    one without an errno through as a traceback, so both are caught here.
    """
    to_null = _stdout_is_null()
    try:
        app(args=argv, prog_name="norrort-cost", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        # click met EPIPE (it wraps stdout), or rich did (it points stdout at the null device)
        pacified = type(sys.stdout).__name__ == "PacifyFlushWrapper"
        if code == 1 and (pacified or (_stdout_is_null() and not to_null)):
            return _closed_pipe()
        return code
    except BrokenPipeError:
        return _closed_pipe()
    return 0


def _stdout_is_null() -> bool:
    """Whether file descriptor 1 is the null device (rich moves it there on a closed pipe)."""
    try:
        return os.path.samestat(os.fstat(1), Path(os.devnull).stat())
    except OSError:
        return False


def _closed_pipe() -> int:
    """Quietly end a run whose standard output's reader has gone: exit 141."""
    from norrort_cost.cli.common import EXIT_BROKEN_PIPE, discard_stdout

    discard_stdout(sys.__stdout__)
    return EXIT_BROKEN_PIPE


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


__all__ = ["app", "main", "run"]
