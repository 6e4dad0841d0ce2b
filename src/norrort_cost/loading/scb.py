"""Reading population exports from SCB's Statistikdatabasen (PX-Web) as they come.

Forms handled: quoted, comma-separated Windows-1252 with CRLF (the classic download);
UTF-8 with a byte-order mark and ``;`` (the newer one); title lines before the header and
footnote or metadata lines after a blank line below the data; one column per year (a
"wide" table: ``"region","2016","2017"``); numbers with spaces or no-break spaces between
thousands. The first column is the region (``0114 Upplands Väsby`` or a name alone);
every other column must name a year, which gives the reference date (31 December).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from pydantic_core import PydanticCustomError

from norrort_cost.dataset.fields import parse_whole_number
from norrort_cost.loading.csvfile import decode, read_bytes, sniff_delimiter
from norrort_cost.population.importing import RegionFigure
from norrort_cost.problems import DataError, Problem

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def read_scb(*paths: Path) -> list[RegionFigure]:
    """Every figure in the exports at ``paths``; DataError listing every problem in all."""
    figures: list[RegionFigure] = []
    problems: list[Problem] = []
    for path in paths:
        data, unreadable = read_bytes(path, path.name)
        problems.extend(unreadable)
        if data is not None:
            found, wrong = parse_scb(decode(data), path.name)
            figures.extend(found)
            problems.extend(wrong)
    if problems:
        raise DataError(problems)
    return figures


def parse_scb(text: str, name: str) -> tuple[list[RegionFigure], list[Problem]]:
    """The figures of an export's text and the problems met reading it."""
    lines = [_cells(line) for line in text.splitlines()]
    start = next((i for i, cells in enumerate(lines) if _is_header(cells)), None)
    if start is None:
        hint = 'the first column is the region, the others years: "region","2017"'
        return [], [
            Problem(
                file=name,
                line=None,
                column=None,
                value=None,
                code="no-year-columns",
                message="no header with years",
                hint=hint,
            )
        ]
    header = _trimmed(lines[start])
    problems = _check_header(name, start + 1, header)
    figures: list[RegionFigure] = []
    end = start + 1
    while end < len(lines) and not _ends_data(_trimmed(lines[end])):
        found, row_problems = _read_row(name, end + 1, header, _trimmed(lines[end]))
        figures.extend(found)
        problems.extend(row_problems)
        end += 1
    problems.extend(_data_below(name, header, lines, end))
    return figures, problems


def _ends_data(cells: list[str]) -> bool:
    """A blank line, or a lone note that does not start with a region code."""
    filled = [cell for cell in cells if cell]
    return not filled or (len(filled) == 1 and not cells[0][:2].isdigit())


def _data_below(name: str, header: list[str], lines: list[list[str]], end: int) -> list[Problem]:
    """Rows below the end of the data that look like data: a gap would hide them."""
    for index in range(end + 1, len(lines)):
        cells = _trimmed(lines[index])
        if len(cells) == len(header) and all(_is_number(cell) for cell in cells[1:]):
            return [
                Problem(
                    file=name,
                    line=index + 1,
                    column=None,
                    value=cells[0],
                    code="data-after-end",
                    message=f"the data ends at line {end + 1} but more figures follow",
                    hint="remove the blank line or note in the middle of the data",
                )
            ]
    return []


def _is_number(cell: str) -> bool:
    try:
        parse_whole_number(cell)
    except PydanticCustomError:
        return False
    return True


def _cells(line: str) -> list[str]:
    return next(csv.reader([line], delimiter=sniff_delimiter(line)), [])


def _trimmed(cells: list[str]) -> list[str]:
    """Cells without surrounding spaces and without the empty ones a trailing ``;`` makes."""
    out = [cell.strip() for cell in cells]
    while out and not out[-1]:
        out.pop()
    return out


def _is_header(cells: list[str]) -> bool:
    cells = _trimmed(cells)
    return len(cells) >= 2 and all(_YEAR.search(cell) for cell in cells[1:])


def _check_header(name: str, line: int, header: list[str]) -> list[Problem]:
    years = [_year(cell) for cell in header[1:]]
    return [
        Problem(
            file=name,
            line=line,
            column=header[index],
            value=header[index],
            code="duplicate-header",
            message=f"year {year} has two columns",
            hint="export each year once",
        )
        for index, year in enumerate(years, start=1)
        if years.index(year) < index - 1
    ]


def _year(cell: str) -> int:
    found = _YEAR.search(cell)
    return int(found.group(1)) if found else 0


def _read_row(
    name: str, line: int, header: list[str], cells: list[str]
) -> tuple[list[RegionFigure], list[Problem]]:
    if len(cells) != len(header):
        return [], [
            Problem(
                file=name,
                line=line,
                column=None,
                value=",".join(cells),
                code="missing-cell" if len(cells) < len(header) else "extra-cell",
                message=f"{len(cells)} cells where the header has {len(header)}",
                hint="every row needs the region and one figure per year",
            )
        ]
    figures, problems = [], []
    for column, value in zip(header[1:], cells[1:], strict=True):
        try:
            inhabitants = parse_whole_number(value)
        except PydanticCustomError as exc:
            hint = str((exc.context or {}).get("hint", ""))
            problems.append(
                Problem(
                    file=name,
                    line=line,
                    column=column,
                    value=value,
                    code=exc.type,
                    message=exc.message(),
                    hint=hint,
                )
            )
            continue
        figures.append(RegionFigure(name, line, column, cells[0], _year(column), inhabitants))
    return figures, problems
