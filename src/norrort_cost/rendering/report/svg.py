"""A :class:`~norrort_cost.rendering.report.drawing.Chart` as inline SVG for the HTML page.

The SVG is written by hand from the chart's shapes: millimetres as user units, texts in
the page's own font (the CSS font stack), no ids, no script. It scales to the page's
width and prints as vectors.
"""

from __future__ import annotations

from html import escape

from norrort_cost.rendering.report.drawing import PT, Chart, Line, Rect, Shape


def _number(value: float) -> str:
    """A coordinate to two decimals without needless zeros: ``12.5``, ``3``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _shape(shape: Shape) -> str:
    n = _number
    if isinstance(shape, Rect):
        border = ""
        if shape.outline:
            border = f' stroke="{shape.outline}" stroke-width="0.3" stroke-dasharray="0.8 0.5"'
        return (
            f'<rect x="{n(shape.x)}" y="{n(shape.y)}" width="{n(max(shape.w, 0))}" '
            f'height="{n(max(shape.h, 0))}" fill="{shape.fill}"{border}/>'
        )
    if isinstance(shape, Line):
        dash = ' stroke-dasharray="1.2 0.8"' if shape.dashed else ""
        return (
            f'<line x1="{n(shape.x1)}" y1="{n(shape.y1)}" x2="{n(shape.x2)}" y2="{n(shape.y2)}" '
            f'stroke="{shape.colour}" stroke-width="{n(shape.width)}"{dash}/>'
        )
    weight = ' font-weight="700"' if shape.bold else ""
    anchor = f' text-anchor="{shape.anchor}"' if shape.anchor != "start" else ""
    return (
        f'<text x="{n(shape.x)}" y="{n(shape.y)}" font-size="{n(shape.size * PT)}" '
        f'fill="{shape.colour}"{weight}{anchor}>{escape(shape.text)}</text>'
    )


def chart_svg(chart: Chart) -> str:
    """The chart as an ``<svg>`` element, labelled by its caption for screen readers."""
    width, height = _number(chart.width), _number(chart.height)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(chart.caption)}">'
    )
    return "\n".join([head, *(_shape(shape) for shape in chart.shapes), "</svg>"])
