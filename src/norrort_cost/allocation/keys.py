"""The rules of the allocation keys, checked once for the loader and for the core.

Each rule returns :class:`~norrort_cost.problems.Problem` records (errors as data): the
loader passes file line numbers, the core passes ``None``. A line's parameters must fit its
key (a ``base_fee`` line needs its fee; only ``fixed`` lines have a fallback, which is
``per_capita`` or ``equal``); base fees and fixed amounts must not exceed their line; fixed
amounts must name a fixed line of their year and a member of that year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from norrort_cost.dataset.models import AllocationKey, BudgetLine, FixedAmount
from norrort_cost.money import format_fraction_sv, format_sek, kronor
from norrort_cost.problems import Problem, problem, said

BUDGET_FILE = "budget.csv"
FIXED_FILE = "fixed_amounts.csv"
FALLBACK_KEYS = (AllocationKey.PER_CAPITA, AllocationKey.EQUAL)

Located = tuple[int | None, BudgetLine]
LocatedFixed = tuple[int | None, FixedAmount]


def line_problems(located: Located) -> list[Problem]:
    """Parameters that do not fit the line's key (no base fee on a base-fee line, ...)."""
    number, line = located
    checks = [
        (
            line.key == AllocationKey.BASE_FEE and line.base_fee_ore is None,
            ("base_fee", "missing-base-fee", "a base_fee line needs its base fee"),
            "write the fee per member and year in the base_fee column",
        ),
        (
            line.key != AllocationKey.BASE_FEE and line.base_fee_ore is not None,
            (
                "base_fee",
                "unused-base-fee",
                said("a {key} line has no base fee", key=line.key.value),
            ),
            "empty the base_fee cell, or set key to base_fee",
        ),
        (
            line.fallback is not None and line.key != AllocationKey.FIXED,
            (
                "fallback",
                "unused-fallback",
                said("a {key} line has no fallback key", key=line.key.value),
            ),
            "empty the fallback cell: only fixed lines have one",
        ),
        (
            line.key == AllocationKey.FIXED and line.fallback_key not in FALLBACK_KEYS,
            ("fallback", "invalid-fallback", "this key cannot split what fixed amounts leave"),
            "use per_capita (the default) or equal",
        ),
    ]
    problems = []
    for failed, (column, code, message), hint in checks:
        if failed:
            value = line.base_fee_ore if column == "base_fee" else line.fallback
            shown = None if value is None else str(value)
            problems.append(
                problem(
                    code,
                    message,
                    file=BUDGET_FILE,
                    line=number,
                    column=column,
                    value=shown,
                    hint=hint,
                )
            )
    return problems


def year_problems(
    lines: Sequence[Located],
    fixed: Sequence[LocatedFixed],
    days: Mapping[str, int],
    days_in_year: int,
) -> list[Problem]:
    """Every key problem of one year: parameters, base fees and fixed amounts vs. lines."""
    problems = [p for located in lines for p in line_problems(located)]
    problems.extend(_base_fee_problems(lines, days, days_in_year))
    problems.extend(_fixed_line_problems(lines, fixed))
    problems.extend(_fixed_row_problems(lines, fixed, days))
    return problems


def _base_fee_problems(
    lines: Sequence[Located], days: Mapping[str, int], days_in_year: int
) -> list[Problem]:
    problems = []
    member_years = Fraction(sum(days.values()), days_in_year)
    for number, line in lines:
        if line.key != AllocationKey.BASE_FEE or line.base_fee_ore is None:
            continue
        fees = line.base_fee_ore * member_years
        if fees > line.amount_ore:
            problems.append(
                problem(
                    "base-fee-exceeds-line",
                    said(
                        "{year} {line}: base fees of {member_years} member-years come to "
                        "{fees} kr, more than the line's {amount} kr",
                        year=line.year,
                        line=line.line,
                        member_years=format_fraction_sv(member_years, 4),
                        fees=format_fraction_sv(kronor(fees), 2),
                        amount=format_sek(line.amount_ore),
                    ),
                    file=BUDGET_FILE,
                    line=number,
                    column="base_fee",
                    value=format_sek(line.base_fee_ore),
                    hint="lower the base fee or raise the line's amount",
                )
            )
    return problems


def _fixed_line_problems(lines: Sequence[Located], fixed: Sequence[LocatedFixed]) -> list[Problem]:
    problems = []
    for number, line in lines:
        if line.key != AllocationKey.FIXED:
            continue
        rows = [row for _, row in fixed if row.line == line.line]
        given = sum(row.amount_ore for row in rows)
        if not rows:
            problems.append(
                problem(
                    "missing-fixed-amounts",
                    said(
                        "{year} {line} is fixed but {file} gives no amounts for it",
                        year=line.year,
                        line=line.line,
                        file=FIXED_FILE,
                    ),
                    file=BUDGET_FILE,
                    line=number,
                    column="key",
                    value=line.key.value,
                    hint=said("add rows year,line,kommunkod,amount to {file}", file=FIXED_FILE),
                )
            )
        elif given > line.amount_ore:
            problems.append(
                problem(
                    "fixed-exceeds-line",
                    said(
                        "{year} {line}: the fixed amounts sum to {given} kr, more than the "
                        "line's {amount} kr",
                        year=line.year,
                        line=line.line,
                        given=format_sek(given),
                        amount=format_sek(line.amount_ore),
                    ),
                    file=BUDGET_FILE,
                    line=number,
                    column="amount",
                    value=format_sek(line.amount_ore),
                    hint=said("correct {file} or the line's amount", file=FIXED_FILE),
                )
            )
    return problems


def _fixed_row_problems(
    lines: Sequence[Located], fixed: Sequence[LocatedFixed], days: Mapping[str, int]
) -> list[Problem]:
    keys = {line.line: line.key for _, line in lines}
    problems = []
    for number, row in fixed:
        key = keys.get(row.line)
        if key is None:
            message = said("{year} has no line {name!r}", year=row.year, name=row.line)
            found = ("line", row.line, "unknown-fixed-line", message)
            hint = said("lines of {year}: {names}", year=row.year, names=", ".join(keys) or "none")
        elif key != AllocationKey.FIXED:
            message = said("{name!r} is a {key} line", name=row.line, key=key.value)
            found = ("line", row.line, "not-a-fixed-line", message)
            hint = "set the line's key to fixed in budget.csv, or remove this row"
        elif row.kommunkod not in days:
            found = (
                "kommunkod",
                row.kommunkod,
                "fixed-for-non-member",
                said("{code} is not a member in {year}", code=row.kommunkod, year=row.year),
            )
            hint = "remove the row, or correct memberships.csv"
        else:
            continue
        column, value, code, message = found
        problems.append(
            problem(
                code, message, file=FIXED_FILE, line=number, column=column, value=value, hint=hint
            )
        )
    return problems
