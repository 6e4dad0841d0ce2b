"""Where each table of a dataset comes from: a CSV file, a workbook, or a frame in memory.

A table given to :func:`~norrort_cost.loading.load_dataset` as a pandas DataFrame or as
records replaces the file of that name. ``budget`` and ``fixed_amounts`` may also be Excel
workbooks (``budget.xlsx``, ``fixed_amounts.xlsx``: the first sheet, or the one named in
``[budget]`` of ``cooperation.toml``); a dataset with both the CSV file and the workbook is
refused. Problems are reported under the name of the table's actual source.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from norrort_cost.dataset.models import Settings
from norrort_cost.loading.csvfile import CsvTable, read_csv
from norrort_cost.loading.tables import TableInput, cell_reference, read_xlsx, table_from_records
from norrort_cost.problems import Problem, problem

WORKBOOK_TABLES = ("budget.csv", "fixed_amounts.csv")
WORKBOOK_FILES = tuple(name.replace(".csv", ".xlsx") for name in WORKBOOK_TABLES)
TABLE_NAMES = ("municipalities", "population", "memberships", "budget", "fixed_amounts")


@dataclass(slots=True)
class Sources:
    """The dataset directory, the tables given in memory, and what was read from where."""

    directory: Path
    given: Mapping[str, TableInput] = field(default_factory=dict)
    read: dict[str, CsvTable] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.given) - {*TABLE_NAMES, "settings"})
        if unknown:
            msg = f"unknown table(s) {', '.join(unknown)}; expected: {', '.join(TABLE_NAMES)}"
            raise TypeError(msg)

    def exists(self, name: str) -> bool:
        """Whether the table ``name`` (``budget.csv``) has a source: frame, CSV or workbook."""
        stem = name.removesuffix(".csv")
        return (
            stem in self.given
            or (self.directory / name).exists()
            or (name in WORKBOOK_TABLES and (self.directory / f"{stem}.xlsx").exists())
        )

    def table(
        self,
        name: str,
        required: tuple[str, ...],
        optional: tuple[str, ...],
        settings: Settings | None,
    ) -> CsvTable:
        """The table ``name`` (``budget.csv``) read from its source."""
        stem = name.removesuffix(".csv")
        workbook = self.directory / f"{stem}.xlsx"
        if stem in self.given:
            kind = "DataFrame" if hasattr(self.given[stem], "columns") else "records"
            table = table_from_records(f"{stem} ({kind})", self.given[stem], required, optional)
        elif name in WORKBOOK_TABLES and workbook.exists():
            table = self._workbook(name, workbook, required, optional, settings)
        else:
            table = read_csv(self.directory / name, name, required, optional)
        self.read[name] = table
        return table

    def _workbook(
        self,
        name: str,
        path: Path,
        required: tuple[str, ...],
        optional: tuple[str, ...],
        settings: Settings | None,
    ) -> CsvTable:
        sheets = settings.budget if settings is not None else None
        sheet = ""
        if sheets is not None:
            sheet = sheets.sheet if name == "budget.csv" else sheets.fixed_amounts_sheet
        if (self.directory / name).exists():
            table = CsvTable(path.name, usable=False)
            table.problems.append(
                problem(
                    "two-budget-files",
                    "both {first} and {second} are in the dataset",
                    file=path.name,
                    hint="keep one of them: which one holds the budget is anyone's guess",
                    first=name,
                    second=path.name,
                )
            )
            return table
        return read_xlsx(path, path.name, required, optional, sheet)

    def canonical(self, name: str) -> str:
        """The CSV file name a table stands for (``budget.xlsx`` -> ``budget.csv``)."""
        return next((csv for csv, table in self.read.items() if table.name == name), name)

    def order(
        self, rank: Callable[[str, int | None], tuple[int, int]]
    ) -> Callable[[Problem], tuple[int, int]]:
        """A sort key ranking each problem by the file its table stands for."""
        return lambda problem: rank(self.canonical(problem.file), problem.line)

    def locate(self, problem: Problem) -> Problem:
        """A problem under its table's real source name, with the cell for a workbook."""
        for canonical, table in self.read.items():
            if problem.file in {canonical, table.name}:
                return cell_reference(table, replace(problem, file=table.name))
        return problem
