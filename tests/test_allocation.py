"""Allocation laws: exact to the öre, pro-rated by days, largest remainder, kommunkod ties."""

from __future__ import annotations

import random
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from norrort_cost import UsageError, allocate
from norrort_cost.allocation.yearly import largest_remainder
from norrort_cost.dataset.models import Dataset, Membership


def test_ekero_2014_pays_for_its_261_days(dataset: Dataset) -> None:
    """Ekerö joined 2014-04-15: 26 355 inhabitants, 261 of 365 days, 24 291,03 kr."""
    share = allocate(dataset, 2014).share_of("0125")
    assert share.inhabitants == 26355
    assert share.population_date == date(2013, 12, 31)
    assert (share.membership_days, share.days_in_year) == (261, 365)
    assert share.amount_ore == 2429103


@pytest.mark.parametrize("year", range(2013, 2020))
def test_every_year_sums_exactly_to_its_budget(dataset: Dataset, year: int) -> None:
    """The shares of every budget year add up to the budget, öre for öre."""
    result = allocate(dataset, year)
    assert sum(s.amount_ore for s in result.shares) == result.budget_ore
    assert result.budget_ore == sum(line.amount_ore for line in dataset.lines_for(year))


def test_2013_has_the_fourteen_founders_only(dataset: Dataset) -> None:
    """Before Ekerö joined, the 14 founding members share the budget."""
    codes = [s.kommunkod for s in allocate(dataset, 2013).shares]
    assert len(codes) == 14
    assert "0125" not in codes


def test_population_date_can_be_overridden(dataset: Dataset) -> None:
    """Another reference date weighs the members by the figures at that date."""
    result = allocate(dataset, 2014, population_date=date(2014, 12, 31))
    assert result.share_of("0125").inhabitants == 26698
    assert sum(s.amount_ore for s in result.shares) == result.budget_ore


def test_whole_kronor_rounding(dataset: Dataset) -> None:
    """With rounding unit krona every amount is whole kronor and the sum still exact."""
    result = allocate(dataset, 2014, rounding_unit="krona")
    assert all(s.amount_ore % 100 == 0 for s in result.shares)
    assert sum(s.amount_ore for s in result.shares) == 85700000
    assert result.rounding_unit == "krona"


def test_a_year_without_budget_lists_the_years_available(dataset: Dataset) -> None:
    """Asking for a year with no budget names the years that have one."""
    with pytest.raises(UsageError) as caught:
        allocate(dataset, 2030)
    assert "2013, 2014, 2015, 2016, 2017, 2018, 2019" in caught.value.hint


def test_leap_years_have_366_days(dataset: Dataset) -> None:
    """2016 is a leap year: a member all year has 366 of 366 days."""
    share = allocate(dataset, 2016).share_of("0114")
    assert (share.membership_days, share.days_in_year) == (366, 366)


def test_leaving_mid_year_counts_inclusive_days(dataset: Dataset) -> None:
    """A member that leaves on 2015-06-30 pays for 1 January to 30 June: 181 days."""
    memberships = tuple(
        m.model_copy(update={"end": date(2015, 6, 30)}) if m.kommunkod == "0187" else m
        for m in dataset.memberships
    )
    changed = dataset.model_copy(update={"memberships": memberships})
    result = allocate(changed, 2015)
    assert result.share_of("0187").membership_days == 181
    assert sum(s.amount_ore for s in result.shares) == result.budget_ore
    assert "0187" not in [s.kommunkod for s in allocate(changed, 2016).shares]


def test_equal_remainders_go_to_the_lower_kommunkod() -> None:
    """Three equal members and 100 öre: 34, 33, 33, the extra öre to the lowest code."""
    split = largest_remainder(100, {"0187": 5, "0114": 5, "0160": 5})
    assert {k: a.amount_ore for k, a in split.items()} == {"0114": 34, "0160": 33, "0187": 33}
    assert split["0114"].extra_unit
    assert split["0114"].rank == 1


weights_strategy = st.dictionaries(
    st.from_regex(r"[0-2][0-9]{3}", fullmatch=True),
    st.integers(min_value=0, max_value=10**9),
    min_size=1,
    max_size=30,
).filter(lambda w: sum(w.values()) > 0)


@given(total=st.integers(min_value=0, max_value=10**13), weights=weights_strategy)
def test_parts_always_sum_to_the_total(total: int, weights: dict[str, int]) -> None:
    """Largest remainder never loses or invents an öre."""
    split = largest_remainder(total, weights)
    assert sum(a.amount_ore for a in split.values()) == total


@given(total=st.integers(min_value=0, max_value=10**13), weights=weights_strategy)
def test_each_part_is_within_one_unit_of_its_exact_quota(
    total: int, weights: dict[str, int]
) -> None:
    """Every member gets its exact quota rounded down or up, never further off."""
    weight_sum = sum(weights.values())
    for code, part in largest_remainder(total, weights).items():
        quota = Fraction(total * weights[code], weight_sum)
        assert abs(part.amount_ore - quota) < 1


@given(
    total=st.integers(min_value=0, max_value=10**13), weights=weights_strategy, seed=st.integers()
)
def test_the_order_of_members_does_not_matter(
    total: int, weights: dict[str, int], seed: int
) -> None:
    """Shuffling the input gives the same amounts: the rule is order-independent."""
    items = list(weights.items())
    random.Random(seed).shuffle(items)  # noqa: S311 - a test shuffle, not cryptography
    first = {k: a.amount_ore for k, a in largest_remainder(total, weights).items()}
    assert {k: a.amount_ore for k, a in largest_remainder(total, dict(items)).items()} == first


@given(total=st.integers(min_value=0, max_value=10**13), weights=weights_strategy)
def test_zero_weight_gets_exactly_zero(total: int, weights: dict[str, int]) -> None:
    """A member with no weight pays nothing, even when öre are left over."""
    split = largest_remainder(total, {**weights, "9999": 0})
    assert split["9999"].amount_ore == 0


def test_membership_days_are_inclusive() -> None:
    """A membership from 15 April counts 15 April itself: 261 days in 2014."""
    membership = Membership(kommunkod="0125", start=date(2014, 4, 15))
    assert membership.days_in(date(2014, 1, 1), date(2014, 12, 31)) == 261
    assert membership.days_in(date(2013, 1, 1), date(2013, 12, 31)) == 0


def test_the_sum_guard_refuses_parts_that_do_not_add_up() -> None:
    """The guard every split and every invoice run passes through: parts that add up to the
    total pass, parts one öre off stop the run (an ArithmeticError, never an invoice)."""
    from norrort_cost.allocation.yearly import check_sum

    check_sum(85_700_000, [2_429_103, 83_270_897])
    with pytest.raises(ArithmeticError, match="sum to 85700001, not 85700000"):
        check_sum(85_700_000, [2_429_104, 83_270_897])
