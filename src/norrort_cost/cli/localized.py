"""The command line in the reader's language: ``--lang sv|en``, help included.

Typer fixes help texts when the commands are defined, before any argument is read. So the
texts are written in English and translated when the help is *shown*: the command classes
below look each help text up in the catalog (:mod:`norrort_cost.rendering.i18n`) just
before typer formats it. The language itself is chosen by the top-level group, before it
parses anything: ``--lang`` anywhere on the command line (it is taken out of the
arguments, so it works before or after the command's name), else the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``sv_*`` is Swedish), else English.

Flags and arguments show no type placeholder (typer would print ``<bool>``,
``<list[Path]>``), and an option that takes one value may be given only once
(``--year 2014 --year 2015`` is a usage error, not the last one silently winning).
click's usage errors (a missing option, an invalid value, an unknown option or command)
are said again in the chosen language by :func:`in_language`: typer's click builds them
with f-strings, not gettext, so there is no catalog of click's to install.
``typer._click`` and typer's help constants are used here: typer is pinned to one minor
version in pyproject, and the help golden files notice any change.
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Callable
from typing import Any

import typer
from typer import _click
from typer._click import exceptions as click_errors
from typer.core import TyperArgument, TyperCommand, TyperGroup

from norrort_cost.problems import said
from norrort_cost.rendering.i18n import LANGUAGES, _, current, language_from, spoken, use


def translated(text: str | None) -> str | None:
    """A help text in the current language (as written if the catalog lacks it)."""
    if not text:
        return text
    cleaned = inspect.cleandoc(text)
    found = _(cleaned)
    return text if found == cleaned else found


def reflowed(text: str | None) -> str | None:
    """A command's help with each paragraph on one line, for the terminal to wrap.

    Docstrings are broken at 90 columns by hand; shown as written, a narrower terminal
    breaks them a second time, leaving stubs of one or two words. Paragraphs whose lines
    are indented or listed (``- ``, ``* ``) keep their lines; a line that starts with an
    option (``--output is ...``) is no list.
    """
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(
        paragraph
        if any(line[:1] == " " or line[:2] in {"- ", "* "} for line in paragraph.splitlines())
        else " ".join(paragraph.split("\n"))
        for paragraph in paragraphs
    )


# the placeholders of values in the help (YEAR, FILE, DIR, ...): said in the reader's
# language (ÅR, FIL, KATALOG); a choice such as <table|csv> names machine values and stays
PLACEHOLDERS = frozenset(
    {
        "AMOUNT",
        "CODE",
        "CODE:DATE",
        "DAYS",
        "DIR",
        "DIRECTORY",
        "FILE",
        "FIRST-LAST",
        "MEMBER",
        "N",
        "NAME",
        "NUMBER",
        "PERCENT",
        "TEXT",
        "URL",
        "YEAR",
        "YYYY-MM-DD",
        "[OPTIONS]",
        "COMMAND [ARGS]...",
    }
)


def placeholder(text: str) -> str:
    """A placeholder in the current language (``YEAR`` -> ``ÅR``), ``FILE...`` included."""
    stem, dots = (
        (text[:-3], "...")
        if text.endswith("...") and text[:-3] in PLACEHOLDERS
        else (
            text,
            "",
        )
    )
    return _(stem) + dots if stem in PLACEHOLDERS else text


def _usage(command: _click.Command, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
    """The usage line in the current language: ``Användning: norrort-cost allocate [FLAGGOR]``."""
    _localize(command, ctx)  # the arguments' placeholders, on an error's usage line too
    pieces = [placeholder(piece) for piece in command.collect_usage_pieces(ctx)]
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))


def _localize(command: _click.Command, ctx: _click.Context) -> None:
    command.help = reflowed(translated(command.help))
    command.short_help = translated(command.short_help)
    for param in command.get_params(ctx):
        if hasattr(param, "help"):
            param.help = translated(param.help)
        if isinstance(param, TyperArgument) and param.metavar is None and param.name:
            param.metavar = param.name.upper()
        if isinstance(param.metavar, str):
            param.metavar = placeholder(param.metavar)
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
        if isinstance(param, TyperArgument):
            # the argument's name already says what it takes (FILES...): no <list[Path]>
            setattr(param, "display_type_rich", _no_type)  # noqa: B010 - shadow the method


def _no_type(ctx: _click.Context) -> None:
    return None


_chosen: dict[str, str | None] = {"lang": None}


def chosen_language() -> str | None:
    """The language given with ``--lang`` anywhere on the command line, else None."""
    return _chosen["lang"]


def take_language(args: list[str], own_lang: frozenset[str] = frozenset()) -> list[str]:
    """Choose the language from ``args`` (or the locale) and return the rest of ``args``.

    ``--lang`` is taken out, except after the name of a command in ``own_lang``, which has
    a ``--lang`` of its own (``report``): there it stays for that command, and sets the
    interface's language too.
    """
    rest: list[str] = []
    chosen: str | None = None
    keep = False
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        keep = keep or arg in own_lang
        if arg == "--lang" or arg.startswith("--lang="):
            step = 1 if "=" in arg else 2
            value = arg.partition("=")[2] if "=" in arg else _next(args, index)
            if value not in LANGUAGES:
                use(language_from([], os.environ))
                message = said(
                    "choose one of {languages}, not {value!r}",
                    languages=", ".join(LANGUAGES),
                    value=value,
                )
                raise typer.BadParameter(message, param_hint="'--lang'")
            chosen = value
            if keep:
                rest.extend(args[index : index + step])
            index += step
            continue
        rest.append(arg)
        index += 1
    _chosen["lang"] = chosen
    use(chosen or language_from([], os.environ))
    return rest


def _next(args: list[str], index: int) -> str:
    return args[index + 1] if index + 1 < len(args) else ""


# typer's own words in the help (panel titles, default, required); it reads these module
# constants when it draws the help, so they are set to the current language just before
# (typer is pinned to a minor version in pyproject, so the names cannot move unnoticed)
TYPER_WORDS = {
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "ERRORS_PANEL_TITLE": "Error",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}


def _typer_words() -> None:
    from typer import rich_utils

    for name, text in TYPER_WORDS.items():
        setattr(rich_utils, name, _(text))


def _refuse_repeats(command: _click.Command, ctx: _click.Context, args: list[str]) -> None:
    """An option that takes one value, given twice, is a usage error (not the last one
    silently winning: ``explain --year 2014 --year 2015``)."""
    before_dashes = args[: args.index("--")] if "--" in args else args
    for param in command.get_params(ctx):
        if getattr(param, "multiple", True) or getattr(param, "is_flag", True):
            continue
        names = [*param.opts, *param.secondary_opts]
        given = sum(1 for arg in before_dashes if any(_names(arg, name) for name in names))
        if given > 1:
            message = said("given {given} times; give it once", given=given)
            if "--year" in names:
                message = said(
                    "given {given} times; give it once (allocate takes several: "
                    "--year 2014 --year 2015 or --years)",
                    given=given,
                )
            raise typer.BadParameter(message, param_hint=f"'{names[0]}'")


def _names(arg: str, name: str) -> bool:
    """Whether the argument ``arg`` is the option ``name`` (``--year``, ``--year=2014``,
    ``-y``, ``-y2014``)."""
    if name.startswith("--"):
        return arg == name or arg.startswith(name + "=")
    return arg.startswith(name) and not arg.startswith("--")


def in_language(exc: click_errors.UsageError) -> click_errors.UsageError:
    """click's usage error in the current language (English: the error itself).

    typer's click formats its messages with f-strings, not gettext, so the common ones are
    said again here from the error's own fields: a missing option or argument, an invalid
    value (its reason translated when it is one of ours), an unknown option or command,
    extra arguments. Any other stays as click wrote it."""
    _typer_words()  # the error panel's title and "Try ... --help" (imports rich: errors only)
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


class LocalizedCommand(TyperCommand):
    """A command whose help is shown in the current language, and that refuses an option
    given twice."""

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        """Refuse repeated single-value options, then parse as typer does."""
        try:
            _refuse_repeats(self, ctx, args)
            return super().parse_args(ctx, args)
        except click_errors.UsageError as exc:
            raise in_language(exc) from None

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The usage line, its words and placeholders in the current language."""
        _usage(self, ctx, formatter)

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """Translate the help texts, then let typer format them."""
        _localize(self, ctx)
        _typer_words()
        super().format_help(ctx, formatter)


class LocalizedGroup(TyperGroup):
    """A group that chooses the language first (at the top) and shows help in it."""

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        """Take ``--lang`` out of the arguments and switch language before parsing them."""
        own = frozenset(name for name in self.list_commands(ctx) if self.takes_own_language(name))
        try:
            if ctx.parent is None:
                args = take_language(args, own)
            return super().parse_args(ctx, args)
        except click_errors.UsageError as exc:
            raise in_language(exc) from None

    def takes_own_language(self, name: str) -> bool:
        """Whether command ``name`` has a ``--lang`` of its own."""
        command = self.commands.get(name)
        return command is not None and any(
            "--lang" in getattr(param, "opts", ()) for param in command.params
        )

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        """Find the command, saying an unknown one in the current language."""
        try:
            return super().resolve_command(ctx, args)
        except click_errors.UsageError as exc:
            raise in_language(exc) from None

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The usage line, its words and placeholders in the current language."""
        _usage(self, ctx, formatter)

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """Translate the group's and its commands' help texts, then let typer format them."""
        _localize(self, ctx)
        _typer_words()
        for command in self.commands.values():
            command.help = reflowed(translated(command.help))
            command.short_help = translated(command.short_help)
        super().format_help(ctx, formatter)


class LocalizedTyper(typer.Typer):
    """A typer app whose groups and commands speak the chosen language."""

    def __init__(self, **kwargs: Any) -> None:  # noqa: ANN401 - typer's own options
        kwargs.setdefault("cls", LocalizedGroup)
        super().__init__(**kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Any], Any]:  # noqa: ANN401
        """Register a command (a :class:`LocalizedCommand` unless told otherwise)."""
        kwargs.setdefault("cls", LocalizedCommand)
        return super().command(*args, **kwargs)
