"""``norrort-cost compare``: two years' allocations side by side, per member."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from norrort_cost.cli.audit_output import (
    TabularFormatOption,
    show,
)
from norrort_cost.cli.common import app, load, reporting
from norrort_cost.cli.options import CsvDialect, CsvDialectOption, DataDirOption, OutputOption
from norrort_cost.rendering.formats import Format


@app.command()
def compare(
    from_year: Annotated[
        int, typer.Option("--from", metavar="YEAR", help="The earlier budget year.")
    ],
    to_year: Annotated[int, typer.Option("--to", metavar="YEAR", help="The later budget year.")],
    data_dir: DataDirOption = None,
    fmt: TabularFormatOption = Format.TABLE,
    output: OutputOption = None,
    dialect: CsvDialectOption = CsvDialect.MACHINE,
    population_date: Annotated[
        datetime | None,
        typer.Option(
            "--population-date",
            metavar="YYYY-MM-DD",
            formats=["%Y-%m-%d"],
            help="Weigh the later year (--to) by population at this date instead of the "
            "settings' rule: before SCB has published its own figures, the newest date, a "
            "preliminary basis.",
        ),
    ] = None,
) -> None:
    """Compare two years: per member the change in inhabitants, share, amount, kr/inhabitant.

    Members who joined or left between the years are marked; totals at the foot.

    Example: norrort-cost compare --from 2013 --to 2014 --format xlsx -o jamforelse.xlsx
    """
    with reporting(fmt):
        from norrort_cost.audit.changes import compare as run
        from norrort_cost.rendering.audit_records import comparison_record
        from norrort_cost.rendering.change_console import print_comparison
        from norrort_cost.rendering.sheets import comparison_workbook

        on = population_date.date() if population_date else None
        result = run(load(data_dir, output), from_year, to_year, population_date=on)
        show(
            fmt,
            output,
            lambda out: print_comparison(out, result),
            lambda: comparison_record(result),
            workbook=lambda: comparison_workbook(result),
            dialect=dialect,
        )
