"""Everything people read in a terminal: the consoles, tables and problem reports.

The only module (with the command line) that imports rich. Colour follows rich's rules:
off when the output is not a terminal, and off when ``NO_COLOR`` is set.

Data is text, never markup: names such as ``Ekerö [/]`` or ``[link=...]`` are printed as
they are written (the consoles have rich's markup and emoji codes off), and control
characters (ESC, CR, ...) are shown as escapes such as ``\\x1b`` instead of reaching the
terminal. Both happen here, where the consoles are made, for every table and message.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from fractions import Fraction
from typing import TextIO

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from norrort_cost.allocation.results import Allocation, Pool, Share
from norrort_cost.money import (
    format_fraction_sv,
    format_int,
    format_percent,
    format_sek,
    kronor,
)
from norrort_cost.population.importing import ImportPlan, Reading
from norrort_cost.problems import Problem
from norrort_cost.rendering.records import ILLUSTRATIVE_NOTICE

WIDE = 132
# C0 and C1 control characters except newline and tab, shown as Python-style escapes
_CONTROL = {
    code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0)) if chr(code) not in "\n\t"
}


def literal(text: str) -> str:
    """``text`` with control characters made visible (``\\x1b``), safe for a terminal."""
    return text.translate(_CONTROL)


class _LiteralConsole(Console):
    """A console that prints every string literally: no control character gets through.

    Strings become text with control characters escaped (so tables measure them right);
    every rendered segment is escaped too, for text built elsewhere.
    """

    def render_str(self, text: str, **options: object) -> Text:
        """Like rich's, after escaping control characters; options are passed through."""
        return super().render_str(literal(text), **options)  # type: ignore[arg-type]

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control or segment.text.isprintable():
                yield segment
            else:
                yield Segment(literal(segment.text), segment.style)

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


def illustrative_notice(allocation: Allocation) -> Text | None:
    """The visible notice that the budget is illustrative, not real."""
    if not allocation.illustrative:
        return None
    return Text(ILLUSTRATIVE_NOTICE, style="bold red")


def allocation_table(
    allocation: Allocation, shares: Sequence[Share], *, by_pool: bool = False
) -> Table:
    """The allocation as a table: one row per member and a total row.

    With ``by_pool``, one more column per cost pool shows the member's part of it, and the
    caption says how each pool is split and which lines feed it.
    """
    caption = (
        f"{allocation.cooperation} {allocation.year}: budget {format_sek(allocation.budget_ore)} "
        f"kr, population at {allocation.population_date}, {allocation.days_in_year} days. "
        f"Method: {allocation.method} v{allocation.method_version}, "
        f"{allocation.tie_break}; rounded to whole {_unit_name(allocation.rounding_unit)}."
    )
    if by_pool:
        caption += "".join(f"\n{_pool_note(pool)}" for pool in allocation.pools)
    table = Table(
        title=f"{allocation.cooperation}: cost allocation {allocation.year}",
        caption=caption,
        caption_justify="left",
        show_footer=True,
    )
    total_ore = sum(s.amount_ore for s in shares)
    table.add_column("Kommunkod", "Total", no_wrap=True)
    table.add_column("Municipality", no_wrap=True)
    table.add_column(
        "Inhabitants", format_int(sum(s.inhabitants for s in shares)), justify="right", no_wrap=True
    )
    if by_pool:
        return _pool_columns(table, allocation, shares)
    table.add_column("Ref. date", no_wrap=True)
    table.add_column("Days", justify="right", no_wrap=True)
    table.add_column(
        "Share", _percent(_budget_share(allocation, shares)), justify="right", no_wrap=True
    )
    table.add_column("Amount (kr)", format_sek(total_ore), justify="right", no_wrap=True)
    table.add_column("kr/inhabitant", justify="right", no_wrap=True)
    for share in shares:
        table.add_row(
            share.kommunkod,
            share.name,
            format_int(share.inhabitants),
            share.population_date.isoformat(),
            f"{share.membership_days}/{share.days_in_year}",
            _percent(_budget_share(allocation, (share,))),
            format_sek(share.amount_ore),
            format_fraction_sv(kronor(share.ore_per_inhabitant), 2),
        )
    return table


def _pool_columns(table: Table, allocation: Allocation, shares: Sequence[Share]) -> Table:
    """Days, one column per pool and the amount (the population share and reference date
    are per-capita figures: they stay in the default view and the caption)."""
    table.add_column("Days", justify="right", no_wrap=True)
    for pool in allocation.pools:
        pool_total = sum(_part_ore(s, pool.name) for s in shares)
        table.add_column(
            f"{pool.title or pool.name} (kr)", format_sek(pool_total), justify="right", no_wrap=True
        )
    total_ore = sum(s.amount_ore for s in shares)
    table.add_column("Amount (kr)", format_sek(total_ore), justify="right", no_wrap=True)
    for share in shares:
        table.add_row(
            share.kommunkod,
            share.name,
            format_int(share.inhabitants),
            f"{share.membership_days}/{share.days_in_year}",
            *(format_sek(_part_ore(share, pool.name)) for pool in allocation.pools),
            format_sek(share.amount_ore),
        )
    return table


def _part_ore(share: Share, pool: str) -> int:
    return sum(part.amount_ore for part in share.parts if part.pool == pool)


def _pool_note(pool: Pool) -> str:
    feeds = ", ".join(f"{line} {format_sek(ore)} kr" for line, ore in pool.contributions)
    about = pool.description or pool.name
    return f"{about}. {format_sek(pool.amount_ore)} kr from: {feeds}."


def _budget_share(allocation: Allocation, shares: Sequence[Share]) -> Fraction:
    """What part of the budget these members pay (with mixed keys, not the population share)."""
    paid = sum(share.amount_ore for share in shares)
    return Fraction(paid, allocation.budget_ore) if allocation.budget_ore else Fraction(0)


def _percent(value: Fraction | int) -> str:
    return format_percent(Fraction(value), 4)


def _unit_name(unit: str) -> str:
    return "kronor" if unit == "krona" else "öre"


def print_allocation(
    out: Console, allocation: Allocation, shares: Sequence[Share], *, by_pool: bool = False
) -> None:
    """Print the table and, for an illustrative budget, the notice above and below it."""
    notice = illustrative_notice(allocation)
    if notice:
        out.print(notice)
    out.print(allocation_table(allocation, shares, by_pool=by_pool))
    if notice:
        out.print(notice)


def print_problems(out: Console, problems: Sequence[Problem]) -> None:
    """Every problem, one block each: where, code, message, value and hint; then a count."""
    for problem in problems:
        label = "warning" if problem.severity == "warning" else "error"
        style = "yellow" if label == "warning" else "red"
        line = Text()
        line.append(literal(f"{problem.location()}: "), style="bold")
        line.append(f"{label} [{problem.code}] ", style=style)
        line.append(literal(problem.message))
        if problem.value not in (None, ""):
            line.append(f" (value: {problem.value!r})")
        out.print(line)
        if problem.hint:
            out.print(Text(literal(f"    hint: {problem.hint}"), style="dim"))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    out.print(Text(f"{errors} error(s), {warnings} warning(s)", style="bold"))


def print_message(out: Console, message: str, hint: str = "") -> None:
    """A one-line error with an optional hint."""
    out.print(Text("error: ", style="bold red") + Text(literal(message)))
    if hint:
        out.print(Text(literal(f"    hint: {hint}"), style="dim"))


def print_readings(out: Console, readings: Sequence[Reading], on: date | None) -> None:
    """How each export was read: its layout, the region and value columns, the date."""
    for reading in readings:
        if on is not None:
            when = f"{on.isoformat()} (--date)"
        elif len(reading.dates) == 1:
            when = f"{reading.dates[0].isoformat()} (the end of {reading.periods[0]})"
        elif reading.dates:
            when = (
                f"the end of each period, {reading.dates[0].isoformat()} to "
                f"{reading.dates[-1].isoformat()}"
            )
        else:
            when = "none in the file"
        out.print(
            Text(
                literal(
                    f"read {reading.file} ({reading.layout}): region from "
                    f"{reading.region_column!r}, figures from "
                    f"{', '.join(repr(v) for v in reading.value_columns)}, date: {when}"
                )
            )
        )
        for note in reading.notes:
            out.print(Text(literal(f"    {note}"), style="dim"))


def print_import(out: Console, plan: ImportPlan, names: dict[str, str], target: str) -> None:
    """What an import adds and changes (old -> new), then the counts of the rest."""
    table = Table(title=f"Population import into {target}")
    for column in ("Change", "Kommunkod", "Municipality", "Date"):
        table.add_column(column, no_wrap=True)
    table.add_column("Inhabitants", justify="right", no_wrap=True)
    for figure in plan.added:
        table.add_row(
            "added",
            figure.kommunkod,
            names.get(figure.kommunkod, ""),
            figure.reference_date.isoformat(),
            format_int(figure.inhabitants),
        )
    for change in plan.changed:
        table.add_row(
            "changed",
            change.new.kommunkod,
            names.get(change.new.kommunkod, ""),
            change.new.reference_date.isoformat(),
            f"{format_int(change.old.inhabitants)} -> {format_int(change.new.inhabitants)}",
        )
    if plan.modifies:
        out.print(table)
    out.print(
        f"{len(plan.added)} added, {len(plan.changed)} changed, {len(plan.unchanged)} unchanged; "
        f"{len(plan.skipped)} region(s) skipped (not in the dataset)"
    )
    if plan.skipped:
        shown = ", ".join(plan.skipped[:5]) + (", ..." if len(plan.skipped) > 5 else "")
        out.print(Text(f"    skipped: {shown}", style="dim"))
