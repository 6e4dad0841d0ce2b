"""A Swedish interface: --lang sv|en or the locale; machine output the same in both."""

from __future__ import annotations

import inspect
import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from typer.main import get_command
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.cli.localized import translated
from norrort_cost.cli.typer_words import TYPER_WORDS
from norrort_cost.rendering.i18n import LOCALE_DIR, compiled, language_from, use
from norrort_cost.rendering.layout import unbroken
from norrort_cost.rendering.vocabulary import TIE_BREAKS

runner = CliRunner()
PO = LOCALE_DIR / "sv" / "LC_MESSAGES" / "norrort_cost.po"
SRC = LOCALE_DIR.parent

MACHINE = [
    ["allocate", "--year", "2014", "--format", "json"],
    ["allocate", "--year", "2014", "--format", "csv"],
    ["allocate", "--years", "2014-2015", "--by-pool", "--format", "json"],
    ["explain", "--year", "2014", "-m", "Ekerö", "--format", "json"],
    ["check", "--year", "2014", "-m", "Ekerö", "--claimed", "ca 24.300 tkr", "--format", "json"],
    ["compare", "--from", "2013", "--to", "2014", "--format", "csv"],
    ["whatif", "--year", "2014", "--without", "Ekerö", "--format", "json"],
    ["allocate", "--year", "1999", "--format", "json"],
    ["check", "--year", "2014", "-m", "Nowhere", "--claimed", "1 kr", "--format", "json"],
]


def _catalog() -> dict[str, str]:
    with PO.open("rb") as stream:
        return {m.id: m.string for m in read_po(stream) if m.id and isinstance(m.id, str)}


def test_the_shipped_mo_is_compiled_from_the_po():
    """The .mo beside the .po is exactly what Babel compiles from it (refresh:
    ``python -m norrort_cost.rendering.i18n``)."""
    assert PO.with_suffix(".mo").read_bytes() == compiled(PO)


def test_every_text_marked_for_translation_has_a_swedish_one():
    """Each literal in _("..."), tr("...") and said("...") in the source has a Swedish text."""
    catalog = _catalog()
    marked = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            SRC, method_map=[("**.py", "python")], keywords={"_": None, "tr": None, "said": None}
        )
        if isinstance(message, str)
    }
    missing = sorted(m for m in marked if not catalog.get(m))
    assert not missing


def test_every_problem_template_has_a_swedish_one():
    """A template given to the problem factory, problem("code", "{name} is empty", ...), has
    a Swedish text, as a said() one has (a fixed sentence falls back to its code's title)."""
    catalog = _catalog()
    templates = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            SRC, method_map=[("**.py", "python")], keywords={"problem": (2,)}
        )
        if isinstance(message, str) and "{" in message
    }
    assert len(templates) > 20  # the factory's calls are found at all
    assert not sorted(t for t in templates if not catalog.get(t))


def _help_texts(command, ctx):
    yield command.help
    for param in command.get_params(ctx):
        yield getattr(param, "help", None)
    # a group's commands, each loaded when asked for (the top-level group loads lazily)
    for name in command.list_commands(ctx) if hasattr(command, "list_commands") else []:
        sub = command.get_command(ctx, name)
        yield from _help_texts(sub, type(ctx)(sub, parent=ctx, info_name=sub.name))


def test_every_help_text_has_a_swedish_one():
    """Every command's and option's help is in the catalog, so --lang sv --help is Swedish."""
    root = get_command(app)
    catalog = _catalog()
    ctx_class = type(root.make_context("norrort-cost", ["--help"], resilient_parsing=True))
    texts = {inspect.cleandoc(t) for t in _help_texts(root, ctx_class(root)) if t}
    assert not sorted(t for t in texts if not catalog.get(t))
    assert all(catalog.get(w) for w in (*TYPER_WORDS.values(), *TIE_BREAKS.values()))


@pytest.mark.parametrize("args", MACHINE, ids=lambda a: " ".join(a[:2]))
def test_machine_output_and_exit_code_are_the_same_in_both_languages(args):
    """JSON, default CSV, errors as JSON and exit codes do not depend on the language."""
    english = runner.invoke(app, [*args, "--lang", "en"])
    swedish = runner.invoke(app, [*args, "--lang", "sv"])
    assert english.exit_code == swedish.exit_code
    assert english.stdout == swedish.stdout
    assert english.stderr == swedish.stderr


def test_a_swedish_locale_gives_a_swedish_table():
    """LANG=sv_SE.UTF-8: Swedish headings, status words and notice; numbers unchanged."""
    result = runner.invoke(app, ["allocate", "--year", "2014"], env={"LANG": "sv_SE.UTF-8"})
    assert result.exit_code == 0
    out = result.stdout
    for word in ("Kommunkod", "Kommun", "Invånare", "Belopp (kr)", "Summa", "ILLUSTRATIV BUDGET"):
        assert word in out
    assert unbroken("24 291,03") in out
    assert "Amount" not in out


def test_lang_en_wins_over_a_swedish_locale_anywhere_on_the_line():
    """--lang en before or after the command overrides LANG=sv_SE."""
    env = {"LANG": "sv_SE.UTF-8"}
    after = runner.invoke(app, ["allocate", "--year", "2014", "--lang", "en"], env=env)
    before = runner.invoke(app, ["--lang=en", "allocate", "--year", "2014"], env=env)
    assert "Amount (kr)" in after.stdout
    assert after.stdout == before.stdout


def test_one_vocabulary_across_commands():
    """The same column has the same name in allocate, compare and whatif (Kommunkod, Kommun)."""
    headers = []
    for args in (
        ["allocate", "--year", "2014"],
        ["compare", "--from", "2013", "--to", "2014"],
        ["whatif", "--year", "2014", "--without", "Ekerö"],
    ):
        out = runner.invoke(app, [*args, "--lang", "sv"], env={"COLUMNS": "200"}).stdout
        headers.append(next(line for line in out.splitlines() if "Kommunkod" in line))
    assert all("Kommun " in line and "Kod " not in line for line in headers)


def test_whatif_names_the_member_left_out_in_swedish():
    """whatif --without Ekerö: titled 'utan Ekerö', Ekerö is 'utelämnad' (not 'gick ur')."""
    out = runner.invoke(app, ["whatif", "-y", "2014", "--without", "Ekerö", "--lang", "sv"]).stdout
    assert "tänk om: utan Ekerö" in out
    ekero = next(line for line in out.splitlines() if "Ekerö" in line and "0125" in line)
    assert "utelämnad" in ekero


def test_swedish_help():
    """--lang sv --help: the command's description, options and typer's own words in Swedish."""
    result = runner.invoke(app, ["allocate", "--help", "--lang", "sv"], env={"COLUMNS": "100"})
    assert "Fördela ett års budget" in result.stdout
    assert "Flaggor" in result.stdout
    assert "Budgetår" in result.stdout


def test_an_unknown_language_is_a_usage_error():
    """--lang de exits 2 and says which languages there are."""
    result = runner.invoke(app, ["allocate", "--year", "2014", "--lang", "de"])
    assert result.exit_code == 2
    assert "sv, en" in result.output or "en, sv" in result.output


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        ([], {"LANG": "sv_SE.UTF-8"}, "sv"),
        ([], {"LC_ALL": "en_GB.UTF-8", "LANG": "sv_SE.UTF-8"}, "en"),
        ([], {"LC_MESSAGES": "sv_FI.UTF-8"}, "sv"),
        ([], {}, "en"),
        (["--lang", "sv"], {"LANG": "C"}, "sv"),
        (["--lang=en"], {"LANG": "sv_SE"}, "en"),
    ],
)
def test_the_language_comes_from_the_flag_then_the_locale(argv, environ, expected):
    """--lang first, then LC_ALL, LC_MESSAGES, LANG (sv_* is Swedish), else English."""
    assert language_from(argv, environ) == expected


def test_untranslated_text_is_shown_as_written():
    """A help text missing from the catalog is shown in English rather than lost."""
    use("sv")
    assert translated("A text nobody translated.") == "A text nobody translated."
    assert translated("Show this message and exit.") == "Visa denna hjälp och avsluta."


def test_a_command_with_its_own_lang_still_gets_it(tmp_path):
    """report has a --lang of its own: after the command it reaches report (English page)."""
    page = tmp_path / "r.html"
    args = ["report", "-y", "2014", "-o", str(page), "--date", "2014-05-01", "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert '<html lang="en"' in page.read_text(encoding="utf-8")


def test_fixed_messages_and_hints_are_swedish_and_json_errors_english():
    """A usage error reads 'fel: inget budgetår angivet' in Swedish; as JSON it stays English."""
    swedish = runner.invoke(app, ["allocate", "--lang", "sv"])
    assert swedish.exit_code == 2
    assert "fel: inget budgetår angivet" in swedish.stderr
    assert "tips: lägg till --year 2014" in swedish.stderr
    machine = runner.invoke(app, ["allocate", "--lang", "sv", "--format", "json"])
    assert '"error": "no budget year given"' in machine.stderr


@pytest.mark.parametrize(
    ("args", "env", "lang"),
    [
        (["--lang", "en", "report"], {"LANG": "sv_SE.UTF-8"}, "en"),
        (["report"], {"LANG": "en_US.UTF-8"}, "sv"),
        (["--lang=en", "report", "--lang", "sv"], {}, "sv"),
        (["report", "--lang", "en"], {"LANG": "sv_SE.UTF-8"}, "en"),
    ],
)
def test_the_report_follows_lang_anywhere_and_is_swedish_without_it(tmp_path, args, env, lang):
    """--lang before the command reaches the report; without --lang it is Swedish (issue 12)."""
    page = tmp_path / "r.html"
    rest = ["-y", "2014", "-o", str(page), "--date", "2014-05-01"]
    command = args.index("report") + 1
    result = runner.invoke(app, [*args[:command], *rest, *args[command:]], env=env)
    assert result.exit_code == 0, result.output
    assert f'<html lang="{lang}"' in page.read_text(encoding="utf-8")


def test_an_scb_import_is_reported_in_swedish(tmp_path):
    """import-scb --dry-run with LANG=sv_SE: how the export was read and the counts, in Swedish."""
    export = tmp_path / "export.csv"
    export.write_text('"region","2017"\n"0125 Ekerö","27 000"\n', encoding="utf-8")
    data = tmp_path / "data"
    assert runner.invoke(app, ["dataset", "init", str(data)]).exit_code == 0
    args = ["population", "import-scb", str(export), "--data-dir", str(data), "--dry-run"]
    result = runner.invoke(app, args, env={"LANG": "sv_SE.UTF-8", "COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "läste export.csv" in out
    assert "en kolumn per period" in out
    assert "referensdatum: 2017-12-31 (slutet av 2017)" in out
    assert "provkörning: inget skrivet" in out
    assert "read " not in out


def test_no_text_is_in_the_catalog_twice():
    """Each English text has one Swedish entry: branches merged by union must not leave two
    (the compiled catalog would silently keep only one of them)."""
    text = (LOCALE_DIR / "sv" / "LC_MESSAGES" / "norrort_cost.po").read_text(encoding="utf-8")
    found = re.findall(r'^msgid ((?:".*"\n)+)(?:msgid_plural|msgstr)', text, re.MULTILINE)
    # one text however its lines are wrapped: 'msgid ""' and continued lines join up
    ids = ["".join(re.findall(r'^"(.*)"$', lines, re.MULTILINE)) for lines in found]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    assert repeated == []


def test_every_entry_of_the_catalog_stands_apart():
    """Entries are separated by a blank line (or a comment): an entry run into the one
    before it is read as part of it by gettext's tools."""
    text = (LOCALE_DIR / "sv" / "LC_MESSAGES" / "norrort_cost.po").read_text(encoding="utf-8")
    run_in = re.findall(r'^msgstr .*\n(?:".*"\n)*msgid ', text, re.MULTILINE)
    assert run_in == []
