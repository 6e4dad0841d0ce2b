"""``norrort-cost validate``: check a whole dataset and report every problem and warning."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from norrort_cost.cli.common import app, reporting
from norrort_cost.cli.options import DataDirOption, format_option
from norrort_cost.cli.output import standard_output
from norrort_cost.rendering.formats import REPORT_FORMATS, Format

if TYPE_CHECKING:
    from norrort_cost.problems import Problem


@app.command()
def validate(
    data_dir: DataDirOption = None,
    fmt: Annotated[
        Format,
        format_option(*REPORT_FORMATS, help_text="table for people, json for machines."),
    ] = Format.TABLE,
) -> None:
    """Check a dataset: every error (exit 1) and every warning (exit 0 if only warnings).

    Warnings flag valid but surprising data: a member's population changing by more than
    10 % in a year, a budget changing by more than 25 %, a reference date after the
    budget year. They never stop allocate.

    Example: norrort-cost validate --data-dir my-data --format json
    """
    from norrort_cost.loading import check_dataset, default_data_dir
    from norrort_cost.population.plausibility import warnings
    from norrort_cost.problems import DataError

    source = str(data_dir or default_data_dir())
    problems: list[Problem]
    try:
        dataset, found = check_dataset(data_dir)
        problems = [*found, *warnings(dataset)]
    except DataError as exc:
        problems = list(exc.problems)
    errors = sum(p.severity == "error" for p in problems)
    with reporting(fmt), standard_output() as stream:
        if fmt == Format.JSON:
            _json_report(stream, source, problems, errors)
        else:
            from norrort_cost.rendering.console import console, print_problems
            from norrort_cost.rendering.i18n import _

            out = console(stream)
            if problems:
                print_problems(out, problems)
            out.print(f"{source}: " + (_("invalid") if errors else _("valid")))
    raise typer.Exit(1 if errors else 0)


def _json_report(stream: TextIO, source: str, found: Sequence[Problem], errors: int) -> None:
    from norrort_cost.rendering.files import to_json
    from norrort_cost.rendering.records import validation_record

    stream.write(to_json(validation_record(source, found, errors)))
