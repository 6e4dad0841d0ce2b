"""``norrort-cost report``: one budget year for a committee, as an HTML page or an A4 PDF."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from norrort_cost.cli.common import app, load, reporting
from norrort_cost.cli.language import chosen_language
from norrort_cost.cli.options import (
    DataDirOption,
    PopulationDateOption,
    YearOption,
    date_option,
    format_option,
)
from norrort_cost.cli.output import emit
from norrort_cost.rendering.formats import REPORT_FILE_FORMATS, Format
from norrort_cost.rendering.i18n import _


class Language(StrEnum):
    """The report's language."""

    SV = "sv"
    EN = "en"


SUFFIXES = {".html": Format.HTML, ".htm": Format.HTML, ".pdf": Format.PDF}


@app.command()
def report(
    year: YearOption,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            dir_okay=False,
            help="The report file: NAME.html or NAME.pdf.",
        ),
    ],
    municipality: Annotated[
        str | None,
        typer.Option(
            "--municipality",
            "-m",
            metavar="NAME",
            help="The member in focus: a kommunkod (0125) or a name (Ekerö).",
        ),
    ] = None,
    from_year: Annotated[
        int | None,
        typer.Option(
            "--from", metavar="YEAR", help="First year of the chart over the years (default: all)."
        ),
    ] = None,
    to_year: Annotated[
        int | None,
        typer.Option(
            "--to", metavar="YEAR", help="Last year of the chart over the years (default: all)."
        ),
    ] = None,
    report_date: Annotated[
        datetime | None,
        date_option(
            "--date",
            "The date the report is made (default: today).",
        ),
    ] = None,
    installments: Annotated[
        int | None,
        typer.Option(
            "--installments",
            metavar="N",
            help="Show the year invoiced in N installments (delbetalningar): 1, 2, 4 or 12.",
        ),
    ] = None,
    lang: Annotated[
        Language | None,
        typer.Option("--lang", help="sv or en (default: --lang before the command, else Swedish)."),
    ] = None,
    fmt: Annotated[
        Format | None,
        format_option(
            *REPORT_FILE_FORMATS, help_text="html or pdf (default: from the file's suffix)."
        ),
    ] = None,
    data_dir: DataDirOption = None,
    population_date: PopulationDateOption = None,
) -> None:
    """Write a report of one budget year for a committee: charts, table, method, sources.

    Who pays what (a bar chart and the allocation table, to the öre), the change from the
    previous year, members who joined or left, the years in a chart, the method in plain
    words with the worked example of the member in focus, the population sources and the
    budget lines. The same input and --date give the same bytes.

    Example: norrort-cost report --year 2014 --municipality Ekerö -o underlag-2014.pdf
    """
    with reporting():
        from norrort_cost import __version__
        from norrort_cost.audit.report import committee_report
        from norrort_cost.cli.common import today
        from norrort_cost.rendering.report import render_report

        chosen = fmt or _format_of(output)
        found = committee_report(
            load(data_dir),
            year,
            made_on=report_date.date() if report_date else today(),
            municipality=municipality,
            years=(from_year, to_year),
            installments=installments,
            population_date=population_date.date() if population_date else None,
        )
        language = lang.value if lang else (chosen_language() or Language.SV.value)
        emit(render_report(found, chosen, language, __version__), output)
        typer.echo(_("wrote {file}").format(file=output))
        if found.allocation.illustrative:
            typer.echo(_("ILLUSTRATIVE BUDGET: the report says so."), err=True)


def _format_of(output: Path) -> Format:
    from norrort_cost.problems import UsageError, said

    try:
        return SUFFIXES[output.suffix.lower()]
    except KeyError:
        raise UsageError(
            said("cannot tell the report's format from {name!r}", name=output.name),
            "name the file .html or .pdf, or add --format html|pdf",
            code="invalid-option-value",
        ) from None
