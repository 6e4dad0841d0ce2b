"""compare and whatif for people in a terminal: per member days, status and amounts.

A member that paid for only part of a year is named under the table with its dates; a
what-if is titled by the members' names (``without Ekerö``). Uses rich through
:mod:`norrort_cost.rendering.layout`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console

from norrort_cost.allocation.results import Share
from norrort_cost.audit.changes import (
    ChangeKind,
    Comparison,
    MemberChange,
    MembershipChange,
    Status,
    WhatIf,
)
from norrort_cost.money import format_fraction_sv, format_int, format_sek, format_signed_sek, kronor
from norrort_cost.rendering.audit_console import notice
from norrort_cost.rendering.console import hidden_note
from norrort_cost.rendering.i18n import _
from norrort_cost.rendering.layout import Column, fit, print_fitted
from norrort_cost.rendering.records import preliminary_notice

STATUS_WORDS = {
    Status.MEMBER: "member",
    Status.JOINED: "joined",
    Status.LEFT: "left",
    Status.LEFT_OUT: "left out",
}


def _status(m: MemberChange) -> str:
    """A member's status in words; ``part year`` when it paid for only part of one."""
    if m.status == Status.MEMBER and (m.before_days or m.after_days):
        return _("part year")
    return _(STATUS_WORDS[m.status])


def part_year_notes(members: Sequence[MemberChange], years: tuple[str, str]) -> list[str]:
    """One sentence per member that paid for only part of a year: its dates and days."""
    notes = []
    for m in members:
        for label, share, days in (
            (years[0], m.before, m.before_days),
            (years[1], m.after, m.after_days),
        ):
            if share is None or days is None:
                continue
            notes.append(
                _(
                    "{name}: member {start} – {end}, {days} of {days_in_year} days ({label})."
                ).format(
                    name=m.name,
                    start=days[0],
                    end=days[1],
                    days=share.membership_days,
                    days_in_year=share.days_in_year,
                    label=label,
                )
            )
    return notes


def _days(share: Share | None) -> str:
    return "–" if share is None else f"{share.membership_days}/{share.days_in_year}"


def _change_columns(
    members: tuple[MemberChange, ...],
    headers: tuple[str, str, str],
    shorts: tuple[str, str, str],
    years: tuple[str, str],
) -> list[Column]:
    def money(index: int, value: Callable[[MemberChange], int], *, signed: bool) -> Column:
        show = format_signed_sek if signed else format_sek
        cells = [show(value(m)) for m in members]
        total = show(sum(value(m) for m in members))
        return Column(headers[index], cells, total, right=True, short=shorts[index])

    return [
        Column(_("Kommunkod"), [m.kommunkod for m in members], _("Total"), short=_("Kod")),
        Column(_("Municipality"), [m.name for m in members], squeeze=True, short=_("Name")),
        Column(_("Status"), [_status(m) for m in members], rank=2),
        Column(
            _("Days {year}").format(year=years[0]),
            [_days(m.before) for m in members],
            right=True,
            rank=4,
        ),
        Column(
            _("Days {year}").format(year=years[1]),
            [_days(m.after) for m in members],
            right=True,
            rank=3,
        ),
        money(0, lambda m: m.before.amount_ore if m.before else 0, signed=False),
        money(1, lambda m: m.after.amount_ore if m.after else 0, signed=False),
        money(2, lambda m: m.amount_change_ore, signed=True),
    ]


def _optional(value: Any, show: Callable[[Any], str]) -> str:  # noqa: ANN401 - any figure
    return "–" if value is None else show(value)


def describe_change(change: MembershipChange, names: dict[str, str]) -> str:
    """A what-if change in words, by the member's name: ``without Ekerö``."""
    name = names.get(change.kommunkod, change.kommunkod)
    if change.kind == ChangeKind.WITHOUT:
        return _("without {name}").format(name=name)
    if change.kind == ChangeKind.JOIN:
        return _("{name} joining on {date}").format(name=name, date=change.on)
    return _("{name} leaving after {date}").format(name=name, date=change.on)


def whatif_title(result: WhatIf) -> str:
    """The scenario by name: ``Koordination Norrort 2014, what if: without Ekerö``."""
    names = {m.kommunkod: m.name for m in result.members}
    changes = ", ".join(describe_change(c, names) for c in result.changes)
    return _("{cooperation} {year}, what if: {changes}").format(
        cooperation=result.baseline.cooperation, year=result.baseline.year, changes=changes
    )


def print_whatif(out: Console, result: WhatIf) -> None:
    """Baseline, new amount and difference per member (difference = new − baseline)."""
    columns = _change_columns(
        result.members,
        (_("Baseline (kr)"), _("New (kr)"), _("Difference (kr)")),
        (_("Base (kr)"), _("New (kr)"), _("Diff. (kr)")),
        (_("before"), _("after")),
    )
    title = whatif_title(result)
    caption = _("Difference = new − baseline; positive: the member would pay more.")
    notes = part_year_notes(result.members, (_("before"), _("after")))
    caption = "\n".join([caption, *notes])
    preliminary = [preliminary_notice(result.baseline)]
    notice(out, illustrative=result.baseline.illustrative, preliminary=preliminary)
    print_fitted(out, fit(columns, out.width, title=title, caption=caption), hidden_note())
    notice(out, illustrative=result.baseline.illustrative, preliminary=preliminary)


def print_comparison(out: Console, result: Comparison) -> None:
    """Per member: days, amounts and their change, inhabitants, share and kr per inhabitant."""
    y1, y2 = str(result.before.year), str(result.after.year)
    members = result.members
    money = (f"{y1} (kr)", f"{y2} (kr)", _("Δ kr"))
    columns = _change_columns(members, money, money, (y1, y2))
    columns += [
        Column(
            _("Δ inhabitants"),
            [
                _optional(m.inhabitants_change, lambda v: ("+" if v > 0 else "") + format_int(v))
                for m in members
            ],
            right=True,
            rank=5,
            short=_("Δ inh."),
        ),
        Column(
            _("Δ share (pp)"),
            [format_fraction_sv(m.share_change * 100, 4, signed=True) for m in members],
            right=True,
            rank=6,
        ),
        Column(
            _("Δ kr/inhabitant"),
            [
                _optional(
                    m.ore_per_inhabitant_change,
                    lambda v: format_fraction_sv(kronor(v), 4, signed=True),
                )
                for m in members
            ],
            right=True,
            rank=7,
            short=_("Δ kr/inh."),
        ),
    ]
    title = _("{cooperation}: {y1} compared with {y2}").format(
        cooperation=result.after.cooperation, y1=y1, y2=y2
    )
    caption = _("Δ = {y2} − {y1}. Budget {b1} → {b2} kr; population at {d1} and {d2}.").format(
        y1=y1,
        y2=y2,
        b1=format_sek(result.before.budget_ore),
        b2=format_sek(result.after.budget_ore),
        d1=result.before.population_date,
        d2=result.after.population_date,
    )
    caption = "\n".join([caption, *part_year_notes(members, (y1, y2))])
    illustrative = result.before.illustrative or result.after.illustrative
    preliminary = [preliminary_notice(result.before), preliminary_notice(result.after)]
    notice(out, illustrative=illustrative, preliminary=preliminary)
    print_fitted(out, fit(columns, out.width, title=title, caption=caption), hidden_note())
    notice(out, illustrative=illustrative, preliminary=preliminary)
