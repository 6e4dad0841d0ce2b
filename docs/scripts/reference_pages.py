"""The reference pages generated from the code, so that they cannot drift from it.

``pages()`` returns ``{path: markdown}``: one page per command of the command line (its
options read from the CLI itself), the exit codes and problem codes (from their tables in
the package), the JSON records (fields read from the commands' real output on the embedded
dataset) and the data sources (from the shipped dataset). ``gen_reference.py`` writes them
into the site when MkDocs builds it; ``tests/test_docs.py`` calls the same function.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import typer.main
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.exit_codes import EXIT_CODES
from norrort_cost.loading.dataset import default_data_dir
from norrort_cost.problem_codes import CODES

PROGRAM = "norrort-cost"
ROOT = Path(__file__).resolve().parents[2]


def _commands() -> list[tuple[list[str], Any]]:
    """Every command and group of the CLI, depth first, with its path of names."""
    found: list[tuple[list[str], Any]] = []

    def walk(command: Any, path: list[str]) -> None:  # noqa: ANN401 - typer's click command
        found.append((path, command))
        for name, sub in sorted(_subcommands(command).items()):
            if not getattr(sub, "hidden", False):
                walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


def _subcommands(command: Any) -> dict[str, Any]:  # noqa: ANN401 - typer's click command
    """A group's commands by name, each loaded (the top-level group loads them when asked)."""
    if not hasattr(command, "list_commands"):
        return {}
    context = command.context_class(command)
    return {name: command.get_command(context, name) for name in command.list_commands(context)}


def page_name(path: list[str]) -> str:
    """The file of a command's page: ``reference/cli/register-list.md``."""
    return "reference/cli/" + ("-".join(path) or "index") + ".md"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _option_rows(command: Any) -> list[str]:  # noqa: ANN401 - typer's click command
    rows = []
    for param in command.params:
        if getattr(param, "hidden", False):
            continue
        names = ", ".join(f"`{name}`" for name in [*param.opts, *param.secondary_opts])
        choices = getattr(getattr(param, "type", None), "choices", None)
        value = (
            "|".join(str(getattr(c, "value", c)) for c in choices)
            if choices
            else (param.metavar or "")
        )
        if getattr(param, "is_flag", False):
            value = ""
        kind = "argument" if param.param_type_name == "argument" else ""
        default = param.default
        shown = "" if default in (None, False, (), []) or callable(default) else f"`{default}`"
        help_text = getattr(param, "help", None) or ""
        rows.append(
            f"| {names} {kind} | {_cell(value) and '`' + _cell(value) + '`'} | {shown} "
            f"| {_cell(help_text)} |"
        )
    return rows


def command_page(path: list[str], command: Any) -> str:  # noqa: ANN401 - a click command
    """One command's reference page: what it does, its usage, every option."""
    title = " ".join([PROGRAM, *path])
    lines = [f"# `{title}`", ""]
    for paragraph in (command.help or "").strip().split("\n\n"):
        if paragraph.startswith("Example: "):
            lines += ["Example:", "", "```sh", paragraph.removeprefix("Example: "), "```", ""]
        else:
            lines += [paragraph, ""]
    sub = _subcommands(command)
    if sub:
        lines += ["| command | what it does |", "|---|---|"]
        for name in sorted(sub):
            if getattr(sub[name], "hidden", False):
                continue
            first = (sub[name].help or "").strip().split("\n\n")[0]
            target = page_name([*path, name]).removeprefix("reference/cli/")
            lines.append(f"| [`{' '.join([*path, name])}`]({target}) | {_cell(first)} |")
        lines.append("")
    rows = _option_rows(command)
    if rows:
        lines += ["## Options", "", "| option | value | default | meaning |", "|---|---|---|---|"]
        lines += [*rows, ""]
    lines += [
        "This page is generated from the command line itself; `" + title + " --help` "
        "shows the same in the terminal (in Swedish with `--lang sv`).",
        "",
    ]
    return "\n".join(lines)


def exit_codes_page() -> str:
    """The exit codes, from ``norrort_cost.exit_codes``."""
    rows = [f"| {code} | {_cell(meaning)} |" for code, meaning in sorted(EXIT_CODES.items())]
    return "\n".join(
        [
            "# Exit codes",
            "",
            (
                "Every command exits with one of these codes; scripts may rely on them "
                "(generated from `norrort_cost.exit_codes`)."
            ),
            "",
            "| code | meaning |",
            "|--:|---|",
            *rows,
            "",
            (
                "Problems go to stderr, as a list for people or as JSON "
                '(`{"problems": [...]}`) with `--format json`; nothing is written to stdout or '
                "to `--output` when there are problems."
            ),
            "",
        ]
    )


def problem_codes_page() -> str:
    """Every problem code with its title and general hint, from the code table."""
    rows = [f"| `{code}` | {_cell(c.title)} | {_cell(c.hint)} |" for code, c in CODES.items()]
    return "\n".join(
        [
            "# Problem codes",
            "",
            (
                "Every problem the tool reports has a stable `code` (kebab-case) that scripts "
                "may match on; the problem itself carries its file, line, column, value and "
                "usually a hint for its own case. This table is generated from "
                "`norrort_cost.problem_codes.CODES`."
            ),
            "",
            "| code | what | general hint |",
            "|---|---|---|",
            *rows,
            "",
        ]
    )


JSON_COMMANDS: dict[str, list[str]] = {
    "allocate": ["allocate", "--year", "2014", "--format", "json"],
    "explain": ["explain", "--year", "2014", "-m", "Ekerö", "--format", "json"],
    "check": ["check", "--year", "2014", "-m", "Ekerö", "--claimed", "24 300 kr", "-f", "json"],
    "compare": ["compare", "--from", "2013", "--to", "2014", "--format", "json"],
    "whatif": ["whatif", "--year", "2014", "--without", "Ekerö", "--format", "json"],
    "validate": ["validate", "--format", "json"],
}


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    return "array" if isinstance(value, list) else "object"


def _fields(value: object, prefix: str, out: dict[str, tuple[set[str], str]]) -> None:
    kind = _json_type(value)
    if prefix:
        types, example = out.get(prefix, (set(), ""))
        types.add(kind)
        if not example and kind in {"string", "integer", "boolean"}:
            example = json.dumps(value, ensure_ascii=False)[:40]
        out[prefix] = (types, example)
    if isinstance(value, dict):
        for key, item in value.items():
            _fields(item, f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(value, list):
        for item in value:
            _fields(item, f"{prefix}[]", out)


def json_page() -> str:
    """The fields of each command's JSON record, read from its real output."""
    runner = CliRunner()
    lines = [
        "# JSON records",
        "",
        (
            "With `--format json` each command prints one JSON record on stdout. Amounts are "
            'kronor as decimal strings (`"857000.00"`) beside integer öre (`*_ore`); exact '
            "rationals are fixed-point strings; never a float. The fields below are read from "
            "each command's real output on the embedded dataset when this site is built, so "
            "they cannot drift from the code; `schema` and `version` name each record's "
            "layout where it has one."
        ),
        "",
    ]
    for name, args in JSON_COMMANDS.items():
        result = runner.invoke(app, [*args, "--lang", "en"], env={"COLUMNS": "100"})
        record = json.loads(result.stdout)
        fields: dict[str, tuple[set[str], str]] = {}
        _fields(record, "", fields)
        lines += [
            f"## `{name}`",
            "",
            f"`{PROGRAM} {' '.join(args)}`",
            "",
            "| field | type | example |",
            "|---|---|---|",
        ]
        for path, (types, example) in fields.items():
            shown = f"`{_cell(example)}`" if example else ""
            lines.append(f"| `{path}` | {' or '.join(sorted(types))} | {shown} |")
        lines.append("")
    return "\n".join(lines)


def data_sources_page() -> str:
    """The embedded dataset's sources: its README and every population source with years."""
    data = default_data_dir()
    readme = (data / "README.md").read_text(encoding="utf-8")
    years: dict[str, list[str]] = defaultdict(list)
    with (data / "population.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            date = row["reference_date"]
            if date not in years[row.get("source") or "(no source given)"]:
                years[row.get("source") or "(no source given)"].append(date)
    rows = [f"| {_cell(source)} | {', '.join(sorted(dates))} |" for source, dates in years.items()]
    body = readme.replace("# The embedded dataset", "# Data sources: the embedded dataset", 1)
    return "\n".join(
        [
            body.rstrip(),
            "",
            "## Population figures by source",
            "",
            "Read from the shipped `population.csv` when this site is built.",
            "",
            "| source | reference dates |",
            "|---|---|",
            *rows,
            "",
        ]
    )


def api_page() -> str:
    """The public Python API: every name ``norrort_cost`` exports, from its docstrings."""
    import norrort_cost

    lines = [
        "# Python API",
        "",
        (
            "The public names are the ones `norrort_cost` exports (`norrort_cost.__all__`); this "
            "page is generated from their docstrings. Everything else is internal and may change."
        ),
        "",
        "::: norrort_cost",
        "    options:",
        "      members: false",
        "      show_root_heading: false",
        "",
    ]
    for name, module in norrort_cost._EXPORTS.items():  # the package's export table
        lines += [f"::: {module}.{name}", ""]
    return "\n".join(lines)


def pages() -> dict[str, str]:
    """Every generated page, by its path in the site."""
    generated = {page_name(path): command_page(path, cmd) for path, cmd in _commands()}
    generated["reference/api.md"] = api_page()
    generated["reference/exit-codes.md"] = exit_codes_page()
    generated["reference/problem-codes.md"] = problem_codes_page()
    generated["reference/json.md"] = json_page()
    generated["reference/data-sources.md"] = data_sources_page()
    generated["changelog.md"] = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    return generated


def command_paths() -> list[list[str]]:
    """The path of every command and group (``[]`` is the program itself)."""
    return [path for path, _ in _commands()]
