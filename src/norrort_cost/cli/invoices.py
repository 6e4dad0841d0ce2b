"""``norrort-cost invoices``: a year's invoices, numbered, recorded in the register, written."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from norrort_cost.cli.common import app, load, reporting, today
from norrort_cost.cli.invoice_run import IssueRequest, issue_run
from norrort_cost.cli.issued import (
    AllowEarlierOption,
    issue_date_option,
    new_register_note,
    notes,
    print_issued,
)
from norrort_cost.cli.options import DataDirOption, PopulationDateOption, YearOption, member_codes
from norrort_cost.cli.register_file import RegisterOption, register_path
from norrort_cost.problems import said
from norrort_cost.rendering.formats import INVOICE_FORMATS, Format

DEFAULT_FORMATS = ",".join(INVOICE_FORMATS)
MAX_DUE_DAYS = 365  # the settings' longest payment terms


@app.command()
def invoices(
    year: YearOption,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            file_okay=False,
            help="Directory to write the invoices into (required).",
        ),
    ] = None,
    out_alias: Annotated[
        Path | None,
        typer.Option("--out", file_okay=False, hidden=True, help="Old name of --output."),
    ] = None,
    issue_date: Annotated[
        datetime | None,
        issue_date_option("Invoice date"),
    ] = None,
    due_days: Annotated[
        int | None,
        typer.Option(
            "--due-days",
            metavar="DAYS",
            min=0,
            max=MAX_DUE_DAYS,
            help="Days until due, 0 to 365 (default: the settings' payment terms).",
        ),
    ] = None,
    installments: Annotated[
        int | None,
        typer.Option(
            "--installments",
            metavar="N",
            help="Invoices per member and year: 1, 2, 4 or 12 (default: the settings').",
        ),
    ] = None,
    members: Annotated[
        list[str] | None,
        typer.Option(
            "--municipality",
            "-m",
            metavar="MEMBER",
            help="Issue (or re-send an identical copy of) only this member's invoices.",
        ),
    ] = None,
    member_alias: Annotated[
        list[str] | None,
        typer.Option("--member", hidden=True, help="Old name of --municipality."),
    ] = None,
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="pdf,ubl,csv,json",
            help="Comma-separated, any of: pdf, ubl (PEPPOL BIS 3 XML), csv and json "
            "(the summary).",
        ),
    ] = DEFAULT_FORMATS,
    force: Annotated[
        bool, typer.Option("--force", help="Replace other files of the same names in --output.")
    ] = False,
    allow_earlier_date: AllowEarlierOption = False,
    register: RegisterOption = None,
    data_dir: DataDirOption = None,
    population_date: PopulationDateOption = None,
) -> None:
    """Issue one invoice per paying member (PDF and PEPPOL BIS Billing 3.0 UBL) and a summary.

    The managing municipality of the year invoices the others, numbered from its series
    and recorded in the invoice register (one register per seller's series, wherever
    --output is); its own share is listed as internal. A member already invoiced for the
    year is refused. Nothing is written unless every file could be made, and nothing
    issued is ever deleted.

    Example: norrort-cost invoices --year 2014 --output fakturor --issue-date 2014-05-02
    """
    from norrort_cost.storage.signals import interruptible

    with reporting(), interruptible():
        from norrort_cost.allocation.yearly import allocate
        from norrort_cost.storage.issuing import locked_directory, recover, recover_everywhere
        from norrort_cost.storage.register import open_register

        out = _directory(output, out_alias)
        chosen = _formats(formats)
        _check_installments(installments)
        dataset = load(data_dir)
        allocation = allocate(
            dataset, year, population_date=population_date.date() if population_date else None
        )
        codes = member_codes(dataset, [*(members or []), *(member_alias or [])])
        path = register_path(register, data_dir, dataset)
        day = issue_date.date() if issue_date else today()
        request = IssueRequest(day, chosen, force, allow_earlier_date)
        with locked_directory(out):
            said_before = [*recover(out), *new_register_note(path)]
            with open_register(path) as opened:
                said_before += recover_everywhere(opened.run_directories().values(), skip=out)
                notes(said_before)
                with opened.transaction():
                    issued = issue_run(
                        opened, dataset, allocation, codes, (request, due_days, installments), out
                    )
        print_issued(issued.lines, issued.outcome)


def _check_installments(count: int | None) -> None:
    from norrort_cost.invoicing.schedule import INSTALLMENT_COUNTS
    from norrort_cost.problems import UsageError

    if count is not None and count not in INSTALLMENT_COUNTS:
        raise UsageError(
            said("--installments {count} is not a schedule", count=count),
            "choose 1, 2, 4 or 12 installments",
        )


def _directory(output: Path | None, alias: Path | None) -> Path:
    """The directory from --output (or its old name --out): exactly one of them."""
    from norrort_cost.problems import UsageError

    if output is not None and alias is not None and output != alias:
        raise UsageError("--output and --out name two directories", "give --output only")
    chosen = output or alias
    if chosen is None:
        raise UsageError("invoices need a directory", "add --output DIR, e.g. --output fakturor")
    return chosen


def _formats(text: str) -> tuple[Format, ...]:
    """The formats named in ``--format`` (comma-separated), each one of INVOICE_FORMATS."""
    from norrort_cost.problems import UsageError

    chosen = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [f for f in chosen if f not in INVOICE_FORMATS]
    if unknown or not chosen:
        hint = said("choose from: {formats}", formats=", ".join(INVOICE_FORMATS))
        if not unknown:
            raise UsageError("no format given", hint)
        raise UsageError(said("unknown format(s): {formats}", formats=", ".join(unknown)), hint)
    return tuple(Format(f) for f in chosen)
