"""The command line in the reader's language: the help translated, the command classes.

Typer fixes help texts when the commands are defined, before any argument is read. So the
texts are written in English and translated when the help is *shown*: the command classes
below look each help text up in the catalog (:mod:`norrort_cost.rendering.i18n`) just
before typer formats it. The top-level group chooses the language before it parses
anything (:mod:`norrort_cost.cli.language`), and every class says click's usage errors
again in it (:mod:`norrort_cost.cli.usage_errors`, imported when an error is met).

Flags and arguments show no type placeholder (typer would print ``<bool>``,
``<list[Path]>``), and an option that takes one value may be given only once
(``--year 2014 --year 2015`` is a usage error, not the last one silently winning).
``typer._click`` and typer's help constants are used here: typer is pinned to one minor
version in pyproject, and the help golden files notice any change.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import typer
from typer import _click
from typer._click import exceptions as click_errors
from typer.core import TyperArgument, TyperCommand, TyperGroup

from norrort_cost.cli.language import take_language
from norrort_cost.cli.typer_words import placeholder, use_typer_words
from norrort_cost.problems import said
from norrort_cost.rendering.i18n import _


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


def _in_language(exc: click_errors.UsageError) -> click_errors.UsageError:
    """click's usage error in the current language (its words are loaded only for an error)."""
    from norrort_cost.cli.usage_errors import in_language

    return in_language(exc)


class LocalizedCommand(TyperCommand):
    """A command whose help is shown in the current language, and that refuses an option
    given twice."""

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        """Refuse repeated single-value options, then parse as typer does."""
        try:
            _refuse_repeats(self, ctx, args)
            return super().parse_args(ctx, args)
        except click_errors.UsageError as exc:
            raise _in_language(exc) from None

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The usage line, its words and placeholders in the current language."""
        _usage(self, ctx, formatter)

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """Translate the help texts, then let typer format them."""
        _localize(self, ctx)
        use_typer_words()
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
            raise _in_language(exc) from None

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
            raise _in_language(exc) from None

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The usage line, its words and placeholders in the current language."""
        _usage(self, ctx, formatter)

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """Translate the group's and its commands' help texts, then let typer format them."""
        _localize(self, ctx)
        use_typer_words()
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
