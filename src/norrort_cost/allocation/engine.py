"""The largest-remainder engine: many cost pools split among many members at once.

Every pool (a row) splits a whole number of units (öre, or kronor) among the members (the
columns) in proportion to integer weights, by the largest-remainder (Hamilton) method:

* each member gets the floor of its exact quota ``total * w / W`` (``W`` = the pool's
  weight sum);
* the units left over go one each to the largest remainders ``total * w mod W``;
* equal remainders are ordered by kommunkod ascending.

This is the one implementation of the rule: :func:`norrort_cost.allocation.yearly.largest_remainder`
(and so :func:`norrort_cost.allocation.allocate`) calls :func:`apportion`, which runs the
same vectorised code as :func:`allocate_many` on a single pool.

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

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

if TYPE_CHECKING:
    pass

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


def allocate_many(
    totals: ArrayLike, weights: ArrayLike, codes: Sequence[str] | None = None
) -> BulkAllocation:
    """Split each pool's total (whole units) among members in proportion to integer weights.

    Arrays in, arrays out: for DataFrames use :func:`norrort_cost.frames.allocate_frame`.

    ``totals`` has one non-negative integer per pool; ``weights`` is a pools × members
    array of non-negative integers whose columns belong to ``codes`` (kommunkoder, used to
    break ties: equal remainders go to the lower kommunkod first). A pool whose weights are
    all zero must have a zero total. Raises ``ValueError`` on bad input.

    >>> result = allocate_many([10, 7], [[1, 1, 1], [0, 2, 5]], ["0117", "0115", "0114"])
    >>> result.units.tolist()
    [[3, 3, 4], [0, 2, 5]]
    """
    if codes is None:
        raise TypeError("codes are needed (for DataFrames: norrort_cost.frames.allocate_frame)")
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

    The same code as :func:`allocate_many`, on one row; the single allocation calls it,
    so that both agree by construction. Ranks are for explanation only.
    """
    total_array, weight_array = _checked([total], [list(weights)], codes)
    members = len(codes)
    order = _kommunkod_order(codes)
    floors, remainders, weight_sums = _floors_and_remainders(total_array, weight_array[:, order])
    leftover = total_array - floors.sum(axis=1)
    extra = _leftover_winners(leftover, remainders, weight_sums)
    ranks = np.empty(members, dtype=np.int64)
    ranks[np.argsort(-remainders[0], kind="stable")] = np.arange(1, members + 1)
    pick = np.empty(members, dtype=np.intp)
    pick[order] = np.arange(members)  # each given member's column in kommunkod order
    return PoolSplit(
        weight_sum=int(weight_sums[0]),
        floors=[int(f) for f in floors[0, pick]],
        remainders=[int(r) for r in remainders[0, pick]],
        ranks=[int(r) for r in ranks[pick]],
        extra=[bool(e) for e in extra[0, pick]],
    )


def _kommunkod_order(codes: Sequence[str]) -> NDArray[np.intp]:
    """Column positions sorted by kommunkod (Python string order); codes must be unique."""
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
