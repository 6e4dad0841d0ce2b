"""A one-command typer app that takes ``allocate``'s options and does nothing with them.

Not a target: a reference. It shows what typer costs on its own to parse a command line
like ``allocate --year 2014 --format json`` (typer 0.29 converts every option through a
pydantic TypeAdapter, which imports pydantic's schema machinery), against the same
baseline as ``allocate``: the floor any typer command of this shape stands on.
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Fmt(StrEnum):
    """Output formats, as allocate's --format."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


class Unit(StrEnum):
    """Rounding units, as allocate's --rounding-unit."""

    ORE = "ore"
    KRONA = "krona"


app = typer.Typer(add_completion=False)


@app.command()
def allocate(  # noqa: PLR0913, PLR0917 - one parameter per option, as allocate has
    year: Annotated[list[int] | None, typer.Option("--year", "-y")] = None,
    years: Annotated[str | None, typer.Option("--years")] = None,
    data_dir: Annotated[Path | None, typer.Option("--data-dir", file_okay=False)] = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f")] = Fmt.TABLE,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    municipality: Annotated[list[str] | None, typer.Option("--municipality", "-m")] = None,
    population_date: Annotated[
        datetime | None, typer.Option("--population-date", formats=["%Y-%m-%d"])
    ] = None,
    rounding_unit: Annotated[Unit | None, typer.Option("--rounding-unit")] = None,
    by_pool: Annotated[bool, typer.Option("--by-pool")] = False,  # noqa: FBT002
    dialect: Annotated[str, typer.Option("--csv-dialect")] = "machine",
) -> None:
    """Parse allocate's options and print the year."""
    typer.echo(json.dumps({"year": year, "format": fmt.value}))


if __name__ == "__main__":
    app()
