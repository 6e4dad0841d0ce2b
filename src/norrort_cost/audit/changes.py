"""Changes between allocations: years compared, and membership what-ifs. Pure, no I/O.

:func:`compare` sets two years' allocations side by side per member. :func:`whatif`
recomputes a year on a copy of the dataset with memberships changed (the data on disk is
never touched) and gives, per member, the baseline amount, the new amount and the
difference. Sign convention: ``difference = new - baseline``; positive means the member
would pay more. The budget is unchanged, so the differences of all members sum to 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING

from norrort_cost.allocation.membership import paid_period
from norrort_cost.allocation.results import Allocation, Share
from norrort_cost.allocation.yearly import allocate
from norrort_cost.audit.scenario import (
    ChangeKind,
    MembershipChange,
    apply_change,
    parse_change,
    refuse_contradictions,
)
from norrort_cost.dataset.arguments import require_dataset, require_year
from norrort_cost.dataset.lookup import find_municipality
from norrort_cost.dataset.models import Dataset
from norrort_cost.problems import UsageError

if TYPE_CHECKING:
    import pandas as pd

# the what-if's changes are in audit.scenario; named here too, where they were before
__all__ = [
    "ChangeKind",
    "Comparison",
    "MemberChange",
    "MembershipChange",
    "Status",
    "WhatIf",
    "apply_change",
    "compare",
    "parse_change",
    "whatif",
]


class Status(StrEnum):
    """A member's status between two years."""

    MEMBER = "member"
    JOINED = "joined"
    LEFT = "left"
    LEFT_OUT = "left-out"


@dataclass(frozen=True, slots=True)
class MemberChange:
    """One member in two years: its share in each (None where it was not a member).

    ``before_days`` and ``after_days`` are the first and last day of the year the member
    paid for, when that is not the whole year (it joined or left during the year).
    ``left_out`` marks a member a what-if removed entirely (``--without``).
    """

    kommunkod: str
    name: str
    before: Share | None
    after: Share | None
    before_days: tuple[date, date] | None = None
    after_days: tuple[date, date] | None = None
    left_out: bool = False

    @property
    def status(self) -> Status:
        """Member in both years, joined (only in the later), left (only in the earlier),
        or left out (removed by a what-if)."""
        if self.before is None:
            return Status.JOINED
        if self.after is None:
            return Status.LEFT_OUT if self.left_out else Status.LEFT
        return Status.MEMBER

    @property
    def amount_change_ore(self) -> int:
        """Amount in the later year minus amount in the earlier (0 where not a member)."""
        return _amount(self.after) - _amount(self.before)

    @property
    def inhabitants_change(self) -> int | None:
        """Change in inhabitants, when the member is in both years."""
        if self.before is None or self.after is None:
            return None
        return self.after.inhabitants - self.before.inhabitants

    @property
    def share_change(self) -> Fraction:
        """Change in the share of the total weight (a fraction; 0,01 is one point)."""
        return _population_share(self.after) - _population_share(self.before)

    @property
    def ore_per_inhabitant_change(self) -> Fraction | None:
        """Change in öre per inhabitant, when the member is in both years."""
        if self.before is None or self.after is None:
            return None
        return self.after.ore_per_inhabitant - self.before.ore_per_inhabitant


def _amount(share: Share | None) -> int:
    return share.amount_ore if share else 0


def _population_share(share: Share | None) -> Fraction:
    return share.population_share if share else Fraction(0)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two years' allocations compared member by member."""

    before: Allocation
    after: Allocation
    members: tuple[MemberChange, ...]

    @property
    def budget_change_ore(self) -> int:
        """The later budget minus the earlier."""
        return self.after.budget_ore - self.before.budget_ore

    def __repr__(self) -> str:
        """Short: the two years and the members' count (not every figure)."""
        return (
            f"Comparison({self.before.cooperation!r}, {self.before.year} -> {self.after.year}, "
            f"members={len(self.members)}, budget_change_ore={self.budget_change_ore})"
        )

    def _repr_html_(self) -> str:
        """A notebook's view: the frame as a table (pandas draws it)."""
        return self.to_frame().to_html(index=False)

    def to_frame(self) -> pd.DataFrame:
        """One row per member of either year (:mod:`norrort_cost.audit.tabular`)."""
        from norrort_cost.audit.tabular import changes_frame

        return changes_frame(self.members, "before", "after", self.after)


def _pair(
    before: tuple[Dataset, Allocation],
    after: tuple[Dataset, Allocation],
    left_out: frozenset[str] = frozenset(),
) -> tuple[MemberChange, ...]:
    old = {s.kommunkod: s for s in before[1].shares}
    new = {s.kommunkod: s for s in after[1].shares}
    return tuple(
        MemberChange(
            k,
            before[0].municipality(k).name,
            old.get(k),
            new.get(k),
            _part_of_year(before, old.get(k)),
            _part_of_year(after, new.get(k)),
            left_out=k in left_out,
        )
        for k in sorted(old.keys() | new.keys())
    )


def _part_of_year(
    side: tuple[Dataset, Allocation], share: Share | None
) -> tuple[date, date] | None:
    """The days paid for, if the member paid for only part of the year."""
    if share is None or share.membership_days == share.days_in_year:
        return None
    dataset, allocation = side
    return paid_period(
        dataset.memberships, share.kommunkod, allocation.year, dataset.settings.pro_rating
    )


def compare(
    dataset: Dataset, from_year: int, to_year: int, *, population_date: date | None = None
) -> Comparison:
    """Compare the allocations of ``from_year`` and ``to_year`` member by member.

    ``population_date`` weighs the later year, ``to_year``, by the population at that date
    instead of the settings' rule (a preliminary basis before SCB publishes its figures).
    """
    require_dataset("compare", dataset)
    from_year = require_year("compare", from_year, "from_year")
    to_year = require_year("compare", to_year, "to_year")
    before = allocate(dataset, from_year)
    after = allocate(dataset, to_year, population_date=population_date)
    return Comparison(before, after, _pair((dataset, before), (dataset, after)))


@dataclass(frozen=True, slots=True)
class WhatIf:
    """A year recomputed with changed memberships, beside the baseline."""

    changes: tuple[MembershipChange, ...]
    baseline: Allocation
    scenario: Allocation
    members: tuple[MemberChange, ...]

    def __repr__(self) -> str:
        """Short: the year, the changes and the members' count (not every figure)."""
        changes = ", ".join(f"{c.kind.value} {c.kommunkod}" for c in self.changes)
        return (
            f"WhatIf({self.baseline.cooperation!r}, year={self.baseline.year}, "
            f"changes=[{changes}], members={len(self.members)})"
        )

    def _repr_html_(self) -> str:
        """A notebook's view: the frame as a table (pandas draws it)."""
        return self.to_frame().to_html(index=False)

    def to_frame(self) -> pd.DataFrame:
        """One row per member, baseline and new (:mod:`norrort_cost.audit.tabular`)."""
        from norrort_cost.audit.tabular import changes_frame

        return changes_frame(self.members, "baseline", "new", self.scenario)


def whatif(
    dataset: Dataset,
    year: int,
    changes: Sequence[MembershipChange],
    *,
    population_date: date | None = None,
) -> WhatIf:
    """Recompute ``year`` with ``changes`` applied to a copy of the memberships.

    ``population_date`` weighs both the baseline and the scenario by the population at that
    date instead of the settings' rule.

    A change's member may be given by kommunkod or by name (``"Ekerö"``), as on the
    command line; an unknown one is a usage error, never a change that changes nothing.
    """
    require_dataset("whatif", dataset)
    year = require_year("whatif", year)
    if isinstance(changes, MembershipChange | str):
        msg = "whatif(): changes must be a list of MembershipChange, not one change"
        raise TypeError(msg)
    if not changes:
        raise UsageError(
            "no change to try",
            "add --join CODE:DATE, --leave CODE:DATE or --without CODE",
            code="invalid-change",
        )
    changes = [
        replace(c, kommunkod=find_municipality(dataset.municipalities, c.kommunkod).kommunkod)
        for c in changes
    ]
    refuse_contradictions(changes)
    memberships = dataset.memberships
    for change in changes:
        memberships = apply_change(memberships, change)
    scenario_data = dataset.model_copy(update={"memberships": memberships})
    baseline = allocate(dataset, year, population_date=population_date)
    scenario = allocate(scenario_data, year, population_date=population_date)
    removed = frozenset(c.kommunkod for c in changes if c.kind == ChangeKind.WITHOUT)
    members = _pair((dataset, baseline), (scenario_data, scenario), removed)
    return WhatIf(tuple(changes), baseline, scenario, members)
