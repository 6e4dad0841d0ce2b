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

from collections.abc import Collection
from datetime import date

from norrort_cost.dataset.models import Dataset, Municipality, PopulationFigure
from norrort_cost.population.impossible import counts_then, impossible
from norrort_cost.population.records import (
    Change,
    ImportPlan,
    Reading,
    RegionFigure,
    row_problem,
)
from norrort_cost.population.regions import Members, match_region
from norrort_cost.problems import DataError, Problem, UsageError, problem, said

# the records of an import, imported from here by the loaders and the command line
__all__ = ["Change", "ImportPlan", "Reading", "RegionFigure", "plan_import"]


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
    members = Members(dataset.municipalities)
    for row in rows:
        if row.region not in matched:
            matched[row.region] = match_region(members, row, problems)
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
                impossible(
                    kommunkod,
                    on,
                    row.inhabitants,
                    file=row.file,
                    line=row.line,
                    column=row.column,
                )
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
    return row_problem(
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
    return problem(
        "no-member-in-export",
        "none of the dataset's municipalities is in the export (other regions: {count}: {shown})",
        file=files,
        value=shown or None,
        hint=said("export the table for the members' municipalities ({codes}, ...)", codes=codes),
        count=len(skipped),
        shown=shown or "-",
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


def _conflict(row: RegionFigure, earlier: RegionFigure, on: date) -> Problem:
    return row_problem(
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
