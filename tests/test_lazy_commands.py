"""Commands loaded when used: a run imports only its own command, and the help's list of
commands, made without importing any, says what each command's own help says."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from norrort_cost.cli.lazy import COMMANDS, OWN_LANGUAGE, build
from norrort_cost.cli.localized import reflowed, translated
from norrort_cost.rendering import i18n


@pytest.mark.parametrize("language", ["en", "sv"])
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_listed_summary_is_the_commands_own_first_paragraph(name: str, language: str):
    """In both languages, the summary the top-level help lists for a command is the first
    paragraph of that command's own help."""
    command = build(name)
    i18n.use(language)
    try:
        own = (reflowed(translated(command.help)) or "").split("\n\n")[0]
        listed = translated(COMMANDS[name].summary)
    finally:
        i18n.use("en")
    assert listed == own


def test_the_commands_with_their_own_language_option_are_known():
    """The commands that take a --lang of their own are exactly those the table names (the
    top-level --lang is left to them)."""
    own = {
        name
        for name in COMMANDS
        if any("--lang" in getattr(p, "opts", ()) for p in build(name).params)
    }
    assert own == OWN_LANGUAGE


def test_a_run_imports_only_the_command_it_runs():
    """`allocate` imports no other command's module, and `--help` imports none."""
    probe = (
        "import sys\n"
        "from norrort_cost.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "loaded = sorted(m.rsplit('.', 1)[1] for m in sys.modules\n"
        "                if m.startswith('norrort_cost.cli.'))\n"
        "sys.stderr.write(' '.join(loaded))\n"
    )
    modules = {entry.module for entry in COMMANDS.values()}

    def loaded(*args: str) -> set[str]:
        done = subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True
        )
        return set(done.stderr.split()) & modules

    assert loaded("allocate", "--year", "2014", "--format", "json") == {"allocate"}
    assert loaded("--help") == set()
    assert loaded("register", "list", "--help") == {"registry"}


def test_no_module_but_the_table_imports_a_commands_module():
    """Only the table of commands (cli/lazy.py) imports a command's module: no other command
    and no shared helper does, in any form (``from norrort_cost.cli import registry``,
    relative, ``import_module``), which would load and register that command too."""
    from tests.test_layers import GRAPH

    commands = {f"norrort_cost.cli.{entry.module}" for entry in COMMANDS.values()}
    crossing = {
        (module, target)
        for module, targets in GRAPH.items()
        if module != "norrort_cost.cli.lazy"
        for target in targets & commands
        if target != module
    }
    assert crossing == set()


def test_the_swedish_help_lists_the_commands_in_swedish():
    """`--lang sv --help`, in a fresh process (no command loaded), lists every command by
    its Swedish summary: the list is made without importing the commands, so it must be
    translated where it is made."""
    done = subprocess.run(
        [sys.executable, "-m", "norrort_cost", "--lang", "sv", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    i18n.use("sv")
    try:
        swedish = {name: translated(entry.summary) for name, entry in COMMANDS.items()}
    finally:
        i18n.use("en")
    for name, summary in swedish.items():
        assert summary != COMMANDS[name].summary, name  # the catalog has it
        assert summary in done.stdout, name


@pytest.mark.parametrize(
    ("args", "lang", "said"),
    [
        (["allocat"], "C.UTF-8", "Did you mean 'allocate'?"),
        (["allocat"], "sv_SE.UTF-8", "Menade du 'allocate'?"),
        (["regster", "list"], "C.UTF-8", "Did you mean 'register'?"),
        (["allocat", "--format", "json"], "C.UTF-8", "Did you mean 'allocate'?"),
    ],
)
def test_a_mistyped_command_gets_its_did_you_mean_in_a_fresh_process(
    args: list[str], lang: str, said: str
):
    """A mistyped command, the first thing a fresh process meets (no command loaded yet), is
    refused with exit 2 and the names it may have meant, in the reader's language and in
    the JSON error record."""
    done = subprocess.run(
        [sys.executable, "-m", "norrort_cost", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "LANG": lang, "LC_ALL": "", "COLUMNS": "200"},
    )
    assert done.returncode == 2
    assert said in done.stderr
