"""``norrort-cost settle``: credit notes and supplementary invoices for a changed year."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from norrort_cost.cli.common import app, load, reporting
from norrort_cost.cli.issued import (
    AllowEarlierOption,
    issue_date_option,
    notes,
    population_figures,
    print_issued,
    refuse_earlier_date,
    warn_about,
    wrote_lines,
)
from norrort_cost.cli.options import DataDirOption, YearOption
from norrort_cost.cli.register_file import RegisterOption, register_path
from norrort_cost.rendering.formats import Format
from norrort_cost.rendering.i18n import _

if TYPE_CHECKING:
    from norrort_cost.allocation.results import Allocation
    from norrort_cost.dataset.models import Dataset
    from norrort_cost.invoicing.settlement import Settlement
    from norrort_cost.storage.register import Register


@app.command()
def settle(
    year: YearOption,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            file_okay=False,
            help="Directory to write the documents into (not needed with --dry-run).",
        ),
    ] = None,
    actual: Annotated[
        Path | None,
        typer.Option(
            "--actual",
            metavar="FILE",
            dir_okay=False,
            exists=True,
            help="The year's actual costs (CSV: year,line,amount) instead of the budget.",
        ),
    ] = None,
    issue_date: Annotated[
        datetime | None,
        issue_date_option("Document date"),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the differences; issue nothing.")
    ] = False,
    allow_earlier_date: AllowEarlierOption = False,
    register: RegisterOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Settle a year against the register: a credit note or supplementary invoice per member.

    Compares what the register holds for the year with what the data gives now (a
    corrected population, a revised budget, or --actual costs); the differences sum to
    the change in the total. A credit note never credits more than what remains of the
    invoice it references; every document says what changed.

    Example: norrort-cost settle --year 2014 --output fakturor --data-dir my-data --dry-run
    """
    from norrort_cost.storage.signals import interruptible

    with reporting(), interruptible():
        from norrort_cost.allocation.yearly import allocate
        from norrort_cost.cli.common import today
        from norrort_cost.storage.issuing import (
            issued_outcome,
            locked_directory,
            recover,
            recover_everywhere,
        )
        from norrort_cost.storage.register import open_register

        dataset = load(data_dir)
        if actual is not None:
            from norrort_cost.loading.actual import with_actual_costs

            dataset = with_actual_costs(dataset, year, actual)
        allocation = allocate(dataset, year)
        path = register_path(register, data_dir, dataset)
        day = issue_date.date() if issue_date else today()
        # a dry run issues nothing, so no issue date of its can break the series' order
        plan = _Plan(dataset, allocation, day, actual is not None, allow_earlier_date or dry_run)
        if dry_run:
            with open_register(path, create=False) as opened:
                result = _settle(opened, plan)
            print_issued(_lines(result), "")
            return
        if out is None:
            from norrort_cost.problems import UsageError, said

            raise UsageError(
                said("settling {year} writes credit notes and invoices", year=year),
                said("add --output DIR, or --dry-run to see the differences only"),
            )
        with locked_directory(out):
            said_before = recover(out)
            with open_register(path, create=False) as opened:
                said_before += recover_everywhere(opened.run_directories().values(), skip=out)
                notes(said_before)
                with opened.transaction():
                    result = _settle(opened, plan)
                    written = _publish(opened, result, plan, out)
        print_issued([*_lines(result), *wrote_lines(written)], issued_outcome(len(written), out))


class _Plan:
    """The data a settlement is made from, and the command line's choices."""

    def __init__(
        self, dataset: Dataset, allocation: Allocation, day: date, actual: bool, earlier: bool
    ) -> None:
        self.dataset, self.allocation, self.day = dataset, allocation, day
        self.actual, self.earlier = actual, earlier


def _settle(opened: Register, plan: _Plan) -> Settlement:
    from norrort_cost.invoicing.invoices import seller_series
    from norrort_cost.invoicing.register import next_sequence
    from norrort_cost.invoicing.settlement import settle as settle_year

    year = plan.allocation.year
    seller, series = seller_series(plan.dataset, year)
    first = next_sequence(opened.highest_sequence(seller), series.first)
    result = settle_year(
        plan.allocation,
        plan.dataset,
        opened.documents(year),
        plan.day,
        first,
        figures=opened.figures(year),
        actual=plan.actual,
    )
    if result.documents:
        latest = opened.latest_issue_date(seller)
        refuse_earlier_date(plan.day, latest, seller, allowed=plan.earlier)
    return result


def _lines(result: Settlement) -> list[str]:
    """One line per member (registered -> new, the change, its documents), then the sum."""
    from norrort_cost.money import format_sek, format_signed_sek
    from norrort_cost.rendering.i18n import ngettext
    from norrort_cost.rendering.invoice_text import cause_sentences

    lines = [_("cause: {cause}").format(cause=cause) for cause in cause_sentences(result.causes)]
    kinds = {
        "invoice": _("supplementary invoice {number}"),
        "credit-note": _("credit note {number}"),
    }
    for difference in result.differences:
        mine = [d for d in result.documents if d.buyer.kommunkod == difference.kommunkod]
        if difference.kommunkod == result.seller:
            what = _("internal")
        elif not mine:
            what = _("no change")
        else:
            what = ", ".join(kinds[d.kind].format(number=d.number) for d in mine)
        lines.append(
            f"{difference.kommunkod} {difference.name}: {format_sek(difference.registered_ore)} "
            f"-> {format_sek(difference.new_ore)} kr, "
            f"{format_signed_sek(difference.difference_ore)} kr ({what})"
        )
    if result.preliminary_dates and result.population_date:
        lines.append(
            _(
                "preliminary amounts (population of {preliminary}) settled on the final "
                "figures of {final}"
            ).format(
                preliminary=", ".join(d.isoformat() for d in result.preliminary_dates),
                final=result.population_date.isoformat(),
            )
        )
    change = result.new_total_ore - result.registered_total_ore
    count = len(result.documents)
    lines.append(
        ngettext(
            "total change {change} kr; {count} document",
            "total change {change} kr; {count} documents",
            count,
        ).format(change=format_signed_sek(change), count=count)
    )
    return lines


def _publish(opened: Register, result: Settlement, plan: _Plan, out: Path) -> list[Path]:
    from norrort_cost.invoicing.register import internal_share, registered_invoice
    from norrort_cost.rendering.invoice_set import render_documents
    from norrort_cost.rendering.invoice_text import cause_lines
    from norrort_cost.storage.issuing import check_targets, publish
    from norrort_cost.storage.register import RunRecord

    if not result.documents and (result.internal is None or not result.internal.difference_ore):
        return []
    warn_about(result.documents)
    documents = render_documents(result.documents, (Format.PDF, Format.UBL))
    files = {name: data for own in documents.values() for name, data in own.items()}
    check_targets(out, files, overwrite=False)
    cause = "; ".join(cause_lines(result.causes))
    rows = [
        replace(registered_invoice(d, documents[d.number]), cause=cause) for d in result.documents
    ]
    internal = result.internal
    if internal is not None and internal.difference_ore:
        row = internal_share(result.year, result.seller, internal.name, internal.difference_ore)
        rows.append(replace(row, cause=cause, population_date=result.population_date))
    first = result.documents[0].number if result.documents else "internal"
    run_id = f"settle-{result.year}-{result.seller}-{first}-{len(opened.run_directories())}"
    record = RunRecord(run_id, "settle", result.year, str(out.resolve()), plan.earlier)
    opened.record(record, rows, documents)
    opened.record_figures(run_id, result.year, population_figures(plan.allocation))
    journal = {"run": run_id, "register": str(opened.path.resolve())}
    return publish(out, files, journal, opened.connection.commit)
