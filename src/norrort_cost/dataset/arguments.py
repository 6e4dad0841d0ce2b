"""Arguments of the public API checked at the door: a wrong type is a ``TypeError`` that
names the parameter and what it accepts, not an ``AttributeError`` from deep inside.

These are programming errors in a script (not problems in the data, not usage errors of
the command line), so they are Python's own ``TypeError`` and are not translated.
"""

from __future__ import annotations

from datetime import date
from numbers import Integral

from norrort_cost.dataset.models import Dataset


def _kind(value: object) -> str:
    kind = type(value)
    module = "" if kind.__module__ == "builtins" else f"{kind.__module__.split('.')[0]}."
    return f"{module}{kind.__qualname__} {value!r}"[:80]


def require_dataset(function: str, value: object) -> Dataset:
    """``value`` if it is a :class:`Dataset`, else a ``TypeError`` saying how to get one."""
    if not isinstance(value, Dataset):
        msg = (
            f"{function}(): dataset must be a Dataset (from norrort_cost.load_dataset()), "
            f"not {_kind(value)}"
        )
        raise TypeError(msg)
    return value


def require_year(function: str, value: object, name: str = "year") -> int:
    """``value`` if it is a whole-number year (``2014``, not ``"2014"`` nor ``2014.0``)."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        msg = f"{function}(): {name} must be an int such as 2014, not {_kind(value)}"
        if isinstance(value, str) and value.strip().isdigit():
            msg += f" (write {name}={int(value)})"
        raise TypeError(msg)
    return int(value)


def require_text(function: str, value: object, name: str, accepts: str) -> str:
    """``value`` if it is text, else a ``TypeError`` naming the parameter."""
    if not isinstance(value, str):
        msg = f"{function}(): {name} must be a str ({accepts}), not {_kind(value)}"
        raise TypeError(msg)
    return value


def require_date(function: str, value: object, name: str) -> date | None:
    """``value`` if it is a date or None (a ``datetime`` counts as its date)."""
    if value is not None and not isinstance(value, date):
        msg = f"{function}(): {name} must be a datetime.date or None, not {_kind(value)}"
        raise TypeError(msg)
    return value
