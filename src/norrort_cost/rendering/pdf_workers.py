"""Rendering many invoice PDFs on every core, with the workers started ahead of time.

Making a PDF costs the PDF library's import and a font cut once per process, then some
milliseconds per invoice. :class:`PdfWorkers` forks worker processes as soon as it is
entered, so that they import the library and cut the font while the command still loads
the dataset and allocates; :meth:`PdfWorkers.render` then shares the invoices among them.
Each PDF depends only on its invoice: the bytes are the same whichever process makes them.
Where ``fork`` is not available, or on one core, everything happens in this process.
This module imports no PDF library itself, so entering it costs next to nothing.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from norrort_cost.invoicing.invoices import Invoice

MAX_WORKERS = 4


def _warm_up() -> None:
    from norrort_cost.rendering.pdf import prepare

    prepare()


def _render(invoice: Invoice) -> bytes:
    from norrort_cost.rendering.pdf import invoice_pdf

    return invoice_pdf(invoice)


class PdfWorkers:
    """A context in which invoices are rendered as PDF on worker processes, if there are cores."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._workers = min(os.cpu_count() or 1, MAX_WORKERS)

    def __enter__(self) -> PdfWorkers:
        if self._workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(self._workers, context, initializer=_warm_up)
            for _ in range(self._workers):
                self._pool.submit(int)  # start every worker now, not on first use
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def render(self, invoices: Sequence[Invoice]) -> list[bytes]:
        """Every invoice as PDF, in order."""
        if self._pool is None:
            return [_render(invoice) for invoice in invoices]
        chunk = max(1, -(-len(invoices) // self._workers))  # one chunk per worker
        return list(self._pool.map(_render, invoices, chunksize=chunk))
