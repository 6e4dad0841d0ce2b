"""The command line: parse arguments, call the library, render, map errors to exit codes.

Each command lives in its own module and registers itself on the shared ``app`` when the
command is first used (:mod:`norrort_cost.cli.lazy`): a run imports only what it runs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from norrort_cost.cli.common import app
from norrort_cost.cli.lazy import LazyGroup

# the top-level group imports and builds a command when it is first used
app.info.cls = LazyGroup


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
    from norrort_cost.cli.output import EXIT_BROKEN_PIPE, discard_stdout

    discard_stdout(sys.__stdout__)
    return EXIT_BROKEN_PIPE


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


__all__ = ["app", "main", "run"]
