"""A payment reminder (påminnelse) as an A4 PDF, in Swedish like the invoices.

It lists each overdue invoice (number, invoice date, due date, amount, what was paid or
credited, what remains, days overdue, late-payment interest and the OCR to pay it with),
the totals, the reference rates used (räntelagen: Riksbanken's reference rate plus eight
percentage points) or the half-years without a rate, the fee if any, and the seller's
bankgiro. Dates in the PDF come from the reminder's date, never the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from norrort_cost.invoicing.reminders import Reminder
from norrort_cost.money import format_sek
from norrort_cost.rendering.pdf import FONT, MARGIN, WIDTH, close_fonts, fonts, printable

GREY = (90, 90, 90)
RED = (180, 20, 20)
COLUMNS = (
    ("Faktura", 16.0, "L"),
    ("Fakturadatum", 21.0, "L"),
    ("Förfallodag", 20.0, "L"),
    ("Belopp", 22.0, "R"),
    ("Betalt/kred.", 21.0, "R"),
    ("Återstår", 22.0, "R"),
    ("Dagar", 12.0, "R"),
    ("Ränta", 16.0, "R"),
    ("OCR", 20.0, "R"),
)


@dataclass(frozen=True, slots=True)
class Parties:
    """Who sends the reminder and who gets it, as printed."""

    cooperation: str
    seller_name: str
    seller_organisationsnummer: str
    bankgiro: str
    buyer_name: str
    buyer_organisationsnummer: str
    is_example: bool


def reminder_pdf(reminder: Reminder, parties: Parties) -> bytes:
    """The reminder as an A4 PDF (identical bytes for the same reminder)."""
    with fonts() as files:
        pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        try:
            for style, path in files.items():
                pdf.add_font(FONT, style, path)
            pdf.set_margins(MARGIN, MARGIN, MARGIN)
            pdf.set_creation_date(datetime.combine(reminder.on, time(0, 0), tzinfo=UTC))
            pdf.set_title(f"Påminnelse {reminder.number}")
            pdf.set_creator("norrort-cost")
            pdf.set_lang("sv-SE")
            pdf.add_page()
            _head(pdf, reminder, parties)
            _table(pdf, reminder)
            _totals(pdf, reminder)
            _interest_note(pdf, reminder)
            _payment(pdf, parties)
            return bytes(pdf.output())
        finally:
            close_fonts(pdf)


def _font(
    pdf: FPDF, size: float, *, bold: bool = False, color: tuple[int, int, int] = (0, 0, 0)
) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*color)


def _line(pdf: FPDF, text: str, size: float = 10, *, bold: bool = False) -> None:
    _font(pdf, size, bold=bold)
    pdf.multi_cell(WIDTH, 5, printable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _head(pdf: FPDF, reminder: Reminder, parties: Parties) -> None:
    _font(pdf, 16, bold=True)
    pdf.cell(WIDTH * 0.6, 8, printable(parties.seller_name))
    _font(pdf, 20, bold=True)
    pdf.cell(0, 8, "PÅMINNELSE", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _font(pdf, 9, color=GREY)
    pdf.cell(0, 5, f"Organisationsnummer {parties.seller_organisationsnummer} · "
             f"förvaltande kommun för {printable(parties.cooperation)}",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    if parties.is_example:
        _font(pdf, 9, bold=True, color=RED)
        pdf.multi_cell(WIDTH, 5, "EXEMPEL: påminnelsen bygger på exempeldata och är inte ett "
                       "verkligt betalningskrav.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.ln(4)
    _line(pdf, parties.buyer_name, 12, bold=True)
    _line(pdf, f"Org.nr {parties.buyer_organisationsnummer} · kommunkod {reminder.kommunkod}")
    pdf.ln(2)
    _line(pdf, f"Påminnelse {reminder.number} · datum {reminder.on.isoformat()}")
    pdf.ln(2)
    _line(pdf, "Enligt vår bokföring är fakturorna nedan inte betalda efter förfallodagen. "
          "Betala det som återstår snarast, varje faktura med dess OCR-nummer. Har ni "
          "redan betalat kan ni bortse från denna påminnelse.")  # fmt: skip
    pdf.ln(3)


def _table(pdf: FPDF, reminder: Reminder) -> None:
    _font(pdf, 8, bold=True)
    for name, width, align in COLUMNS:
        pdf.cell(width, 6, name, align=align, border="B")
    pdf.ln(6)
    _font(pdf, 8)
    for line in reminder.lines:
        document = line.receivable.document
        interest = line.interest.interest_ore
        cells = (
            document.number,
            document.issue_date.isoformat() if document.issue_date else "",
            document.due_date.isoformat() if document.due_date else "",
            format_sek(document.amount_ore),
            format_sek(line.receivable.paid_ore + line.receivable.credited_ore),
            format_sek(line.receivable.remaining_ore),
            str(line.days_overdue),
            "–" if interest is None else format_sek(interest),
            document.ocr,
        )
        for (_, width, align), text in zip(COLUMNS, cells, strict=True):
            pdf.cell(width, 5.5, text, align=align)
        pdf.ln(5.5)
    pdf.ln(2)


def _total(pdf: FPDF, label: str, ore: int | None, *, bold: bool = False) -> None:
    _font(pdf, 10, bold=bold)
    pdf.cell(WIDTH - 40, 6, label, align="R")
    pdf.cell(40, 6, "–" if ore is None else f"{format_sek(ore)} kr", align="R",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip


def _totals(pdf: FPDF, reminder: Reminder) -> None:
    _total(pdf, "Summa återstår", reminder.remaining_ore)
    _total(pdf, "Dröjsmålsränta till och med " + reminder.on.isoformat(), reminder.interest_ore)
    if reminder.fee_ore:
        _total(pdf, "Påminnelseavgift", reminder.fee_ore)
    _total(pdf, "Att betala", reminder.total_ore, bold=True)
    pdf.ln(3)


def _interest_note(pdf: FPDF, reminder: Reminder) -> None:
    rates = sorted(
        {start: rate for line in reminder.lines for start, rate in line.interest.rates}.items()
    )
    _font(pdf, 8, color=GREY)
    text = ("Dröjsmålsränta enligt räntelagen (1975:635) 6 §: Riksbankens referensränta för "
            "kalenderhalvåret plus åtta procentenheter, per dag (÷ 365) på det som återstod, "
            "från dagen efter förfallodagen.")  # fmt: skip
    if rates:
        used = "; ".join(
            f"från {start.isoformat()} {str(rate).replace('.', ',')} %" for start, rate in rates
        )
        text += f" Referensränta: {used}."
    pdf.multi_cell(WIDTH, 4, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if reminder.missing_half_years:
        halves = ", ".join(_half_year(start) for start in reminder.missing_half_years)
        _font(pdf, 9, bold=True, color=RED)
        text = f"Dröjsmålsräntan är inte beräknad: referensräntan saknas för {halves}."
        pdf.multi_cell(WIDTH, 4.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _half_year(start: object) -> str:
    text = str(start)
    year, month = text[:4], text[5:7]
    return f"{year}-01-01 – {year}-06-30" if month == "01" else f"{year}-07-01 – {year}-12-31"


def _payment(pdf: FPDF, parties: Parties) -> None:
    _font(pdf, 10, bold=True)
    pdf.cell(0, 6, f"Betala till bankgiro {parties.bankgiro}", new_x=XPos.LMARGIN,
             new_y=YPos.NEXT)  # fmt: skip
    _font(pdf, 9)
    pdf.cell(0, 5, "Ange fakturans OCR-nummer som referens, en betalning per faktura.",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
