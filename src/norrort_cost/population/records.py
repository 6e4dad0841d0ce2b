"""The records of a population import: the figures read from an export, how it was read,
and what merging them into the dataset would do. Pure, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from norrort_cost.dataset.models import PopulationFigure
from norrort_cost.problems import Problem, problem


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionFigure:
    """One figure as read from an export: where it was, the region text, date and count.

    ``reference_date`` is None when the export names no period (``Region;Antal``): the
    merge then takes the date given by the user. ``inhabitants`` is None where SCB gives
    no figure (``..``, ``-``; ``raw`` keeps the mark): an error for a member, never 0.
    """

    file: str
    line: int | None
    column: str
    region: str
    reference_date: date | None
    inhabitants: int | None
    raw: str = ""
    source: str = ""  # where it came from, when not the import's one source (fetch-scb)
    parts: bool = False  # summed from parts (men + women): not a total SCB published


@dataclass(frozen=True, slots=True)
class Reading:
    """How one export was read, for the report: which columns and periods were used."""

    file: str
    layout: str
    region_column: str
    value_columns: tuple[str, ...]
    periods: tuple[str, ...]
    notes: tuple[str, ...] = ()
    dates: tuple[date, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """A figure the import changes: the dataset's old count and the export's new one."""

    old: PopulationFigure
    new: PopulationFigure


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import does; ``figures`` is the whole merged list, in file order."""

    added: tuple[PopulationFigure, ...]
    changed: tuple[Change, ...]
    unchanged: tuple[PopulationFigure, ...]
    skipped: tuple[str, ...]
    figures: tuple[PopulationFigure, ...]

    @property
    def modifies(self) -> bool:
        """Whether the population file has to be written."""
        return bool(self.added or self.changed)


def row_problem(row: RegionFigure, code: str, message: str, hint: str) -> Problem:
    """The problem ``code`` at ``row``'s place in its export (its region is the value)."""
    return problem(
        code, message, file=row.file, line=row.line, column=row.column, value=row.region, hint=hint
    )
