"""Allocation keys in the core: each pool split exactly, members' totals summing to the budget."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from fractions import Fraction
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from norrort_cost.allocation.yearly import allocate
from norrort_cost.dataset.models import (
    AllocationKey,
    BudgetLine,
    Dataset,
    FixedAmount,
    Membership,
    Municipality,
    PopulationFigure,
    Settings,
)
from norrort_cost.loading import default_data_dir, load_dataset
from norrort_cost.problems import DataError

EXAMPLE = default_data_dir() / "examples" / "overformyndare"
YEAR = 2014
ON = date(2013, 12, 31)
UNIT = {"ore": 1, "krona": 100}


@cache
def municipalities() -> tuple[Municipality, ...]:
    """The embedded dataset's 15 real codes with valid orgnr, loaded when first drawn."""
    return load_dataset().municipalities


def parts_by_pool(allocation):
    return {s.kommunkod: {p.pool: p.amount_ore for p in s.parts} for s in allocation.shares}


# --- the default dataset is unchanged -------------------------------------------------

EXPECTED_2014 = {  # öre, as before allocation keys existed (all per capita, one pool)
    "0114": 5342558,
    "0115": 4075136,
    "0117": 5219592,
    "0123": 8915262,
    "0125": 2429103,
    "0139": 3184087,
    "0160": 8544690,
    "0162": 4153246,
    "0163": 8783532,
    "0183": 5494267,
    "0184": 9375803,
    "0186": 5823206,
    "0187": 1442074,
    "0188": 7327021,
    "0191": 5590423,
}


def test_default_2014_allocation_is_unchanged():
    """Koordination Norrort 2014: every member's amount as before; Ekerö pays 24 291,03 kr."""
    allocation = allocate(load_dataset(), 2014)
    assert {s.kommunkod: s.amount_ore for s in allocation.shares} == EXPECTED_2014
    assert allocation.share_of("0125").amount_ore == 2429103


@pytest.mark.parametrize("year", range(2013, 2020))
def test_default_per_capita_lines_stay_one_pool(year):
    """All four per-capita lines of a Norrort year form the single per_capita pool."""
    allocation = allocate(load_dataset(), year)
    assert [(p.name, len(p.lines)) for p in allocation.pools] == [("per_capita", 4)]
    assert allocation.pools[0].amount_ore == allocation.budget_ore
    assert all(len(s.parts) == 1 for s in allocation.shares)


# --- the example dataset ---------------------------------------------------------------


@pytest.mark.parametrize("year", [2018, 2019])
def test_example_dataset_sums_exactly_pool_by_pool(year):
    """Each pool's parts sum to the pool, the pools to the budget, the members to the budget."""
    allocation = allocate(load_dataset(EXAMPLE), year)
    assert sum(p.amount_ore for p in allocation.pools) == allocation.budget_ore
    assert sum(s.amount_ore for s in allocation.shares) == allocation.budget_ore
    for pool in allocation.pools:
        parts = [p for s in allocation.shares for p in s.parts if p.pool == pool.name]
        assert sum(p.amount_ore for p in parts) == pool.amount_ore


def test_example_2018_pools_and_what_feeds_them():
    """2018: base fee, per capita (with the base-fee line's rest), equal (with the fixed
    line's rest), fixed; in the order the lines first feed them."""
    allocation = allocate(load_dataset(EXAMPLE), 2018)
    assert [(p.name, p.contributions) for p in allocation.pools] == [
        ("base_fee", (("Nämnd och kansli", 54049315),)),
        (
            "per_capita",
            (("Nämnd och kansli", 85950685), ("Handläggning av ärenden", 320000000)),
        ),
        (
            "equal",
            (
                ("Utbildning av ställföreträdare", 18000000),
                ("Verksamhetssystem (licenser)", 11000000),
            ),
        ),
        ("fixed", (("Verksamhetssystem (licenser)", 14000000),)),
    ]


def test_example_2018_base_fee_is_the_fee_for_a_full_year_and_pro_rated_otherwise():
    """Full-year members pay exactly 120 000 kr of base fee; Vaxholm (184 of 365 days)
    pays 120 000 × 184/365 = 60 493,15 kr."""
    parts = parts_by_pool(allocate(load_dataset(EXAMPLE), 2018))
    assert {k: p["base_fee"] for k, p in parts.items()} == {
        "0115": 12000000,
        "0117": 12000000,
        "0160": 12000000,
        "0162": 12000000,
        "0187": 6049315,
    }
    assert parts["0160"]["fixed"] == 8000000
    assert parts["0162"]["fixed"] == 0


def test_example_2019_fixed_remainder_goes_per_capita_by_default():
    """2019's fixed line has no fallback: its 100 000 kr rest joins the per_capita pool."""
    allocation = allocate(load_dataset(EXAMPLE), 2019)
    per_capita = next(p for p in allocation.pools if p.name == "per_capita")
    assert ("Verksamhetssystem (licenser)", 10000000) in per_capita.contributions
    assert [p.name for p in allocation.pools] == ["base_fee", "per_capita", "equal", "fixed"]


def test_example_in_kronor_keeps_fixed_amounts_and_sums_exactly():
    """Rounding to whole kronor: key pools in kronor, fixed amounts as given, sum exact."""
    allocation = allocate(load_dataset(EXAMPLE), 2018, rounding_unit="krona")
    assert sum(s.amount_ore for s in allocation.shares) == allocation.budget_ore
    for share in allocation.shares:
        for part in share.parts:
            assert part.pool == "fixed" or part.amount_ore % 100 == 0


def test_core_refuses_a_dataset_whose_fixed_amounts_exceed_the_line():
    """A dataset built in code gets the loader's problem, without a file line."""
    dataset = load_dataset(EXAMPLE)
    too_much = FixedAmount(
        year=2018, line="Verksamhetssystem (licenser)", kommunkod="0162", amount_ore=20_000_000
    )
    broken = dataset.model_copy(update={"fixed_amounts": (*dataset.fixed_amounts, too_much)})
    with pytest.raises(DataError) as caught:
        allocate(broken, 2018)
    assert [(p.file, p.line, p.code) for p in caught.value.problems] == [
        ("budget.csv", None, "fixed-exceeds-line")
    ]


# --- properties --------------------------------------------------------------------------


@st.composite
def cooperations(draw: st.DrawFn) -> tuple[Dataset, str]:
    """A random cooperation in 2014 with lines of every key.

    Budget lines are in whole kronor; fixed amounts in öre, to be paid exactly even when
    the rounding unit is the krona (the line's rest after them is whole kronor).
    """
    chosen = draw(st.lists(st.sampled_from(municipalities()), min_size=1, max_size=8, unique=True))
    codes = sorted(m.kommunkod for m in chosen)
    starts = {k: date(YEAR, 1, 1) + timedelta(draw(st.integers(-30, 364))) for k in codes}
    days = {k: (date(YEAR, 12, 31) - max(s, date(YEAR, 1, 1))).days + 1 for k, s in starts.items()}
    kronor = st.integers(0, 2_000_000)
    lines = [
        BudgetLine(year=YEAR, line="A", amount_ore=draw(kronor) * 100),
        BudgetLine(year=YEAR, line="B", amount_ore=draw(kronor) * 100, key=AllocationKey.EQUAL),
    ]
    fee = draw(st.integers(0, 50_000)) * 100
    fees = Fraction(fee * sum(days.values()), 365)
    lines.append(
        BudgetLine(
            year=YEAR,
            line="C",
            key=AllocationKey.BASE_FEE,
            base_fee_ore=fee,
            amount_ore=(int(fees) // 100 + 1 + draw(kronor)) * 100,
        )
    )
    fixed = [
        FixedAmount(year=YEAR, line="D", kommunkod=k, amount_ore=draw(st.integers(0, 2 * 10**8)))
        for i, k in enumerate(codes)
        if i == 0 or draw(st.booleans())  # a fixed line needs at least one amount
    ]
    lines.append(
        BudgetLine(
            year=YEAR,
            line="D",
            key=AllocationKey.FIXED,
            fallback=draw(st.sampled_from([None, AllocationKey.EQUAL])),
            amount_ore=sum(f.amount_ore for f in fixed) + draw(kronor) * 100,
        )
    )
    dataset = Dataset(
        settings=Settings(name="Test"),
        municipalities=tuple(chosen),
        population=tuple(
            PopulationFigure(
                kommunkod=k, reference_date=ON, inhabitants=draw(st.integers(1, 10**6))
            )
            for k in codes
        ),
        memberships=tuple(Membership(kommunkod=k, start=starts[k]) for k in codes),
        budget_lines=tuple(lines),
        fixed_amounts=tuple(fixed),
    )
    return dataset, draw(st.sampled_from(["ore", "krona"]))


@settings(max_examples=60, deadline=None)
@given(cooperations())
def test_every_key_sums_exactly_and_each_part_is_within_one_unit_of_its_quota(case):
    """For any mix of keys: each pool sums exactly, each member's part of a pool is within
    one rounding unit of its exact quota, and the members' totals sum to the budget."""
    dataset, unit = case
    allocation = allocate(dataset, YEAR, rounding_unit=unit)
    assert sum(s.amount_ore for s in allocation.shares) == allocation.budget_ore
    for pool in allocation.pools:
        parts = [p for s in allocation.shares for p in s.parts if p.pool == pool.name]
        assert sum(p.amount_ore for p in parts) == pool.amount_ore
        for part in parts:
            assert abs(part.amount_ore - part.quota_ore) < UNIT[unit]
            assert part.floor_ore <= part.quota_ore


@settings(max_examples=40, deadline=None)
@given(cooperations(), st.randoms(use_true_random=False))
def test_allocation_does_not_depend_on_the_order_of_the_input(case, rnd: random.Random):
    """Shuffling members, figures, memberships, lines and fixed rows changes no amount."""
    dataset, unit = case

    def shuffled(items: tuple) -> tuple:
        items = list(items)
        rnd.shuffle(items)
        return tuple(items)

    other = dataset.model_copy(
        update={
            name: shuffled(getattr(dataset, name))
            for name in (
                "municipalities",
                "population",
                "memberships",
                "budget_lines",
                "fixed_amounts",
            )
        }
    )
    first = allocate(dataset, YEAR, rounding_unit=unit)
    again = allocate(other, YEAR, rounding_unit=unit)
    assert parts_by_pool(again) == parts_by_pool(first)


@settings(max_examples=40, deadline=None)
@given(cooperations())
def test_equal_parts_of_full_year_members_differ_by_at_most_one_unit(case):
    """Members for the whole year get equal parts and base fees, give or take one unit;
    a full-year member's base fee is exactly the fee."""
    dataset, unit = case
    allocation = allocate(dataset, YEAR, rounding_unit=unit)
    full = [s for s in allocation.shares if s.membership_days == s.days_in_year]
    fee = dataset.budget_lines[2].base_fee_ore or 0
    for name in ("equal", "base_fee"):
        amounts = [p.amount_ore for s in full for p in s.parts if p.pool == name]
        if amounts:
            assert max(amounts) - min(amounts) <= UNIT[unit]
    if unit == "ore" and len(full) == len(allocation.shares):
        assert {p.amount_ore for s in full for p in s.parts if p.pool == "base_fee"} <= {fee}


@settings(max_examples=40, deadline=None)
@given(cooperations())
def test_fixed_amounts_are_paid_exactly_as_given(case):
    """The fixed pool gives each member exactly its amounts from fixed_amounts, nothing else."""
    dataset, unit = case
    allocation = allocate(dataset, YEAR, rounding_unit=unit)
    given_ore = {f.kommunkod: f.amount_ore for f in dataset.fixed_amounts}
    for share in allocation.shares:
        fixed = [p.amount_ore for p in share.parts if p.pool == "fixed"]
        assert fixed in ([], [given_ore.get(share.kommunkod, 0)])


def test_json_record_of_default_year_keeps_its_keys_and_adds_pools():
    """With by_pool the JSON record of the default data keeps every v1 key, adds pools and parts."""
    from norrort_cost.rendering.records import allocation_record

    result = allocate(load_dataset(), 2014)
    assert "pools" not in allocation_record(result)
    record = json.loads(json.dumps(allocation_record(result, by_pool=True)))
    assert record["schema_version"] == 1
    assert [p["name"] for p in record["pools"]] == ["per_capita"]
    ekero = next(s for s in record["shares"] if s["kommunkod"] == "0125")
    assert ekero["amount_ore"] == 2429103
    assert ekero["parts"] == [
        {
            "pool": "per_capita",
            "weight": ekero["parts"][0]["weight"],
            "quota_ore": ekero["parts"][0]["quota_ore"],
            "floor_ore": 2429102,
            "amount": "24291.03",
            "amount_ore": 2429103,
            "rank": ekero["parts"][0]["rank"],
            "extra_unit": True,
        }
    ]
