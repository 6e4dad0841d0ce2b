"""``norrort-cost settle``: credit notes and supplementary invoices for a changed year."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from norrort_cost.cli.common import DataDirOption, YearOption, app, load, reporting
from norrort_cost.cli.invoices import issue_date_option
from norrort_cost.cli.registry import RegisterOption, register_path, warn_about
from norrort_cost.rendering.formats import Format
from norrort_cost.rendering.i18n import _

if TYPE_CHECKING:
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
    register: RegisterOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Settle a year against the register: a credit note or supplementary invoice per member.

    Compares what the register holds for the year with what the data gives now (a
    corrected population, a revised budget, or --actual costs); the differences sum to
    the change in the total.

    Example: norrort-cost settle --year 2014 --output fakturor --data-dir my-data --dry-run
    """
    from norrort_cost.storage.signals import interruptible

    with reporting(), interruptible():
        from norrort_cost.allocation.yearly import allocate
        from norrort_cost.cli.invoices import today
        from norrort_cost.invoicing.invoices import seller_series
        from norrort_cost.invoicing.register import next_sequence
        from norrort_cost.invoicing.settlement import settle as settle_year
        from norrort_cost.storage.issuing import locked_directory, recover
        from norrort_cost.storage.register import open_register

        dataset = load(data_dir)
        if actual is not None:
            from norrort_cost.loading.actual import with_actual_costs

            dataset = with_actual_costs(dataset, year, actual)
        allocation = allocate(dataset, year)
        path = register_path(register, data_dir, dataset, out)
        day = issue_date.date() if issue_date else today()
        seller, series = seller_series(dataset, year)
        if dry_run:
            with open_register(path, create=False) as opened:
                first = next_sequence(opened.highest_sequence(seller), series.first)
                result = settle_year(allocation, dataset, opened.documents(year), day, first)
            _print(result)
            return
        if out is None:
            from norrort_cost.problems import UsageError, said

            raise UsageError(
                said("settling {year} writes credit notes and invoices", year=year),
                said("add --output DIR, or --dry-run to see the differences only"),
            )
        with locked_directory(out):
            for note in recover(out):
                typer.echo(note, err=True)
            with open_register(path, create=False) as opened, opened.transaction():
                first = next_sequence(opened.highest_sequence(seller), series.first)
                result = settle_year(allocation, dataset, opened.documents(year), day, first)
                _print(result)
                written = _publish(opened, result, out)
        for written_path in written:
            typer.echo(_("wrote {file}").format(file=written_path))


def _print(result: Settlement) -> None:
    from norrort_cost.money import format_sek, format_signed_sek

    for difference in result.differences:
        document = next(
            (d for d in result.documents if d.buyer.kommunkod == difference.kommunkod), None
        )
        what = (
            "internal"
            if difference.kommunkod == result.seller
            else ("no change" if document is None else f"{document.kind} {document.number}")
        )
        typer.echo(
            f"{difference.kommunkod} {difference.name}: {format_sek(difference.registered_ore)} -> "
            f"{format_sek(difference.new_ore)} kr, {format_signed_sek(difference.difference_ore)} "
            f"kr ({what})"
        )
    if result.preliminary_dates and result.population_date:
        typer.echo(
            _(
                "preliminary amounts (population of {preliminary}) settled on the final "
                "figures of {final}"
            ).format(
                preliminary=", ".join(d.isoformat() for d in result.preliminary_dates),
                final=result.population_date.isoformat(),
            )
        )
    change = result.new_total_ore - result.registered_total_ore
    typer.echo(f"total change {format_signed_sek(change)} kr; {len(result.documents)} documents")


def _publish(opened: Register, result: Settlement, out: Path) -> list[Path]:
    from norrort_cost.invoicing.register import internal_share, registered_invoice
    from norrort_cost.rendering.invoice_set import render_documents
    from norrort_cost.storage.issuing import check_targets, publish

    if not result.documents and (result.internal is None or not result.internal.difference_ore):
        return []
    warn_about(result.documents)
    documents = render_documents(result.documents, (Format.PDF, Format.UBL))
    files = {name: data for own in documents.values() for name, data in own.items()}
    check_targets(out, files, overwrite=False)
    rows = [registered_invoice(d, documents[d.number]) for d in result.documents]
    internal = result.internal
    if internal is not None and internal.difference_ore:
        change = internal_share(result.year, result.seller, internal.name, internal.difference_ore)
        rows.append(replace(change, population_date=result.population_date))
    first = result.documents[0].number if result.documents else "internal"
    run_id = f"settle-{result.year}-{result.seller}-{first}"
    opened.record((run_id, "settle", result.year), rows, documents)
    journal = {"run": run_id, "register": str(opened.path.resolve())}
    return publish(out, files, journal, opened.connection.commit)
