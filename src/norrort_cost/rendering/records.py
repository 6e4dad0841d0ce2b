"""Allocations as plain records: the one schema behind JSON, CSV and XLSX output.

Schema ``norrort-cost.allocation`` version 1. Amounts are kronor as decimal strings with a
dot and two decimals (``"24291.03"``) plus whole öre as integers (``amount_ore``); shares
are decimal strings with ten decimals; dates are ISO 8601.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from norrort_cost.allocation import Allocation, Share
from norrort_cost.models import PopulationFigure
from norrort_cost.money import machine_amount, round_fraction

SCHEMA = "norrort-cost.allocation"
SCHEMA_VERSION = 1
SHARE_PLACES = 10


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
        "share": str(round_fraction(share.population_share, SHARE_PLACES)),
        "amount": machine_amount(share.amount_ore),
        "amount_ore": share.amount_ore,
        "sek_per_inhabitant": str(round_fraction(share.ore_per_inhabitant / 100, 2)),
    }


def allocation_record(
    allocation: Allocation, shares: tuple[Share, ...] | None = None
) -> dict[str, Any]:
    """The whole allocation (optionally only some members' shares) as a JSON-ready mapping."""
    chosen = allocation.shares if shares is None else shares
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "cooperation": allocation.cooperation,
        "year": allocation.year,
        "currency": allocation.currency,
        "budget": machine_amount(allocation.budget_ore),
        "budget_ore": allocation.budget_ore,
        "illustrative": allocation.illustrative,
        "population_date": allocation.population_date.isoformat(),
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


def method_record(allocation: Allocation) -> dict[str, str]:
    """The method and its version, written into every output."""
    return {
        "name": allocation.method,
        "version": allocation.method_version,
        "tie_break": allocation.tie_break,
    }


def csv_rows(allocation: Allocation, shares: tuple[Share, ...]) -> list[dict[str, Any]]:
    """One flat, self-describing row per member for CSV and XLSX."""
    context = {"cooperation": allocation.cooperation, "year": allocation.year}
    method = {
        "illustrative": allocation.illustrative,
        "method": allocation.method,
        "method_version": allocation.method_version,
    }
    return [{**context, **share_record(share), **method} for share in shares]


POPULATION_COLUMNS = ("kommunkod", "reference_date", "inhabitants", "source")


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
