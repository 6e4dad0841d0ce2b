"""A table's cells by column, each distinct text kept once: a million rows, a few labels.

An export of a million rows repeats a few hundred labels (regions, ages, kön, years). A
:class:`Grid` keeps one small integer per cell (the code of its trimmed text) in a numpy
array per column, and every distinct text once, so each label is trimmed and judged once
(:meth:`Grid.judged`) and rows are selected with numpy. A row is made as a
:class:`~.header.GridRow` only where a check or a message needs it (:class:`Rows`).

Rows are added a chunk at a time (:class:`GridBuilder`): a chunk's cells are looked up
all at once and placed with numpy, so no Python step runs per cell. A CSV text becomes a
grid in :mod:`.csvgrid`, a worksheet's rows in :meth:`Grid.of_rows`.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, overload

from norrort_cost.loading.scb.header import GridRow

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Codes = NDArray[np.uint32]
    Mask = NDArray[np.bool_]


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
        builder = GridBuilder()
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


class GridBuilder:
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

    def add_codes(self, matrix: Codes) -> None:
        """Add a chunk of rows already coded (rows x columns)."""
        self._chunks.append(matrix)

    def codes_of(self, cells: list[str]) -> list[int]:
        """The code of each raw cell (a column's distinct cells, as pandas factorizes them)."""
        of_raw, of_text, texts = self._of_raw, self._of_text, self.texts
        for raw in [cell for cell in cells if cell not in of_raw]:
            text = trim(raw)
            code = of_text.get(text)
            if code is None:
                code = of_text[text] = len(texts)
                texts.append(text)
            of_raw[raw] = code
        return [of_raw[cell] for cell in cells]

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

    def __init__(self, builder: GridBuilder) -> None:
        super().__init__({"": 0})
        self._builder = builder

    def __missing__(self, raw: str) -> int:
        code = self[raw] = self._builder.code(trim(raw))
        return code
