"""The results of an allocation: immutable records of every figure behind each amount.

:class:`Allocation` is a year's budget split among the members; each :class:`Share` holds
one member's amount, its inputs and one :class:`Part` per cost :class:`Pool`. Made by
:func:`norrort_cost.allocation.allocate`; amounts are integer öre.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from norrort_cost.dataset.models import AllocationKey, BudgetLine
from norrort_cost.money import kronor, ore_to_decimal, round_fraction

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
    (a base-fee line feeds its fees here and its rest to ``per_capita``); ``fees_ore`` are
    a base-fee pool's fees per member and year, each once, smallest first. ``total_weight``
    is the sum of the members' weights (member-years for ``equal`` and ``base_fee``, öre
    for ``fixed``). Its title and description for people are worded in rendering
    (:func:`norrort_cost.rendering.vocabulary.pool_description`).
    """

    name: str
    key: AllocationKey
    lines: tuple[str, ...]
    amount_ore: int
    total_weight: Fraction
    fees_ore: tuple[int, ...] = ()
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

    def __repr__(self) -> str:
        """Short: which year of which cooperation, the budget and the members' count."""
        marked = ", illustrative" if self.illustrative else ""
        return (
            f"Allocation({self.cooperation!r}, year={self.year}, budget_ore={self.budget_ore}, "
            f"members={len(self.shares)}{marked})"
        )

    def _repr_html_(self) -> str:
        """A notebook's view: the shares as a table (pandas draws it)."""
        return self.to_frame().drop(columns=list(_PROVENANCE)).to_html(index=False)

    def share_of(self, member: str) -> Share:
        """The share of a member given by kommunkod (``"0125"``, ``"125"``) or by name
        (``"Ekerö"``, ``"ekerö kommun"``), as the command line takes it; ``KeyError`` if
        no member of the year is called so."""
        from norrort_cost.dataset.lookup import same_name

        code = member.strip()
        code = "0" + code if code.isdigit() and len(code) == 3 else code
        for share in self.shares:
            if code == share.kommunkod or same_name(member, share.name):
                return share
        raise KeyError(member)

    def to_frame(self, *, by_pool: bool = False) -> pd.DataFrame:
        """The shares as a pandas DataFrame, one row per member (or per member and pool).

        Columns and exact types: :mod:`norrort_cost.allocation.tabular` (``amount_ore``
        int64, ``amount`` Decimal kronor, ``kommunkod`` text, ``population_date`` datetime64);
        the provenance (cooperation, illustrative, method, method version, population
        source) as columns and in ``frame.attrs``.
        """
        return allocation_frame(self, by_pool=by_pool)


MEMBER_COLUMNS = (
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
    "population_source",
    "cooperation",
    "illustrative",
    "method",
    "method_version",
)
_PROVENANCE = ("population_source", "cooperation", "illustrative", "method", "method_version")
POOL_COLUMNS = ("year", "kommunkod", "name", "pool", "key", "amount_ore", "amount", "extra_unit")


def provenance(allocation: Allocation) -> dict[str, object]:
    """What the figures rest on, as the CSV says it: cooperation, illustrative, method."""
    return {
        "cooperation": allocation.cooperation,
        "illustrative": allocation.illustrative,
        "method": allocation.method,
        "method_version": allocation.method_version,
        "tie_break": allocation.tie_break,
        "currency": allocation.currency,
        "rounding_unit": allocation.rounding_unit,
    }


def allocation_frame(allocation: Allocation, *, by_pool: bool = False) -> pd.DataFrame:
    """One row per member (or, ``by_pool``, per member and cost pool), in kommunkod order.

    Member rows: ``year, kommunkod, name, inhabitants, population_date, membership_days,
    days_in_year, share, amount_ore, amount, sek_per_inhabitant``, then the provenance
    ``population_source, cooperation, illustrative, method, method_version``; ``amount_ore``
    sums to the budget. Pool rows: ``year, kommunkod, name, pool, key, amount_ore, amount,
    extra_unit``; a member's pool rows sum to its amount. Both carry the provenance in
    ``attrs``.
    """
    attrs = provenance(allocation)
    if by_pool:
        rows = [
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
        ]
        from norrort_cost.allocation.tabular import typed_frame

        return typed_frame(rows, POOL_COLUMNS, attrs)
    from norrort_cost.allocation.tabular import typed_frame

    method = {k: attrs[k] for k in ("cooperation", "illustrative", "method", "method_version")}
    rows = [{"year": allocation.year, **share_row(share), **method} for share in allocation.shares]
    return typed_frame(rows, MEMBER_COLUMNS, attrs)


def _pool_key(allocation: Allocation, name: str) -> str:
    return next((pool.key.value for pool in allocation.pools if pool.name == name), name)


def share_row(share: Share) -> dict[str, Any]:
    """A member's figures as one frame row (its provenance: the population's source)."""
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
        "sek_per_inhabitant": per_inhabitant(share),
        "population_source": share.population_source,
    }


def per_inhabitant(share: Share) -> Decimal:
    """Kronor per inhabitant, rounded half away from zero to two decimals, like the JSON."""
    return round_fraction(kronor(share.ore_per_inhabitant), 2)
