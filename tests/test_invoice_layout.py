"""The invoice PDF's layout: it fits its page, long names stay in their column, odd text."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from norrort_cost import allocate, load_dataset
from norrort_cost.invoicing.invoices import build_invoices
from norrort_cost.loading import default_data_dir
from norrort_cost.rendering import pdf as pdf_module
from norrort_cost.rendering.pdf import MARGIN, WIDTH, invoice_pdf, unprintable

MM = 72 / 25.4
LONG_NAME = "Kommunalförbundet Norra Stockholmsregionens Samverkan"  # 53 characters


@pytest.fixture(scope="module")
def ekero():
    dataset = load_dataset()
    run = build_invoices(allocate(dataset, 2014), dataset, date(2014, 5, 2))
    return next(i for i in run.invoices if i.buyer.kommunkod == "0125")


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_osteraker_2018_with_four_lines_fits_one_page():
    """The example's four-line invoice (Österåker 2018) is one page, footer and all."""
    example = load_dataset(default_data_dir() / "examples" / "overformyndare")
    run = build_invoices(allocate(example, 2018), example, date(2018, 5, 2))
    osteraker = next(i for i in run.invoices if i.buyer.kommunkod == "0117")
    assert len(osteraker.lines) == 4
    (text,) = pages(invoice_pdf(osteraker))
    assert "Sida 1 (1)" in text
    assert "Org.nr 212000-0118" in text  # the seller's footer


def test_a_continuation_page_repeats_number_and_exempel(ekero):
    """An invoice too long for one page repeats its number and EXEMPEL on the next page."""
    line = ekero.lines[0]
    many = tuple(replace(line, number=n, amount_ore=0) for n in range(1, 12))
    texts = pages(invoice_pdf(replace(ekero, lines=(replace(line, number=0), *many))))
    assert len(texts) >= 2
    for number, text in enumerate(texts[1:], start=2):
        assert f"FAKTURA {ekero.number} (forts.)" in text
        assert "EXEMPEL" in text
        assert f"Sida {number} ({len(texts)})" in text


def _name_runs(data: bytes, name_part: str) -> list[tuple[float, float, str]]:
    runs: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font, size):
        if name_part in text or (text.strip() and text.strip() in LONG_NAME):
            runs.append((tm[4] * cm[0] + cm[4], size * tm[0], text))

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return runs


def test_a_53_character_buyer_name_stays_left_of_the_references(ekero):
    """The buyer's name shrinks (or wraps) to its column, never running over the labels."""
    buyer = replace(ekero.buyer, name=LONG_NAME)
    data = invoice_pdf(replace(ekero, buyer=buyer))
    runs = [r for r in _name_runs(data, "Kommunalförbundet") if r[2].strip()]
    assert runs
    measure = FPDF(unit="mm")
    with pdf_module.fonts() as files:
        measure.add_font(pdf_module.FONT, "B", files["B"])
        for x, size, text in runs:
            measure.set_font(pdf_module.FONT, "B", size)
            right = x / MM + measure.get_string_width(text.strip())
            assert right <= MARGIN + WIDTH / 2
        for font in measure.fonts.values():
            font.ttfont.close()


def test_characters_outside_the_font_are_printed_as_question_marks(ekero):
    """A name with a character the font lacks shows '?' and is reported, never dropped."""
    buyer = replace(ekero.buyer, name="Ekerö ☃ kommun")
    invoice = replace(ekero, buyer=buyer)
    assert unprintable(invoice) == {"☃"}
    assert "Ekerö ? kommun" in pages(invoice_pdf(invoice))[0]


def test_names_in_nfd_keep_their_diacritics(ekero):
    """A decomposed 'ö' (o + combining diaeresis) prints as 'ö'."""
    buyer = replace(ekero.buyer, name="Ekero\u0308")
    assert "Ekerö" in pages(invoice_pdf(replace(ekero, buyer=buyer)))[0]


def test_footer_has_seller_contact_and_late_payment_text(ekero):
    """The footer names the seller, org.nr and bankgiro; the terms mention late interest."""
    from norrort_cost.invoicing.documents import Contact

    invoice = replace(ekero, contact=Contact("Anna A", "Anna Andersson", "08-123 45", "a@x.se"))
    (text,) = pages(invoice_pdf(invoice))
    assert "Lidingö stad · " in text
    assert "Org.nr 212000-0191" in text
    assert "Kontakt: Anna Andersson, 08-123 45, a@x.se" in text
    assert "Vår referens" in text
    assert "dröjsmålsränta" in text
