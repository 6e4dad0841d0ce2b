"""An invoice run of ``norrort-cost invoices`` inside the open register: the invoices
built, rendered, recorded and published (or identical copies re-sent), and the run's
summary in words."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from norrort_cost.cli.issued import (
    notes,
    population_figures,
    refuse_earlier_date,
    warn_about,
    wrote_lines,
)
from norrort_cost.rendering.formats import Format
from norrort_cost.rendering.i18n import _

if TYPE_CHECKING:
    from collections.abc import Sequence

    from norrort_cost.allocation.results import Allocation
    from norrort_cost.dataset.models import Dataset
    from norrort_cost.invoicing.documents import InvoiceRun
    from norrort_cost.invoicing.register import Registered
    from norrort_cost.storage.register import Register


class IssueRequest:
    """What the command line asked for besides the year."""

    def __init__(self, day: date, formats: tuple[Format, ...], force: bool, earlier: bool) -> None:
        self.day, self.formats, self.force, self.earlier = day, formats, force, earlier


class Issued:
    """What a run issued: the lines to print, and what it did in words (for failures)."""

    def __init__(self, lines: list[str], outcome: str) -> None:
        self.lines, self.outcome = lines, outcome


def issue_run(
    opened: Register,
    dataset: Dataset,
    allocation: Allocation,
    codes: frozenset[str] | None,
    options: tuple[IssueRequest, int | None, int | None],
    out: Path,
) -> Issued:
    """Issue the members' invoices of the year in the open register (or re-send identical
    copies of those already issued, when every member named has some)."""
    from norrort_cost.invoicing.invoices import Numbering, build_invoices, seller_series
    from norrort_cost.invoicing.register import next_sequence, refuse_reissue
    from norrort_cost.storage.issuing import issued_outcome

    request, due_days, installments = options
    seller, series = seller_series(dataset, allocation.year)
    recorded = opened.documents(allocation.year)
    if codes is not None and (resent := _resend(opened, recorded, codes, seller, out, request)):
        return Issued(wrote_lines(resent), issued_outcome(len(resent), out))
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
    return Issued(
        [*_report(run, len(written), out, partial=codes is not None), *wrote_lines(written)],
        issued_outcome(len(written), out),
    )


def _publish(
    opened: Register,
    allocation: Allocation,
    run: InvoiceRun,
    scope: tuple[Sequence[Registered], frozenset[str] | None],
    request: IssueRequest,
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
    request: IssueRequest,
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
