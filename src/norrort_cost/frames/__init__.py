"""pandas adapters at the edge: DataFrames in, the core's plain records and arrays, DataFrames out.

The core never imports this package (``tests/test_layers.py``): ``allocate_many`` takes
and returns arrays, and :func:`allocate_frame` puts a DataFrame around it. Results turn
themselves into frames with ``to_frame()`` (rows built in the core, one type policy:
:mod:`norrort_cost.allocation.tabular`); a workbook the tool wrote is read back by
:func:`norrort_cost.read_workbook` (in ``loading``, the code that reads files).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LONG_COLUMNS", "allocate_frame"]

LONG_COLUMNS = ("pool", "kommunkod", "weight")


def allocate_frame(totals: Any, weights: pd.DataFrame) -> pd.DataFrame:  # noqa: ANN401 - Series, mapping or array
    """:func:`~norrort_cost.allocation.engine.allocate_many` on a DataFrame, giving one back.

    Wide: ``weights`` has one row per pool (its index) and one column per member (its
    kommunkod); ``totals`` is a Series or mapping by pool (or a sequence in row order). The
    result has the same index and columns, holding each member's units (``int64``).

    Long: ``weights`` has columns ``pool``, ``kommunkod`` and ``weight``; ``totals`` is by
    pool. The result is the same rows, in the same order, with ``units`` added.
    """
    import pandas as pd

    from norrort_cost.allocation.engine import allocate_many

    if set(LONG_COLUMNS) <= {str(column) for column in weights.columns}:
        return _allocate_long(totals, weights)
    codes = [str(column) for column in weights.columns]
    result = allocate_many(_by_pool(totals, weights.index), weights.to_numpy(), codes)
    return pd.DataFrame(result.units, index=weights.index, columns=weights.columns)


def _by_pool(totals: Any, pools: pd.Index) -> list[Any]:  # noqa: ANN401 - Series, mapping or array
    """Totals in the order of ``pools``: looked up by pool when given by pool."""
    if hasattr(totals, "keys"):
        missing = [pool for pool in pools if pool not in totals]
        if missing:
            msg = f"no total for pool(s) {', '.join(map(str, missing[:5]))}"
            raise ValueError(msg)
        return [totals[pool] for pool in pools]
    return list(totals)


def _allocate_long(totals: Any, long: pd.DataFrame) -> pd.DataFrame:  # noqa: ANN401 - by pool
    import pandas as pd

    if not hasattr(totals, "keys"):
        raise ValueError("long weights need totals by pool (a Series or a mapping)")
    if long.duplicated(["pool", "kommunkod"]).any():
        raise ValueError("a member appears twice in one pool")
    wide = long.pivot(index="pool", columns="kommunkod", values="weight")
    units = allocate_frame(totals, wide.fillna(0).astype("int64")).stack()
    rows = pd.MultiIndex.from_frame(long[["pool", "kommunkod"]])
    out = long.copy()
    out["units"] = units.reindex(rows).to_numpy().astype("int64")
    return out
