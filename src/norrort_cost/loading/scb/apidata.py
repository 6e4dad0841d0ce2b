"""SCB's data answer (JSON-stat 2.0) to one population figure per region and year.

The answer is read with the table's metadata at hand (:class:`.tablemeta.TableInfo`):
the region and time variables give the figure's place, only the cells of the Folkmängd
contents count, and of every other variable only its total code where the answer holds
it. A variable without a total that SCB still answers with (a mandatory one, asked with
all its codes) is summed, and the figure says so (``parts``). Cells are placed by the
values of ``category.index``, never by the order of its keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import product
from math import prod
from typing import Any

from norrort_cost.loading.scb.tablemeta import MetadataError, TableInfo
from norrort_cost.population.importing import RegionFigure
from norrort_cost.problems import said


@dataclass(frozen=True, slots=True)
class _Axis:
    code: str
    codes: list[str]
    keep: set[str] | None  # None: every code (a key, or parts to sum)


def answer_figures(info: TableInfo, data: object, source: str) -> list[RegionFigure]:
    """The figures of one data answer; MetadataError when it is not the table's shape."""
    if not isinstance(data, dict) or not isinstance(data.get("dimension"), dict):
        raise MetadataError(said("SCB's answer for {table} is not JSON-stat 2.0", table=info.id))
    axes = [_axis(info, str(name), data["dimension"].get(name)) for name in data.get("id", [])]
    names = [axis.code for axis in axes]
    if info.region not in names or info.time not in names:
        raise MetadataError(said("SCB's answer for {table} lacks region or year", table=info.id))
    values = _values(data, prod(len(axis.codes) for axis in axes), info.id)
    summed = {axis.code for axis in axes if axis.keep is None} - {info.region, info.time}
    totals: dict[tuple[str, str], list[int | None]] = {}
    for position, codes in enumerate(product(*(axis.codes for axis in axes))):
        if any(
            axis.keep is not None and code not in axis.keep
            for axis, code in zip(axes, codes, strict=True)
        ):
            continue
        key = (codes[names.index(info.region)], codes[names.index(info.time)])
        totals.setdefault(key, []).append(values[position])
    return [
        RegionFigure(
            file=f"SCB {info.id}",
            line=None,
            column=info.contents,
            region=region,
            reference_date=date(int(year), 12, 31),
            inhabitants=None if None in cells else sum(c for c in cells if c is not None),
            raw=".." if None in cells else str(sum(c for c in cells if c is not None)),
            source=source,
            parts=bool(summed and len(cells) > 1),
        )
        for (region, year), cells in totals.items()
        if year.isdigit()
    ]


def _axis(info: TableInfo, name: str, raw: Any) -> _Axis:  # noqa: ANN401 - raw JSON
    category = raw.get("category") if isinstance(raw, dict) else None
    index = category.get("index") if isinstance(category, dict) else None
    if isinstance(index, list):
        codes = [str(code) for code in index]
    elif isinstance(index, dict):
        codes = sorted(index, key=lambda code: int(index[code]))
    else:
        raise MetadataError(said("SCB's answer has no codes for {name}", name=name))
    if name == info.contents_variable:
        return _Axis(name, codes, {info.contents})
    variable = next((v for v in info.others if v.code == name), None)
    if variable is not None and variable.total in codes:
        return _Axis(name, codes, {variable.total})
    return _Axis(name, codes, None)


def _values(data: dict[str, Any], size: int, table: str) -> list[int | None]:
    raw = data.get("value")
    if isinstance(raw, dict):
        raw = [raw.get(str(i)) for i in range(size)]
    if not isinstance(raw, list) or len(raw) != size:
        raise MetadataError(
            said("SCB's answer for {table} has the wrong number of values", table=table)
        )
    out: list[int | None] = []
    for value in raw:
        if value is None:
            out.append(None)
        elif isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            out.append(value)
        elif isinstance(value, float) and value.is_integer() and value >= 0:
            out.append(int(value))  # 50495.0: a whole number written with a point
        else:
            raise MetadataError(
                said("SCB's answer for {table} holds {value!r}", table=table, value=value)
            )
    return out
