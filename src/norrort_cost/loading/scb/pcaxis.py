"""PC-Axis (.px), the file format behind SCB's Statistikdatabasen.

A small reader rather than pyaxis (which needs pandas, requests and pyjstat to read what
is a list of ``KEYWORD("variable")=values;`` statements). The keywords used: ``CHARSET``
/``CODEPAGE`` (the encoding), ``STUB`` and ``HEADING`` (the dimensions, stub first, the
last varying fastest), ``VALUES`` and ``CODES`` (each dimension's categories), ``TIMEVAL``
(which dimension is time), ``KEYS`` (DATA lines that start with their stub's codes or
values, rows left out), ``DATA`` (the numbers; ``".."`` and ``"-"`` for none).
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import product

from norrort_cost.loading.scb.cube import Dimension, cube_observations
from norrort_cost.loading.scb.observations import Observation
from norrort_cost.loading.scb.values import LazyValues
from norrort_cost.loading.workbooks import cube_problem
from norrort_cost.population.importing import Reading
from norrort_cost.problems import Problem, problem, said

# KEYWORD, KEYWORD[en], KEYWORD("variable") or KEYWORD("variable","value", ...) and "=":
# the parentheses name the variable (and, for PRECISION, VALUENOTE, CELLNOTE, ..., values)
_KEYWORD = re.compile(
    r'\s*([A-Z0-9-]+)(?:\[[^\]]*\])?(?:\(\s*("[^"]*"(?:\s*,\s*"[^"]*")*)\s*\))?\s*=', re.S
)
_STRING = re.compile(r'"([^"]*)"')
# a statement's value: plain text and quoted strings (possessive: one pass, no backtracking)
_VALUE = re.compile(r'(?:[^";]++|"[^"]*+")*+')


def px_encoding(data: bytes) -> str:
    """The encoding the file declares (``CODEPAGE``); else UTF-8 if it decodes, or Windows-1252."""
    head = data[:2000].decode("ascii", errors="replace")
    found = re.search(r'CODEPAGE\s*=\s*"([^"]+)"', head)
    if found:
        try:
            return codecs.lookup(found.group(1)).name
        except LookupError:
            return "cp1252"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf_8_sig"  # no CODEPAGE: UTF-8 where the bytes are, with or without a BOM


def px_text(data: bytes, file: str) -> tuple[str, Problem | None]:
    """The file's text in its declared encoding (or the one found), or the offending line.

    A byte-order mark says UTF-8 whatever ``CODEPAGE`` declares (PxWeb writes one before
    ``CODEPAGE="utf-8"``); it is not part of the text.
    """
    from norrort_cost.loading.encoding import decode_checked

    if data.startswith(codecs.BOM_UTF8):
        return decode_checked(data[len(codecs.BOM_UTF8) :], file, "utf-8")
    head = data[:2000].decode("ascii", errors="replace")
    if re.search(r'CODEPAGE\s*=\s*"([^"]+)"', head):
        return decode_checked(data, file, px_encoding(data))
    return decode_checked(data, file)


def read_px(
    text: str, file: str, value_choice: str | None
) -> tuple[list[Observation], Reading | None, list[Problem]]:
    """The observations of a PC-Axis file."""
    statements, unread = _statements(text)
    stub = _strings(statements.get(("STUB", None), ""))
    heading = _strings(statements.get(("HEADING", None), ""))
    data = statements.get(("DATA", None))
    if data is None and unread is not None:
        return [], None, [_unreadable(file, unread)]
    if data is None or not stub + heading:
        return [], None, [_not_px(file, "a PC-Axis file without STUB, HEADING or DATA", None)]
    dimensions = [_dimension(name, statements) for name in stub + heading]
    size = 1
    for dimension in dimensions:
        size *= len(dimension.codes)
    if (refused := cube_problem(file, size)) is not None:
        return [], None, [refused]
    keyed = [d for d in dimensions if ("KEYS", d.id) in statements]
    if keyed:
        values, wrong = _keyed_values(data, dimensions, len(keyed), file)
        if wrong is not None:
            return [], None, [wrong]
    else:
        values = _Data(data)
    if len(values) != size:
        message = said(
            "DATA has {count} numbers where the dimensions make {size}",
            count=len(values),
            size=size,
        )
        return [], None, [_not_px(file, message, str(len(values)))]
    contents = _strings(statements.get(("CONTENTS", None), "")) or ["the values"]
    return cube_observations(dimensions, values, file, value_choice, ("PC-Axis", contents[0]))


def _tokens(data: str) -> list[str]:
    if '"' not in data and "," not in data:
        return data.split()  # SCB's plain numbers: the same tokens, at C speed
    return [token.strip('"') for token in re.findall(r'"[^"]*"|[^\s,;"]+', data)]


class _Data(LazyValues):
    """The DATA numbers, split line by line only when a cell of that line is asked for.

    Counting the numbers splits every line once (nothing kept); a cell is then found by its
    line (bisect on the counts) and only the lines holding kept cells are split again, so
    a cube of millions of numbers is never held as millions of strings.
    """

    def __init__(self, data: str) -> None:
        self._lines = data.splitlines()
        self._starts = [0]
        for line in self._lines:
            self._starts.append(self._starts[-1] + len(_tokens(line)))
        self._cached: tuple[int, list[str]] = (-1, [])

    def __len__(self) -> int:
        return self._starts[-1]

    def _cell(self, index: int) -> str:
        line = bisect_right(self._starts, index) - 1
        if self._cached[0] != line:
            self._cached = (line, _tokens(self._lines[line]))
        return self._cached[1][index - self._starts[line]]


def _keyed_values(
    data: str, dimensions: list[Dimension], keys: int, file: str
) -> tuple[Sequence[str], Problem | None]:
    """The cube's values from DATA lines that begin with ``keys`` stub codes or values.

    Rows the file leaves out are missing (``..``): a member among them is refused by the
    merge, never taken as 0.
    """
    stub, rest = dimensions[:keys], dimensions[keys:]
    width = 1
    for dimension in rest:
        width *= len(dimension.codes)
    cells: dict[tuple[int, ...], list[str]] = {}
    for line in filter(None, (line.strip() for line in data.splitlines())):
        tokens = _tokens(line)
        at = tuple(_key_index(d, t) for d, t in zip(stub, tokens, strict=False))
        if len(tokens) != keys + width or None in at:
            message = said(
                "a DATA line does not start with keys ({keys}) and then numbers ({width})",
                keys=keys,
                width=width,
            )
            return [], _not_px(file, message, line[:60])
        cells[tuple(i for i in at if i is not None)] = tokens[keys:]
    values: list[str] = []
    for at in product(*(range(len(d.codes)) for d in stub)):
        values.extend(cells.get(at, [".."] * width))
    return values, None


def _key_index(dimension: Dimension, key: str) -> int | None:
    for names in (dimension.codes, dimension.labels):
        if key in names:
            return names.index(key)
    return None


def _not_px(file: str, message: str, count: str | None) -> Problem:
    return problem(
        "not-px",
        message,
        file=file,
        column="DATA" if count else None,
        value=count,
        hint="the file is damaged or cut short: save the table again from Statistikdatabasen "
        "as PC-Axis, or export a CSV",
    )


def _unreadable(file: str, line: int) -> Problem:
    return problem(
        "not-px",
        "this line is not a PC-Axis statement (KEYWORD=value;), so DATA was never reached",
        file=file,
        line=line,
        hint="the file is damaged or in a PC-Axis form this tool does not know: save the "
        "table again from Statistikdatabasen as PC-Axis, or export a CSV",
    )


def _statements(text: str) -> tuple[dict[tuple[str, str | None], str], int | None]:
    """Every ``KEYWORD("variable")=value;`` statement (value up to ``;`` outside quotes).

    A value is matched whole by one regular expression (runs of plain text and quoted
    strings, so a ``;`` inside quotes is text); a value that never ends (an unclosed
    quote, no ``;``) runs to the end of the file.
    """
    out: dict[tuple[str, str | None], str] = {}
    position = 0
    while (found := _KEYWORD.match(text, position)) is not None:
        value = _VALUE.match(text, found.end())
        end = value.end() if value is not None and text.startswith(";", value.end()) else len(text)
        out.setdefault((found.group(1), _subkey(found.group(2))), text[found.end() : end])
        position = end + 1
    unread = None
    if text[position:].strip():
        unread = text.count("\n", 0, _skip_space(text, position)) + 1
    return out, unread


def _subkey(names: str | None) -> str | None:
    """The variable a statement is about: its one name unquoted, several names as written."""
    if names is None:
        return None
    strings = _STRING.findall(names)
    return strings[0] if len(strings) == 1 else names


def _skip_space(text: str, position: int) -> int:
    """The first position at or after ``position`` that is not white space."""
    return len(text) - len(text[position:].lstrip())


def _strings(value: str) -> list[str]:
    """The quoted strings of a list; strings split over lines without a comma are joined."""
    joined = re.sub(r'"\s*\n\s*"', "", value)
    return _STRING.findall(joined)


def _dimension(name: str, statements: dict[tuple[str, str | None], str]) -> Dimension:
    labels = _strings(statements.get(("VALUES", name), ""))
    codes = _strings(statements.get(("CODES", name), "")) or labels
    return Dimension(
        id=name,
        label=name,
        codes=tuple(codes),
        labels=tuple(labels),
        time=("TIMEVAL", name) in statements,
    )
