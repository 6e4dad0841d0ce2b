"""The results of an allocation: immutable records of every figure behind each amount.

:class:`Allocation` is a year's budget split among the members; each :class:`Share` holds
one member's amount, its inputs and one :class:`Part` per cost :class:`Pool`. Made by
:func:`norrort_cost.allocation.allocate`; amounts are integer öre.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

from norrort_cost.dataset.models import AllocationKey, BudgetLine

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, slots=True)
class Part:
    """A member's part of one cost pool: the one record of a member's split.

    ``quota_ore`` is the exact quota ``pool × weight ÷ sum of weights`` (in a base-fee pool
    with a fee in whole units: the fee itself for a full-year member, and for a part-year
    member ``rest × weight ÷ sum of the part-year members' weights``); ``floor_ore`` its
    floor in rounding units; ``rank`` the place of its remainder, largest first (ties by
    kommunkod); ``extra_unit`` whether a leftover unit went to it; ``amount_ore`` the part.
    """

    pool: str
    weight: Fraction
    quota_ore: Fraction
    floor_ore: int
    amount_ore: int
    rank: int
    extra_unit: bool


@dataclass(frozen=True, slots=True)
class Pool:
    """A cost pool: what budget lines feed into one basis of splitting, split together.

    ``name`` is the key's value (``per_capita``, ``equal``, ``base_fee``, ``fixed``);
    ``lines`` names the lines that feed it and ``contributions`` says how much each feeds
    (a base-fee line feeds its fees here and its rest to ``per_capita``). ``title`` and
    ``description`` are for people; ``total_weight`` is the sum of the members' weights
    (member-years for ``equal`` and ``base_fee``, öre for ``fixed``).
    """

    name: str
    key: AllocationKey
    lines: tuple[str, ...]
    amount_ore: int
    total_weight: Fraction
    title: str = ""
    description: str = ""
    contributions: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Share:
    """One member's share of a year's budget and every figure behind it."""

    kommunkod: str
    name: str
    inhabitants: int
    population_date: date
    population_source: str
    membership_days: int
    days_in_year: int
    weight: Fraction
    population_share: Fraction
    amount_ore: int
    parts: tuple[Part, ...]

    @property
    def ore_per_inhabitant(self) -> Fraction:
        """Öre paid per inhabitant (exact; 0 for a member without inhabitants)."""
        return Fraction(self.amount_ore, self.inhabitants) if self.inhabitants else Fraction(0)


@dataclass(frozen=True, slots=True)
class Allocation:
    """A year's budget split among the members, exactly, with the method that did it."""

    cooperation: str
    year: int
    currency: str
    budget_ore: int
    illustrative: bool
    population_date: date
    days_in_year: int
    rounding_unit: str
    method: str
    method_version: str
    tie_break: str
    total_weight: Fraction
    lines: tuple[BudgetLine, ...]
    pools: tuple[Pool, ...]
    shares: tuple[Share, ...]
    # "final": weighed by the population the settings' rule names for the year;
    # "preliminary": weighed by older figures because the rule's date (``final_population_date``)
    # is not in the dataset yet (SCB has not published it); settled once it is.
    basis: str = "final"
    final_population_date: date | None = None

    @property
    def preliminary(self) -> bool:
        """Whether the allocation rests on older figures, to be settled on the final ones."""
        return self.basis == "preliminary"

    def share_of(self, kommunkod: str) -> Share:
        """The share of the member with this kommunkod (KeyError if not a member)."""
        for share in self.shares:
            if share.kommunkod == kommunkod:
                return share
        raise KeyError(kommunkod)

    def to_frame(self, *, by_pool: bool = False) -> pd.DataFrame:
        """The shares as a pandas DataFrame, one row per member (or per member and pool).

        Columns and exact types: :mod:`norrort_cost.allocation.frames` (``amount_ore``
        int64, ``amount`` Decimal kronor, ``kommunkod`` text, ``population_date`` datetime64).
        """
        from norrort_cost.allocation.frames import allocation_frame

        return allocation_frame(self, by_pool=by_pool)
