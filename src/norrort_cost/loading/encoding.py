"""One encoding per file: a file is read in the encoding found for it, or refused.

UTF-16 and UTF-8 are known by their byte-order marks; without one, a file that is valid
UTF-8 is UTF-8, and a file with no UTF-8 in it at all is Windows-1252 (which also reads
ISO-8859-1). A file that is partly UTF-8 and partly something else (lines pasted from two
sources, a script appending Windows-1252 lines to a UTF-8 export), or that has bytes its
encoding does not define, is refused at the first line that does not fit: reading it in
either encoding alone would turn names into mojibake (``Ã–sterÃ¥ker``) and drop members.
"""

from __future__ import annotations

import re

from norrort_cost.loading.text import normalise
from norrort_cost.problems import Problem, problem, said

# a UTF-8 sequence of two to four bytes: present only where some of the file is UTF-8
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def decode_checked(
    data: bytes, file: str, declared: str | None = None
) -> tuple[str, Problem | None]:
    """The text of ``data`` in NFC, or ``""`` and the problem of its first offending line.

    ``declared`` is an encoding the file names itself (PC-Axis ``CODEPAGE``): then it is
    the one, and a byte it does not define is refused the same way.
    """
    encoding, body = (declared, data) if declared else _encoding(data)
    try:
        return normalise(body.decode(encoding)), None
    except UnicodeDecodeError as exc:
        line = body[: exc.start].decode(encoding, errors="replace").count("\n") + 1
        return "", _mismatch(file, line, encoding, data)


def _encoding(data: bytes) -> tuple[str, bytes]:
    """The encoding found for ``data`` and the bytes to decode with it (BOM removed)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", data
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8", data[3:]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return ("utf-8" if _UTF8_SEQUENCE.search(data) else "cp1252"), data
    return "utf-8", data


def _mismatch(file: str, line: int, encoding: str, data: bytes) -> Problem:
    name = {"utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252"}.get(encoding, encoding)
    lines = data.splitlines() if encoding != "utf-16" else []
    shown = lines[line - 1].decode("cp1252", errors="replace") if line <= len(lines) else ""
    return problem(
        "mixed-encoding",
        said(  # the template's {line} is also the problem's line: said before
            "line {line} is not valid {encoding}, the encoding of the rest of the file",
            line=line,
            encoding=name,
        ),
        file=file,
        line=line,
        value=shown.strip()[:80] or None,
        hint="save the whole file again in one encoding (CSV UTF-8), from the original",
    )
