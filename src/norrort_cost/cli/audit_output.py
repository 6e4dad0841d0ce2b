"""Output shared by the audit commands (explain, check, compare, whatif).

A table for people, or the library result's record as JSON (and, for the tabular
commands, its member rows as CSV in either dialect, and a workbook as XLSX), to stdout or
atomically to ``--output``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from norrort_cost.cli.options import CsvDialect, format_option
from norrort_cost.cli.output import emit, emit_csv, emit_table
from norrort_cost.rendering.formats import REPORT_FORMATS, TABULAR_FORMATS, Format

if TYPE_CHECKING:
    from rich.console import Console


MunicipalityOption = Annotated[
    str,
    typer.Option(
        "--municipality",
        "-m",
        metavar="NAME",
        help="The member: a kommunkod (0125) or a name (Ekerö, ekero).",
    ),
]
ReportFormatOption = Annotated[
    Format, format_option(*REPORT_FORMATS, help_text="table for people; json for machines.")
]
TabularFormatOption = Annotated[
    Format,
    format_option(
        *TABULAR_FORMATS,
        help_text="table for people; csv, json or xlsx (a workbook, needs --output) for machines.",
    ),
]


def show(
    fmt: Format,
    output: Path | None,
    printer: Callable[[Console], None],
    record: Callable[[], dict[str, Any]],
    *,
    workbook: Callable[[], bytes] | None = None,
    dialect: CsvDialect = CsvDialect.MACHINE,
) -> None:
    """Render a result: ``printer`` draws the table, ``record`` gives the JSON record (its
    members are the CSV rows), ``workbook`` makes the XLSX."""
    from norrort_cost.rendering import files

    if fmt == Format.TABLE:
        emit_table(printer, output)
    elif fmt == Format.XLSX and workbook is not None:
        emit(workbook(), output)
    elif fmt == Format.CSV:
        emit_csv(record()["members"], dialect, output)
    else:
        emit(files.to_json(record()), output)
