"""What an SCB population table offers, read from its own PxWebApi 2 metadata.

``GET {base}/tables/{id}/metadata?lang=sv`` answers a JSON-stat 2.0 dataset without values:
the table's ``label`` and ``updated`` stamp, and for each variable its codes (in the order of
``category.index``'s *values*, never of the keys), their labels and whether it may be left
out (``extension.elimination``). From that alone :func:`table_info` finds the time variable
(``role.time``) and its years, the region variable, the contents code labelled
*Folkmängd*, and each other variable's total code: ``extension.eliminationValueCode`` where
SCB gives one, else the first code labelled "totalt ..." (``SC`` "totalt, samtliga
civilstånd", ``TotSA``, ``TotSa``, TAB638's ``tot`` "totalt ålder"). A new table is a new
id in the settings, not a new release: nothing here names a table or a code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from norrort_cost.problems import said

POPULATION_LABEL = "folkmängd"
TOTAL_PREFIX = "totalt"
REGION_NAMES = ("region",)


class MetadataError(ValueError):
    """The metadata lacks what a population table needs (said in the message)."""


@dataclass(frozen=True, slots=True)
class Variable:
    """A variable of the table other than region, time and contents.

    ``total`` is SCB's published total code, or None where the table has none (TAB638's
    Kon and Civilstand); ``mandatory`` is True where SCB refuses a selection without it.
    """

    code: str
    codes: tuple[str, ...]
    total: str | None
    mandatory: bool


@dataclass(frozen=True, slots=True)
class TableInfo:
    """One table's years, codes and publication stamp, from its metadata."""

    id: str
    label: str
    updated: str
    region: str
    time: str
    contents_variable: str
    contents: str
    years: tuple[int, ...]
    others: tuple[Variable, ...]
    regions: frozenset[str] = frozenset()

    def selection(
        self, regions: list[str], years: list[int], *, eliminate: bool = True
    ) -> dict[str, list[str]]:
        """The PxWebApi 2 selection of the population of ``regions`` in ``years``.

        Every other variable is asked at its total code. One without a total is left out
        where the table allows it (SCB then answers the sum itself; TAB638, the only
        such table, has no noise, so that sum is exact); a mandatory one without a total
        is asked with all its codes, and the reader sums them. A region the table does
        not know is not asked (SCB would refuse the whole request for it). With
        ``eliminate`` False every variable without a total is asked with all its codes,
        for a server that refuses a variable left out.
        """
        chosen = {
            self.region: [r for r in regions if r in self.regions or not self.regions],
            self.time: [str(year) for year in years],
            self.contents_variable: [self.contents],
        }
        for variable in self.others:
            if variable.total is not None:
                chosen[variable.code] = [variable.total]
            elif variable.mandatory or not eliminate:
                chosen[variable.code] = list(variable.codes)
        return chosen


def table_info(table: str, data: object) -> TableInfo:
    """The table's population layout; MetadataError saying what is missing."""
    if not isinstance(data, dict) or not isinstance(data.get("dimension"), dict):
        raise MetadataError(
            said("the metadata of {table} is not a JSON-stat 2.0 dataset", table=table)
        )
    dimensions: dict[str, Any] = data["dimension"]
    role = data.get("role")
    if not isinstance(role, dict):
        role = {}
    time = _one(role.get("time"), dimensions, table, "time")
    contents_variable = _one(role.get("metric"), dimensions, table, "contents")
    region = next((d for d in dimensions if d.casefold() in REGION_NAMES), None)
    if region is None:
        raise MetadataError(said("{table} has no region variable", table=table))
    contents = _population_code(dimensions[contents_variable], table)
    years = tuple(sorted(int(code) for code in _codes(dimensions[time]) if _is_year(code)))
    others = tuple(
        _variable(code, raw)
        for code, raw in dimensions.items()
        if code not in (time, contents_variable, region)
    )
    return TableInfo(
        id=table,
        label=str(data.get("label", "")),
        updated=str(data.get("updated", "")),
        region=region,
        time=time,
        contents_variable=contents_variable,
        contents=contents,
        years=years,
        others=others,
        regions=frozenset(_codes(dimensions[region])),
    )


def _one(named: object, dimensions: dict[str, Any], table: str, what: str) -> str:
    if isinstance(named, list) and named and named[0] in dimensions:
        return str(named[0])
    raise MetadataError(said("{table} names no {what} variable", table=table, what=what))


def _codes(raw: object) -> list[str]:
    """A variable's codes in SCB's order: by the values of ``category.index``."""
    category = raw.get("category", {}) if isinstance(raw, dict) else {}
    index = category.get("index") if isinstance(category, dict) else None
    if isinstance(index, list):
        return [str(code) for code in index]
    if isinstance(index, dict):
        return sorted(index, key=lambda code: int(index[code]))
    labels = category.get("label") if isinstance(category, dict) else None
    return list(labels) if isinstance(labels, dict) else []


def _labels(raw: dict[str, Any]) -> dict[str, str]:
    labels = raw.get("category", {}).get("label", {})
    return {str(k): str(v) for k, v in labels.items()} if isinstance(labels, dict) else {}


def _extension(raw: dict[str, Any]) -> dict[str, Any]:
    extension = raw.get("extension")
    return extension if isinstance(extension, dict) else {}


def _population_code(raw: dict[str, Any], table: str) -> str:
    labels = _labels(raw)
    alternative = _extension(raw).get("alternativeText", {})
    for code in _codes(raw):
        names = (labels.get(code, ""), str(alternative.get(code, "")))
        if any(name.strip().casefold() == POPULATION_LABEL for name in names):
            return code
    raise MetadataError(said("{table} has no contents labelled Folkmängd", table=table))


def _variable(code: str, raw: dict[str, Any]) -> Variable:
    codes = _codes(raw)
    labels = _labels(raw)
    extension = _extension(raw)
    total = extension.get("eliminationValueCode")
    if total not in codes:
        total = next(
            (c for c in codes if labels.get(c, "").strip().casefold().startswith(TOTAL_PREFIX)),
            None,
        )
    return Variable(
        code=code,
        codes=tuple(codes),
        total=total,
        mandatory=extension.get("elimination") is not True,
    )


def _is_year(code: str) -> bool:
    return len(code) == 4 and code.isdigit()
