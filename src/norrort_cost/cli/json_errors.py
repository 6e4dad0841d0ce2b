"""Usage errors as JSON: with ``--format json`` every usage error is one record on stderr,
``{"error", "code", "hint"}`` with a stable code (``problem_codes.USAGE_CODES``), click's own
parsing errors (a missing or unknown option, a bad value, an unknown command) too.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer._click import exceptions as click_errors

from norrort_cost.cli.localized import LocalizedGroup
from norrort_cost.problems import said


def json_error(record: dict[str, object]) -> None:
    """``record`` as JSON on stderr (the one shape of an error under ``--format json``)."""
    from norrort_cost.rendering.files import to_json

    sys.stderr.write(to_json(record))


class JsonErrorsGroup(LocalizedGroup):
    """The app's group: with ``--format json``, click's own usage errors (a missing or
    unknown option, a bad value) are a JSON record on stderr too, like every usage error."""

    def main(  # type: ignore[override] # click's signature, its NoReturn overloads left out
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,  # noqa: ANN401 - click's own options
    ) -> Any:  # noqa: ANN401 - click's own result
        """Run as click does; under ``--format json`` say click's errors as JSON."""
        argv = list(sys.argv[1:] if args is None else args)
        if not standalone_mode or not _wants_json(argv):
            return super().main(argv, prog_name, complete_var, standalone_mode, **extra)
        try:
            result = super().main(argv, prog_name, complete_var, False, **extra)  # noqa: FBT003
        except click_errors.UsageError as exc:
            json_error(click_error_record(exc))
            sys.exit(exc.exit_code)
        except typer.Abort:
            sys.stderr.write("Aborted!\n")
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


def _wants_json(argv: Sequence[str]) -> bool:
    """Whether the arguments ask for JSON output (``--format json``, ``-f json``, ...)."""
    for position, arg in enumerate(argv):
        if arg == "--":
            return False
        if arg in {"--format", "-f"} and argv[position + 1 : position + 2] == ["json"]:
            return True
        if arg in {"--format=json", "-fjson"}:
            return True
    return False


def click_error_record(exc: click_errors.UsageError) -> dict[str, object]:
    """click's usage error as the JSON record of every usage error, with a stable code."""
    errors = click_errors
    code = "bad-option-usage"
    said_again, exc = exc, getattr(exc, "localized_from", exc)  # the kind of click's error
    if isinstance(exc, errors.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "")
        code = "missing-argument" if kind == "argument" else "missing-option"
    elif isinstance(exc, errors.NoSuchOption):
        code = "unknown-option"
    elif isinstance(exc, errors.BadParameter):
        code = "invalid-option-value"
    elif not isinstance(exc, errors.BadOptionUsage):
        message = exc.message
        code = "unknown-command" if message.startswith("No such command") else code
        code = "extra-argument" if "extra argument" in message else code
    command = exc.ctx.command_path if exc.ctx is not None else "norrort-cost"
    hint = said("see {command} --help", command=command)
    return {"error": _without_pydantic(said_again.format_message()), "code": code, "hint": hint}


# typer converts option values with pydantic, whose wording must not reach a script's log
_PYDANTIC_WORDS = (
    (re.compile(r"Input should be a valid integer.*"), "not a whole number"),
    (re.compile(r"Input should be a valid date.*"), "not a date (YYYY-MM-DD)"),
    (re.compile(r"Input should be .*"), "not a value this option takes"),
)


def _without_pydantic(message: str) -> str:
    for pattern, words in _PYDANTIC_WORDS:
        message = pattern.sub(words, message)
    return message
