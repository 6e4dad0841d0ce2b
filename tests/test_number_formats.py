"""Numbers reach people and machines only through money.py's formatters.

People read ``24 291,03`` (rounded half away from zero, never banker's rounding, never a raw
fraction); machines read dot decimals, and every exact rational (a share, a weight, a
quota) has the same 10 decimals in every JSON record.
"""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from norrort_cost import allocate, check, compare, explain
from norrort_cost.allocation.keys import year_problems
from norrort_cost.dataset.models import BudgetLine
from norrort_cost.money import DECIMAL_PLACES, format_sek, machine_decimal, machine_number
from norrort_cost.rendering.audit_records import check_record, comparison_record, explanation_record
from norrort_cost.rendering.records import allocation_record

SRC = Path(__file__).resolve().parents[1] / "src" / "norrort_cost"
# the fields of the JSON records that hold an exact rational as a decimal string
RATIONAL_FIELDS = re.compile(r"decimal|share(_.*)?|relative|ratio|weight|total_weight|quota_ore")


def test_zero_kronor_has_no_sign() -> None:
    """0 öre is 0,00 (never -0,00); one öre either side keeps its sign."""
    assert format_sek(0) == "0,00"
    assert format_sek(-1) == "-0,01"
    assert format_sek(1) == "0,01"


def test_machine_numbers_have_no_exponent_and_no_negative_zero() -> None:
    """A Decimal for machines is written plainly: 24300, 24.3, 0."""
    assert machine_number(Decimal("2.43E+4")) == "24300"
    assert machine_number(Decimal("24.300")) == "24.3"
    assert machine_number(Decimal("-0.00")) == "0"
    assert machine_decimal(Fraction(2, 3)) == "0.6666666667"


def test_a_message_shows_rounded_numbers_not_fractions() -> None:
    """Base fees of half a member-year at 5 öre come to 2,5 öre: shown 0,03 kr, 0,5000 years."""
    line = BudgetLine.model_validate(
        {"year": 2014, "line": "Avgift", "amount": "0,01", "key": "base_fee", "base_fee": "0,05"}
    )
    [problem] = year_problems([(2, line)], [], {"0114": 1}, 2)
    assert problem.code == "base-fee-exceeds-line"
    assert "0,5000 member-years" in problem.message
    assert "come to 0,03 kr" in problem.message  # round(2.5) would say 0,02
    assert "/" not in problem.message


def test_no_builtin_round_in_the_source() -> None:
    """round() rounds half to even: amounts are rounded only through money.round_fraction."""
    calls = [
        f"{path.name}:{node.lineno}"
        for path in SRC.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "round"
    ]
    assert calls == []


def _rationals(record: Any, key: str = "") -> list[tuple[str, str]]:
    if isinstance(record, dict):
        return [pair for k, v in record.items() for pair in _rationals(v, k)]
    if isinstance(record, list):
        return [pair for item in record for pair in _rationals(item, key)]
    if isinstance(record, str) and RATIONAL_FIELDS.fullmatch(key) and "." in record:
        return [(key, record)]
    return []


def test_every_json_record_gives_rationals_with_the_same_precision(dataset) -> None:
    """Shares, weights, quotas and ratios: 10 decimals in allocate, explain, check, compare."""
    records = [
        allocation_record(allocate(dataset, 2014), by_pool=True),
        explanation_record(explain(dataset, 2014, "Ekerö")),
        check_record(check(dataset, 2014, "Ekerö", "ca 24.300 tkr")),
        comparison_record(compare(dataset, 2013, 2014)),
    ]
    found = [pair for record in records for pair in _rationals(record)]
    assert {key for key, _ in found} >= {"share", "decimal", "relative", "ratio", "share_change"}
    wrong = [(k, v) for k, v in found if len(v.partition(".")[2]) != DECIMAL_PLACES]
    assert wrong == []
