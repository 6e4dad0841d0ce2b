"""Text as it enters the program: one Unicode form, no invisible control characters.

Every file is normalised to NFC when it is read, so that ``Håbo`` typed on a Mac (``a`` and
a combining ring, NFD) is the same text as ``Håbo`` typed elsewhere, and prints with its
ring in every output. Control characters (``\\x01``, a vertical tab, ESC, ...) and Unicode
noncharacters (U+FFFE, U+FFFF, ...) have no place in a name or an amount: they break XML,
spreadsheets and terminals, so they are refused where they are found.
"""

from __future__ import annotations

import re
import unicodedata

from norrort_cost.problems import Problem, problem

# the characters is_forbidden refuses, as one pattern to search a text with at C speed:
# C0 and C1 controls and DEL (category Cc), surrogates (Cs), and the noncharacters
# U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE, ...)
_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]"
)


def normalise(text: str) -> str:
    """The text in Unicode normal form C (composed characters)."""
    return unicodedata.normalize("NFC", text)


def is_forbidden(char: str) -> bool:
    """Whether ``char`` is a control character, a surrogate or a Unicode noncharacter."""
    point = ord(char)
    noncharacter = 0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE
    return noncharacter or unicodedata.category(char) in {"Cc", "Cs"}


def forbidden_character(
    file: str, line: int | None, column: str | None, text: str
) -> Problem | None:
    """A located problem naming the first forbidden character in ``text``, if any."""
    match = _FORBIDDEN.search(text)
    if match is None:
        return None
    found = match.group()
    return problem(
        "control-character",
        "the text contains the invisible character U+{point:04X}",
        file=file,
        line=line,
        column=column,
        value="".join(f"\\u{ord(c):04x}" if is_forbidden(c) else c for c in text),
        hint="remove it (it was probably pasted in by accident)",
        point=ord(found),
    )
