"""norrort-cost: split a cooperation's yearly cost among its member municipalities.

The public library API is small:

``load_dataset(path=None, **tables) -> Dataset``
    Load and validate a dataset directory (the embedded Koordination Norrort data by
    default). Raises :class:`DataError` listing every problem found. ``tables``
    (``budget=``, ``population=``, ...) replace files with pandas DataFrames or records,
    validated the same way; ``budget.xlsx`` may stand in for ``budget.csv``.

``allocate(dataset, year, *, population_date=None, rounding_unit=None) -> Allocation``
    Split the budget of ``year`` exactly (integer öre, largest-remainder method, ties by
    kommunkod). The result is immutable: ``Allocation.shares`` holds one :class:`Share`
    per member; amounts are integer öre (``amount_ore``).

``Allocation.to_frame(by_pool=False)``
    The shares as a pandas DataFrame (``amount_ore`` int64, ``amount`` Decimal kronor,
    ``kommunkod`` text), with the provenance the CSV has (cooperation, illustrative,
    method, method version, population source) as columns and in ``frame.attrs``;
    ``Comparison``, ``WhatIf`` and invoice runs have ``to_frame()`` too. pandas is
    imported only then.

``allocate_many(totals, weights, codes) -> BulkAllocation``
    Split many cost pools at once (pools × members, e.g. every cooperation of every
    municipality for every year), vectorised with numpy over integer units, by the same
    rule and tie-break as ``allocate`` (which uses the same engine). ``totals`` holds one
    whole number of units per pool; ``weights`` is a pools × members integer array whose
    columns belong to ``codes`` (kommunkoder). ``BulkAllocation.units[i, j]`` is member
    ``j``'s part of pool ``i``; every row sums exactly to its total. Arrays in, arrays out.

``allocate_frame(totals, weights) -> DataFrame``
    ``allocate_many`` for pandas (``norrort_cost.frames``, the pandas adapters at the
    edge): weights wide (pools × members) or long (``pool, kommunkod, weight``), totals
    by pool; the units come back in the same shape.

``read_workbook(path) -> dict[str, DataFrame]``
    A workbook the tool wrote (``--format xlsx``) read into frames by machine-stable
    sheet and column names, the same whatever the language it was written in
    (``read_workbook("andelar.xlsx")["2014"]``; see ``docs/library.md``).

Audit (each returns a frozen result; ``norrort_cost.rendering.audit_records`` turns it
into the JSON record the command line prints):

``explain(dataset, year, municipality) -> Explanation``
    Every step from inputs to one member's amount, reproducible by hand.
``check(dataset, year, municipality, claimed, *, tolerance=Decimal("0.01")) -> CheckResult``
    A figure as a person wrote it ("ca 24.300 tkr"), every reading of it, and a verdict.
``compare(dataset, from_year, to_year) -> Comparison``
    Two years side by side per member.
``whatif(dataset, year, changes) -> WhatIf``
    A year recomputed with :class:`MembershipChange` s (each of a :class:`ChangeKind`:
    join, leave, without) applied to a copy of the data.
``parse_claim(text) -> Claim``
    Every reading of an amount as Swedes write it, the literal one first.

The other commands' work is in modules of its own, each callable from Python:
``norrort_cost.invoicing.invoices.build_invoices`` (the invoices of a year, before
rendering), ``norrort_cost.loading.check_dataset`` with
``norrort_cost.population.plausibility.warnings`` (what ``validate`` reports) and
``norrort_cost.population.importing.plan_import`` (an SCB import).

Money: amounts are integer öre in results; a budget amount given as a number (``int``,
``float``, ``Decimal``, numpy, text) is kronor, only fields named ``*_ore`` take öre.

A pipeline in a few lines of pandas (read a budget workbook, allocate several years,
write one workbook)::

    import pandas as pd
    from norrort_cost import allocate, load_dataset

    dataset = load_dataset(budget=pd.read_excel("budget.xlsx"))
    shares = pd.concat(allocate(dataset, y).to_frame() for y in dataset.budget_years)
    shares.to_excel("shares.xlsx", index=False)

Errors: :class:`DataError` (bad input; ``.problems`` lists every :class:`Problem`, each with
a code of ``norrort_cost.problem_codes.CODES``) and :class:`UsageError` (a request the data
cannot answer, such as a year without budget), both :class:`NorrortError`.

``__version__`` is the package's version.

Names are imported lazily so that ``import norrort_cost`` (and ``--help``) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "load_dataset": "norrort_cost.loading",
    "read_workbook": "norrort_cost.loading.readback",
    "allocate": "norrort_cost.allocation.yearly",
    "Allocation": "norrort_cost.allocation.results",
    "Share": "norrort_cost.allocation.results",
    "allocate_many": "norrort_cost.allocation.engine",
    "BulkAllocation": "norrort_cost.allocation.engine",
    "allocate_frame": "norrort_cost.frames",
    "Dataset": "norrort_cost.dataset.models",
    "explain": "norrort_cost.audit.explain",
    "Explanation": "norrort_cost.audit.explain",
    "check": "norrort_cost.audit.reconcile",
    "CheckResult": "norrort_cost.audit.reconcile",
    "parse_claim": "norrort_cost.audit.claims",
    "compare": "norrort_cost.audit.changes",
    "Comparison": "norrort_cost.audit.changes",
    "whatif": "norrort_cost.audit.changes",
    "WhatIf": "norrort_cost.audit.changes",
    "MembershipChange": "norrort_cost.audit.changes",
    "ChangeKind": "norrort_cost.audit.changes",
    "Problem": "norrort_cost.problems",
    "DataError": "norrort_cost.problems",
    "UsageError": "norrort_cost.problems",
    "NorrortError": "norrort_cost.problems",
}

# the public names, listed once (the imports below only tell type checkers where they are)
__all__ = ["__version__", *_EXPORTS]  # noqa: PLE0604 - derived from the export table

if TYPE_CHECKING:  # where type checkers find the names (``X as X`` re-exports them)
    from norrort_cost.allocation.engine import BulkAllocation as BulkAllocation
    from norrort_cost.allocation.engine import allocate_many as allocate_many
    from norrort_cost.allocation.results import Allocation as Allocation
    from norrort_cost.allocation.results import Share as Share
    from norrort_cost.allocation.yearly import allocate as allocate
    from norrort_cost.audit.changes import ChangeKind as ChangeKind
    from norrort_cost.audit.changes import Comparison as Comparison
    from norrort_cost.audit.changes import MembershipChange as MembershipChange
    from norrort_cost.audit.changes import WhatIf as WhatIf
    from norrort_cost.audit.changes import compare as compare
    from norrort_cost.audit.changes import whatif as whatif
    from norrort_cost.audit.claims import parse_claim as parse_claim
    from norrort_cost.audit.explain import Explanation as Explanation
    from norrort_cost.audit.explain import explain as explain
    from norrort_cost.audit.reconcile import CheckResult as CheckResult
    from norrort_cost.audit.reconcile import check as check
    from norrort_cost.dataset.models import Dataset as Dataset
    from norrort_cost.frames import allocate_frame as allocate_frame
    from norrort_cost.loading import load_dataset as load_dataset
    from norrort_cost.loading.readback import read_workbook as read_workbook
    from norrort_cost.problems import DataError as DataError
    from norrort_cost.problems import NorrortError as NorrortError
    from norrort_cost.problems import Problem as Problem
    from norrort_cost.problems import UsageError as UsageError


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    msg = f"module 'norrort_cost' has no attribute {name!r}"
    raise AttributeError(msg)
