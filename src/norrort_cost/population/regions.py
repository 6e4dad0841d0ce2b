"""Matching an export's regions to the dataset's municipalities: pure, no I/O.

A region is matched by the code it starts with (``0114 Upplands Väsby``), or, when it
gives a name alone, by that name exactly (ignoring case and diacritics). A name that is only
*close* to a municipality's is a problem with a did-you-mean, never a guess. Counties and
the whole country (two-digit codes) and municipalities not in the dataset are skipped.
"""

from __future__ import annotations

import difflib
import re

from norrort_cost.dataset.lookup import fold, name_forms, name_key, same_name
from norrort_cost.dataset.models import Municipality
from norrort_cost.population.records import RegionFigure, row_problem
from norrort_cost.problems import Problem, said

# a kommunkod (three digits: a spreadsheet lost its leading zero) and maybe the name
_CODE_AND_NAME = re.compile(r"(\d{3,4})(?:\s+(.*))?")
_COUNTY_OR_COUNTRY = re.compile(r"\d{2}(\s.*)?")
NAME_CUTOFF = 0.85  # close enough to be a typo of a member's name, not another municipality


class Members:
    """The dataset's municipalities indexed once, so that matching a region costs no search.

    By kommunkod and by name key (the first municipality in the dataset's order wins, as a
    search in that order would find it), and by folded name for the did-you-mean.
    """

    def __init__(self, municipalities: tuple[Municipality, ...]) -> None:
        self.by_code: dict[str, Municipality] = {}
        self.by_key: dict[str, tuple[int, Municipality]] = {}
        for position, municipality in enumerate(municipalities):
            self.by_code.setdefault(municipality.kommunkod, municipality)
            self.by_key.setdefault(name_key(municipality.name), (position, municipality))
        self.folded = {fold(m.name): m for m in municipalities}
        self._by_length: dict[int, list[str]] = {}  # the names a name of that length may be

    def named(self, written: str) -> Municipality | None:
        """The first municipality that ``written`` names (:func:`same_name`), if any."""
        found = [self.by_key[form] for form in name_forms(written) if form in self.by_key]
        return min(found, key=lambda pair: pair[0])[1] if found else None

    def close_to(self, wanted: str) -> Municipality | None:
        """The municipality whose folded name is closest to ``wanted``, if close enough.

        Names whose length alone puts them below the cutoff are left out before difflib
        compares (its own first test, ``real_quick_ratio``): the same answer, much sooner.
        """
        possible = self._by_length.get(len(wanted))
        if possible is None:
            possible = [name for name in self.folded if _may_be_close(len(wanted), len(name))]
            self._by_length[len(wanted)] = possible
        if not possible:
            return None
        close = difflib.get_close_matches(wanted, possible, n=1, cutoff=NAME_CUTOFF)
        return self.folded[close[0]] if close else None


def _may_be_close(length: int, other: int) -> bool:
    """difflib's ``real_quick_ratio`` (an upper bound of the similarity) against the cutoff."""
    total = length + other
    return (2.0 * min(length, other) / total if total else 1.0) >= NAME_CUTOFF


def match_region(members: Members, row: RegionFigure, problems: list[Problem]) -> str | None:
    """The kommunkod of the row's region, or None to skip it (not in the dataset)."""
    text = row.region.strip()
    coded = _CODE_AND_NAME.fullmatch(text)
    if coded:
        code, name = coded.group(1).zfill(4), coded.group(2)
        found = members.by_code.get(code)
        if found is None:
            return None
        if name and not same_name(name, found.name):
            problems.append(
                row_problem(
                    row,
                    "region-mismatch",
                    said(
                        "{code} is {found} in municipalities.csv, not {name}",
                        code=code,
                        found=found.name,
                        name=name,
                    ),
                    "check that the export's rows are not shifted; kommunkod decides",
                )
            )
        return code
    if _COUNTY_OR_COUNTRY.fullmatch(text):
        return None
    return _match_name(members, row, problems)


def _match_name(members: Members, row: RegionFigure, problems: list[Problem]) -> str | None:
    named = members.named(row.region)
    if named is not None:
        return named.kommunkod
    member = members.close_to(fold(row.region))
    if member is not None:
        problems.append(
            row_problem(
                row,
                "unknown-region",
                said(
                    "{region!r} is not the name of a municipality in the dataset", region=row.region
                ),
                said(
                    "did you mean {name} ({code})? Write the name exactly, or export the region "
                    "with its code",
                    name=member.name,
                    code=member.kommunkod,
                ),
            )
        )
    return None
