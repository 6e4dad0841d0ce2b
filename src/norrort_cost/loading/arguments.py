"""``load_dataset``'s arguments checked at the door: a wrong type is a ``TypeError`` naming
the parameter and what it accepts (a path for the directory; a DataFrame or a list of
records for a table; a mapping for ``settings``), never an error from deep inside."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from norrort_cost.loading.sources import TABLE_NAMES

ACCEPTS = "a pandas DataFrame or a list of records (dicts from column name to value)"


def check_arguments(path: object, tables: Mapping[str, Any]) -> None:
    """Raise ``TypeError`` for an argument ``load_dataset`` cannot take, saying what it can."""
    if path is not None and not isinstance(path, str | os.PathLike):
        msg = (
            "load_dataset(): path must be the dataset directory (a str or pathlib.Path) or "
            f"None, not {type(path).__qualname__}; give tables by name: budget=frame"
        )
        raise TypeError(msg)
    known = (*TABLE_NAMES, "settings")
    unknown = sorted(set(tables) - set(known))
    if unknown:
        msg = f"load_dataset(): unknown table(s) {', '.join(unknown)}; known: {', '.join(known)}"
        raise TypeError(msg)
    for name, value in tables.items():
        problem = _settings_problem(value) if name == "settings" else _table_problem(value)
        if problem:
            accepts = "a mapping like cooperation.toml" if name == "settings" else ACCEPTS
            msg = f"load_dataset(): {name}= takes {accepts}, not {problem}"
            raise TypeError(msg)


def _table_problem(value: object) -> str:
    """What is wrong with a table argument ('' when it is a frame or a list of records)."""
    kind = type(value).__qualname__
    if hasattr(value, "columns") and hasattr(value, "to_dict"):
        return ""  # a DataFrame
    if isinstance(value, str | bytes | os.PathLike):
        return f"a path ({value!r}); to read files, give the directory: load_dataset(path)"
    if isinstance(value, Mapping):
        return f"a {kind} (a dict of columns? wrap it: pandas.DataFrame(...))"
    if hasattr(value, "to_frame") or not hasattr(value, "__iter__"):
        return f"a {kind}"
    bad = next((item for item in value if not isinstance(item, Mapping)), None)
    return "" if bad is None else f"a list holding {type(bad).__qualname__} (not records)"


def _settings_problem(value: object) -> str:
    return "" if isinstance(value, Mapping) else f"a {type(value).__qualname__}"
