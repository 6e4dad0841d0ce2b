"""The year's chart: every member's amount and kr per invånare, side by side, largest first.

A member that paid for part of the year is drawn lighter with a dashed border, marked
``*`` and explained in a note under the chart; the member in focus is drawn in its colour
and the others grey; with several cost posts a member's bar is split by post.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from norrort_cost.allocation.results import Allocation, Share
from norrort_cost.audit.report import CommitteeReport, average_ore_per_inhabitant
from norrort_cost.money import format_fraction_sv, kronor
from norrort_cost.rendering.report.chart_pieces import (
    BAR,
    LABEL,
    MARK,
    ROW,
    SMALL,
    WIDTH,
    bar_shape,
    kr2,
    legend_shapes,
    part_year_note,
    per_kr,
    whole_kr,
)
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
    top_per = max(per_kr(s.ore_per_inhabitant) for s in shares)
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
        *_x_axis(layout.amounts, (top, bottom), lambda v: whole_kr(v * 100)),
        *_x_axis(layout.per, (top, bottom), lambda v: f"{v:.2f}".replace(".", ",")),
    ]
    for row, (share, name) in enumerate(zip(shares, names, strict=True)):
        y = top + row * ROW + (ROW - BAR) / 2
        shapes += _member_row(share, name, y, layout, part=share.kommunkod in parts)
    average = average_ore_per_inhabitant(allocation)
    x = layout.per.at(per_kr(average))
    shapes.append(Line(x, top - 1, x, bottom, AVERAGE, 0.35, dashed=True))
    entries = [
        (pool_title(p.name, t), POOL_COLOURS.get(p.name, OTHERS), False)
        for p in allocation.pools
        if layout.several
    ]
    if parts:
        entries.append((t["legend_part_year"], OTHERS, True))
    average_text = t["legend_average"].format(value=format_fraction_sv(kronor(average), 2))
    shapes += legend_shapes(entries, bottom + 8.5, average_text=average_text)
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
        shapes.append(bar_shape((panel.x, y, width, BAR), colour, part=part))
    end = panel.at(share.amount_ore / 100)
    shapes.append(Text(end + 1, y + BAR - 0.6, whole_kr(share.amount_ore), SMALL))
    per = layout.per.at(per_kr(share.ore_per_inhabitant))
    shapes.append(bar_shape((layout.per.x, y, per - layout.per.x, BAR), colour, part=part))
    shapes.append(Text(per + 1, y + BAR - 0.6, kr2(float(share.ore_per_inhabitant)), SMALL))
    return shapes


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
        shown = lighter(colour, 0.5) if dim else colour
        shapes.append(bar_shape((x, y, width, BAR), shown, part=False))
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
