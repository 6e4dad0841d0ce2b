"""A chart as a list of shapes in millimetres, drawn the same by the HTML page and the PDF.

The report's charts are simple (bars, lines, labels), so they are laid out here once, as
:class:`Chart`: rectangles, lines and texts at positions in mm from the top left corner.
``svg`` writes a chart as inline SVG for the page; ``pdf`` draws it with fpdf2's own
drawing calls. Neither needs a plotting library, and the same report gives the same shapes.

Positions are floats: a chart only draws; every figure the report states is exact and
comes from the allocation. Texts are placed by their baseline; their width is estimated
(:func:`text_width`) only to leave room for them, never to fit them exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

PT = 0.3528  # mm per typographic point
NO_FILL = "none"  # a rectangle drawn as its border only
Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True, slots=True)
class Rect:
    """A filled rectangle; ``outline`` draws a dashed border in that colour (a part year)."""

    x: float
    y: float
    w: float
    h: float
    fill: str
    outline: str | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """A straight line, solid or dashed, ``width`` in mm."""

    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 0.2
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Text:
    """A text whose baseline starts, centres or ends at (x, y); ``size`` in points."""

    x: float
    y: float
    text: str
    size: float = 7.5
    colour: str = "#1b1b1b"
    bold: bool = False
    anchor: Anchor = "start"


Shape = Rect | Line | Text


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart: its id, caption (the text alternative), size in mm, shapes and notes.

    ``notes`` are footnotes printed under the chart (what a marked bar means).
    """

    id: str
    caption: str
    width: float
    height: float
    shapes: tuple[Shape, ...]
    notes: tuple[str, ...] = ()


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """About how wide ``text`` is in mm at ``size`` points (a sans serif's average letter)."""
    return len(text) * size * PT * (0.56 if bold else 0.52)


def nice_ticks(top: float, most: int = 6) -> tuple[float, ...]:
    """Round steps from 0 to at least ``top``: 0, 20 000, 40 000, ... (never fewer than two)."""
    if top <= 0:
        return (0.0, 1.0)
    rough = top / (most - 1)
    power = 10 ** math.floor(math.log10(rough))
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= rough)
    count = math.ceil(top / step - 1e-9)
    return tuple(step * i for i in range(count + 1))


def lighter(colour: str, amount: float = 0.55) -> str:
    """``colour`` mixed with white: a part year's bar, or a bar out of focus."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (int(c + (255 - c) * amount + 0.5) for c in (red, green, blue))  # colour, not money
    return "#" + "".join(f"{c:02x}" for c in mixed)


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as three integers."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
