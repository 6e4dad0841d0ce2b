"""``norrort-cost invoices``: one invoice per paying member, as PDF and PEPPOL UBL."""

from __future__ import annotations

from contextlib import ExitStack
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from norrort_cost.cli.common import DataDirOption, YearOption, app, load, reporting
from norrort_cost.problems import said
from norrort_cost.rendering.formats import INVOICE_FORMATS, Format

if TYPE_CHECKING:
    from norrort_cost.invoicing.invoices import InvoiceRun

DEFAULT_FORMATS = ",".join(INVOICE_FORMATS)
# the calendar the datasets use (budget years 1900-2200) and the settings' longest terms
FIRST_ISSUE_DATE = date(1900, 1, 1)
LAST_ISSUE_DATE = date(2200, 12, 31)
MAX_DUE_DAYS = 365


def _issue_date_in_range(value: datetime | None) -> datetime | None:
    if value is not None and not FIRST_ISSUE_DATE <= value.date() <= LAST_ISSUE_DATE:
        raise typer.BadParameter(
            said("give a date from {first} to {last}", first=FIRST_ISSUE_DATE, last=LAST_ISSUE_DATE)
        )
    return value


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
        typer.Option(
            "--issue-date",
            metavar="YYYY-MM-DD",
            formats=["%Y-%m-%d"],
            callback=_issue_date_in_range,
            help="Invoice date, 1900-01-01 to 2200-12-31 (default: today).",
        ),
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
        bool, typer.Option("--force", help="Replace invoice files that already exist.")
    ] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Write one invoice per paying member (PDF and PEPPOL BIS Billing 3.0 UBL) and a summary.

    The managing municipality of the year invoices the others; its own share is listed
    as internal in the summary. Nothing is written unless every file could be made.

    Example: norrort-cost invoices --year 2014 --output fakturor --issue-date 2014-05-02
    """
    with reporting(), ExitStack() as stack:
        out = _directory(output, out_alias)
        chosen = _formats(formats)
        workers = None
        if {Format.PDF, Format.UBL} & set(chosen):
            from norrort_cost.rendering.pdf_workers import PdfWorkers

            workers = stack.enter_context(PdfWorkers())  # they start while the data loads
        from norrort_cost.allocation.yearly import allocate
        from norrort_cost.invoicing.invoices import build_invoices
        from norrort_cost.problems import UsageError
        from norrort_cost.rendering.fileset import publish
        from norrort_cost.rendering.invoice_set import render_invoice_run

        dataset = load(data_dir)
        day = issue_date.date() if issue_date else today()
        run = build_invoices(allocate(dataset, year), dataset, day, due_days)
        files = render_invoice_run(run, chosen, workers.render if workers else None)
        try:
            written = publish(out, files, overwrite=force)
        except OSError as exc:
            raise UsageError(
                f"could not write the invoices to {out}: {exc.strerror or exc}",
                "nothing was written; check the directory and try again",
            ) from exc
        _report(run, written, out)


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
        raise UsageError(
            f"unknown format(s): {', '.join(unknown) or '(none given)'}",
            f"choose from: {', '.join(INVOICE_FORMATS)}",
        )
    return tuple(Format(f) for f in chosen)


def _report(run: InvoiceRun, written: list[Path], out: Path) -> None:
    from norrort_cost.money import format_sek

    for path in written:
        typer.echo(f"wrote {path}")
    typer.echo(
        f"{len(run.invoices)} invoices from {run.seller.name} ({run.seller.kommunkod}) for "
        f"{run.year}: {format_sek(run.invoiced_ore)} kr invoiced + "
        f"{format_sek(run.internal_ore)} kr internal = {format_sek(run.budget_ore)} kr, "
        f"{len(written)} files in {out}"
    )
    if any(invoice.is_example for invoice in run.invoices):
        typer.echo("EXEMPEL: made from example data; the invoices say so.", err=True)


def today() -> date:
    """The local date, the default issue date (the only place that reads the clock)."""
    return datetime.now(tz=UTC).astimezone().date()
