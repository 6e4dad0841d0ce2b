"""Writing money: öre to kronor, for machines (``24291.03``) and for people (``24 291,03``).
Part of the money policy (:mod:`norrort_cost.money`, which names every name here).
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from norrort_cost.money.units import DECIMAL_PLACES, ORE_PER_KRONA


def ore_to_decimal(ore: int) -> Decimal:
    """Whole öre to kronor with two decimals, exact."""
    return Decimal(ore).scaleb(-2).quantize(Decimal("0.01"))


def machine_amount(ore: int) -> str:
    """Kronor for machine formats: dot decimal, two decimals, no grouping (``24291.03``)."""
    return str(ore_to_decimal(ore))


def machine_decimal(value: Fraction) -> str:
    """An exact rational for machine formats: dot decimal, ``DECIMAL_PLACES`` decimals."""
    return decimal_text(value, DECIMAL_PLACES)


def machine_number(value: Decimal) -> str:
    """A ``Decimal`` for machine formats, as written, no exponent: ``24300``, ``24.3``."""
    text = f"{value.normalize():f}"
    return text if text != "-0" else "0"


def _group(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.append(digits[-3:])
        digits = digits[:-3]
    groups.append(digits)
    return " ".join(reversed(groups))


def format_sek(ore: int) -> str:
    """Kronor for people, Swedish style: ``24 291,03`` (space between thousands)."""
    sign = "-" if ore < 0 else ""
    kronor, rest = divmod(abs(ore), ORE_PER_KRONA)
    return f"{sign}{_group(str(kronor))},{rest:02d}"


def format_int(value: int) -> str:
    """A whole number for people, Swedish style: ``26 355``."""
    sign = "-" if value < 0 else ""
    return sign + _group(str(abs(value)))


def round_fraction(value: Fraction, places: int) -> Decimal:
    """A rational rounded half away from zero to ``places`` decimals, for display only."""
    magnitude = math.floor(abs(value) * 10**places + Fraction(1, 2))
    rounded = Decimal(magnitude).scaleb(-places).quantize(Decimal(1).scaleb(-places))
    return -rounded if value < 0 else rounded


def decimal_text(value: Fraction, places: int) -> str:
    """A rational for machine formats: rounded, fixed point, never exponent notation.

    ``str(Decimal)`` writes ``0E-10`` and ``8.482E-7``; this writes ``0.0000000000`` and
    ``0.0000008482``.
    """
    return format(round_fraction(value, places), "f")


def format_decimal_sv(value: Decimal) -> str:
    """A ``Decimal`` for people: grouped thousands and a decimal comma."""
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):f}".partition(".")
    return sign + _group(whole) + ("," + frac if frac else "")


def kronor(ore: Fraction | int) -> Fraction:
    """Öre as exact kronor."""
    return Fraction(ore, ORE_PER_KRONA)


def format_fraction_sv(value: Fraction, places: int, *, signed: bool = False) -> str:
    """An exact rational for people, rounded to ``places``: ``18 845,63``; ``+`` if signed."""
    text = format_decimal_sv(round_fraction(value, places))
    return "+" + text if signed and value > 0 else text


def format_percent(value: Fraction, places: int, *, signed: bool = False) -> str:
    """A proportion as a percentage for people: ``Fraction(1, 8)`` -> ``12,5000 %``."""
    return format_fraction_sv(value * 100, places, signed=signed) + " %"


def format_kronor(value: Decimal) -> str:
    """Kronor given as a ``Decimal``, for people, without needless decimals.

    ``24300`` -> ``24 300``; ``24291.03`` -> ``24 291,03``; ``24.3`` -> ``24,3``.
    """
    if value == value.to_integral_value():
        return format_int(int(value))
    hundredths = value * ORE_PER_KRONA
    if hundredths == hundredths.to_integral_value():
        return format_sek(int(hundredths))
    return format_decimal_sv(value.normalize())


def format_signed_sek(ore: int) -> str:
    """A difference in öre for people, with its sign: ``+24 291,03``, ``-5,00``, ``0,00``."""
    return ("+" if ore > 0 else "") + format_sek(ore)
