"""JSON read within bounds: nesting depth and the digits of a number are limited.

Python's own parser recurses once per level of nesting (``[[[[...]]]]`` deep enough is a
``RecursionError``) and turns a number of thousands of digits into an ``int`` (past 4 300
digits a ``ValueError``, below that a figure no population has). Both are checked here, in
every JSON reader, against :mod:`norrort_cost.loading.workbooks`' limits, and become a
located problem: never a traceback.
"""

from __future__ import annotations

import json
import re
from typing import Any

from norrort_cost.loading.workbooks import current_limits
from norrort_cost.problems import said

# a JSON string with its escapes (emptied before brackets are counted), and a bracket
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class JsonLimitError(ValueError):
    """JSON beyond a limit: ``code`` (a problem code), a message, and the line."""

    def __init__(self, code: str, message: str, line: int | None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


def parse_json(text: str) -> Any:  # noqa: ANN401 (JSON is any of its six types)
    """The JSON value of ``text``; :class:`JsonLimitError` past a limit, JSONDecodeError
    when it is not JSON."""
    limits = current_limits()
    _check_depth(text, limits.json_depth)

    def number(literal: str, convert: type[int] | type[float]) -> int | float:
        if len(literal) > limits.number_digits:
            digits = sum(c.isdigit() for c in literal)
            if digits > limits.number_digits:
                start = text.find(literal)
                line = text.count("\n", 0, start) + 1 if start >= 0 else None
                message = said(
                    "a number of {digits} digits (at most {limit})",
                    digits=digits,
                    limit=limits.number_digits,
                )
                raise JsonLimitError("number-too-large", message, line)
        return convert(literal)

    def constant(name: str) -> float:
        start = text.find(name)
        line = text.count("\n", 0, start) + 1 if start >= 0 else None
        message = said("{name} is not a number JSON allows", name=name)
        raise JsonLimitError("invalid-number", message, line)

    return json.loads(
        text,
        parse_int=lambda s: number(s, int),
        parse_float=lambda s: number(s, float),
        parse_constant=constant,
    )


def _check_depth(text: str, limit: int) -> None:
    if text.count("[") + text.count("{") <= limit:
        return  # too few brackets to nest that deep: the common case, decided at C speed
    # strings hold no raw line breaks in JSON, so emptying them keeps every line number
    bare = _STRING.sub('""', text)
    depth = 0
    for bracket in _BRACKET.finditer(bare):
        if bracket.group() in "[{":
            depth += 1
            if depth > limit:
                line = bare.count("\n", 0, bracket.start()) + 1
                message = said("arrays and objects nested more than {limit} deep", limit=limit)
                raise JsonLimitError("too-deeply-nested", message, line)
        else:
            depth -= 1
