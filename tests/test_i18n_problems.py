"""Problems and usage errors in the reader's language; their JSON the same in both."""

from __future__ import annotations

from babel.messages.pofile import read_po
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.problem_codes import CODES
from norrort_cost.problems import Problem, said
from norrort_cost.rendering.i18n import LOCALE_DIR, problem_words, use
from tests.test_invalid_corpus import build

runner = CliRunner()
PO = LOCALE_DIR / "sv" / "LC_MESSAGES" / "norrort_cost.po"


def test_every_problem_code_has_a_swedish_title_and_hint():
    """Each code of the table can be named and advised on in Swedish."""
    with PO.open("rb") as stream:
        catalog = {m.id: m.string for m in read_po(stream) if isinstance(m.id, str)}
    missing = [
        c for c, (title, hint) in CODES.items() if not (catalog.get(title) and catalog.get(hint))
    ]
    assert not missing


def test_a_message_made_from_values_is_said_in_swedish_and_stays_english_as_data():
    """said() keeps the template: Swedish with the same values, English in as_dict()."""
    problem = Problem(
        file="population.csv",
        line=1,
        code="missing-header",
        message=said("column {column!r} is missing", column="inhabitants"),
    )
    use("sv")
    try:
        assert problem_words(problem)[0] == "kolumnen 'inhabitants' saknas"
    finally:
        use("en")
    assert problem.as_dict()["message"] == "column 'inhabitants' is missing"
    assert type(problem.as_dict()["message"]) is str


def test_a_message_without_template_becomes_the_swedish_title_of_its_code():
    """A message the catalog cannot say is shown as its code's title, its hint the code's."""
    problem = Problem(file="b.csv", code="invalid-amount", message="'15 000 kr': unit", hint="x y")
    use("sv")
    try:
        assert problem_words(problem) == ("Inte ett belopp", "skriv kronor, t.ex. 1 234,50")
    finally:
        use("en")


def test_a_bad_dataset_is_reported_in_swedish_and_identically_as_json(tmp_path):
    """A misspelled column: exit 1, located, in Swedish; the JSON report the same in both."""
    data, _spec = build("misspelled-header", tmp_path / "data")
    args = ["allocate", "--year", "2014", "--data-dir", str(data)]
    swedish = runner.invoke(app, args, env={"LANG": "sv_SE.UTF-8"})
    assert swedish.exit_code == 1
    assert "population.csv:1 [inhabitans]: fel [unknown-header] okänd kolumn" in swedish.stderr
    assert "kolumnen 'inhabitants' saknas" in swedish.stderr
    assert "tips: rubrikraden måste innehålla: 'kommunkod'" in swedish.stderr
    assert "2 fel, 0 varningar" in swedish.stderr
    machine = [
        runner.invoke(app, [*args, "--format", "json", "--lang", lang]) for lang in ["sv", "en"]
    ]
    assert machine[0].stderr == machine[1].stderr
    assert '"message": "column \'inhabitants\' is missing"' in machine[0].stderr


def test_usage_errors_are_in_swedish():
    """An unknown municipality and a year without budget: exit 2, said in Swedish."""
    unknown = runner.invoke(app, ["explain", "-y", "2014", "-m", "Ekero", "--lang", "sv"])
    assert unknown.exit_code == 2
    assert "fel: ingen kommun 'Ekero' i datamängden" in unknown.stderr
    assert "tips: menade du Ekerö?" in unknown.stderr
    no_budget = runner.invoke(app, ["allocate", "-y", "1999"], env={"LANG": "sv_SE.UTF-8"})
    assert no_budget.exit_code == 2
    assert "fel: det finns ingen budget för 1999" in no_budget.stderr
    assert "tips: år med budget: 2013, 2014" in no_budget.stderr


def test_click_usage_errors_are_in_swedish():
    """A missing option, an unknown option and an unknown command: exit 2, said in Swedish."""
    env = {"LANG": "sv_SE.UTF-8", "COLUMNS": "120"}
    missing = runner.invoke(app, ["explain", "--year", "2014"], env=env)
    assert missing.exit_code == 2
    assert "Flaggan '--municipality' / '-m' saknas." in missing.stderr
    assert "Skriv 'norrort-cost explain --help' för hjälp." in missing.stderr
    bogus = runner.invoke(app, ["allocate", "--year", "2014", "--bogus"], env=env)
    assert "Okänd flagga: --bogus" in bogus.stderr
    typo = runner.invoke(app, ["allocat"], env=env)
    assert typo.exit_code == 2
    assert "Okänt kommando 'allocat'. Menade du 'allocate'?" in typo.stderr
    english = runner.invoke(app, ["explain", "--year", "2014", "--lang", "en"], env=env)
    assert "Missing option '--municipality' / '-m'." in english.stderr


def test_a_field_problem_keeps_its_values_in_swedish(tmp_path):
    """A kommunkod that lost its zero (a field parser's problem, through pydantic): said in
    Swedish with its value and the corrected code; its JSON the same in both languages."""
    data, _spec = build("lost-leading-zero", tmp_path / "data")
    args = ["validate", "--data-dir", str(data)]
    swedish = runner.invoke(app, [*args, "--lang", "sv"], env={"COLUMNS": "200"})
    assert swedish.exit_code == 1
    assert (
        "population.csv:47 [kommunkod]: fel [kommunkod-lost-zero] kommunkoden '114' har tre siffror"
        in swedish.stdout
    )
    assert (
        "tips: ett kalkylprogram har troligen tagit bort den inledande nollan: skriv 0114"
        in swedish.stdout
    )
    machine = [
        runner.invoke(app, [*args, "--format", "json", "--lang", lang]) for lang in ["sv", "en"]
    ]
    assert machine[0].stdout == machine[1].stdout
    assert "kommunkod '114' has three digits" in machine[0].stdout


def test_every_swedish_template_uses_only_the_english_ones_values():
    """A Swedish text names no value its English template lacks (it would fail when shown)."""
    from string import Formatter

    def fields(text):
        return {name for _lit, name, _spec, _conv in Formatter().parse(text) if name}

    with PO.open("rb") as stream:
        entries = [(m.id, m.string) for m in read_po(stream) if isinstance(m.id, str) and m.id]
    wrong = [english for english, swedish in entries if not fields(swedish) <= fields(english)]
    assert not wrong
