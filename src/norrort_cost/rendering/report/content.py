"""The committee report as texts and tables in one language, shared by the HTML and the PDF.

:func:`report_view` turns a :class:`~norrort_cost.audit.report.CommitteeReport` into a
:class:`ReportView`: a headline, the notice, the sections with their paragraphs, steps and
tables, and the footer. Amounts are formatted once here (to the öre, Swedish style), so the
HTML and the PDF show the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from norrort_cost.allocation.results import Allocation
from norrort_cost.audit.report import CommitteeReport, average_ore_per_inhabitant
from norrort_cost.dataset.models import AllocationKey, BudgetLine
from norrort_cost.money import (
    format_fraction_sv,
    format_int,
    format_percent,
    format_sek,
    format_signed_sek,
    kronor,
)
from norrort_cost.rendering.report.explained import (
    appendix_section,
    method_name,
    method_paragraphs,
    worked_example,
)
from norrort_cost.rendering.report.parts import Section, Table
from norrort_cost.rendering.report.strings import texts
from norrort_cost.rendering.report.summary import installment_section, summary_section


@dataclass(frozen=True, slots=True)
class ReportView:
    """Everything the report says, in one language, ready to lay out."""

    lang: str
    title: str
    headline: str
    notice: str | None
    summary: Section
    sections: tuple[Section, ...]
    footer: str
    texts: Mapping[str, str] = field(repr=False)


def per_inhabitant_kr(ore_per_inhabitant: Fraction) -> str:
    """Kronor per inhabitant for people, to two decimals: ``0,92``."""
    return format_fraction_sv(kronor(ore_per_inhabitant), 2)


def report_view(report: CommitteeReport, lang: str, version: str) -> ReportView:
    """The report's texts and tables in ``lang``; ``version`` is the tool's version."""
    t = texts(lang)
    allocation = report.allocation
    notice = t["notice"] if allocation.illustrative else None
    return ReportView(
        lang=lang,
        title=t["title"].format(cooperation=allocation.cooperation, year=report.year),
        headline=_headline(report, t),
        notice=notice,
        summary=summary_section(report, t),
        sections=(
            _allocation(report, t),
            _changes(report, t),
            *((installment_section(report, t),) if report.installments else ()),
            _method(report, t),
            _sources(allocation, t),
            *((appendix_section(report.focus, t),) if report.focus else ()),
        ),
        footer=t["footer"].format(
            dataset=f"{allocation.cooperation} ({Path(report.dataset_source).name})",
            date=report.made_on.isoformat(),
            version=version,
            method=method_name(allocation.method, t),
            method_version=allocation.method_version,
        ),
        texts=t,
    )


def _headline(report: CommitteeReport, t: Mapping[str, str]) -> str:
    """The first sentence, and that the year is preliminary where it is."""
    final = report.allocation.final_population_date
    if final is None:
        return _first_sentence(report, t)
    preliminary = t["preliminary"].format(
        used=report.allocation.population_date.isoformat(), final=final.isoformat()
    )
    return f"{_first_sentence(report, t)} {preliminary}"


def _first_sentence(report: CommitteeReport, t: Mapping[str, str]) -> str:
    allocation, share = report.allocation, report.focus_share
    if share is None:
        return t["headline_cooperation"].format(
            cooperation=allocation.cooperation,
            budget=format_sek(allocation.budget_ore),
            year=report.year,
            members=len(allocation.shares),
            per_inhabitant=per_inhabitant_kr(average_ore_per_inhabitant(allocation)),
        )
    return t["headline_member"].format(
        name=share.name,
        amount=format_sek(share.amount_ore),
        year=report.year,
        percent=format_percent(Fraction(share.amount_ore, allocation.budget_ore or 1), 2),
        per_inhabitant=per_inhabitant_kr(share.ore_per_inhabitant),
        days=share.membership_days,
        days_in_year=share.days_in_year,
    )


def _allocation(report: CommitteeReport, t: Mapping[str, str]) -> Section:
    pools = pool_table(report, t)
    return Section(
        t["section_table"].format(year=report.year),
        tables=(allocation_table(report, t), *((pools,) if pools else ())),
    )


def allocation_table(report: CommitteeReport, t: Mapping[str, str]) -> Table:
    """Every member's share, to the öre as ``allocate`` gives it, with the change."""
    allocation, previous = report.allocation, report.previous
    change = {m.kommunkod: m.amount_change_ore for m in previous.members} if previous else {}
    header = [t["col_code"], t["col_name"], t["col_inhabitants"], t["col_days"]]
    header += [t["col_amount"], t["col_share"], t["col_per_inhabitant"]]
    if previous is not None:
        header.append(t["col_change"].format(year=previous.before.year))
    rows = []
    for share in allocation.shares:
        row = [
            share.kommunkod,
            share.name,
            format_int(share.inhabitants),
            f"{share.membership_days}/{share.days_in_year}",
            format_sek(share.amount_ore),
            _percent(share.amount_ore, allocation.budget_ore),
            per_inhabitant_kr(share.ore_per_inhabitant),
        ]
        if previous is not None:
            row.append(format_signed_sek(change.get(share.kommunkod, 0)))
        rows.append(tuple(row))
    total = [
        t["total"],
        "",
        format_int(sum(s.inhabitants for s in allocation.shares)),
        "",
        format_sek(allocation.budget_ore),
        _percent(allocation.budget_ore, allocation.budget_ore),
        per_inhabitant_kr(average_ore_per_inhabitant(allocation)),
    ]
    if previous is not None:
        total.append(format_signed_sek(previous.budget_change_ore))
    return Table(tuple(header), tuple(rows), _numeric(len(header)), tuple(total), _focus(report))


def pool_table(report: CommitteeReport, t: Mapping[str, str]) -> Table | None:
    """Every member's part of each cost pool, when the year has more than one pool."""
    allocation = report.allocation
    pools = [p.name for p in allocation.pools]
    if len(pools) < 2:
        return None
    header = (t["col_code"], t["col_name"], *(t[f"pool_{p}"] for p in pools), t["col_amount"])
    rows = []
    for share in allocation.shares:
        parts = {part.pool: part.amount_ore for part in share.parts}
        amounts = (format_sek(parts.get(p, 0)) for p in pools)
        rows.append((share.kommunkod, share.name, *amounts, format_sek(share.amount_ore)))
    total = (
        t["total"],
        "",
        *(format_sek(p.amount_ore) for p in allocation.pools),
        format_sek(allocation.budget_ore),
    )
    return Table(header, tuple(rows), _numeric(len(header)), total, _focus(report))


def _percent(part: int, whole: int) -> str:
    return format_percent(Fraction(part, whole or 1), 2)


def _numeric(columns: int) -> tuple[bool, ...]:
    """Kommunkod and name are text; every other column holds figures."""
    return (False, False, *([True] * (columns - 2)))


def _focus(report: CommitteeReport) -> int | None:
    codes = [s.kommunkod for s in report.allocation.shares]
    focus = report.focus.kommunkod if report.focus else None
    return codes.index(focus) if focus in codes else None


def _changes(report: CommitteeReport, t: Mapping[str, str]) -> Section:
    paragraphs = []
    previous = report.previous
    if previous is None:
        paragraphs.append(t["no_previous"])
    else:
        paragraphs.append(
            t["budget_change"].format(
                before_year=previous.before.year,
                before=format_sek(previous.before.budget_ore),
                year=report.year,
                after=format_sek(previous.after.budget_ore),
                change=format_signed_sek(previous.budget_change_ore),
            )
        )
    for event in report.events:
        key = "joined" if event.joined else "left"
        paragraphs.append(
            t[key].format(name=event.name, code=event.kommunkod, date=event.on.isoformat())
        )
    if not report.events:
        paragraphs.append(t["no_events"].format(year=report.year))
    return Section(t["section_changes"], paragraphs=tuple(paragraphs))


def _method(report: CommitteeReport, t: Mapping[str, str]) -> Section:
    allocation = report.allocation
    title = t["section_method"].format(version=allocation.method_version)
    paragraphs = method_paragraphs(allocation, t)
    if report.focus is None:
        return Section(title, paragraphs=paragraphs)
    return Section(
        title,
        paragraphs=paragraphs,
        subtitle=t["example_title"].format(name=report.focus.name),
        steps=worked_example(report.focus, t),
    )


def _sources(allocation: Allocation, t: Mapping[str, str]) -> Section:
    counted: dict[tuple[str, str], int] = {}
    for share in allocation.shares:
        key = (share.population_date.isoformat(), share.population_source or t["source_unknown"])
        counted[key] = counted.get(key, 0) + 1
    paragraphs = tuple(
        t["sources"].format(date=day, source=source, members=n)
        for (day, source), n in sorted(counted.items())
    )
    rows = tuple(
        (line.line, _key_text(line, t), format_sek(line.amount_ore)) for line in allocation.lines
    )
    table = Table(
        header=(t["col_line"], t["col_key"], t["col_amount"]),
        rows=rows,
        numeric=(False, False, True),
        total=(t["total"], "", format_sek(allocation.budget_ore)),
    )
    return Section(t["section_sources"], paragraphs=paragraphs, tables=(table,))


def _key_text(line: BudgetLine, t: Mapping[str, str]) -> str:
    if line.key == AllocationKey.BASE_FEE:
        return t["key_base_fee"].format(fee=format_sek(line.base_fee_ore or 0))
    if line.key == AllocationKey.FIXED:
        return t["key_fixed"].format(fallback=t[f"key_{line.fallback_key.value}"])
    return t[f"key_{line.key.value}"]
