"""The report's two charts, drawn by matplotlib into SVG: the same bytes for the same report.

matplotlib is imported here only, and this module only by the ``report`` command, so no
other command pays for it. Text is drawn as paths in Source Sans Pro (the invoices' font),
so the SVG needs no font where it is shown; ``svg.hashsalt`` and an empty date make the
output deterministic. Amounts become floats only here, to be drawn: every figure the report
states is exact and comes from the allocation, not from a chart.

Why matplotlib rather than Vega-Lite through vl-convert: both draw good SVG, but
matplotlib's wheels are smaller (vl-convert embeds a JavaScript engine), its SVG is
byte-stable with a fixed hash salt and no date, and it draws text with the font we ship.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

import matplotlib as mpl

mpl.use("svg")

from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from norrort_cost.allocation.results import Allocation, Part
from norrort_cost.audit.report import CommitteeReport, average_ore_per_inhabitant
from norrort_cost.money import format_int
from norrort_cost.rendering.report.explained import pool_title
from norrort_cost.rendering.report.palette import FOCUS, OTHERS, POOL_COLOURS

WIDTH_IN = 7.0  # 178 mm: the width of A4 within 16 mm margins
DIMMED = 0.4
_STYLE: dict[Any, Any] = {  # matplotlib types its keys as a Literal of every rc name
    "svg.hashsalt": "norrort-cost",
    "svg.fonttype": "path",
    "font.family": "Source Sans Pro",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
}


@functools.cache
def _register_fonts() -> None:
    for name in ("SourceSansPro-Regular.ttf", "SourceSansPro-Bold.ttf"):
        source = resources.files("font_source_sans_pro") / "files" / name
        with resources.as_file(source) as path:
            font_manager.fontManager.addfont(str(path))


def _svg(figure: Figure, prefix: str) -> str:
    """The figure as SVG with its ids prefixed, so that two charts can share one page."""
    buffer = io.StringIO()
    figure.savefig(
        buffer,
        format="svg",
        metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
    )
    svg = buffer.getvalue()
    svg = re.sub(r'id="([^"]+)"', rf'id="{prefix}_\1"', svg)
    svg = re.sub(r'href="#([^"]+)"', rf'href="#{prefix}_\1"', svg)
    return re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}_\1)", svg)


def _kr(value: float, _position: float | None = None) -> str:
    return format_int(round(value))


def _kr2(value: float, _position: float | None = None) -> str:
    return f"{value:.2f}".replace(".", ",")


def share_chart(report: CommitteeReport, t: Mapping[str, str]) -> str:
    """Every member's amount of the year as horizontal bars, split by pool; focus highlighted."""
    _register_fonts()
    allocation = report.allocation
    shares = sorted(allocation.shares, key=lambda s: (s.amount_ore, s.kommunkod))
    focus = report.focus.kommunkod if report.focus else None
    with mpl.rc_context(_STYLE):
        figure = Figure(figsize=(WIDTH_IN, 1.2 + 0.24 * len(shares)), layout="constrained")
        axes = figure.add_subplot()
        names = [s.name for s in shares]
        left = [0.0] * len(shares)
        several = len(allocation.pools) > 1
        for pool in allocation.pools:
            widths = [_part_kr(s.parts, pool.name) for s in shares]
            colours = [_bar_colour(pool.name, s.kommunkod, focus, several=several) for s in shares]
            bars = axes.barh(
                names, widths, left=left, color=colours, label=pool_title(pool.name, t)
            )
            if several and focus:
                for bar, share in zip(bars, shares, strict=True):
                    bar.set_alpha(1.0 if share.kommunkod == focus else DIMMED)
            left = [a + b for a, b in zip(left, widths, strict=True)]
        _label_focus(axes, [s.kommunkod for s in shares], focus)
        axes.xaxis.set_major_formatter(FuncFormatter(_kr))
        axes.set_xlabel(t["axis_amount"])
        axes.set_title(t["chart_shares"].format(year=report.year), loc="left")
        if several:
            axes.legend(loc="lower right", frameon=False)
        return _svg(figure, "shares")


def _part_kr(parts: Sequence[Part], pool: str) -> float:
    return sum(p.amount_ore for p in parts if p.pool == pool) / 100


def _bar_colour(pool: str, kommunkod: str, focus: str | None, *, several: bool) -> str:
    if several:
        return POOL_COLOURS.get(pool, OTHERS)
    return FOCUS if kommunkod == focus else (POOL_COLOURS["per_capita"] if not focus else OTHERS)


def _label_focus(axes: Axes, codes: list[str], focus: str | None) -> None:
    for label, code in zip(axes.get_yticklabels(), codes, strict=True):
        if code == focus:
            label.set_fontweight("bold")
            label.set_color(FOCUS)


def years_chart(report: CommitteeReport, t: Mapping[str, str]) -> str:
    """Amounts and kr per inhabitant over the years: per member, or the focus vs the average."""
    _register_fonts()
    history = report.history
    years = [a.year for a in history]
    with mpl.rc_context(_STYLE):
        figure = Figure(figsize=(WIDTH_IN, 3.4), layout="constrained")
        amounts, per_inhabitant = figure.subplots(1, 2)
        if report.focus is not None:
            _focus_years(amounts, per_inhabitant, history, report.focus.kommunkod, t)
        else:
            _member_years(figure, amounts, per_inhabitant, history, t)
        amounts.set_title(t["axis_amount"], loc="left")
        per_inhabitant.set_title(t["axis_per_inhabitant"], loc="left")
        amounts.yaxis.set_major_formatter(FuncFormatter(_kr))
        per_inhabitant.yaxis.set_major_formatter(FuncFormatter(_kr2))
        for axes in (amounts, per_inhabitant):
            axes.set_xticks(years, [str(y) for y in years])
        figure.suptitle(
            t["chart_years"].format(first=min(years), last=max(years)),
            x=0.0,
            ha="left",
            fontweight="bold",
            fontsize=10,
        )
        return _svg(figure, "years")


def _amount_kr(allocation: Allocation, kommunkod: str) -> float:
    return next((s.amount_ore / 100 for s in allocation.shares if s.kommunkod == kommunkod), 0.0)


def _per_inhabitant_kr(allocation: Allocation, kommunkod: str) -> float:
    for share in allocation.shares:
        if share.kommunkod == kommunkod:
            return float(share.ore_per_inhabitant) / 100
    return float("nan")


def _focus_years(
    amounts: Axes,
    per_inhabitant: Axes,
    history: Sequence[Allocation],
    code: str,
    t: Mapping[str, str],
) -> None:
    years = [a.year for a in history]
    name = next((s.name for a in history for s in a.shares if s.kommunkod == code), code)
    amounts.bar(years, [_amount_kr(a, code) for a in history], color=FOCUS, label=name)
    per_inhabitant.plot(
        years, [_per_inhabitant_kr(a, code) for a in history], color=FOCUS, marker="o", label=name
    )
    average = [float(average_ore_per_inhabitant(a)) / 100 for a in history]
    per_inhabitant.plot(
        years, average, color="#444444", linestyle="--", marker="s", label=t["average"]
    )
    per_inhabitant.legend(frameon=False, loc="best")


def _member_years(
    figure: Figure,
    amounts: Axes,
    per_inhabitant: Axes,
    history: Sequence[Allocation],
    t: Mapping[str, str],
) -> None:
    years = [a.year for a in history]
    members = sorted({(s.kommunkod, s.name) for a in history for s in a.shares})
    palette = mpl.colormaps["tab20"]
    bottom = [0.0] * len(history)
    for index, (code, name) in enumerate(members):
        colour = palette(index % 20)
        heights = [_amount_kr(a, code) for a in history]
        amounts.bar(years, heights, bottom=bottom, color=colour, label=name)
        bottom = [a + b for a, b in zip(bottom, heights, strict=True)]
        values = [_per_inhabitant_kr(a, code) for a in history]
        per_inhabitant.plot(years, values, color=colour, linewidth=1, marker=".")
    average = [float(average_ore_per_inhabitant(a)) / 100 for a in history]
    per_inhabitant.plot(
        years, average, color="#222222", linewidth=2, linestyle="--", label=t["average"]
    )
    figure.legend(loc="outside lower center", ncols=5, frameon=False, fontsize=8)
