"""SIGINT and SIGTERM as an exception that unwinds cleanly, and a section they cannot cut.

By default SIGTERM ends Python at once, leaving temporary folders and half-finished work
behind. Inside :func:`interruptible` both signals raise :class:`Interrupted` instead, so
every ``with`` block and ``finally`` clause runs (staging folders removed, the register
transaction rolled back). Inside :func:`uninterrupted` a signal only is noted, and raised
when the section is over: the commit of the register and the renames that follow it
happen together or not at all. Once a run has committed (:func:`issued`) a later signal
says what it issued instead of "nothing was written".
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

HANDLED = (signal.SIGINT, signal.SIGTERM)
NOTHING_WRITTEN = "nothing was written; run it again"


class Interrupted(BaseException):
    """The run was stopped by a signal; ``exit_code`` is 128 + the signal's number."""

    def __init__(self, signum: int, outcome: str = "") -> None:
        self.signum = signum
        self.exit_code = 128 + signum
        # what really happened, for the message: by default the run was stopped before
        # anything was issued; after the register commit the run says what it issued
        self.outcome = outcome or getattr(_state, "outcome", "") or NOTHING_WRITTEN
        super().__init__(signal.Signals(signum).name)


_state = threading.local()


def _handler(signum: int, frame: FrameType | None) -> None:
    del frame
    if getattr(_state, "deferring", False):
        _state.pending = signum
        return
    raise Interrupted(signum)


@contextmanager
def interruptible() -> Iterator[None]:
    """SIGINT and SIGTERM raise :class:`Interrupted` in this block (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _handler) for signum in HANDLED}
    _state.outcome = ""
    try:
        yield
    finally:
        _state.outcome = ""
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def issued(outcome: str) -> None:
    """From now on a signal says ``outcome`` (what the run committed), not "nothing"."""
    _state.outcome = outcome


@contextmanager
def uninterrupted() -> Iterator[None]:
    """A section a signal cannot cut: it is raised once the section has finished."""
    _state.deferring, _state.pending = True, None
    try:
        yield
    finally:
        _state.deferring = False
    pending = _state.pending
    if pending is not None:
        _state.pending = None
        raise Interrupted(pending)
