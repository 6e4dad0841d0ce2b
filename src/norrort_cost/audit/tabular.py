"""Compare and whatif results as pandas DataFrames (types: :mod:`norrort_cost.allocation.tabular`).

One row per member of either side: ``kommunkod, name, status``, then for each side
(``before``/``after`` in a comparison, ``baseline``/``new`` in a what-if) ``inhabitants,
share, amount_ore, amount, sek_per_inhabitant``, then ``amount_change_ore`` and
``amount_change``. A side where the member was not a member is ``<NA>`` (nullable
``Int64``) or ``None`` (Decimal columns); its amount counts as 0 in the changes. The
frame's ``attrs`` carry the provenance of the later (or scenario) allocation.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from norrort_cost.allocation.results import Allocation, Share, per_inhabitant, provenance
from norrort_cost.allocation.tabular import typed_frame
from norrort_cost.money import ore_to_decimal

if TYPE_CHECKING:
    import pandas as pd


class MemberSides(Protocol):
    """What a frame row needs of a member in two allocations (``audit.changes.MemberChange``
    has it; named by shape, so this module does not import the results it serves)."""

    @property
    def kommunkod(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def before(self) -> Share | None: ...
    @property
    def after(self) -> Share | None: ...
    @property
    def status(self) -> StrEnum: ...
    @property
    def amount_change_ore(self) -> int: ...


SIDES = ("inhabitants", "share", "amount_ore", "amount", "sek_per_inhabitant")


def changes_frame(
    members: Sequence[MemberSides], before: str, after: str, allocation: Allocation
) -> pd.DataFrame:
    """One row per member: both sides (suffixed ``before`` and ``after``) and the change."""
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
            row[f"sek_per_inhabitant_{suffix}"] = per_inhabitant(share) if share else None
        row["amount_change_ore"] = change.amount_change_ore
        row["amount_change"] = ore_to_decimal(change.amount_change_ore)
        rows.append(row)
    columns: tuple[str, ...] = ("kommunkod", "name", "status")
    for suffix in (before, after):
        columns += tuple(f"{column}_{suffix}" for column in SIDES)
    columns += ("amount_change_ore", "amount_change")
    frame = typed_frame(rows, columns, provenance(allocation))
    for suffix in (before, after):
        for column in (f"inhabitants_{suffix}", f"amount_ore_{suffix}"):
            frame[column] = frame[column].astype("Int64")
    return frame
