"""Swedish payment references: OCR references and bankgiro numbers.

Check digits come from python-stdnum's Luhn implementation, never written by hand. An
OCR reference (for Bankgirot's OCR matching) is the base digits, a length digit (the
whole reference's length modulo 10) and a Luhn check digit.
"""

from __future__ import annotations

import re

from norrort_cost.problems import DataError, problem


def ocr_reference(base: str) -> str:
    """A Swedish OCR reference: ``base``, a length digit, then a Luhn check digit."""
    from stdnum import luhn

    if not base.isdigit():
        raise ValueError(f"an OCR base is digits only, not {base!r}")
    body = base + str((len(base) + 2) % 10)
    return body + str(luhn.calc_check_digit(body))


def validate_bankgiro(text: str) -> str:
    """A bankgiro number (7 or 8 digits, Luhn check digit) written NNN-NNNN or NNNN-NNNN."""
    from stdnum import luhn
    from stdnum.exceptions import ValidationError

    digits = re.sub(r"[\s-]", "", text)
    try:
        if not digits.isdigit() or len(digits) not in {7, 8}:
            raise ValidationError
        luhn.validate(digits)
    except ValidationError:
        bad = problem(
            "invalid-bankgiro",
            "{text!r} is not a valid bankgiro number",
            file="cooperation.toml",
            column="invoicing",
            value=text,
            hint="7 or 8 digits with a correct check digit, e.g. 5050-1055",
            text=text,
        )
        raise DataError([bad]) from None
    return f"{digits[:-4]}-{digits[-4:]}"
