"""The chart over the years: amounts and kr per invånare, the member in focus and the average.

Without a member in focus it shows the cooperation's budget and its average kr per
invånare. A year the member was not in is a dash on the axis and a note under the chart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from norrort_cost.allocation.results import Allocation, Share
from norrort_cost.audit.report import CommitteeReport, average_ore_per_inhabitant
from norrort_cost.rendering.report.chart_pieces import (
    MARK,
    SMALL,
    WIDTH,
    bar_shape,
    kr2,
    legend_shapes,
    part_year_note,
    whole_kr,
)
from norrort_cost.rendering.report.drawing import (
    Chart,
    Line,
    Shape,
    Text,
    nice_ticks,
    text_width,
)
from norrort_cost.rendering.report.palette import AVERAGE, FOCUS, GRID, POOL_COLOURS


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
    left, right, entries = _year_values(report, t)
    labels = [f"{y}{MARK}" if y in parts else str(y) for y in years]
    marked = [y in parts for y in years]
    title = t["chart_years"].format(first=min(years), last=max(years))
    shapes: list[Shape] = [Text(0, 4, title, 9, bold=True)]
    amounts = _Columns(t["axis_amount"], left, labels, marked, whole_kr)
    per = _Columns(t["axis_per_inhabitant"], right, labels, marked, kr2)
    shapes += _columns(amounts, (0, half - 6, top, bottom))
    shapes += _columns(per, (half + 2, half - 2, top, bottom))
    if parts:
        entries.append((t["legend_part_year"], FOCUS, True))
    shapes += legend_shapes(entries, bottom + 9)
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
            shapes.append(bar_shape((x, bottom - h, bar * 0.92, h), colour, part=part))
    size, step = _year_labels(panel.labels, slot)
    for index in _shown(panel.marked, step):
        middle = x0 + axis + slot * (index + 0.5)
        shapes.append(Text(middle, bottom + 3.2, panel.labels[index], size, anchor="middle"))
    return shapes


def _shown(marked: Sequence[bool], step: int) -> list[int]:
    """The years whose label is shown: every ``step``-th, and a marked (part) year always,
    its neighbours closer than ``step`` then left without one."""
    kept = [at for at, part in enumerate(marked) if part]
    return sorted(
        {
            *kept,
            *(at for at in range(0, len(marked), step) if all(abs(at - k) >= step for k in kept)),
        }
    )


SMALLEST = 5.0  # pt: year labels shrink to fit their slot, not below this


def _year_labels(labels: Sequence[str], slot: float) -> tuple[float, int]:
    """The size of the years' labels and every how many years one is shown, so that
    neighbouring labels do not touch: smaller first, then every second (third, ...) year."""
    widest = max(labels, key=len, default="")
    room = slot * 0.8  # the estimate is an average letter: some room for wider fonts
    size = SMALL
    while size > SMALLEST and text_width(widest, size) > room:
        size -= 0.25
    step = 1
    while text_width(widest, size) > room * step:
        step += 1
    return size, step
