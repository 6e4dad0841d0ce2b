"""``norrort-cost check``: reconcile a figure someone wrote with the computed share."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import typer

from norrort_cost.cli.audit_output import (
    MunicipalityOption,
    ReportFormatOption,
    show,
)
from norrort_cost.cli.common import app, load, reporting
from norrort_cost.cli.options import DataDirOption, OutputOption, PopulationDateOption, YearOption
from norrort_cost.rendering.formats import Format

EXIT_NOT_CONSISTENT = 3


@app.command()
def check(
    year: YearOption,
    municipality: MunicipalityOption,
    claimed: Annotated[
        str,
        typer.Option(
            "--claimed",
            "-c",
            metavar="AMOUNT",
            help="The figure as written, e.g. 'ca 24.300 tkr', '24 300 kr', '0,0243 mnkr'.",
        ),
    ],
    tolerance: Annotated[
        str,
        typer.Option(
            "--tolerance",
            "-t",
            metavar="PERCENT",
            help="Allowed difference in percent, e.g. 1 or 0,5.",
        ),
    ] = "1",
    data_dir: DataDirOption = None,
    fmt: ReportFormatOption = Format.TABLE,
    output: OutputOption = None,
    population_date: PopulationDateOption = None,
) -> None:
    """Check a claimed amount against the computed share, considering every reading of it.

    Exit code 0 when the claim is consistent (within the tolerance, default 1 %, or
    rounded at its own precision: "ca 0,024 mnkr" is whole thousands), 3 when it is not:
    inconsistent, or a likely unit or separator slip (the reading that would be
    consistent is named). 1 and 2 keep their meaning (bad data, usage error).

    Example: norrort-cost check --year 2014 --municipality Ekerö --claimed "ca 24.300 tkr"
    """
    with reporting(fmt):
        from norrort_cost.audit.reconcile import Verdict
        from norrort_cost.audit.reconcile import check as run
        from norrort_cost.rendering.audit_console import print_check
        from norrort_cost.rendering.audit_records import check_record

        dataset = load(data_dir, output)
        on = population_date.date() if population_date else None
        result = run(
            dataset, year, municipality, claimed, tolerance=_percent(tolerance), population_date=on
        )
        show(fmt, output, lambda out: print_check(out, result), lambda: check_record(result))
    if result.verdict != Verdict.CONSISTENT:
        raise typer.Exit(EXIT_NOT_CONSISTENT)


def _percent(text: str) -> Decimal:
    from norrort_cost.money import NumberFormatError, parse_decimal
    from norrort_cost.problems import UsageError, said

    try:
        return parse_decimal(text.strip().removesuffix("%")) / 100
    except NumberFormatError:
        raise UsageError(
            said("--tolerance {text!r} is not a number", text=text),
            "give a percentage, e.g. 1 or 0,5",
            code="invalid-option-value",
        ) from None
