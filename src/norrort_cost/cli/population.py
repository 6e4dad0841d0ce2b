"""``norrort-cost population import-scb`` and ``fetch-scb``: SCB's figures into a dataset.

Exit codes: 0 the figures were merged (or would be, with --dry-run); 1 the export has
problems, holds none of the dataset's municipalities, or only men + women from 2025 on
(without --sum-parts), or SCB has not published the year asked; 2 a usage error (no --date
for an export without a year, the embedded dataset as target); 4 SCB's API cannot be
reached, times out, refuses or answers something other than JSON.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from norrort_cost.cli.common import app, reporting
from norrort_cost.cli.localized import LocalizedTyper
from norrort_cost.cli.options import DataDirOption, date_option, format_option
from norrort_cost.cli.output import emit, standard_output
from norrort_cost.rendering.formats import Format
from norrort_cost.rendering.i18n import _

if TYPE_CHECKING:
    from collections.abc import Sequence

    from norrort_cost.dataset.models import Dataset
    from norrort_cost.loading.scb import ScbExport
    from norrort_cost.loading.scb.fetching import TableUse
    from norrort_cost.population.importing import ImportPlan
    from norrort_cost.problems import Problem

population_app = LocalizedTyper(
    name="population",
    help="Manage the dataset's population figures (folkmängd).\n\n"
    "Example: norrort-cost population import-scb BE0101N1.csv --data-dir my-data --dry-run",
    no_args_is_help=True,
)
app.add_typer(population_app)

DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
]
YearsOption = Annotated[
    list[int] | None,
    typer.Option(
        "--year", "-y", metavar="YEAR", help="Only this year's figures (repeat for more)."
    ),
]
ImportFormatOption = Annotated[
    Format,
    format_option(
        Format.TABLE,
        Format.JSON,
        help_text="table for people; json: added, changed, unchanged, skipped.",
    ),
]
EDITABLE_HINT = (
    "make an editable copy with 'norrort-cost dataset init DIR' and pass --data-dir DIR "
    "(or use --dry-run)"
)


@population_app.command("import-scb")
def import_scb(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE",
            exists=True,
            dir_okay=False,
            help="SCB exports: CSV, Excel (.xlsx), JSON-stat 2.0 (.json) or PC-Axis (.px).",
        ),
    ],
    data_dir: DataDirOption = None,
    on: Annotated[
        datetime | None,
        date_option(
            "--date",
            "Reference date of the figures: needed when the export names no year; "
            "replaces the period's last day otherwise.",
        ),
    ] = None,
    years: YearsOption = None,
    region_column: Annotated[
        str | None,
        typer.Option(
            "--region-column", metavar="NAME", help="The column that names the region (by header)."
        ),
    ] = None,
    value_column: Annotated[
        str | None,
        typer.Option(
            "--value-column",
            metavar="NAME",
            help="The column that holds the population (by header).",
        ),
    ] = None,
    dry_run: DryRunOption = False,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", metavar="TEXT", help='Source text for new rows (default: "SCB, FILE").'
        ),
    ] = None,
    sum_parts: Annotated[
        bool,
        typer.Option(
            "--sum-parts",
            help="Take men + women summed where a file from 2025 on has no total (not SCB's "
            "published total: SCB adds noise from 2025).",
        ),
    ] = False,
    fmt: ImportFormatOption = Format.TABLE,
) -> None:
    """Add or update population figures from SCB exports; report added, changed, unchanged.

    Reads every shape SCB exports come in: one column per year or month, one row per region
    and year, men and women (summed when there is no total; from 2025 on only with the
    option --sum-parts, as SCB's noise makes the sum differ from its total), titles and
    footnotes. The report names the columns and the date used. Only the dataset's
    municipalities are imported; an export with none of them is refused. population.csv is
    rewritten atomically (comma, UTF-8, LF), or not at all on a problem.

    Example: norrort-cost population import-scb BE0101N1.csv --data-dir my-data --dry-run
    """
    with reporting(fmt):
        from norrort_cost.loading.scb import ColumnChoice, read_scb
        from norrort_cost.population.noise import refuse_summed

        _editable(data_dir, dry_run)
        dataset = _dataset(data_dir)
        choice = ColumnChoice(region=region_column, value=value_column)
        export = read_scb(*files, choice=choice)
        day = on.date() if on else None
        if not sum_parts:
            refuse_summed(list(export.figures), day)
        label = source or "SCB, " + ", ".join(p.name for p in files)
        _merge(dataset, export, label, day, years or [], dry_run, fmt)


@population_app.command("fetch-scb")
def fetch_scb(
    data_dir: DataDirOption = None,
    years: YearsOption = None,
    api_url: Annotated[
        str | None,
        typer.Option(
            "--api-url",
            metavar="URL",
            envvar="NORRORT_COST_SCB_API_URL",
            show_envvar=True,
            help="SCB's PxWebApi 2 (default: scb_api_url in cooperation.toml).",
        ),
    ] = None,
    tables: Annotated[
        list[str] | None,
        typer.Option(
            "--table",
            metavar="ID",
            envvar="NORRORT_COST_SCB_TABLES",
            show_envvar=True,
            help="An SCB population table to look in (repeat for more; default: scb_tables "
            "in cooperation.toml, TAB638 and TAB5557).",
        ),
    ] = None,
    dry_run: DryRunOption = False,
    fmt: ImportFormatOption = Format.TABLE,
) -> None:
    """Get the dataset's municipalities' population from SCB's API and merge it.

    Reads each table's metadata from SCB's PxWebApi 2 (which years it holds, its codes
    and totals), then asks every year from the table that holds it (TAB638 up to 2024,
    TAB5557 from 2025): the years given with --year, or the newest across the tables.
    Always SCB's published totals. Each figure's source names the table, SCB's update
    and the day fetched. Proxies: HTTPS_PROXY and NO_PROXY. Exit code 1 for a year SCB
    has not published, 4 when SCB cannot be reached or refuses.

    Example: norrort-cost population fetch-scb --year 2025 --data-dir my-data --dry-run
    """
    with reporting(fmt):
        from norrort_cost.cli.common import today
        from norrort_cost.loading.scb import ScbExport
        from norrort_cost.loading.scb.api import Exchange
        from norrort_cost.loading.scb.fetching import fetch_population

        dataset = _dataset(data_dir)
        exchange = Exchange(api_url or dataset.settings.scb_api_url)
        codes = [m.kommunkod for m in dataset.municipalities]
        # "TAB638,TAB5557" in $NORRORT_COST_SCB_TABLES (or --table) names two tables
        given = [t for item in tables or [] for t in item.replace(",", " ").split()]
        chosen = given or list(dataset.settings.scb_tables)
        fetched = fetch_population(exchange, chosen, codes, years or [], today())
        export = ScbExport(fetched.figures, ())
        # the embedded dataset is refused only where there is something to write: what SCB
        # has (or that a year is not published) is said first
        read_only = data_dir is None
        _merge(
            dataset, export, "SCB (PxWebApi 2)", None, [], dry_run, fmt, fetched.tables, read_only
        )


def _editable(data_dir: Path | None, dry_run: bool) -> None:
    from norrort_cost.problems import UsageError

    if data_dir is None and not dry_run:
        raise UsageError("the embedded dataset is read-only", EDITABLE_HINT)


def _dataset(data_dir: Path | None) -> Dataset:
    from norrort_cost.loading import load_dataset

    return load_dataset(data_dir, tolerate=("missing-population",))


def _merge(
    dataset: Dataset,
    export: ScbExport,
    source: str,
    on: date | None,
    years: list[int],
    dry_run: bool,
    fmt: Format = Format.TABLE,
    tables: Sequence[TableUse] = (),
    read_only: bool = False,
) -> None:
    """Plan the merge, report it (how each file was read, then the changes), write it."""
    from norrort_cost.population.importing import plan_import
    from norrort_cost.population.noise import summed_after_noise
    from norrort_cost.rendering.console import (
        console,
        print_import,
        print_problems,
        print_readings,
    )
    from norrort_cost.rendering.files import dataset_csv, to_json
    from norrort_cost.rendering.import_records import import_record, summed_line, table_lines
    from norrort_cost.rendering.layout import print_text
    from norrort_cost.rendering.records import population_rows

    plan = plan_import(dataset, list(export.figures), source=source, reference_date=on, years=years)
    if read_only and plan.modifies:
        _editable(None, dry_run)
    names = {m.kommunkod: m.name for m in dataset.municipalities}
    target = Path(dataset.source) / "population.csv"
    with standard_output() as stream:
        if fmt == Format.JSON:
            written = plan.modifies and not dry_run
            record = import_record(plan, str(target), written=written, tables=tables)
            stream.write(to_json(record))
        else:
            print_readings(console(stream), export.readings, on)
            for line in table_lines(tables):
                print_text(console(stream), line)
            if summed := summed_after_noise(list(export.figures), on):
                print_text(console(stream), summed_line(len(summed)), "yellow")
            print_import(console(stream), plan, names, str(target))
            if jumps := _jumps(dataset, plan):
                print_problems(console(stream), jumps)
            if dry_run:
                console(stream).print(_("dry run: nothing written"))
    if plan.modifies and not dry_run:
        emit(dataset_csv(population_rows(plan.figures)), target)
        _check_after(target.parent)


def _jumps(dataset: Dataset, plan: ImportPlan) -> list[Problem]:
    """The population-jump warnings an imported figure raises (the import goes ahead)."""
    from norrort_cost.population.plausibility import warnings

    merged = dataset.model_copy(update={"population": plan.figures})
    touched = [*plan.added, *(change.new for change in plan.changed)]
    values = {f"{f.kommunkod} {f.reference_date}" for f in touched}
    return [p for p in warnings(merged) if p.code == "population-jump" and p.value in values]


def _check_after(directory: Path) -> None:
    """Say whether the dataset is complete after the import (figures may still be missing)."""
    from norrort_cost.loading import load_dataset
    from norrort_cost.problems import DataError
    from norrort_cost.rendering.console import error_console, print_problems

    try:
        load_dataset(directory)
    except DataError as exc:
        error_console().print(_("after the import the dataset still has problems:"))
        print_problems(error_console(), list(exc.problems))
