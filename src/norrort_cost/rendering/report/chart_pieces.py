"""What both report charts are made of: sizes, the labels of amounts, bars, legends, notes.

Amounts become floats only in the charts, to be drawn; the figures written beside bars and
ticks are rounded as every figure for people is (:mod:`norrort_cost.money`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from norrort_cost.audit.report import PartYear
from norrort_cost.money import format_fraction_sv, kronor
from norrort_cost.rendering.report.drawing import Line, Rect, Shape, Text, lighter, text_width
from norrort_cost.rendering.report.palette import AVERAGE

WIDTH = 180.0  # mm: A4 within 15 mm margins
ROW, BAR = 4.6, 3.2  # a member's row and its bar, mm
LABEL, SMALL = 7.5, 6.5  # text sizes, pt
MARK = "*"


def whole_kr(ore: float) -> str:
    """Whole kronor, rounded as every figure for people is (half away from zero)."""
    return format_fraction_sv(kronor(Fraction(ore)), 0)


def kr2(ore: float) -> str:
    """Kronor to two decimals with a decimal comma (kr per invånare): ``1,27``."""
    return f"{ore / 100:.2f}".replace(".", ",")


def per_kr(ore: Fraction | float) -> float:
    """Öre as kronor, a float to draw with."""
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


def bar_shape(box: tuple[float, float, float, float], colour: str, *, part: bool) -> Rect:
    """A bar at (x, y, w, h); a part year's is lighter with a dashed border in its colour."""
    if part:
        return Rect(*box, lighter(colour), outline=colour)
    return Rect(*box, colour)


def legend_shapes(
    items: Sequence[tuple[str, str, bool]], y: float, *, average_text: str | None = None
) -> list[Shape]:
    """Swatches with their words in one row at ``y`` (baseline); the average as a dashed line."""
    shapes: list[Shape] = []
    x = 0.0
    for words, colour, part in items:
        shapes.append(bar_shape((x, y - 2.4, 4, 2.8), colour, part=part))
        shapes.append(Text(x + 5, y, words, SMALL))
        x += 5 + text_width(words, SMALL) + 5
    if average_text:
        shapes.append(Line(x, y - 1, x + 5, y - 1, AVERAGE, 0.35, dashed=True))
        shapes.append(Text(x + 6, y, average_text, SMALL))
    return shapes
