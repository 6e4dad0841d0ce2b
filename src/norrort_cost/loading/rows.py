"""Turning CSV rows into validated records, each pydantic error into a located problem."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from norrort_cost.loading.csvfile import CsvTable
from norrort_cost.loading.suspicious import garbled
from norrort_cost.loading.tables import is_blank
from norrort_cost.loading.text import forbidden_character
from norrort_cost.problem_codes import CODES, general_hint
from norrort_cost.problems import Problem, problem, said

RecordT = TypeVar("RecordT", bound=BaseModel)
# Excel's and LibreOffice's error values, saved into the CSV instead of a figure
_SPREADSHEET_ERROR = re.compile(r"#(REF!|N/A|VALUE!|DIV/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!)")

# pydantic's own error types, as our stable problem codes; any other type of pydantic's is
# reported as invalid-value: pydantic's names never reach the user as codes
_CODES = {
    "missing": "missing-value",
    "extra_forbidden": "unknown-header",
    "greater_than_equal": "out-of-range",
    "less_than_equal": "out-of-range",
    "literal_error": "invalid-choice",
    "int_parsing": "invalid-number",
    "int_type": "invalid-number",
    "int_from_float": "not-integer",
    "bool_parsing": "invalid-flag",
    "bool_type": "invalid-flag",
    "date_from_datetime_inexact": "invalid-date",
    "date_from_datetime_parsing": "invalid-date",
    "date_parsing": "invalid-date",
    "date_type": "invalid-date",
}


def problems_from(
    exc: ValidationError, file: str, line: int | None, values: dict[str, Any]
) -> list[Problem]:
    """Located problems from a pydantic error; the column is the first part of its location."""
    problems = []
    for error in exc.errors():
        column = ".".join(str(part) for part in error["loc"]) or None
        value = _value_at(values, error["loc"])
        ctx = error.get("ctx") or {}
        kind = error["type"]
        code = kind if kind in CODES else _CODES.get(kind, "invalid-value")
        given = ctx.get("hint")
        hint = given if isinstance(given, str) and given else general_hint(code)
        said_message = ctx.get("said")
        message = said_message if said_message == error["msg"] else _ours(code, column, ctx)
        if isinstance(value, str) and _SPREADSHEET_ERROR.fullmatch(value.strip()):
            code = "spreadsheet-error"
            message = said("{cell} is a spreadsheet error", cell=value.strip())
            hint = "a formula broke in the spreadsheet: fix it, then paste values only"
        problems.append(
            problem(code, message, file=file, line=line, column=column, value=value, hint=hint)
        )
    return problems


# our words for the pydantic errors whose own wording would otherwise reach a user
_OWN_WORDS = {
    "missing-value": "{column} is missing",
    "unknown-header": "{column} is not a column of this table",
    "invalid-date": "{column} must be a date (YYYY-MM-DD), without a time of day",
}


def _ours(code: str, column: str | None, ctx: dict[str, Any]) -> str:
    """Our words for a pydantic error that has none of ours (pydantic's never reach users)."""
    where = column or "the row"
    if code == "invalid-choice" and "expected" in ctx:
        return said("{column} must be {expected}", column=where, expected=ctx["expected"])
    if code == "out-of-range" and "ge" in ctx:
        return said("{column} must be at least {limit}", column=where, limit=ctx["ge"])
    if code == "out-of-range" and "le" in ctx:
        return said("{column} must be at most {limit}", column=where, limit=ctx["le"])
    return said(_OWN_WORDS.get(code, "{column} has a value of the wrong kind"), column=where)


def _value_at(values: Any, loc: tuple[int | str, ...]) -> Any:  # noqa: ANN401 - raw input
    """The input value at a pydantic location (``invoicing.vat_category``), or None."""
    for part in loc:
        try:
            values = values[part]
        except (KeyError, IndexError, TypeError):
            return None
    return values if loc else None


def _present(cells: dict[str, object]) -> dict[str, object]:
    """The cells that hold something, text stripped (an empty cell is an absent value)."""
    present: dict[str, object] = {}
    for column, value in cells.items():
        if isinstance(value, str):
            if column and (text := value.strip()):
                present[column] = text
        elif column and not is_blank(value):
            present[column] = value
    return present


def validate_rows(table: CsvTable, model: type[RecordT]) -> list[tuple[int, RecordT]]:
    """Every row that validates, with its line; problems of the others go into the table."""
    records = []
    for row in table.rows:
        # an empty cell is an absent value: optional columns take their default and
        # required ones are reported as missing-value
        cells = _present(row.cells)
        if wrong := garbled(table.name, row.line, cells):
            table.problems.append(wrong)
            continue
        if forbidden := _forbidden(table.name, row.line, cells):
            table.problems.extend(forbidden)
            continue
        try:
            records.append((row.line, model.model_validate(cells)))
        except ValidationError as exc:
            table.problems.extend(problems_from(exc, table.name, row.line, cells))
    return records


def _forbidden(file: str, line: int, cells: dict[str, object]) -> list[Problem]:
    """A problem for each text cell holding a control character or a noncharacter."""
    found = (
        forbidden_character(file, line, column, cell)
        for column, cell in cells.items()
        if isinstance(cell, str)
    )
    return [problem for problem in found if problem is not None]
