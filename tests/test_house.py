"""The house rules that a reader of the source can see: one way to say a problem, small
modules.

Read from the source with ``ast`` and line counts (nothing is imported), so a rule broken
anywhere under ``src/`` fails here, whoever breaks it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "norrort_cost"
# the one module that builds a Problem record: the factory problem() and the record itself
FACTORY = PACKAGE / "problems.py"
MAX_LINES = 300


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _hand_built(source: str) -> list[int]:
    """The lines of ``source`` that call ``Problem(...)`` (by name or as an attribute)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "Problem":
                found.append(node.lineno)
    return sorted(found)


def test_a_problem_is_built_only_by_the_factory():
    """Every problem in the source is made by problem("code", ...) keyed by the code table:
    a hand-built Problem(...) anywhere but problems.py is refused, with its place."""
    hand_built = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in _modules()
        if path != FACTORY
        for line in _hand_built(path.read_text(encoding="utf-8"))
    ]
    assert hand_built == []


def test_the_hand_built_check_sees_both_spellings():
    """The check finds Problem(...) called by name and through a module, and not a mere
    mention of the name (a type hint, an import)."""
    source = (
        "from norrort_cost.problems import Problem\n"
        "def f() -> Problem:\n"
        "    return Problem(file='a', code='x', message='m')\n"
        "g = problems.Problem(file='a', code='x', message='m')\n"
    )
    assert _hand_built(source) == [3, 4]


def _f_string_messages(source: str) -> list[int]:
    """The lines of ``source`` that give an f-string as the text of a problem or a usage
    error: a template of said(), the message or hint of problem() (the factory, or a field
    parser's), of UsageError, DataError or AmountError (a refused amount)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "problem" and isinstance(func, ast.Name):
            texts = node.args[1:]  # problem(code, message, ...): the code may be computed
        elif name in {"said", "UsageError", "DataError", "AmountError"}:
            texts = node.args
        else:
            continue
        texts = [*texts, *(k.value for k in node.keywords if k.arg in {"message", "hint"})]
        if any(isinstance(text, ast.JoinedStr) for text in texts):
            found.append(node.lineno)
    return sorted(found)


def test_no_message_for_people_is_an_f_string():
    """A message or hint people read is said("{name} ...", name=...) so the catalog can
    say it in Swedish: an f-string handed to said(), problem() or UsageError is refused."""
    f_strings = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in _modules()
        for line in _f_string_messages(path.read_text(encoding="utf-8"))
    ]
    assert f_strings == []


def test_the_f_string_check_sees_messages_and_hints():
    """The check finds an f-string as a problem's message, as its hint, as a usage error's
    and as a refused amount's message, but not a said() template or an f-string in a column."""
    source = (
        "problem('a-code', f'{x} is wrong', file='a')\n"
        "problem('a-code', 'fixed', file='a', hint=f'try {y}')\n"
        "raise UsageError(f'no {year}')\n"
        "problem('a-code', said('{x} is wrong', x=x), file='a', column=f'{a}-{b}')\n"
        "reader.problem(1, f'{a}-{b}', value, 'a-code', 'fixed')\n"
        "raise AmountError('invalid-amount', f'{value!r} is not an amount', 'x')\n"
    )
    assert _f_string_messages(source) == [1, 2, 3, 6]


def test_no_module_is_over_300_lines():
    """Modules stay small (CONTRIBUTING: under about 300 lines): any module of src/ over
    300 lines fails."""
    too_long = {
        str(path.relative_to(PACKAGE)): lines
        for path in _modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}
