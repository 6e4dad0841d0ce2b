"""A cube's values as text, each made only when its cell is asked for.

JSON-stat and PC-Axis cubes hold millions of values of which an import keeps a few (the
total over ages, the chosen contents): a reader gives them as a :class:`LazyValues`, which
turns the cell it is asked for into text and nothing else.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from typing import overload


class LazyValues(Sequence[str]):
    """A sequence of a cube's values; a reader says how long it is and how one cell reads."""

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def _cell(self, index: int) -> str:
        """The text of the cell at ``index`` (0 <= index < len)."""

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self._cell(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._cell(index)
