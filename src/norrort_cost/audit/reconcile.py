"""Reconciling a claimed figure with the computed share: the core of ``norrort-cost check``.

Every reading of the claim (see :mod:`norrort_cost.audit.claims`) is compared with the computed
amount. The verdict:

- ``consistent``: the literal reading is within the tolerance (default 1 %), or the
  computed amount rounds to it at the claim's own precision (``ca 0,024 mnkr`` is written
  to whole thousands, and 24 291,03 kr rounds to 24 000 kr);
- ``likely-slip``: the literal reading is not, but another reading is: a dot or comma read
  the other way (a separator slip), or the same number in another unit (a unit slip, off by
  a factor of 1 000 or 1 000 000). Separator readings are preferred: they read the text as
  written; a unit reading changes it;
- ``inconsistent``: no reading is within the tolerance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from norrort_cost.allocation.yearly import allocate
from norrort_cost.audit.claims import Claim, Reading, ReadingKind, Side, parse_claim
from norrort_cost.audit.explain import member_share
from norrort_cost.dataset.arguments import require_dataset, require_text, require_year
from norrort_cost.dataset.models import Dataset
from norrort_cost.money import ORE_PER_KRONA
from norrort_cost.problems import UsageError, said

DEFAULT_TOLERANCE = Decimal("0.01")
SCALES = (Fraction(1000), Fraction(10**6), Fraction(1, 1000), Fraction(1, 10**6))


class Verdict(StrEnum):
    """The outcome of a check."""

    CONSISTENT = "consistent"
    LIKELY_SLIP = "likely-slip"
    INCONSISTENT = "inconsistent"


@dataclass(frozen=True, slots=True)
class ReadingCheck:
    """One reading compared with the computed amount."""

    reading: Reading
    computed_ore: int
    tolerance: Decimal

    @property
    def difference(self) -> Decimal:
        """Claimed minus computed, in kronor (exact)."""
        return self.reading.kronor - Decimal(self.computed_ore) / ORE_PER_KRONA

    @property
    def relative(self) -> Fraction | None:
        """The difference as a fraction of the computed amount (None if that is 0)."""
        if not self.computed_ore:
            return None
        return Fraction(self.difference) * ORE_PER_KRONA / self.computed_ore

    @property
    def ratio(self) -> Fraction | None:
        """Claimed divided by computed (None if the computed amount is 0)."""
        if not self.computed_ore:
            return None
        return Fraction(self.reading.kronor) * ORE_PER_KRONA / self.computed_ore

    @property
    def difference_ore(self) -> int:
        """Claimed minus computed, in whole öre (half an öre rounded away from zero)."""
        return _half_away(Fraction(self.difference) * ORE_PER_KRONA, 1)

    @property
    def within_tolerance(self) -> bool:
        """Whether the reading is within the tolerance of the computed amount."""
        if self.relative is None:
            return self.reading.kronor == 0
        return abs(self.relative) <= Fraction(self.tolerance)

    @property
    def rounds_to_claim(self) -> bool:
        """Whether the computed amount, rounded to the claim's own precision, is the claim.

        ``ca 0,024 mnkr`` is written to whole thousands: 24 291,03 kr rounds to 24 000 kr.
        A claim with a side ("drygt", "knappt") asks less: the computed amount is less than
        one step of the precision from it (drygt 24 000 kr: from 24 000 up to 25 000 kr).
        """
        step = Fraction(self.reading.precision) * ORE_PER_KRONA
        claimed = Fraction(self.reading.kronor) * ORE_PER_KRONA
        if step <= 1:
            return claimed == self.computed_ore
        if self.reading.side in {Side.OVER, Side.UNDER}:
            return abs(self.computed_ore - claimed) < step
        return _half_away(Fraction(self.computed_ore), int(step)) == claimed

    @property
    def on_its_side(self) -> bool:
        """Whether the computed amount is on the side the claim says: at least the figure
        for "drygt" (a bit over), at most for "knappt" (a bit under); any side otherwise."""
        claimed = Fraction(self.reading.kronor) * ORE_PER_KRONA
        if self.reading.side == Side.OVER:
            return self.computed_ore >= claimed
        if self.reading.side == Side.UNDER:
            return self.computed_ore <= claimed
        return True

    @property
    def consistent(self) -> bool:
        """On the claim's side, and within the tolerance or rounding to it at its own
        precision."""
        return self.on_its_side and (self.within_tolerance or self.rounds_to_claim)

    @property
    def scale(self) -> Fraction | None:
        """1000, 10⁶, 1/1000 or 1/10⁶ when the reading is that many times the computed amount."""
        ratio = self.ratio
        if ratio is None:
            return None
        for scale in SCALES:
            if abs(ratio / scale - 1) <= Fraction(self.tolerance):
                return scale
        return None


def _half_away(value: Fraction, step: int) -> int:
    """``value`` rounded to a multiple of ``step``, halves away from zero."""
    units = math.floor(abs(value) / step + Fraction(1, 2))
    return -units * step if value < 0 else units * step


@dataclass(frozen=True, slots=True)
class CheckResult:
    """A claimed figure reconciled with one member's computed share."""

    cooperation: str
    year: int
    kommunkod: str
    name: str
    computed_ore: int
    tolerance: Decimal
    claim: Claim
    readings: tuple[ReadingCheck, ...]
    verdict: Verdict
    chosen: ReadingCheck
    illustrative: bool = False
    # the figures weighed and, on a preliminary basis, the date the final ones will be of
    population_date: date | None = None
    final_population_date: date | None = None

    @property
    def literal(self) -> ReadingCheck:
        """The literal reading's comparison."""
        return self.readings[0]


def reconcile(checks: tuple[ReadingCheck, ...]) -> tuple[Verdict, ReadingCheck]:
    """The verdict on a claim's compared readings (literal first) and the one it rests on."""
    if checks[0].consistent:
        return Verdict.CONSISTENT, checks[0]
    for kind in (ReadingKind.SEPARATOR, ReadingKind.UNIT):
        for check in checks:
            if check.reading.kind == kind and check.consistent:
                return Verdict.LIKELY_SLIP, check
    return Verdict.INCONSISTENT, checks[0]


def check(  # noqa: PLR0913 - one keyword per option of the check command
    dataset: Dataset,
    year: int,
    municipality: str,
    claimed: str,
    *,
    tolerance: Decimal = DEFAULT_TOLERANCE,
    population_date: date | None = None,
) -> CheckResult:
    """Check the figure ``claimed`` (as a person wrote it) against the computed share.

    ``population_date`` weighs by the population at that date instead of the settings' rule
    (as :func:`~norrort_cost.allocation.yearly.allocate`).
    """
    require_dataset("check", dataset)
    year = require_year("check", year)
    require_text("check", municipality, "municipality", "a kommunkod or a name")
    require_text("check", claimed, "claimed", "the amount as written, e.g. 'ca 24,3 tkr'")
    if not Decimal(0) <= tolerance < 1:
        raise UsageError(
            said("tolerance {percent} % is out of range", percent=tolerance * 100),
            "give a percentage from 0 to 100",
            code="invalid-option-value",
        )
    claim = parse_claim(claimed)
    allocation = allocate(dataset, year, population_date=population_date)
    share = member_share(dataset, allocation, municipality)
    checks = tuple(ReadingCheck(r, share.amount_ore, tolerance) for r in claim.readings)
    verdict, chosen = reconcile(checks)
    return CheckResult(
        cooperation=allocation.cooperation,
        year=year,
        kommunkod=share.kommunkod,
        name=share.name,
        computed_ore=share.amount_ore,
        tolerance=tolerance,
        claim=claim,
        readings=checks,
        verdict=verdict,
        chosen=chosen,
        illustrative=allocation.illustrative,
        population_date=allocation.population_date,
        final_population_date=allocation.final_population_date,
    )
