"""The invoicing core: who is invoiced, for how much, with which references."""

from __future__ import annotations

from datetime import date

import pytest
from stdnum import luhn

from norrort_cost import allocate, load_dataset
from norrort_cost.dataset.models import AllocationKey
from norrort_cost.invoicing.documents import ExampleReason
from norrort_cost.invoicing.invoices import build_invoices
from norrort_cost.invoicing.lines import PoolPart
from norrort_cost.invoicing.payments import (
    ocr_reference,
    validate_bankgiro,
)
from norrort_cost.problems import DataError, UsageError
from norrort_cost.rendering.invoice_text import basis_text, line_name
from tests.references import is_valid_ocr

ISSUE = date(2014, 5, 2)


def run_for(dataset, year, issue=ISSUE, due_days=None):
    return build_invoices(allocate(dataset, year), dataset, issue, due_days)


def test_lidingo_invoices_everyone_else_in_2014(dataset):
    """2014: Lidingö (0186) manages, so 14 members get an invoice and Lidingö none."""
    run = run_for(dataset, 2014)
    assert run.seller.kommunkod == "0186"
    buyers = [i.buyer.kommunkod for i in run.invoices]
    assert len(buyers) == 14
    assert "0186" not in buyers


def test_sollentuna_is_the_seller_from_2018(dataset):
    """From 2018 Sollentuna (0163) manages and invoices Lidingö among others."""
    run = run_for(dataset, 2018, date(2018, 5, 2))
    assert run.seller.kommunkod == "0163"
    assert "0186" in [i.buyer.kommunkod for i in run.invoices]
    assert "0163" not in [i.buyer.kommunkod for i in run.invoices]


def test_ekero_2014_invoice(dataset):
    """Ekerö's 2014 invoice: 24 291,03 kr, the fifth number of Lidingö's series, valid OCR.

    30 days after 2014-05-02 is Sunday 2014-06-01: the invoice falls due on Monday 2 June.
    """
    run = run_for(dataset, 2014)
    ekero = next(i for i in run.invoices if i.buyer.kommunkod == "0125")
    assert ekero.amount_ore == 2429103
    assert ekero.number == "5"
    assert ekero.ocr.startswith("0186000005")
    assert is_valid_ocr(ekero.ocr)
    assert ekero.due_date == date(2014, 6, 2)
    assert ekero.is_example
    assert ekero.example_reasons == (
        ExampleReason.ILLUSTRATIVE_BUDGET,
        ExampleReason.EXAMPLE_BANKGIRO,
    )
    assert ekero.vat_category == "O"
    assert ekero.vat_exemption_code == "VATEX-EU-O"


def test_invoice_period_is_the_part_of_the_year_the_member_pays_for(dataset):
    """Ekerö joined 2014-04-15: its invoice covers 2014-04-15 to 2014-12-31; others the year."""
    run = run_for(dataset, 2014)
    periods = {i.buyer.kommunkod: (i.period_start, i.period_end) for i in run.invoices}
    assert periods["0125"] == (date(2014, 4, 15), date(2014, 12, 31))
    assert periods["0114"] == (date(2014, 1, 1), date(2014, 12, 31))


def test_invoice_line_explains_the_amount(dataset):
    """The line gives the inhabitants and their date, the days of membership and the share."""
    run = run_for(dataset, 2014)
    (line,) = next(i for i in run.invoices if i.buyer.kommunkod == "0125").lines
    basis = " ".join(basis_text(line.basis))
    assert "26 355" in basis
    assert "2013-12-31" in basis
    assert "261 av 365" in basis
    assert "%" in basis
    assert line.amount_ore == 2429103


@pytest.mark.parametrize("year", range(2013, 2020))
def test_invoices_plus_internal_share_equal_the_budget(dataset, year):
    """Every year: the invoices plus the seller's internal share sum to the budget exactly."""
    run = run_for(dataset, year, date(year, 5, 2))
    assert run.invoiced_ore + run.internal_ore == run.budget_ore
    assert run.internal_ore > 0
    assert len({i.number for i in run.invoices}) == len(run.invoices)
    assert len({i.ocr for i in run.invoices}) == len(run.invoices)


def test_2013_has_no_invoice_for_ekero(dataset):
    """Ekerö joined in 2014: no share, so no invoice, in 2013."""
    run = run_for(dataset, 2013, date(2013, 5, 2))
    assert len(run.invoices) == 13
    assert "0125" not in [i.buyer.kommunkod for i in run.invoices]


def test_due_days_override(dataset):
    """--due-days sets the due date as issue date plus that many days."""
    run = run_for(dataset, 2014, due_days=10)
    assert all(i.due_date == date(2014, 5, 12) for i in run.invoices)


def test_ocr_has_length_digit_then_luhn_digit():
    """The OCR reference: base, length digit (total length mod 10), Luhn check digit."""
    ocr = ocr_reference("20140125")
    assert len(ocr) == 10
    assert ocr[-2] == "0"
    assert luhn.is_valid(ocr)
    assert ocr_reference("123") == "123" + "5" + luhn.calc_check_digit("1235")


def test_invoice_numbers_continue_the_sellers_series(dataset):
    """Numbers are the series' prefix and consecutive numbers from where the register is."""
    from norrort_cost.dataset.models import NumberSeries
    from norrort_cost.invoicing.invoices import Numbering

    invoicing = dataset.settings.invoicing.model_copy(
        update={"seller_series": {"0186": NumberSeries(prefix="LS-", first=500)}}
    )
    settings = dataset.settings.model_copy(update={"invoicing": invoicing})
    own = dataset.model_copy(update={"settings": settings})
    first = build_invoices(allocate(own, 2014), own, ISSUE)
    assert [i.number for i in first.invoices] == [f"LS-{n}" for n in range(500, 514)]
    later = build_invoices(allocate(own, 2014), own, ISSUE, None, Numbering(first_sequence=514))
    assert later.invoices[0].number == "LS-514"


@pytest.mark.parametrize("text", ["5050-1055", "50501055", "505 0105 5"])
def test_valid_bankgiro_is_formatted(text):
    """A valid bankgiro is accepted in any spelling and written NNNN-NNNN."""
    assert validate_bankgiro(text) == "5050-1055"


@pytest.mark.parametrize(("text", "written"), [("1234566", "123-4566"), ("123-4566", "123-4566")])
def test_a_seven_digit_bankgiro_is_valid_and_written_nnn_nnnn(text, written):
    """Older bankgiro numbers have 7 digits (check digit included): 123-4566."""
    assert validate_bankgiro(text) == written


@pytest.mark.parametrize("text", ["1234567", "5050-1056", "12345", "", "ABCD-EFGH", "123456789"])
def test_invalid_bankgiro_is_a_data_problem(text):
    """A bankgiro with a bad check digit or length is reported as invalid-bankgiro."""
    with pytest.raises(DataError) as caught:
        validate_bankgiro(text)
    assert [p.code for p in caught.value.problems] == ["invalid-bankgiro"]


def test_no_managing_municipality_is_a_usage_error(dataset):
    """A year without a managing municipality cannot be invoiced."""
    settings = dataset.settings.model_copy(update={"managing_municipality": ()})
    bare = dataset.model_copy(update={"settings": settings})
    with pytest.raises(UsageError, match="no managing municipality"):
        run_for(bare, 2014)


def test_buyer_reference_from_settings(dataset):
    """A member's buyer reference comes from the settings, else the cooperation's name."""
    invoicing = dataset.settings.invoicing.model_copy(update={"buyer_references": {"0125": "R42"}})
    settings = dataset.settings.model_copy(update={"invoicing": invoicing})
    run = run_for(dataset.model_copy(update={"settings": settings}), 2014)
    references = {i.buyer.kommunkod: i.buyer_reference for i in run.invoices}
    assert references["0125"] == "R42"
    assert references["0114"] == "Koordination Norrort"


def test_mixed_keys_give_one_line_per_pool_with_its_own_basis():
    """With several cost pools an invoice has a line per pool, each explained by its key."""
    from norrort_cost.loading import default_data_dir

    example = load_dataset(default_data_dir() / "examples" / "overformyndare")
    invoices = build_invoices(allocate(example, 2018), example, date(2018, 5, 2), None)
    vallentuna = next(i for i in invoices.invoices if i.buyer.kommunkod == "0115")
    keys = [line.subject.key for line in vallentuna.lines if isinstance(line.subject, PoolPart)]
    assert keys == [AllocationKey.BASE_FEE, AllocationKey.PER_CAPITA, AllocationKey.EQUAL]
    names = [line_name(line.subject).rsplit(": ", 1)[-1] for line in vallentuna.lines]
    assert names == ["grundavgift", "efter invånarantal", "lika delar"]
    assert basis_text(vallentuna.lines[0].basis)[0].startswith("Grundavgift per år: 120 000,00 kr")
    assert "Dagar som medlem: 365 av 365" in basis_text(vallentuna.lines[2].basis)
    assert sum(line.amount_ore for line in vallentuna.lines) == vallentuna.amount_ore
