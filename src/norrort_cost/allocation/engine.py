"""The largest-remainder engine: many cost pools split among many members at once.

Every pool (a row) splits a whole number of units (öre, or kronor) among the members (the
columns) in proportion to integer weights, by the largest-remainder (Hamilton) method:

* each member gets the floor of its exact quota ``total * w / W`` (``W`` = the pool's
  weight sum);
* the units left over go one each to the largest remainders ``total * w mod W``;
* equal remainders are ordered by kommunkod ascending.

The rule has two implementations that agree exactly (tests compare them pool by pool):
:func:`apportion` splits one pool in pure Python (what :func:`norrort_cost.allocation.allocate`
and the installments use: exact integers, no numpy to import for fifteen members), and
:func:`allocate_many` splits many pools with numpy, imported only when it is called.

Exact integer arithmetic, never floats. ``total * w`` can exceed 64 bits (10^11 öre times a
weight of 3.8·10^8), so the engine computes, with ``q, r = divmod(total, W)``::

    floor = q * w + (r * w) // W        remainder = (r * w) % W

``q * w <= total`` always fits; ``r * w < W * w`` is computed in unsigned 64 bits, which is
exact whenever ``r * max(w) < 2**64`` (always so when ``W < 2**32``, e.g. every Swede
weighted by 366 days). Pools beyond that bound, or inputs beyond 64 bits, are computed with
Python integers instead: slower, still exact. Nothing ever overflows silently.

Memory: pools are processed in blocks, so beyond the result (one ``int64`` per pool and
member, plus one ``bool``) the engine holds a few block-sized temporaries only.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import ArrayLike, NDArray

INT64_MAX = 2**63 - 1
UINT64_MAX = 2**64 - 1
BLOCK_ELEMENTS = 1 << 16
"""Pools per block are chosen so that a block holds at most this many pool × member cells."""
BLOCK_FRACTION = 16
"""... and at most one sixteenth of the pools, so temporaries stay small next to the result."""


@dataclass(frozen=True, slots=True)
class BulkAllocation:
    """Many pools split at once. Row ``i`` is pool ``i``; column ``j`` is member ``codes[j]``.

    ``units[i, j]`` is what member ``j`` gets from pool ``i``, in whole units (``int64``, or
    Python integers for inputs beyond 64 bits); each row sums exactly to its pool's total.
    ``extra[i, j]`` tells whether that includes one leftover unit.
    """

    codes: tuple[str, ...]
    totals: NDArray[Any]
    units: NDArray[Any]
    extra: NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class PoolSplit:
    """One pool split, with every figure behind it, per member in the order given."""

    weight_sum: int
    floors: list[int]
    remainders: list[int]
    ranks: list[int]
    extra: list[bool]


def allocate_many(totals: ArrayLike, weights: ArrayLike, codes: Sequence[str]) -> BulkAllocation:
    """Split each pool's total (whole units) among members in proportion to integer weights.

    ``totals`` has one non-negative integer per pool; ``weights`` is a pools × members
    array of non-negative integers whose columns belong to ``codes`` (kommunkoder, used to
    break ties: equal remainders go to the lower kommunkod first). A pool whose weights are
    all zero must have a zero total. Raises ``ValueError`` on bad input. Plain arrays in
    and out: tables of pools (pandas) are the adapter's
    (:func:`norrort_cost.allocation.frames.allocate_frame`).

    >>> result = allocate_many([10, 7], [[1, 1, 1], [0, 2, 5]], ["0117", "0115", "0114"])
    >>> result.units.tolist()
    [[3, 3, 4], [0, 2, 5]]
    """
    import numpy as np

    total_array, weight_array = _checked(totals, weights, codes)
    pools, members = weight_array.shape
    order = _kommunkod_order(codes)
    permuted = bool((order != np.arange(members)).any())
    units = np.empty((pools, members), dtype=total_array.dtype)
    extra = np.empty((pools, members), dtype=bool)
    step = max(1, min(BLOCK_ELEMENTS // max(members, 1), -(-pools // BLOCK_FRACTION)))
    for start in range(0, pools, step):
        rows = slice(start, start + step)
        block = weight_array[rows][:, order] if permuted else weight_array[rows]
        floors, remainders, weight_sums = _floors_and_remainders(total_array[rows], block)
        leftover = total_array[rows] - floors.sum(axis=1)
        block_extra = _leftover_winners(leftover, remainders, weight_sums)
        del remainders
        floors += block_extra if floors.dtype != object else block_extra.astype(object)
        if permuted:
            units[rows, order] = floors
            extra[rows, order] = block_extra
        else:
            units[rows] = floors
            extra[rows] = block_extra
    return BulkAllocation(tuple(codes), total_array, units, extra)


def apportion(total: int, weights: Sequence[int], codes: Sequence[str]) -> PoolSplit:
    """Split one pool, keeping floors, remainders and ranks (1 = largest remainder).

    Pure Python, exact: ``floor = total * w // W`` and ``remainder = total * w % W`` (the
    same figures :func:`allocate_many` computes in 64 bits); the leftover units go to the
    largest remainders, equal remainders to the lower kommunkod. Ranks are for explanation.
    Raises ``ValueError`` on bad input, as :func:`allocate_many` does.
    """
    if len(weights) != len(codes):
        raise ValueError(f"1 totals and {len(codes)} codes for weights 1×{len(weights)}")
    amount, shares = _whole(total, "totals"), [_whole(w, "weights") for w in weights]
    if amount < 0 or any(w < 0 for w in shares):
        raise ValueError("totals and weights must be non-negative")
    ranked = sorted(range(len(codes)), key=codes.__getitem__)
    if any(codes[a] == codes[b] for a, b in pairwise(ranked)):
        raise ValueError("member codes must be unique")
    weight_sum = sum(shares)
    if weight_sum == 0 and amount != 0:
        raise ValueError("a positive amount cannot be split over members that all weigh nothing")
    divisor = weight_sum or 1
    floors = [amount * w // divisor for w in shares]
    remainders = [amount * w % divisor for w in shares]
    leftover = amount - sum(floors)
    ranked.sort(key=lambda j: -remainders[j])  # stable: equal remainders keep kommunkod order
    ranks = [0] * len(codes)
    for rank, member in enumerate(ranked, start=1):
        ranks[member] = rank
    return PoolSplit(
        weight_sum=weight_sum,
        floors=floors,
        remainders=remainders,
        ranks=ranks,
        extra=[rank <= leftover for rank in ranks],
    )


def _whole(value: object, name: str) -> int:
    """``value`` as a Python integer (numpy integers too); ValueError for anything else."""
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise ValueError(f"{name} must be integers (whole units)") from None


def _kommunkod_order(codes: Sequence[str]) -> NDArray[np.intp]:
    """Column positions sorted by kommunkod (Python string order); codes must be unique."""
    import numpy as np

    order = sorted(range(len(codes)), key=codes.__getitem__)
    if any(codes[a] == codes[b] for a, b in pairwise(order)):
        raise ValueError("member codes must be unique")
    return np.asarray(order, dtype=np.intp)


def _leftover_winners(
    leftover: NDArray[Any], remainders: NDArray[Any], weight_sums: NDArray[Any]
) -> NDArray[np.bool_]:
    """Which members get a leftover unit: per row, the ``leftover`` largest remainders.

    Columns are in kommunkod order, so equal remainders go to the lower column first. Fast
    path: the unique key ``remainder * M + (M - 1 - column)`` orders exactly like
    (remainder descending, kommunkod ascending); a plain sort of the keys gives each row's
    threshold. When the keys would not fit in int64, a stable argsort does the same.
    """
    import numpy as np

    pools, members = remainders.shape
    if not members:
        return np.zeros((pools, 0), dtype=bool)
    if remainders.dtype != object and int(weight_sums.max(initial=0)) <= INT64_MAX // members:
        keys = remainders * members
        keys += np.arange(members - 1, -1, -1)
        position = np.clip(members - leftover.astype(np.int64), 0, members - 1)
        threshold = np.take_along_axis(np.sort(keys, axis=1), position[:, np.newaxis], axis=1)
        chosen: NDArray[np.bool_] = (keys >= threshold) & (leftover > 0)[:, np.newaxis]
        return chosen
    ranking = np.argsort(-remainders, axis=1, kind="stable")
    winners = np.empty((pools, members), dtype=bool)
    chosen = np.arange(members) < leftover[:, np.newaxis]
    np.put_along_axis(winners, ranking, chosen, axis=1)
    return winners


def _checked(
    totals: ArrayLike, weights: ArrayLike, codes: Sequence[str]
) -> tuple[NDArray[Any], NDArray[Any]]:
    """Validate and convert: ``int64`` arrays when everything fits, Python integers if not."""

    total_array = _integers(totals, "totals")
    weight_array = _integers(weights, "weights")
    if total_array.ndim != 1 or weight_array.ndim != 2:
        raise ValueError("totals must be one-dimensional and weights two-dimensional")
    pools, members = weight_array.shape
    if total_array.shape[0] != pools or len(codes) != members:
        msg = f"{total_array.shape[0]} totals and {len(codes)} codes for weights {pools}×{members}"
        raise ValueError(msg)
    if (weight_array.size and weight_array.min() < 0) or (pools and total_array.min() < 0):
        raise ValueError("totals and weights must be non-negative")
    if weight_array.size and int(weight_array.max()) > INT64_MAX // members:
        weight_array = weight_array.astype(object)  # sums beyond int64: use Python integers
    if any(array.dtype == object for array in (weight_array, total_array)):
        weight_array, total_array = weight_array.astype(object), total_array.astype(object)
    return total_array, weight_array


def _integers(values: ArrayLike, name: str) -> NDArray[Any]:
    """``values`` as an ``int64`` array, or as Python integers when they do not fit."""
    import numpy as np

    array = np.asarray(values)
    if array.dtype.kind in "iub":
        if array.dtype.kind == "u" and array.size and int(array.max()) > INT64_MAX:
            return _python_integers(array, name)
        return array.astype(np.int64, copy=False)
    if not array.size:
        return array.astype(np.int64)
    if isinstance(values, np.ndarray) and array.dtype != object:
        msg = f"{name} must be integers (whole units), not {array.dtype}"
        raise ValueError(msg)
    # a list with integers beyond 64 bits: numpy makes it float or object; keep them exact
    return _python_integers(np.array(values, dtype=object), name)


def _python_integers(array: NDArray[Any], name: str) -> NDArray[Any]:
    import numpy as np

    if not all(isinstance(v, int | np.integer) for v in array.flat):
        msg = f"{name} must be integers (whole units)"
        raise ValueError(msg)
    exact = np.asarray(np.frompyfunc(int, 1, 1)(array), dtype=object)
    if exact.size and min(exact.flat) >= -INT64_MAX - 1 and max(exact.flat) <= INT64_MAX:
        return exact.astype(np.int64)
    return exact


def _floors_and_remainders(
    totals: NDArray[Any], weights: NDArray[Any]
) -> tuple[NDArray[Any], NDArray[Any], NDArray[Any]]:
    """Floors and remainders of ``totals * weights / W`` per row, exactly; and ``W``."""
    import numpy as np

    weight_sums = weights.sum(axis=1)
    if np.any((weight_sums == 0) & (totals != 0)):
        msg = "a positive amount cannot be split over members that all weigh nothing"
        raise ValueError(msg)
    safe_sums = np.where(weight_sums == 0, 1, weight_sums)
    quotients, rests = totals // safe_sums, totals % safe_sums
    if weights.dtype == object:
        products = rests[:, np.newaxis] * weights
        divisors = safe_sums[:, np.newaxis]
        parts, remainders = products // divisors, products % divisors
        return quotients[:, np.newaxis] * weights + parts, remainders, weight_sums
    largest = weights.max(axis=1, initial=0)
    if np.any(rests.astype(np.uint64) > UINT64_MAX // np.maximum(largest, 1).astype(np.uint64)):
        return _floors_and_remainders(totals.astype(object), weights.astype(object))
    products = rests.astype(np.uint64)[:, np.newaxis] * weights.astype(np.uint64)
    parts, remainders = np.divmod(products, safe_sums.astype(np.uint64)[:, np.newaxis])
    del products
    floors = quotients[:, np.newaxis] * weights
    floors += parts.view(np.int64)  # parts < weights < 2**63: same bits, no float detour
    del parts
    return floors, remainders.view(np.int64), weight_sums  # remainders < W < 2**63
