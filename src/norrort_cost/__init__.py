"""norrort-cost: split a cooperation's yearly cost among its member municipalities.

The public library API is small:

``load_dataset(path=None) -> Dataset``
    Load and validate a dataset directory (the embedded Koordination Norrort data by
    default). Raises :class:`DataError` listing every problem found.

``allocate(dataset, year, *, population_date=None, rounding_unit=None) -> Allocation``
    Split the budget of ``year`` exactly (integer öre, largest-remainder method, ties by
    kommunkod). The result is immutable: ``Allocation.shares`` holds one :class:`Share`
    per member; amounts are integer öre (``amount_ore``).

Errors: :class:`DataError` (bad input, ``.problems``) and :class:`UsageError` (a request the
data cannot answer, such as a year without budget), both :class:`NorrortError`.

Names are imported lazily so that ``import norrort_cost`` (and ``--help``) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "load_dataset": "norrort_cost.loading",
    "allocate": "norrort_cost.allocation",
    "Allocation": "norrort_cost.allocation",
    "Share": "norrort_cost.allocation",
    "Dataset": "norrort_cost.models",
    "Problem": "norrort_cost.problems",
    "DataError": "norrort_cost.problems",
    "UsageError": "norrort_cost.problems",
    "NorrortError": "norrort_cost.problems",
}

__all__ = [
    "Allocation",
    "DataError",
    "Dataset",
    "NorrortError",
    "Problem",
    "Share",
    "UsageError",
    "__version__",
    "allocate",
    "load_dataset",
]

if TYPE_CHECKING:
    from norrort_cost.allocation import Allocation, Share, allocate
    from norrort_cost.loading import load_dataset
    from norrort_cost.models import Dataset
    from norrort_cost.problems import DataError, NorrortError, Problem, UsageError


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    msg = f"module 'norrort_cost' has no attribute {name!r}"
    raise AttributeError(msg)
