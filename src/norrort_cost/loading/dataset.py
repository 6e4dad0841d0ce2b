"""Loading a dataset directory: five files, validated one by one and then together.

A dataset directory holds ``cooperation.toml`` (settings), ``municipalities.csv``,
``population.csv``, ``memberships.csv`` and ``budget.csv`` (and ``fixed_amounts.csv`` when
a budget line has the ``fixed`` key: see :mod:`norrort_cost.loading.keys`). Every problem
in every file is collected before anything is reported, and
:class:`~norrort_cost.problems.DataError` carries them all.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from norrort_cost.dataset.fields import cell_text
from norrort_cost.dataset.models import (
    BudgetLine,
    Dataset,
    Membership,
    Municipality,
    PopulationFigure,
    Settings,
)
from norrort_cost.loading.arguments import check_arguments
from norrort_cost.loading.checks import LoadedRecords, cross_check
from norrort_cost.loading.csvfile import CsvTable, decode, read_bytes
from norrort_cost.loading.encoding import decode_checked
from norrort_cost.loading.keys import BUDGET_KEY_COLUMNS, load_key_data
from norrort_cost.loading.rows import RecordT, problems_from, validate_rows
from norrort_cost.loading.sources import Sources
from norrort_cost.loading.tables import TableInput
from norrort_cost.loading.text import forbidden_character
from norrort_cost.loading.years import allocation_problems
from norrort_cost.problems import DataError, Problem, errors_only, problem

SETTINGS_FILE = "cooperation.toml"
MUNICIPALITIES = "municipalities.csv"
POPULATION = "population.csv"
MEMBERSHIPS = "memberships.csv"
BUDGET = "budget.csv"
# required and optional columns of each file
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    MUNICIPALITIES: (
        ("kommunkod", "name", "organisationsnummer"),
        ("official_name", "street_address", "postal_code", "city", "peppol_id", "buyer_reference"),
    ),
    POPULATION: (("kommunkod", "reference_date", "inhabitants"), ("source",)),
    MEMBERSHIPS: (("kommunkod", "from"), ("to",)),
    BUDGET: (("year", "line", "amount"), ("key", "illustrative", *BUDGET_KEY_COLUMNS)),
}


def default_data_dir() -> Path:
    """The embedded Koordination Norrort dataset (inside the installed package)."""
    packaged = Path(str(resources.files("norrort_cost"))) / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"  # a source checkout


def load_dataset(
    path: str | Path | None = None, *, tolerate: Collection[str] = (), **tables: TableInput
) -> Dataset:
    """Load and validate the dataset in directory ``path`` (the embedded one by default).

    Raises :class:`~norrort_cost.problems.DataError` listing every problem found, except
    problems whose code is in ``tolerate`` (e.g. ``missing-population`` while importing the
    very figures that are missing). Warnings do not stop loading; see :func:`check_dataset`.

    ``tables`` replace files of the directory with pandas DataFrames or lists of records
    (mappings from column name to value), validated exactly like the files:
    ``municipalities``, ``population``, ``memberships``, ``budget``, ``fixed_amounts``
    (same columns as the CSV files), and ``settings`` (a mapping like ``cooperation.toml``).
    A problem in a frame names the table (``budget (DataFrame)``) and the row's position
    counting from 0 as its line. Amounts are kronor whatever their type.
    """
    return check_dataset(path, tolerate=tolerate, every_year=False, **tables)[0]


def check_dataset(
    path: str | Path | None = None,
    *,
    tolerate: Collection[str] = (),
    every_year: bool = True,
    **tables: TableInput,
) -> tuple[Dataset, list[Problem]]:
    """Like :func:`load_dataset`, and also return the warnings met while loading.

    With ``every_year`` (what ``validate`` does) every budget year is also allocated, so
    that everything ``allocate`` would refuse in any year is reported here too.
    """
    check_arguments(path, tables)
    directory = Path(path) if path is not None else default_data_dir()
    sources = Sources(directory, tables)
    if not directory.is_dir():
        raise DataError(
            [
                problem(
                    "missing-directory",
                    "{directory} is not a directory",
                    file=str(directory),
                    hint="point --data-dir at a dataset directory",
                    directory=str(directory),
                )
            ]
        )
    problems: list[Problem] = []
    settings = _load_settings(directory, problems, tables.get("settings"))

    def records(name: str, model: type[RecordT]) -> tuple[list[tuple[int, RecordT]], CsvTable]:
        return _records(sources, name, model, settings, problems)

    municipalities, listed = records(MUNICIPALITIES, Municipality)
    found = LoadedRecords(
        municipalities=municipalities,
        population=records(POPULATION, PopulationFigure)[0],
        memberships=records(MEMBERSHIPS, Membership)[0],
        budget=records(BUDGET, BudgetLine)[0],
        written_codes=_written_codes(listed),
    )
    if settings is not None:
        problems.extend(cross_check(settings, found))
    fixed = load_key_data(sources, settings, found, problems)
    if "settings" not in tables:
        problems = [_managing_line(directory, p) for p in problems]
    problems = [sources.locate(p) for p in problems if p.code not in tolerate]
    problems.sort(key=sources.order(_file_order))
    if errors_only(problems) or settings is None:
        raise DataError(problems)
    dataset = Dataset(
        settings=settings,
        municipalities=tuple(r for _, r in found.municipalities),
        population=tuple(r for _, r in found.population),
        memberships=tuple(r for _, r in found.memberships),
        budget_lines=tuple(r for _, r in found.budget),
        fixed_amounts=tuple(r for _, r in fixed),
        source=str(directory),
    )
    if every_year:
        first_lines = {b.year: line for line, b in reversed(found.budget)}
        problems.extend(allocation_problems(dataset, first_lines, problems))
        problems = [sources.locate(p) for p in problems if p.code not in tolerate]
        problems.sort(key=sources.order(_file_order))
        if errors_only(problems):
            raise DataError(problems)
    return dataset, problems


def _file_order(file: str, line: int | None) -> tuple[int, int]:
    order = [SETTINGS_FILE, *COLUMNS]
    rank = order.index(file) if file in order else len(order)
    return rank, line or 0


def _records(
    sources: Sources,
    name: str,
    model: type[RecordT],
    settings: Settings | None,
    problems: list[Problem],
) -> tuple[list[tuple[int, RecordT]], CsvTable]:
    required, optional = COLUMNS[name]
    table = sources.table(name, required, optional, settings)
    records = validate_rows(table, model) if table.usable else []
    if table.usable and not table.rows and not table.problems:
        table.problems.append(
            problem(
                "no-rows",
                "{name} has a header line but no rows",
                file=table.name,
                hint="add the rows (see the README's dataset section)",
                name=table.name,
            )
        )
    problems.extend(table.problems)
    return records, table


def _written_codes(table: CsvTable) -> frozenset[str] | None:
    """Every kommunkod written in municipalities.csv (valid row or not); None if unreadable."""
    if not table.usable:
        return None
    return frozenset(cell_text(row.cells.get("kommunkod", "")) for row in table.rows)


def _load_settings(
    directory: Path, problems: list[Problem], given: Mapping[str, Any] | None
) -> Settings | None:
    if given is not None:
        return _validated_settings(dict(given), problems)
    data, read_problems = read_bytes(directory / SETTINGS_FILE, SETTINGS_FILE)
    problems.extend(read_problems)
    if data is None:
        return None
    text, mixed = decode_checked(data, SETTINGS_FILE)
    if mixed is not None:
        problems.append(mixed)
        return None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        problems.append(
            problem(
                "invalid-toml",
                str(exc),
                file=SETTINGS_FILE,
                line=int(found.group(1)) if found else None,
                hint="fix the TOML syntax",
            )
        )
        return None
    return _validated_settings(raw, problems)


def _validated_settings(raw: dict[str, Any], problems: list[Problem]) -> Settings | None:
    if forbidden := _forbidden_in_toml(raw):
        problems.extend(forbidden)
        return None
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        problems.extend(problems_from(exc, SETTINGS_FILE, None, raw))
        return None


def _forbidden_in_toml(value: object, where: str = "") -> list[Problem]:
    """A problem for each TOML key or string holding a control character or noncharacter."""
    if isinstance(value, str):
        found = forbidden_character(SETTINGS_FILE, None, where or None, value)
        return [found] if found else []
    if isinstance(value, list):
        items = [(f"{where}[{i}]", item) for i, item in enumerate(value)]
    elif isinstance(value, dict):
        items = [(f"{where}.{key}" if where else str(key), item) for key, item in value.items()]
        items += [(where or str(key), str(key)) for key in value]
    else:
        return []
    return [problem for path, item in items for problem in _forbidden_in_toml(item, path)]


_MANAGING_INDEX = re.compile(r"managing_municipality[.\[](\d+)")


def _managing_line(directory: Path, problem: Problem) -> Problem:
    """A problem about the n-th managing period, located at its [[managing_municipality]]."""
    found = _MANAGING_INDEX.match(problem.column or "")
    if problem.file != SETTINGS_FILE or problem.line is not None or found is None:
        return problem
    text = decode((directory / SETTINGS_FILE).read_bytes())
    headers = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if re.fullmatch(r"\s*\[\[\s*managing_municipality\s*\]\]\s*(#.*)?", line)
    ]
    index = int(found.group(1))
    return replace(problem, line=headers[index]) if index < len(headers) else problem
