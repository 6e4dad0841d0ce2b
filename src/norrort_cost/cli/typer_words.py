"""typer's and click's own words in the reader's language, for the help and for errors.

The placeholders of values (``YEAR`` -> ``ÅR``, ``FILE...`` -> ``FIL...``) and the words
typer draws around the help and an error (panel titles, ``[default: ...]``, "Try ... for
help"). typer reads its words from module constants of ``typer.rich_utils`` when it draws,
so :func:`use_typer_words` sets them to the current language just before; typer is pinned
to one minor version in pyproject, so the names cannot move unnoticed (the help golden
files would notice).
"""

from __future__ import annotations

from norrort_cost.rendering.i18n import _

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


# typer's own words in the help (panel titles, default, required) and in an error's panel
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


def use_typer_words() -> None:
    """Set typer's words in the help and error panels to the current language."""
    from typer import rich_utils

    for name, text in TYPER_WORDS.items():
        setattr(rich_utils, name, _(text))
