"""The command line: parse arguments, call the library, render, map errors to exit codes.

Each command lives in its own module and registers itself on the shared ``app``.
"""

from __future__ import annotations

import sys

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
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    try:
        app(args=argv, prog_name="norrort-cost", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


__all__ = ["app", "main", "run"]
