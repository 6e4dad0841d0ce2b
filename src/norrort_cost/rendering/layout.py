"""Tables and text that fit the terminal without ever cutting or breaking a number.

Numbers for people group thousands with a space (``24 291,03``). In the terminal that
space becomes a no-break space, U+00A0, rather than the narrow U+202F: every terminal
font has U+00A0 (U+202F is missing from many monospace fonts and from cp1252 consoles),
it is the grouping character Swedish Excel itself uses, so a number copied from the
terminal pastes as a number, and the standard library's :mod:`textwrap`, which wraps
all free text here, never breaks a line at it. Rich's own word wrap *does* break at any
Unicode space, so rich is never asked to wrap: captions and titles are wrapped here, and
every table cell is ``no_wrap``.

A table that is wider than the terminal first uses its columns' short headers, then
drops its least important columns (their names are listed under the table), and, when
even its essential columns do not fit, is printed stacked: one block of ``header: value``
lines per row. Amounts, totals and kommunkoder are essential columns and are never cut;
only free text (a municipality's name) may be shortened with an ellipsis.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len
from rich.console import Console, Group, JustifyMethod, RenderableType
from rich.table import Table
from rich.text import Text

NO_BREAK_SPACE = "\u00a0"
# C0 and C1 control characters except newline and tab, shown as Python-style escapes
_CONTROL = {
    code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0)) if chr(code) not in "\n\t"
}
_GROUPING_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
# the space between an amount and its unit: "24 291,03 kr" and "1,20 %" never break
_UNIT_SPACE = re.compile(r"(?<=\d) (?=(?:kr|tkr|mnkr|mdkr|öre|%)(?![\wåäö]))")
# a name column may shrink to this many cells (with an ellipsis), never below
SQUEEZED = 8
# a column of prose is wrapped to the room left, but never narrower than this
PROSE = 24
# per column: one cell of padding either side and one border; plus the table's last border
_BORDER = 3


def literal(text: str) -> str:
    """``text`` with control characters made visible (``\\x1b``), safe for a terminal."""
    return text.translate(_CONTROL)


@lru_cache(maxsize=1 << 14)  # a table's cells repeat (names, codes, dates): each made once
def unbroken(text: str) -> str:
    """``text`` with the spaces that group a number's thousands, or stand between an amount
    and its unit, made no-break spaces, and control characters made visible (so that a
    table measures what it will show)."""
    grouped = _GROUPING_SPACE.sub(NO_BREAK_SPACE, literal(text))
    return _UNIT_SPACE.sub(NO_BREAK_SPACE, grouped)


def wrap(text: str, width: int) -> str:
    """Free text wrapped to ``width`` at ordinary spaces only: numbers stay whole."""
    lines: list[str] = []
    for paragraph in unbroken(text).split("\n"):
        indent = paragraph[: len(paragraph) - len(paragraph.lstrip(" "))]
        lines.extend(
            textwrap.wrap(
                paragraph,
                max(width, 1),
                break_long_words=False,
                break_on_hyphens=False,
                subsequent_indent=indent,
            )
            or [""]
        )
    return "\n".join(lines)


def print_text(out: Console, text: str, style: str = "", width: int | None = None) -> None:
    """Print free text wrapped here (never by rich), so that numbers are not broken."""
    out.print(Text(wrap(text, width or out.width), style=style), soft_wrap=True)


@dataclass(frozen=True)
class Column:
    """One column of a table for people.

    ``rank`` 0 marks an essential column (never dropped); the higher the rank, the
    earlier the column is dropped when the terminal is narrow. ``squeeze`` lets free text
    be shortened with an ellipsis. ``short`` is the header used when space is short.
    ``prose`` marks text that is wrapped at ordinary spaces (numbers stay whole).
    """

    header: str
    cells: Sequence[str]
    footer: str = ""
    right: bool = False
    rank: int = 0
    squeeze: bool = False
    short: str = ""
    prose: bool = False

    def title(self, *, short: bool) -> str:
        """The header, short if asked and there is one."""
        return self.short if short and self.short else self.header

    def widest(self, *, short: bool) -> int:
        """The cells the column needs to show everything on one line."""
        texts = (self.title(short=short), self.footer, *self.cells)
        return max(cell_len(unbroken(text)) for text in texts)

    def narrowest(self, *, short: bool) -> int:
        """The fewest cells it can have: all of a number, some of a name or of prose."""
        widest = self.widest(short=short)
        if self.prose:
            words = (w for text in self.cells for w in unbroken(text).split(" "))
            return max(min(widest, PROSE), *(cell_len(w) for w in words))
        return min(widest, SQUEEZED) if self.squeeze else widest


@dataclass(frozen=True)
class Fitted:
    """The table (or stacked rows) to print, and the headers of the columns left out."""

    body: RenderableType
    hidden: tuple[str, ...]
    width: int


def _needed(columns: Sequence[Column], *, short: bool, squeeze: bool = True) -> int:
    def least(column: Column) -> int:
        if squeeze or column.prose:
            return column.narrowest(short=short)
        return column.widest(short=short)

    return sum(least(c) + _BORDER for c in columns) + 1


def _choose(columns: Sequence[Column], width: int) -> tuple[list[Column], bool] | None:
    """The columns that fit and whether with short headers; None if even the essentials do not.

    Names are cut last: less important columns are dropped (highest rank first) while the
    rest fit with every name whole; only when the essential columns alone do not fit so
    are names shortened with an ellipsis (and the dropping starts again)."""
    for squeeze in (False, True):
        kept = list(columns)
        for short in (False, True):
            if _needed(kept, short=short, squeeze=squeeze) <= width:
                return kept, short
        for column in sorted(columns, key=lambda c: -c.rank):
            if column.rank == 0:
                break
            kept.remove(column)
            if _needed(kept, short=True, squeeze=squeeze) <= width:
                return kept, True
    return None


def _widths(columns: Sequence[Column], width: int, *, short: bool) -> list[int]:
    """Each column's width: all it needs, less for the widest flexible ones if too wide."""
    widths = [c.widest(short=short) for c in columns]
    least = [c.narrowest(short=short) for c in columns]
    room = width - _BORDER * len(columns) - 1
    while sum(widths) > room:
        flexible = [i for i, w in enumerate(widths) if w > least[i]]
        if not flexible:
            break
        widest = max(flexible, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def fit(columns: Sequence[Column], width: int, *, title: str = "", caption: str = "") -> Fitted:
    """The columns as a table no wider than ``width``, or stacked when that cannot be."""
    chosen = _choose(columns, width)
    if chosen is None:
        return Fitted(_stacked(columns, width, title, caption), (), width)
    kept, short = chosen
    widths = _widths(kept, width, short=short)
    table_width = sum(widths) + _BORDER * len(kept) + 1
    table = Table(
        title=Text(wrap(title, table_width), justify="center") if title else None,
        caption=Text(wrap(caption, table_width)) if caption else None,
        caption_justify="left",
        show_footer=any(c.footer for c in kept),
    )
    for column, cells in zip(kept, widths, strict=True):
        justify: JustifyMethod = "right" if column.right else "left"
        table.add_column(
            Text(unbroken(column.title(short=short)), justify=justify),
            Text(unbroken(column.footer), justify=justify),
            justify=justify,
            no_wrap=True,
            overflow="ellipsis",
            width=cells,
        )
    for row in zip(*(c.cells for c in kept), strict=True):
        table.add_row(
            *(_cell_text(c, cell, w) for c, cell, w in zip(kept, row, widths, strict=True))
        )
    hidden = tuple(c.header for c in columns if c not in kept)
    return Fitted(table, hidden, table_width)


def _cell_text(column: Column, cell: str, width: int) -> Text:
    justify: JustifyMethod = "right" if column.right else "left"
    return Text(wrap(cell, width) if column.prose else unbroken(cell), justify=justify)


def _stacked(columns: Sequence[Column], width: int, title: str, caption: str) -> Group:
    """One block per row, ``header: value`` lines, for terminals too narrow for a table."""
    parts: list[RenderableType] = []
    if title:
        parts.append(Text(wrap(title, width), style="bold"))
    rows = list(zip(*(c.cells for c in columns), strict=True))
    totals = [c.footer for c in columns]
    if any(totals):
        rows.append(tuple(totals))
    for row in rows:
        for column, cell in zip(columns, row, strict=True):
            if cell:
                parts.append(Text(wrap(f"{column.header}: {cell}", width)))
        parts.append(Text(""))
    if caption:
        parts.append(Text(wrap(caption, width)))
    return Group(*parts)


def print_fitted(out: Console, fitted: Fitted, note: str) -> None:
    """Print a fitted table and, if columns were left out, which ones (``note`` names them)."""
    out.print(fitted.body)
    if fitted.hidden:
        print_text(out, note.format(columns=", ".join(fitted.hidden)), "dim", fitted.width)
