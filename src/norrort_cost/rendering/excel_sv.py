"""The ``excel-sv`` CSV dialect in the reader's language: headers and words for people.

The machine dialect keeps the field names and values every pipeline reads (``inhabitants``,
``share``, ``true``, ``member``). The ``excel-sv`` dialect is for a person who opens the file
in Swedish Excel, so under ``--lang sv`` its headers and its words are Swedish
(``invånare``, ``andel``, ``ja``/``nej``, ``medlem``); under English they are the field
names and values as they are. Numbers and dates are the same in both languages.
"""

from __future__ import annotations

from typing import Any

from norrort_cost.rendering.i18n import _, current
from norrort_cost.rendering.vocabulary import METHOD_NAMES

# the field names of the CSV records, said for people (translated through the catalog)
FIELDS = {
    "cooperation": "cooperation",
    "year": "year",
    "kommunkod": "kommunkod",
    "name": "name",
    "status": "status",
    "inhabitants": "inhabitants",
    "population_date": "reference date",
    "population_source": "population source",
    "membership_days": "membership days",
    "days_in_year": "days in the year",
    "days": "days",
    "share": "share",
    "amount": "amount (kr)",
    "amount_ore": "amount (öre)",
    "amount_change_ore": "change in amount (öre)",
    "sek_per_inhabitant": "kr per inhabitant",
    "illustrative": "illustrative",
    "method": "method",
    "method_version": "method version",
    "basis": "basis",
    "final_population_date": "final reference date",
}
BASES = {"final": "final", "preliminary": "preliminary"}
SIDES = {
    "from": "earlier year",
    "to": "later year",
    "baseline": "baseline",
    "new": "new",
    "change": "change",
}
POOLS = {
    "base_fee": "Base fee",
    "per_capita": "Per capita",
    "equal": "Equal",
    "fixed": "Fixed",
}
VALUES = {
    "member": "member",
    "joined": "joined",
    "left": "left",
    "left-out": "left out",
}


def header(field: str) -> str:
    """A CSV field's header for people: ``share_from`` -> ``andel (tidigare år)``."""
    if field in FIELDS:
        return _(FIELDS[field])
    base, _sep, side = field.rpartition("_")
    if base in FIELDS and side in SIDES:
        named, when = _(FIELDS[base]), _(SIDES[side])
        if named.endswith(")"):  # "belopp (kr)" -> "belopp (kr, tidigare år)"
            return f"{named[:-1]}, {when})"
        return f"{named} ({when})"
    pool = field.removeprefix("amount_")
    if pool in POOLS:
        return f"{_(POOLS[pool])} (kr)"
    return field


def value(field: str, cell: Any) -> Any:  # noqa: ANN401 - any cell
    """A cell's value for people: yes/no for a flag, a status or the method in words."""
    if cell is True or cell is False:
        return _("yes") if cell else _("no")
    if field == "status" and cell in VALUES:
        return _(VALUES[cell])
    if field == "basis" and cell in BASES:
        return _(BASES[cell])
    if field == "method" and cell in METHOD_NAMES:
        return _(METHOD_NAMES[cell])
    return cell


def for_people(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with headers and words in the current language (as they are in English)."""
    if current() == "en":
        return rows
    return [{header(field): value(field, cell) for field, cell in row.items()} for row in rows]
