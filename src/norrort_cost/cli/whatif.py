"""``norrort-cost whatif``: a year recomputed with changed memberships, nothing saved."""

from __future__ import annotations

from typing import Annotated

import typer

from norrort_cost.cli.audit_output import (
    TabularFormatOption,
    show,
)
from norrort_cost.cli.common import app, load, reporting
from norrort_cost.cli.options import (
    CsvDialect,
    CsvDialectOption,
    DataDirOption,
    OutputOption,
    PopulationDateOption,
    YearOption,
)
from norrort_cost.rendering.formats import Format


@app.command()
def whatif(
    year: YearOption,
    join: Annotated[
        list[str] | None,
        typer.Option(
            "--join",
            help="CODE:DATE, member from DATE (inclusive); repeatable.",
            metavar="CODE:DATE",
        ),
    ] = None,
    leave: Annotated[
        list[str] | None,
        typer.Option(
            "--leave",
            help="CODE:DATE, DATE is the last day of membership; repeatable.",
            metavar="CODE:DATE",
        ),
    ] = None,
    without: Annotated[
        list[str] | None,
        typer.Option("--without", help="CODE, not a member at all; repeatable.", metavar="CODE"),
    ] = None,
    data_dir: DataDirOption = None,
    fmt: TabularFormatOption = Format.TABLE,
    output: OutputOption = None,
    dialect: CsvDialectOption = CsvDialect.MACHINE,
    population_date: PopulationDateOption = None,
) -> None:
    """Recompute a year with changed memberships: baseline, new amount, difference per member.

    CODE is a kommunkod or a name. Difference = new - baseline (positive: pays more).
    The dataset on disk is not changed.

    Example: norrort-cost whatif --year 2014 --without Ekerö
    """
    with reporting(fmt):
        from norrort_cost.audit.changes import ChangeKind, parse_change
        from norrort_cost.audit.changes import whatif as run
        from norrort_cost.rendering.audit_records import whatif_record
        from norrort_cost.rendering.change_console import print_whatif

        dataset = load(data_dir, output)
        requested = [
            (ChangeKind.JOIN, join),
            (ChangeKind.LEAVE, leave),
            (ChangeKind.WITHOUT, without),
        ]
        changes = [
            parse_change(kind, text, dataset.municipalities)
            for kind, texts in requested
            for text in texts or []
        ]
        on = population_date.date() if population_date else None
        result = run(dataset, year, changes, population_date=on)
        from norrort_cost.rendering.sheets import whatif_workbook

        show(
            fmt,
            output,
            lambda out: print_whatif(out, result),
            lambda: whatif_record(result),
            workbook=lambda: whatif_workbook(result),
            dialect=dialect,
        )
