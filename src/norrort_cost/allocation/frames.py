"""Results as pandas DataFrames, for scripts that build budget spreadsheets.

pandas is imported inside each function, so importing this module (or the results that
call it) costs nothing until a frame is asked for; ``allocate`` never imports pandas.

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
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from norrort_cost.money import kronor, ore_to_decimal, round_fraction

if TYPE_CHECKING:
    import pandas as pd

    from norrort_cost.allocation.results import Allocation, Share
    from norrort_cost.audit.changes import Comparison, MemberChange, WhatIf
    from norrort_cost.invoicing.invoices import InvoiceRun

INT_COLUMNS = ("year", "inhabitants", "membership_days", "days_in_year")


def allocation_frame(allocation: Allocation, *, by_pool: bool = False) -> pd.DataFrame:
    """One row per member (or, ``by_pool``, per member and cost pool), in kommunkod order.

    Member rows: ``year, kommunkod, name, inhabitants, population_date, membership_days,
    days_in_year, share, amount_ore, amount, sek_per_inhabitant``; ``amount_ore`` sums to
    the budget. Pool rows: ``year, kommunkod, name, pool, key, amount_ore, amount,
    extra_unit``; a member's pool rows sum to its amount.
    """
    if by_pool:
        return _frame(
            [
                {
                    "year": allocation.year,
                    "kommunkod": share.kommunkod,
                    "name": share.name,
                    "pool": part.pool,
                    "key": _pool_key(allocation, part.pool),
                    "amount_ore": part.amount_ore,
                    "amount": ore_to_decimal(part.amount_ore),
                    "extra_unit": part.extra_unit,
                }
                for share in allocation.shares
                for part in share.parts
            ],
            ("year", "kommunkod", "name", "pool", "key", "amount_ore", "amount", "extra_unit"),
        )
    rows = [{"year": allocation.year, **_share_row(share)} for share in allocation.shares]
    return _frame(
        rows,
        (
            "year",
            "kommunkod",
            "name",
            "inhabitants",
            "population_date",
            "membership_days",
            "days_in_year",
            "share",
            "amount_ore",
            "amount",
            "sek_per_inhabitant",
        ),
    )


def _pool_key(allocation: Allocation, name: str) -> str:
    return next((pool.key.value for pool in allocation.pools if pool.name == name), name)


def _share_row(share: Share) -> dict[str, Any]:
    return {
        "kommunkod": share.kommunkod,
        "name": share.name,
        "inhabitants": share.inhabitants,
        "population_date": share.population_date,
        "membership_days": share.membership_days,
        "days_in_year": share.days_in_year,
        "share": float(share.population_share),
        "amount_ore": share.amount_ore,
        "amount": ore_to_decimal(share.amount_ore),
        "sek_per_inhabitant": _per_inhabitant(share),
    }


def _per_inhabitant(share: Share) -> Decimal:
    return round_fraction(kronor(share.ore_per_inhabitant), 2)


def comparison_frame(result: Comparison) -> pd.DataFrame:
    """One row per member of either year: ``*_before`` and ``*_after`` sides, the changes."""
    return _changes_frame(result.members, "before", "after")


def whatif_frame(result: WhatIf) -> pd.DataFrame:
    """One row per member: ``*_baseline`` and ``*_new`` sides, the differences (new − baseline)."""
    return _changes_frame(result.members, "baseline", "new")


def _changes_frame(members: Sequence[MemberChange], before: str, after: str) -> pd.DataFrame:
    rows = []
    for change in members:
        row: dict[str, Any] = {
            "kommunkod": change.kommunkod,
            "name": change.name,
            "status": change.status.value,
        }
        for suffix, share in ((before, change.before), (after, change.after)):
            row[f"inhabitants_{suffix}"] = share.inhabitants if share else None
            row[f"share_{suffix}"] = float(share.population_share) if share else None
            row[f"amount_ore_{suffix}"] = share.amount_ore if share else None
            row[f"amount_{suffix}"] = ore_to_decimal(share.amount_ore) if share else None
            row[f"sek_per_inhabitant_{suffix}"] = _per_inhabitant(share) if share else None
        row["amount_change_ore"] = change.amount_change_ore
        row["amount_change"] = ore_to_decimal(change.amount_change_ore)
        rows.append(row)
    columns: tuple[str, ...] = ("kommunkod", "name", "status")
    sides = ("inhabitants", "share", "amount_ore", "amount", "sek_per_inhabitant")
    for suffix in (before, after):
        columns += tuple(f"{column}_{suffix}" for column in sides)
    frame = _frame(rows, (*columns, "amount_change_ore", "amount_change"))
    for suffix in (before, after):
        for column in (f"inhabitants_{suffix}", f"amount_ore_{suffix}"):
            frame[column] = frame[column].astype("Int64")
    return frame


def invoice_frame(run: InvoiceRun) -> pd.DataFrame:
    """The invoice summary: one row per invoice, then the managing member's internal share.

    ``kind, invoice_number, kommunkod, buyer, amount_ore, amount, ocr, issue_date,
    due_date``; ``amount_ore`` sums to the budget. The internal row has no invoice number,
    OCR or dates (empty text and ``NaT``).
    """
    rows: list[dict[str, Any]] = [
        {
            "kind": "invoice",
            "invoice_number": invoice.number,
            "kommunkod": invoice.buyer.kommunkod,
            "buyer": invoice.buyer.name,
            "amount_ore": invoice.amount_ore,
            "amount": ore_to_decimal(invoice.amount_ore),
            "ocr": invoice.ocr,
            "issue_date": invoice.issue_date,
            "due_date": invoice.due_date,
        }
        for invoice in run.invoices
    ]
    rows.append(
        {
            "kind": "internal",
            "invoice_number": "",
            "kommunkod": run.seller.kommunkod,
            "buyer": run.seller.name,
            "amount_ore": run.internal_ore,
            "amount": ore_to_decimal(run.internal_ore),
            "ocr": "",
            "issue_date": None,
            "due_date": None,
        }
    )
    return _frame(rows, tuple(rows[0]))


def _frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
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
    return frame


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
