"""``norrort-cost explain``: every step from the inputs to one member's amount."""

from __future__ import annotations

from norrort_cost.cli.audit_output import (
    MunicipalityOption,
    ReportFormatOption,
    show,
)
from norrort_cost.cli.common import app, load, reporting
from norrort_cost.cli.options import DataDirOption, OutputOption, PopulationDateOption, YearOption
from norrort_cost.rendering.formats import Format


@app.command()
def explain(
    year: YearOption,
    municipality: MunicipalityOption,
    data_dir: DataDirOption = None,
    fmt: ReportFormatOption = Format.TABLE,
    output: OutputOption = None,
    population_date: PopulationDateOption = None,
) -> None:
    """Show every step from the inputs to one member's amount, reproducible by hand.

    Inhabitants and reference date, days of membership, weight, the sum of weights, the
    exact quota, floor, remainder rank and leftover öre, the amount and kr per inhabitant.

    Example: norrort-cost explain --year 2014 --municipality Ekerö
    """
    with reporting(fmt):
        from norrort_cost.audit.explain import explain as run
        from norrort_cost.rendering.audit_console import print_explanation
        from norrort_cost.rendering.audit_records import explanation_record

        on = population_date.date() if population_date else None
        result = run(load(data_dir, output), year, municipality, population_date=on)
        show(
            fmt,
            output,
            lambda out: print_explanation(out, result),
            lambda: explanation_record(result),
        )
