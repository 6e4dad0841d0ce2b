"""The options several commands share, typed once: ``--data-dir``, ``--year``, ``--format``,
``--output``, ``--csv-dialect``, ``--population-date``, the ``--date``-style options, and
what a ``--municipality`` names."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from norrort_cost.rendering.formats import ALLOCATION_FORMATS, Format

if TYPE_CHECKING:
    from norrort_cost.dataset.models import Dataset

DATA_DIR_ENV = "NORRORT_COST_DATA_DIR"


class CsvDialect(StrEnum):
    """machine: comma, dot decimals, LF; excel-sv: what Swedish Excel opens well."""

    MACHINE = "machine"
    EXCEL_SV = "excel-sv"


CsvDialectOption = Annotated[
    CsvDialect,
    typer.Option(
        "--csv-dialect",
        help="machine: comma, dot decimals, UTF-8, LF. excel-sv: semicolon, decimal comma, "
        "UTF-8 with BOM, CRLF, for a double click in Swedish Excel. Same columns in both.",
    ),
]


class RoundingUnit(StrEnum):
    """The unit amounts are rounded to."""

    ORE = "ore"
    KRONA = "krona"


DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        metavar="DIR",
        envvar=DATA_DIR_ENV,
        show_envvar=True,
        file_okay=False,
        help="Dataset directory (default: the embedded Koordination Norrort data).",
    ),
]
YearOption = Annotated[
    int, typer.Option("--year", "-y", metavar="YEAR", help="Budget year, e.g. 2014.")
]


def date_option(flag: str, help_text: str) -> Any:  # noqa: ANN401 - typer's OptionInfo
    """A ``--flag YYYY-MM-DD`` option: a day the command is told (the clock only by default)."""
    return typer.Option(flag, metavar="YYYY-MM-DD", formats=["%Y-%m-%d"], help=help_text)


def format_option(*choices: Format, help_text: str) -> Any:  # noqa: ANN401 - typer's OptionInfo
    """``--format``/``-f`` taking one of ``choices`` (of the one :class:`Format` enum)."""
    from norrort_cost.problems import said

    names = [choice.value for choice in choices]

    def parse(text: str | Format) -> Format:
        if text not in names:
            quoted = ", ".join(repr(name) for name in names)
            raise typer.BadParameter(
                said("{text!r} is not one of {names}.", text=text, names=quoted)
            )
        return Format(text)

    return typer.Option(
        "--format", "-f", parser=parse, metavar=f"<{'|'.join(names)}>", help=help_text
    )


FormatOption = Annotated[
    Format,
    format_option(
        *ALLOCATION_FORMATS,
        help_text="table for people; csv, json, xlsx for machines (dot decimals, ISO dates).",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        dir_okay=False,
        help="Write to this file (atomically) instead of stdout; a symbolic link is followed "
        "and its target replaced. Never one of the dataset's own files.",
    ),
]

PopulationDateOption = Annotated[
    datetime | None,
    typer.Option(
        "--population-date",
        metavar="YYYY-MM-DD",
        formats=["%Y-%m-%d"],
        help="Weigh by population at this date instead of the settings' rule. Before SCB "
        "has published the year's own figures: the newest date, a preliminary basis that "
        "settle later brings to the final figures.",
    ),
]


MembersOption = Annotated[
    list[str] | None,
    typer.Option(
        "--municipality",
        "-m",
        metavar="NAME",
        help="Only this member (kommunkod or name); repeatable.",
    ),
]


def member_codes(dataset: Dataset, written: Sequence[str]) -> frozenset[str] | None:
    """The kommunkoder of ``--municipality`` options (None when none was given)."""
    if not written:
        return None
    from norrort_cost.dataset.lookup import find_municipality

    return frozenset(find_municipality(dataset.municipalities, text).kommunkod for text in written)
