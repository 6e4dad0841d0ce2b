"""Every text of the committee report, in Swedish and English: one table per language.

One key per message, ``str.format`` fields by name; the Swedish table (the default) is in
``strings_sv``, the English one in ``strings_en``, with the same keys and fields.
"""

from __future__ import annotations

from collections.abc import Mapping

from norrort_cost.rendering.report.strings_en import TEXTS as ENGLISH
from norrort_cost.rendering.report.strings_sv import TEXTS as SWEDISH

LANGUAGES = ("sv", "en")

_TABLES: dict[str, dict[str, str]] = {"sv": SWEDISH, "en": ENGLISH}


def texts(lang: str) -> Mapping[str, str]:
    """The report's texts in ``lang`` (``sv`` or ``en``)."""
    return _TABLES[lang]
