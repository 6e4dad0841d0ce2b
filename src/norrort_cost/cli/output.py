"""Writing a command's result: to standard output or atomically to ``--output``.

Standard output closed, or a write that fails (a full disk): a usage error naming the
reason. A pipe whose reader has gone (``| head``): a quiet exit with
:data:`EXIT_BROKEN_PIPE`, the code a shell shows for a Unix tool stopped by SIGPIPE. A
table for people is never written into a file whose name promises a machine format.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import typer

from norrort_cost.cli.options import CsvDialect
from norrort_cost.exit_codes import BROKEN_PIPE

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console

EXIT_BROKEN_PIPE = BROKEN_PIPE  # 141 = 128 + SIGPIPE, from the one table of exit codes


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
