"""JSON-stat 2.0, as SCB's PxWebApi 2 returns it (``outputFormat=json-stat2``).

A small reader rather than pyjstat (last released 2023, pulls in pandas): the format is a
dataset object with ``id`` (dimension order), ``size``, ``dimension`` (each with
``category.index`` as a mapping or a list, and ``category.label``) and ``value`` as a
list or a sparse mapping; ``status`` may mark a missing value (``..``). JSON-stat 1.x and
the old PxWebApi's plain JSON (:mod:`.pxjson`) are read too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from norrort_cost.loading.jsontext import JsonLimitError, parse_json
from norrort_cost.loading.scb.cube import Dimension, cube_observations
from norrort_cost.loading.scb.observations import Observation
from norrort_cost.loading.scb.pxjson import is_pxjson, read_pxjson
from norrort_cost.loading.scb.values import LazyValues
from norrort_cost.loading.workbooks import cube_problem
from norrort_cost.population.importing import Reading
from norrort_cost.problems import Problem, problem, said

_HINT = "save SCB's answer as JSON-stat 2.0 (outputFormat=json-stat2), or export a CSV"


def read_jsonstat(
    text: str, file: str, value_choice: str | None
) -> tuple[list[Observation], Reading | None, list[Problem]]:
    """The observations of a JSON-stat 2.0 dataset."""
    data, wrong = _parsed(text, file)
    if wrong is not None:
        return [], None, [wrong]
    original, data = data, _version_2(data)
    kind = "JSON-stat 2.0" if data is original else "JSON-stat 1.x"
    if is_pxjson(data):
        return read_pxjson(data, file, value_choice)
    if not isinstance(data, dict) or "dimension" not in data or "id" not in data:
        return [], None, [_problem(file, None, "JSON, but not a JSON-stat 2.0 dataset")]
    try:
        dimensions = [_dimension(name, data["dimension"][name], data) for name in data["id"]]
        if (refused := cube_problem(file, _size(dimensions))) is not None:
            return [], None, [refused]
        values = _values(data, _size(dimensions))
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        incomplete = said("a JSON-stat dataset that is incomplete: {reason}", reason=str(exc))
        return [], None, [_problem(file, None, incomplete)]
    return cube_observations(
        dimensions, values, file, value_choice, (kind, str(data.get("label", "")))
    )


def _parsed(text: str, file: str) -> tuple[object, Problem | None]:
    """The JSON value of ``text``, or the problem: not JSON, or past a limit."""
    try:
        return parse_json(text), None
    except JsonLimitError as exc:
        return None, _limit(file, exc)
    except json.JSONDecodeError as exc:
        return None, _problem(file, exc.lineno, said("not valid JSON: {reason}", reason=exc.msg))


def _version_2(data: object) -> object:
    """A JSON-stat 1.x answer ({"dataset": ...}, id and size inside dimension) as 2.0."""
    if isinstance(data, dict) and data.get("class") != "dataset" and "dataset" in data:
        data = data["dataset"]
    if isinstance(data, dict) and "id" not in data and isinstance(data.get("dimension"), dict):
        dimension = data["dimension"]
        if "id" in dimension and "size" in dimension:
            role = dimension.get("role", {})
            return {**data, "id": dimension["id"], "size": dimension["size"], "role": role}
    return data


def _dimension(name: str, raw: dict[str, Any], data: dict[str, Any]) -> Dimension:
    category = raw["category"]
    index = category.get("index")
    labels: dict[str, str] = category.get("label", {})
    if index is None:
        codes = list(labels)
    elif isinstance(index, list):
        codes = [str(code) for code in index]
    else:
        codes = sorted(index, key=lambda code: int(index[code]))
    time = name in data.get("role", {}).get("time", [])
    return Dimension(
        id=name,
        label=str(raw.get("label", name)),
        codes=tuple(codes),
        labels=tuple(str(labels.get(code, code)) for code in codes),
        time=time,
    )


def _size(dimensions: list[Dimension]) -> int:
    total = 1
    for dimension in dimensions:
        total *= len(dimension.codes)
    return total


def _values(data: dict[str, Any], size: int) -> Sequence[str]:
    raw = data["value"]
    if isinstance(raw, dict):
        raw = [raw.get(str(i)) for i in range(size)]
    if len(raw) != size:
        raise ValueError(f"{len(raw)} values for {size} cells")
    return _Values(raw, data.get("status") or {})


class _Values(LazyValues):
    """The cube's values as text, each made only when its cell is asked for.

    A missing value (``null``) is its ``status`` mark (one for all, a list, or a mapping by
    index), else ``..``: SCB's mark for no figure.
    """

    def __init__(self, raw: list[Any], status: str | list[Any] | dict[str, Any]) -> None:
        self._raw = raw
        self._status = status

    def __len__(self) -> int:
        return len(self._raw)

    def _cell(self, index: int) -> str:
        value = self._raw[index]
        if value is not None:
            return str(value)
        status = self._status
        mark = None
        if isinstance(status, str):
            mark = status
        elif isinstance(status, dict):
            mark = status.get(str(index))
        elif index < len(status):
            mark = status[index]
        return str(mark or "..")


def _problem(file: str, line: int | None, message: str) -> Problem:
    return problem(
        "not-jsonstat",
        message,
        file=file,
        line=line,
        hint=_HINT,
    )


def _limit(file: str, exc: JsonLimitError) -> Problem:
    return problem(
        exc.code,
        exc.message,
        file=file,
        line=exc.line,
        hint="download the table again from SCB; this is not an export as SCB writes it",
    )
