"""The words of SCB's population tables: periods, column names, sex and age categories.

Everything is compared in folded form (:func:`~norrort_cost.dataset.lookup.fold`: lower
case, no diacritics or punctuation), so ``Län``, ``lan`` and ``LÄN`` are one word.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from enum import StrEnum
from functools import lru_cache

from norrort_cost.dataset.lookup import fold
from norrort_cost.loading.scb.words import (
    AGE_TOTALS,
    BREAKDOWN_VALUES,
    CHANGE_PARTS,
    MONTHS,
    ROLE_WORDS,
    SEX_WORDS,
    TOTALS,
)

# 2017, 2019M12 (month), 2019K4 (kvartal, quarter), 2019Q4; SCB writes them without spaces.
# 2019.0: a year that became a float on its way through pandas or a spreadsheet.
_PERIOD = re.compile(r"((?:18|19|20|21)\d\d)(?:\.0|\s*([MKQ])\s*(\d{1,2}))?", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_ISO_DATE = re.compile(r"(?:18|19|20|21)\d\d-\d\d-\d\d")
# SCB's marks for a figure that does not exist or is not published
MISSING_MARKS = frozenset(
    {"..", "-", ".", "…", "–", "x", ":", "...", "....", ".....", "......"}  # PC-Axis DATASYMBOL1-6
)


class Role(StrEnum):
    """What a column of an export holds."""

    REGION = "region"
    DESCRIPTOR = "descriptor"  # land, län: a region level above the municipality
    PERIOD = "period"  # a long table's year or month column
    SEX = "sex"  # a column whose cells are kön categories
    AGE = "age"
    POPULATION = "population"  # Folkmängd, Antal, Befolkning
    CHANGE = "change"  # Folkökning, Döda, ...: not the population, ignored
    CONTENTS = "contents"  # tabellinnehåll: which measure a row holds (Folkmängd, Döda)
    BREAKDOWN = "breakdown"  # civilstånd, födelseland, ...: only its total is the population
    UNKNOWN = "unknown"


class Sex(StrEnum):
    """The kön categories a figure may be for."""

    TOTAL = "total"
    MEN = "men"
    WOMEN = "women"


_WORDS = {Role(role): words for role, words in ROLE_WORDS.items()}
_SEX_VALUES = {Sex(sex): words for sex, words in SEX_WORDS.items()}
MAX_AGE = 120
cache_labels = lru_cache(maxsize=4096)
"""The words of a table repeat on every row: each distinct one is judged once (pure functions)."""
_AGE = re.compile(r"\d+(\s*[-+]\s*\d*)?\s*(ar|years?)?|\d+\s*ar|.*\bar\b.*|uppgift saknas")


@cache_labels
def period_of(text: str) -> str | None:
    """The period a header cell names, normalised (``2019m12`` -> ``2019M12``), or None.

    A cell is a period when it is one (``2017``, ``2019M12``, ``2019K4``, a date
    ``2019-11-01``) or a population word followed or preceded by one (``Folkmängd 2017``).
    """
    cell = text.strip()
    if _ISO_DATE.fullmatch(cell):
        return cell if period_end(cell) is not None else None
    words = cell.split()
    periods = [found for w in words if (found := _PERIOD.fullmatch(w)) is not None]
    others = [w for w in words if _PERIOD.fullmatch(w) is None]
    if len(periods) != 1 or (others and role_of(" ".join(others)) != Role.POPULATION):
        return None
    year, kind, number = periods[0].groups()
    if kind is None:
        day = day_of(" ".join(others))
        return year if day is None else on_day(year, day)
    kind = "M" if kind.upper() == "M" else "K"
    period = f"{year}M{int(number):02d}" if kind == "M" else f"{year}K{int(number)}"
    return period if period_end(period) is not None else None


def day_of(text: str) -> tuple[int, int] | None:
    """The (month, day) a column's name dates its figures to, other than 31 December.

    ``Folkmängd 1 november`` (SCB's population for skatteutjämning) is (11, 1), never the
    year's end; a month without a day is (month, 0), which no date has.
    """
    words = fold(text).split()
    for before, word in zip(["", *words], words, strict=False):
        month = MONTHS.get(word)
        if month is not None:
            day = int(before) if before.isdigit() else 0
            return None if (month, day) == (12, 31) else (month, day)
    return None


def on_day(year: str, day: tuple[int, int]) -> str | None:
    """The ISO date of ``day`` in ``year`` (None when there is no such date)."""
    try:
        return date(int(year), *day).isoformat()
    except ValueError:
        return None


def period_with_sex(text: str) -> tuple[str, Sex] | None:
    """The period and kön of a heading that joins two variables (``2019 män``, ``kvinnor 2019``).

    PxWeb writes one header cell per combination when both år and kön are in the heading.
    """
    words = text.split()
    for split in range(1, len(words)):
        head, tail = " ".join(words[:split]), " ".join(words[split:])
        for period_text, sex_text in ((head, tail), (tail, head)):
            period, sex = period_of(period_text), sex_of(sex_text)
            if period is not None and sex is not None:
                return period, sex
    return None


def is_plain_year(period: str) -> bool:
    """Whether the period is a bare year (which a count could also be: ``1845``)."""
    return period.isdigit()


def period_end(period: str) -> date | None:
    """The reference date of a period: its last day (None for an impossible month)."""
    year = int(period[:4])
    if len(period) == 4:
        return date(year, 12, 31)
    if len(period) == 10:
        try:
            return date.fromisoformat(period)
        except ValueError:
            return None
    number = int(period[5:])
    month = number if period[4] == "M" else number * 3
    if not 1 <= month <= 12 or (period[4] == "K" and not 1 <= number <= 4):
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


@cache_labels
def role_of(header: str) -> Role:
    """The role a column's name gives it (UNKNOWN when the name says nothing)."""
    folded = fold(header)
    if not folded:
        return Role.UNKNOWN
    for role, words in _WORDS.items():
        if folded in words:
            return role
    if any(part in folded for part in CHANGE_PARTS):
        return Role.CHANGE
    if folded.startswith(("folkmangd", "befolkning")):
        return Role.POPULATION
    return Role.UNKNOWN


@cache_labels
def sex_of(text: str) -> Sex | None:
    """The kön category a cell or column name stands for, if it is one."""
    folded = fold(text)
    for sex, words in _SEX_VALUES.items():
        if folded in words:
            return sex
    return None


def is_age(text: str) -> bool:
    """Whether a cell names an age or age group (``0-9 år``, ``100+``, ``totalt ålder``)."""
    folded = fold(text)
    if folded.isdigit():
        return int(folded) <= MAX_AGE  # a bare number above it is a count, not an age
    return folded in AGE_TOTALS or bool(_AGE.fullmatch(folded))


@cache_labels
def is_age_total(text: str) -> bool:
    """Whether an age category is the total over all ages."""
    return fold(text) in AGE_TOTALS or fold(text).startswith(("totalt", "samtliga", "alla"))


def is_breakdown_category(text: str) -> bool:
    """Whether a cell is a category of civilstånd (``gifta``): a part, never the population.

    No category has a digit (folding keeps digits), so a cell with one is none at once.
    """
    return not _DIGIT.search(text) and fold(text) in BREAKDOWN_VALUES


@cache_labels
def is_total(text: str) -> bool:
    """Whether a category is the total of its variable (``totalt``, ``samtliga``)."""
    folded = fold(text)
    return folded in TOTALS or folded.startswith(("totalt", "samtliga", "alla "))


def names_other_measure(title: str) -> bool:
    """Whether a table's title names a change or another measure, not the population.

    ``Medelfolkmängd efter region och år``, ``Befolkningsförändringar``, ``Folkökning``:
    yes. ``Folkmängd och folkökning efter region`` names the population too: no (its
    columns then say which is which).
    """
    folded = fold(title)
    population = re.search(r"\b(folkmangd|folkmangden|population)\b", folded)
    return population is None and any(part in folded for part in CHANGE_PARTS)


def is_missing(text: str) -> bool:
    """Whether a cell is SCB's mark for a missing figure (``..``, ``-``) or empty."""
    return not text.strip() or text.strip() in MISSING_MARKS
