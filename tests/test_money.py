"""The money policy: one parser from Swedish text, one formatter, integer öre."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from norrort_cost.money import (
    NumberFormatError,
    format_int,
    format_sek,
    machine_amount,
    parse_decimal,
    round_fraction,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("756000", "756000"),
        ("756 000", "756000"),
        ("756\u00a0000", "756000"),
        ("756\u202f000,50", "756000.50"),
        ("24 291,03", "24291.03"),
        ("24291.03", "24291.03"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("-12,5", "-12.5"),
        ("\u221212", "-12"),
    ],
)
def test_parse_decimal_reads_swedish_and_machine_spellings(text: str, expected: str) -> None:
    """Decimal comma, grouping spaces of every kind and dot decimals all parse exactly."""
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "12 kr", "NaN", "Infinity", "#REF!"])
def test_parse_decimal_refuses_non_numbers(text: str) -> None:
    """Text that is not a number is refused, never guessed."""
    with pytest.raises(NumberFormatError):
        parse_decimal(text)


def test_formatting_for_people_and_machines() -> None:
    """People read 24 291,03; machines read 24291.03."""
    assert format_sek(2429103) == "24 291,03"
    assert format_sek(85700000) == "857 000,00"
    assert format_sek(-5) == "-0,05"
    assert format_int(1234567) == "1 234 567"
    assert machine_amount(2429103) == "24291.03"
    assert machine_amount(7) == "0.07"


def test_round_fraction_rounds_half_away_from_zero() -> None:
    """Display rounding of exact rationals is half away from zero."""
    assert round_fraction(Fraction(1, 8), 2) == Decimal("0.13")
    assert round_fraction(Fraction(-1, 8), 2) == Decimal("-0.13")
    assert round_fraction(Fraction(2, 3), 4) == Decimal("0.6667")
