"""The pieces a report is made of, in one language: tables and titled sections."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Table:
    """A table for people: header, rows, a total row; which columns hold numbers."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    total: tuple[str, ...] | None = None
    highlight: int | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the report: key figures, paragraphs, numbered steps, then tables."""

    title: str
    paragraphs: tuple[str, ...] = ()
    subtitle: str = ""
    steps: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
