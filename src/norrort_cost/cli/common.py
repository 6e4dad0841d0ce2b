"""Shared pieces of the command line: the app, common options, error reporting, output.

Exit codes (stable, for scripts): 0 success; 1 the input data has problems;
2 a usage error (bad option, a year without budget, an unknown municipality, an output
that cannot be written: standard output closed or on a full disk, --output naming one of
the dataset's own files); 3 a checked claim is not consistent; 4 SCB's API cannot be
reached (``fetch-scb``); 141 standard output is a pipe whose reader has gone (``| head``),
the code a shell shows for a Unix tool stopped by SIGPIPE; nothing is printed then.
Heavy modules are imported inside the commands, so ``--help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from norrort_cost import __version__
from norrort_cost.cli.json_errors import JsonErrorsGroup, json_error
from norrort_cost.cli.localized import LocalizedTyper
from norrort_cost.rendering.formats import ALLOCATION_FORMATS, Format

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console

    from norrort_cost.dataset.models import Dataset
    from norrort_cost.problems import Problem

DATA_DIR_ENV = "NORRORT_COST_DATA_DIR"
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE

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


@contextmanager
def standard_output() -> Iterator[TextIO]:
    """Standard output for a command's result, with failures turned into clear outcomes.

    Closed, or a write fails (a full disk): a usage error naming the reason. A pipe whose
    reader has gone (``| head -1``): a quiet exit with :data:`EXIT_BROKEN_PIPE`, as Unix
    tools do. Everything is flushed before the block ends, so failures surface here.
    """
    from norrort_cost.problems import UsageError, said

    stream = sys.stdout
    if stream is None:
        raise UsageError(
            "standard output is closed",
            "redirect it (> FILE) or use --output FILE",
            code="output-failed",
        )
    try:
        yield stream
        stream.flush()
    except BrokenPipeError:
        discard_stdout(stream)
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except OSError as exc:
        discard_stdout(stream)
        raise UsageError(
            said("could not write to standard output: {reason}", reason=exc.strerror or str(exc)),
            "check where the output goes (is the disk full?) or use --output FILE",
            code="output-failed",
        ) from None


def discard_stdout(stream: TextIO | None) -> None:
    """Point stdout at the null device, so nothing still buffered fails again at exit."""
    if stream is None:
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)
    except (OSError, ValueError):  # not a real file (a test's buffer): nothing to flush
        pass


def emit(text_or_bytes: str | bytes, output: Path | None) -> None:
    """Write machine output to ``output`` atomically, or to stdout."""
    from norrort_cost.problems import UsageError, said

    if output is None:
        if isinstance(text_or_bytes, bytes):
            raise UsageError(
                "xlsx output needs a file", "add --output FILE.xlsx", code="output-failed"
            )
        with standard_output() as stream:
            stream.write(text_or_bytes)
        return
    from norrort_cost.rendering.files import write_atomic

    if output.is_dir():
        raise UsageError(
            said("{output} is a directory", output=str(output)),
            "give a file name for --output",
            code="output-failed",
        )
    if not output.parent.exists():
        raise UsageError(
            said("{directory} is not an existing directory", directory=str(output.parent)),
            "create it first (as for a shell redirection > FILE), or give another path",
        )
    data = text_or_bytes.encode() if isinstance(text_or_bytes, str) else text_or_bytes
    try:
        write_atomic(output, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UsageError(
            said("could not write {output}: {reason}", output=str(output), reason=reason),
            "check the path",
            code="output-failed",
        ) from None


def emit_csv(rows: list[dict[str, object]], dialect: CsvDialect, output: Path | None) -> None:
    """Rows as CSV in ``dialect``, to ``output`` or stdout."""
    from norrort_cost.rendering.files import csv_bytes, to_csv

    text = to_csv(rows, dialect.value)
    if output is None:
        emit(csv_bytes(text, dialect.value).decode(), None)
        return
    emit(csv_bytes(text, dialect.value), output)


# file names that promise a machine format: a text table written there would be misread
MACHINE_SUFFIXES = {".csv": "csv", ".json": "json", ".xlsx": "xlsx", ".xml": "ubl", ".pdf": "pdf"}


def _refuse_table_in(output: Path) -> None:
    """Refuse to write the table for people into a file whose name promises another format."""
    from norrort_cost.problems import UsageError, said

    wanted = MACHINE_SUFFIXES.get(output.suffix.lower())
    if wanted is not None:
        raise UsageError(
            said(
                "{name} would hold the table for people, not {format}",
                name=output.name,
                format=wanted.upper(),
            ),
            said("add --format {format} (or name the file .txt for the table)", format=wanted),
            code="invalid-option-value",
        )


def emit_table(printer: Callable[[Console], None], output: Path | None) -> None:
    """Print a table for people to stdout, or render it and write it atomically to ``output``."""
    import io

    from norrort_cost.rendering.console import console

    if output is None:
        with standard_output() as stream:
            printer(console(stream))
        return
    _refuse_table_in(output)
    buffer = io.StringIO()
    printer(console(buffer))
    emit(buffer.getvalue(), output)


def today() -> date:
    """The local date, the default issue date (the only place that reads the clock)."""
    return datetime.now(tz=UTC).astimezone().date()
