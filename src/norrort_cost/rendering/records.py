"""Allocations as plain records: the one schema behind JSON, CSV and XLSX output.

Schema ``norrort-cost.allocation`` version 1. Amounts are kronor as decimal strings with a
dot and two decimals (``"24291.03"``) plus whole öre as integers (``amount_ore``); shares,
weights and quotas are decimal strings with ten decimals; dates are ISO 8601.

The per-pool breakdown, with ``--by-pool`` (``by_pool=True``), adds to version 1 without
changing any existing key: ``pools`` lists the cost pools (name, key, title, description,
the lines that feed them and how much, amount, total weight); each share's ``parts`` gives
its part of every pool (weight, exact quota in öre, floor, amount, rank of its remainder,
whether it got a leftover unit).
CSV and XLSX rows then end with one ``amount_<pool>`` column per pool.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from norrort_cost.allocation.results import Allocation, Part, Pool, Share
from norrort_cost.dataset.models import PopulationFigure
from norrort_cost.money import decimal_text, kronor, machine_amount, machine_decimal
from norrort_cost.problems import Problem
from norrort_cost.rendering.vocabulary import pool_description, pool_title

if TYPE_CHECKING:
    from norrort_cost.audit.explain import Explanation

SCHEMA = "norrort-cost.allocation"
SCHEMA_VERSION = 1


def share_record(share: Share) -> dict[str, Any]:
    """One member's row, as in the ``shares`` list and in each CSV row."""
    return {
        "kommunkod": share.kommunkod,
        "name": share.name,
        "inhabitants": share.inhabitants,
        "population_date": share.population_date.isoformat(),
        "population_source": share.population_source,
        "membership_days": share.membership_days,
        "days_in_year": share.days_in_year,
        "share": machine_decimal(share.population_share),
        "amount": machine_amount(share.amount_ore),
        "amount_ore": share.amount_ore,
        "sek_per_inhabitant": decimal_text(kronor(share.ore_per_inhabitant), 2),
    }


def allocation_record(
    allocation: Allocation, shares: tuple[Share, ...] | None = None, *, by_pool: bool = False
) -> dict[str, Any]:
    """The whole allocation (optionally only some members' shares) as a JSON-ready mapping."""
    chosen = allocation.shares if shares is None else shares
    record: dict[str, Any] = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "cooperation": allocation.cooperation,
        "year": allocation.year,
        "currency": allocation.currency,
        "budget": machine_amount(allocation.budget_ore),
        "budget_ore": allocation.budget_ore,
        "illustrative": allocation.illustrative,
        "population_date": allocation.population_date.isoformat(),
        **basis_record(allocation),
        "days_in_year": allocation.days_in_year,
        "rounding_unit": allocation.rounding_unit,
        "method": method_record(allocation),
        "lines": [
            {
                "line": line.line,
                "amount": machine_amount(line.amount_ore),
                "amount_ore": line.amount_ore,
                "key": line.key.value,
            }
            for line in allocation.lines
        ],
        "shares": [share_record(share) for share in chosen],
        "total": {
            "amount": machine_amount(sum(s.amount_ore for s in chosen)),
            "amount_ore": sum(s.amount_ore for s in chosen),
            "inhabitants": sum(s.inhabitants for s in chosen),
        },
    }
    if by_pool:
        record["pools"] = [pool_record(pool) for pool in allocation.pools]
        record["shares"] = [
            {**share_record(share), "parts": parts_record(share)} for share in chosen
        ]
    return record


YEARS_SCHEMA = "norrort-cost.allocation-years"


def years_record(allocations: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Several years' allocation records together (``--years``), each as for one year."""
    return {
        "schema": YEARS_SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "years": [record["year"] for record in allocations],
        "allocations": list(allocations),
    }


def basis_record(allocation: Allocation) -> dict[str, str | None]:
    """Whether the figures are final or preliminary, and the date they will be settled on."""
    final = allocation.final_population_date
    return {
        "basis": allocation.basis,
        "final_population_date": final.isoformat() if final else None,
    }


PRELIMINARY_NOTICE = (
    "PRELIMINARY: weighed by the population of {used} because SCB has not published "
    "{final} yet; to be settled on the final figures."
)


def preliminary_notice(allocation: Allocation) -> str | None:
    """The notice that an allocation rests on older figures (None if it is final)."""
    return preliminary_text(allocation.population_date, allocation.final_population_date)


def preliminary_text(used: date, final: date | None) -> str | None:
    """The notice that figures of ``used`` stand in for ``final`` ones (None if final)."""
    if final is None:
        return None
    from norrort_cost.rendering.i18n import _

    return _(PRELIMINARY_NOTICE).format(used=used.isoformat(), final=final.isoformat())


def method_record(allocation: Allocation | Explanation) -> dict[str, str]:
    """The method and its version, written into every output."""
    return {
        "name": allocation.method,
        "version": allocation.method_version,
        "tie_break": allocation.tie_break,
    }


def csv_rows(
    allocation: Allocation, shares: tuple[Share, ...], *, by_pool: bool = False
) -> list[dict[str, Any]]:
    """One flat, self-describing row per member for CSV and XLSX (pool columns if asked)."""
    context = {"cooperation": allocation.cooperation, "year": allocation.year}
    method = {
        "illustrative": allocation.illustrative,
        **basis_record(allocation),
        "method": allocation.method,
        "method_version": allocation.method_version,
    }
    return [
        {**context, **share_record(share), **method, **(pool_columns(share) if by_pool else {})}
        for share in shares
    ]


def pool_record(pool: Pool) -> dict[str, Any]:
    """One cost pool: what feeds it, how it is split, and its amount."""
    return {
        "name": pool.name,
        "key": pool.key.value,
        "title": pool_title(pool.key),
        "description": pool_description(pool),
        "lines": [
            {"line": line, "amount": machine_amount(ore), "amount_ore": ore}
            for line, ore in pool.contributions
        ],
        "amount": machine_amount(pool.amount_ore),
        "amount_ore": pool.amount_ore,
        "total_weight": machine_decimal(pool.total_weight),
    }


def parts_record(share: Share) -> list[dict[str, Any]]:
    """A member's part of each pool, with the numbers of the largest-remainder split."""
    return [_part_record(part) for part in share.parts]


def _part_record(part: Part) -> dict[str, Any]:
    return {
        "pool": part.pool,
        "weight": machine_decimal(part.weight),
        "quota_ore": machine_decimal(part.quota_ore),
        "floor_ore": part.floor_ore,
        "amount": machine_amount(part.amount_ore),
        "amount_ore": part.amount_ore,
        "rank": part.rank,
        "extra_unit": part.extra_unit,
    }


def pool_columns(share: Share) -> dict[str, str]:
    """``amount_<pool>`` columns for flat rows: the member's amount from each pool."""
    return {f"amount_{part.pool}": machine_amount(part.amount_ore) for part in share.parts}


def population_rows(figures: Sequence[PopulationFigure]) -> list[dict[str, Any]]:
    """The rows of a dataset's ``population.csv``, in the order given."""
    return [
        {
            "kommunkod": figure.kommunkod,
            "reference_date": figure.reference_date.isoformat(),
            "inhabitants": figure.inhabitants,
            "source": figure.source,
        }
        for figure in figures
    ]


VALIDATION_SCHEMA = "norrort-cost.validation"
ILLUSTRATIVE_NOTICE = "ILLUSTRATIVE BUDGET: example figures, not the cooperation's real budget."


def validation_record(source: str, found: Sequence[Problem], errors: int) -> dict[str, Any]:
    """The ``validate`` report (schema ``norrort-cost.validation`` version 1)."""
    return {
        "schema": VALIDATION_SCHEMA,
        "schema_version": 1,
        "dataset": source,
        "valid": errors == 0,
        "errors": errors,
        "warnings": len(found) - errors,
        "problems": [p.as_dict() for p in found],
    }
