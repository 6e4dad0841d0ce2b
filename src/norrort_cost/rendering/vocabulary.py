"""Names for people of what the data calls by a machine name: the method and its version.

The records (JSON, CSV) keep the machine names (``largest-remainder (Hamilton)``, ``2``);
tables, captions, explanations and spreadsheet notes say them with these words, in the
reader's language (Swedish: *största restmetoden*, the established name of Hamilton's
method in Swedish election literature).
"""

from __future__ import annotations

import re

from norrort_cost.money import format_int
from norrort_cost.rendering.i18n import _

METHOD_NAMES = {
    "largest-remainder (Hamilton)": "largest remainder (Hamilton)",
    "largest-remainder": "largest remainder (Hamilton)",
}


def method_name(method: str, version: str) -> str:
    """The method for people: ``largest remainder (Hamilton), version 2``."""
    name = _(METHOD_NAMES.get(method, method))
    return _("{method}, version {version}").format(method=name, version=version)


def counted(count: int, one: str, many: str) -> str:
    """``count`` with its noun in the right number: ``1 warning``, ``2 warnings``
    (Swedish ``1 varning``, ``2 varningar``); never ``warning(s)``."""
    return _(one if count == 1 else many).format(n=format_int(count))


def pool_description(text: str) -> str:
    """A pool's description for people (``Per capita: per inhabitant, pro-rated ...``), its
    label and its basis translated and any amounts in it kept."""
    from norrort_cost.allocation.pools import BASES

    label, colon, rest = text.partition(": ")
    if not colon:
        return _(text)
    for basis in BASES.values():
        if rest.endswith(basis):
            return f"{_(label)}: {rest.removesuffix(basis)}{_(basis)}"
    return f"{_(label)}: {_(rest)}"


_SHEET = re.compile(r"\(sheet (?P<sheet>[^)]+)\)")


def located(text: str) -> str:
    """A file's label or a problem's place with its sheet said in the current language:
    ``export.xlsx (sheet Tabell)`` -> ``export.xlsx (blad Tabell)``."""
    return _SHEET.sub(lambda m: _("(sheet {sheet})").format(sheet=m["sheet"]), text)
