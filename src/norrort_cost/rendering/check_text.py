"""The words of a check: a reading, its precision and the verdict in one sentence.

``tr`` translates for people (the table); the records pass nothing and keep English.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from norrort_cost.audit.claims import Notation, Reading, ReadingKind, Side
from norrort_cost.audit.reconcile import CheckResult, ReadingCheck, Verdict
from norrort_cost.money import (
    format_decimal_sv,
    format_int,
    format_kronor,
    format_percent,
    format_sek,
    format_signed_sek,
)


def _same(text: str) -> str:
    return text


def reading_text(reading: Reading, tr: Callable[[str], str] = _same) -> str:
    """A reading for people: ``24,3 tkr = 24 300 kr (dot is the decimal mark)``."""
    written = f"{format_decimal_sv(reading.number.normalize())} {reading.unit}"
    amount = f"{format_kronor(reading.kronor)} kr"
    same = reading.unit == "kr"
    return f"{amount} ({describe(reading, tr)})" if same else f"{written} = {amount}"


NOTATIONS = {
    Notation.PLAIN: "a plain number",
    Notation.SPACES_GROUP: "spaces group thousands",
    Notation.APOSTROPHES_GROUP: "apostrophes group thousands",
    Notation.DOT_GROUPS: "dot groups thousands",
    Notation.COMMA_GROUPS: "comma groups thousands",
    Notation.DOT_DECIMAL: "dot is the decimal mark",
    Notation.COMMA_DECIMAL: "comma is the decimal mark",
    Notation.COLON_ORE: "colon before öre",
}
KINDS = {
    ReadingKind.LITERAL: "literal",
    ReadingKind.SEPARATOR: "separator",
    ReadingKind.UNIT: "unit",
}


def describe(reading: Reading, tr: Callable[[str], str] = _same) -> str:
    """How a reading reads the text, its parts translated: ``dot groups thousands``,
    ``spaces group thousands, comma is the decimal mark`` or, for a reading in another
    unit than the one written, ``the number in tkr, not kr``. Untranslated, the JSON
    ``description`` of the reading."""
    if reading.kind == ReadingKind.UNIT:
        return tr("the number in {other}, not {unit}").format(
            other=reading.unit, unit=reading.written_unit
        )
    return ", ".join(tr(NOTATIONS[part]) for part in reading.notation)


def kind_name(kind: ReadingKind, tr: Callable[[str], str] = _same) -> str:
    """Where a reading comes from, in words: ``literal``, ``separator`` or ``unit``."""
    return tr(KINDS[kind])


PRECISIONS = {
    Decimal("0.01"): "to the öre",
    Decimal("0.1"): "to ten öre",
    Decimal(1): "whole kronor",
    Decimal(10): "whole tens of kronor",
    Decimal(100): "whole hundreds of kronor",
    Decimal(1000): "whole thousands",
    Decimal(10**4): "whole tens of thousands",
    Decimal(10**5): "whole hundreds of thousands",
    Decimal(10**6): "whole millions",
}


def precision_text(precision: Decimal, tr: Callable[[str], str] = _same) -> str:
    """A claim's precision in words: ``whole thousands``, or ``0,001 kr``."""
    named = PRECISIONS.get(precision)
    return tr(named) if named else f"{format_kronor(precision)} kr"


def _off_by(check: ReadingCheck, tr: Callable[[str], str]) -> str:
    if check.scale is not None:
        if check.scale >= 1:
            return tr("about {times} times").format(times=format_int(int(check.scale)))
        return tr("about 1/{part} of").format(part=format_int(check.scale.denominator))
    if check.relative is None:
        return tr("{difference} kr from").format(difference=format_signed_sek(check.difference_ore))
    return tr("{percent} from").format(percent=format_percent(check.relative, 2, signed=True))


def _how_consistent(check: ReadingCheck, computed: str, tr: Callable[[str], str]) -> str:
    """Why a consistent reading is: within the tolerance, or the computed amount rounds to it
    at the claim's own precision (then the precision assumed is named)."""
    if check.within_tolerance:
        return tr("{off_by} {computed}").format(off_by=_off_by(check, tr), computed=computed)
    precision = precision_text(check.reading.precision, tr)
    side = check.reading.side
    if side in {Side.OVER, Side.UNDER}:
        template = (
            "{computed} is over it by less than the precision assumed, {precision}"
            if side == Side.OVER
            else "{computed} is under it by less than the precision assumed, {precision}"
        )
        return tr(template).format(computed=computed, precision=precision)
    if check.reading.rounded:
        return tr(
            "{computed} rounds to it at the precision of a round approximate figure, {precision}"
        ).format(computed=computed, precision=precision)
    return tr("{computed} rounds to it at the precision it is written to, {precision}").format(
        computed=computed, precision=precision
    )


def _assumed(check: ReadingCheck, tr: Callable[[str], str]) -> str:
    """For an approximate claim: the precision assumed and the side said ("" otherwise)."""
    reading = check.reading
    if reading.side == Side.EXACT:
        return ""
    precision = precision_text(reading.precision, tr)
    if reading.side == Side.OVER:
        said_side = tr("; read as a bit over it, to {precision}")
    elif reading.side == Side.UNDER:
        said_side = tr("; read as a bit under it, to {precision}")
    else:
        said_side = tr("; read as approximate, to {precision}")
    text = said_side.format(precision=precision)
    if not check.on_its_side:
        text += tr(", but the computed amount is over it") if reading.side == Side.UNDER else ""
        text += tr(", but the computed amount is under it") if reading.side == Side.OVER else ""
    return text


def check_summary(result: CheckResult, tr: Callable[[str], str] = _same) -> str:
    """The verdict in one sentence, naming the reading it rests on, the precision assumed
    (an approximate claim's, or the one it is judged by when rounding) and, for "drygt" or
    "knappt", the side.

    ``tr`` translates the sentence's parts for people; records keep it in English.
    """
    computed = tr("the computed {amount} kr").format(amount=format_sek(result.computed_ore))
    literal = result.literal
    tolerance = format_decimal_sv((result.tolerance * 100).normalize())
    if result.verdict == Verdict.CONSISTENT and not literal.within_tolerance:
        return tr("consistent: read as written, {reading}; {how}").format(
            reading=reading_text(literal.reading, tr),
            how=_how_consistent(literal, computed, tr),
        )
    if result.verdict == Verdict.CONSISTENT:
        return tr(
            "consistent: read as written, {reading}, within {tolerance} % of {computed} ({how})"
        ).format(
            reading=reading_text(literal.reading, tr),
            tolerance=tolerance,
            computed=computed,
            how=_how_consistent(literal, tr("it"), tr),
        ) + _assumed(literal, tr)
    read_literally = tr("read literally, {amount} kr, {off_by} {computed}").format(
        amount=format_kronor(literal.reading.kronor),
        off_by=_off_by(literal, tr),
        computed=computed,
    )
    if result.verdict == Verdict.INCONSISTENT:
        return tr("inconsistent: {literally}; no reading is within {tolerance} %").format(
            literally=read_literally, tolerance=tolerance
        ) + _assumed(literal, tr)
    chosen = result.chosen
    return tr("likely {slip} slip: {literally}; read as {reading}, consistent ({how})").format(
        slip=kind_name(chosen.reading.kind, tr),
        literally=read_literally,
        reading=reading_text(chosen.reading, tr),
        how=_how_consistent(chosen, tr("it"), tr),
    )
