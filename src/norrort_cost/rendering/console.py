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
from norrort_cost.rendering.i18n import _, problem_words, spoken
from norrort_cost.rendering.layout import Column, fit, literal, print_fitted, print_text
from norrort_cost.rendering.records import ILLUSTRATIVE_NOTICE, preliminary_notice
from norrort_cost.rendering.vocabulary import counted, located, method_name, pool_description

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
    return Text(_(ILLUSTRATIVE_NOTICE), style="bold red")


def allocation_columns(
    allocation: Allocation, shares: Sequence[Share], *, by_pool: bool = False
) -> list[Column]:
    """The allocation's columns: one row per member and the totals at the foot.

    With ``by_pool``, one more column per cost pool shows the member's part of it (the
    population share and reference date are per-capita figures: they stay in the default
    view and the caption).
    """
    columns = [
        Column(_("Kommunkod"), [s.kommunkod for s in shares], _("Total"), short=_("Kod")),
        Column(_("Municipality"), [s.name for s in shares], squeeze=True, short=_("Name")),
        Column(
            _("Inhabitants"),
            [format_int(s.inhabitants) for s in shares],
            format_int(sum(s.inhabitants for s in shares)),
            right=True,
            rank=3,
            short=_("Inhab."),
        ),
    ]
    if not by_pool:
        columns.append(
            Column(
                _("Reference date"),
                [s.population_date.isoformat() for s in shares],
                rank=5,
                short=_("Ref. date"),
            )
        )
    columns.append(
        Column(
            _("Days"),
            [f"{s.membership_days}/{s.days_in_year}" for s in shares],
            right=True,
            rank=4,
        )
    )
    if by_pool:
        columns += [_pool_column(pool, shares) for pool in allocation.pools]
    else:
        columns.append(
            Column(
                _("Share"),
                [_percent(_budget_share(allocation, (s,))) for s in shares],
                _percent(_budget_share(allocation, shares)),
                right=True,
                rank=2,
            )
        )
    columns.append(
        Column(
            _("Amount (kr)"),
            [format_sek(s.amount_ore) for s in shares],
            format_sek(sum(s.amount_ore for s in shares)),
            right=True,
            short=_("Amount"),
        )
    )
    if not by_pool:
        per_inhabitant = [format_fraction_sv(kronor(s.ore_per_inhabitant), 2) for s in shares]
        columns.append(
            Column(_("kr/inhabitant"), per_inhabitant, right=True, rank=1, short=_("kr/inh."))
        )
    return columns


def _pool_column(pool: Pool, shares: Sequence[Share]) -> Column:
    return Column(
        f"{pool_title(pool)} (kr)",
        [format_sek(part_ore(s, pool.name)) for s in shares],
        format_sek(sum(part_ore(s, pool.name) for s in shares)),
        right=True,
        rank=2,
    )


def pool_title(pool: Pool) -> str:
    """A pool's name for people: its title, else its key's name (never ``per_capita``)."""
    return _(pool.title) if pool.title else pool_label(pool.name)


def pool_label(name: str) -> str:
    """A pool key's name for people: ``per_capita`` -> ``Per capita``."""
    return _(POOL_NAMES.get(name, name))


POOL_NAMES = {
    "per_capita": "Per capita",
    "base_fee": "Base fee",
    "equal": "Equal",
    "fixed": "Fixed",
}


def allocation_caption(allocation: Allocation, *, by_pool: bool = False) -> str:
    """What the table rests on: budget, population date, days, method and rounding."""
    caption = _(
        "{cooperation} {year}: budget {budget} kr, population at {date}, {days} days. "
        "Method: {method}, {tie_break}; rounded to whole {unit}."
    ).format(
        cooperation=allocation.cooperation,
        year=allocation.year,
        budget=format_sek(allocation.budget_ore),
        date=allocation.population_date,
        days=allocation.days_in_year,
        method=method_name(allocation.method, allocation.method_version),
        tie_break=_(allocation.tie_break),
        unit=_unit_name(allocation.rounding_unit),
    )
    if by_pool:
        caption += "".join(f"\n{_pool_note(pool)}" for pool in allocation.pools)
    return caption


def part_ore(share: Share, pool: str) -> int:
    """The member's part of one pool, in öre."""
    return sum(part.amount_ore for part in share.parts if part.pool == pool)


def _pool_note(pool: Pool) -> str:
    feeds = ", ".join(f"{line} {format_sek(ore)} kr" for line, ore in pool.contributions)
    about = pool_description(pool.description) if pool.description else pool_title(pool)
    return _("{about}. {amount} kr from: {feeds}.").format(
        about=about, amount=format_sek(pool.amount_ore), feeds=feeds
    )


def _budget_share(allocation: Allocation, shares: Sequence[Share]) -> Fraction:
    """What part of the budget these members pay (with mixed keys, not the population share)."""
    paid = sum(share.amount_ore for share in shares)
    return Fraction(paid, allocation.budget_ore) if allocation.budget_ore else Fraction(0)


def _percent(value: Fraction | int) -> str:
    return format_percent(Fraction(value), 4)


def _unit_name(unit: str) -> str:
    return _("kronor") if unit == "krona" else _("öre")


def print_allocation(
    out: Console, allocation: Allocation, shares: Sequence[Share], *, by_pool: bool = False
) -> None:
    """Print the table and, for an illustrative budget, the notice above and below it."""
    notice = illustrative_notice(allocation)
    preliminary = preliminary_notice(allocation)
    if notice:
        print_text(out, notice.plain, "bold red")
    if preliminary:
        print_text(out, preliminary, "bold yellow")
    fitted = fit(
        allocation_columns(allocation, shares, by_pool=by_pool),
        out.width,
        title=_("{cooperation}: cost allocation {year}").format(
            cooperation=allocation.cooperation, year=allocation.year
        ),
        caption=allocation_caption(allocation, by_pool=by_pool),
    )
    print_fitted(out, fitted, hidden_note())
    if notice:
        print_text(out, notice.plain, "bold red")
    if preliminary:
        print_text(out, preliminary, "bold yellow")


def hidden_note() -> str:
    """The line under a table that had to leave columns out."""
    return _("Not shown at this width: {columns} (widen the terminal or use --format csv).")


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


def print_readings(out: Console, readings: Sequence[Reading], on: date | None) -> None:
    """How each export was read: its layout, the region and value columns, the date."""
    for reading in readings:
        line = _(
            "read {file} ({layout}): region from {region}, figures from {values}, date: {when}"
        ).format(
            file=located(reading.file),
            layout=", ".join(_(part) for part in reading.layout.split(", ")),
            region=repr(reading.region_column),
            values=", ".join(repr(v) for v in reading.value_columns),
            when=_reading_date(reading, on),
        )
        out.print(Text(literal(line)))
        for note in reading.notes:
            out.print(Text(literal(f"    {_reading_note(note)}"), style="dim"))


def _reading_date(reading: Reading, on: date | None) -> str:
    """The reference date an export's figures get, and where it comes from."""
    if on is not None:
        return _("{date} (--date)").format(date=on.isoformat())
    named = bool(reading.periods) and reading.periods[0][4:5] == "-"  # 2019-11-01: a day
    if len(reading.dates) == 1 and named:
        return _("{date} (the date the file names)").format(date=reading.dates[0].isoformat())
    if len(reading.dates) == 1:
        return _("{date} (the end of {period})").format(
            date=reading.dates[0].isoformat(), period=reading.periods[0]
        )
    if reading.dates and named:
        return _("each date the file names, {first} to {last}").format(
            first=reading.dates[0].isoformat(), last=reading.dates[-1].isoformat()
        )
    if reading.dates:
        return _("the end of each period, {first} to {last}").format(
            first=reading.dates[0].isoformat(), last=reading.dates[-1].isoformat()
        )
    return _("none in the file")


def _reading_note(note: str) -> str:
    """A note of the SCB reader in the current language (fixed notes and two templates)."""
    if note.startswith("ignored: "):
        return _("ignored: {columns}").format(columns=note.removeprefix("ignored: "))
    if note.startswith("only the rows whose ") and note.endswith(" is the population"):
        column = note.removeprefix("only the rows whose ").removesuffix(" is the population")
        return _("only the rows whose {column} is the population").format(column=column)
    return _(note)


def print_import(out: Console, plan: ImportPlan, names: dict[str, str], target: str) -> None:
    """What an import adds and changes (old -> new), then the counts of the rest."""
    rows = [
        (_("added"), f.kommunkod, f.reference_date.isoformat(), format_int(f.inhabitants))
        for f in plan.added
    ] + [
        (
            _("changed"),
            c.new.kommunkod,
            c.new.reference_date.isoformat(),
            f"{format_int(c.old.inhabitants)} -> {format_int(c.new.inhabitants)}",
        )
        for c in plan.changed
    ]
    if plan.modifies:
        columns = [
            Column(_("Change"), [r[0] for r in rows]),
            Column(_("Kommunkod"), [r[1] for r in rows], short=_("Kod")),
            Column(_("Municipality"), [names.get(r[1], "") for r in rows], squeeze=True),
            Column(_("Reference date"), [r[2] for r in rows], short=_("Ref. date")),
            Column(_("Inhabitants"), [r[3] for r in rows], right=True),
        ]
        title = _("Population import into {target}").format(target=target)
        print_fitted(out, fit(columns, out.width, title=title), hidden_note())
    print_text(
        out,
        _(
            "{added} added, {changed} changed, {unchanged} unchanged; "
            "{skipped} (not in the dataset)"
        ).format(
            added=len(plan.added),
            changed=len(plan.changed),
            unchanged=len(plan.unchanged),
            skipped=counted(len(plan.skipped), "{n} region skipped", "{n} regions skipped"),
        ),
    )
    if plan.skipped:
        shown = ", ".join(plan.skipped[:5]) + (", ..." if len(plan.skipped) > 5 else "")
        print_text(out, "    " + _("skipped: {regions}").format(regions=shown), "dim")
