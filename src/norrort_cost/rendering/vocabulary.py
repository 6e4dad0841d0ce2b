"""Names for people of what the data calls by a machine name: the method and its version.

The records (JSON, CSV) keep the machine names (``largest-remainder (Hamilton)``, ``2``);
tables, captions, explanations and spreadsheet notes say them with these words, in the
reader's language (Swedish: *största restmetoden*, the established name of Hamilton's
method in Swedish election literature).
"""

from __future__ import annotations

from norrort_cost.rendering.i18n import _

METHOD_NAMES = {
    "largest-remainder (Hamilton)": "largest remainder (Hamilton)",
    "largest-remainder": "largest remainder (Hamilton)",
}


def method_name(method: str, version: str) -> str:
    """The method for people: ``largest remainder (Hamilton), version 2``."""
    name = _(METHOD_NAMES.get(method, method))
    return _("{method}, version {version}").format(method=name, version=version)
