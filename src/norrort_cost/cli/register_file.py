"""Where the invoice register is: ``--register``, the settings, the user's data directory.

The register is ``--register FILE`` if given, else the settings' ``[invoicing] register``
(relative to the dataset directory), else ``register.sqlite`` in the dataset directory;
for the embedded dataset (read-only) it is ``register.sqlite`` in the user's data
directory (``platformdirs``: ``$XDG_DATA_HOME/norrort-cost`` or
``~/.local/share/norrort-cost`` on Linux). It never depends on ``--output``: every run
continues the same series, wherever its files go.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from norrort_cost.dataset.models import Dataset

REGISTER_FILE = "register.sqlite"
RegisterOption = Annotated[
    Path | None,
    typer.Option(
        "--register",
        metavar="FILE",
        dir_okay=False,
        help="The invoice register (default: register.sqlite in the dataset directory, or in "
        "the user's data directory for the embedded dataset).",
    ),
]


def register_path(
    option: Path | None, data_dir: Path | None, dataset: Dataset, out: Path | None = None
) -> Path:
    """Where the register is (see the module's docstring); ``out`` never decides it."""
    del out
    if option is not None:
        return option
    if data_dir is not None:
        setting = dataset.settings.invoicing.register_file
        return data_dir / (setting or REGISTER_FILE)
    return user_register()


def user_register() -> Path:
    """The register of the embedded dataset: in the user's data directory."""
    import platformdirs

    return platformdirs.user_data_path("norrort-cost", appauthor=False) / REGISTER_FILE
