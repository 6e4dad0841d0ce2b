"""The population import for a terminal: how each SCB export was read, and what an import
adds and changes.

Split from :mod:`norrort_cost.rendering.console`, which still exports these names.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Console
from rich.text import Text

from norrort_cost.money import format_int
from norrort_cost.population.importing import ImportPlan, Reading
from norrort_cost.rendering.allocation_console import hidden_note
from norrort_cost.rendering.i18n import _
from norrort_cost.rendering.layout import Column, fit, literal, print_fitted, print_text
from norrort_cost.rendering.vocabulary import counted, located


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
