"""The one policy of column types every result's frame follows (``to_frame()``).

``Allocation.to_frame()`` (and ``Comparison``, ``WhatIf``, an invoice run) build their rows
in the core, from their own records; :func:`typed_frame` gives every frame the same
types. It knows no result type (results import it, never the other way), so audit and
invoicing use it without the allocation knowing them. Adapters that take DataFrames *in*
(``allocate_frame``) live at the edge, in :mod:`norrort_cost.frames`. pandas is imported
inside :func:`typed_frame` only, so ``allocate`` never imports it.

Column types, the same in every frame:

* ``kommunkod``, ``name``, ``pool``, ``status``: text, Python ``str`` values (pandas'
  default string dtype: ``str`` in pandas 3, ``object`` before); ``0114`` keeps its zero;
* ``year``, ``inhabitants``, ``*_days``, ``days_in_year``: ``int64``;
* ``population_date`` and other dates: ``datetime64[ns]`` (``NaT`` where there is none);
* ``share``: ``float64``, the population share, for reading and plotting only;
* ``amount_ore`` (and every ``*_ore``): ``int64``, exact whole öre; **use these to compute**;
* ``amount`` (and every amount in kronor) and ``sek_per_inhabitant``: ``decimal.Decimal``
  objects (an ``object`` column), exact kronor with two decimals (``Decimal("24291.03")``);
  kronor per inhabitant is rounded half away from zero to two decimals, like the JSON;
* a side where a member was not a member (compare, whatif): ``<NA>`` in nullable
  ``Int64`` columns, ``None`` in Decimal columns; its amount counts as 0 in the changes.

Provenance: a member frame also carries what the CSV carries, as columns (they survive
``concat`` and joins) ``cooperation``, ``illustrative``, ``method``, ``method_version`` and
``population_source``, and as ``frame.attrs`` (``cooperation``, ``illustrative``,
``method``, ``method_version``, ``tie_break``, ``currency``, ``rounding_unit``;
``pd.concat`` keeps them when every frame has the same).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

INT_COLUMNS = ("year", "inhabitants", "membership_days", "days_in_year")


def typed_frame(
    rows: list[dict[str, Any]],
    columns: Sequence[str],
    attrs: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """A frame with the documented types: int64 counts and öre, datetime64 dates, text codes."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(columns))
    for column in frame.columns:
        if column in INT_COLUMNS or column.endswith("_ore"):
            if frame[column].notna().all():
                frame[column] = frame[column].astype("int64")
        elif column.endswith("_date"):
            frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
        elif column in {"amount", "sek_per_inhabitant"} or column.startswith(
            ("amount_", "sek_per_inhabitant_")
        ):
            frame[column] = frame[column].astype(object)
    frame.attrs.update(attrs or {})
    return frame
