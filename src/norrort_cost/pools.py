"""Cost pools: how a year's budget lines, by their allocation keys, become pools to split.

Pure core, no I/O. Pools are formed by *basis* (what a member's part is proportional to),
not line by line, so that each basis is rounded once:

``per_capita``
    ``per_capita`` lines, the rest of ``base_fee`` lines after the base fees, and what
    ``fixed`` lines leave when their fallback is per capita. Weight: inhabitants × days of
    membership ÷ days in the year.
``equal``
    ``equal`` lines and what ``fixed`` lines leave when their fallback is ``equal``.
    Weight: days of membership ÷ days in the year (a full-year member weighs 1).
``base_fee``
    The grundavgift (base fee) of ``base_fee`` lines: the fee per member and year,
    pro-rated by days of membership like everything else (a member for half the year pays
    half the fee). The pool is the fee times the members' weights, rounded down to a whole
    rounding unit, and split by the same weight as ``equal``: a full-year member pays
    exactly the fee whenever the fee is a whole number of rounding units.
``fixed``
    The amounts given in ``fixed_amounts.csv``. Each member pays exactly its amount, to the
    öre, whatever the rounding unit.

Pools come in the order in which the budget lines first feed them. The key rules are
checked here, once, for the loader (with file lines) and for the core (without).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from norrort_cost.models import AllocationKey, BudgetLine, FixedAmount
from norrort_cost.money import format_sek
from norrort_cost.problems import Problem

BUDGET_FILE = "budget.csv"
FIXED_FILE = "fixed_amounts.csv"
FALLBACK_KEYS = (AllocationKey.PER_CAPITA, AllocationKey.EQUAL)
TITLES = {
    AllocationKey.PER_CAPITA: "Per capita",
    AllocationKey.EQUAL: "Equal",
    AllocationKey.BASE_FEE: "Base fee",
    AllocationKey.FIXED: "Fixed",
}
BASES = {
    AllocationKey.PER_CAPITA: "per inhabitant, pro-rated by days of membership",
    AllocationKey.EQUAL: "equal parts per member, pro-rated by days of membership",
    AllocationKey.BASE_FEE: "per member and year, pro-rated by days of membership",
    AllocationKey.FIXED: f"amounts given per member in {FIXED_FILE}",
}
LABELS = {AllocationKey.BASE_FEE: "Base fee (grundavgift)"}

Located = tuple[int | None, BudgetLine]
LocatedFixed = tuple[int | None, FixedAmount]


@dataclass(frozen=True, slots=True)
class PoolPlan:
    """A pool ready to split: what feeds it and every member's integer weight.

    A member's weight is ``weights[k] / denominator``; ``unit_ore`` is the unit the pool
    is rounded to (the fixed pool is always exact to the öre).
    """

    key: AllocationKey
    contributions: tuple[tuple[str, int], ...]
    weights: Mapping[str, int]
    denominator: int
    unit_ore: int
    description: str

    @property
    def amount_ore(self) -> int:
        """The pool's amount: the sum of what the lines feed into it."""
        return sum(amount for _, amount in self.contributions)

    @property
    def title(self) -> str:
        """A short name for people (a column header), e.g. ``Base fee``."""
        return TITLES[self.key]


def base_fees_ore(fee_ore: int, days: Mapping[str, int], days_in_year: int, unit_ore: int) -> int:
    """The base-fee part of a line: fee × member-years, rounded down to a whole unit."""
    units = fee_ore * sum(days.values()) // (days_in_year * unit_ore)
    return units * unit_ore


def plan_pools(
    lines: Sequence[BudgetLine],
    fixed: Iterable[FixedAmount],
    *,
    inhabitants: Mapping[str, int],
    days: Mapping[str, int],
    days_in_year: int,
    unit_ore: int,
) -> tuple[PoolPlan, ...]:
    """The pools of a year's lines (assumed to have passed :func:`year_problems`)."""
    given = _given_by_line(fixed)
    fed: dict[AllocationKey, list[tuple[str, int]]] = {}
    for line in lines:
        for key, amount in _contributions(line, given, days, days_in_year, unit_ore):
            fed.setdefault(key, []).append((line.line, amount))
    plans = []
    for key, contributions in fed.items():
        weights, denominator = _weights(
            key,
            lines=lines,
            given=given,
            inhabitants=inhabitants,
            days=days,
            days_in_year=days_in_year,
        )
        plans.append(
            PoolPlan(
                key=key,
                contributions=tuple(contributions),
                weights=weights,
                denominator=denominator,
                unit_ore=1 if key == AllocationKey.FIXED else unit_ore,
                description=_description(key, lines),
            )
        )
    return tuple(plans)


def _given_by_line(fixed: Iterable[FixedAmount]) -> dict[str, dict[str, int]]:
    given: dict[str, dict[str, int]] = {}
    for row in fixed:
        members = given.setdefault(row.line, {})
        members[row.kommunkod] = members.get(row.kommunkod, 0) + row.amount_ore
    return given


def _contributions(
    line: BudgetLine,
    given: Mapping[str, Mapping[str, int]],
    days: Mapping[str, int],
    days_in_year: int,
    unit_ore: int,
) -> list[tuple[AllocationKey, int]]:
    """What one line feeds into which pool: its key's pool first, then any rest."""
    if line.key == AllocationKey.BASE_FEE:
        fees = base_fees_ore(line.base_fee_ore or 0, days, days_in_year, unit_ore)
        rest_key = AllocationKey.PER_CAPITA
    elif line.key == AllocationKey.FIXED:
        fees = sum(given.get(line.line, {}).values())
        rest_key = line.fallback_key
    else:
        return [(line.key, line.amount_ore)]
    rest = line.amount_ore - fees
    return [(line.key, fees), (rest_key, rest)] if rest else [(line.key, fees)]


def _weights(
    key: AllocationKey,
    *,
    lines: Sequence[BudgetLine],
    given: Mapping[str, Mapping[str, int]],
    inhabitants: Mapping[str, int],
    days: Mapping[str, int],
    days_in_year: int,
) -> tuple[dict[str, int], int]:
    if key == AllocationKey.PER_CAPITA:
        return {k: inhabitants[k] * d for k, d in days.items()}, days_in_year
    if key == AllocationKey.FIXED:
        fixed_lines = {line.line for line in lines if line.key == AllocationKey.FIXED}
        amounts = dict.fromkeys(days, 0)
        for name, members in given.items():
            if name in fixed_lines:
                for k, amount in members.items():
                    if k in amounts:  # rows for non-members are reported, never paid
                        amounts[k] += amount
        return amounts, 1
    return dict(days), days_in_year


def _description(key: AllocationKey, lines: Sequence[BudgetLine]) -> str:
    if key != AllocationKey.BASE_FEE:
        return f"{LABELS.get(key, TITLES[key])}: {BASES[key]}"
    fees = sorted({line.base_fee_ore or 0 for line in lines if line.key == AllocationKey.BASE_FEE})
    amounts = " + ".join(f"{format_sek(fee)} kr" for fee in fees)
    return f"{LABELS[key]}: {amounts} {BASES[key]}"


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
            ("base_fee", "unused-base-fee", f"a {line.key.value} line has no base fee"),
            "empty the base_fee cell, or set key to base_fee",
        ),
        (
            line.fallback is not None and line.key != AllocationKey.FIXED,
            ("fallback", "unused-fallback", f"a {line.key.value} line has no fallback key"),
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
            problems.append(Problem(BUDGET_FILE, number, column, shown, code, message, hint))
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
                Problem(
                    BUDGET_FILE,
                    number,
                    "base_fee",
                    format_sek(line.base_fee_ore),
                    "base-fee-exceeds-line",
                    f"{line.year} {line.line}: base fees of {member_years} member-years come to "
                    f"{format_sek(round(fees))} kr, more than the line's "
                    f"{format_sek(line.amount_ore)} kr",
                    "lower the base fee or raise the line's amount",
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
                Problem(
                    BUDGET_FILE,
                    number,
                    "key",
                    line.key.value,
                    "missing-fixed-amounts",
                    f"{line.year} {line.line} is fixed but {FIXED_FILE} gives no amounts for it",
                    f"add rows year,line,kommunkod,amount to {FIXED_FILE}",
                )
            )
        elif given > line.amount_ore:
            problems.append(
                Problem(
                    BUDGET_FILE,
                    number,
                    "amount",
                    format_sek(line.amount_ore),
                    "fixed-exceeds-line",
                    f"{line.year} {line.line}: the fixed amounts sum to {format_sek(given)} kr, "
                    f"more than the line's {format_sek(line.amount_ore)} kr",
                    f"correct {FIXED_FILE} or the line's amount",
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
            found = ("line", row.line, "unknown-fixed-line", f"{row.year} has no line {row.line!r}")
            hint = f"lines of {row.year}: {', '.join(keys) or 'none'}"
        elif key != AllocationKey.FIXED:
            found = ("line", row.line, "not-a-fixed-line", f"{row.line!r} is a {key.value} line")
            hint = "set the line's key to fixed in budget.csv, or remove this row"
        elif row.kommunkod not in days:
            found = (
                "kommunkod",
                row.kommunkod,
                "fixed-for-non-member",
                f"{row.kommunkod} is not a member in {row.year}",
            )
            hint = "remove the row, or correct memberships.csv"
        else:
            continue
        column, value, code, message = found
        problems.append(Problem(FIXED_FILE, number, column, value, code, message, hint))
    return problems
