"""``population fetch-scb``: which SCB table holds each year, and its published totals.

The tables are a setting (``scb_tables``, ``--table``; TAB638 up to 2024, TAB5557 from
2025). Each table's metadata says which years it holds (:mod:`.tablemeta`); a year is
asked from the table that holds it (the most recently updated where two do, then the one
listed last), without a year the newest year across the tables. Every figure records the
table, SCB's ``updated`` stamp and the day it was fetched in its source text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from norrort_cost.loading.scb.api import Exchange, ScbUnreachableError
from norrort_cost.loading.scb.apidata import answer_figures
from norrort_cost.loading.scb.tablemeta import MetadataError, TableInfo, table_info
from norrort_cost.population.importing import RegionFigure
from norrort_cost.problems import DataError, problem, quoted, said

# what reading a JSON answer of an unexpected shape raises (MetadataError is a ValueError)
_MISSHAPEN = (ValueError, TypeError, LookupError, AttributeError)


@dataclass(frozen=True, slots=True)
class TableUse:
    """One table asked: its id, label, SCB's ``updated`` stamp and the years taken from it."""

    table: str
    label: str
    updated: str
    years: tuple[int, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Fetched:
    """The figures SCB answered and the tables they came from."""

    figures: tuple[RegionFigure, ...]
    tables: tuple[TableUse, ...]


def fetch_population(
    exchange: Exchange,
    tables: Sequence[str],
    regions: list[str],
    years: Sequence[int],
    fetched_on: date,
) -> Fetched:
    """The population of ``regions`` at the end of ``years`` (the newest if none)."""
    infos = [_info(exchange, table) for table in dict.fromkeys(tables)]
    newest = max((year for info in infos for year in info.years), default=None)
    wanted = sorted(set(years)) or ([newest] if newest is not None else [])
    _refuse_unpublished(infos, wanted, newest)
    figures: list[RegionFigure] = []
    used: list[TableUse] = []
    for info, asked in _holders(infos, wanted):
        answer = _data(exchange, info, regions, asked)
        stamp = answer.get("updated") if isinstance(answer, dict) else None
        updated = str(stamp or info.updated)  # the answer's own stamp, else the metadata's
        # like the embedded figures' sources, plus the day fetched; no ';' (Swedish Excel).
        # "totals" where every variable was asked at its published total (TAB5557); TAB638's
        # Kon and Civilstand have none and are summed by SCB (elimination, no noise)
        totals = " totals" if all(v.total for v in info.others) else ""
        source = (
            f"SCB {info.id} {info.contents}{totals} (updated {updated[:10]}) "
            f"fetched {fetched_on.isoformat()}"
        )
        try:
            figures.extend(answer_figures(info, answer, source))
        except _MISSHAPEN as exc:
            raise _unusable(info.id, exc) from None
        used.append(TableUse(info.id, info.label, updated, tuple(asked), source))
    return Fetched(tuple(figures), tuple(used))


def _data(exchange: Exchange, info: TableInfo, regions: list[str], years: list[int]) -> object:
    """SCB's answer for ``years``: variables without a total left out (SCB sums them).

    A server that refuses a variable left out (HTTP 400, "Missing selection for mandantory
    variable") is asked once more with all the codes of those variables; the parts are
    then summed from the answer (only TAB638, before the noise, has such variables).
    """
    selection = info.selection(regions, years)
    try:
        return exchange.data(info.id, selection)
    except ScbUnreachableError as exc:
        explicit = info.selection(regions, years, eliminate=False)
        if exc.status != 400 or explicit == selection:
            raise
    return exchange.data(info.id, explicit)


def _info(exchange: Exchange, table: str) -> TableInfo:
    metadata = exchange.metadata(table)
    try:
        return table_info(table, metadata)
    except _MISSHAPEN as exc:
        raise _unusable(table, exc) from None


def _unusable(table: str, exc: Exception) -> ScbUnreachableError:
    if isinstance(exc, MetadataError):
        message = quoted(exc.args[0])
    else:  # a JSON answer of another shape: a wrong type or a missing key somewhere
        error = type(exc).__name__ + ": " + str(exc)
        message = said(
            "SCB's answer for {table} is not shaped as expected ({error})", table=table, error=error
        )
    return ScbUnreachableError(
        message,
        said(
            "check the table ids (--table, scb_tables): {table} must be a population "
            "table of SCB's (Folkmängd by region and year)",
            table=table,
        ),
    )


def _holders(infos: list[TableInfo], years: list[int]) -> list[tuple[TableInfo, list[int]]]:
    """Each table with the years it is asked for: the newest table holding a year wins."""
    chosen: dict[str, tuple[TableInfo, list[int]]] = {}
    for year in years:
        holders = [(info.updated, n, info) for n, info in enumerate(infos) if year in info.years]
        info = max(holders, key=lambda h: (h[0], h[1]))[2]
        chosen.setdefault(info.id, (info, []))[1].append(year)
    return list(chosen.values())


def _refuse_unpublished(infos: list[TableInfo], years: list[int], newest: int | None) -> None:
    tables = ", ".join(info.id for info in infos)
    held = {year for info in infos for year in info.years}
    oldest = min(held, default=None)
    problems = []
    for year in (y for y in years if y not in held):
        if newest is None or oldest is None:
            message = said("SCB's tables {tables} hold no years", tables=tables)
        elif year > newest:
            message = said(
                "SCB has not published the population of 31 December {year}: "
                "the newest year in {tables} is {newest}",
                year=year,
                tables=tables,
                newest=newest,
            )
        else:
            message = said(
                "{year} is not in SCB's tables {tables} (they hold {oldest}-{newest})",
                year=year,
                tables=tables,
                oldest=oldest,
                newest=newest,
            )
        problems.append(
            problem(
                "year-not-published",
                message,
                file=f"SCB {tables}",
                column="Tid",
                value=str(year),
                hint=said(
                    "ask for {newest} or earlier (SCB publishes 31 December in February "
                    "after); a table SCB adds for later years goes into scb_tables or --table",
                    newest=newest,
                ),
            )
        )
    if problems:
        raise DataError(problems)
