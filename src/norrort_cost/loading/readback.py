"""Read a workbook the tool wrote (``--format xlsx``) into frames, the same in every language.

The headers people read follow the language (``Belopp (kr)``, ``Amount (kr)``), and so
does the overview's sheet title; a pipeline must not depend on them. Every sheet the tool
writes carries sheet-scoped Excel *defined names* beside its headers
(``norrort.sheet.<kind>`` and ``norrort.col.<key>``, see :mod:`norrort_cost.rendering.xlsx`):
this reader finds sheets and columns by those names only, so a Swedish and an English
workbook of the same figures read into equal frames.

Chosen over a second, machine header row (which would break ``pandas.read_excel`` for
people and change what they see) and over matching translated headers (which ties the
reader to the catalog and breaks when a header's wording changes).
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from norrort_cost.problems import DataError, Problem, problem, said

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.worksheet.worksheet import Worksheet

PREFIX = "norrort."
CENT = Decimal("0.01")
COUNTS = frozenset({"inhabitants", "membership_days", "days_in_year"})
NULLABLE_COUNTS = frozenset({"membership_days_before", "membership_days_after"})


def read_workbook(path: str | Path) -> dict[str, pd.DataFrame]:
    """Every table of a workbook the tool wrote, by sheet key, with canonical columns.

    Keys: ``"2014"`` for a year's shares (columns as ``Allocation.to_frame()``: kommunkod,
    name, inhabitants, population_date, membership_days, days_in_year, share,
    ``amount_<pool>`` with ``--by-pool``, amount, sek_per_inhabitant), ``"overview"``
    (kommunkod, name, ``amount_<year>``...), ``"2013-2014"`` for compare and the year for
    whatif (kommunkod, name, status, membership_days_before/after, amount_before/after,
    amount_change). The totals row and the notes sheet are left out. kommunkod is text,
    counts ``int64`` (nullable ``Int64`` where a side can be empty), dates ``datetime64``,
    share ``float64``, kronor exact ``decimal.Decimal`` (``None`` where empty); ``status``
    is ``member``, ``joined``, ``left`` or ``left out`` whatever the workbook's language.
    ``frame.attrs["kind"]`` is the sheet's kind (``year``, ``overview``, ``compare``,
    ``whatif``). Raises :class:`DataError` (``not-xlsx``, ``missing-sheet``).
    """
    from openpyxl import load_workbook

    name = Path(path).name
    if not isinstance(path, str | Path):
        msg = f"read_workbook: path must be a path (str or pathlib.Path), not {type(path).__name__}"
        raise TypeError(msg)
    try:
        book = load_workbook(Path(path), data_only=True)
    except FileNotFoundError as exc:
        message = said("{file} not found", file=name)
        raise DataError([_problem(name, "missing-file", message)]) from exc
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        message = said("{file} is not an Excel workbook", file=name)
        raise DataError([_problem(name, "not-xlsx", message)]) from exc
    frames = {
        key: frame
        for key, frame in (_sheet_frame(sheet) for sheet in book.worksheets)
        if frame is not None
    }
    if not frames:
        message = said("{file} has no sheet written by norrort-cost", file=name)
        raise DataError([_problem(name, "missing-sheet", message)])
    return frames


def _problem(file: str, code: str, message: str) -> Problem:
    return problem(code, message, file=file, hint="")


def _names(sheet: Worksheet) -> dict[str, int]:
    """The sheet's stable names (``sheet.year``, ``col.amount``) and their column numbers."""
    from openpyxl.utils import column_index_from_string

    found: dict[str, int] = {}
    for full, defined in sheet.defined_names.items():
        if full.startswith(PREFIX):
            letter = str(defined.attr_text).rsplit("!", 1)[-1].split("$")[1]
            found[full.removeprefix(PREFIX)] = column_index_from_string(letter)
    return found


def _sheet_frame(sheet: Worksheet) -> tuple[str, pd.DataFrame | None]:
    import pandas as pd

    names = _names(sheet)
    kinds = [name.removeprefix("sheet.") for name in names if name.startswith("sheet.")]
    if not kinds or kinds[0] == "notes":
        return "", None
    kind = kinds[0]
    columns = {n.removeprefix("col."): i for n, i in names.items() if n.startswith("col.")}
    ordered = sorted(columns, key=columns.__getitem__)
    rows = _data_rows(sheet, columns.get("kommunkod", 1))
    data = {key: [_value(key, row[columns[key] - 1]) for row in rows] for key in ordered}
    if "status" in data:
        data["status"] = _statuses(kind, data)
    frame = pd.DataFrame(data, columns=ordered)
    for key in ordered:
        frame[key] = _typed(key, frame[key])
    frame.attrs["kind"] = kind
    return ("overview" if kind == "overview" else sheet.title), frame


def _data_rows(sheet: Worksheet, code_column: int) -> list[Sequence[Any]]:
    """The rows below the header, up to the totals row (its first cell is a word, no code)."""
    rows: list[Sequence[Any]] = []
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if not str(row[code_column - 1] or "").isdigit():
            break
        rows.append(row)
    return rows


def _value(key: str, cell: Any) -> Any:  # noqa: ANN401 - a spreadsheet cell
    if cell is None or cell == "":
        return None
    if key == "kommunkod":
        return str(cell).zfill(4)
    if key.startswith("amount") or key == "sek_per_inhabitant":
        return Decimal(str(cell)).quantize(CENT)
    if isinstance(cell, datetime):
        return cell.date()
    return cell


def _statuses(kind: str, data: dict[str, list[Any]]) -> list[str]:
    """The status from which side has days: the words in the sheet are for people."""
    gone = "left out" if kind == "whatif" else "left"
    before, after = data["membership_days_before"], data["membership_days_after"]
    return [
        "joined" if b is None else gone if a is None else "member"
        for b, a in zip(before, after, strict=True)
    ]


def _typed(key: str, column: pd.Series[Any]) -> pd.Series[Any]:
    """The column in the type ``to_frame()`` gives it (text stays Python ``str``)."""
    import pandas as pd

    if key in COUNTS:
        return column.astype("int64")
    if key in NULLABLE_COUNTS:
        return column.astype("Int64")
    if key.endswith("_date"):
        return pd.to_datetime(column).astype("datetime64[ns]")
    if key == "share":
        return column.astype("float64")
    return column.astype(object)
