"""The money policy: amounts are integer öre; one parser from text, one formatter for people.

Swedish texts write numbers with a decimal comma and a space, a no-break space (U+00A0)
or a narrow no-break space (U+202F) between thousands: ``24 291,03``. Machine formats use
a dot and no grouping: ``24291.03``. Floats are never used for money.

A package by concern: reading amounts in :mod:`.parsing`, writing them in
:mod:`.formatting`; every name is here, so ``from norrort_cost.money import ...`` is the
one way in.
"""

from __future__ import annotations

from norrort_cost.money.formatting import (
    decimal_text,
    format_decimal_sv,
    format_fraction_sv,
    format_int,
    format_kronor,
    format_percent,
    format_sek,
    format_signed_sek,
    kronor,
    machine_amount,
    machine_decimal,
    machine_number,
    ore_to_decimal,
    round_fraction,
)
from norrort_cost.money.parsing import (
    MAX_AMOUNT_DIGITS,
    AmountError,
    NumberFormatError,
    kronor_to_ore,
    parse_decimal,
    whole_ore,
)
from norrort_cost.money.units import DECIMAL_PLACES, GROUPING_SPACES, ORE_PER_KRONA

__all__ = [
    "DECIMAL_PLACES",
    "GROUPING_SPACES",
    "MAX_AMOUNT_DIGITS",
    "ORE_PER_KRONA",
    "AmountError",
    "NumberFormatError",
    "decimal_text",
    "format_decimal_sv",
    "format_fraction_sv",
    "format_int",
    "format_kronor",
    "format_percent",
    "format_sek",
    "format_signed_sek",
    "kronor",
    "kronor_to_ore",
    "machine_amount",
    "machine_decimal",
    "machine_number",
    "ore_to_decimal",
    "parse_decimal",
    "round_fraction",
    "whole_ore",
]
