"""Invoices as PDF: A4, Swedish, an embedded font, identical bytes for identical input.

The font is Source Sans Pro (SIL Open Font License) from the ``font-source-sans-pro``
wheel on PyPI: it installs with pip alone on any machine, has å, ä, ö, and is small. The
PDF's dates are set from the invoice's issue date, never from the clock.

Parsing the whole font for every invoice dominated the time of a run, so the font is cut
once per process to the characters invoices use (Latin-1, dashes, quotes, €) into a
private temporary directory, and every invoice embeds that cut.
"""

from __future__ import annotations

import functools
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, time
from importlib import resources
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from norrort_cost.invoicing.invoices import Invoice
from norrort_cost.money import format_sek
from norrort_cost.rendering.invoice_text import basis_text

FONT = "SourceSansPro"
_FONT_FILES = {"": "SourceSansPro-Regular.ttf", "B": "SourceSansPro-Bold.ttf"}
MARGIN = 20.0
WIDTH = 210.0 - 2 * MARGIN
AMOUNT_WIDTH = 40.0
GREY = (90, 90, 90)
RED = (180, 20, 20)


def invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice as a one-page A4 PDF."""
    pdf = _document(invoice)
    _header(pdf, invoice)
    if invoice.is_example:
        _example_marking(pdf, invoice)
    _parties(pdf, invoice)
    _lines(pdf, invoice)
    _totals(pdf, invoice)
    _payment(pdf, invoice)
    return bytes(pdf.output())


# Basic Latin, Latin-1 (all Swedish letters, ×, ÷, no-break space), dashes, quotes, €, −
_CHARACTERS = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x100),
    *range(0x2010, 0x2015),
    *range(0x2018, 0x201F),
    0x2026,
    0x20AC,
    0x2212,
]


@dataclass(frozen=True, slots=True)
class _FontCut:
    """The cut font files, and the temporary directory that holds them while it lives."""

    folder: tempfile.TemporaryDirectory[str]
    files: dict[str, Path]


def prepare() -> None:
    """Cut the font now (it is cut once per process, on first use otherwise)."""
    _font_cut()


@functools.cache
def _font_cut() -> _FontCut:
    """The two font styles cut to the characters invoices use, made once per process."""
    from fontTools import subset  # fpdf2 depends on fontTools

    folder = tempfile.TemporaryDirectory(prefix="norrort-cost-fonts-")
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ["*"]
    cuts: dict[str, Path] = {}
    for style, name in _FONT_FILES.items():
        source = resources.files("font_source_sans_pro") / "files" / name
        with resources.as_file(source) as path:
            font = subset.load_font(str(path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=_CHARACTERS)
        subsetter.subset(font)
        cuts[style] = Path(folder.name) / name
        subset.save_font(font, str(cuts[style]), options)
    return _FontCut(folder, cuts)


def font_files() -> dict[str, Path]:
    """The cut font files by style (``""`` regular, ``"B"`` bold), cut once per process."""
    return _font_cut().files


def _document(invoice: Invoice) -> FPDF:
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    for style, path in font_files().items():
        pdf.add_font(FONT, style, path)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=MARGIN)
    pdf.set_creation_date(datetime.combine(invoice.issue_date, time(0, 0), tzinfo=UTC))
    pdf.set_title(f"Faktura {invoice.number}")
    pdf.set_author(invoice.seller.name)
    pdf.set_subject(f"{invoice.cooperation} {invoice.year}: {invoice.buyer.name}")
    pdf.set_creator("norrort-cost")
    pdf.set_lang("sv-SE")
    pdf.add_page()
    return pdf


def _font(
    pdf: FPDF, size: float, *, bold: bool = False, color: tuple[int, int, int] = (0, 0, 0)
) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*color)


def _row(pdf: FPDF, label: str, value: str, width: float = 38.0) -> None:
    x = pdf.get_x()
    _font(pdf, 9, color=GREY)
    pdf.cell(width, 5, label)
    _font(pdf, 10)
    _text(pdf, 0, 5, value, new_x=XPos.LEFT)
    pdf.set_x(x)


def _text(pdf: FPDF, width: float, height: float, text: str, *, new_x: XPos) -> None:
    """Text on one line, or wrapped when it does not fit (fpdf2's wrapping is slow)."""
    room = width or pdf.w - pdf.r_margin - pdf.get_x()
    if pdf.get_string_width(text) <= room - 2 * pdf.c_margin:
        pdf.cell(width, height, text, new_x=new_x, new_y=YPos.NEXT)
    else:
        pdf.multi_cell(width, height, text, align="L", new_x=new_x, new_y=YPos.NEXT)


def _header(pdf: FPDF, invoice: Invoice) -> None:
    _font(pdf, 16, bold=True)
    pdf.cell(WIDTH / 2, 8, invoice.seller.name)
    _font(pdf, 22, bold=True)
    pdf.cell(0, 8, "FAKTURA", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _font(pdf, 9, color=GREY)
    pdf.cell(0, 5, f"Organisationsnummer {invoice.seller.organisationsnummer}")
    pdf.ln(5)
    pdf.cell(0, 5, f"Förvaltande kommun för {invoice.cooperation}")
    pdf.ln(10)


def _example_marking(pdf: FPDF, invoice: Invoice) -> None:
    y = pdf.get_y()
    with pdf.rotation(angle=35, x=105, y=170):
        _font(pdf, 110, bold=True, color=(245, 215, 215))
        pdf.text(28, 190, "EXEMPEL")
    pdf.set_y(y)
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.6)
    _font(pdf, 10, bold=True, color=RED)
    pdf.multi_cell(WIDTH, 6, invoice.example_note, border=1, align="C", padding=2)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.ln(6)


def _parties(pdf: FPDF, invoice: Invoice) -> None:
    top = pdf.get_y()
    _font(pdf, 9, color=GREY)
    pdf.cell(0, 5, "Faktureras", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _font(pdf, 12, bold=True)
    pdf.cell(0, 6, invoice.buyer.name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _font(pdf, 10)
    pdf.cell(0, 5, f"Org.nr {invoice.buyer.organisationsnummer}", new_x=XPos.LMARGIN)
    pdf.ln(5)
    pdf.cell(0, 5, f"Kommunkod {invoice.buyer.kommunkod}")
    bottom = pdf.get_y() + 5
    pdf.set_xy(MARGIN + WIDTH / 2, top)
    _row(pdf, "Fakturanummer", invoice.number)
    _row(pdf, "Fakturadatum", invoice.issue_date.isoformat())
    _row(pdf, "Förfallodatum", invoice.due_date.isoformat())
    _row(pdf, "OCR-nummer", invoice.ocr)
    _row(pdf, "Er referens", invoice.buyer_reference)
    period = f"{invoice.period_start.isoformat()} – {invoice.period_end.isoformat()}"
    _row(pdf, "Period", period)
    pdf.set_xy(MARGIN, max(bottom, pdf.get_y()) + 8)


def _lines(pdf: FPDF, invoice: Invoice) -> None:
    _font(pdf, 9, bold=True, color=GREY)
    pdf.cell(WIDTH - AMOUNT_WIDTH, 6, "Beskrivning", border="B")
    pdf.cell(AMOUNT_WIDTH, 6, "Belopp (kr)", border="B", align="R")
    pdf.ln(8)
    for line in invoice.lines:
        _font(pdf, 10, bold=True)
        pdf.cell(WIDTH - AMOUNT_WIDTH, 6, line.name)
        _font(pdf, 10)
        pdf.cell(AMOUNT_WIDTH, 6, format_sek(line.amount_ore), align="R")
        pdf.ln(6)
        _font(pdf, 9, color=GREY)
        for text in (line.description, *basis_text(line.basis)):
            _text(pdf, WIDTH - AMOUNT_WIDTH, 4.5, text, new_x=XPos.LMARGIN)
        pdf.ln(3)
    pdf.line(MARGIN, pdf.get_y(), MARGIN + WIDTH, pdf.get_y())
    pdf.ln(2)


def _total_row(pdf: FPDF, label: str, ore: int, *, bold: bool = False) -> None:
    _font(pdf, 11 if bold else 10, bold=bold)
    pdf.cell(WIDTH - AMOUNT_WIDTH, 6, label, align="R")
    pdf.cell(AMOUNT_WIDTH, 6, format_sek(ore), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _totals(pdf: FPDF, invoice: Invoice) -> None:
    _total_row(pdf, "Summa exkl. moms", invoice.amount_ore)
    _total_row(pdf, "Moms", 0)
    _total_row(pdf, f"Att betala ({invoice.currency})", invoice.amount_ore, bold=True)
    pdf.ln(2)
    _font(pdf, 9, color=GREY)
    vat = f"Momskategori {invoice.vat_category}: {invoice.vat_exemption_reason}"
    _text(pdf, WIDTH, 4.5, vat, new_x=XPos.LMARGIN)
    pdf.ln(6)


def _payment(pdf: FPDF, invoice: Invoice) -> None:
    _font(pdf, 10, bold=True)
    pdf.cell(0, 6, "Betalning", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    rows = (
        ("Bankgiro", invoice.bankgiro),
        ("OCR-nummer", invoice.ocr),
        ("Belopp", f"{format_sek(invoice.amount_ore)} kr"),
        ("Förfallodatum", invoice.due_date.isoformat()),
        ("Betalningsvillkor", f"{invoice.payment_terms_days} dagar netto"),
    )
    for label, value in rows:
        _row(pdf, label, value)
    pdf.ln(4)
    _font(pdf, 8, color=GREY)
    pdf.multi_cell(
        WIDTH,
        4,
        "Ange OCR-numret vid betalning. Beloppet är kommunens andel av samverkans kostnad "
        f"för {invoice.year}, fördelad exakt till öret (största-restmetoden).",
        align="L",
    )
