"""What ``invoices`` and ``settle`` share: the options both take, the guards both apply,
the warnings before a run, and what they say once it is issued.

After the register commit a run is issued: a failure while printing its summary (a
closed pipe, a full disk behind ``>``, a signal) must neither undo it nor claim that
nothing was written. A closed pipe exits 141 quietly, as ``allocate`` does.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from norrort_cost.cli.output import EXIT_BROKEN_PIPE, discard_stdout
from norrort_cost.problems import UsageError, said
from norrort_cost.rendering.i18n import _

if TYPE_CHECKING:
    from norrort_cost.allocation.results import Allocation
    from norrort_cost.invoicing.documents import Invoice

AllowEarlierOption = Annotated[
    bool,
    typer.Option(
        "--allow-earlier-date",
        help="Allow an issue date earlier than the latest in the seller's series "
        "(recorded in the register).",
    ),
]


# an issue date lies in the calendar the datasets use (budget years 1900-2200)
FIRST_ISSUE_DATE = date(1900, 1, 1)
LAST_ISSUE_DATE = date(2200, 12, 31)


def issue_date_in_range(value: datetime | None) -> datetime | None:
    if value is not None and not FIRST_ISSUE_DATE <= value.date() <= LAST_ISSUE_DATE:
        raise typer.BadParameter(
            said("give a date from {first} to {last}", first=FIRST_ISSUE_DATE, last=LAST_ISSUE_DATE)
        )
    return value


def issue_date_option(what: str) -> Any:  # noqa: ANN401 - typer's OptionInfo
    """``--issue-date`` for documents dated ``what`` (the caller defaults it to today)."""
    return typer.Option(
        "--issue-date",
        metavar="YYYY-MM-DD",
        formats=["%Y-%m-%d"],
        callback=issue_date_in_range,
        help=f"{what}, 1900-01-01 to 2200-12-31 (default: today).",
    )


def print_issued(lines: Sequence[str], outcome: str) -> None:
    """Print ``lines`` on stdout; on failure say ``outcome`` (what the run really did)."""
    from norrort_cost.storage.signals import Interrupted

    try:
        for line in lines:
            typer.echo(line)
        sys.stdout.flush()
    except BrokenPipeError:
        discard_stdout(sys.stdout)
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except OSError as exc:
        discard_stdout(sys.stdout)
        raise UsageError(
            said("could not write to standard output: {reason}", reason=exc.strerror or str(exc)),
            outcome,
        ) from None
    except Interrupted as exc:
        raise Interrupted(exc.signum, outcome) from None


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


def warn_about(invoices: Sequence[Invoice]) -> None:
    """Warn on stderr about missing buyer references and characters the PDF cannot print."""
    from norrort_cost.rendering.pdf import unprintable

    missing = sorted({i.buyer.kommunkod for i in invoices if not i.buyer_reference_given})
    if missing:
        fallback = next(i.buyer_reference for i in invoices if not i.buyer_reference_given)
        typer.echo(
            _(
                "warning: no buyer reference (Er referens, BT-10) for {codes}: their "
                "invoices carry {fallback}; add buyer_reference to municipalities.csv or "
                "[invoicing.buyer_references] in cooperation.toml"
            ).format(codes=", ".join(missing), fallback=repr(fallback)),
            err=True,
        )
    odd = sorted(set().union(*(unprintable(i) for i in invoices)))
    if odd:
        shown = ", ".join(f"U+{ord(c):04X}" for c in odd)
        typer.echo(
            _("warning: the PDF font lacks {characters}; printed as '?'").format(characters=shown),
            err=True,
        )


def population_figures(allocation: Allocation) -> dict[str, tuple[date, int]]:
    """The population figure (date, inhabitants) each member's share was computed with."""
    return {s.kommunkod: (s.population_date, s.inhabitants) for s in allocation.shares}
