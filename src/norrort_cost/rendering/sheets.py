"""The workbooks of allocate (one or several years), compare and whatif.

One sheet per year (``2014``) with the members' shares, an overview sheet (members ×
years) when there are several years, and a notes sheet. Headers are for people, in the
chosen language; ``Kommunkod`` is the same word in both. Read one back with pandas::

    pd.read_excel("andelar.xlsx", sheet_name="2014", dtype={"Kommunkod": str})
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from norrort_cost.allocation.results import Allocation, Share
from norrort_cost.audit.changes import Comparison, MemberChange, Status, WhatIf
from norrort_cost.money import format_sek, kronor, ore_to_decimal, round_fraction
from norrort_cost.rendering.change_console import STATUS_WORDS, whatif_title
from norrort_cost.rendering.console import allocation_caption, part_ore, pool_title
from norrort_cost.rendering.i18n import _
from norrort_cost.rendering.records import ILLUSTRATIVE_NOTICE, preliminary_notice
from norrort_cost.rendering.xlsx import Kind, Sheet, SheetColumn, workbook

KOMMUNKOD = "Kommunkod"
PLACES = 10
READ_BACK = 'pd.read_excel(PATH, sheet_name="{sheet}", dtype={{"Kommunkod": str}})'


def _fraction(value: Fraction) -> Decimal:
    return round_fraction(value, PLACES)


def _amount(ore: int) -> Decimal:
    return ore_to_decimal(ore)


def allocation_sheet(
    allocation: Allocation, shares: Sequence[Share], *, by_pool: bool = False
) -> Sheet:
    """One year's shares: who, inhabitants, reference date, days, share, amount, kr/inhabitant."""
    paid = Fraction(allocation.budget_ore) or Fraction(1)
    columns = [
        SheetColumn(KOMMUNKOD, Kind.TEXT, [s.kommunkod for s in shares]),
        SheetColumn(_("Municipality"), Kind.TEXT, [s.name for s in shares]),
        SheetColumn(
            _("Inhabitants"),
            Kind.COUNT,
            [s.inhabitants for s in shares],
            sum(s.inhabitants for s in shares),
        ),
        SheetColumn(_("Reference date"), Kind.DATE, [s.population_date for s in shares]),
        SheetColumn(_("Days"), Kind.COUNT, [s.membership_days for s in shares]),
        SheetColumn(_("Days in year"), Kind.COUNT, [s.days_in_year for s in shares]),
        SheetColumn(
            _("Share"),
            Kind.PERCENT,
            [_fraction(s.amount_ore / paid) for s in shares],
            _fraction(sum(s.amount_ore for s in shares) / paid),
        ),
    ]
    if by_pool:
        columns += [
            SheetColumn(
                f"{pool_title(pool)} (kr)",
                Kind.AMOUNT,
                [_amount(part_ore(s, pool.name)) for s in shares],
                _amount(sum(part_ore(s, pool.name) for s in shares)),
            )
            for pool in allocation.pools
        ]
    columns += [
        SheetColumn(
            _("Amount (kr)"),
            Kind.AMOUNT,
            [_amount(s.amount_ore) for s in shares],
            _amount(sum(s.amount_ore for s in shares)),
        ),
        SheetColumn(
            _("kr/inhabitant"),
            Kind.AMOUNT,
            [_fraction(kronor(s.ore_per_inhabitant)) for s in shares],
        ),
    ]
    return Sheet(str(allocation.year), columns, _("Total"))


def overview_sheet(allocations: Sequence[Allocation]) -> Sheet:
    """Members × years: each member's amount per year (empty where it was not a member)."""
    codes = sorted({s.kommunkod for a in allocations for s in a.shares})
    names = {s.kommunkod: s.name for a in allocations for s in a.shares}
    columns = [
        SheetColumn(KOMMUNKOD, Kind.TEXT, codes),
        SheetColumn(_("Municipality"), Kind.TEXT, [names[k] for k in codes]),
    ]
    for allocation in allocations:
        amounts = {s.kommunkod: s.amount_ore for s in allocation.shares}
        columns.append(
            SheetColumn(
                f"{allocation.year} (kr)",
                Kind.AMOUNT,
                [_amount(amounts[k]) if k in amounts else None for k in codes],
                _amount(sum(amounts.values())),
            )
        )
    return Sheet(_("Overview"), columns, _("Total"))


def allocation_notes(allocations: Sequence[Allocation], *, by_pool: bool = False) -> list[str]:
    """What the figures rest on, year by year, and how to read the workbook back."""
    notes: list[str] = []
    if any(a.illustrative for a in allocations):
        notes.append(_(ILLUSTRATIVE_NOTICE))
    for allocation in allocations:
        preliminary = preliminary_notice(allocation)
        if preliminary:
            notes.append(f"{allocation.year}: {preliminary}")
        notes.append(allocation_caption(allocation, by_pool=by_pool).replace("\n", " "))
        sources = sorted({s.population_source for s in allocation.shares if s.population_source})
        if sources:
            notes.append(_("Population sources: {sources}.").format(sources="; ".join(sources)))
    sheet = str(allocations[0].year)
    notes.append(_("Read with pandas: {call}").format(call=READ_BACK.format(sheet=sheet)))
    return notes


def allocations_workbook(
    chosen: Sequence[tuple[Allocation, Sequence[Share]]], *, by_pool: bool = False
) -> bytes:
    """One workbook: an overview (if several years), a sheet per year, the notes."""
    sheets = [allocation_sheet(a, shares, by_pool=by_pool) for a, shares in chosen]
    if len(chosen) > 1:
        sheets.insert(0, overview_sheet([a for a, _shares in chosen]))
    notes = allocation_notes([a for a, _shares in chosen], by_pool=by_pool)
    return workbook(sheets, _("Notes"), notes)


def _change_sheet(title: str, members: Sequence[MemberChange], headers: tuple[str, str]) -> Sheet:
    """Per member: status (with dates), days and amount on each side, and the difference."""

    def amount(share: Share | None) -> Decimal:
        return _amount(share.amount_ore if share else 0)

    columns = [
        SheetColumn(KOMMUNKOD, Kind.TEXT, [m.kommunkod for m in members]),
        SheetColumn(_("Municipality"), Kind.TEXT, [m.name for m in members]),
        SheetColumn(_("Status"), Kind.TEXT, [_status_text(m) for m in members]),
        SheetColumn(
            _("Days {year}").format(year=headers[0]),
            Kind.COUNT,
            [m.before.membership_days if m.before else None for m in members],
        ),
        SheetColumn(
            _("Days {year}").format(year=headers[1]),
            Kind.COUNT,
            [m.after.membership_days if m.after else None for m in members],
        ),
        SheetColumn(
            f"{headers[0]} (kr)",
            Kind.AMOUNT,
            [amount(m.before) for m in members],
            sum((amount(m.before) for m in members), Decimal(0)),
        ),
        SheetColumn(
            f"{headers[1]} (kr)",
            Kind.AMOUNT,
            [amount(m.after) for m in members],
            sum((amount(m.after) for m in members), Decimal(0)),
        ),
        SheetColumn(
            _("Difference (kr)"),
            Kind.AMOUNT,
            [_amount(m.amount_change_ore) for m in members],
            _amount(sum(m.amount_change_ore for m in members)),
        ),
    ]
    return Sheet(title, columns, _("Total"))


def _status_text(m: MemberChange) -> str:
    """The status in words, with the days paid for when only part of a year."""
    days = {
        Status.MEMBER: m.after_days or m.before_days,
        Status.JOINED: m.after_days,
        Status.LEFT: m.before_days,
        Status.LEFT_OUT: None,
    }[m.status]
    if days is None:
        return _(STATUS_WORDS[m.status])
    word = _("part year") if m.status == Status.MEMBER else _(STATUS_WORDS[m.status])
    return f"{word} {days[0]} – {days[1]}"


def comparison_workbook(result: Comparison) -> bytes:
    """Two years side by side, per member, with totals; the notes on their own sheet."""
    y1, y2 = str(result.before.year), str(result.after.year)
    sheet = _change_sheet(f"{y1}-{y2}", result.members, (y1, y2))
    notes = [
        *([_(ILLUSTRATIVE_NOTICE)] if result.before.illustrative else []),
        _("Difference = {y2} − {y1}.").format(y1=y1, y2=y2),
        allocation_caption(result.before).replace("\n", " "),
        allocation_caption(result.after).replace("\n", " "),
        _("Read with pandas: {call}").format(call=READ_BACK.format(sheet=f"{y1}-{y2}")),
    ]
    return workbook([sheet], _("Notes"), notes)


def whatif_workbook(result: WhatIf) -> bytes:
    """Baseline and new amount per member, with the difference; the notes on their own sheet."""
    year = str(result.baseline.year)
    heads = (_("before"), _("after"))
    sheet = _change_sheet(year, result.members, heads)
    notes = [
        *([_(ILLUSTRATIVE_NOTICE)] if result.baseline.illustrative else []),
        whatif_title(result),
        _("Difference = new − baseline; positive: the member would pay more."),
        _("Budget {budget} kr.").format(budget=format_sek(result.baseline.budget_ore)),
        _("Read with pandas: {call}").format(call=READ_BACK.format(sheet=year)),
    ]
    return workbook([sheet], _("Notes"), notes)
