"""The domain records, validated with pydantic and immutable once made.

Swedish terms used as they are: *kommunkod* is SCB's four-digit municipality code
(text, leading zero kept: ``0114``); *organisationsnummer* is the ten-digit Swedish
organisation number with a Luhn check digit (``212000-0019``).

The field types (:mod:`norrort_cost.dataset.fields`) accept text the way Swedish spreadsheets
write it (decimal comma, spaces between thousands) and raise errors whose ``type`` is a
stable problem code, which the loader turns into :class:`~norrort_cost.problems.Problem`
records.
"""

from __future__ import annotations

import re
import warnings
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from norrort_cost.dataset.fields import (
    AmountOre,
    Flag,
    IsoDate,
    Kommunkod,
    NonEmpty,
    OptionalDate,
    Organisationsnummer,
    WholeNumber,
    cell_text,
    parse_amount_ore,
    parse_iso_date,
    parse_whole_number,
    problem,
)
from norrort_cost.dataset.record import Record
from norrort_cost.dataset.reminders import ReminderSettings


class Municipality(Record):
    """A municipality that appears anywhere in the dataset."""

    kommunkod: Kommunkod
    name: NonEmpty
    organisationsnummer: Organisationsnummer
    # optional columns for invoices a municipality can send ("" where the data has none)
    official_name: str = ""
    street_address: str = ""
    postal_code: str = ""
    city: str = ""
    peppol_id: str = ""
    buyer_reference: str = ""

    @property
    def invoice_name(self) -> str:
        """The name on invoices: the official one (``Lidingö stad``) when the data has it."""
        return self.official_name or self.name


class PopulationFigure(Record):
    """Inhabitants (folkmängd) of one municipality at one reference date."""

    kommunkod: Kommunkod
    reference_date: IsoDate
    inhabitants: WholeNumber
    source: str = ""


class Membership(Record):
    """A period of membership, dates inclusive; ``end`` is None while it lasts."""

    kommunkod: Kommunkod
    start: IsoDate = Field(alias="from")
    end: OptionalDate = Field(default=None, alias="to")

    @model_validator(mode="after")
    def _ends_after_start(self) -> Membership:
        if self.end is not None and self.end < self.start:
            raise problem(
                "invalid-period",
                f"membership ends ({self.end}) before it starts ({self.start})",
                "swap the dates or correct the year",
            )
        return self

    def days_in(self, first: date, last: date) -> int:
        """Days of membership between ``first`` and ``last``, both inclusive."""
        start = max(self.start, first)
        end = last if self.end is None else min(self.end, last)
        return max((end - start).days + 1, 0)


class AllocationKey(StrEnum):
    """How a budget line is split among the members.

    ``per_capita``: by inhabitants times days of membership (the default). ``equal``: equal
    parts per member, pro-rated by days of membership. ``fixed``: given amounts per member
    (``fixed_amounts.csv``), the remainder by the line's ``fallback`` key. ``base_fee``: a
    grundavgift (base fee) per member and year, pro-rated by days, the rest per capita.
    """

    PER_CAPITA = "per_capita"
    EQUAL = "equal"
    FIXED = "fixed"
    BASE_FEE = "base_fee"


def _allocation_key(value: object) -> AllocationKey:
    text = cell_text(value) or AllocationKey.PER_CAPITA.value
    return _known_key(text)


def _optional_key(value: object) -> AllocationKey | None:
    text = "" if value is None else cell_text(value)
    return _known_key(text) if text else None


def _optional_amount(value: object) -> int | None:
    return None if value is None or cell_text(value) == "" else parse_amount_ore(value)


def _known_key(text: str) -> AllocationKey:
    try:
        return AllocationKey(text)
    except ValueError:
        known = ", ".join(k.value for k in AllocationKey)
        raise problem(
            "unknown-key", f"{text!r} is not an allocation key", f"use one of: {known}"
        ) from None


class BudgetLine(Record):
    """One line of a year's budget (a cost pool) and the key that splits it."""

    year: Annotated[int, BeforeValidator(parse_whole_number), Field(ge=1900, le=2200)]
    line: NonEmpty
    amount_ore: AmountOre = Field(alias="amount")
    key: Annotated[AllocationKey, BeforeValidator(_allocation_key)] = AllocationKey.PER_CAPITA
    illustrative: Flag = False
    base_fee_ore: Annotated[int | None, BeforeValidator(_optional_amount)] = Field(
        default=None, alias="base_fee"
    )
    fallback: Annotated[AllocationKey | None, BeforeValidator(_optional_key)] = None

    @property
    def fallback_key(self) -> AllocationKey:
        """The key that splits what a ``fixed`` line's given amounts leave (per capita)."""
        return self.fallback or AllocationKey.PER_CAPITA


class FixedAmount(Record):
    """The amount one member pays of a ``fixed`` budget line (``fixed_amounts.csv``)."""

    year: Annotated[int, BeforeValidator(parse_whole_number), Field(ge=1900, le=2200)]
    line: NonEmpty
    kommunkod: Kommunkod
    amount_ore: AmountOre = Field(alias="amount")
    illustrative: Flag = False


class ActualCost(Record):
    """A budget line's actual cost for the year (``actual.csv``), used to settle the year."""

    year: Annotated[int, BeforeValidator(parse_whole_number), Field(ge=1900, le=2200)]
    line: NonEmpty
    amount_ore: AmountOre = Field(alias="amount")


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
                f"the period ends ({self.end}) before it starts ({self.start})",
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
            f"{value!r} cannot begin an invoice number",
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


class BudgetYears(tuple[int, ...]):
    """The budget years, a tuple; calling it (the old method form) still works, deprecated."""

    __slots__ = ()

    def __call__(self) -> list[int]:
        """``dataset.budget_years()``, the old method form: a list, with a DeprecationWarning."""
        warnings.warn(
            "Dataset.budget_years is a tuple now: drop the parentheses",
            DeprecationWarning,
            stacklevel=2,
        )
        return list(self)


class Dataset(Record):
    """Everything one cooperation's allocation needs, validated and cross-checked."""

    settings: Settings
    municipalities: tuple[Municipality, ...]
    population: tuple[PopulationFigure, ...]
    memberships: tuple[Membership, ...]
    budget_lines: tuple[BudgetLine, ...]
    fixed_amounts: tuple[FixedAmount, ...] = ()
    source: str = ""

    def municipality(self, kommunkod: str) -> Municipality:
        """The municipality with this kommunkod (KeyError if none)."""
        for municipality in self.municipalities:
            if municipality.kommunkod == kommunkod:
                return municipality
        raise KeyError(kommunkod)

    @property
    def budget_years(self) -> BudgetYears:
        """The years that have a budget, ascending: ``for year in dataset.budget_years``."""
        return BudgetYears(sorted({line.year for line in self.budget_lines}))

    def lines_for(self, year: int) -> tuple[BudgetLine, ...]:
        """The budget lines of ``year`` in file order."""
        return tuple(line for line in self.budget_lines if line.year == year)

    def fixed_amounts_for(self, year: int) -> tuple[FixedAmount, ...]:
        """The given amounts of ``fixed`` lines in ``year``, in file order."""
        return tuple(f for f in self.fixed_amounts if f.year == year)

    def inhabitants(self, kommunkod: str, on: date) -> PopulationFigure | None:
        """The population figure of a municipality at exactly ``on``, if the data has one."""
        for figure in self.population:
            if figure.kommunkod == kommunkod and figure.reference_date == on:
                return figure
        return None
