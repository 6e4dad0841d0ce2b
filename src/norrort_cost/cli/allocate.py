"""``norrort-cost allocate``: a year's budget split among the members."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from norrort_cost.cli.common import (
    DataDirOption,
    FormatOption,
    OutputOption,
    RoundingUnit,
    YearOption,
    app,
    emit,
    emit_table,
    load,
    reporting,
)
from norrort_cost.rendering.formats import Format

if TYPE_CHECKING:
    from norrort_cost.allocation.results import Allocation, Share


@app.command()
def allocate(
    year: YearOption,
    data_dir: DataDirOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
    municipality: Annotated[
        list[str] | None,
        typer.Option(
            "--municipality",
            "-m",
            help="Show only this member (kommunkod or name); "
            "repeatable. The split is still over all members.",
        ),
    ] = None,
    population_date: Annotated[
        datetime | None,
        typer.Option(
            "--population-date",
            formats=["%Y-%m-%d"],
            help="Weigh by population at this date instead of the settings' rule.",
        ),
    ] = None,
    rounding_unit: Annotated[
        RoundingUnit | None,
        typer.Option(
            "--rounding-unit", help="Round to whole öre or kronor (default: the settings' unit)."
        ),
    ] = None,
    by_pool: Annotated[
        bool,
        typer.Option(
            "--by-pool",
            help="Show each cost pool (base fee, per capita, equal, fixed): a column per pool "
            "in the table and CSV/XLSX, pools and parts in JSON.",
        ),
    ] = False,
) -> None:
    """Split a year's budget among the members and show every member's share.

    Example: norrort-cost allocate --year 2014 --format json

    Example: norrort-cost allocate --year 2018 --by-pool --data-dir data/examples/overformyndare
    """
    with reporting(fmt):
        from norrort_cost.allocation.yearly import allocate as run
        from norrort_cost.audit.explain import member_share

        dataset = load(data_dir, output)
        result = run(
            dataset,
            year,
            rounding_unit=rounding_unit.value if rounding_unit else None,
            population_date=population_date.date() if population_date else None,
        )
        shares = result.shares
        if municipality:
            chosen = {member_share(dataset, result, m) for m in municipality}
            shares = tuple(sorted(chosen, key=lambda share: share.kommunkod))
        _render_allocation(result, shares, fmt, output, by_pool=by_pool)


def _render_allocation(
    result: Allocation,
    shares: tuple[Share, ...],
    fmt: Format,
    output: Path | None,
    *,
    by_pool: bool = False,
) -> None:
    from norrort_cost.rendering import files, records

    if fmt == Format.TABLE:
        from norrort_cost.rendering.console import print_allocation

        emit_table(lambda out: print_allocation(out, result, shares, by_pool=by_pool), output)
    elif fmt == Format.JSON:
        emit(files.to_json(records.allocation_record(result, shares, by_pool=by_pool)), output)
    elif fmt == Format.CSV:
        emit(files.to_csv(records.csv_rows(result, shares, by_pool=by_pool)), output)
    else:
        rows = records.csv_rows(result, shares, by_pool=by_pool)
        emit(files.to_xlsx(rows, str(result.year), records.xlsx_notes(result)), output)
