"""``norrort-cost dataset init``: an editable dataset directory, a copy or a skeleton."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from norrort_cost.cli.common import app, reporting
from norrort_cost.cli.localized import LocalizedTyper
from norrort_cost.rendering.i18n import _

dataset_app = LocalizedTyper(
    name="dataset",
    help="Create and manage dataset directories (the files the commands read).\n\n"
    "Example: norrort-cost dataset init my-data",
    no_args_is_help=True,
)
app.add_typer(dataset_app)

FILES = (
    "cooperation.toml",
    "municipalities.csv",
    "population.csv",
    "memberships.csv",
    "budget.csv",
    "README.md",
)
SKELETON = {
    "cooperation.toml": """\
# The cooperation's settings: see README.md of norrort-cost, section "Dataset".
name = "Our cooperation"
currency = "SEK"
# 31 December of the year before the budget year weighs each member
population_reference = "previous-year-end"
pro_rating = "days"
rounding_unit = "ore"

# [[managing_municipality]]
# kommunkod = "0163"
# from = 2018-01-01

[invoicing]
bankgiro = ""
""",
    "municipalities.csv": "kommunkod,name,organisationsnummer,official_name,"
    "street_address,postal_code,city,peppol_id,buyer_reference\n",
    "population.csv": "kommunkod,reference_date,inhabitants,source\n",
    "memberships.csv": "kommunkod,from,to\n",
    "budget.csv": "year,line,amount,key,illustrative\n",
    "README.md": "# Our cooperation's dataset\n\nSay here where each figure comes from.\n",
}


@dataset_app.command("init")
def init(
    directory: Annotated[Path, typer.Argument(file_okay=False, help="Directory to create.")],
    empty: Annotated[
        bool, typer.Option("--empty", help="Write empty files with headers only.")
    ] = False,
) -> None:
    """Write a copy of the embedded Koordination Norrort dataset to DIRECTORY to edit.

    With --empty, a skeleton: the settings file and each CSV file with its header only.
    Existing files are never overwritten. Then pass --data-dir DIRECTORY to any command.

    Example: norrort-cost dataset init my-data
    """
    with reporting():
        from norrort_cost.loading import default_data_dir
        from norrort_cost.problems import UsageError, said
        from norrort_cost.rendering.console import console
        from norrort_cost.rendering.files import write_atomic

        existing = [name for name in FILES if (directory / name).exists()]
        if existing:
            raise UsageError(
                said(
                    "{directory} already holds {files}",
                    directory=str(directory),
                    files=", ".join(existing),
                ),
                "choose a new or empty directory: nothing is overwritten",
                code="output-failed",
            )
        source = default_data_dir()
        for name in FILES:
            content = SKELETON[name].encode() if empty else (source / name).read_bytes()
            try:
                write_atomic(directory / name, content)
            except OSError as exc:
                raise UsageError(
                    said(
                        "could not write {output}: {reason}",
                        output=str(directory / name),
                        reason=exc.strerror,
                    ),
                    code="output-failed",
                ) from None
        what = (
            _("wrote an empty dataset (headers only) to {directory}: {files}")
            if empty
            else _("wrote a copy of the embedded dataset to {directory}: {files}")
        )
        console().print(what.format(directory=directory, files=", ".join(FILES)), highlight=False)
        then = (
            _("fill in the files, then check them: {command}")
            if empty
            else _("edit the files, then check them: {command}")
        )
        command = f"norrort-cost validate --data-dir {directory}"
        console().print(then.format(command=command), highlight=False)
