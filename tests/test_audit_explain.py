"""explain: every step from inputs to amount, reproducible by hand."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from norrort_cost import load_dataset
from norrort_cost.audit.explain import PopulationRule, explain
from norrort_cost.cli import app
from norrort_cost.dataset.models import BudgetLine, Membership, PopulationFigure
from norrort_cost.problems import UsageError
from norrort_cost.rendering.audit_records import explanation_record, leftover_reason
from norrort_cost.rendering.layout import unbroken
from tests.test_keys_allocation import EXAMPLE

runner = CliRunner()


def test_ekero_2014_shows_the_inputs(dataset):
    """Ekerö 2014: 26 355 inhabitants at 2013-12-31, member 2014-04-15 on, 261 of 365 days."""
    result = explain(dataset, 2014, "Ekerö")
    assert (result.kommunkod, result.inhabitants) == ("0125", 26355)
    assert result.population_date == date(2013, 12, 31)
    assert result.population_rule == PopulationRule("previous-year-end")
    assert [(p.counted_from, p.counted_to, p.days) for p in result.periods] == [
        (date(2014, 4, 15), date(2014, 12, 31), 261)
    ]
    assert (result.membership_days, result.days_in_year) == (261, 365)
    assert result.weight == Fraction(26355 * 261, 365)
    assert result.amount_ore == 2429103


def test_ekero_2014_is_reproduced_from_the_json_numbers_alone(dataset):
    """From the JSON record alone a calculator gets 24 291,03 kr: weight, quota, floor, extra."""
    record = explanation_record(explain(dataset, 2014, "0125"))
    population, membership = record["population"], record["membership"]
    weight = Fraction(population["inhabitants"] * membership["days"], membership["days_in_year"])
    assert str(weight) == record["weight"]["fraction"]
    total_ore = 0
    for pool in record["pools"]:
        total_weight = Fraction(pool["total_weight"]["fraction"])
        quota = Fraction(pool["amount_ore"]) * Fraction(pool["weight"]["fraction"]) / total_weight
        assert str(quota) == pool["quota_ore"]["fraction"]
        floor = quota.numerator // quota.denominator
        assert floor == pool["floor_ore"]
        gets_extra = pool["rank"] <= pool["leftover_units"]
        assert gets_extra is pool["extra_unit"]
        total_ore += floor + gets_extra
    assert total_ore == record["amount_ore"] == 2429103
    assert record["amount"] == "24291.03"


def test_member_by_name_in_any_case_and_did_you_mean(dataset):
    """Names match in any case but with their own diacritics; a miss suggests, never decides."""
    assert explain(dataset, 2014, "EKERÖ").kommunkod == "0125"
    for typed in ("Ekrö", "EKERO"):
        with pytest.raises(UsageError) as caught:
            explain(dataset, 2014, typed)
        assert caught.value.hint == "did you mean Ekerö?"


def test_not_a_member_that_year_is_a_usage_error(dataset):
    """Ekerö was no member in 2013: the error lists that year's members."""
    with pytest.raises(UsageError, match="not a member in 2013") as caught:
        explain(dataset, 2013, "0125")
    assert "0114 Upplands Väsby" in caught.value.hint


def _two_equal_members(dataset, budget_ore):
    on = date(2013, 12, 31)
    return dataset.model_copy(
        update={
            "memberships": tuple(
                Membership.model_validate({"kommunkod": k, "from": "2012-10-01"})
                for k in ("0114", "0115")
            ),
            "population": tuple(
                PopulationFigure(kommunkod=k, reference_date=on, inhabitants=1000)
                for k in ("0114", "0115")
            ),
            "budget_lines": (BudgetLine(year=2014, line="x", amount_ore=budget_ore),),
        }
    )


def test_a_tie_is_explained_as_broken_by_kommunkod(dataset):
    """Two equal members and 1 öre: the lower kommunkod gets it, and both say why."""
    tied = _two_equal_members(dataset, 1)
    first, second = explain(tied, 2014, "0114"), explain(tied, 2014, "0115")
    assert (first.amount_ore, second.amount_ore) == (1, 0)
    assert first.pools[0].tied_with == ("0115",)
    assert "ordered by kommunkod ascending" in leftover_reason(second.pools[0])
    assert leftover_reason(second.pools[0]).endswith(
        "ranks 2 of 2, so it gets none (its remainder equals that of 0114: "
        "equal remainders are ordered by kommunkod ascending)"
    )


def test_no_leftover_is_said_plainly(dataset):
    """An even split leaves nothing to hand out, and the reason says so."""
    step = explain(_two_equal_members(dataset, 2), 2014, "0115").pools[0]
    assert (step.extra_unit, leftover_reason(step)) == (
        False,
        "the floors already sum to the pool: no öre left over",
    )


# --- base-fee pools: the rule and the figures, reproducible from the JSON alone ---------


def _example_with_vaxholm_joining(tmp_path: Path, joined: str) -> Path:
    """The example dataset (a 120 000 kr base fee in 2018) with Vaxholm joining on ``joined``."""
    data = tmp_path / "example"
    data.mkdir()
    for source in EXAMPLE.iterdir():
        text = source.read_bytes()
        if source.name == "memberships.csv":
            text = text.replace(b"0187,2018-07-01,", f"0187,{joined},".encode())
        (data / source.name).write_bytes(text)
    return data


def _base_fee_part_by_hand(pool: dict[str, Any]) -> int:
    """A member's base-fee part from its JSON pool step, as a finance officer would get it."""
    fee, unit = pool["base_fee"], pool["unit_ore"]
    lines = [
        line["fee_ore"] * fee["member_days"] // (fee["days_in_year"] * unit) * unit
        for line in fee["lines"]
    ]
    assert lines == [line["amount_ore"] for line in fee["lines"]]
    assert sum(lines) == pool["amount_ore"]
    full_year_ore = fee["fee_ore"] * len(fee["full_year_members"])
    assert (full_year_ore, pool["amount_ore"] - full_year_ore) == (
        fee["full_year_ore"],
        fee["rest_ore"],
    )
    if pool["rule"] == "full-year-fee":
        assert Fraction(pool["quota_ore"]["fraction"]) == fee["fee_ore"]
        return int(fee["fee_ore"])
    assert pool["rule"] == "part-year-rest"
    assert pool["split_ore"] == fee["rest_ore"]
    assert pool["members"] == len(fee["part_year_members"])
    quota = (
        pool["split_ore"]
        * Fraction(pool["weight"]["fraction"])
        / Fraction(pool["total_weight"]["fraction"])
    )
    assert str(quota) == pool["quota_ore"]["fraction"]
    floor = quota.numerator // quota.denominator // unit * unit
    assert floor == pool["floor_ore"]
    return floor + unit * (pool["rank"] <= pool["leftover_units"])


@pytest.mark.parametrize(
    ("joined", "member", "expected"),
    [
        # 120 000 kr × (4 × 365 + 4) member-days ÷ 365 = 481 315,068… → 481 315,06 kr;
        # the four full-year members pay 480 000,00 kr, Vaxholm (4 days) the rest
        ("2018-12-28", "Danderyd", 12_000_000),
        ("2018-12-28", "Vaxholm", 131_506),
        # 120 000 kr × 1 644 member-days ÷ 365 = 540 493,150… → 540 493,15 kr
        ("2018-07-01", "Täby", 12_000_000),
        ("2018-07-01", "Vaxholm", 6_049_315),
    ],
)
def test_a_base_fee_part_is_reproduced_from_the_json_numbers_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, joined: str, member: str, expected: int
) -> None:
    """The example's 2018 base fee: from explain's JSON alone a calculator gets the pool
    (fee × member-days ÷ days, rounded down), a full-year member's part (the fee itself)
    and a part-year member's part (the rest, split by days among the part-year members),
    to the öre; the JSON says which rule applies and the human table says the same."""
    data = _example_with_vaxholm_joining(tmp_path, joined)
    record = explanation_record(explain(load_dataset(data), 2018, member))
    [pool] = [p for p in record["pools"] if p["pool"] == "base_fee"]
    assert _base_fee_part_by_hand(pool) == pool["part_ore"] == expected
    monkeypatch.setenv("COLUMNS", "300")
    monkeypatch.setenv("NO_COLOR", "1")
    result = runner.invoke(app, ["explain", "-y", "2018", "-m", member, "--data-dir", str(data)])
    assert result.exit_code == 0
    if expected == 12_000_000:
        assert unbroken("a full-year member's quota is the fee itself: 12 000 000 öre") in (
            result.stdout
        )
    else:
        assert "split by days among the part-year members (0187)" in result.stdout
    assert "each full-year member pays exactly the fee (0115, 0117, 0160, 0162)" in result.stdout


def test_every_ore_of_the_example_is_reproduced_from_the_json_alone(tmp_path: Path) -> None:
    """Every member's every pool in the example's 2018 (Vaxholm joining 2018-12-28): the
    part follows from the step's own figures, ``split_ore × weight ÷ total_weight``,
    floored, plus a leftover unit when its rank is within the leftover units."""
    data = load_dataset(_example_with_vaxholm_joining(tmp_path, "2018-12-28"))
    for member in ("0115", "0117", "0160", "0162", "0187"):
        record = explanation_record(explain(data, 2018, member))
        total = 0
        for pool in record["pools"]:
            quota = (
                pool["split_ore"]
                * Fraction(pool["weight"]["fraction"])
                / Fraction(pool["total_weight"]["fraction"])
            )
            assert str(quota) == pool["quota_ore"]["fraction"]
            floor = quota.numerator // quota.denominator // pool["unit_ore"] * pool["unit_ore"]
            total += floor + pool["unit_ore"] * (pool["rank"] <= pool["leftover_units"])
        assert total == record["amount_ore"]
