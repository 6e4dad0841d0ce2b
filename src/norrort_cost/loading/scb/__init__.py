"""Reading SCB's population exports (table BE0101N1 / TAB638) in every shape they come in.

The file's kind is told from its bytes (:mod:`.sniff`): CSV text (:mod:`.table`, with
:mod:`.header` and :mod:`.columns` deciding which line is the header and which columns
hold the region and the figures; its cells a :mod:`.grid`, each distinct text once, read
by :mod:`.csvgrid`), Excel (:mod:`.workbook`), JSON-stat 2.0 (:mod:`.jsonstat`) and
PC-Axis (:mod:`.pcaxis`). Each gives observations that
:mod:`.observations` turns into one figure per region and period, the same way for all.
Nothing is guessed: where a file is ambiguous, the problem names the lines or columns it
looked at and the option that decides (``--region-column``, ``--value-column``, ``--date``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from norrort_cost.loading.csvfile import read_bytes
from norrort_cost.loading.encoding import decode_checked
from norrort_cost.loading.scb.choice import cube_choice_problems
from norrort_cost.loading.scb.csvgrid import UnreadableRowError
from norrort_cost.loading.scb.grid import Grid
from norrort_cost.loading.scb.header import ColumnChoice
from norrort_cost.loading.scb.jsonstat import read_jsonstat
from norrort_cost.loading.scb.observations import Observation, resolve
from norrort_cost.loading.scb.pcaxis import px_text, read_px
from norrort_cost.loading.scb.sniff import Kind, advice, sniff, text_grid
from norrort_cost.loading.scb.table import read_table
from norrort_cost.loading.scb.workbook import sheet_rows
from norrort_cost.loading.workbooks import file_problem
from norrort_cost.population.importing import Reading, RegionFigure
from norrort_cost.problems import DataError, Problem, problem, quoted, said

__all__ = ["ColumnChoice", "ExportRead", "ScbExport", "parse_scb", "read_export", "read_scb"]


class ExportRead(NamedTuple):
    """One export read: its figures, how it was read (None if it could not be), problems."""

    figures: list[RegionFigure]
    reading: Reading | None
    problems: list[Problem]


@dataclass(frozen=True, slots=True)
class ScbExport:
    """The figures of one or more exports and how each file was read."""

    figures: tuple[RegionFigure, ...]
    readings: tuple[Reading, ...]


def read_scb(*paths: Path, choice: ColumnChoice | None = None) -> ScbExport:
    """Every figure in the exports at ``paths``; DataError listing every problem in all."""
    figures: list[RegionFigure] = []
    readings: list[Reading] = []
    problems: list[Problem] = []
    for path in paths:
        if (refused := _too_large(path)) is not None:
            problems.append(refused)
            continue
        data, unreadable = read_bytes(path, path.name)
        problems.extend(unreadable)
        if data is not None:
            found, reading, wrong = read_export(data, path.name, choice or ColumnChoice())
            figures.extend(found)
            problems.extend(wrong)
            if reading is not None:
                readings.append(reading)
    if problems:
        raise DataError(problems)
    return ScbExport(tuple(figures), tuple(readings))


def read_export(data: bytes, name: str, choice: ColumnChoice) -> ExportRead:
    """The figures of one export's bytes, how it was read, and the problems met."""
    if not data.strip():
        return ExportRead([], None, [_refuse(name, "empty-file", "the file is empty", advice(""))])
    kind, what = sniff(data)
    if kind is None:
        not_table = _refuse(
            name, "not-a-table", said("the file is {what}", what=quoted(what)), advice(what)
        )
        return ExportRead([], None, [not_table])
    observations, reading, read_problems = _observations(data, name, kind, choice)
    cube = reading is not None and kind in {Kind.PX, Kind.JSON}
    if cube and reading is not None and (refused := cube_choice_problems(reading, choice)):
        return ExportRead([], None, read_problems + refused)
    if reading is None:
        return ExportRead([], reading, read_problems)
    figures, notes, problems = resolve(observations, reading.file)
    problems = sorted(read_problems + problems, key=lambda p: p.line or 0)
    if not figures and not problems:
        problems = [_refuse(reading.file, "no-figures", "the table has no figures", advice(""))]
    reading = replace(
        reading,
        notes=reading.notes + tuple(notes),
        dates=tuple(sorted({f.reference_date for f in figures if f.reference_date})),
    )
    return ExportRead(figures, reading, problems)


def parse_scb(
    text: str, name: str, choice: ColumnChoice | None = None
) -> tuple[list[RegionFigure], list[Problem]]:
    """The figures of a CSV export's text and the problems met reading it."""
    found, _, problems = read_export(text.encode("utf-8"), name, choice or ColumnChoice())
    return found, problems


def _observations(
    data: bytes, name: str, kind: Kind, choice: ColumnChoice
) -> tuple[list[Observation], Reading | None, list[Problem]]:
    if kind == Kind.XLSX:
        rows, sheet, problems = sheet_rows(data, name, choice)
        if problems:
            return [], None, problems
        return read_table(Grid.of_rows(rows), f"{name} (sheet {sheet})", choice, "Excel", sheet)
    if kind == Kind.PX:
        text, mixed = px_text(data, name)
        return ([], None, [mixed]) if mixed else read_px(text, name, choice.value)
    text, mixed = decode_checked(data, name)
    if mixed:
        return [], None, [mixed]
    if kind == Kind.JSON:
        return read_jsonstat(text, name, choice.value)
    return _csv_observations(text, name, choice)


def _csv_observations(
    text: str, name: str, choice: ColumnChoice
) -> tuple[list[Observation], Reading | None, list[Problem]]:
    try:
        grid, delimiter = text_grid(text)
    except UnreadableRowError as exc:
        return [], None, [_unreadable(name, exc)]
    return read_table(grid, name, choice, f"CSV ({delimiter!r})")


def _unreadable(file: str, exc: UnreadableRowError) -> Problem:
    """The row where a quote opens and never closes (past the csv module's limit)."""
    return problem(
        "unreadable-row",
        "the row starting here cannot be read as CSV ({reason})",
        file=file,
        line=exc.line,
        hint='a quote (") opened on this line is probably not closed: close or remove it',
        reason=exc.reason,
    )


def _too_large(path: Path) -> Problem | None:
    """A problem if the file is larger than the limit (checked before it is read)."""
    try:
        size = path.stat().st_size
    except OSError:
        return None  # read_bytes says why it cannot be read
    return file_problem(path.name, size)


def _refuse(file: str, code: str, message: str, hint: str) -> Problem:
    return problem(
        code,
        message,
        file=file,
        hint=hint,
    )
