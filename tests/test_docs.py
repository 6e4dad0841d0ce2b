"""The documentation site: it builds strict, references every command, and its examples run.

Every ``console`` block in the guides and the README is executed: each ``$ norrort-cost ...``
line runs in a fresh folder per page (the page's commands share it, in order), and what the
page shows beneath it must be exactly what the command prints (refresh with
``UPDATE_GOLDEN=1``, then read the diff). A line ending in ``# exit N`` must exit with N,
every other one with 0. ``sh`` blocks in the README are run for their exit code.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app
from tests.conftest import UPDATE_GOLDEN
from tests.scb_standin import serve

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
GUIDES = [
    "sv/kom-igang.md",
    "sv/kontrollera-andel.md",
    "sv/fakturera-aret.md",
    "sv/befolkningssiffror.md",
    "sv/egen-samverkan.md",
    "sv/rapport.md",
]
BLOCK = re.compile(r"^```(console|sh)\n(.*?)^```\n", re.DOTALL | re.MULTILINE)
EXIT = re.compile(r"\s+#.*\bexit\s+(\d+)\b.*$")
PROGRAM = "norrort-cost"
SCB_API = "https://statistikdatabasen.scb.se/api/v2"
# pages whose commands a test of their own runs (fetch-scb there needs SCB's next year)
OWN_TEST = {"yearly-rhythm.md": "tests/test_yearly_rhythm.py"}


def _reference_pages() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "reference_pages", DOCS / "scripts" / "reference_pages.py"
    )
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Example:
    """One command shown in a page, and what the page says it prints."""

    command: str
    shown: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        found = EXIT.search(self.command)
        return int(found.group(1)) if found else 0

    @property
    def argv(self) -> list[str]:
        return shlex.split(EXIT.sub("", self.command), comments=True)


def _examples(block: str, kind: str) -> list[Example]:
    """The commands of a block: ``$``-prompted with their output, or bare ``sh`` lines."""
    examples: list[Example] = []
    for line in block.splitlines():
        if kind == "console" and line.startswith("$ "):
            examples.append(Example(line[2:]))
        elif kind == "console" and examples:
            examples[-1].shown.append(line)
        elif kind == "sh" and line.startswith(PROGRAM + " "):
            examples.append(Example(line))
    return examples


def _pages() -> list[Path]:
    pages = sorted(p for p in DOCS.rglob("*.md") if "scripts" not in p.parts)
    return [ROOT / "README.md", *(p for p in pages if p.name not in OWN_TEST)]


@pytest.fixture(scope="module")
def scb_api():
    """SCB's API as its recorded answers (tests/scb_standin.py): fetch-scb in a guide runs."""
    yield from serve()


def _run(example: Example, folder: Path, lang: str, api: str) -> tuple[int, list[str]]:
    argv = example.argv
    assert argv[0] == PROGRAM, f"an example runs the tool itself: {example.command}"
    env = {"LANG": lang, "COLUMNS": "80", "HOME": str(folder), "XDG_DATA_HOME": str(folder)}
    env["NORRORT_COST_SCB_API_URL"] = api
    result = CliRunner().invoke(app, argv[1:], env=env)
    output = result.output.replace(str(folder), ".").replace(api, SCB_API)
    lines = [line.rstrip() for line in output.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return result.exit_code, lines


def _check_page(page: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, api: str) -> int:
    """Run every example of ``page`` in ``folder``; rewrite the shown output when updating."""
    shutil.copytree(DOCS / "examples", folder, dirs_exist_ok=True)
    shutil.copytree(DOCS / "examples", folder / "docs" / "examples")  # as the README names them
    shutil.copytree(ROOT / "data" / "examples", folder / "data" / "examples")
    monkeypatch.chdir(folder)
    lang = "C.UTF-8" if page.name == "README.md" or "guide" in page.parts else "sv_SE.UTF-8"
    monkeypatch.setenv("LANG", lang)
    text = page.read_text(encoding="utf-8")
    count = 0
    new_blocks: dict[str, str] = {}
    for match in BLOCK.finditer(text):
        kind, body = match.group(1), match.group(2)
        rewritten: list[str] = []
        for example in _examples(body, kind):
            code, printed = _run(example, folder, lang, api)
            where = f"{page.relative_to(ROOT)}: {example.command}"
            assert code == example.exit_code, f"{where} exited {code}:\n" + "\n".join(printed)
            if kind == "console":
                rewritten += [f"$ {example.command}", *printed]
                if not UPDATE_GOLDEN:
                    assert example.shown == printed, f"{where} prints otherwise"
            count += 1
        if kind == "console" and rewritten:
            new_blocks[match.group(0)] = "```console\n" + "\n".join(rewritten) + "\n```\n"
    if UPDATE_GOLDEN:
        for old, new in new_blocks.items():
            text = text.replace(old, new, 1)
        page.write_text(text, encoding="utf-8")
    return count


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_examples_of_a_page_run_and_print_what_it_shows(page, tmp_path, monkeypatch, scb_api):
    """Each command a page shows runs with the exit code it states and prints what it shows."""
    _check_page(page, tmp_path, monkeypatch, scb_api.url())


def test_pages_with_a_test_of_their_own_have_it():
    """A page left out above is run by its own test, which exists and reads that page."""
    for page, test in OWN_TEST.items():
        assert page in (ROOT / test).read_text(encoding="utf-8")


@pytest.mark.parametrize("guide", GUIDES)
def test_each_swedish_guide_exists_in_swedish_with_examples(guide, tmp_path, monkeypatch, scb_api):
    """The guides for finance officers are Swedish pages with commands that run."""
    page = DOCS / guide
    text = page.read_text(encoding="utf-8")
    assert re.search(r"\b(och|att|för|kommun)\b", text), f"{guide} is not in Swedish"
    assert _check_page(page, tmp_path, monkeypatch, scb_api.url()) > 0, f"{guide} shows no command"


def test_every_command_has_its_reference_page():
    """The CLI reference has one generated page per command, each listed in the index."""
    module = _reference_pages()
    pages = module.pages()
    index = pages["reference/cli/index.md"]
    paths = module.command_paths()
    assert len(paths) > 15
    for path in paths:
        name = module.page_name(path)
        assert name in pages, f"no page for {path}"
        if len(path) == 1:
            assert f"({name.removeprefix('reference/cli/')})" in index


def test_generated_references_follow_the_code_tables():
    """Problem codes and exit codes on the site are exactly those of the code's tables."""
    from norrort_cost.exit_codes import EXIT_CODES
    from norrort_cost.problem_codes import CODES

    pages = _reference_pages().pages()
    rows = [line for line in pages["reference/problem-codes.md"].splitlines() if "| `" in line]
    assert [row.split("`")[1] for row in rows] == list(CODES)
    assert all(f"| {code} |" in pages["reference/exit-codes.md"] for code in EXIT_CODES)


def test_the_readme_is_short_and_keeps_its_two_commands():
    """The README is a front page (at most 150 lines) with the install and the test command."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    assert "pip install . && norrort-cost allocate --year 2014" in readme
    assert "pip install '.[test]' && pytest" in readme


def test_the_site_builds_with_warnings_as_errors(tmp_path):
    """``mkdocs build --strict`` succeeds: no broken link, no missing page, no bad reference."""
    quiet = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env={**os.environ, **quiet},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "reference" / "cli" / "allocate" / "index.html").exists()
    assert (tmp_path / "site" / "sv" / "kom-igang" / "index.html").exists()
