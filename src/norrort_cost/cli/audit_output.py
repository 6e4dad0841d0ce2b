"""Output shared by the audit commands (explain, check, compare, whatif).

A table for people, or the library result's record as JSON (and, for the tabular
commands, its member rows as CSV), to stdout or atomically to ``--output``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from norrort_cost.cli.common import emit, emit_table, format_option
from norrort_cost.rendering.formats import REPORT_FORMATS, TABULAR_FORMATS, Format

if TYPE_CHECKING:
    from rich.console import Console


MunicipalityOption = Annotated[
    str,
    typer.Option(
        "--municipality", "-m", help="The member: a kommunkod (0125) or a name (Ekerö, ekero)."
    ),
]
ReportFormatOption = Annotated[
    Format, format_option(*REPORT_FORMATS, help_text="table for people; json for machines.")
]
TabularFormatOption = Annotated[
    Format,
    format_option(*TABULAR_FORMATS, help_text="table for people; csv or json for machines."),
]


def show(
    fmt: Format,
    output: Path | None,
    printer: Callable[[Console], None],
    record: Callable[[], dict[str, Any]],
) -> None:
    """Render a result: ``printer`` draws the table, ``record`` gives the JSON record."""
    from norrort_cost.rendering import files

    if fmt == Format.TABLE:
        emit_table(printer, output)
        return
    data = record()
    if fmt == Format.CSV:
        emit(files.to_csv(data["members"]), output)
    else:
        emit(files.to_json(data), output)
