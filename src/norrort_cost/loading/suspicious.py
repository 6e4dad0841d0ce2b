"""Rows that are not data: a repeated header, a total row, garbled text, a mixed delimiter.

Real files collect these when people paste exports together in a spreadsheet. Each is
reported once, as what it is, instead of as a handful of confusing cell errors.
"""

from __future__ import annotations

from typing import Protocol

from norrort_cost.problems import Problem, problem


class CsvTable(Protocol):
    """What the checks read of a table (``csvfile.CsvTable`` has it): named by shape, so
    that the reader imports its checks and never the other way."""

    name: str
    header: list[str]
    delimiter: str


DELIMITERS = (";", ",", "\t")


_TOTAL_WORDS = {"summa", "total", "totalt", "sum", "s:a", "totalsumma"}
_MOJIBAKE = ("Ã¥", "Ã¤", "Ã¶", "Ã…", "Ã„", "Ã–", "Ã©", "â€", "\ufffd")


def odd_row(table: CsvTable, line: int, cells: list[str]) -> Problem | None:
    """A row that is not data: an unclosed quote, a repeated header or a total row."""
    if any("\n" in cell or "\r" in cell for cell in cells):
        return problem(
            "unclosed-quote",
            'a quote (") opened on this line is not closed on it: the rows below are swallowed',
            file=table.name,
            line=line,
            hint="close the quote, or remove it",
        )
    folded = [cell.strip().lower() for cell in cells]
    if folded == table.header:
        return problem(
            "repeated-header",
            "the header line appears again among the rows",
            file=table.name,
            line=line,
            hint="two files were pasted together: remove this line",
        )
    if any(cell in _TOTAL_WORDS for cell in folded):
        return problem(
            "total-row",
            "a total row among the data",
            file=table.name,
            line=line,
            value=",".join(cells),
            hint="remove it: the tool computes totals itself",
        )
    return None


def garbled(name: str, line: int, cells: dict[str, object]) -> Problem | None:
    """A problem if a cell's text shows a wrong or repeated encoding conversion."""
    for column, cell in cells.items():
        if isinstance(cell, str) and any(mark in cell for mark in _MOJIBAKE):
            return problem(
                "garbled-text",
                "the text is garbled (its encoding was converted twice or wrongly)",
                file=name,
                line=line,
                column=column,
                value=cell,
                hint="open the original file and save it as CSV UTF-8 once",
            )
    return None


def mixed_delimiter(table: CsvTable, line: int, cells: list[str]) -> Problem | None:
    """A short row that another delimiter would split into the header's width."""
    text = table.delimiter.join(cells)
    for other in DELIMITERS:
        if other != table.delimiter and len(text.split(other)) == len(table.header):
            return problem(
                "mixed-delimiter",
                "this row uses {other!r} where the header uses {header!r}",
                file=table.name,
                line=line,
                value=text,
                hint="use one delimiter in the whole file",
                other=other,
                header=table.delimiter,
            )
    return None
