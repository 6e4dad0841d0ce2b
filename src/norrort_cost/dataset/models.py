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

import warnings
from datetime import date
from enum import StrEnum
from typing import Annotated

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
    parse_whole_number,
    problem,
)
from norrort_cost.dataset.record import Record
from norrort_cost.dataset.settings import (
    BudgetSheets,
    InvoicingSettings,
    ManagingPeriod,
    NumberSeries,
    Settings,
)
from norrort_cost.problems import said

# the settings' records, named here too (where they were before the split)
__all__ = [
    "ActualCost",
    "AllocationKey",
    "BudgetLine",
    "BudgetSheets",
    "BudgetYears",
    "Dataset",
    "FixedAmount",
    "InvoicingSettings",
    "ManagingPeriod",
    "Membership",
    "Municipality",
    "NumberSeries",
    "PopulationFigure",
    "Settings",
]


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
                said(
                    "membership ends ({end}) before it starts ({start})",
                    end=self.end,
                    start=self.start,
                ),
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
            "unknown-key",
            said("{text!r} is not an allocation key", text=text),
            said("use one of: {known}", known=known),
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

    def __repr__(self) -> str:
        """Short: what the dataset is and how much it holds (not every record)."""
        years = self.budget_years
        span = f"{years[0]}-{years[-1]}" if years else "none"
        return (
            f"Dataset({self.settings.name!r}, municipalities={len(self.municipalities)}, "
            f"population={len(self.population)}, memberships={len(self.memberships)}, "
            f"budget_years={span}, source={self.source[-60:]!r})"
        )

    def __str__(self) -> str:
        return repr(self)

    def _repr_html_(self) -> str:
        """A notebook's view: the counts of each table, as a small HTML table."""
        from html import escape

        counts = {
            "municipalities": len(self.municipalities),
            "population": len(self.population),
            "memberships": len(self.memberships),
            "budget_lines": len(self.budget_lines),
            "fixed_amounts": len(self.fixed_amounts),
        }
        cells = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in counts.items())
        years = ", ".join(str(y) for y in self.budget_years)
        return f"<p><b>{escape(self.settings.name)}</b> ({escape(years)})</p><table>{cells}</table>"

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
