"""Reading money: one parser from text to ``Decimal``, and any amount a person gives (text,
int, float, ``Decimal``) to whole öre, refused with a code and a hint when it cannot be.
Part of the money policy (:mod:`norrort_cost.money`, which names every name here).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from numbers import Integral

from norrort_cost.money.formatting import format_int
from norrort_cost.money.units import GROUPING_SPACES, ORE_PER_KRONA
from norrort_cost.problems import said

_GROUPING = str.maketrans("", "", GROUPING_SPACES)
# only ASCII digits are numbers: Decimal() also takes other scripts' digits and underscores
_PLAIN_NUMBER = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


MAX_AMOUNT_DIGITS = 12
"""Amounts stay below 10**12 kr (a thousand billion kronor): a bound against typos, not a
budget; Sweden's whole state budget is about that size."""
# one grouping mark between a short whole part and exactly three digits: 15.000, 1,500
_AMBIGUOUS = re.compile(r"[-+\u2212]?[0-9]{1,3}[.,][0-9]{3}")


class NumberFormatError(ValueError):
    """A text that is not a number in any of the accepted spellings."""


class AmountError(NumberFormatError):
    """A value that cannot be read as an amount, with a stable problem code and a hint."""

    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


def parse_decimal(text: str) -> Decimal:
    """Parse a number as people and Swedish Excel write it.

    Accepts a decimal comma or point, and space, no-break space or narrow no-break
    space between thousands. With both ``.`` and ``,`` present, the last one is the
    decimal separator and the other one groups thousands (``1.234,50`` and ``1,234.50``).

    Only ASCII digits are digits: ``Decimal`` would also take ``٤١٤٤٩`` and ``1_000``.
    """
    cleaned = text.strip().translate(_GROUPING)
    cleaned = cleaned.replace("\u2212", "-")
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        grouping = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(grouping, "").replace(decimal_mark, ".")
    else:
        cleaned = cleaned.replace(",", ".")
    if not _PLAIN_NUMBER.fullmatch(cleaned):
        raise NumberFormatError(text)
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise NumberFormatError(text) from exc
    if not value.is_finite():
        raise NumberFormatError(text)
    return value


def kronor_to_ore(value: object) -> int:
    """A budget amount in kronor, as a person gave it, in whole öre; never read as öre.

    Every type means kronor: ``900000``, ``numpy.int64(900000)``, ``900000.0``,
    ``Decimal("900000")`` and the texts ``"900000"`` and ``"900 000,00"`` are all
    90 000 000 öre. Refused with an :class:`AmountError` naming the value: booleans, floats
    with more than two decimals (``0.1 + 0.2``) or not finite, texts that are not numbers,
    texts where a lone ``.`` or ``,`` before three digits may group thousands (``15.000``:
    15 000 kr or 15,00 kr?), texts with more than two decimals (``1.500 000``), fractions
    of an öre, and amounts beyond
    ``10**MAX_AMOUNT_DIGITS`` kr (checked before any arithmetic, so ``1e999999`` is quick).
    Negative amounts are returned as they are; the caller decides.
    """
    return _exact_ore(_kronor_decimal(value), value)


def whole_ore(value: object) -> int:
    """An amount given in öre (a field named ``*_ore``): a whole number, bounded."""
    if isinstance(value, bool) or not isinstance(value, Integral | str | Decimal | float):
        raise AmountError("invalid-amount", _not_whole_ore(value), _ORE_HINT)
    if isinstance(value, Integral):
        number = Decimal(int(value))
    else:
        try:
            number = parse_decimal(value) if isinstance(value, str) else Decimal(value)
        except (NumberFormatError, InvalidOperation):
            raise AmountError("invalid-amount", _not_whole_ore(value), _ORE_HINT) from None
    _check_size(number, value, digits=MAX_AMOUNT_DIGITS + 2)
    if number != number.to_integral_value():
        raise AmountError("invalid-amount", _not_whole_ore(value), _ORE_HINT)
    return int(number)


def _not_whole_ore(value: object) -> str:
    return said("{value!r} is not a whole number of öre", value=value)


def _not_an_amount(value: object) -> str:
    return said("{value!r} is not an amount", value=value)


_KRONOR_HINT = "write kronor, e.g. 756000 or 756 000,00"
_ORE_HINT = "a field named *_ore takes whole öre (an int); give kronor as amount= instead"


def _kronor_decimal(value: object) -> Decimal:
    """The exact decimal a person meant, before any check of size or öre."""
    if isinstance(value, bool):
        raise AmountError("invalid-amount", _not_an_amount(value), _KRONOR_HINT)
    if isinstance(value, Integral):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):  # numpy.float64 is a float too
        return _float_decimal(value)
    if isinstance(value, Fraction):
        return _fraction_decimal(value, value)
    if isinstance(value, str):
        return _text_decimal(value)
    raise AmountError("invalid-amount", _not_an_amount(value), _KRONOR_HINT)


def _float_decimal(value: float) -> Decimal:
    """A float as the shortest decimal that reads back as it (what was typed)."""
    if not math.isfinite(value):
        raise AmountError("invalid-amount", _not_an_amount(value), _KRONOR_HINT)
    number = Decimal(repr(float(value)))
    if _check_size(number, value) and not _two_decimals(number):
        raise AmountError(
            "invalid-amount",
            said("{value!r} kr has more than two decimals", value=value),
            "a float cannot hold this amount exactly: round it to whole öre, or give it "
            "as text or Decimal",
        )
    return number


def _fraction_decimal(value: Fraction, shown: object) -> Decimal:
    ore = value * ORE_PER_KRONA
    if ore.denominator != 1:
        raise AmountError("invalid-amount", _fraction_of_ore(shown), _KRONOR_HINT)
    return Decimal(ore.numerator).scaleb(-2)


def _fraction_of_ore(shown: object) -> str:
    return said("{amount} kr has a fraction of an öre", amount=shown)


def _text_decimal(text: str) -> Decimal:
    cleaned = text.strip().translate(_GROUPING)
    if _AMBIGUOUS.fullmatch(cleaned):
        whole, mark, rest = re.split(r"([.,])", cleaned.lstrip("+-\u2212"))
        raise AmountError(
            "ambiguous-amount",
            said(
                "{text!r}: is {mark!r} a thousands separator ({whole} {rest} kr) "
                "or the decimal mark ({whole},{cents} kr)?",
                text=text.strip(),
                mark=mark,
                whole=whole,
                rest=rest,
                cents=rest[:2],
            ),
            said(
                "write {whole}{rest} or {whole} {rest} for thousands, {whole},{cents} for kronor",
                whole=whole,
                rest=rest,
                cents=rest[:2],
            ),
        )
    try:
        number = parse_decimal(text)
    except NumberFormatError:
        raise AmountError(
            "invalid-amount",
            said("{text!r} is not an amount in kronor", text=text.strip()),
            _KRONOR_HINT,
        ) from None
    if number.is_finite() and _exponent(number) < -2:  # 1.500 000 is not 1,50 kr
        raise AmountError(
            "invalid-amount",
            said("{text!r} has more than two decimals", text=text.strip()),
            "kronor have two decimals (öre); remove a stray point or comma between thousands",
        )
    return number


def _check_size(number: Decimal, shown: object, *, digits: int = MAX_AMOUNT_DIGITS) -> bool:
    """Refuse a magnitude of ``10**digits`` or more, from the exponent alone (no arithmetic)."""
    if not number.is_finite():
        raise AmountError("invalid-amount", _not_an_amount(shown), _KRONOR_HINT)
    if number and number.adjusted() >= digits:
        unit = "kr" if digits == MAX_AMOUNT_DIGITS else "öre"
        raise AmountError(
            "amount-too-large",
            said(
                "{amount} {unit} is too large: amounts must stay below {limit} {unit}",
                amount=shown,
                unit=unit,
                limit=format_int(10**digits),
            ),
            "check the number (amounts are kronor, written without exponents)",
        )
    return True


def _exponent(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _two_decimals(number: Decimal) -> bool:
    """Whether ``number`` has no non-zero digit beyond the second decimal (exact, no rounding)."""
    hidden = -2 - _exponent(number)
    return hidden <= 0 or not any(number.as_tuple().digits[-hidden:])


def _exact_ore(number: Decimal, shown: object) -> int:
    """Whole öre of a bounded, finite decimal; a fraction of an öre is refused.

    Computed on the digits (``Decimal`` arithmetic would round beyond 28 digits).
    """
    _check_size(number, shown)
    if not _two_decimals(number):
        raise AmountError(
            "invalid-amount",
            _fraction_of_ore(shown),
            "round to two decimals (whole öre)",
        )
    sign, digits, _ = number.as_tuple()
    shift = _exponent(number) + 2
    magnitude = int("".join(map(str, digits)) or "0")
    ore: int = magnitude * 10**shift if shift >= 0 else magnitude // 10**-shift
    return -ore if sign else ore
