"""Field types for the records: text as Swedish spreadsheets write it, checked and typed.

Each ``parse_*`` function accepts a cell's text (or an already typed value from code) and
either returns the value or raises a pydantic error whose ``type`` is a stable problem
code (``invalid-kommunkod``, ``impossible-date``, ...) with a hint; the loader turns
those into located :class:`~norrort_cost.problems.Problem` records.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from norrort_cost.money import (
    AmountError,
    NumberFormatError,
    kronor_to_ore,
    parse_decimal,
    whole_ore,
)
from norrort_cost.problems import said

# only ASCII digits: ``\d`` would also take other scripts' digits (``٠١٢٥``)
_KOMMUNKOD = re.compile(r"[0-9]{4}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MAX_WHOLE_DIGITS = 12
"""Whole numbers (populations, years) stay below 10**12: a bound against typos and
``1e999999``, checked on the exponent before any arithmetic."""


def problem(code: str, message: str, hint: str = "") -> PydanticCustomError:
    """A validation error carrying a stable problem code and a hint (and the message itself,
    so that one made with :func:`~norrort_cost.problems.said` keeps its template)."""
    text = message.replace("{", "(").replace("}", ")")
    return PydanticCustomError(code, text, {"hint": hint, "said": message})


def cell_text(value: object) -> str:
    """A cell's text without surrounding spaces (a typed value as its text)."""
    return value.strip() if isinstance(value, str) else str(value)


def parse_kommunkod(value: object) -> str:
    """A kommunkod as four digits of text; a lost leading zero is named as such."""
    text = cell_text(value)
    if _KOMMUNKOD.fullmatch(text):
        return text
    if re.fullmatch(r"[0-9]{3}", text):
        raise problem(
            "kommunkod-lost-zero",
            said("kommunkod {text!r} has three digits", text=text),
            said("a spreadsheet probably dropped the leading zero: write 0{text}", text=text),
        )
    raise problem(
        "invalid-kommunkod",
        said("{text!r} is not a kommunkod", text=text),
        "a kommunkod is four digits, e.g. 0114",
    )


def parse_iso_date(value: object) -> date:
    """A calendar date written YYYY-MM-DD; impossible dates are refused."""
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not _ISO_DATE.fullmatch(text):
        raise problem(
            "invalid-date", said("{text!r} is not a date", text=text), "write dates as YYYY-MM-DD"
        )
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise problem(
            "impossible-date",
            said("{text!r} does not exist in the calendar", text=text),
            "check month and day",
        ) from None


def parse_whole_number(value: object) -> int:
    """A non-negative whole number such as a population (``26 355`` or ``26355``)."""
    if isinstance(value, int):
        number = Decimal(value)
    else:
        try:
            number = parse_decimal(cell_text(value))
        except NumberFormatError:
            raise problem(
                "invalid-number",
                said("{text!r} is not a number", text=cell_text(value)),
                "write digits only, e.g. 26355",
            ) from None
    if number and number.adjusted() >= MAX_WHOLE_DIGITS:
        raise problem(
            "number-too-large",
            said("{text!r} is too large", text=cell_text(value)),
            said(
                "whole numbers here stay below 10^{digits}: check the figure",
                digits=MAX_WHOLE_DIGITS,
            ),
        )
    if number != number.to_integral_value():
        raise problem(
            "not-integer",
            said("{text!r} is not a whole number", text=cell_text(value)),
            "if '.' or ',' separates thousands here, remove it",
        )
    if number < 0:
        raise problem(
            "negative-number",
            said("{text!r} is negative", text=cell_text(value)),
            "counts cannot be negative",
        )
    return int(number)


class GivenInOre:
    """A value given in a field named ``*_ore`` (``amount_ore=...``): whole öre, not kronor.

    Records mark such values before their fields are validated (see
    :class:`norrort_cost.dataset.record.Record`), so that the same number is never kronor
    under one name and öre under the other only because of its type.
    """

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:
        return f"{self.value!r} (öre)"


def parse_amount_ore(value: object) -> int:
    """Whole öre from an amount in kronor, whatever its type; never negative.

    Kronor everywhere a person gives a number: the text of a cell (``756 000``,
    ``756000,00``), an ``int``, a ``float`` with at most two decimals, a ``Decimal`` or a
    numpy number (see :func:`norrort_cost.money.kronor_to_ore`). Only a value marked
    :class:`GivenInOre` (a field named ``*_ore``) is whole öre.
    """
    try:
        if isinstance(value, GivenInOre):
            ore = whole_ore(value.value)
        else:
            ore = kronor_to_ore(value.strip() if isinstance(value, str) else value)
    except AmountError as exc:
        raise problem(exc.code, exc.message, exc.hint) from None
    if ore < 0:
        raise problem(
            "negative-amount",
            said("{value!s} is negative", value=value),
            "budget amounts must be >= 0",
        )
    return ore


def parse_flag(value: object) -> bool:
    """yes/no in English or Swedish, true/false, 1/0; empty means no."""
    if isinstance(value, bool):
        return value
    text = cell_text(value).lower()
    if text in {"yes", "ja", "true", "1", "x"}:
        return True
    if text in {"no", "nej", "false", "0", ""}:
        return False
    raise problem("invalid-flag", said("{text!r} is not yes or no", text=text), "write yes or no")


def parse_organisationsnummer(value: object) -> str:
    """An organisationsnummer, checked (length and Luhn digit) and written NNNNNN-NNNN."""
    from stdnum.exceptions import ValidationError
    from stdnum.se import orgnr

    text = cell_text(value)
    try:
        if not text.isascii():  # stdnum would read full-width digits as digits
            raise ValidationError
        return str(orgnr.format(orgnr.validate(text)))
    except ValidationError:
        raise problem(
            "invalid-organisationsnummer",
            said("{text!r} is not a valid organisationsnummer", text=text),
            "ten digits with a correct check digit, e.g. 212000-0019",
        ) from None


def _non_empty(value: object) -> str:
    text = cell_text(value)
    if not text:
        raise problem("empty-value", "this value is empty", "fill it in")
    return text


Kommunkod = Annotated[str, BeforeValidator(parse_kommunkod)]
IsoDate = Annotated[date, BeforeValidator(parse_iso_date)]
WholeNumber = Annotated[int, BeforeValidator(parse_whole_number)]
AmountOre = Annotated[int, BeforeValidator(parse_amount_ore)]
Flag = Annotated[bool, BeforeValidator(parse_flag)]
Organisationsnummer = Annotated[str, BeforeValidator(parse_organisationsnummer)]
NonEmpty = Annotated[str, BeforeValidator(_non_empty)]


def _optional_date(value: object) -> date | None:
    return None if value is None or cell_text(value) == "" else parse_iso_date(value)


OptionalDate = Annotated[date | None, BeforeValidator(_optional_date)]
