"""``norrort-cost population import-scb``: merge SCB population exports into a dataset."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from norrort_cost.cli.common import DataDirOption, app, emit, reporting, standard_output
from norrort_cost.cli.localized import LocalizedTyper
from norrort_cost.rendering.i18n import _

population_app = LocalizedTyper(
    name="population",
    help="Manage the dataset's population figures (folkmängd).\n\n"
    "Example: norrort-cost population import-scb BE0101N1.csv --data-dir my-data --dry-run",
    no_args_is_help=True,
)
app.add_typer(population_app)


@population_app.command("import-scb")
def import_scb(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE",
            exists=True,
            dir_okay=False,
            help="SCB exports (CSV from Statistikdatabasen).",
        ),
    ],
    data_dir: DataDirOption = None,
    on: Annotated[
        datetime | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            formats=["%Y-%m-%d"],
            help="Reference date of the figures (default: 31 December of the header's year).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", metavar="TEXT", help='Source text for new rows (default: "SCB, FILE").'
        ),
    ] = None,
) -> None:
    """Add or update population figures from SCB exports; report added, changed, unchanged.

    Only municipalities of the dataset are imported; other regions are skipped and counted.
    population.csv is rewritten atomically (comma, UTF-8, LF), or not at all on a problem.

    Example: norrort-cost population import-scb BE0101N1.csv --data-dir my-data --dry-run
    """
    with reporting():
        from norrort_cost.loading.scb import read_scb
        from norrort_cost.population.importing import plan_import
        from norrort_cost.problems import UsageError
        from norrort_cost.rendering.console import console, print_import
        from norrort_cost.rendering.files import dataset_csv
        from norrort_cost.rendering.records import population_rows

        if data_dir is None and not dry_run:
            raise UsageError(
                "the embedded dataset is read-only",
                "copy it to a directory and pass --data-dir DIR (or use --dry-run)",
            )
        from norrort_cost.loading import load_dataset

        dataset = load_dataset(data_dir, tolerate=("missing-population",))
        rows = read_scb(*files)
        label = source or "SCB, " + ", ".join(p.name for p in files)
        plan = plan_import(dataset, rows, source=label, reference_date=on.date() if on else None)
        names = {m.kommunkod: m.name for m in dataset.municipalities}
        target = Path(dataset.source) / "population.csv"
        with standard_output() as stream:
            print_import(console(stream), plan, names, str(target))
            if dry_run:
                console(stream).print(_("dry run: nothing written"))
        if plan.modifies and not dry_run:
            emit(dataset_csv(population_rows(plan.figures)), target)
            _check_after(target.parent)


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
