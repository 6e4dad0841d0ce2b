"""The base of every domain record: immutable, validated, and explicit about money."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, model_validator

from norrort_cost.dataset.fields import GivenInOre, problem
from norrort_cost.problems import said


class Record(BaseModel):
    """Base of every record: immutable, unknown fields refused, CSV headers as aliases.

    Money: a field named ``*_ore`` given by its name takes whole öre (``amount_ore=75600000``);
    given by its column name it takes kronor of any type (``amount=756000``,
    ``amount="756 000,00"``, ``amount=756000.0``), as every file and frame does.
    :meth:`model_copy` validates its ``update`` like a new record (pydantic's own does not).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _mark_ore(cls, data: Any) -> Any:  # noqa: ANN401 - pydantic hands raw input
        """Mark values given under an ``*_ore`` name as öre; both names at once are refused."""
        if not isinstance(data, dict):
            return data
        marked = None
        for name, alias in _ore_fields(cls):
            if data.get(name) is None:
                continue
            if alias and alias in data:
                raise problem(
                    "amount-given-twice",
                    said(
                        "both {alias} (kronor) and {name} (öre) are given", alias=alias, name=name
                    ),
                    said("give one: {alias} in kronor or {name} in öre", alias=alias, name=name),
                )
            marked = marked or dict(data)
            marked[name] = GivenInOre(data[name])
        return marked or data

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with ``update`` applied and validated: its fields and the record's own rules.

        Unlike pydantic's ``model_copy``, an update cannot make a record that validation
        would refuse (``amount_ore=-5``, a membership ending before it starts). Money keeps
        its rule: ``update={"amount": 900000}`` is kronor, ``{"amount_ore": 100}`` öre.
        """
        copied = super().model_copy(deep=deep)
        if not update:
            return copied
        values = dict(copied)
        for name, info in type(self).model_fields.items():
            if info.alias in update:  # given by its column name: ``amount=`` replaces amount_ore
                values.pop(name, None)
        return self.model_validate({**values, **update})


@cache
def _ore_fields(record: type[Record]) -> tuple[tuple[str, str | None], ...]:
    """The fields named ``*_ore`` of a record type, with their column names (aliases)."""
    return tuple(
        (name, info.alias) for name, info in record.model_fields.items() if name.endswith("_ore")
    )
