"""The report's tables in the PDF, drawn cell by cell: one line a row, headings wrapped.

fpdf2's ``table()`` breaks every cell's text into lines, which cost the report more than
everything else it draws; here only the headings wrap (words on up to three lines), and a
row is one line of cells, since no value of the report's tables needs two. A table that
reaches the foot of a page goes on with its headings on the next one.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import Align

from norrort_cost.rendering.report.parts import Table
from norrort_cost.rendering.report.pdf_text import wrapped

SIZE = 9.0  # pt
LINE = 4.6  # mm, a row
FOCUS_FILL = (251, 227, 225)
RULE, LIGHT = (85, 85, 85), (215, 215, 215)


def column_widths(table: Table, width: float) -> tuple[float, ...]:
    """Widths in mm: in proportion to a column's longest value or heading word, to ``width``."""
    lines = (*table.rows, *((table.total,) if table.total else ()))
    natural = [
        max(len(word) for word in [*heading.split(), *(line[i] for line in lines)]) + 2.0
        for i, heading in enumerate(table.header)
    ]
    return tuple(width * n / sum(natural) for n in natural)


def table_height(table: Table) -> float:
    """About how tall the table is drawn, in mm (at most a page's worth that is worth keeping)."""
    return min((len(table.rows) + 3) * LINE, 120.0)


def draw_table(pdf: FPDF, table: Table, width: float) -> None:
    """The table at the current position, headings first; the focus row filled; the total bold."""
    widths = column_widths(table, width)
    if pdf.get_y() + table_height(table) > pdf.page_break_trigger:
        pdf.add_page()
    _headings(pdf, table, widths)
    for index, values in enumerate(table.rows):
        if pdf.get_y() + LINE > pdf.page_break_trigger:
            pdf.add_page()
            _headings(pdf, table, widths)
        _row(pdf, table, widths, values, "focus" if index == table.highlight else "")
    if table.total is not None:
        pdf.set_draw_color(*RULE)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
        _row(pdf, table, widths, table.total, "total")
    pdf.set_draw_color(0, 0, 0)
    pdf.ln(2)


def _headings(pdf: FPDF, table: Table, widths: tuple[float, ...]) -> None:
    pdf.set_font(style="B", size=SIZE)
    top, x, bottom = pdf.get_y(), pdf.l_margin, pdf.get_y()
    for heading, w, numeric in zip(table.header, widths, table.numeric, strict=True):
        y = top
        for line in wrapped(pdf, heading, w):
            pdf.set_xy(x, y)
            pdf.cell(w, 4, line, align=Align.R if numeric else Align.L)
            y += 4
        bottom = max(bottom, y)
        x += w
    pdf.set_xy(pdf.l_margin, bottom)
    pdf.set_draw_color(*RULE)
    pdf.line(pdf.l_margin, bottom, pdf.l_margin + sum(widths), bottom)


def _row(
    pdf: FPDF, table: Table, widths: tuple[float, ...], values: tuple[str, ...], kind: str
) -> None:
    """One line of cells; ``kind`` is "focus" (filled, bold), "total" (bold) or ""."""
    focus = kind == "focus"
    pdf.set_font(style="B" if kind else "", size=SIZE)
    if focus:
        pdf.set_fill_color(*FOCUS_FILL)
    for value, w, numeric in zip(values, widths, table.numeric, strict=True):
        pdf.cell(w, LINE, value, align="R" if numeric else "L", fill=focus)
    pdf.ln(LINE)
    pdf.set_draw_color(*LIGHT)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + sum(widths), pdf.get_y())
