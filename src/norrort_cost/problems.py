"""Problems found in input data, as data: every one is collected, none is raised alone.

A :class:`Problem` says where (file, line, column), what (a stable ``code`` and a message)
and how to fix it (a hint). Loading returns or raises them all at once in a
:class:`DataError`; the command line prints them and exits with code 1.

Messages and hints are English (the JSON report carries them as written). One made with
:func:`said` from a template and its values keeps both, so the command line can say it in
the reader's language from the catalog (the core never imports the catalog itself).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


class Said(str):
    """An English text that remembers the template and the values it was made from."""

    template: str
    params: dict[str, object]


def said(template: str, /, **params: object) -> str:
    """``template.format(**params)``, keeping the template and values for translation.

    The template is marked for the catalog (``tests/test_i18n.py`` checks each has a
    Swedish text): ``said("{name} is empty", name=name)``.
    """
    text = Said(template.format(**params))
    text.template = template
    text.params = params
    return text


def quoted(message: str) -> str:
    """``message`` to put inside another :func:`said` text: translated there as a message
    (its own template, or as a fixed text), where a plain value would be kept as it is."""
    if isinstance(message, Said):
        return message
    return said(message.replace("{", "{{").replace("}", "}}"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """One thing wrong with the input, located as precisely as the input allows."""

    file: str
    line: int | None = None
    column: str | None = None
    value: str | None = None
    code: str
    message: str
    hint: str = ""
    severity: Severity = "error"

    def as_dict(self) -> dict[str, str | int | None]:
        """The problem as a JSON-ready mapping (the documented ``problems`` schema)."""
        record = asdict(self)
        for name in ("message", "hint"):
            record[name] = str(record[name])  # plain English, whatever it was made from
        return record

    def location(self) -> str:
        """``file:line`` (and the column) for people."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return where if self.column is None else f"{where} [{self.column}]"


class NorrortError(Exception):
    """Base of the errors the command line turns into a message and an exit code."""

    exit_code = 1


class DataError(NorrortError):
    """The input data has problems; ``problems`` lists every one found in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the input data")


class UsageError(NorrortError):
    """A request the data cannot answer: a year without budget, an unknown member, ..."""

    exit_code = 2

    def __init__(self, message: str, hint: str = "", *, code: str = "") -> None:
        self.message = message
        self.hint = hint
        self.code = code  # a code of the problem-code table, for the errors that have one
        super().__init__(message)


def errors_only(problems: list[Problem]) -> list[Problem]:
    """The problems that stop the work (warnings do not)."""
    return [p for p in problems if p.severity == "error"]
