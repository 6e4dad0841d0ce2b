"""The settings of payment reminders: the fee, and Riksbanken's reference rates.

``[reminders]`` in ``cooperation.toml``: ``fee`` (kronor per reminder; none unless the
members agreed to one: lagen (1981:739) om ersättning för inkassokostnader allows a
reminder fee only when it was agreed beforehand) and ``[[reminders.reference_rates]]``,
one per calendar half-year: ``from`` (1 January or 1 July), ``percent`` (Riksbanken's
reference rate under 9 § räntelagen, as text: ``"1.00"``, ``"-0.50"``) and ``source``.
Late-payment interest is the reference rate plus eight percentage points; a half-year
without a row has no rate, and a reminder says so instead of guessing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from norrort_cost.dataset.fields import AmountOre, IsoDate, NonEmpty, problem
from norrort_cost.dataset.record import Record
from norrort_cost.problems import said


def _percent(value: object) -> Decimal:
    text = str(value).strip().replace(",", ".").replace("\u2212", "-")
    try:
        rate = Decimal(text)
    except InvalidOperation:
        raise problem(
            "invalid-number",
            said("{value!r} is not a rate in percent", value=value),
            'write it as "1.00"',
        ) from None
    if not rate.is_finite() or not Decimal(-20) <= rate <= Decimal(50):
        raise problem(
            "out-of-range",
            said("{value!r} is not a reference rate", value=value),
            "between -20 and 50",
        )
    return rate


def _half_year(value: date) -> date:
    if (value.month, value.day) not in {(1, 1), (7, 1)}:
        raise problem(
            "invalid-value",
            said("{on} does not begin a calendar half-year", on=value.isoformat()),
            "a reference rate holds from 1 January or 1 July",
        )
    return value


class ReferenceRate(Record):
    """Riksbanken's reference rate for one calendar half-year, with where it is published."""

    start: Annotated[IsoDate, AfterValidator(_half_year)] = Field(alias="from")
    percent: Annotated[Decimal, BeforeValidator(_percent)]
    source: NonEmpty


class ReminderSettings(Record):
    """The reminder fee (öre; 0 = none) and the reference rates by half-year."""

    fee_ore: AmountOre = Field(default=0, alias="fee")
    reference_rates: tuple[ReferenceRate, ...] = ()

    def rates(self) -> dict[date, Decimal]:
        """The reference rate of each half-year the settings have, by its first day."""
        return {rate.start: rate.percent for rate in self.reference_rates}
