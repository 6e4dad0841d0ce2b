"""click's usage errors said again in the reader's language.

typer's click builds its messages with f-strings, not gettext, so there is no catalog of
click's to install: the common errors (a missing option or argument, an invalid value, an
unknown option or command, extra arguments) are said again from the error's own fields,
and typer's and pydantic's reasons for refusing a value from their wording. The command
classes (:mod:`norrort_cost.cli.localized`) pass every usage error through
:func:`in_language`. ``typer._click`` is used here: typer is pinned to one minor version in
pyproject, and the tests of the errors' words notice any change.
"""

from __future__ import annotations

import re

from typer._click import exceptions as click_errors
from typer.core import TyperArgument

from norrort_cost.cli.typer_words import placeholder, use_typer_words
from norrort_cost.rendering.i18n import _, current, spoken


def in_language(exc: click_errors.UsageError) -> click_errors.UsageError:
    """click's usage error in the current language (English: the error itself).

    typer's click formats its messages with f-strings, not gettext, so the common ones are
    said again here from the error's own fields: a missing option or argument, an invalid
    value (its reason translated when it is one of ours), an unknown option or command,
    extra arguments. Any other stays as click wrote it."""
    use_typer_words()  # the error panel's title and "Try ... --help" (imports rich: errors only)
    if current() == "en" and isinstance(exc, click_errors.BadParameter):
        # English keeps click's error (its class gives the JSON record's code); only
        # pydantic's wording ("Input should be a valid integer, unable to parse ...") goes
        exc.message = _value_reason(exc.message) or exc.message
    if current() == "en" or exc.__class__.__name__ == "NoArgsIsHelpError":
        return exc
    text = _click_words(exc)
    if text is None:
        return exc
    said_again = click_errors.UsageError(text, exc.ctx)
    said_again.localized_from = exc  # type: ignore[attr-defined]  # its kind, for JSON's code
    return said_again


def _click_words(exc: click_errors.UsageError) -> str | None:
    if isinstance(exc, click_errors.MissingParameter):
        name = _param_name(exc)
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "")
        if kind == "argument":
            return _("Missing argument {name}.").format(name=name)
        return _("Missing option {name}.").format(name=name)
    if isinstance(exc, click_errors.BadParameter):
        reason = _reason(exc.message)
        return _("Invalid value for {name}: {reason}").format(name=_param_name(exc), reason=reason)
    if isinstance(exc, click_errors.NoSuchOption):
        text = _("No such option: {name}").format(name=exc.option_name)
        if exc.possibilities:
            options = ", ".join(sorted(exc.possibilities))
            text += " " + _("(Possible options: {options})").format(options=options)
        return text
    return _plain_words(exc.message)


def _param_name(exc: click_errors.BadParameter) -> str:
    if isinstance(exc.param, TyperArgument):
        # an argument by its placeholder in the reader's language ('FIL', 'KATALOG')
        shown = exc.param.metavar or (exc.param.name or "").upper()
        return repr(placeholder(shown.strip("{}")))
    if exc.param_hint is not None:
        # typer's own helper; typer is pinned to one minor version (see the module docstring)
        return click_errors._join_param_hints(exc.param_hint) or ""
    hint = exc.param.get_error_hint() if exc.param is not None else ""
    # typer adds " (env var: 'NAME')" to an option read from the environment too
    return _ENV_VAR.sub(
        lambda found: " " + _("(environment variable {name})").format(name=found["name"]), hint
    )


_ENV_VAR = re.compile(r" \(env var: (?P<name>'[^']*')\)")

# the reasons typer gives for a bad value, with f-strings: a path that is missing or of
# the wrong kind (``file 'x' does not exist``), and pydantic's wording for a number or date
# that is none (``Input should be a valid integer``, ``'x' does not match the formats``)
_PATH_REASONS = (
    (re.compile(r"file (?P<path>'.*') does not exist\."), "file {path} does not exist."),
    (
        re.compile(r"dir(?:ectory)? (?P<path>'.*') does not exist\."),
        "directory {path} does not exist.",
    ),
    (re.compile(r"\w+ (?P<path>'.*') does not exist\."), "path {path} does not exist."),
    (re.compile(r"\w+ (?P<path>'.*') is a file\."), "{path} is a file, not a directory."),
    (re.compile(r"\w+ (?P<path>'.*') is a directory\."), "{path} is a directory, not a file."),
    (re.compile(r"\w+ (?P<path>'.*') is not readable\."), "{path} cannot be read."),
    (re.compile(r"\w+ (?P<path>'.*') is not writable\."), "{path} cannot be written."),
)
_VALUE_REASONS = (
    (re.compile(r"Input should be a valid integer.*", re.DOTALL), "not a whole number"),
    (re.compile(r"Input should be a valid (?:number|decimal).*", re.DOTALL), "not a number"),
    (re.compile(r"Input should be a valid date.*", re.DOTALL), "not a date (YYYY-MM-DD)"),
    (
        re.compile(r"(?:Value error, )?'.*' does not match the formats? .*", re.DOTALL),
        "not a date (YYYY-MM-DD)",
    ),
    (re.compile(r"Input should be .*", re.DOTALL), "not a value this option takes"),
)


def _reason(message: str) -> str:
    """Why a value was refused, in the current language: ours through the catalog, typer's
    and pydantic's wording said again from its values."""
    for pattern, template in _PATH_REASONS:
        if found := pattern.fullmatch(message):
            return _(template).format(path=found["path"])
    return _value_reason(message) or spoken(message)


def _value_reason(message: str) -> str | None:
    """pydantic's reason for refusing a number or a date, in the current language."""
    for pattern, words in _VALUE_REASONS:
        if pattern.fullmatch(message):
            return _(words)
    return None


_NO_SUCH_COMMAND = re.compile(r"No such command (?P<name>.+?)\.(?: Did you mean (?P<like>.+)\?)?")
_EXTRA = "Got unexpected extra argument(s) ("
_NEEDS_VALUE = re.compile(r"Option (?P<name>'[^']+') requires an argument\.")
_TAKES_NO_VALUE = re.compile(r"Option (?P<name>'[^']+') does not take a value\.")


def _plain_words(message: str) -> str | None:
    """click's plain usage errors that carry values: an unknown command, extra arguments."""
    unknown = _NO_SUCH_COMMAND.fullmatch(message)
    if unknown:
        text = _("No such command {name}.").format(name=unknown["name"])
        if unknown["like"]:
            text += " " + _("Did you mean {names}?").format(names=unknown["like"])
        return text
    if needs := _NEEDS_VALUE.fullmatch(message):
        return _("Option {name} requires a value.").format(name=needs["name"])
    if takes := _TAKES_NO_VALUE.fullmatch(message):
        return _("Option {name} does not take a value.").format(name=takes["name"])
    if message.startswith(_EXTRA) and message.endswith(")"):
        found = message.removeprefix(_EXTRA).removesuffix(")")
        return _("Unexpected extra argument(s): {arguments}").format(arguments=found)
    return None
