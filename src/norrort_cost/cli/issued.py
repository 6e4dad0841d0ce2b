"""What ``invoices`` and ``settle`` say once a run is issued, and the guards both apply.

After the register commit a run is issued: a failure while printing its summary (a
closed pipe, a full disk behind ``>``, a signal) must neither undo it nor claim that
nothing was written. A closed pipe exits 141 quietly, as ``allocate`` does.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import typer

from norrort_cost.cli.output import EXIT_BROKEN_PIPE
from norrort_cost.problems import UsageError, said
from norrort_cost.rendering.i18n import _


def print_issued(lines: Sequence[str], outcome: str) -> None:
    """Print ``lines`` on stdout; on failure say ``outcome`` (what the run really did)."""
    from norrort_cost.storage.signals import Interrupted

    try:
        for line in lines:
            typer.echo(line)
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except OSError as exc:
        _discard_stdout()
        raise UsageError(
            said("could not write to standard output: {reason}", reason=exc.strerror or str(exc)),
            outcome,
        ) from None
    except Interrupted as exc:
        raise Interrupted(exc.signum, outcome) from None


def _discard_stdout() -> None:
    """Point stdout at the null device, so nothing still buffered fails again at exit."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # not a real file (a test's buffer): nothing to flush
        pass


def notes(lines: Sequence[str]) -> None:
    """Notes for people on stderr (recovered runs, a new register), in their language."""
    from norrort_cost.rendering.i18n import spoken

    for line in lines:
        typer.echo(spoken(line), err=True)


def new_register_note(path: Path) -> list[str]:
    """A note when this run is about to start a register (never silently)."""
    if path.exists():
        return []
    return [said("starting a new invoice register at {path}", path=str(path))]


def refuse_earlier_date(day: date, latest: date | None, seller: str, *, allowed: bool) -> None:
    """Refuse an issue date before the latest of the seller's series, unless allowed."""
    if latest is None or day >= latest or allowed:
        return
    raise UsageError(
        said(
            "the issue date {day} is earlier than {latest}, the latest date in the series "
            "of {seller}",
            day=day.isoformat(),
            latest=latest.isoformat(),
            seller=seller,
        ),
        said(
            "give --issue-date {latest} or later, or add --allow-earlier-date (the register "
            "records it); nothing was written",
            latest=latest.isoformat(),
        ),
    )


def wrote_lines(paths: Sequence[Path]) -> list[str]:
    """One "wrote FILE" line per file written."""
    return [_("wrote {file}").format(file=path) for path in paths]
