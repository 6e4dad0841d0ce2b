"""The report's first words and its schedule: the summary a committee reads, the installments.

The summary holds the year's total, its change from the previous year in kr and %, the
average per inhabitant, the largest and the smallest share, and the focus member's share
with its change. The installment table shows how ``invoices --installments N`` splits the
year (the same rule, so the figures are the invoices' own).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from norrort_cost.allocation.results import Allocation, Share
from norrort_cost.audit.changes import Comparison
from norrort_cost.audit.report import CommitteeReport, average_ore_per_inhabitant
from norrort_cost.money import (
    format_fraction_sv,
    format_int,
    format_percent,
    format_sek,
    format_signed_sek,
    kronor,
)
from norrort_cost.rendering.report.parts import Section, Table


def _percent(part: int, whole: int) -> str:
    return format_percent(Fraction(part, whole or 1), 2)


def _share_text(share: Share, allocation: Allocation, t: Mapping[str, str]) -> str:
    return t["fact_share_value"].format(
        name=share.name,
        amount=format_sek(share.amount_ore),
        percent=_percent(share.amount_ore, allocation.budget_ore),
    )


def summary_section(report: CommitteeReport, t: Mapping[str, str]) -> Section:
    """The key figures of the year, one line each, before any chart or table."""
    allocation, previous = report.allocation, report.previous
    inhabitants = sum(s.inhabitants for s in allocation.shares)
    by_amount = sorted(allocation.shares, key=lambda s: (s.amount_ore, s.kommunkod))
    facts = [(t["fact_total"].format(year=report.year), f"{format_sek(allocation.budget_ore)} kr")]
    if previous is not None:
        before = previous.before.budget_ore
        facts.append(
            (
                t["fact_change"].format(year=previous.before.year),
                t["change_value"].format(
                    change=format_signed_sek(previous.budget_change_ore),
                    percent=format_percent(
                        Fraction(previous.budget_change_ore, before or 1), 2, signed=True
                    ),
                ),
            )
        )
    average = format_fraction_sv(kronor(average_ore_per_inhabitant(allocation)), 2)
    facts += [
        (
            t["fact_per_inhabitant"],
            t["per_inhabitant_value"].format(
                value=average, inhabitants=format_int(inhabitants), members=len(allocation.shares)
            ),
        ),
        (t["fact_largest"], _share_text(by_amount[-1], allocation, t)),
        (t["fact_smallest"], _share_text(by_amount[0], allocation, t)),
    ]
    share = report.focus_share
    if share is not None:
        facts.append((share.name, _focus_text(share, allocation, previous, t)))
    if report.installments:
        facts.append(
            (
                t["fact_installments"],
                t["installments_value"].format(count=report.installments[0].count),
            )
        )
    return Section(t["section_summary"], facts=tuple(facts))


def _focus_text(
    share: Share, allocation: Allocation, previous: Comparison | None, t: Mapping[str, str]
) -> str:
    """The focus member's amount and share, then its change from the previous year."""
    text = t["focus_share_value"].format(
        amount=format_sek(share.amount_ore),
        percent=_percent(share.amount_ore, allocation.budget_ore),
    )
    if share.membership_days < share.days_in_year:
        text += " " + t["focus_days"].format(days=share.membership_days, total=share.days_in_year)
    if previous is None:
        return text
    change = next((m for m in previous.members if m.kommunkod == share.kommunkod), None)
    before = change.before if change else None
    if before is None or before.amount_ore == 0:
        return text + "; " + t["focus_new"].format(year=previous.before.year)
    before_part = Fraction(before.amount_ore, previous.before.budget_ore or 1)
    after_part = Fraction(share.amount_ore, allocation.budget_ore or 1)
    return (
        text
        + "; "
        + t["focus_change"].format(
            year=previous.before.year,
            change=format_signed_sek(share.amount_ore - before.amount_ore),
            percent=format_percent(
                Fraction(share.amount_ore - before.amount_ore, before.amount_ore), 2, signed=True
            ),
            points=format_fraction_sv((after_part - before_part) * 100, 2, signed=True),
        )
    )


def installment_section(report: CommitteeReport, t: Mapping[str, str]) -> Section:
    """The year's installments: each part of the year, the focus member's and all invoiced."""
    rows = report.installments
    count = rows[0].count
    managing = next(
        (s.name for s in report.allocation.shares if s.kommunkod == report.managing),
        report.managing or "",
    )
    focus = report.focus_share
    header = [t["col_installment"], t["col_period"]]
    if focus is not None:
        header.append(t["col_focus_amount"].format(name=focus.name))
    header.append(t["col_invoiced"])
    lines = []
    for row in rows:
        line = [
            t["installment_of"].format(number=row.number, count=count),
            t["period_between"].format(
                start=row.period_start.isoformat(), end=row.period_end.isoformat()
            ),
        ]
        if focus is not None:
            line.append("–" if row.focus_ore is None else format_sek(row.focus_ore))
        line.append(format_sek(row.invoiced_ore))
        lines.append(tuple(line))
    total = [t["total"], ""]
    if focus is not None:
        total.append(format_sek(sum(r.focus_ore or 0 for r in rows)))
    total.append(format_sek(sum(r.invoiced_ore for r in rows)))
    paragraphs = [t["installments_rule"].format(count=count)]
    if managing:
        paragraphs.append(t["installments_managing"].format(name=managing))
    table = Table(
        tuple(header), tuple(lines), (False, False, *[True] * (len(header) - 2)), tuple(total)
    )
    return Section(
        t["section_installments"].format(year=report.year),
        paragraphs=tuple(paragraphs),
        tables=(table,),
    )
