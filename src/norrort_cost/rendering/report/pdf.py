"""The committee report as an A4 PDF, drawn by fpdf2, the charts with its own drawing calls.

The texts and tables are those of the HTML page (:class:`ReportView`); the charts are the
same shapes as the page's SVG (:mod:`drawing`), drawn straight onto the page as
rectangles, lines and text (no SVG parsing). An illustrative budget's notice heads every
page. The font is the invoices' Source Sans Pro, embedded (å, ä, ö). The PDF's dates are
the report's date, so the same report gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, date, datetime, time
from importlib import resources
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from norrort_cost.rendering.pdf import FONT, close_fonts
from norrort_cost.rendering.report.content import ReportView
from norrort_cost.rendering.report.drawing import NO_FILL, Chart, Line, Rect, Text, rgb
from norrort_cost.rendering.report.parts import Section
from norrort_cost.rendering.report.pdf_table import draw_table, table_height
from norrort_cost.rendering.report.pdf_text import paragraph

MARGIN = 15.0
WIDTH = 210.0 - 2 * MARGIN
RED = (179, 38, 30)
GREY = (90, 90, 90)
FOCUS_FILL = (251, 227, 225)
SIZE = 9.0  # the tables' font size


class _ReportPdf(FPDF):
    """An A4 page with the notice at its head (if any), the footer line and page numbers."""

    footer_text = ""
    notice_text = ""

    def header(self) -> None:
        if not self.notice_text:
            return
        self.set_y(6)
        self.set_font(FONT, "B", 8)
        self.set_text_color(*RED)
        self.cell(WIDTH, 4, self.notice_text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(MARGIN)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(*GREY)
        self.multi_cell(WIDTH - 15, 3.5, self.footer_text, align="L", new_y=YPos.TOP)
        self.cell(15, 3.5, f"{self.page_no()}/{{nb}}", align="R")


def report_pdf(view: ReportView, charts: tuple[Chart, ...], made_on: date) -> bytes:
    """The report as PDF; ``charts`` as for the HTML page, ``made_on`` dates the file.

    fpdf2 embeds only the characters the report uses (its own subset, at output), so the
    font's files are read as the wheel installs them: no cut of our own to compute first.
    """
    with font_files() as files:
        pdf = _document(view, made_on, files)
        try:
            return _report_body(pdf, view, charts)
        finally:
            close_fonts(pdf)


@contextmanager
def font_files() -> Iterator[dict[str, Path]]:
    """Source Sans Pro's regular and bold files from the ``font-source-sans-pro`` wheel."""
    folder = resources.files("font_source_sans_pro") / "files"
    names = {"": "SourceSansPro-Regular.ttf", "B": "SourceSansPro-Bold.ttf"}
    with ExitStack() as stack:
        yield {
            style: stack.enter_context(resources.as_file(folder / n)) for style, n in names.items()
        }


def _report_body(pdf: _ReportPdf, view: ReportView, charts: tuple[Chart, ...]) -> bytes:
    _font(pdf, 16, bold=True)
    paragraph(pdf, WIDTH, 7.5, view.title)
    pdf.ln(1)
    _font(pdf, 12, bold=True)
    paragraph(pdf, WIDTH, 6, view.headline)
    pdf.ln(3)
    if view.notice:
        _notice(pdf, view.notice)
    _section(pdf, view.summary)
    for chart in charts:
        _chart(pdf, chart)
    for section in view.sections:
        _section(pdf, section)
    return bytes(pdf.output())


def _document(view: ReportView, made_on: date, files: dict[str, Path]) -> _ReportPdf:
    pdf = _ReportPdf(orientation="portrait", unit="mm", format="A4")
    for style, path in files.items():
        pdf.add_font(FONT, style, path)
    pdf.footer_text = view.footer
    pdf.notice_text = view.texts["notice_short"] if view.notice else ""
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=MARGIN + 4)
    pdf.set_creation_date(datetime.combine(made_on, time(0, 0), tzinfo=UTC))
    pdf.set_title(view.title)
    pdf.set_subject(view.headline)
    pdf.set_creator("norrort-cost")
    pdf.set_lang("sv-SE" if view.lang == "sv" else "en-GB")
    pdf.add_page()
    return pdf


def _font(
    pdf: FPDF, size: float, *, bold: bool = False, color: tuple[int, int, int] = (0, 0, 0)
) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*color)


def _notice(pdf: FPDF, text: str) -> None:
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.6)
    _font(pdf, 10, bold=True, color=RED)
    pdf.multi_cell(WIDTH, 5.5, text, border=1, align="L", padding=2)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.ln(4)


def _chart(pdf: FPDF, chart: Chart) -> None:
    """The chart drawn at the current position, then its notes and caption under it."""
    if pdf.get_y() + chart.height + 6 + 4 * len(chart.notes) > pdf.page_break_trigger:
        pdf.add_page()
    left, top = MARGIN, pdf.get_y()
    for shape in chart.shapes:
        if isinstance(shape, Rect):
            _rect(pdf, shape, left, top)
        elif isinstance(shape, Line):
            pdf.set_draw_color(*rgb(shape.colour))
            pdf.set_line_width(shape.width)
            pdf.set_dash_pattern(dash=1.2, gap=0.8) if shape.dashed else pdf.set_dash_pattern()
            pdf.line(left + shape.x1, top + shape.y1, left + shape.x2, top + shape.y2)
        else:
            _text(pdf, shape, left, top)
    pdf.set_dash_pattern()
    pdf.set_draw_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_line_width(0.2)
    pdf.set_y(top + chart.height)
    _font(pdf, 8, color=(51, 51, 51))
    for note in chart.notes:
        paragraph(pdf, WIDTH, 4, note)
    _font(pdf, 8, color=GREY)
    paragraph(pdf, WIDTH, 4, chart.caption)
    pdf.ln(3)


def _rect(pdf: FPDF, shape: Rect, left: float, top: float) -> None:
    if shape.w <= 0 or shape.h <= 0:
        return
    if shape.fill != NO_FILL:
        pdf.set_fill_color(*rgb(shape.fill))
        pdf.rect(left + shape.x, top + shape.y, shape.w, shape.h, style="F")
    if shape.outline:
        pdf.set_draw_color(*rgb(shape.outline))
        pdf.set_line_width(0.3)
        pdf.set_dash_pattern(dash=0.8, gap=0.5)
        pdf.rect(left + shape.x, top + shape.y, shape.w, shape.h, style="D")
        pdf.set_dash_pattern()


def _text(pdf: FPDF, shape: Text, left: float, top: float) -> None:
    pdf.set_font(FONT, "B" if shape.bold else "", shape.size)
    pdf.set_text_color(*rgb(shape.colour))
    x = left + shape.x
    if shape.anchor != "start":
        width = pdf.get_string_width(shape.text)
        x -= width if shape.anchor == "end" else width / 2
    pdf.text(x, top + shape.y, shape.text)


def _section(pdf: FPDF, section: Section) -> None:
    opening = 30.0  # a heading is kept with what follows it
    if section.tables and not section.paragraphs:
        opening = 12 + table_height(section.tables[0])
    if pdf.get_y() + opening > pdf.page_break_trigger:
        pdf.add_page()
    _font(pdf, 12.5, bold=True)
    pdf.cell(WIDTH, 7, section.title, border="B", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    if section.facts:
        _facts(pdf, section.facts)
    _font(pdf, 10)
    for text in section.paragraphs:
        paragraph(pdf, WIDTH, 5, text)
        pdf.ln(1)
    if section.subtitle:
        _font(pdf, 11, bold=True)
        pdf.cell(WIDTH, 6, section.subtitle, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _font(pdf, 9.5)
    for number, step in enumerate(section.steps, start=1):
        pdf.cell(7, 5, f"{number}.")
        paragraph(pdf, WIDTH - 7, 5, step)
    for table in section.tables:
        draw_table(pdf, table, WIDTH)
    pdf.ln(3)


def _facts(pdf: FPDF, facts: tuple[tuple[str, str], ...]) -> None:
    """The key figures: a bold label, then its value, one line each."""
    label = 48.0
    for key, value in facts:
        _font(pdf, 10, bold=True)
        pdf.cell(label, 5.5, key)
        _font(pdf, 10)
        paragraph(pdf, WIDTH - label, 5.5, value)
    pdf.ln(2)
