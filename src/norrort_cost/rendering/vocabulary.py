"""Names for people of what the data calls by a machine name: the method and its version,
the cost pools, the rule that chose the population's reference date.

The records (JSON, CSV) keep the machine names (``largest-remainder (Hamilton)``, ``2``);
tables, captions, explanations and spreadsheet notes say them with these words, in the
reader's language (Swedish: *största restmetoden*, the established name of Hamilton's
method in Swedish election literature).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from norrort_cost.allocation.keys import FIXED_FILE
from norrort_cost.allocation.yearly import TIE_BREAK
from norrort_cost.dataset.models import AllocationKey
from norrort_cost.money import format_int, format_sek
from norrort_cost.rendering.i18n import _

if TYPE_CHECKING:
    from norrort_cost.allocation.results import Pool
    from norrort_cost.audit.explain import PopulationRule

METHOD_NAMES = {
    "largest-remainder (Hamilton)": "largest remainder (Hamilton)",
    "largest-remainder": "largest remainder (Hamilton)",
}


def method_name(method: str, version: str) -> str:
    """The method for people: ``largest remainder (Hamilton), version 2``."""
    name = _(METHOD_NAMES.get(method, method))
    return _("{method}, version {version}").format(method=name, version=version)


TIE_BREAKS = {TIE_BREAK: "equal remainders: kommunkod ascending"}


def tie_break_name(tie_break: str) -> str:
    """How equal remainders are ordered, for people: ``equal remainders: kommunkod
    ascending`` (Swedish: ``lika rester: kommunkod i stigande ordning``)."""
    return _(TIE_BREAKS.get(tie_break, tie_break))


def counted(count: int, one: str, many: str) -> str:
    """``count`` with its noun in the right number: ``1 warning``, ``2 warnings``
    (Swedish ``1 varning``, ``2 varningar``); never ``warning(s)``."""
    return _(one if count == 1 else many).format(n=format_int(count))


POOL_TITLES = {
    AllocationKey.PER_CAPITA: "Per capita",
    AllocationKey.EQUAL: "Equal",
    AllocationKey.BASE_FEE: "Base fee",
    AllocationKey.FIXED: "Fixed",
}
POOL_LABELS = {AllocationKey.BASE_FEE: "Base fee (grundavgift)"}
POOL_BASES = {
    AllocationKey.PER_CAPITA: "per inhabitant, pro-rated by days of membership",
    AllocationKey.EQUAL: "equal parts per member, pro-rated by days of membership",
    AllocationKey.BASE_FEE: "per member and year, pro-rated by days of membership",
    AllocationKey.FIXED: f"amounts given per member in {FIXED_FILE}",
}


POPULATION_RULES = {
    "previous-year-end": "31 December of the year before the budget year",
    "budget-year-end": "31 December of the budget year",
}


def _same(text: str) -> str:
    return text


def population_rule_meaning(rule: PopulationRule, tr: Callable[[str], str] = _same) -> str:
    """What the rule that chose the reference date means: ``31 December of the year before
    the budget year``, ``a fixed date`` or ``given explicitly``."""
    if rule.given:
        return tr("given explicitly")
    return tr(POPULATION_RULES.get(rule.setting, "a fixed date"))


def population_rule_record(rule: PopulationRule) -> str:
    """The rule as an explanation's JSON says it: the setting and its meaning
    (``previous-year-end: 31 December of the year before the budget year``), or
    ``given explicitly``."""
    meaning = population_rule_meaning(rule)
    return meaning if rule.given else f"{rule.setting}: {meaning}"


def pool_title(key: AllocationKey, tr: Callable[[str], str] = _same) -> str:
    """A pool's short name (a column header): ``Base fee``; in English, its JSON ``title``."""
    return tr(POOL_TITLES[key])


def pool_description(pool: Pool, tr: Callable[[str], str] = _same) -> str:
    """How a pool is split, for people: ``Per capita: per inhabitant, pro-rated by days of
    membership``; a base-fee pool names its fees (``Base fee (grundavgift): 120 000,00 kr
    per member and year, ...``). ``tr`` translates the label and the basis; in English, the
    pool's JSON ``description``."""
    label = tr(POOL_LABELS.get(pool.key, POOL_TITLES[pool.key]))
    basis = tr(POOL_BASES[pool.key])
    if pool.key != AllocationKey.BASE_FEE:
        return f"{label}: {basis}"
    fees = " + ".join(f"{format_sek(fee)} kr" for fee in pool.fees_ore)
    return f"{label}: {fees} {basis}"


_SHEET = re.compile(r"\(sheet (?P<sheet>[^)]+)\)")


def located(text: str) -> str:
    """A file's label or a problem's place with its sheet said in the current language:
    ``export.xlsx (sheet Tabell)`` -> ``export.xlsx (blad Tabell)``."""
    return _SHEET.sub(lambda m: _("(sheet {sheet})").format(sheet=m["sheet"]), text)
