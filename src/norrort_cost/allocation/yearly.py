"""Exact allocation of a budget among members: the pure core, no I/O.

The method (version 2):

1. A member's weight is its inhabitants at the reference date times its days of
   membership in the year, divided by the days of the year (inclusive dates, leap years
   counted). Members that are members all year weigh their inhabitants.
2. Budget lines feed cost pools by their allocation keys (see :mod:`norrort_cost.allocation.pools`:
   per capita, equal parts, base fee, fixed amounts). A pool's amount, in rounding units
   (öre, or whole kronor), is split by the largest-remainder (Hamilton) method in
   proportion to the pool's weights: every member gets the floor of its exact quota
   ``amount * weight / total``; the units left over go one each to the largest
   remainders; equal remainders are ordered by kommunkod ascending. The result does not
   depend on the order of the input. Fixed amounts are paid exactly as given. A base-fee
   pool whose fee is a whole number of rounding units is split in two: each full-year
   member pays exactly the fee, and the part-year members split the rest of the pool by
   days of membership, by the same largest-remainder rule.
3. A member's amount is the sum over pools. Each pool's parts sum to the pool and the
   parts always sum to the budget exactly; this is checked here, in code, on every
   allocation.

Version 2 differs from version 1 in the base-fee pool only: version 1 split the whole
pool by days in one largest-remainder split, so that a full-year member could pay the fee
minus one unit when someone joined or left during the year. Datasets without a base fee,
or in which every member is a member all year, give the same amounts under both versions.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from norrort_cost.allocation.basis import basis_of, members_of, preliminary_date
from norrort_cost.allocation.keys import year_problems
from norrort_cost.allocation.pools import MemberYear, plan_pools
from norrort_cost.allocation.refusals import check_whole_units
from norrort_cost.allocation.results import Allocation, Part, Share
from norrort_cost.allocation.splitting import check_sum, largest_remainder, split_pools
from norrort_cost.dataset.arguments import require_dataset, require_date, require_year
from norrort_cost.dataset.models import BudgetLine, Dataset, Municipality
from norrort_cost.money import ORE_PER_KRONA
from norrort_cost.problems import DataError, UsageError, errors_only, said

# Identifiers of the method, not words for people: written as they are into the machine
# output (JSON "method", CSV "method", a frame's attrs) and kept stable there; tables and
# captions say them in the reader's language through rendering.vocabulary (method_name,
# tie_break_name).
METHOD = "largest-remainder (Hamilton)"
METHOD_VERSION = "2"
TIE_BREAK = "equal remainders: kommunkod ascending"
UNIT_ORE = {"ore": 1, "krona": ORE_PER_KRONA}
# the splitting rules, imported from here by invoicing and the tests
__all__ = [
    "METHOD",
    "METHOD_VERSION",
    "TIE_BREAK",
    "UNIT_ORE",
    "allocate",
    "check_sum",
    "largest_remainder",
]


def _budget_lines(dataset: Dataset, year: int) -> tuple[BudgetLine, ...]:
    lines = dataset.lines_for(year)
    if not lines:
        years = ", ".join(str(y) for y in dataset.budget_years) or "none"
        raise UsageError(
            said("there is no budget for {year}", year=year),
            said("years with a budget: {years}", years=years),
            code="unknown-year",
        )
    return lines


def allocate(
    dataset: Dataset,
    year: int,
    *,
    population_date: date | None = None,
    rounding_unit: str | None = None,
) -> Allocation:
    """Split the budget of ``year`` among the members of ``dataset``, exactly.

    ``population_date`` overrides the settings' reference date; ``rounding_unit``
    ("ore" or "krona") overrides the settings' rounding unit. A year whose reference date
    is after the newest figures in the dataset is refused (``population-not-published``);
    weighed instead by an earlier ``population_date``, the allocation is marked
    ``basis="preliminary"`` with the date it will be settled on; so is a year whose own
    figures are missing when the settings name a ``preliminary_population_date``. A wrong
    argument type (a year as text, a path for the dataset) is a ``TypeError`` naming the
    parameter.
    """
    require_dataset("allocate", dataset)
    year = require_year("allocate", year)
    require_date("allocate", population_date, "population_date")
    lines = _budget_lines(dataset, year)
    settings = dataset.settings
    population_date = population_date or preliminary_date(dataset, year)
    unit = rounding_unit or settings.rounding_unit
    members = members_of(dataset, year, population_date or settings.population_date(year))
    fixed = dataset.fixed_amounts_for(year)
    found = year_problems(
        [(None, line) for line in lines],
        [(None, row) for row in fixed],
        members.days,
        members.days_in_year,
    )
    if errors_only(found):
        raise DataError(found)
    plans = plan_pools(lines, fixed, members, UNIT_ORE[unit])
    check_whole_units(plans, from_settings=rounding_unit is None)
    pools, parts = split_pools(plans)
    total_weight = Fraction(sum(map(members.inhabitant_days, members.days)), members.days_in_year)
    municipalities = {m.kommunkod: m for m in dataset.municipalities}
    shares = tuple(
        _share(municipalities[k], members, total_weight, parts[k]) for k in sorted(members.days)
    )
    budget_ore = sum(line.amount_ore for line in lines)
    check_sum(budget_ore, (s.amount_ore for s in shares))
    basis, final_date = basis_of(dataset, year, population_date)
    return Allocation(
        cooperation=settings.name,
        year=year,
        currency=settings.currency,
        budget_ore=budget_ore,
        illustrative=any(line.illustrative for line in lines),
        population_date=members.population_date,
        days_in_year=members.days_in_year,
        rounding_unit=unit,
        method=METHOD,
        method_version=METHOD_VERSION,
        tie_break=TIE_BREAK,
        total_weight=total_weight,
        lines=lines,
        pools=pools,
        shares=shares,
        basis=basis,
        final_population_date=final_date,
    )


def _share(
    municipality: Municipality, members: MemberYear, total_weight: Fraction, parts: tuple[Part, ...]
) -> Share:
    kommunkod = municipality.kommunkod
    weight = Fraction(members.inhabitant_days(kommunkod), members.days_in_year)
    return Share(
        kommunkod=kommunkod,
        name=municipality.name,
        inhabitants=members.inhabitants[kommunkod],
        population_date=members.population_date,
        population_source=members.sources[kommunkod],
        membership_days=members.days[kommunkod],
        days_in_year=members.days_in_year,
        weight=weight,
        population_share=weight / total_weight if total_weight else Fraction(0),
        amount_ore=sum(p.amount_ore for p in parts),
        parts=parts,
    )
