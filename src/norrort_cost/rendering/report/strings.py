"""Every text of the committee report, in Swedish and English: one table per language.

One key per message, ``str.format`` fields by name; the Swedish table (the default) is in
``strings_sv``, the English one in ``strings_en``, with the same keys and fields.
"""

from __future__ import annotations

from collections.abc import Mapping

from norrort_cost.rendering.report import strings_en, strings_sv

LANGUAGES = ("sv", "en")

_TABLES: dict[str, dict[str, str]] = {"sv": strings_sv.TEXTS, "en": strings_en.TEXTS}


def texts(lang: str) -> Mapping[str, str]:
    """The report's texts in ``lang`` (``sv`` or ``en``)."""
    return _TABLES[lang]
