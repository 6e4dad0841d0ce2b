"""An independent check of Swedish OCR references, for tests (the product only makes them)."""

from __future__ import annotations

from stdnum import luhn


def is_valid_ocr(ocr: str) -> bool:
    """Whether ``ocr`` ends in a correct length digit (length mod 10) and Luhn check digit."""
    return ocr.isdigit() and len(ocr) >= 3 and ocr[-2] == str(len(ocr) % 10) and luhn.is_valid(ocr)
