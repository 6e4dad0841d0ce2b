"""A what-if's changes of membership: parsed from the command line's words, checked, and
applied to a copy of the memberships. Pure, no I/O (split from :mod:`.changes`, which
names every name here too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from norrort_cost.dataset.lookup import find_municipality
from norrort_cost.dataset.models import Membership, Municipality
from norrort_cost.problems import UsageError, said


class ChangeKind(StrEnum):
    """A hypothetical change of membership."""

    JOIN = "join"
    LEAVE = "leave"
    WITHOUT = "without"


@dataclass(frozen=True, slots=True)
class MembershipChange:
    """Join on a date (first day), leave on a date (last day), or never a member."""

    kind: ChangeKind
    kommunkod: str
    on: date | None = None


def parse_change(
    kind: ChangeKind, text: str, municipalities: Iterable[Municipality]
) -> MembershipChange:
    """``CODE:DATE`` (join, leave) or ``CODE`` (without); CODE is a kommunkod or a name."""
    if kind == ChangeKind.WITHOUT:
        return MembershipChange(kind, find_municipality(municipalities, text).kommunkod)
    who, _, when = text.rpartition(":")
    try:
        on = date.fromisoformat(when.strip())
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", when.strip()):
            raise UsageError(
                said(
                    "--{kind} {text!r}: {when} does not exist in the calendar",
                    kind=kind.value,
                    text=text,
                    when=when.strip(),
                ),
                "check month and day",
                code="invalid-change",
            ) from None
        raise UsageError(
            said("--{kind} {text!r} needs a municipality and a date", kind=kind.value, text=text),
            said("write CODE:YYYY-MM-DD, e.g. --{kind} 0125:2014-01-01", kind=kind.value),
            code="invalid-change",
        ) from None
    return MembershipChange(kind, find_municipality(municipalities, who).kommunkod, on)


def apply_change(
    memberships: tuple[Membership, ...], change: MembershipChange
) -> tuple[Membership, ...]:
    """The memberships with ``change`` made; a usage error if it contradicts them."""
    others = tuple(m for m in memberships if m.kommunkod != change.kommunkod)
    own = [m for m in memberships if m.kommunkod == change.kommunkod]
    if change.kind == ChangeKind.WITHOUT:
        return others
    on = change.on
    assert on is not None  # noqa: S101 - parse_change gives join and leave a date
    covering = [m for m in own if m.start <= on and (m.end is None or m.end >= on)]
    if change.kind == ChangeKind.JOIN:
        if covering:
            raise UsageError(
                said("{code} is already a member on {on}", code=change.kommunkod, on=on),
                code="invalid-change",
            )
        earlier = tuple(m for m in own if m.start < on)
        joined = Membership.model_validate({"kommunkod": change.kommunkod, "from": on})
        return (*others, *earlier, joined)
    if not covering:
        raise UsageError(
            said(
                "{code} is not a member on {on}, so it cannot leave", code=change.kommunkod, on=on
            ),
            code="invalid-change",
        )
    earlier = tuple(m for m in own if m.start <= on and m is not covering[0])
    return (*others, *earlier, covering[0].model_copy(update={"end": on}))


def refuse_contradictions(changes: Sequence[MembershipChange]) -> None:
    """A member left out entirely cannot also join or leave in the same scenario."""
    removed = {c.kommunkod for c in changes if c.kind == ChangeKind.WITHOUT}
    for change in changes:
        if change.kind != ChangeKind.WITHOUT and change.kommunkod in removed:
            raise UsageError(
                said(
                    "{code} is both left out (--without) and asked to {kind}",
                    code=change.kommunkod,
                    kind=change.kind.value,
                ),
                "choose one of the two changes for this member",
                code="invalid-change",
            )
