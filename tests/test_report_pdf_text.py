"""The report PDF's paragraphs: wrapped once by the report, in the very lines fpdf2 would make."""

from __future__ import annotations

from datetime import date

import pytest
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from norrort_cost.audit.report import committee_report
from norrort_cost.rendering.pdf import close_fonts
from norrort_cost.rendering.report.content import report_view
from norrort_cost.rendering.report.pdf import WIDTH, font_files
from norrort_cost.rendering.report.pdf_text import wrapped

# (size in pt, bold, width in mm) of the report's wrapped texts: paragraphs, steps, facts'
# values, chart notes, titles and a narrow table heading
PLACES = [(10, False, WIDTH), (9.5, False, WIDTH - 7), (10, False, WIDTH - 48), (8, False, WIDTH)]
PLACES += [(16, True, WIDTH), (12, True, WIDTH), (9, True, 19.5)]


@pytest.fixture(scope="module")
def pdf():
    """An fpdf2 document with the report's font, regular and bold."""
    document = FPDF(unit="mm", format="A4")
    with font_files() as files:
        for style, path in files.items():
            document.add_font("SourceSans", style, path)
        document.add_page()
        yield document
        close_fonts(document)  # fpdf2 keeps the font files open until its output


def texts(dataset, lang: str, member: str | None) -> list[str]:
    """Every text the report of 2014 wraps in ``lang``, with ``member`` in focus."""
    report = committee_report(dataset, 2014, made_on=date(2024, 5, 2), municipality=member)
    view = report_view(report, lang, "1.0")
    found = [view.title, view.headline]
    for section in (view.summary, *view.sections):
        found += [*section.paragraphs, *section.steps, *(value for _, value in section.facts)]
        found += [heading for table in section.tables for heading in table.header]
    return found


@pytest.mark.parametrize(("lang", "member"), [("sv", "Ekerö"), ("en", "Vallentuna"), ("sv", None)])
def test_every_text_is_wrapped_into_the_lines_multi_cell_makes(dataset, pdf, lang, member):
    """Each paragraph, step, key figure and heading of the report breaks into the same lines
    as fpdf2's multi_cell would break it, at every size and width the report uses."""
    for size, bold, width in PLACES:
        pdf.set_font("SourceSans", "B" if bold else "", size)
        for text in texts(dataset, lang, member):
            theirs = pdf.multi_cell(width, 5, text, dry_run=True, output=MethodReturnValue.LINES)
            assert wrapped(pdf, text, width) == theirs, text


def test_a_line_that_just_fits_stays_whole_and_a_longer_word_is_cut(pdf):
    """A text exactly as wide as the room is one line; one word wider than the room goes on
    over several lines, cut where it overflows, as multi_cell cuts it."""
    pdf.set_font("SourceSans", "", 10)
    text = "Koordination Norrort fördelar kostnaden"
    exact = pdf.get_string_width(text) + 2 * pdf.c_margin
    assert wrapped(pdf, text, exact) == [text]
    assert wrapped(pdf, text, exact - 0.01) == ["Koordination Norrort fördelar", "kostnaden"]
    word = "Kommunalförbundsöverenskommelse" * 3
    theirs = pdf.multi_cell(30, 5, word, dry_run=True, output=MethodReturnValue.LINES)
    assert wrapped(pdf, word, 30) == theirs
    assert len(theirs) > 2
