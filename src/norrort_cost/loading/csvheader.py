"""The header of a CSV table (or of a sheet or a frame read as one): its columns checked.

Each column is named once, by a known name; a required one is not missing. An unknown
name gets a did-you-mean (difflib), never a guess.
"""

from __future__ import annotations

import difflib
from typing import Protocol

from norrort_cost.problems import Problem, problem, said


class HeaderTable(Protocol):
    """What the check reads and sets of a table (``csvfile.CsvTable`` has it): named by
    shape, so that the reader imports its checks and never the other way."""

    name: str
    header: list[str]
    problems: list[Problem]
    usable: bool


def check_header(table: HeaderTable, required: tuple[str, ...], optional: tuple[str, ...]) -> None:
    """Add the problems of the table's header: blank, repeated, unknown or missing columns.

    A repeated or missing column makes the table unusable (which one holds the data is
    anyone's guess); an unknown one gets a did-you-mean.
    """
    known = required + optional
    seen: set[str] = set()
    for index, column in enumerate(table.header, start=1):
        if not column:
            table.problems.append(
                problem(
                    "blank-header",
                    "column {index} has no name",
                    file=table.name,
                    line=1,
                    column=f"#{index}",
                    value="",
                    hint="remove the empty column (a trailing delimiter on every line makes one)",
                    index=index,
                )
            )
        elif column in seen:
            table.problems.append(
                problem(
                    "duplicate-header",
                    said("column {column!r} appears twice", column=column),
                    file=table.name,
                    line=1,
                    column=column,
                    value=column,
                    hint="keep one",
                )
            )
            table.usable = False  # which of the two holds the data is anyone's guess
        elif column not in known:
            table.problems.append(
                problem(
                    "unknown-header",
                    said("unknown column {column!r}", column=column),
                    file=table.name,
                    line=1,
                    column=column,
                    value=column,
                    hint=_suggest(column, known),
                )
            )
        seen.add(column)
    for column in required:
        if column not in seen:
            table.problems.append(
                problem(
                    "missing-header",
                    said("column {column!r} is missing", column=column),
                    file=table.name,
                    line=1,
                    column=column,
                    hint=said(
                        "the header must name: {names}", names=", ".join(map(repr, required))
                    ),
                )
            )
            table.usable = False


def _suggest(column: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(column, known, n=1, cutoff=0.6)
    if close:
        return said("did you mean {names}?", names=repr(close[0]))
    return said("expected columns: {columns}", columns=", ".join(known))
