"""The bulk largest-remainder engine: exact, same rule and tie-break as the single allocation."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from norrort_cost.allocation.engine import allocate_many, apportion
from norrort_cost.allocation.yearly import largest_remainder


def reference_split(total: int, weights: dict[str, int]) -> dict[str, int]:
    """The rule written out with Fractions, as plainly as possible: the oracle."""
    weight_sum = sum(weights.values())
    if weight_sum == 0:
        return dict.fromkeys(weights, 0)
    quotas = {k: Fraction(total * w, weight_sum) for k, w in weights.items()}
    units = {k: q.numerator // q.denominator for k, q in quotas.items()}
    leftover = total - sum(units.values())
    by_remainder = sorted(weights, key=lambda k: (-(quotas[k] - units[k]), k))
    for k in by_remainder[:leftover]:
        units[k] += 1
    return units


codes_strategy = st.lists(
    st.from_regex(r"[0-2][0-9]{3}", fullmatch=True), min_size=1, max_size=12, unique=True
)


@st.composite
def pools(draw: st.DrawFn, weight_max: int = 10**9, total_max: int = 10**12) -> tuple:
    """Several pools over the same members; small weights make ties and zeros common."""
    codes = draw(codes_strategy)
    small = draw(st.booleans())
    weight = st.integers(0, 3) if small else st.integers(0, weight_max)
    rows = draw(st.integers(1, 6))
    weights = [
        draw(st.lists(weight, min_size=len(codes), max_size=len(codes))) for _ in range(rows)
    ]
    totals = [draw(st.integers(0, total_max)) if sum(w) else 0 for w in weights]
    return codes, totals, weights


@settings(max_examples=300, deadline=None)
@given(pools())
def test_bulk_engine_equals_the_fraction_reference(case):
    """Every pool of allocate_many equals the plain Fraction implementation, ties included."""
    codes, totals, weights = case
    result = allocate_many(totals, weights, codes)
    for i, (total, row) in enumerate(zip(totals, weights, strict=True)):
        expected = reference_split(total, dict(zip(codes, row, strict=True)))
        assert dict(zip(codes, result.units[i].tolist(), strict=True)) == expected
        assert int(result.units[i].sum()) == total


@settings(max_examples=300, deadline=None)
@given(pools())
def test_single_allocation_and_bulk_engine_agree(case):
    """largest_remainder (behind allocate) gives each member what allocate_many gives it."""
    codes, totals, weights = case
    result = allocate_many(totals, weights, codes)
    for i, (total, row) in enumerate(zip(totals, weights, strict=True)):
        single = largest_remainder(total, dict(zip(codes, row, strict=True)))
        assert [single[k].amount_ore for k in codes] == result.units[i].tolist()
        assert [single[k].extra_unit for k in codes] == result.extra[i].tolist()
        leftover = total - sum(a.floor_ore for a in single.values())
        assert all(a.extra_unit == (a.rank <= leftover) for a in single.values())


@settings(max_examples=200, deadline=None)
@given(pools(weight_max=2**62 // 12, total_max=2**63 - 1))
@example((["0000"], [12_009_599_006_317_267], [[1]]))  # once rounded through float64
def test_products_beyond_64_bits_stay_exact(case):
    """total × weight far beyond 2**64 (e.g. 10^11 öre × 3.8·10^8) is still split exactly."""
    codes, totals, weights = case
    result = allocate_many(totals, weights, codes)
    for i, (total, row) in enumerate(zip(totals, weights, strict=True)):
        expected = reference_split(total, dict(zip(codes, row, strict=True)))
        assert result.units[i].tolist() == [expected[k] for k in codes]


def test_integers_beyond_64_bits_are_computed_with_python_integers():
    """Totals and weights that do not fit in int64 are accepted and split exactly."""
    total, weights = 2**80 + 5, {"0114": 2**70, "0115": 3, "0117": 2**64}
    result = allocate_many([total], [list(weights.values())], list(weights))
    assert result.units[0].tolist() == list(reference_split(total, weights).values())
    assert sum(result.units[0].tolist()) == total


def test_equal_remainders_go_to_the_lowest_kommunkod_whatever_the_column_order():
    """Ten öre over three equal members: the extra öre goes to 0114, listed last."""
    result = allocate_many([10], [[1, 1, 1]], ["0117", "0115", "0114"])
    assert result.units.tolist() == [[3, 3, 4]]
    assert result.extra.tolist() == [[False, False, True]]


def test_zero_weight_gets_nothing_and_an_all_zero_pool_splits_zero():
    """A member weighing nothing gets 0; a pool of 0 öre over zero weights is all zeros."""
    result = allocate_many([7, 0], [[0, 2, 5], [0, 0, 0]], ["0114", "0115", "0117"])
    assert result.units.tolist() == [[0, 2, 5], [0, 0, 0]]


def test_many_pools_are_processed_in_blocks_with_the_same_result():
    """More pools than one block holds: each row still equals its single split."""
    rng = np.random.default_rng(6)
    members = 290
    codes = [f"{c:04d}" for c in rng.permutation(3000)[:members]]
    weights = rng.integers(0, 10**6, size=(700, members)) * rng.integers(1, 367, size=(700, 1))
    totals = rng.integers(0, 10**11, size=700)
    result = allocate_many(totals, weights, codes)
    assert (result.units.sum(axis=1) == totals).all()
    for i in (0, 255, 699):
        single = largest_remainder(
            int(totals[i]), dict(zip(codes, weights[i].tolist(), strict=True))
        )
        assert result.units[i].tolist() == [single[k].amount_ore for k in codes]


@pytest.mark.parametrize(
    ("totals", "weights", "codes", "message"),
    [
        ([5], [[0, 0]], ["a", "b"], "all weigh nothing"),
        ([-1], [[1, 1]], ["a", "b"], "non-negative"),
        ([5], [[1, -1]], ["a", "b"], "non-negative"),
        ([5], [[1.5, 1]], ["a", "b"], "integers"),
        ([5, 6], [[1, 1]], ["a", "b"], "2 totals"),
        ([5], [[1, 1]], ["a", "a"], "unique"),
    ],
)
def test_bad_input_is_refused(totals, weights, codes, message):
    """Impossible splits and non-integer or negative inputs raise ValueError, saying why."""
    with pytest.raises(ValueError, match=message):
        allocate_many(np.asarray(totals), np.asarray(weights), codes)


def test_apportion_explains_floors_remainders_and_ranks():
    """apportion keeps the figures behind one split, in the order the members were given."""
    split = apportion(10, [1, 1, 1], ["0117", "0115", "0114"])
    assert (split.weight_sum, split.floors, split.remainders) == (3, [3, 3, 3], [1, 1, 1])
    assert split.ranks == [3, 2, 1]
    assert split.extra == [False, False, True]


def test_bulk_allocation_is_part_of_the_library_api():
    """allocate_many and BulkAllocation are exported from norrort_cost."""
    import norrort_cost

    assert norrort_cost.allocate_many is allocate_many
    assert "allocate_many" in norrort_cost.__all__
    assert norrort_cost.BulkAllocation.__name__ == "BulkAllocation"


def test_weight_sums_at_the_edge_of_int64_are_split_exactly():
    """Pools whose weight sum is near 2**62 to 2**64 take the exact path, not an overflow.

    The fast tie-break packs ``remainder × members + column`` into int64; it is safe only
    while the weight sum is at most ``INT64_MAX // members``. This pins that bound: a wider
    guard (``* members``, or 2**64 for INT64_MAX) splits some of these pools wrongly.
    """
    rng = np.random.default_rng(62)
    for members in (2, 3, 5, 12):
        codes = [f"{c:04d}" for c in range(members)]
        for top in (2**62, 2**63 - 1, 2**64):
            weights = [
                [int(w) for w in rng.integers(0, top // members, size=members, dtype=np.uint64)]
                for _ in range(40)
            ]
            # small totals keep remainder × weight within 64 bits: the int64 path is taken
            totals = [int(t) for t in rng.integers(1, 32, size=40)]
            result = allocate_many(totals, weights, codes)
            for i, (total, row) in enumerate(zip(totals, weights, strict=True)):
                expected = reference_split(total, dict(zip(codes, row, strict=True)))
                assert result.units[i].tolist() == [expected[k] for k in codes], (members, top)


def test_weights_whose_sum_does_not_fit_in_int64_are_summed_exactly():
    """Three weights near 2**63 sum beyond int64: one unit goes to one member, not five."""
    weights = {"0114": 2**63 - 1, "0115": 2**62, "0117": 2**63 - 1}
    result = allocate_many([1], [list(weights.values())], list(weights))
    assert result.units[0].tolist() == list(reference_split(1, weights).values()) == [1, 0, 0]
