"""Audit results as plain records: the JSON (and CSV) schema of explain, check, compare, whatif.

Schemas ``norrort-cost.explanation``, ``norrort-cost.check``, ``norrort-cost.comparison``
and ``norrort-cost.whatif``, version 1. As in the allocation schema, amounts are kronor as
dot-decimal strings plus whole öre as integers; exact rationals are given both as a
fraction ``"p/q"`` and as a decimal string rounded to 10 decimals; dates are ISO 8601.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from norrort_cost.allocation.results import Allocation, Share
from norrort_cost.audit.changes import Comparison, MemberChange, WhatIf
from norrort_cost.audit.explain import BaseFeeStep, Explanation, PoolStep
from norrort_cost.audit.reconcile import CheckResult, ReadingCheck
from norrort_cost.money import (
    decimal_text,
    kronor,
    machine_amount,
    machine_decimal,
    machine_number,
)
from norrort_cost.rendering.check_text import check_summary, describe
from norrort_cost.rendering.records import SCHEMA_VERSION, method_record
from norrort_cost.rendering.vocabulary import population_rule_record

SIGN_CONVENTION = "difference = new - baseline; positive means the member would pay more"


def exact(value: Fraction) -> dict[str, str]:
    """An exact rational as ``{"fraction": "p/q", "decimal": "..."}`` (10 decimals)."""
    return {"fraction": str(value), "decimal": machine_decimal(value)}


def leftover_reason(step: PoolStep) -> str:
    """Why this member did or did not get one of the pool's leftover units, in words."""
    unit = "öre" if step.unit_ore == 1 else "krona"
    if step.rule == "full-year-fee":
        return "a full-year member pays exactly the base fee: nothing to round"
    if step.leftover_units == 0:
        return f"the floors already sum to the pool: no {unit} left over"
    share_out = (
        f"{step.leftover_units} {unit} left over after the floors go one each to the "
        f"{step.leftover_units} largest remainders; this remainder ranks "
        f"{step.rank} of {step.members}"
    )
    verdict = f"so it gets one {unit}" if step.extra_unit else "so it gets none"
    ties = ""
    if step.tied_with:
        ties = (
            f" (its remainder equals that of {', '.join(step.tied_with)}: "
            "equal remainders are ordered by kommunkod ascending)"
        )
    return f"{share_out}, {verdict}{ties}"


BASE_FEE_FORMULA = (
    "each line: floor(fee_ore * member_days / (days_in_year * unit_ore)) * unit_ore; "
    "pool amount_ore = their sum; a full-year member's part = fee_ore; the part-year "
    "members split rest_ore = amount_ore - full_year_ore by days (largest remainder); "
    "fee_ore null: the whole pool is split by days"
)
RULES = {
    "largest-remainder": "quota_ore = split_ore * weight / total_weight; floor to a whole "
    "unit; the leftover units go to the largest remainders, ties by kommunkod ascending",
    "full-year-fee": "part = the base fee: quota_ore = split_ore * weight / total_weight "
    "= fee_ore (weight 1 each), nothing to round",
    "part-year-rest": "the part-year members split rest_ore by days: quota_ore = split_ore "
    "* weight / total_weight (their weights only); floor, leftover units to the largest "
    "remainders, ties by kommunkod ascending",
}


def _base_fee(fee: BaseFeeStep | None) -> dict[str, Any] | None:
    if fee is None:
        return None
    return {
        "formula": BASE_FEE_FORMULA,
        "lines": [
            {"line": line.line, "fee_ore": line.fee_ore, "amount_ore": line.amount_ore}
            for line in fee.lines
        ],
        "member_days": fee.member_days,
        "days_in_year": fee.days_in_year,
        "fee_ore": fee.fee_ore,
        "full_year_members": list(fee.full_year),
        "full_year_ore": fee.full_year_ore,
        "part_year_members": list(fee.part_year),
        "rest_ore": fee.rest_ore,
    }


def _pool(step: PoolStep) -> dict[str, Any]:
    return {
        "pool": step.pool,
        "lines": list(step.lines),
        "contributions": [{"line": line, "amount_ore": ore} for line, ore in step.contributions],
        "amount": machine_amount(step.pool_amount_ore),
        "amount_ore": step.pool_amount_ore,
        "base_fee": _base_fee(step.base_fee),
        "rule": step.rule,
        "how": RULES[step.rule],
        "split_ore": step.split_ore,
        "unit_ore": step.unit_ore,
        "weight": exact(step.weight),
        "total_weight": exact(step.total_weight),
        "quota_ore": exact(step.quota_ore),
        "floor_ore": step.floor_ore,
        "remainder_ore": exact(step.remainder_ore),
        "rank": step.rank,
        "members": step.members,
        "leftover_units": step.leftover_units,
        "extra_unit": step.extra_unit,
        "tied_with": list(step.tied_with),
        "reason": leftover_reason(step),
        "part_ore": step.amount_ore,
        "part": machine_amount(step.amount_ore),
    }


def explanation_record(result: Explanation) -> dict[str, Any]:
    """Every step of an explanation, with the exact numbers behind it."""
    return {
        "schema": "norrort-cost.explanation",
        "schema_version": SCHEMA_VERSION,
        "cooperation": result.cooperation,
        "year": result.year,
        "illustrative": result.illustrative,
        "kommunkod": result.kommunkod,
        "name": result.name,
        "population": {
            "inhabitants": result.inhabitants,
            "reference_date": result.population_date.isoformat(),
            "source": result.population_source,
            "rule": population_rule_record(result.population_rule),
            "basis": "final" if result.final_population_date is None else "preliminary",
            "final_population_date": (
                result.final_population_date.isoformat() if result.final_population_date else None
            ),
        },
        "membership": {
            "pro_rating": result.pro_rating,
            "periods": [
                {
                    "from": p.start.isoformat(),
                    "to": p.end.isoformat() if p.end else None,
                    "counted_from": p.counted_from.isoformat(),
                    "counted_to": p.counted_to.isoformat(),
                    "days": p.days,
                }
                for p in result.periods
            ],
            "days": result.membership_days,
            "days_in_year": result.days_in_year,
        },
        "weight": {"formula": "inhabitants * days / days_in_year", **exact(result.weight)},
        "total_weight": exact(result.total_weight),
        "members": result.members,
        "budget": machine_amount(result.budget_ore),
        "budget_ore": result.budget_ore,
        "rounding_unit": result.rounding_unit,
        "pools": [_pool(step) for step in result.pools],
        "amount": machine_amount(result.amount_ore),
        "amount_ore": result.amount_ore,
        "sek_per_inhabitant": exact(kronor(result.ore_per_inhabitant)),
        "method": method_record(result),
    }


def _reading(check: ReadingCheck) -> dict[str, Any]:
    reading = check.reading
    return {
        "kind": reading.kind.value,
        "number": machine_number(reading.number),
        "unit": reading.unit,
        "kronor": machine_number(reading.kronor),
        "description": describe(reading),
        "difference": machine_number(check.difference),
        "relative": None if check.relative is None else machine_decimal(check.relative),
        "ratio": None if check.ratio is None else machine_decimal(check.ratio),
        "scale": None if check.scale is None else str(check.scale),
        "precision": machine_number(reading.precision),
        "within_tolerance": check.within_tolerance,
        "rounds_to_claim": check.rounds_to_claim,
        "consistent": check.consistent,
    }


def check_record(result: CheckResult) -> dict[str, Any]:
    """A check: the claim, every reading compared, the verdict and the reading it rests on."""
    return {
        "schema": "norrort-cost.check",
        "schema_version": SCHEMA_VERSION,
        "cooperation": result.cooperation,
        "year": result.year,
        "illustrative": result.illustrative,
        "kommunkod": result.kommunkod,
        "name": result.name,
        "claimed": result.claim.text,
        "matched": result.claim.matched,
        "approximate": result.claim.approximate,
        "computed": machine_amount(result.computed_ore),
        "computed_ore": result.computed_ore,
        "tolerance": machine_number(result.tolerance),
        "verdict": result.verdict.value,
        "chosen": result.readings.index(result.chosen),
        "summary": check_summary(result),
        "readings": [_reading(check) for check in result.readings],
    }


def _share_fields(share: Share | None, suffix: str) -> dict[str, Any]:
    return {
        f"inhabitants_{suffix}": share.inhabitants if share else None,
        f"days_{suffix}": share.membership_days if share else None,
        f"share_{suffix}": machine_decimal(share.population_share) if share else None,
        f"amount_{suffix}": machine_amount(share.amount_ore if share else 0),
        f"amount_ore_{suffix}": share.amount_ore if share else 0,
        f"sek_per_inhabitant_{suffix}": (
            decimal_text(kronor(share.ore_per_inhabitant), 2) if share else None
        ),
    }


def change_row(change: MemberChange, before: str, after: str) -> dict[str, Any]:
    """One member's flat row: both sides and the changes (also a CSV row)."""
    per_inhabitant = change.ore_per_inhabitant_change
    return {
        "kommunkod": change.kommunkod,
        "name": change.name,
        "status": change.status.value,
        **_share_fields(change.before, before),
        **_share_fields(change.after, after),
        "inhabitants_change": change.inhabitants_change,
        "share_change": machine_decimal(change.share_change),
        "amount_change": machine_amount(change.amount_change_ore),
        "amount_change_ore": change.amount_change_ore,
        "sek_per_inhabitant_change": (
            None if per_inhabitant is None else decimal_text(kronor(per_inhabitant), 4)
        ),
    }


def _year(allocation: Allocation) -> dict[str, Any]:
    return {
        "year": allocation.year,
        "budget": machine_amount(allocation.budget_ore),
        "budget_ore": allocation.budget_ore,
        "illustrative": allocation.illustrative,
        "population_date": allocation.population_date.isoformat(),
        "members": len(allocation.shares),
        "inhabitants": sum(s.inhabitants for s in allocation.shares),
    }


def comparison_record(result: Comparison) -> dict[str, Any]:
    """Two years side by side, per member, with totals."""
    return {
        "schema": "norrort-cost.comparison",
        "schema_version": SCHEMA_VERSION,
        "cooperation": result.after.cooperation,
        "from": _year(result.before),
        "to": _year(result.after),
        "method": method_record(result.after),
        "members": [change_row(m, "from", "to") for m in result.members],
        "total": {
            "amount_change": machine_amount(result.budget_change_ore),
            "amount_change_ore": result.budget_change_ore,
        },
    }


def whatif_record(result: WhatIf) -> dict[str, Any]:
    """A what-if: the changes, the baseline and new amount per member, the differences."""
    return {
        "schema": "norrort-cost.whatif",
        "schema_version": SCHEMA_VERSION,
        "cooperation": result.baseline.cooperation,
        "year": result.baseline.year,
        "changes": [
            {
                "kind": c.kind.value,
                "kommunkod": c.kommunkod,
                "date": c.on.isoformat() if c.on else None,
            }
            for c in result.changes
        ],
        "sign_convention": SIGN_CONVENTION,
        "baseline": _year(result.baseline),
        "new": _year(result.scenario),
        "method": method_record(result.baseline),
        "members": [change_row(m, "baseline", "new") for m in result.members],
        "total": {
            "difference": machine_amount(sum(m.amount_change_ore for m in result.members)),
            "difference_ore": sum(m.amount_change_ore for m in result.members),
        },
    }
