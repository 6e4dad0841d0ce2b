"""Who invoices whom, and on what terms: the seller of a year, the member as buyer, and what
every invoice of one run shares (dates, payment, VAT, the population basis). Pure, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from norrort_cost.allocation.membership import counted_periods, paid_period
from norrort_cost.allocation.results import Allocation
from norrort_cost.dataset.models import Dataset, Municipality, NumberSeries
from norrort_cost.invoicing.documents import Contact, ExampleReason, Party
from norrort_cost.invoicing.payments import validate_bankgiro
from norrort_cost.problems import UsageError, said


def _party(municipality: Municipality) -> Party:
    return Party(
        municipality.kommunkod,
        municipality.invoice_name,
        municipality.organisationsnummer,
        municipality.street_address,
        municipality.postal_code,
        municipality.city,
        municipality.peppol_id,
    )


def seller_of(dataset: Dataset, year: int) -> Party:
    """The managing municipality of ``year``, which invoices the others."""
    kommunkod = dataset.settings.managing_kommunkod(year)
    if kommunkod is None:
        raise UsageError(
            said("no managing municipality is set for {year}", year=year),
            "add a [[managing_municipality]] period covering the year to cooperation.toml",
        )
    return _party(dataset.municipality(kommunkod))


def seller_series(dataset: Dataset, year: int) -> tuple[str, NumberSeries]:
    """The managing municipality of ``year`` and the number series it invoices from."""
    seller = seller_of(dataset, year).kommunkod
    return seller, dataset.settings.invoicing.series_of(seller)


@dataclass(frozen=True, slots=True)
class Buyer:
    """Who one invoice is for: the member, its reference, the days of the year it pays for."""

    party: Party
    reference: str
    reference_given: bool
    period: tuple[date, date]
    membership: tuple[tuple[date, date], ...] = ()


@dataclass(frozen=True, slots=True)
class Terms:
    """What every invoice of one run shares."""

    cooperation: str
    currency: str
    seller: Party
    issue_date: date
    due_days: int
    bankgiro: str
    vat_category: str
    vat_exemption_reason: str
    example_reasons: tuple[ExampleReason, ...]
    series: NumberSeries
    contact: Contact
    late_payment_text: str
    # the population the amounts rest on: final, or preliminary until settled
    basis: tuple[str, date | None, date | None] = ("final", None, None)


def run_terms(
    dataset: Dataset,
    allocation: Allocation,
    issue_date: date,
    due_days: int | None = None,
) -> Terms:
    """The terms of ``allocation``'s invoices: seller, dates, payment and VAT details."""
    settings = dataset.settings.invoicing
    days = settings.payment_terms_days if due_days is None else due_days
    if days < 0:
        raise UsageError(
            said("{days} is not a number of days", days=days), "give --due-days 0 or more"
        )
    seller = seller_of(dataset, allocation.year)
    return Terms(
        cooperation=allocation.cooperation,
        currency=allocation.currency,
        seller=seller,
        issue_date=issue_date,
        due_days=days,
        bankgiro=validate_bankgiro(settings.bankgiro),
        vat_category=settings.vat_category,
        vat_exemption_reason=settings.vat_exemption_reason,
        example_reasons=_example_reasons(
            allocation, bankgiro_is_example=settings.bankgiro_is_example
        ),
        series=settings.series_of(seller.kommunkod),
        contact=Contact(
            settings.our_reference,
            settings.contact_name,
            settings.contact_phone,
            settings.contact_email,
        ),
        late_payment_text=settings.late_payment_text,
        basis=(allocation.basis, allocation.population_date, allocation.final_population_date),
    )


def _example_reasons(
    allocation: Allocation, *, bankgiro_is_example: bool
) -> tuple[ExampleReason, ...]:
    reasons = []
    if allocation.illustrative:
        reasons.append(ExampleReason.ILLUSTRATIVE_BUDGET)
    if bankgiro_is_example:
        reasons.append(ExampleReason.EXAMPLE_BANKGIRO)
    return tuple(reasons)


def buyer_of(dataset: Dataset, kommunkod: str, year: int) -> Buyer:
    """The member as buyer: its party, its reference (BT-10) and the period it pays for.

    The reference is the member's own (``buyer_reference`` in municipalities.csv, else
    ``[invoicing.buyer_references]``); without one the invoice carries the settings'
    ``default_buyer_reference`` or the cooperation's name, and ``reference_given`` is
    False so that the command can warn.
    """
    invoicing = dataset.settings.invoicing
    municipality = dataset.municipality(kommunkod)
    own = municipality.buyer_reference or invoicing.buyer_references.get(kommunkod, "")
    reference = own or invoicing.default_buyer_reference or dataset.settings.name
    pro_rating = dataset.settings.pro_rating
    counted = counted_periods(dataset.memberships, kommunkod, year, pro_rating)
    return Buyer(
        _party(municipality),
        reference,
        bool(own),
        paid_period(dataset.memberships, kommunkod, year, pro_rating),
        tuple((p.counted_from, p.counted_to) for p in counted),
    )
