"""The report's two charts, laid out as shapes (:mod:`drawing`): the year's shares, the years.

Every axis starts at 0, so a bar's length is its amount (a small figure never looks like a
collapse). A member that paid for part of the year is drawn lighter with a dashed border,
marked ``*`` and explained in a note under the chart ("Ekerö medlem från 2014-04-15: 261
av 365 dagar"): its kr per invånare is low because it paid for fewer days, not because it
was charged less per day. Amounts become floats only here, to be drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from norrort_cost.allocation.results import Allocation, Share
from norrort_cost.audit.report import CommitteeReport, PartYear, average_ore_per_inhabitant
from norrort_cost.money import format_fraction_sv, kronor
from norrort_cost.rendering.report.drawing import (
    NO_FILL,
    Chart,
    Line,
    Rect,
    Shape,
    Text,
    lighter,
    nice_ticks,
    text_width,
)
from norrort_cost.rendering.report.explained import pool_title
from norrort_cost.rendering.report.palette import AVERAGE, FOCUS, GRID, OTHERS, POOL_COLOURS

WIDTH = 180.0  # mm: A4 within 15 mm margins
ROW, BAR = 4.6, 3.2  # a member's row and its bar, mm
LABEL, SMALL = 7.5, 6.5  # text sizes, pt
MARK = "*"


def _kr(ore: float) -> str:
    """Whole kronor, rounded as every figure for people is (half away from zero)."""
    return format_fraction_sv(kronor(Fraction(ore)), 0)


def _kr2(ore: float) -> str:
    return f"{ore / 100:.2f}".replace(".", ",")


def _per_kr(ore: Fraction | float) -> float:
    return float(ore) / 100


def part_year_note(part: PartYear, t: Mapping[str, str], *, with_year: bool = False) -> str:
    """``Ekerö medlem från 2014-04-15: 261 av 365 dagar`` (the year first if asked)."""
    starts, ends = (part.first.month, part.first.day) == (1, 1), (part.last.month, part.last.day)
    if ends == (12, 31):
        period = t["period_from"].format(start=part.first.isoformat())
    elif starts:
        period = t["period_to"].format(end=part.last.isoformat())
    else:
        period = t["period_between"].format(start=part.first.isoformat(), end=part.last.isoformat())
    note = t["note_part_year"].format(
        name=part.name, period=period, days=part.days, days_in_year=part.days_in_year
    )
    return f"{part.year}: {note}" if with_year else note


@dataclass(frozen=True, slots=True)
class _Panel:
    """A horizontal bar panel: left edge, width for bars, the scale's top value."""

    x: float
    width: float
    ticks: tuple[float, ...]

    def at(self, value: float) -> float:
        return self.x + self.width * value / self.ticks[-1]


@dataclass(frozen=True, slots=True)
class _ShareLayout:
    """Where the share chart draws: the label column, both panels, the member in focus."""

    label: float
    amounts: _Panel
    per: _Panel
    focus: str | None
    allocation: Allocation

    @property
    def several(self) -> bool:
        """Whether the year has more than one cost post (then bars are split by post)."""
        return len(self.allocation.pools) > 1


def share_chart(report: CommitteeReport, t: Mapping[str, str]) -> Chart:
    """Every member's amount and kr per invånare in the year, side by side, largest first."""
    allocation = report.allocation
    shares = sorted(allocation.shares, key=lambda s: (-s.amount_ore, s.kommunkod))
    parts = {p.kommunkod: p for p in report.part_years if p.year == report.year}
    names = [s.name + (f" {MARK}" if s.kommunkod in parts else "") for s in shares]
    label = max(text_width(n, LABEL, bold=True) for n in names) + 2
    top, right_width, gap = 12.0, 44.0, 9.0
    top_amount = max(s.amount_ore for s in shares) / 100
    top_per = max(_per_kr(s.ore_per_inhabitant) for s in shares)
    layout = _ShareLayout(
        label,
        _Panel(label, WIDTH - label - gap - right_width - 14, nice_ticks(top_amount)),
        _Panel(WIDTH - right_width, right_width - 8, nice_ticks(top_per, 4)),
        report.focus.kommunkod if report.focus else None,
        allocation,
    )
    bottom = top + ROW * len(shares)
    shapes: list[Shape] = [
        Text(0, 4, t["chart_shares"].format(year=report.year), 9, bold=True),
        Text(layout.amounts.x, top - 2.5, t["axis_amount"], SMALL, "#555555"),
        Text(layout.per.x, top - 2.5, t["axis_per_inhabitant"], SMALL, "#555555"),
        *_x_axis(layout.amounts, (top, bottom), lambda v: _kr(v * 100)),
        *_x_axis(layout.per, (top, bottom), lambda v: f"{v:.2f}".replace(".", ",")),
    ]
    for row, (share, name) in enumerate(zip(shares, names, strict=True)):
        y = top + row * ROW + (ROW - BAR) / 2
        shapes += _member_row(share, name, y, layout, part=share.kommunkod in parts)
    average = average_ore_per_inhabitant(allocation)
    x = layout.per.at(_per_kr(average))
    shapes.append(Line(x, top - 1, x, bottom, AVERAGE, 0.35, dashed=True))
    legend = [
        (pool_title(p.name, t), POOL_COLOURS.get(p.name, OTHERS), False)
        for p in allocation.pools
        if layout.several
    ]
    if parts:
        legend.append((t["legend_part_year"], OTHERS, True))
    average_text = t["legend_average"].format(value=format_fraction_sv(kronor(average), 2))
    shapes += _legend(legend, bottom + 8.5, average_text=average_text)
    notes = tuple(f"{MARK} {part_year_note(p, t)}" for p in parts.values())
    caption = t["chart_shares_alt"].format(year=report.year)
    return Chart("shares", caption, WIDTH, bottom + 11, tuple(shapes), notes)


def _member_row(
    share: Share, name: str, y: float, layout: _ShareLayout, *, part: bool
) -> list[Shape]:
    """One member: its name, its amount (by cost post if several) and its kr per invånare."""
    mine = share.kommunkod == layout.focus
    colour = FOCUS if mine else (OTHERS if layout.focus else POOL_COLOURS["per_capita"])
    ink = FOCUS if mine else "#1b1b1b"
    shapes: list[Shape] = [
        Text(layout.label - 1.5, y + BAR - 0.5, name, LABEL, ink, bold=mine, anchor="end")
    ]
    panel = layout.amounts
    if layout.several:
        shapes += _stacked(share, layout.allocation, panel, y, dim=bool(layout.focus) and not mine)
        if part:  # the whole bar's dashed border marks the part year
            width = panel.at(share.amount_ore / 100) - panel.x
            shapes.append(Rect(panel.x, y, width, BAR, NO_FILL, outline=colour))
    else:
        width = panel.at(share.amount_ore / 100) - panel.x
        shapes.append(_bar((panel.x, y, width, BAR), colour, part=part))
    end = panel.at(share.amount_ore / 100)
    shapes.append(Text(end + 1, y + BAR - 0.6, _kr(share.amount_ore), SMALL))
    per = layout.per.at(_per_kr(share.ore_per_inhabitant))
    shapes.append(_bar((layout.per.x, y, per - layout.per.x, BAR), colour, part=part))
    shapes.append(Text(per + 1, y + BAR - 0.6, _kr2(float(share.ore_per_inhabitant)), SMALL))
    return shapes


def _bar(box: tuple[float, float, float, float], colour: str, *, part: bool) -> Rect:
    """A bar at (x, y, w, h); a part year's is lighter with a dashed border in its colour."""
    if part:
        return Rect(*box, lighter(colour), outline=colour)
    return Rect(*box, colour)


def _stacked(
    share: Share, allocation: Allocation, panel: _Panel, y: float, *, dim: bool
) -> list[Shape]:
    """The member's amount as one segment per cost post (each pool's colour)."""
    shapes: list[Shape] = []
    left = 0.0
    for pool in allocation.pools:
        amount = sum(p.amount_ore for p in share.parts if p.pool == pool.name) / 100
        colour = POOL_COLOURS.get(pool.name, OTHERS)
        x = panel.at(left)
        width = panel.at(left + amount) - x
        shapes.append(_bar((x, y, width, BAR), lighter(colour, 0.5) if dim else colour, part=False))
        left += amount
    return shapes


def _x_axis(panel: _Panel, rows: tuple[float, float], label: Callable[[float], str]) -> list[Shape]:
    """Grid lines at the ticks, the axis line at 0 and the tick labels under the bars."""
    top, bottom = rows
    shapes: list[Shape] = []
    for value in panel.ticks:
        x = panel.at(value)
        shapes.append(Line(x, top - 1, x, bottom, GRID, 0.15))
        shapes.append(Text(x, bottom + 3.2, label(value), SMALL, "#555555", anchor="middle"))
    shapes.append(Line(panel.x, top - 1, panel.x, bottom, "#555555", 0.3))
    return shapes


def _legend(
    items: Sequence[tuple[str, str, bool]], y: float, *, average_text: str | None = None
) -> list[Shape]:
    """Swatches with their words in one row at ``y`` (baseline); the average as a dashed line."""
    shapes: list[Shape] = []
    x = 0.0
    for words, colour, part in items:
        shapes.append(_bar((x, y - 2.4, 4, 2.8), colour, part=part))
        shapes.append(Text(x + 5, y, words, SMALL))
        x += 5 + text_width(words, SMALL) + 5
    if average_text:
        shapes.append(Line(x, y - 1, x + 5, y - 1, AVERAGE, 0.35, dashed=True))
        shapes.append(Text(x + 6, y, average_text, SMALL))
    return shapes


@dataclass(frozen=True, slots=True)
class _Columns:
    """A column panel: per year a group of (value in öre or None, colour) and its label."""

    title: str
    groups: Sequence[Sequence[tuple[float | None, str]]]
    labels: Sequence[str]
    marked: Sequence[bool]
    tick_label: Callable[[float], str]


def years_chart(report: CommitteeReport, t: Mapping[str, str]) -> Chart:
    """Amounts and kr per invånare over the years: the focus member's and the average's."""
    history = report.history
    years = [a.year for a in history]
    focus = report.focus.kommunkod if report.focus else None
    parts = {p.year: p for p in report.part_years if p.kommunkod == focus}
    top, bottom, half = 12.0, 58.0, WIDTH / 2
    left, right, legend = _year_values(report, t)
    labels = [f"{y}{MARK}" if y in parts else str(y) for y in years]
    marked = [y in parts for y in years]
    title = t["chart_years"].format(first=min(years), last=max(years))
    shapes: list[Shape] = [Text(0, 4, title, 9, bold=True)]
    amounts = _Columns(t["axis_amount"], left, labels, marked, _kr)
    per = _Columns(t["axis_per_inhabitant"], right, labels, marked, _kr2)
    shapes += _columns(amounts, (0, half - 6, top, bottom))
    shapes += _columns(per, (half + 2, half - 2, top, bottom))
    if parts:
        legend.append((t["legend_part_year"], FOCUS, True))
    shapes += _legend(legend, bottom + 9)
    notes = tuple(f"{MARK} {part_year_note(p, t, with_year=True)}" for p in parts.values())
    if report.focus is not None:
        absent = [str(y) for y, group in zip(years, left, strict=True) if group[0][0] is None]
        if absent:
            note = t["note_not_member"].format(name=report.focus.name, years=", ".join(absent))
            notes = (f"– {note}", *notes)
    caption = t["chart_years_alt"].format(first=min(years), last=max(years))
    return Chart("years", caption, WIDTH, bottom + 12, tuple(shapes), notes)


_Groups = list[list[tuple[float | None, str]]]


def _year_values(
    report: CommitteeReport, t: Mapping[str, str]
) -> tuple[_Groups, _Groups, list[tuple[str, str, bool]]]:
    """Per year: the amounts, the kr per invånare, and the legend's entries.

    With a member in focus: its amount, and its kr per invånare beside the average's.
    Without: the cooperation's budget and its average kr per invånare.
    """
    history = report.history
    if report.focus is None:
        colour = POOL_COLOURS["per_capita"]
        left: _Groups = [[(float(a.budget_ore), colour)] for a in history]
        right: _Groups = [[(float(average_ore_per_inhabitant(a)), colour)] for a in history]
        return left, right, [(t["legend_budget"], colour, False)]
    shares = [_share_of(a, report.focus.kommunkod) for a in history]
    left = [[(float(s.amount_ore) if s else None, FOCUS)] for s in shares]
    right = [
        [
            (float(s.ore_per_inhabitant) if s else None, FOCUS),
            (float(average_ore_per_inhabitant(a)), AVERAGE),
        ]
        for a, s in zip(history, shares, strict=True)
    ]
    return left, right, [(report.focus.name, FOCUS, False), (t["average"], AVERAGE, False)]


def _share_of(allocation: Allocation, kommunkod: str) -> Share | None:
    return next((s for s in allocation.shares if s.kommunkod == kommunkod), None)


def _columns(panel: _Columns, box: tuple[float, float, float, float]) -> list[Shape]:
    """Vertical bars, a group per year, on an axis from 0 with grid lines and tick labels."""
    x0, width, top, bottom = box
    values = [v for group in panel.groups for v, _ in group if v is not None]
    ticks = nice_ticks(max(values, default=0) / 100, 5)
    axis = 14.0
    shapes: list[Shape] = [Text(x0, top - 3.5, panel.title, SMALL, "#555555")]
    for tick in ticks:
        y = bottom - (bottom - top) * tick / ticks[-1]
        shapes.append(Line(x0 + axis, y, x0 + width, y, GRID, 0.15))
        label = panel.tick_label(tick * 100)
        shapes.append(Text(x0 + axis - 1.2, y + 1, label, SMALL, "#555555", anchor="end"))
    shapes.append(Line(x0 + axis, bottom, x0 + width, bottom, "#555555", 0.3))
    slot = (width - axis) / len(panel.groups)
    bar = min(slot * 0.7 / len(panel.groups[0]), 9.0)
    for index, group in enumerate(panel.groups):
        start = x0 + axis + slot * index + (slot - bar * len(group)) / 2
        for k, (value, colour) in enumerate(group):
            x = start + k * bar
            if value is None:  # not a member that year: a dash on the axis, the note says it
                shapes.append(Text(x + bar / 2, bottom - 0.8, "–", SMALL, colour, anchor="middle"))
                continue
            h = (bottom - top) * value / 100 / ticks[-1]
            part = panel.marked[index] and colour == FOCUS
            shapes.append(_bar((x, bottom - h, bar * 0.92, h), colour, part=part))
        middle = x0 + axis + slot * (index + 0.5)
        shapes.append(Text(middle, bottom + 3.2, panel.labels[index], SMALL, anchor="middle"))
    return shapes
