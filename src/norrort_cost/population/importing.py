"""Merging imported population figures into a dataset's figures: pure, no I/O.

The loader (:mod:`norrort_cost.loading.scb`) turns an SCB export into :class:`RegionFigure`
rows; :func:`plan_import` matches each region to a kommunkod of the dataset and says what
would change. A region is matched by the code it starts with (``0114 Upplands Väsby``), or,
when it gives a name alone, by that name exactly (ignoring case and diacritics). A name
that is only *close* to a municipality's is a problem with a did-you-mean, never a guess.
Regions that are not in the dataset (other municipalities, counties, the whole country)
are skipped and reported; an export with none of the dataset's municipalities is refused,
and so is a member whose figure SCB marks as missing (``..``): never taken as 0.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from norrort_cost.dataset.lookup import fold, name_forms, name_key, same_name
from norrort_cost.dataset.models import Dataset, Municipality, PopulationFigure
from norrort_cost.population.impossible import counts_then, impossible
from norrort_cost.problems import DataError, Problem, UsageError, said

# a kommunkod (three digits: a spreadsheet lost its leading zero) and maybe the name
_CODE_AND_NAME = re.compile(r"(\d{3,4})(?:\s+(.*))?")
_COUNTY_OR_COUNTRY = re.compile(r"\d{2}(\s.*)?")
NAME_CUTOFF = 0.85  # close enough to be a typo of a member's name, not another municipality


@dataclass(frozen=True, slots=True, kw_only=True)
class RegionFigure:
    """One figure as read from an export: where it was, the region text, date and count.

    ``reference_date`` is None when the export names no period (``Region;Antal``): the
    merge then takes the date given by the user. ``inhabitants`` is None where SCB gives
    no figure (``..``, ``-``; ``raw`` keeps the mark): an error for a member, never 0.
    """

    file: str
    line: int | None
    column: str
    region: str
    reference_date: date | None
    inhabitants: int | None
    raw: str = ""
    source: str = ""  # where it came from, when not the import's one source (fetch-scb)
    parts: bool = False  # summed from parts (men + women): not a total SCB published


@dataclass(frozen=True, slots=True)
class Reading:
    """How one export was read, for the report: which columns and periods were used."""

    file: str
    layout: str
    region_column: str
    value_columns: tuple[str, ...]
    periods: tuple[str, ...]
    notes: tuple[str, ...] = ()
    dates: tuple[date, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """A figure the import changes: the dataset's old count and the export's new one."""

    old: PopulationFigure
    new: PopulationFigure


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import does; ``figures`` is the whole merged list, in file order."""

    added: tuple[PopulationFigure, ...]
    changed: tuple[Change, ...]
    unchanged: tuple[PopulationFigure, ...]
    skipped: tuple[str, ...]
    figures: tuple[PopulationFigure, ...]

    @property
    def modifies(self) -> bool:
        """Whether the population file has to be written."""
        return bool(self.added or self.changed)


def plan_import(
    dataset: Dataset,
    rows: list[RegionFigure],
    *,
    source: str,
    reference_date: date | None = None,
    years: Collection[int] = (),
) -> ImportPlan:
    """The merge of ``rows`` into the dataset's figures; DataError on any problem.

    ``reference_date`` replaces the rows' own date (for an export of one period only, or
    one that names none). ``years`` keeps the rows of those years only. Conflicting
    duplicates (one kommunkod and date with two different counts), unmatched names, a
    member without a figure and a file without any member are refused.
    """
    rows = _dated(rows, reference_date, years)
    problems: list[Problem] = []
    skipped: dict[str, None] = {}  # in file order, each region once (a dict: found in O(1))
    imported: dict[tuple[str, date], tuple[RegionFigure, PopulationFigure]] = {}
    matched: dict[str, str | None] = {}  # region text -> kommunkod: each region judged once
    members = _Members(dataset.municipalities)
    for row in rows:
        if row.region not in matched:
            matched[row.region] = _match(members, row, problems)
        kommunkod = matched[row.region]
        if kommunkod is None:
            skipped[row.region] = None
            continue
        on = reference_date or row.reference_date or date.min  # _dated refused undated rows
        if row.inhabitants is None:
            problems.append(_missing(row, dataset.municipality(kommunkod), on))
            continue
        if row.inhabitants <= 0 and counts_then(
            dataset.memberships, dataset.settings, kommunkod, on
        ):
            problems.append(
                impossible(row.file, row.line, row.column, (kommunkod, on, row.inhabitants))
            )
            continue
        figure = PopulationFigure(
            kommunkod=kommunkod, reference_date=on, inhabitants=row.inhabitants, source=source
        )
        if row.source:  # the row's own source (fetch-scb: its table) over the import's
            figure = figure.model_copy(update={"source": row.source})
        earlier = imported.get((kommunkod, on))
        if earlier is None:
            imported[(kommunkod, on)] = (row, figure)
        elif earlier[1].inhabitants != row.inhabitants:
            problems.append(_conflict(row, earlier[0], on))
    if not problems and not imported:
        problems.append(_no_members(dataset, rows, list(skipped)))
    if problems:
        raise DataError(problems)
    return _merge(dataset.population, [figure for _, figure in imported.values()], list(skipped))


def _dated(
    rows: list[RegionFigure], reference_date: date | None, years: Collection[int]
) -> list[RegionFigure]:
    """The rows to import: those of ``years``; a usage error where no date can be had."""
    dates = {row.reference_date for row in rows}
    if reference_date is not None and len(dates) > 1:
        raise UsageError(
            "a reference date (--date) fits an export of one period only",
            "import one year at a time, or leave --date out",
        )
    undated = sorted({row.file for row in rows if row.reference_date is None})
    if undated and reference_date is None:
        raise UsageError(
            said(
                "{files} names no year or month: its reference date is unknown",
                files=", ".join(undated),
            ),
            "give the date the figures describe, e.g. --date 2015-12-31 (31 December)",
        )
    if not years:
        return rows
    kept = [r for r in rows if (reference_date or r.reference_date or date.min).year in years]
    if not kept:
        found = sorted({d.year for d in dates if d is not None})
        raise UsageError(
            said(
                "the export has no figures for {years}",
                years=", ".join(map(str, sorted(years))),
            ),
            said("it has {years}", years=", ".join(map(str, found)))
            if found
            else said("it has no year"),
        )
    return kept


def _missing(row: RegionFigure, member: Municipality, on: date) -> Problem:
    return _problem(
        row,
        "missing-figure",
        said(
            "SCB gives no figure ({raw!r}) for {name} at {on}",
            raw=row.raw.strip(),
            name=member.name,
            on=on,
        ),
        "export a period that has figures, or write the figure and its source in "
        "population.csv; a missing figure is never taken as 0",
    )


def _no_members(dataset: Dataset, rows: list[RegionFigure], skipped: list[str]) -> Problem:
    shown = ", ".join(skipped[:4]) + (", ..." if len(skipped) > 4 else "")
    codes = ", ".join(m.kommunkod for m in dataset.municipalities[:3])
    files = ", ".join(dict.fromkeys(row.file for row in rows)) or "the export"
    return Problem(
        file=files,
        line=None,
        column=None,
        value=shown or None,
        code="no-member-in-export",
        message=said(
            "none of the dataset's municipalities is in the export (other regions: {count}: "
            "{shown})",
            count=len(skipped),
            shown=shown or "-",
        ),
        hint=said("export the table for the members' municipalities ({codes}, ...)", codes=codes),
    )


def _merge(
    existing: tuple[PopulationFigure, ...], imported: list[PopulationFigure], skipped: list[str]
) -> ImportPlan:
    by_key = {(f.kommunkod, f.reference_date): f for f in imported}
    figures, changed, unchanged = [], [], []
    for figure in existing:
        new = by_key.pop((figure.kommunkod, figure.reference_date), None)
        if new is None:
            figures.append(figure)
        elif new.inhabitants == figure.inhabitants:
            unchanged.append(figure)
            figures.append(figure)
        else:
            changed.append(Change(figure, new))
            figures.append(new)
    added = sorted(by_key.values(), key=_file_order)
    merged = [*figures, *added]
    if list(existing) == sorted(existing, key=_file_order):
        merged.sort(key=_file_order)  # a sorted file stays sorted
    return ImportPlan(
        added=tuple(added),
        changed=tuple(changed),
        unchanged=tuple(unchanged),
        skipped=tuple(skipped),
        figures=tuple(merged),
    )


def _file_order(figure: PopulationFigure) -> tuple[date, str]:
    return figure.reference_date, figure.kommunkod


class _Members:
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


def _match(members: _Members, row: RegionFigure, problems: list[Problem]) -> str | None:
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
                _problem(
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


def _match_name(members: _Members, row: RegionFigure, problems: list[Problem]) -> str | None:
    named = members.named(row.region)
    if named is not None:
        return named.kommunkod
    member = members.close_to(fold(row.region))
    if member is not None:
        problems.append(
            _problem(
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


def _conflict(row: RegionFigure, earlier: RegionFigure, on: date) -> Problem:
    return _problem(
        row,
        "conflicting-duplicate",
        said(
            "{region} at {on} has {here} inhabitants here but {there} on line {line} of {file}",
            region=row.region,
            on=on,
            here=row.inhabitants,
            there=earlier.inhabitants,
            line=earlier.line,
            file=earlier.file,
        ),
        "import one export per year, or remove the wrong row",
    )


def _problem(row: RegionFigure, code: str, message: str, hint: str) -> Problem:
    return Problem(
        file=row.file,
        line=row.line,
        column=row.column,
        value=row.region,
        code=code,
        message=message,
        hint=hint,
    )
