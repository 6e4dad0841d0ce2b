"""Everything people read in a terminal: the consoles, tables and problem reports.

The only module (with the command line) that imports rich. Colour follows rich's rules:
off when the output is not a terminal, and off when ``NO_COLOR`` is set.

Data is text, never markup: names such as ``Ekerö [/]`` or ``[link=...]`` are printed as
they are written (the consoles have rich's markup and emoji codes off), and control
characters (ESC, CR, ...) are shown as escapes such as ``\\x1b`` instead of reaching the
terminal. Both happen here, where the consoles are made, for every table and message.

The allocation table (:mod:`~norrort_cost.rendering.allocation_console`) and the import
report (:mod:`~norrort_cost.rendering.import_console`) have modules of their own; their
names are exported here too, as before.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Text

from norrort_cost.problems import Problem
from norrort_cost.rendering.allocation_console import (
    POOL_NAMES,
    allocation_caption,
    allocation_columns,
    hidden_note,
    illustrative_notice,
    part_ore,
    pool_label,
    pool_title,
    print_allocation,
)
from norrort_cost.rendering.i18n import _, problem_words, spoken
from norrort_cost.rendering.import_console import print_import, print_readings
from norrort_cost.rendering.layout import literal
from norrort_cost.rendering.vocabulary import counted, located

WIDE = 132


# C0 and C1 control characters except newline and tab, shown as Python-style escapes
class _LiteralConsole(Console):
    """A console that prints every string literally: no control character gets through.

    Strings become text with control characters escaped (so tables measure them right);
    every rendered segment is escaped too, for text built elsewhere.
    """

    def render_str(self, text: str, **options: object) -> Text:
        """Like rich's, after escaping control characters; options are passed through."""
        return super().render_str(literal(text), **options)  # type: ignore[arg-type]

    _rendering = False  # inside a render: the outermost one escapes every segment once

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        if self._rendering:  # a part of a table or a group: its segments pass the outer one
            yield from super().render(renderable, options)
            return
        self._rendering = True
        try:
            for segment in super().render(renderable, options):
                if segment.control or segment.text.isprintable():
                    yield segment
                else:
                    yield Segment(literal(segment.text), segment.style)
        finally:
            self._rendering = False

    def on_broken_pipe(self) -> None:
        """Leave a closed pipe to the caller (rich would exit with 1, the bad-data code)."""
        self.quiet = True
        raise BrokenPipeError


def console(stream: TextIO | None = None) -> Console:
    """A console on ``stream`` (stdout by default); wide enough for tables when piped.

    ``COLUMNS`` sets the width when the output is not a terminal; a value that is not a
    positive whole number is ignored. With no stream at all (stdout closed) the output is
    discarded: the command line refuses that case before it prints.
    """
    target = stream if stream is not None else sys.stdout
    if target is None:
        target = io.StringIO()
    return _LiteralConsole(
        file=target,
        width=None if target.isatty() else _width(),
        no_color="NO_COLOR" in os.environ or None,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )


def _width() -> int:
    columns = os.environ.get("COLUMNS", "").strip()
    return int(columns) if columns.isascii() and columns.isdigit() and int(columns) > 0 else WIDE


def error_console() -> Console:
    """A console on stderr for messages and problems (discarded if stderr is closed)."""
    return console(sys.stderr if sys.stderr is not None else io.StringIO())


def print_problems(out: Console, problems: Sequence[Problem]) -> None:
    """Every problem, one block each: where, code, message, value and hint; then a count.

    In Swedish the message and hint are translated (:func:`problem_words`: a message the
    catalog cannot say becomes the Swedish title of its code); the JSON keeps the English."""
    for problem in problems:
        label = _("warning") if problem.severity == "warning" else _("error")
        style = "yellow" if problem.severity == "warning" else "red"
        message, hint = problem_words(problem)
        line = Text()
        line.append(literal(f"{located(problem.location())}: "), style="bold")
        line.append(f"{label} [{problem.code}] ", style=style)
        line.append(literal(message))
        if problem.value not in (None, ""):
            line.append(" " + _("(value: {value})").format(value=repr(problem.value)))
        out.print(line)
        if hint:
            out.print(Text(literal("    " + _("hint: {hint}").format(hint=hint)), style="dim"))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    count = ", ".join(
        (
            counted(errors, "{n} error", "{n} errors"),
            counted(warnings, "{n} warning", "{n} warnings"),
        )
    )
    out.print(Text(count, style="bold"))


def print_message(out: Console, message: str, hint: str = "") -> None:
    """A one-line error with an optional hint, in the current language if the catalog has it."""
    out.print(Text(_("error: "), style="bold red") + Text(literal(located(spoken(message)))))
    if hint:
        hint_line = "    " + _("hint: {hint}").format(hint=spoken(hint))
        out.print(Text(literal(hint_line), style="dim"))


__all__ = [
    "POOL_NAMES",
    "WIDE",
    "allocation_caption",
    "allocation_columns",
    "console",
    "error_console",
    "hidden_note",
    "illustrative_notice",
    "part_ore",
    "pool_label",
    "pool_title",
    "print_allocation",
    "print_import",
    "print_message",
    "print_problems",
    "print_readings",
]
