"""The parts of an invoice PDF, top to bottom: header, parties and references, lines,
totals, payment, and the footer every page has. Used by :mod:`norrort_cost.rendering.pdf`.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from norrort_cost.invoicing.documents import Invoice
from norrort_cost.money import format_sek
from norrort_cost.rendering.invoice_text import (
    basis_text,
    example_note,
    line_description,
    line_name,
    preliminary_note,
)

FONT = "SourceSansPro"
MARGIN = 20.0
FOOTER_HEIGHT = 22.0
WIDTH = 210.0 - 2 * MARGIN
AMOUNT_WIDTH = 40.0
GREY = (90, 90, 90)
RED = (180, 20, 20)


def title(invoice: Invoice) -> str:
    """The document's title word: faktura, kreditfaktura or tilläggsfaktura (a correction)."""
    if invoice.is_credit_note:
        return "kreditfaktura"
    return "tilläggsfaktura" if invoice.corrects else "faktura"


def set_font(
    pdf: FPDF, size: float, *, bold: bool = False, color: tuple[int, int, int] = (0, 0, 0)
) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*color)


def _row(pdf: FPDF, label: str, value: str, width: float = 38.0) -> None:
    x = pdf.get_x()
    set_font(pdf, 9, color=GREY)
    pdf.cell(width, 5, label)
    set_font(pdf, 10)
    _text(pdf, 0, 5, value, new_x=XPos.LEFT)
    pdf.set_x(x)


def _text(pdf: FPDF, width: float, height: float, text: str, *, new_x: XPos) -> None:
    """Text on one line, or wrapped when it does not fit (fpdf2's wrapping is slow)."""
    room = width or pdf.w - pdf.r_margin - pdf.get_x()
    if pdf.get_string_width(text) <= room - 2 * pdf.c_margin:
        pdf.cell(width, height, text, new_x=new_x, new_y=YPos.NEXT)
    else:
        pdf.multi_cell(width, height, text, align="L", new_x=new_x, new_y=YPos.NEXT)


def header(pdf: FPDF, invoice: Invoice) -> None:
    set_font(pdf, 16, bold=True)
    _fitted(pdf, WIDTH * 0.62, 8, invoice.seller.name, 16)
    set_font(pdf, 20, bold=True)
    pdf.cell(0, 8, title(invoice).upper(), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    set_font(pdf, 9, color=GREY)
    pdf.cell(0, 5, f"Organisationsnummer {invoice.seller.organisationsnummer}")
    pdf.ln(5)
    pdf.cell(0, 5, f"Förvaltande kommun för {invoice.cooperation}")
    pdf.ln(8)


def _fitted(pdf: FPDF, width: float, height: float, text: str, size: float) -> None:
    """One line of ``text`` in ``width``: the font shrinks (down to 60 %) until it fits."""
    smallest = size * 0.6
    while pdf.get_string_width(text) > width - 2 * pdf.c_margin and pdf.font_size_pt > smallest:
        pdf.set_font_size(pdf.font_size_pt - 0.5)
    if pdf.get_string_width(text) > width - 2 * pdf.c_margin:
        x = pdf.get_x()
        pdf.multi_cell(width, height * 0.8, text, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_x(x)
        return
    pdf.cell(width, height, text)


def watermark(pdf: FPDF) -> None:
    x, y = pdf.get_x(), pdf.get_y()
    with pdf.rotation(angle=35, x=105, y=170):
        set_font(pdf, 110, bold=True, color=(245, 215, 215))
        pdf.text(28, 190, "EXEMPEL")
    pdf.set_xy(x, y)


def example_marking(pdf: FPDF, invoice: Invoice) -> None:
    watermark(pdf)
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.6)
    set_font(pdf, 10, bold=True, color=RED)
    pdf.multi_cell(WIDTH, 5, example_note(invoice), border=1, align="C", padding=1)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.ln(4)


def preliminary_marking(pdf: FPDF, invoice: Invoice) -> None:
    """The boxed note that the amount rests on preliminary figures, to be settled."""
    set_font(pdf, 10, bold=True)
    pdf.multi_cell(WIDTH, 5, preliminary_note(invoice), border=1, align="C", padding=1)
    pdf.ln(4)


def footer(pdf: FPDF, invoice: Invoice) -> None:
    seller = invoice.seller
    pdf.set_y(-(MARGIN + FOOTER_HEIGHT - 4))
    pdf.set_draw_color(*GREY)
    pdf.line(MARGIN, pdf.get_y(), MARGIN + WIDTH, pdf.get_y())
    pdf.ln(1.5)
    set_font(pdf, 8, color=GREY)
    address = ", ".join(seller.address_lines) or "adress saknas i underlaget"
    contact = invoice.contact
    reach = ", ".join(part for part in (contact.name, contact.phone, contact.email) if part)
    texts = (
        f"{seller.name} · {address} · Org.nr {seller.organisationsnummer}",
        f"Bankgiro {invoice.bankgiro}" + (f" · Kontakt: {reach}" if reach else ""),
    )
    for text in texts:
        pdf.cell(WIDTH - 25, 4, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_xy(MARGIN + WIDTH - 25, pdf.get_y() - 8)
    pdf.cell(25, 4, f"Sida {pdf.page_no()} ({{nb}})", align="R")


def parties(pdf: FPDF, invoice: Invoice) -> None:
    top = pdf.get_y()
    column = WIDTH / 2 - 4
    set_font(pdf, 9, color=GREY)
    pdf.cell(column, 5, "Krediteras" if invoice.is_credit_note else "Faktureras")
    pdf.ln(5)
    set_font(pdf, 12, bold=True)
    _fitted(pdf, column, 6, invoice.buyer.name, 12)
    pdf.set_x(MARGIN)
    pdf.ln(6)
    set_font(pdf, 10)
    for text in (
        *invoice.buyer.address_lines,
        f"Org.nr {invoice.buyer.organisationsnummer}",
        f"Kommunkod {invoice.buyer.kommunkod}",
    ):
        _text(pdf, column, 5, text, new_x=XPos.LMARGIN)
    bottom = pdf.get_y()
    pdf.set_xy(MARGIN + WIDTH / 2, top)
    for label, value in _references(invoice):
        _row(pdf, label, value)
    pdf.set_xy(MARGIN, max(bottom, pdf.get_y()) + 6)


def _references(invoice: Invoice) -> list[tuple[str, str]]:
    credit = invoice.is_credit_note
    rows = [
        ("Kreditfakturanummer" if credit else "Fakturanummer", invoice.number),
        ("Fakturadatum", invoice.issue_date.isoformat()),
    ]
    if invoice.corrects:
        issued = invoice.corrects_issue_date
        when = f" av {issued.isoformat()}" if issued else ""
        rows.append(("Avser faktura", f"{invoice.corrects}{when}"))
    if not credit:
        rows += [("Förfallodatum", invoice.due_date.isoformat()), ("OCR-nummer", invoice.ocr)]
    rows.append(("Er referens", invoice.buyer_reference))
    if invoice.contact.our_reference or invoice.contact.name:
        rows.append(("Vår referens", invoice.contact.our_reference or invoice.contact.name))
    period = f"{invoice.period_start.isoformat()} – {invoice.period_end.isoformat()}"
    rows.append(("Period", period))
    if invoice.installments > 1:
        rows.append(("Delbetalning", f"{invoice.installment} av {invoice.installments}"))
    return rows


def lines(pdf: FPDF, invoice: Invoice) -> None:
    set_font(pdf, 9, bold=True, color=GREY)
    pdf.cell(WIDTH - AMOUNT_WIDTH, 6, "Beskrivning", border="B")
    pdf.cell(AMOUNT_WIDTH, 6, "Belopp (kr)", border="B", align="R")
    pdf.ln(7)
    for line in invoice.lines:
        set_font(pdf, 10, bold=True)
        _fitted(pdf, WIDTH - AMOUNT_WIDTH, 6, line_name(line.subject), 10)
        pdf.set_xy(MARGIN + WIDTH - AMOUNT_WIDTH, pdf.get_y())
        set_font(pdf, 10)
        pdf.cell(AMOUNT_WIDTH, 6, format_sek(line.amount_ore), align="R")
        pdf.ln(6)
        set_font(pdf, 9, color=GREY)
        for text in (line_description(line.subject), *basis_text(line.basis)):
            _text(pdf, WIDTH - AMOUNT_WIDTH, 4.2, text, new_x=XPos.LMARGIN)
        pdf.ln(2)
    pdf.line(MARGIN, pdf.get_y(), MARGIN + WIDTH, pdf.get_y())
    pdf.ln(2)


def _total_row(pdf: FPDF, label: str, ore: int, *, bold: bool = False) -> None:
    set_font(pdf, 11 if bold else 10, bold=bold)
    pdf.cell(WIDTH - AMOUNT_WIDTH, 6, label, align="R")
    pdf.cell(AMOUNT_WIDTH, 6, format_sek(ore), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def totals(pdf: FPDF, invoice: Invoice) -> None:
    _total_row(pdf, "Summa exkl. moms", invoice.amount_ore)
    _total_row(pdf, "Moms", 0)
    label = "Att kreditera" if invoice.is_credit_note else "Att betala"
    _total_row(pdf, f"{label} ({invoice.currency})", invoice.amount_ore, bold=True)
    pdf.ln(1)
    set_font(pdf, 9, color=GREY)
    vat = f"Momskategori {invoice.vat_category}: {invoice.vat_exemption_reason}"
    _text(pdf, WIDTH, 4.2, vat, new_x=XPos.LMARGIN)
    if invoice.is_credit_note:
        _text(
            pdf,
            WIDTH,
            4.2,
            "Beloppet regleras mot nästa faktura eller betalas tillbaka.",
            new_x=XPos.LMARGIN,
        )
    pdf.ln(4)


def payment(pdf: FPDF, invoice: Invoice) -> None:
    set_font(pdf, 10, bold=True)
    pdf.cell(0, 6, "Betalning", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    top = pdf.get_y()
    for label, value in (
        ("Bankgiro", invoice.bankgiro),
        ("OCR-nummer", invoice.ocr),
        ("Betalningsvillkor", f"{invoice.payment_terms_days} dagar netto"),
    ):
        _row(pdf, label, value)
    bottom = pdf.get_y()
    pdf.set_xy(MARGIN + WIDTH / 2, top)
    for label, value in (
        ("Belopp", f"{format_sek(invoice.amount_ore)} kr"),
        ("Förfallodatum", invoice.due_date.isoformat()),
    ):
        _row(pdf, label, value)
    pdf.set_xy(MARGIN, max(bottom, pdf.get_y()) + 2)
    set_font(pdf, 8, color=GREY)
    pdf.multi_cell(
        WIDTH,
        3.8,
        "Ange OCR-numret vid betalning. Beloppet är kommunens andel av samverkans kostnad "
        f"för {invoice.year}, fördelad exakt till öret (största-restmetoden). "
        f"{invoice.late_payment_text}",
        align="L",
    )
