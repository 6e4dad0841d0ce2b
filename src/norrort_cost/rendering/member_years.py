"""Several budget years of chosen members in one table: a row per year (and member).

``allocate --years 2014-2019 -m Ekerö`` prints this instead of a table per year: one
title, one illustrative notice above and below, and "not a member" in a year the member
was not in the cooperation (each year is still split over all its members).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from rich.console import Console

from norrort_cost.allocation.results import Allocation, Share
from norrort_cost.money import format_fraction_sv, format_int, format_percent, format_sek, kronor
from norrort_cost.rendering.i18n import _
from norrort_cost.rendering.layout import Column, fit, print_fitted, print_text
from norrort_cost.rendering.records import ILLUSTRATIVE_NOTICE
from norrort_cost.rendering.vocabulary import method_name


@dataclass(frozen=True, slots=True)
class MemberYear:
    """One member in one budget year: its share, or None when it was not a member."""

    allocation: Allocation
    kommunkod: str
    name: str
    share: Share | None


def _share_of_budget(row: MemberYear) -> str:
    if row.share is None or not row.allocation.budget_ore:
        return ""
    return format_percent(Fraction(row.share.amount_ore, row.allocation.budget_ore), 4)


def member_year_columns(rows: Sequence[MemberYear]) -> list[Column]:
    """Year, kommunkod, name, inhabitants, days, share, amount and kr/inhabitant per row;
    the amounts summed at the foot."""
    absent = _("not a member")
    shares = [(row, row.share) for row in rows]
    total = sum(share.amount_ore for _row, share in shares if share is not None)
    return [
        Column(_("Year"), [str(row.allocation.year) for row in rows], _("Total")),
        Column(_("Kommunkod"), [row.kommunkod for row in rows], short=_("Kod")),
        Column(_("Municipality"), [row.name for row in rows], squeeze=True, short=_("Name")),
        Column(
            _("Inhabitants"),
            [format_int(s.inhabitants) if s else "" for _row, s in shares],
            right=True,
            rank=3,
            short=_("Inhab."),
        ),
        Column(
            _("Days"),
            [f"{s.membership_days}/{s.days_in_year}" if s else "" for _row, s in shares],
            right=True,
            rank=4,
        ),
        Column(_("Share"), [_share_of_budget(row) for row in rows], right=True, rank=2),
        Column(
            _("Amount (kr)"),
            [format_sek(s.amount_ore) if s else absent for _row, s in shares],
            format_sek(total),
            right=True,
            short=_("Amount"),
        ),
        Column(
            _("kr/inhabitant"),
            [format_fraction_sv(kronor(s.ore_per_inhabitant), 2) if s else "" for _r, s in shares],
            right=True,
            rank=1,
            short=_("kr/inh."),
        ),
    ]


def print_member_years(out: Console, rows: Sequence[MemberYear]) -> None:
    """The rows as one table, with the illustrative notice once above and once below."""
    allocations = {row.allocation.year: row.allocation for row in rows}
    first, last = min(allocations), max(allocations)
    illustrative = any(a.illustrative for a in allocations.values())
    if illustrative:
        print_text(out, _(ILLUSTRATIVE_NOTICE), "bold red")
    some = allocations[first]
    title = _("{cooperation}: cost allocation {first}–{last}").format(
        cooperation=some.cooperation, first=first, last=last
    )
    methods = sorted({method_name(a.method, a.method_version) for a in allocations.values()})
    caption = _("Each year is split over all of that year's members. Method: {method}.").format(
        method="; ".join(methods)
    )
    fitted = fit(member_year_columns(rows), out.width, title=title, caption=caption)
    from norrort_cost.rendering.console import hidden_note

    print_fitted(out, fitted, hidden_note())
    if illustrative:
        print_text(out, _(ILLUSTRATIVE_NOTICE), "bold red")
