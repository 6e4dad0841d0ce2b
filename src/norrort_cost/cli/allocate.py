"""``norrort-cost allocate``: a year's budget split among the members."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from norrort_cost.cli.common import app, load, reporting
from norrort_cost.cli.options import (
    CsvDialect,
    CsvDialectOption,
    DataDirOption,
    FormatOption,
    OutputOption,
    PopulationDateOption,
    RoundingUnit,
)
from norrort_cost.cli.output import emit, emit_csv, emit_table
from norrort_cost.rendering.formats import Format

if TYPE_CHECKING:
    from rich.console import Console

    from norrort_cost.allocation.results import Allocation, Share
    from norrort_cost.dataset.models import Dataset
    from norrort_cost.rendering.member_years import MemberYear


YearsOption = Annotated[
    list[int] | None,
    typer.Option(
        "--year",
        "-y",
        metavar="YEAR",
        help="Budget year, e.g. 2014; repeatable for several years.",
    ),
]
RangeOption = Annotated[
    str | None,
    typer.Option(
        "--years",
        metavar="FIRST-LAST",
        help="Several budget years, e.g. 2014-2019: a table each (one table, a row per year, "
        "with --municipality), or one workbook with a sheet per year and an overview.",
    ),
]


@app.command()
def allocate(
    year: YearsOption = None,
    years: RangeOption = None,
    data_dir: DataDirOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
    municipality: Annotated[
        list[str] | None,
        typer.Option(
            "--municipality",
            "-m",
            metavar="NAME",
            help="Show only this member (kommunkod or name); "
            "repeatable. The split is still over all members.",
        ),
    ] = None,
    population_date: PopulationDateOption = None,
    rounding_unit: Annotated[
        RoundingUnit | None,
        typer.Option(
            "--rounding-unit", help="Round to whole öre or kronor (default: the settings' unit)."
        ),
    ] = None,
    by_pool: Annotated[
        bool,
        typer.Option(
            "--by-pool",
            help="Show each cost pool (base fee, per capita, equal, fixed): a column per pool "
            "in the table and CSV/XLSX, pools and parts in JSON.",
        ),
    ] = False,
    dialect: CsvDialectOption = CsvDialect.MACHINE,
) -> None:
    """Split a year's budget among the members and show every member's share.

    Example: norrort-cost allocate --year 2014 --format json

    Example: norrort-cost allocate --years 2014-2019 --format xlsx -o andelar.xlsx

    Example: norrort-cost allocate --year 2018 --by-pool --data-dir data/examples/overformyndare
    """
    with reporting(fmt):
        from norrort_cost.allocation.yearly import allocate as run

        chosen_years = _years(year, years)
        dataset = load(data_dir, output)
        several = len(chosen_years) > 1 and bool(municipality)
        results = []
        rows: list[MemberYear] = []
        for budget_year in chosen_years:
            result = run(
                dataset,
                budget_year,
                rounding_unit=rounding_unit.value if rounding_unit else None,
                population_date=population_date.date() if population_date else None,
            )
            shares = result.shares
            if several:
                year_rows = _member_years(dataset, result, municipality or [])
                rows += year_rows
                shares = tuple(row.share for row in year_rows if row.share is not None)
            elif municipality:
                from norrort_cost.audit.explain import member_share

                chosen = {member_share(dataset, result, m) for m in municipality}
                shares = tuple(sorted(chosen, key=lambda share: share.kommunkod))
            results.append((result, shares))
        if several and fmt == Format.TABLE and not by_pool:
            from norrort_cost.rendering.member_years import print_member_years

            emit_table(lambda out: print_member_years(out, rows), output)
            return
        _render(results, fmt, output, by_pool=by_pool, dialect=dialect)


def _member_years(
    dataset: Dataset, result: Allocation, municipality: list[str]
) -> list[MemberYear]:
    """The chosen members in one year, in kommunkod order: a year without membership has
    no share (shown as "not a member", left out of machine output)."""
    from norrort_cost.dataset.lookup import find_municipality
    from norrort_cost.rendering.member_years import MemberYear

    found = {find_municipality(dataset.municipalities, m) for m in municipality}
    held = {share.kommunkod: share for share in result.shares}
    return [
        MemberYear(result, m.kommunkod, m.name, held.get(m.kommunkod))
        for m in sorted(found, key=lambda m: m.kommunkod)
    ]


def _years(repeated: list[int] | None, span: str | None) -> list[int]:
    """The years asked for: each --year, and every year of --years FIRST-LAST, in order."""
    from norrort_cost.problems import UsageError, said

    chosen = list(repeated or [])
    if span:
        first, dash, last = span.partition("-")
        if not (dash and first.strip().isdigit() and last.strip().isdigit()):
            raise UsageError(
                said("--years {span!r} is not a range", span=span),
                "write FIRST-LAST, e.g. 2014-2019",
                code="invalid-option-value",
            )
        low, high = int(first), int(last)
        if low > high:
            raise UsageError(
                said("--years {span!r} ends before it starts", span=span),
                said("write {high}-{low}", high=high, low=low),
                code="invalid-option-value",
            )
        chosen += range(low, high + 1)
    if not chosen:
        raise UsageError(
            "no budget year given", "add --year 2014 or --years 2014-2019", code="missing-option"
        )
    return sorted(set(chosen))


def _render(
    results: list[tuple[Allocation, tuple[Share, ...]]],
    fmt: Format,
    output: Path | None,
    *,
    by_pool: bool,
    dialect: CsvDialect,
) -> None:
    from norrort_cost.rendering import files, records

    if fmt == Format.TABLE:
        from norrort_cost.rendering.console import print_allocation

        def printer(out: Console) -> None:
            for result, shares in results:
                print_allocation(out, result, shares, by_pool=by_pool)

        emit_table(printer, output)
    elif fmt == Format.JSON:
        made = [records.allocation_record(r, s, by_pool=by_pool) for r, s in results]
        emit(files.to_json(made[0] if len(made) == 1 else records.years_record(made)), output)
    elif fmt == Format.CSV:
        rows = [row for r, s in results for row in records.csv_rows(r, s, by_pool=by_pool)]
        emit_csv(rows, dialect, output)
    else:
        from norrort_cost.rendering.sheets import allocations_workbook

        emit(allocations_workbook(results, by_pool=by_pool), output)
