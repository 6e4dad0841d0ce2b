"""The language the command line speaks, chosen before anything is parsed.

``--lang`` anywhere on the command line (it is taken out of the arguments, so it works
before or after the command's name), else the locale (``LC_ALL``, ``LC_MESSAGES``,
``LANG``: ``sv_*`` is Swedish), else English. The top-level group
(:class:`~norrort_cost.cli.localized.LocalizedGroup`) chooses it with
:func:`take_language`; a command with a ``--lang`` of its own (``report``) reads the
choice with :func:`chosen_language`.
"""

from __future__ import annotations

import os

import typer

from norrort_cost.problems import said
from norrort_cost.rendering.i18n import LANGUAGES, language_from, use

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
