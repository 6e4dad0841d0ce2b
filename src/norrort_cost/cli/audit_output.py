"""Output shared by the audit commands (explain, check, compare, whatif).

A table for people, or the library result's record as JSON (and, for the tabular
commands, its member rows as CSV), to stdout or atomically to ``--output``.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from norrort_cost.cli.common import OutputFormat, ReportFormat, emit, emit_table

if TYPE_CHECKING:
    from rich.console import Console


class TabularFormat(StrEnum):
    """table for people; csv (one row per member) and json for machines."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


MunicipalityOption = Annotated[
    str,
    typer.Option(
        "--municipality", "-m", help="The member: a kommunkod (0125) or a name (Ekerö, ekero)."
    ),
]
ReportFormatOption = Annotated[
    ReportFormat, typer.Option("--format", "-f", help="table for people; json for machines.")
]
TabularFormatOption = Annotated[
    TabularFormat,
    typer.Option("--format", "-f", help="table for people; csv or json for machines."),
]


def as_output_format(fmt: ReportFormat | TabularFormat) -> OutputFormat:
    """The shared format enum, for error reporting."""
    return OutputFormat(fmt.value)


def show(
    fmt: ReportFormat | TabularFormat,
    output: Path | None,
    printer: Callable[[Console], None],
    record: Callable[[], dict[str, Any]],
) -> None:
    """Render a result: ``printer`` draws the table, ``record`` gives the JSON record."""
    from norrort_cost.rendering import files

    if fmt.value == "table":
        emit_table(printer, output)
        return
    data = record()
    if fmt.value == "csv":
        emit(files.to_csv(data["members"]), output)
    else:
        emit(files.to_json(data), output)
