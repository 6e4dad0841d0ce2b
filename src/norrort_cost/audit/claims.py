"""Reading an amount the way Swedes write it in decisions and e-mails: pure, no I/O.

``24 300 kr``, ``24.300 kr``, ``24,3 tkr``, ``ca 24.300 tkr``, ``0,0243 mnkr``, ``1,2 Mkr``,
``24300``, ``24 300:-``. Spaces (also no-break and narrow no-break), dots, commas and
apostrophes may group thousands; a comma or a dot may be the decimal mark, and a colon
may stand before the öre (``24 291:03``). Units: kr, kronor, SEK, ``:-``; tkr, tusen kronor,
kSEK; mnkr, mkr, Mkr, MSEK, miljoner kronor; mdkr; öre. A negative amount is refused:
a share is a cost.

A text can have more than one reading. ``24.300`` is 24 300 with a dot between thousands
(how Swedish texts often write it, and the *literal* reading here) or 24,3 with a decimal
point. ``24,300`` is 24,3 by Swedish convention (literal) or 24 300 with an English
thousands comma. :func:`parse_claim` returns every reading, the literal one first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from norrort_cost.money import GROUPING_SPACES, parse_decimal
from norrort_cost.problems import UsageError, said

_SPACES = GROUPING_SPACES
_APPROX = (
    r"(?<![a-zåäö])(?P<approx>ca\.?|c:a|cirka|circa|omkring|ungefär|ungefar|runt|drygt|knappt|närmare"
    r"|just\s+over|just\s+under|approximately|approx\.?|about|roughly|around|some|nearly|almost"
    r"|~|≈)"
)
# approximate words that also say on which side of the figure the amount is
_OVER = re.compile(r"drygt|just\s+over", re.IGNORECASE)
_UNDER = re.compile(r"knappt|närmare|just\s+under|nearly|almost", re.IGNORECASE)
# longest spellings first; each maps to (canonical unit, kronor per unit)
_UNITS: tuple[tuple[str, str, Decimal], ...] = (
    (r"miljarder\s+kronor|miljarder\s+kr|mdkr|mdr\s+kr|mdsek", "mdkr", Decimal(10**9)),
    (r"miljoner\s+kronor|miljoner\s+kr|milj\.?\s*kr|miljoner|milj\.?", "mnkr", Decimal(10**6)),
    (r"mnkr|mn\s+kr|mkr|msek|mn\s+sek|mn", "mnkr", Decimal(10**6)),
    (r"tusen\s+kronor|tusen\s+kr|tusen|tkr|t\s+kr|tsek|ksek|kkr|k", "tkr", Decimal(1000)),
    (r"kronor|kr\.?|sek|:-|,-", "kr", Decimal(1)),
    (r"öre|ore", "öre", Decimal("0.01")),
)
_UNIT = "|".join(f"(?:{spelling})" for spelling, _, _ in _UNITS)
_SPACED = rf"[0-9]{{1,3}}(?:[{_SPACES}][0-9]{{3}})+(?:[.,][0-9]+)?"
_COMPACT = r"[0-9]+(?:[.,'][0-9]+)*"
_ORE = r"(?::(?P<ore>[0-9][0-9])(?![0-9]))?"  # "24 291:03": kronor, colon, öre
_AMOUNT = re.compile(
    rf"(?:{_APPROX}[{_SPACES}]*)?(?P<prefix>(?:sek|kr)[{_SPACES}]*)?"
    rf"(?P<sign>[-\u2212][{_SPACES}]*)?"
    rf"(?<![0-9.,'])(?P<number>{_SPACED}|{_COMPACT})(?![0-9]){_ORE}"
    rf"(?:[{_SPACES}]*(?P<unit>{_UNIT})(?![a-zåäö]))?",
    re.IGNORECASE,
)
MULTIPLIERS = {unit: factor for _, unit, factor in _UNITS}
MAX_CLAIM_KRONOR = Decimal(10**15)
"""Claims stay below 10^15 kr (a thousand times the state budget), so that every reading
and its difference from the computed share stay exact in ``Decimal`` arithmetic."""


class Side(StrEnum):
    """Where an approximate claim puts the amount: around it, a bit over or a bit under."""

    EXACT = "exact"  # no approximate word: the figure as written
    ABOUT = "about"  # "ca", "cirka", "ungefär", "runt", "about"
    OVER = "over"  # "drygt", "just over": the amount is the figure or a bit more
    UNDER = "under"  # "knappt", "närmare", "just under": the amount is the figure or a bit less


def side_of(word: str | None) -> Side:
    """The side an approximate word puts the amount on (``None``: no such word)."""
    if word is None:
        return Side.EXACT
    if _OVER.fullmatch(word):
        return Side.OVER
    if _UNDER.fullmatch(word):
        return Side.UNDER
    return Side.ABOUT


class ReadingKind(StrEnum):
    """Where a reading comes from."""

    LITERAL = "literal"  # the text as Swedish conventions read it
    SEPARATOR = "separator"  # the same text, with a dot or comma read the other way
    UNIT = "unit"  # the literal number with another unit than the one written


class Notation(StrEnum):
    """How a mark of the written number is read: one part of how a reading reads the text
    (rendering words each part: ``dot groups thousands``, ``comma is the decimal mark``)."""

    PLAIN = "plain"  # no mark: the digits as they stand
    SPACES_GROUP = "spaces_group"  # spaces (also no-break) group thousands
    APOSTROPHES_GROUP = "apostrophes_group"  # apostrophes group thousands
    DOT_GROUPS = "dot_groups"  # a dot groups thousands
    COMMA_GROUPS = "comma_groups"  # a comma groups thousands
    DOT_DECIMAL = "dot_decimal"  # a dot is the decimal mark
    COMMA_DECIMAL = "comma_decimal"  # a comma is the decimal mark
    COLON_ORE = "colon_ore"  # a colon stands before the öre: 24 291:03


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a claimed amount: a number, a unit and the kronor they make.

    ``notation`` says how the marks of the number were read (for a ``unit`` reading, as in
    the literal one); ``written_unit`` is the unit as written, which a ``unit`` reading
    replaces by ``unit`` (the others keep it).
    """

    kind: ReadingKind
    number: Decimal
    unit: str
    kronor: Decimal
    notation: tuple[Notation, ...]
    side: Side = Side.EXACT
    written_unit: str = "kr"

    @property
    def rounded(self) -> bool:
        """Whether the precision is read from the last non-zero digit: an approximate
        whole number ending in zeros (``ca 24 000 kr`` is whole thousands, as ``24 tkr``)."""
        return self.side != Side.EXACT and self.number == self.number.to_integral_value()

    @property
    def precision(self) -> Decimal:
        """The claim's own precision in kronor: its last written digit in its unit.

        ``0,024 mnkr`` and ``24 tkr`` are written to whole thousands (1000), ``24 291,03 kr``
        to the öre (0.01), ``24 300 kr`` to the krona (1). An approximate whole number is
        read at its last non-zero digit: ``ca 24 000 kr`` and ``drygt 24 000 kr`` to whole
        thousands, ``ca 24 300 kr`` to whole hundreds.
        """
        exponent = self.number.as_tuple().exponent
        places = exponent if isinstance(exponent, int) else 0
        if self.rounded and self.number and places >= 0:
            normal = self.number.normalize().as_tuple().exponent
            places = normal if isinstance(normal, int) else places
            return Decimal(1).scaleb(places) * MULTIPLIERS[self.unit]
        return Decimal(1).scaleb(min(places, 0)) * MULTIPLIERS[self.unit]


@dataclass(frozen=True, slots=True)
class Claim:
    """A claimed amount as written, with every reading of it (the literal one first)."""

    text: str
    matched: str
    approximate: bool
    readings: tuple[Reading, ...]
    side: Side = Side.EXACT

    @property
    def literal(self) -> Reading:
        """The reading by Swedish conventions, as written."""
        return self.readings[0]


def number_readings(token: str) -> list[tuple[Decimal, tuple[Notation, ...]]]:
    """The numbers a digit token can mean, conventional reading first, each with how its
    marks were read."""
    if any(space in token for space in _SPACES):
        mark = "," if "," in token else "." if "." in token else ""
        decimal = (_DECIMAL[mark],) if mark else ()
        return [(parse_decimal(token), (Notation.SPACES_GROUP, *decimal))]
    separators = {c for c in token if c in ".,'"}
    if not separators:
        return [(Decimal(token), (Notation.PLAIN,))]
    if separators == {"'"}:
        return [(Decimal(token.replace("'", "")), (Notation.APOSTROPHES_GROUP,))]
    if len(separators) > 1:
        return [(parse_decimal(token.replace("'", "")), _mixed_notation(token))]
    return _one_mark_readings(token, separators.pop())


_GROUPING = {".": Notation.DOT_GROUPS, ",": Notation.COMMA_GROUPS}
_DECIMAL = {".": Notation.DOT_DECIMAL, ",": Notation.COMMA_DECIMAL}


def _one_mark_readings(token: str, mark: str) -> list[tuple[Decimal, tuple[Notation, ...]]]:
    """Readings of a token with one kind of mark: grouping, decimal, or either."""
    groups = token.split(mark)
    grouped = _valid_grouping(groups)
    as_grouping = (Decimal("".join(groups)), (_GROUPING[mark],))
    if len(groups) > 2:
        return [as_grouping] if grouped else []
    as_decimal = (parse_decimal(token), (_DECIMAL[mark],))
    if not grouped:
        return [as_decimal]
    return [as_grouping, as_decimal] if mark == "." else [as_decimal, as_grouping]


def _valid_grouping(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _mixed_notation(token: str) -> tuple[Notation, Notation]:
    """Both a dot and a comma: the last one is the decimal mark, the other groups."""
    decimal = "," if token.rfind(",") > token.rfind(".") else "."
    grouping = "." if decimal == "," else ","
    return _GROUPING[grouping], _DECIMAL[decimal]


def _unit_of(written: str | None) -> str:
    if not written:
        return "kr"
    for spelling, unit, _ in _UNITS:
        if re.fullmatch(spelling, written, re.IGNORECASE):
            return unit
    return "kr"  # pragma: no cover - the pattern only matches spellings listed above


def _pick(text: str) -> re.Match[str]:
    matches = list(_AMOUNT.finditer(text))
    with_unit = [m for m in matches if m.group("unit") or m.group("prefix")]
    chosen = with_unit or matches
    if len(chosen) == 1:
        return chosen[0]
    if not chosen:
        raise UsageError(
            said("no amount in {text!r}", text=text),
            "write an amount, e.g. '24 300 kr', '24,3 tkr' or '24300'",
            code="invalid-claim",
        )
    found = ", ".join(repr(m.group(0).strip()) for m in chosen)
    raise UsageError(
        said("{text!r} has several amounts: {found}", text=text, found=found),
        "give only one amount",
        code="invalid-claim",
    )


def parse_claim(text: str) -> Claim:
    """Every reading of the amount in ``text``, the literal one first.

    ``text`` may be a whole sentence ("Kostnaden ... 2014 är ca 24.300 tkr"): the amount
    with a unit is taken; a bare year-like number beside it is ignored.
    """
    match = _pick(text)
    if match.group("sign"):
        raise UsageError(
            said("{text!r} is negative", text=match.group(0).strip()),
            "a member's share is a cost: write the amount without a sign",
            code="invalid-claim",
        )
    unit = _unit_of(match.group("unit"))
    side = side_of(match.group("approx"))
    numbers = number_readings(match.group("number"))
    if not numbers:
        raise UsageError(
            said("{text!r} is not a number", text=match.group("number")),
            "group thousands in threes: '1.234.567' or '1 234 567'",
            code="invalid-claim",
        )
    if numbers[0][0] * MULTIPLIERS[unit] >= MAX_CLAIM_KRONOR:
        raise UsageError(
            said("{text!r} is too large to be a member's share", text=match.group(0).strip()),
            "check the number: a claimed share is less than 10^15 kr",
            code="invalid-claim",
        )
    if match.group("ore"):
        ore = Decimal(match.group("ore")) / 100
        numbers = [(number + ore, (*how, Notation.COLON_ORE)) for number, how in numbers]
    readings = [
        Reading(
            ReadingKind.LITERAL if i == 0 else ReadingKind.SEPARATOR,
            number,
            unit,
            number * MULTIPLIERS[unit],
            how,
            side,
            unit,
        )
        for i, (number, how) in enumerate(numbers)
    ]
    literal_number, literal_notation = numbers[0]
    readings.extend(
        Reading(
            ReadingKind.UNIT,
            literal_number,
            other,
            literal_number * factor,
            literal_notation,
            side,
            unit,
        )
        for other, factor in MULTIPLIERS.items()
        if other not in {unit, "mdkr"} and not (other == "öre" and unit != "kr")
    )
    return Claim(
        text=text,
        matched=match.group(0).strip(),
        approximate=match.group("approx") is not None,
        readings=tuple(readings),
        side=side,
    )
