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

from norrort_cost.problem_codes import CODES

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


def problem(  # noqa: PLR0913 - one keyword per field of a Problem, as the record has
    code: str,
    message: str | None = None,
    /,
    *,
    file: str,
    line: int | None = None,
    column: str | None = None,
    value: object = None,
    hint: str | None = None,
    severity: Severity = "error",
    **values: object,
) -> Problem:
    """A :class:`Problem` of ``code``, the one way to make one (frictionless builds its
    errors so): the call names the code, the place and the values, nothing else.

    ``message`` is a template said with ``values`` (``said(message, **values)``), or a
    finished text when no values are given (a fixed sentence, or one already ``said``);
    without one, the code's title from the table. ``hint`` defaults to the table's general
    hint for the code. ``value`` is kept as text. An unknown code is a ``ValueError`` (a
    typo fails where it is written, not in a report).

    >>> problem("no-members", "no member in {year}", file="memberships.csv", year=2014).message
    'no member in 2014'
    """
    entry = CODES.get(code)
    if entry is None:
        msg = f"unknown problem code {code!r}: add it to norrort_cost.problem_codes.CODES"
        raise ValueError(msg)
    text = entry.title if message is None else message
    return Problem(
        file=file,
        line=line,
        column=column,
        value=None if value is None else str(value),
        code=code,
        message=said(text, **values) if values else text,
        hint=entry.hint if hint is None else hint,
        severity=severity,
    )


class NorrortError(Exception):
    """Base of the errors the command line turns into a message and an exit code."""

    exit_code = 1


class DataError(NorrortError):
    """The input data has problems; ``problems`` lists every one found in one pass.

    ``str(error)`` is for a log: the count, then the first :data:`SHOWN` problems one a
    line (``code at file:line [column]: message``) and how many more there are.
    """

    SHOWN = 5

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the input data")

    def __str__(self) -> str:
        lines = [f"{len(self.problems)} problem(s) in the input data"]
        lines += [f"  {p.code} at {p.location()}: {p.message}" for p in self.problems[: self.SHOWN]]
        if len(self.problems) > self.SHOWN:
            lines.append(f"  ... and {len(self.problems) - self.SHOWN} more")
        return "\n".join(lines)


class UsageError(NorrortError):
    """A request the data cannot answer: a year without budget, an unknown member, ...

    ``code`` is stable for scripts (a key of ``problem_codes.USAGE_CODES``; the JSON error
    record ``{"error", "code", "hint"}`` carries it); ``usage-error`` when none is more
    precise.
    """

    exit_code = 2

    def __init__(self, message: str, hint: str = "", *, code: str = "") -> None:
        self.message = message
        self.hint = hint
        # a key of USAGE_CODES, or of the problem-code table for the environment's errors
        # (a locked register, a full disk); "usage-error" when none is more precise
        self.code = code or "usage-error"
        super().__init__(message)


def errors_only(problems: list[Problem]) -> list[Problem]:
    """The problems that stop the work (warnings do not)."""
    return [p for p in problems if p.severity == "error"]
