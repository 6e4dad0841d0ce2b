"""A CSV text as a :class:`~.grid.Grid`: the csv module, or pandas' tokenizer for a large one.

The csv module reads chunks of rows that are turned into columns at C speed, each row with
the physical line it starts on (a quoted cell may span lines). A large text is tokenised
by pandas instead, a chunk of rows at a time, and each column's distinct cells are found
by ``pandas.factorize`` (hashing in C): each distinct cell is trimmed and coded once.
"""

from __future__ import annotations

import csv
import io
from array import array
from collections.abc import Iterator
from itertools import chain, islice
from typing import TYPE_CHECKING

from norrort_cost.loading.scb.grid import Grid, GridBuilder

if TYPE_CHECKING:
    import pandas as pd

    from norrort_cost.loading.scb.grid import Codes

_CHUNK_ROWS = 8192  # rows turned into columns at a time
_PIECE_CHARS = 1 << 20  # text handed to the csv module at a time (whole lines)


def read_grid(text: str, delimiter: str) -> Grid:
    """The grid of a CSV text: every row with the physical line it starts on.

    The csv module reads it; a large text (from :data:`PANDAS_CHARS` on) is read by
    pandas' C tokenizer instead, a chunk of rows at a time, each column's distinct cells
    found by ``pandas.factorize`` (hashing in C). Both read quotes, delimiters and line
    breaks alike; where pandas could count rows otherwise (a quoted line break, a row wider
    than the first lines), the csv module reads the text.
    """
    if len(text) >= PANDAS_CHARS and "\0" not in text:
        grid = _pandas_grid(text, delimiter)
        if grid is not None:
            return grid
    return _csv_grid(text, delimiter)


PANDAS_CHARS = 8_000_000  # from here on, pandas' tokenizer pays for its import
_WIDTH_LINES = 1000  # lines that tell the widest row pandas is told of
_PANDAS_ROWS = 65_536  # rows pandas gives at a time


def _pandas_grid(text: str, delimiter: str) -> Grid | None:
    """The grid pandas reads, or None where its rows may not be the csv module's."""
    import pandas as pd

    width = 1 + max((line.count(delimiter) for line in first_lines(text, _WIDTH_LINES)), default=0)
    builder = GridBuilder()
    rows = 0
    try:
        with pd.read_csv(
            io.BytesIO(text.encode("utf-8")),
            sep=delimiter,
            header=None,
            names=range(width),
            dtype=object,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            encoding="utf-8",
            chunksize=_PANDAS_ROWS,
        ) as chunks:
            for chunk in chunks:
                if not isinstance(chunk.index, pd.RangeIndex):
                    return None  # a first row wider than the lines that told the width
                builder.add_codes(_chunk_codes(chunk, builder))
                rows += len(chunk)
    except (pd.errors.ParserError, ValueError):
        return None  # a row wider than the first lines (an extra cell): the csv module says
    if rows != _line_count(text):
        return None  # a quoted line break: the csv module knows each row's line
    lines: array[int] = array("q", range(1, rows + 1))
    return Grid(builder.texts, builder.columns(), lines)


def _chunk_codes(chunk: pd.DataFrame, builder: GridBuilder) -> Codes:
    """The codes of a chunk of rows, column by column (a missing cell is empty)."""
    import numpy as np
    import pandas as pd

    matrix = np.zeros(chunk.shape, np.uint32)
    for at, name in enumerate(chunk.columns):
        codes, distinct = pd.factorize(chunk[name].to_numpy())
        found = builder.codes_of([str(cell) for cell in distinct.tolist()])
        matrix[:, at] = np.array([*found, 0], np.uint32)[codes]  # -1 (none): the last, empty
    return matrix


def _line_count(text: str) -> int:
    """The lines of a text as the csv module counts them (\\r\\n, \\r, \\n end one)."""
    ends = text.count("\n") + text.count("\r") - text.count("\r\n")
    return ends + (1 if text and not text.endswith(("\n", "\r")) else 0)


def first_lines(text: str, count: int) -> list[str]:
    """``text.splitlines()[:count]``, without splitting the whole text."""
    size = 1 << 16
    while True:
        lines = text[:size].splitlines()
        if len(lines) > count or size >= len(text):
            return lines[:count]
        size *= 4


class UnreadableRowError(Exception):
    """A row the csv module cannot read (a cell past its 128 KiB limit: a quote never closed)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line  # where the row starts
        self.reason = reason


def _csv_grid(text: str, delimiter: str) -> Grid:
    """The grid of a text read by the csv module (quoted delimiters and line breaks)."""
    reader = csv.reader(_physical_lines(text), delimiter=delimiter)
    builder = GridBuilder()
    lines: array[int] = array("q")
    before = 0
    try:
        while chunk := list(islice(reader, _CHUNK_ROWS)):
            _number(chunk, before, reader.line_num, lines)
            before = reader.line_num
            builder.add(chunk)
    except csv.Error as exc:
        raise UnreadableRowError(_failing_row(text, delimiter), str(exc)) from None
    return Grid(builder.texts, builder.columns(), lines)


def _failing_row(text: str, delimiter: str) -> int:
    """The line where the row the csv module cannot read starts (read again, row by row)."""
    reader = csv.reader(_physical_lines(text), delimiter=delimiter)
    start = 1
    try:
        for _ in reader:
            start = reader.line_num + 1
    except csv.Error:
        return start
    return start


def _number(chunk: list[list[str]], before: int, read: int, lines: array[int]) -> None:
    """Append the line each row of ``chunk`` starts on: ``before`` lines were read before it,
    ``read`` after it.

    Where every row is one line (nearly always), the lines follow one another; a quoted
    cell that spans lines holds the line breaks it spans (``\\r\\n`` is one).
    """
    if read - before == len(chunk):
        lines.extend(range(before + 1, read + 1))
        return
    line = before + 1
    for cells in chunk:
        lines.append(line)
        line += 1 + sum(c.count("\n") + c.count("\r") - c.count("\r\n") for c in cells)


def _physical_lines(text: str) -> Iterator[str]:
    """The text's lines as ``io.StringIO(text, newline="")`` gives them, a piece at a time.

    Pieces end after a ``\\n``, so no line (nor ``\\r\\n``) is cut; a piece at a time
    keeps the copy the StringIO makes small.
    """
    return chain.from_iterable(io.StringIO(piece, newline="") for piece in _pieces(text))


def _pieces(text: str) -> Iterator[str]:
    start = 0
    while start < len(text):
        end = text.find("\n", start + _PIECE_CHARS)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end
