"""``norrort-cost invoices``: a year's invoices, numbered, recorded in the register, written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from norrort_cost.cli.common import app, load, reporting, today
from norrort_cost.cli.issued import (
    new_register_note,
    notes,
    print_issued,
    refuse_earlier_date,
    wrote_lines,
)
from norrort_cost.cli.options import DataDirOption, PopulationDateOption, YearOption, member_codes
from norrort_cost.cli.registry import AllowEarlierOption, RegisterOption, register_path, warn_about
from norrort_cost.problems import said
from norrort_cost.rendering.formats import INVOICE_FORMATS, Format
from norrort_cost.rendering.i18n import _

if TYPE_CHECKING:
    from collections.abc import Sequence

    from norrort_cost.allocation.results import Allocation
    from norrort_cost.dataset.models import Dataset
    from norrort_cost.invoicing.documents import InvoiceRun
    from norrort_cost.invoicing.register import Registered
    from norrort_cost.storage.register import Register

DEFAULT_FORMATS = ",".join(INVOICE_FORMATS)
# the calendar the datasets use (budget years 1900-2200) and the settings' longest terms
FIRST_ISSUE_DATE = date(1900, 1, 1)
LAST_ISSUE_DATE = date(2200, 12, 31)
MAX_DUE_DAYS = 365


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
        request = _Request(day, chosen, force, allow_earlier_date)
        with locked_directory(out):
            said_before = [*recover(out), *new_register_note(path)]
            with open_register(path) as opened:
                said_before += recover_everywhere(opened.run_directories().values(), skip=out)
                notes(said_before)
                with opened.transaction():
                    issued = _issue(
                        opened, dataset, allocation, codes, (request, due_days, installments), out
                    )
        print_issued(issued.lines, issued.outcome)


class _Request:
    """What the command line asked for besides the year."""

    def __init__(self, day: date, formats: tuple[Format, ...], force: bool, earlier: bool) -> None:
        self.day, self.formats, self.force, self.earlier = day, formats, force, earlier


class _Issued:
    """What a run issued: the lines to print, and what it did in words (for failures)."""

    def __init__(self, lines: list[str], outcome: str) -> None:
        self.lines, self.outcome = lines, outcome


def _issue(
    opened: Register,
    dataset: Dataset,
    allocation: Allocation,
    codes: frozenset[str] | None,
    options: tuple[_Request, int | None, int | None],
    out: Path,
) -> _Issued:
    from norrort_cost.invoicing.invoices import Numbering, build_invoices, seller_series
    from norrort_cost.invoicing.register import next_sequence, refuse_reissue
    from norrort_cost.storage.issuing import issued_outcome

    request, due_days, installments = options
    seller, series = seller_series(dataset, allocation.year)
    recorded = opened.documents(allocation.year)
    if codes is not None and (resent := _resend(opened, recorded, codes, seller, out, request)):
        return _Issued(wrote_lines(resent), issued_outcome(len(resent), out))
    everyone = [s.kommunkod for s in allocation.shares if s.amount_ore and s.kommunkod != seller]
    refuse_reissue(recorded, allocation.year, codes or set(everyone), everyone)
    refuse_earlier_date(
        request.day, opened.latest_issue_date(seller), seller, allowed=request.earlier
    )
    numbering = Numbering(
        next_sequence(opened.highest_sequence(seller), series.first), installments, codes
    )
    run = build_invoices(allocation, dataset, request.day, due_days, numbering)
    if not run.invoices:
        from norrort_cost.problems import UsageError, said

        raise UsageError(
            said("no invoice to issue for {year}", year=allocation.year),
            "check --municipality",
        )
    warn_about(run.invoices)
    written = _publish(opened, allocation, run, (recorded, codes), request, out)
    return _Issued(
        [*_report(run, len(written), out, partial=codes is not None), *wrote_lines(written)],
        issued_outcome(len(written), out),
    )


def _publish(
    opened: Register,
    allocation: Allocation,
    run: InvoiceRun,
    scope: tuple[Sequence[Registered], frozenset[str] | None],
    request: _Request,
    out: Path,
) -> list[Path]:
    from norrort_cost.invoicing.register import internal_share, registered_invoice
    from norrort_cost.rendering.invoice_records import summary_basename
    from norrort_cost.rendering.invoice_set import render_invoice_run
    from norrort_cost.storage.issuing import check_targets, publish
    from norrort_cost.storage.register import RunRecord

    recorded, codes = scope
    basename = summary_basename(run.year)
    if codes is not None:
        basename = f"{basename}-{'-'.join(sorted(codes))}"
    rendered = render_invoice_run(run, request.formats, basename)
    check_targets(out, rendered.files, overwrite=request.force)
    rows = [registered_invoice(i, rendered.documents[i.number]) for i in run.invoices]
    if not any(r.kind == "internal" for r in recorded):
        internal = internal_share(run.year, run.seller.kommunkod, run.seller.name, run.internal_ore)
        if run.invoices:  # the seller's own share rests on the same population as the invoices
            first = run.invoices[0]
            internal = replace(internal, basis=first.basis, population_date=first.population_date)
        rows.append(internal)
    run_id = f"invoices-{run.year}-{run.seller.kommunkod}-{run.invoices[0].number}"
    directory = str(out.resolve())
    opened.record(
        RunRecord(run_id, "invoices", run.year, directory, request.earlier),
        rows,
        rendered.documents,
    )
    opened.record_figures(run_id, run.year, population_figures(allocation))
    journal = {"run": run_id, "register": str(opened.path.resolve())}
    return publish(out, rendered.files, journal, opened.connection.commit)


def _resend(
    opened: Register,
    recorded: Sequence[Registered],
    codes: frozenset[str],
    seller: str,
    out: Path,
    request: _Request,
) -> list[Path]:
    """Identical copies of the members' registered documents, if all of them have some.

    Each stored file is compared with the SHA-256 recorded when it was issued first: a
    changed copy is refused, never sent.
    """
    from norrort_cost.problems import said
    from norrort_cost.storage.issuing import check_targets, publish
    from norrort_cost.storage.verify import stored_copy

    mine = [r for r in recorded if r.kind != "internal" and r.kommunkod in codes]
    if {r.kommunkod for r in mine if r.kind == "invoice"} != set(codes):
        return []
    files: dict[str, bytes] = {}
    for row in mine:
        files.update(stored_copy(opened, row.number, row.seller or seller))
    check_targets(out, files, overwrite=request.force)
    written = publish(out, files, {"run": "resend", "register": ""}, lambda: None)
    numbers = ", ".join(r.number for r in mine)
    notes([said("re-sent identical copies of document(s) {numbers} from the register",
                numbers=numbers)])  # fmt: skip
    return written


def _check_installments(count: int | None) -> None:
    from norrort_cost.invoicing.schedule import INSTALLMENT_COUNTS
    from norrort_cost.problems import UsageError, said

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
    from norrort_cost.problems import UsageError, said

    chosen = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [f for f in chosen if f not in INVOICE_FORMATS]
    if unknown or not chosen:
        hint = said("choose from: {formats}", formats=", ".join(INVOICE_FORMATS))
        if not unknown:
            raise UsageError("no format given", hint)
        raise UsageError(said("unknown format(s): {formats}", formats=", ".join(unknown)), hint)
    return tuple(Format(f) for f in chosen)


def _report(run: InvoiceRun, written: int, out: Path, *, partial: bool) -> list[str]:
    """The run's summary line; the sum holds the internal share only for a full run."""
    from norrort_cost.money import format_sek
    from norrort_cost.rendering.i18n import ngettext

    counts = {
        "count": len(run.invoices),
        "first": run.invoices[0].number,
        "last": run.invoices[-1].number,
        "seller": run.seller.name,
        "code": run.seller.kommunkod,
        "year": run.year,
        "invoiced": format_sek(run.invoiced_ore),
        "files": written,
        "out": out,
    }
    head = ngettext(
        "{count} invoice ({first} … {last}) from {seller} ({code}) for {year}",
        "{count} invoices ({first} … {last}) from {seller} ({code}) for {year}",
        len(run.invoices),
    )
    if partial:
        sums = _("{invoiced} kr invoiced")
    else:
        sums = _("{invoiced} kr invoiced + {internal} kr internal = {budget} kr")
    tail = ngettext("{files} file in {out}", "{files} files in {out}", written)
    values = {
        **counts,
        "internal": format_sek(run.internal_ore),
        "budget": format_sek(run.budget_ore),
    }
    lines = [f"{head.format(**values)}: {sums.format(**values)}, {tail.format(**values)}"]
    if any(invoice.is_example for invoice in run.invoices):
        notes(["EXEMPEL: made from example data; the invoices say so."])
    return lines


def population_figures(allocation: Allocation) -> dict[str, tuple[date, int]]:
    """The population figure (date, inhabitants) each member's share was computed with."""
    return {s.kommunkod: (s.population_date, s.inhabitants) for s in allocation.shares}
