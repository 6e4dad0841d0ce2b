"""The cooperation's settings (``cooperation.toml``): its name, rules, managing members and
invoicing, validated with pydantic and immutable once made.

Split from :mod:`norrort_cost.dataset.models` (which re-exports every name) by concern:
the rows of the CSV files are there, the settings here.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from norrort_cost.dataset.fields import (
    IsoDate,
    Kommunkod,
    NonEmpty,
    OptionalDate,
    parse_iso_date,
    problem,
)
from norrort_cost.dataset.record import Record
from norrort_cost.dataset.reminders import ReminderSettings
from norrort_cost.problems import said


class ManagingPeriod(Record):
    """Which member manages the cooperation (and invoices the others) in a period."""

    kommunkod: Kommunkod
    start: IsoDate = Field(alias="from")
    end: OptionalDate = Field(default=None, alias="to")

    @model_validator(mode="after")
    def _ends_after_start(self) -> ManagingPeriod:
        if self.end is not None and self.end < self.start:
            raise problem(
                "invalid-period",
                said(
                    "the period ends ({end}) before it starts ({start})",
                    end=self.end,
                    start=self.start,
                ),
                "swap the dates or correct the year",
            )
        return self

    def covers(self, year: int) -> bool:
        """Whether this period includes any day of ``year``."""
        return self.start.year <= year and (self.end is None or self.end.year >= year)


_PREFIX = re.compile(r"[A-Za-z0-9-]{0,20}")


def _series_prefix(value: Any) -> Any:  # noqa: ANN401 - raw settings value
    """A number-series prefix: up to 20 letters a-z, digits and dashes (it names files)."""
    if isinstance(value, str) and not _PREFIX.fullmatch(value):
        raise problem(
            "invalid-series-prefix",
            said("{value!r} cannot begin an invoice number", value=value),
            'use up to 20 letters a-z, digits and dashes, e.g. prefix = "LS-"',
        )
    return value


class NumberSeries(Record):
    """A seller's series of invoice numbers: a prefix and the first number of the series.

    The register continues the series from the highest number it holds, without gaps.
    """

    prefix: Annotated[str, BeforeValidator(_series_prefix)] = ""
    first: int = Field(default=1, ge=1, le=10**12)

    def number(self, sequence: int) -> str:
        """The invoice number for ``sequence`` (prefix followed by the number)."""
        return f"{self.prefix}{sequence}"


class InvoicingSettings(Record):
    """Payment and VAT details, references and the number series used on invoices."""

    bankgiro: str = ""
    bankgiro_is_example: bool = False
    # VAT is never charged: the only category implemented is O, "not subject to VAT" (a
    # cost split among municipalities), with its exemption reason. S (standard rate) would
    # need rates and VAT amounts; the others other exemption codes.
    vat_category: Literal["O"] = "O"
    vat_exemption_reason: str = "Ej föremål för moms"
    payment_terms_days: int = Field(default=30, ge=0, le=365)
    # The buyer reference (BT-10) each member wants on its invoices, by kommunkod;
    # members without one get ``default_buyer_reference`` (or the cooperation's name).
    buyer_references: dict[Kommunkod, str] = Field(default_factory=dict)
    default_buyer_reference: str = ""
    # the seller's number series, by the managing municipality's kommunkod, else ``series``
    series: NumberSeries = NumberSeries()
    seller_series: dict[Kommunkod, NumberSeries] = Field(default_factory=dict)
    # invoices per member and year (each installment its own invoice)
    installments: Literal[1, 2, 4, 12] = 1
    # the invoice register, relative to the dataset directory ("" = register.sqlite there)
    register_file: str = ""
    our_reference: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    late_payment_text: str = (
        "Vid betalning efter förfallodagen debiteras dröjsmålsränta enligt räntelagen."
    )

    def series_of(self, seller: str) -> NumberSeries:
        """The number series of the managing municipality ``seller``."""
        return self.seller_series.get(seller, self.series)


class BudgetSheets(Record):
    """Which sheet of ``budget.xlsx`` and ``fixed_amounts.xlsx`` holds the table.

    ``[budget]`` in ``cooperation.toml``: ``sheet`` and ``fixed_amounts_sheet``; empty
    means the workbook's first sheet.
    """

    sheet: str = ""
    fixed_amounts_sheet: str = ""


class Settings(Record):
    """The cooperation's rules, from ``cooperation.toml``."""

    name: NonEmpty
    currency: Literal["SEK"] = "SEK"
    population_reference: str = "previous-year-end"
    # a year whose reference date is after the newest figures in the dataset (not published
    # yet) is weighed by this date instead, as a preliminary basis; other years are not
    preliminary_population_date: date | None = None
    pro_rating: Literal["days", "none"] = "days"
    rounding_unit: Literal["ore", "krona"] = "ore"
    managing_municipality: tuple[ManagingPeriod, ...] = ()
    invoicing: InvoicingSettings = InvoicingSettings()
    # SCB's PxWebApi 2, where ``population fetch-scb`` gets the figures
    scb_api_url: str = "https://statistikdatabasen.scb.se/api/v2"
    # SCB's population tables, each year asked from the one that holds it (fetch-scb)
    scb_tables: tuple[str, ...] = ("TAB638", "TAB5557")
    budget: BudgetSheets = BudgetSheets()
    # payment reminders: the fee and Riksbanken's reference rates (late-payment interest)
    reminders: ReminderSettings = ReminderSettings()

    @model_validator(mode="before")
    @classmethod
    def _check_reference(cls, data: Any) -> Any:  # noqa: ANN401 - pydantic hands raw input
        if isinstance(data, dict):
            rule = str(data.get("population_reference", "previous-year-end"))
            if rule not in {"previous-year-end", "budget-year-end"}:
                parse_iso_date(rule)
        return data

    def population_date(self, year: int) -> date:
        """The date whose population weighs the members in budget year ``year``."""
        if self.population_reference == "previous-year-end":
            return date(year - 1, 12, 31)
        if self.population_reference == "budget-year-end":
            return date(year, 12, 31)
        return date.fromisoformat(self.population_reference)

    def managing_kommunkod(self, year: int) -> str | None:
        """The managing municipality for ``year``: the one managing on 1 January.

        If no period covers 1 January (the cooperation began during the year), the first
        period that starts in the year. Periods never overlap (the loader refuses that),
        so this is the earliest-starting period that covers any day of the year.
        """
        periods = [p for p in self.managing_municipality if p.covers(year)]
        return min(periods, key=lambda p: p.start).kommunkod if periods else None
