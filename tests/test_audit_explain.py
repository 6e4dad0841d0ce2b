"""explain: every step from inputs to amount, reproducible by hand."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from norrort_cost.audit.explain import explain
from norrort_cost.dataset.models import BudgetLine, Membership, PopulationFigure
from norrort_cost.problems import UsageError
from norrort_cost.rendering.audit_records import explanation_record, leftover_reason


def test_ekero_2014_shows_the_inputs(dataset):
    """Ekerö 2014: 26 355 inhabitants at 2013-12-31, member 2014-04-15 on, 261 of 365 days."""
    result = explain(dataset, 2014, "Ekerö")
    assert (result.kommunkod, result.inhabitants) == ("0125", 26355)
    assert result.population_date == date(2013, 12, 31)
    assert result.population_rule.startswith("previous-year-end")
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
