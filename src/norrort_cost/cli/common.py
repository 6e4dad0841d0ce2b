"""The command line's app and its top-level options, error reporting, the dataset loaded.

Exit codes (stable, for scripts): 0 success; 1 the input data has problems;
2 a usage error (bad option, a year without budget, an unknown municipality, an output
that cannot be written: standard output closed or on a full disk, --output naming one of
the dataset's own files); 3 a checked claim is not consistent; 4 SCB's API cannot be
reached (``fetch-scb``); 141 standard output is a pipe whose reader has gone (``| head``),
the code a shell shows for a Unix tool stopped by SIGPIPE; nothing is printed then.
Heavy modules are imported inside the commands, so ``--help`` stays fast. The options
several commands share are in :mod:`norrort_cost.cli.options`, writing a result in
:mod:`norrort_cost.cli.output`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from norrort_cost import __version__
from norrort_cost.cli.json_errors import JsonErrorsGroup, json_error
from norrort_cost.cli.localized import LocalizedTyper
from norrort_cost.cli.options import DATA_DIR_ENV
from norrort_cost.rendering.formats import Format

if TYPE_CHECKING:
    from norrort_cost.dataset.models import Dataset
    from norrort_cost.problems import Problem

APP_HELP = (
    "Split the yearly cost of an inter-municipal cooperation among its members by "
    "population, exactly to the öre, and explain every figure.\n\n"
    "Uses the embedded Koordination Norrort dataset unless --data-dir (or "
    f"${DATA_DIR_ENV}) names another. Exit codes: 0 ok, 1 bad input data, 2 usage error, "
    "3 a checked claim is not consistent, 4 SCB's API cannot be reached, "
    "141 the reader of a pipe has gone (| head).\n\n"
    "Example: norrort-cost allocate --year 2014"
)


app = LocalizedTyper(
    name="norrort-cost",
    help=APP_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=JsonErrorsGroup,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"norrort-cost {__version__}")
        raise typer.Exit


class Language(StrEnum):
    """The language of the output for people."""

    SV = "sv"
    EN = "en"


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    lang: Annotated[
        Language | None,
        typer.Option(
            "--lang",
            help="Language for people: sv or en, before or after the command (default: sv "
            "when LC_ALL, LC_MESSAGES or LANG is sv_*, else en). Machine output is the same "
            "in both.",
        ),
    ] = None,
) -> None:
    """Split a cooperation's cost among its members by population."""


@contextmanager
def reporting(fmt: Format = Format.TABLE) -> Iterator[None]:
    """Turn domain errors into messages on stderr and the documented exit codes."""
    from norrort_cost.loading import workbooks
    from norrort_cost.problems import DataError, UsageError, said
    from norrort_cost.storage.signals import Interrupted

    limits = workbooks.LIMITS
    try:
        # the input limits the environment sets, in force while the command reads its files
        workbooks.LIMITS = workbooks.limits_from(os.environ, limits)
        yield
    except Interrupted as exc:
        from norrort_cost.rendering.console import error_console, print_message

        stopped = said("interrupted by {signal}", signal=str(exc))
        print_message(error_console(), stopped, exc.outcome)
        raise typer.Exit(exc.exit_code) from None
    except DataError as exc:
        _report_problems(list(exc.problems), fmt)
        raise typer.Exit(exc.exit_code) from None
    except UsageError as exc:
        from norrort_cost.rendering.console import error_console, print_message

        if fmt == Format.JSON:
            json_error({"error": str(exc.message), "code": exc.code, "hint": str(exc.hint)})
        else:
            print_message(error_console(), exc.message, exc.hint)
            if exc.code != "usage-error":  # the general code says nothing more
                error_console().print(f"    [{exc.code}]", style="dim", markup=False)
        raise typer.Exit(exc.exit_code) from None
    finally:
        workbooks.LIMITS = limits


def _report_problems(found: list[Problem], fmt: Format) -> None:
    if fmt == Format.JSON:
        json_error({"problems": [p.as_dict() for p in found]})
        return
    from norrort_cost.rendering.console import error_console, print_problems

    print_problems(error_console(), found)


def load(data_dir: Path | None, output: Path | None = None) -> Dataset:
    """The dataset from ``data_dir`` or the embedded default.

    ``output`` (the command's --output) must not be one of the dataset's files: the
    result would replace the input it was computed from.
    """
    from norrort_cost.loading import default_data_dir, load_dataset

    if output is not None:
        _refuse_dataset_file(output, data_dir or default_data_dir())
    return load_dataset(data_dir)


def _refuse_dataset_file(output: Path, directory: Path) -> None:
    from norrort_cost.allocation.keys import FIXED_FILE
    from norrort_cost.loading import dataset
    from norrort_cost.loading.sources import WORKBOOK_FILES
    from norrort_cost.problems import UsageError, said

    names = (
        dataset.SETTINGS_FILE,
        dataset.MUNICIPALITIES,
        dataset.POPULATION,
        dataset.MEMBERSHIPS,
        dataset.BUDGET,
        FIXED_FILE,
        *WORKBOOK_FILES,
    )
    for name in names:
        if _same_file(output, directory / name):
            raise UsageError(
                said(
                    "--output {output} is the dataset's {name}: writing there would "
                    "replace the input",
                    output=str(output),
                    name=name,
                ),
                "choose a file outside the dataset, e.g. --output result.csv",
                code="output-is-input",
            )


def _same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file (through links, or one that does not exist yet)."""
    if first.resolve() == second.resolve():
        return True
    try:
        return first.samefile(second)
    except OSError:
        return False


def today() -> date:
    """The local date, the default issue date (the only place that reads the clock)."""
    return datetime.now(tz=UTC).astimezone().date()
