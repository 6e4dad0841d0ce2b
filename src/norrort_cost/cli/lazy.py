"""Commands loaded when they are used: a run imports and builds only the command it runs.

Typer builds every command's options from its function (signatures, type hints, help) each
time the program starts, and each command's module imports what it needs. With fourteen
commands that was most of the start-up of ``norrort-cost allocate`` and of ``--help``. So
the top-level group knows its commands by name only (:data:`COMMANDS`, in the order the
help lists them) and imports a command's module, which registers it on the shared app,
the first time the command is asked for.

``norrort-cost --help`` lists every command without importing any: the list shows each
command's summary, the first paragraph of its help, kept here beside the module's name
(a test checks that each is its command's own first paragraph, in English and Swedish).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NamedTuple

from typer.core import TyperCommand

from norrort_cost.cli.common import app
from norrort_cost.cli.json_errors import JsonErrorsGroup

if TYPE_CHECKING:
    from typer import _click


class Entry(NamedTuple):
    """A command of the top-level group: the module that defines it and its summary."""

    module: str
    summary: str


COMMANDS: dict[str, Entry] = {
    "allocate": Entry(
        "allocate",
        "Split a year's budget among the members and show every member's share.",
    ),
    "check": Entry(
        "check",
        "Check a claimed amount against the computed share, considering every reading of it.",
    ),
    "compare": Entry(
        "compare",
        "Compare two years: per member the change in inhabitants, share, amount, kr/inhabitant.",
    ),
    "explain": Entry(
        "explain",
        "Show every step from the inputs to one member's amount, reproducible by hand.",
    ),
    "invoices": Entry(
        "invoices",
        "Issue one invoice per paying member (PDF and PEPPOL BIS Billing 3.0 UBL) and a summary.",
    ),
    "reminders": Entry(
        "reminders",
        "Write a payment reminder (PDF) for each member with overdue invoices on a date.",
    ),
    "report": Entry(
        "report",
        "Write a report of one budget year for a committee: charts, table, method, sources.",
    ),
    "settle": Entry(
        "settle",
        "Settle a year against the register: a credit note or supplementary invoice per member.",
    ),
    "validate": Entry(
        "validate",
        "Check a dataset: every error (exit 1) and every warning (exit 0 if only warnings).",
    ),
    "whatif": Entry(
        "whatif",
        "Recompute a year with changed memberships: baseline, new amount, difference per member.",
    ),
    "dataset": Entry(
        "dataset",
        "Create and manage dataset directories (the files the commands read).",
    ),
    "register": Entry(
        "registry",
        "The invoice register: every issued invoice and credit note.",
    ),
    "payments": Entry(
        "payments",
        "Payments from Bankgirot: read BgMax files, match them to invoices by OCR.",
    ),
    "population": Entry(
        "population",
        "Manage the dataset's population figures (folkmängd).",
    ),
}

# the commands that take a --lang of their own (the top-level --lang is taken out of the
# arguments for all others); a test checks this against the commands' options
OWN_LANGUAGE = frozenset({"report"})


class LazyGroup(JsonErrorsGroup):
    """The top-level group: its commands are imported and built when first asked for."""

    def list_commands(self, ctx: _click.Context) -> list[str]:
        """Every command, in the help's order, loaded or not."""
        return [*COMMANDS, *(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        """The command ``cmd_name``, imported and built now if it was not yet."""
        command = self.commands.get(cmd_name)
        if command is None and cmd_name in COMMANDS:
            command = self.commands[cmd_name] = build(cmd_name)
        return command

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        """Find the command; an unknown one gets its did-you-mean from every command's name."""
        if args and args[0] in COMMANDS:
            return super().resolve_command(ctx, args)
        with self._all_named():
            return super().resolve_command(ctx, args)

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The help, listing the commands by their summaries (none is imported for it)."""
        with self._all_named():
            super().format_help(ctx, formatter)

    def takes_own_language(self, name: str) -> bool:
        """Whether command ``name`` has a ``--lang`` of its own."""
        return name in OWN_LANGUAGE

    @contextmanager
    def _all_named(self) -> Iterator[None]:
        """Every command among ``self.commands``, those not loaded as stand-ins with their
        name and summary, while typer reads that dict itself (to list the commands in the
        help, translated there, or to suggest one for a typo)."""
        loaded = self.commands
        self.commands = {
            **{
                name: loaded.get(name) or TyperCommand(name, help=entry.summary)
                for name, entry in COMMANDS.items()
            },
            **loaded,
        }
        try:
            yield
        finally:
            self.commands = loaded


def build(name: str) -> _click.Command:
    """Import command ``name``'s module (it registers on the app) and build the command."""
    from typer.main import get_command_from_info, get_command_name, get_group_from_info

    importlib.import_module(f"norrort_cost.cli.{COMMANDS[name].module}")
    for info in app.registered_commands:
        callback = info.callback
        if (info.name or (callback and get_command_name(callback.__name__))) == name:
            return get_command_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
    for group_info in app.registered_groups:
        group = get_group_from_info(
            group_info,
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode,
            suggest_commands=app.suggest_commands,
        )
        if group.name == name:
            return group
    message = f"module norrort_cost.cli.{COMMANDS[name].module} defines no command {name!r}"
    raise LookupError(message)
