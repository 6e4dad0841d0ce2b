"""The old PxWebApi's plain JSON (``"format": "json"``): ``columns``, ``data`` and ``comments``.

``columns`` lists the variables: ``type`` ``d`` (a dimension such as Region), ``t`` (time)
or ``c`` (a content such as BE0101N1 Folkmängd); each item of ``data`` has a ``key`` (the
codes of the ``d`` and ``t`` columns, in order) and ``values`` (one per ``c`` column). The
answer gives codes only, no category labels: regions are matched by kommunkod. It is read
as a cube (:mod:`.cube`), so the same rules hold as for JSON-stat and PC-Axis; a
combination the answer leaves out is a missing figure, never 0.
"""

from __future__ import annotations

from itertools import product
from typing import Any, TypeGuard

from norrort_cost.loading.scb.cube import Dimension, cube_observations
from norrort_cost.loading.scb.observations import Observation
from norrort_cost.population.importing import Reading
from norrort_cost.problems import Problem, problem, quoted, said

CONTENTS_ID = "ContentsCode"


def is_pxjson(data: object) -> TypeGuard[dict[str, Any]]:
    """Whether parsed JSON is the old API's plain format."""
    return isinstance(data, dict) and "columns" in data and "data" in data


def read_pxjson(
    data: dict[str, Any], file: str, value_choice: str | None
) -> tuple[list[Observation], Reading | None, list[Problem]]:
    """The observations of an old-API JSON answer."""
    try:
        columns = [c for c in data["columns"] if c["type"] in ("d", "t")]
        contents = [c for c in data["columns"] if c["type"] == "c"]
        rows = [(tuple(map(str, item["key"])), list(item["values"])) for item in data["data"]]
        dimensions = [_dimension(c, index, rows) for index, c in enumerate(columns)]
    except (KeyError, TypeError) as exc:
        return (
            [],
            None,
            [_incomplete(file, said("a column or data item without {key}", key=str(exc)))],
        )
    if not contents or any(len(key) != len(columns) for key, _ in rows):
        return [], None, [_incomplete(file, "keys that do not match the columns")]
    measure = Dimension(
        id=CONTENTS_ID,
        label="tabellinnehåll",
        codes=tuple(str(c["code"]) for c in contents),
        labels=tuple(str(c.get("text", c["code"])) for c in contents),
    )
    by_key = dict(rows)
    values: list[str] = []
    for at in product(*(d.codes for d in dimensions)):
        found = by_key.get(tuple(at), [])
        values.extend(str(v) if v is not None else ".." for v in _padded(found, len(contents)))
    cube = [*dimensions, measure]
    label = contents[0].get("text", "")
    return cube_observations(cube, values, file, value_choice, ("PxWebApi v1 JSON", label))


def _dimension(
    column: dict[str, Any], index: int, rows: list[tuple[tuple[str, ...], Any]]
) -> Dimension:
    codes = tuple(dict.fromkeys(key[index] for key, _ in rows))
    return Dimension(
        id=str(column["code"]),
        label=str(column.get("text", column["code"])),
        codes=codes,
        labels=codes,
        time=column["type"] == "t",
    )


def _padded(values: list[Any], width: int) -> list[Any]:
    return values + [None] * (width - len(values)) if len(values) < width else values[:width]


def _incomplete(file: str, what: str) -> Problem:
    return problem(
        "not-jsonstat",
        "the old PxWebApi's JSON answer, but with {what}",
        file=file,
        hint="save SCB's answer as JSON-stat 2.0 (outputFormat=json-stat2), or export a CSV",
        what=quoted(what),
    )
