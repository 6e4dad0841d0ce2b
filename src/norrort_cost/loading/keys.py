"""Loading and checking what allocation keys need beyond ``budget.csv``.

``budget.csv`` may carry two optional columns: ``base_fee`` (the grundavgift per member and
year of a ``base_fee`` line) and ``fallback`` (the key that splits what a ``fixed`` line's
given amounts leave: ``per_capita``, the default, or ``equal``). The given amounts of
``fixed`` lines are in ``fixed_amounts.csv`` (``year,line,kommunkod,amount`` and optionally
``illustrative``), which is read only when a line is fixed or the file exists. The key
rules themselves live in the core (:mod:`norrort_cost.allocation.keys`); this module locates their
problems in the files.
"""

from __future__ import annotations

from norrort_cost.allocation.keys import FIXED_FILE, year_problems
from norrort_cost.allocation.membership import days_counted, year_bounds
from norrort_cost.dataset.models import AllocationKey, FixedAmount, Settings
from norrort_cost.loading.checks import LoadedRecords
from norrort_cost.loading.rows import validate_rows
from norrort_cost.loading.sources import Sources
from norrort_cost.problems import Problem, problem, said

FIXED_COLUMNS = ("year", "line", "kommunkod", "amount")
BUDGET_KEY_COLUMNS = ("base_fee", "fallback")


def load_key_data(
    sources: Sources, settings: Settings | None, found: LoadedRecords, problems: list[Problem]
) -> list[tuple[int, FixedAmount]]:
    """Read ``fixed_amounts.csv`` (if needed or present) and check every key's rules.

    Problems go into ``problems``; the fixed amounts that validated are returned.
    """
    fixed, usable = _load_fixed_amounts(sources, settings, found, problems)
    problems.extend(check_keys(settings, found, fixed, fixed_file_read=usable))
    return fixed


def _load_fixed_amounts(
    sources: Sources, settings: Settings | None, found: LoadedRecords, problems: list[Problem]
) -> tuple[list[tuple[int, FixedAmount]], bool]:
    """The valid rows, and whether the file could be read at all (header included)."""
    fixed_lines = [(n, b) for n, b in found.budget if b.key == AllocationKey.FIXED]
    path = sources.directory / FIXED_FILE
    if not sources.exists(FIXED_FILE):
        if fixed_lines:
            number, line = fixed_lines[0]
            problems.append(
                problem(
                    "missing-file",
                    said(
                        "{file} does not exist, but budget.csv line {number} ({year} {line}) "
                        "is fixed",
                        file=FIXED_FILE,
                        number=number,
                        year=line.year,
                        line=line.line,
                    ),
                    file=FIXED_FILE,
                    hint=said(
                        "create {path} with columns {columns}",
                        path=str(path),
                        columns=",".join(FIXED_COLUMNS),
                    ),
                )
            )
        return [], False
    table = sources.table(FIXED_FILE, FIXED_COLUMNS, ("illustrative",), settings)
    rows = validate_rows(table, FixedAmount) if table.usable else []
    problems.extend(table.problems)
    return rows, table.usable


def check_keys(
    settings: Settings | None,
    found: LoadedRecords,
    fixed: list[tuple[int, FixedAmount]],
    *,
    fixed_file_read: bool,
) -> list[Problem]:
    """Every key problem: parameters per line, base fees and fixed amounts per year."""
    known = {m.kommunkod for _, m in found.municipalities}
    problems = [*_unknown_members(fixed, known), *_duplicates(fixed)]
    fixed = [(n, f) for n, f in fixed if f.kommunkod in known or not known]
    pro_rating = settings.pro_rating if settings is not None else "days"
    years = sorted({b.year for _, b in found.budget})
    for year in years:
        lines = [(n, b) for n, b in found.budget if b.year == year]
        rows = [(n, f) for n, f in fixed if f.year == year]
        if not fixed_file_read:  # a missing or unreadable file is reported once, by itself
            lines = [(n, b) for n, b in lines if b.key != AllocationKey.FIXED]
        days = days_counted((m for _, m in found.memberships), year, pro_rating)
        problems.extend(year_problems(lines, rows, days, year_bounds(year)[2]))
    problems.extend(_rows_without_budget(fixed, set(years)))
    return problems


def _unknown_members(fixed: list[tuple[int, FixedAmount]], known: set[str]) -> list[Problem]:
    if not known:
        return []  # municipalities.csv itself is broken: reported there
    return [
        problem(
            "unknown-kommunkod",
            "kommunkod {code} is not in municipalities.csv",
            file=FIXED_FILE,
            line=number,
            column="kommunkod",
            value=row.kommunkod,
            hint="correct the code, or add the municipality",
            code=row.kommunkod,
        )
        for number, row in fixed
        if row.kommunkod not in known
    ]


def _duplicates(fixed: list[tuple[int, FixedAmount]]) -> list[Problem]:
    first: dict[tuple[int, str, str], int] = {}
    problems = []
    for number, row in fixed:
        key = (row.year, row.line, row.kommunkod)
        if key in first:
            problems.append(
                problem(
                    "duplicate-row",
                    "{row} appears again (first on line {first})",
                    file=FIXED_FILE,
                    line=number,
                    column="kommunkod",
                    value=row.kommunkod,
                    hint="keep one of the rows",
                    row=" ".join((str(row.year), row.line, row.kommunkod)),
                    first=first[key],
                )
            )
        else:
            first[key] = number
    return problems


def _rows_without_budget(fixed: list[tuple[int, FixedAmount]], years: set[int]) -> list[Problem]:
    return [
        problem(
            "unknown-fixed-line",
            said("{year} has no budget, so no line {line!r}", year=row.year, line=row.line),
            file=FIXED_FILE,
            line=number,
            column="year",
            value=str(row.year),
            hint=said(
                "years with a budget: {years}",
                years=", ".join(str(y) for y in sorted(years)) or "none",
            ),
        )
        for number, row in fixed
        if row.year not in years
    ]
