"""A table's cells by column, each distinct text kept once: a million rows, a few labels.

An export of a million rows repeats a few hundred labels (regions, ages, kön, years). A
:class:`Grid` keeps one small integer per cell (the code of its trimmed text) in a numpy
array per column, and every distinct text once, so each label is trimmed and judged once
(:meth:`Grid.judged`) and rows are selected with numpy. A row is made as a
:class:`~.header.GridRow` only where a check or a message needs it (:class:`Rows`).

CSV text is read with the csv module, as before: chunks of rows are turned into columns
at C speed (``zip_longest``, ``map``), and each row keeps the physical line it starts on
(a quoted cell may span lines).
"""

from __future__ import annotations

import csv
import io
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice
from operator import itemgetter
from typing import TYPE_CHECKING, overload

from norrort_cost.loading.scb.header import GridRow

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Codes = NDArray[np.uint32]
    Mask = NDArray[np.bool_]

_CHUNK_ROWS = 8192  # rows turned into columns at a time
_PIECE_CHARS = 1 << 20  # text handed to the csv module at a time (whole lines)


def trim(cell: str) -> str:
    """A cell as the tables read it: spaces and a byte-order mark around it removed."""
    return cell.strip().lstrip("\ufeff").strip()


class Grid:
    """The cells of a table: ``texts`` (code -> text; 0 is empty), codes by column, lines."""

    def __init__(self, texts: list[str], columns: list[Codes], lines: array[int]) -> None:
        import numpy as np

        self.texts = texts
        self.lines = np.frombuffer(lines, dtype=np.int64) if lines else np.zeros(0, np.int64)
        self.columns = columns
        self.widths = np.zeros(len(self.lines), np.int64)  # cells up to the last filled one
        for index, codes in enumerate(self.columns):
            self.widths[codes != 0] = index + 1

    @classmethod
    def of_rows(cls, rows: Iterable[GridRow]) -> Grid:
        """The grid of rows already made (a worksheet's)."""
        builder = _Builder()
        lines: array[int] = array("q")
        chunk: list[tuple[str, ...]] = []
        for row in rows:
            lines.append(row.line)
            chunk.append(row.cells)
        builder.add(chunk)
        return cls(builder.texts, builder.columns(), lines)

    def __len__(self) -> int:
        return len(self.lines)

    def codes(self, column: int) -> Codes:
        """The codes of one column, every row (0 past a row's last cell)."""
        import numpy as np

        if column < len(self.columns):
            return self.columns[column]
        return np.zeros(len(self), np.uint32)

    def row(self, index: int) -> GridRow:
        """Row ``index`` as a :class:`GridRow` (cells trimmed, trailing empty cells dropped)."""
        width = int(self.widths[index])
        cells = tuple(self.texts[self.columns[c][index]] for c in range(width))
        return GridRow(int(self.lines[index]), cells)

    def judged(self, codes: Codes, judge: Callable[[str], bool]) -> Mask:
        """``judge`` of each code's text, one call per distinct text."""
        import numpy as np

        present = np.zeros(len(self.texts), np.bool_)
        present[codes] = True
        table = np.zeros(len(self.texts), np.bool_)
        for code in np.flatnonzero(present).tolist():
            table[code] = judge(self.texts[code])
        return table[codes]

    def distinct(self, codes: Codes) -> list[str]:
        """The filled texts among ``codes``, each once, in the order they first appear."""
        import numpy as np

        first = np.full(len(self.texts), len(codes), np.int64)  # where each code is first
        np.minimum.at(first, codes, np.arange(len(codes)))
        found = np.flatnonzero(first < len(codes))
        order = found[np.argsort(first[found], kind="stable")]
        return [self.texts[code] for code in order.tolist() if code]


class Rows(Sequence[GridRow]):
    """Rows ``start`` to ``stop`` of a grid, each made only when it is asked for."""

    def __init__(self, grid: Grid, start: int = 0, stop: int | None = None) -> None:
        self.grid = grid
        self.start = start
        self.stop = len(grid) if stop is None else max(start, min(stop, len(grid)))

    def __len__(self) -> int:
        return self.stop - self.start

    @overload
    def __getitem__(self, index: int) -> GridRow: ...

    @overload
    def __getitem__(self, index: slice) -> Rows: ...

    def __getitem__(self, index: int | slice) -> GridRow | Rows:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                raise ValueError("rows are sliced in order")
            return Rows(self.grid, self.start + start, self.start + stop)
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.grid.row(self.start + index)

    def __iter__(self) -> Iterator[GridRow]:
        return (self.grid.row(index) for index in range(self.start, self.stop))


def read_grid(text: str, delimiter: str) -> Grid:
    """The grid of a CSV text: every row with the physical line it starts on.

    The csv module reads it; a large text (from :data:`PANDAS_CHARS` on) is read by
    pandas' C tokenizer instead, whose categories give each distinct cell once without a
    Python string per cell. Both read quotes, delimiters and line breaks alike; where
    pandas could count rows otherwise (a quoted line break, a row wider than the first
    lines), the csv module reads the text.
    """
    if len(text) >= PANDAS_CHARS and "\0" not in text:
        grid = _pandas_grid(text, delimiter)
        if grid is not None:
            return grid
    return _csv_grid(text, delimiter)


PANDAS_CHARS = 8_000_000  # from here on, pandas' tokenizer pays for its import
_WIDTH_LINES = 1000  # lines that tell the widest row pandas is told of
_NARROW = 8  # columns up to which pandas reads in chunks (less memory, as fast)


def _pandas_grid(text: str, delimiter: str) -> Grid | None:
    """The grid pandas reads, or None where its rows may not be the csv module's."""
    import numpy as np
    import pandas as pd

    width = 1 + max((line.count(delimiter) for line in first_lines(text, _WIDTH_LINES)), default=0)
    try:
        frame = pd.read_csv(
            io.BytesIO(text.encode("utf-8")),
            sep=delimiter,
            header=None,
            names=range(width),
            dtype="category",
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            encoding="utf-8",
            low_memory=width <= _NARROW,  # wide: one pass, not chunks' categories joined
        )
    except (pd.errors.ParserError, ValueError):
        return None  # a row wider than the first lines (an extra cell): the csv module says
    if len(frame) != _line_count(text):
        return None  # a quoted line break: the csv module knows each row's line
    builder = _Builder()
    columns = []
    for name in frame.columns:
        cells = frame[name].array
        found = builder.codes_of([str(raw) for raw in cells.categories.tolist()])
        columns.append(np.array([*found, 0], np.uint32)[cells.codes])  # -1 (none): empty
    lines: array[int] = array("q", range(1, len(frame) + 1))
    return Grid(builder.texts, columns, lines)


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


def _csv_grid(text: str, delimiter: str) -> Grid:
    """The grid of a text read by the csv module (quoted delimiters and line breaks)."""
    reader = csv.reader(_physical_lines(text), delimiter=delimiter)
    builder = _Builder()
    lines: array[int] = array("q")
    before = 0
    while chunk := list(islice(reader, _CHUNK_ROWS)):
        _number(chunk, before, reader.line_num, lines)
        before = reader.line_num
        builder.add(chunk)
    return Grid(builder.texts, builder.columns(), lines)


class _Builder:
    """Columns of codes, filled a chunk of rows at a time; each raw cell trimmed once.

    A chunk's cells are looked up all at once (flattened, ``itemgetter``) and placed into
    a matrix by row width with numpy: no Python step per cell.
    """

    def __init__(self) -> None:
        self.texts = [""]
        self._chunks: list[Codes] = []  # one matrix (rows x width) per chunk
        self._of_raw = _Codes(self)
        self._of_text: dict[str, int] = {"": 0}

    def add(self, chunk: Sequence[Sequence[str]]) -> None:
        import numpy as np

        widths = np.fromiter(map(len, chunk), np.int64, len(chunk))
        flat = list(chain.from_iterable(chunk))
        codes = np.array(
            itemgetter(*flat)(self._of_raw)
            if len(flat) > 1
            else [self._of_raw[cell] for cell in flat],
            np.uint32,
        )
        width = int(widths.max(initial=0))
        if len(codes) == width * len(chunk):  # every row as wide as the widest
            self._chunks.append(codes.reshape(len(chunk), width))
            return
        matrix = np.zeros((len(chunk), width), np.uint32)
        matrix[np.arange(width) < widths[:, None]] = codes
        self._chunks.append(matrix)

    def codes_of(self, cells: list[str]) -> list[int]:
        """The code of each raw cell."""
        return [self._of_raw[cell] for cell in cells]

    def columns(self) -> list[Codes]:
        """Every column's codes, all rows (0 where a row is shorter)."""
        import numpy as np

        width = max((m.shape[1] for m in self._chunks), default=0)
        return [
            np.concatenate(
                [
                    m[:, index] if index < m.shape[1] else np.zeros(len(m), np.uint32)
                    for m in self._chunks
                ]
            )
            for index in range(width)
        ]

    def code(self, text: str) -> int:
        """The code of a trimmed text (a new one for a text not seen yet)."""
        code = self._of_text.get(text)
        if code is None:
            code = self._of_text[text] = len(self.texts)
            self.texts.append(text)
        return code


class _Codes(dict[str, int]):
    """Raw cell -> code of its trimmed text; a cell not seen yet is trimmed when looked up."""

    def __init__(self, builder: _Builder) -> None:
        super().__init__({"": 0})
        self._builder = builder

    def __missing__(self, raw: str) -> int:
        code = self[raw] = self._builder.code(trim(raw))
        return code


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
