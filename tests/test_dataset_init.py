"""`dataset init`: an editable copy of the embedded data; the 2020 figures allocate 2021."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from norrort_cost import load_dataset
from norrort_cost.cli import app
from norrort_cost.loading import default_data_dir

runner = CliRunner()
SCB = Path(__file__).parent / "data" / "scb"


def cli(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def test_init_copies_the_embedded_dataset_byte_for_byte(tmp_path: Path) -> None:
    """The copy is the embedded data, sources included; it loads and allocates like it."""
    code, out = cli("dataset", "init", tmp_path / "mine")
    assert code == 0, out
    for name in ("cooperation.toml", "municipalities.csv", "population.csv", "budget.csv"):
        assert (tmp_path / "mine" / name).read_bytes() == (default_data_dir() / name).read_bytes()
    assert "validate --data-dir" in out
    assert load_dataset(tmp_path / "mine").population == load_dataset().population


def test_init_never_overwrites(tmp_path: Path) -> None:
    """A directory that already holds dataset files is refused (exit 2), files untouched."""
    target = tmp_path / "mine"
    target.mkdir()
    (target / "budget.csv").write_text("mine\n")
    code, out = cli("dataset", "init", target)
    assert code == 2
    assert "already holds budget.csv" in out
    assert (target / "budget.csv").read_text() == "mine\n"


def test_init_empty_writes_a_skeleton_to_fill_in(tmp_path: Path) -> None:
    """--empty: headers only, optional municipality columns included; validate names each
    file still to fill in (and nothing else: the settings file is valid as written)."""
    code, _ = cli("dataset", "init", tmp_path / "new", "--empty")
    assert code == 0
    header = (tmp_path / "new" / "municipalities.csv").read_text().splitlines()
    assert header[0].split(",") == [
        "kommunkod",
        "name",
        "organisationsnummer",
        "official_name",
        "street_address",
        "postal_code",
        "city",
        "peppol_id",
        "buyer_reference",
    ]
    assert len(header) == 1
    code, out = cli("validate", "--data-dir", tmp_path / "new", "--format", "json")
    assert code == 1
    import json

    problems = json.loads(out[out.index("{") :])["problems"]
    assert sorted((p["file"], p["code"]) for p in problems) == [
        ("budget.csv", "no-rows"),
        ("memberships.csv", "no-rows"),
        ("municipalities.csv", "no-rows"),
        ("population.csv", "no-rows"),
    ]


def test_embedded_members_have_official_names_and_no_invented_addresses() -> None:
    """Lidingö stad, Ekerö kommun...; address, PEPPOL id, buyer reference left empty."""
    members = {m.kommunkod: m for m in load_dataset().municipalities}
    assert members["0186"].invoice_name == "Lidingö stad"
    assert members["0125"].invoice_name == "Ekerö kommun"
    assert members["0183"].invoice_name == "Sundbybergs stad"
    assert all(m.official_name for m in members.values())
    assert not any(
        m.street_address or m.postal_code or m.city or m.peppol_id or m.buyer_reference
        for m in members.values()
    )


def test_embedded_2020_figures_sum_to_the_published_total() -> None:
    """31 December 2020 for all fifteen members: 756 816 together (SCB, 1950-2020 workbook)."""
    from datetime import date

    dataset = load_dataset()
    figures = [f for f in dataset.population if f.reference_date == date(2020, 12, 31)]
    assert len(figures) == 15
    assert sum(f.inhabitants for f in figures) == 756816
    assert {f.source for f in figures} == {
        "SCB be0101_folkmangdkom2020 (Folkmängden i Sveriges kommuner 1950-2020)"
    }


def test_allocate_2021_on_a_copy_with_a_2021_budget_line(tmp_path: Path) -> None:
    """The 2021 budget of a copy cut to one line of 900 000 kr: allocate --year 2021 splits
    that on the 2020 figures, while the shipped 2021 budget stays 1 060 000 kr."""
    cli("dataset", "init", tmp_path / "mine")
    path = tmp_path / "mine" / "budget.csv"
    rows = [r for r in path.read_text(encoding="utf-8").splitlines() if not r.startswith("2021,")]
    rows.append("2021,Personal (strateg inkl. personalomkostnader),900000,per_capita,yes")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out = cli("allocate", "--year", "2021", "--data-dir", tmp_path / "mine", "-f", "csv")
    assert code == 0, out
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 15
    assert sum(int(row["amount_ore"]) for row in rows) == 90_000_000
    ekero = next(row for row in rows if row["kommunkod"] == "0125")
    assert (ekero["inhabitants"], ekero["population_date"]) == ("28879", "2020-12-31")
    code, shipped = cli("allocate", "--year", "2021", "-f", "csv")
    assert code == 0, shipped
    assert sum(int(row["amount_ore"]) for row in csv.DictReader(io.StringIO(shipped))) == (
        106_000_000
    )


def test_dataset_init_then_import_then_allocate(tmp_path: Path) -> None:
    """The README's path: init, import an export (2019 column), allocate from the copy."""
    target = tmp_path / "mine"
    assert cli("dataset", "init", target)[0] == 0
    export = SCB / "synthetic" / "classic-pxweb-cp1252-2019.csv"
    code, out = cli("population", "import-scb", export, "--data-dir", target)
    assert code == 0, out
    assert cli("allocate", "--year", "2019", "--data-dir", target)[0] == 0


def test_a_lost_leading_zero_finds_the_municipality() -> None:
    """--municipality 125 is 0125 (Ekerö), as a kommunkod with a lost zero in a file is."""
    code, out = cli("explain", "--year", "2014", "--municipality", "125")
    assert code == 0, out
    assert "Ekerö (0125)" in out


def test_the_read_only_message_names_dataset_init(tmp_path: Path) -> None:
    """Importing into the embedded dataset is refused with the command that makes a copy."""
    export = SCB / "synthetic" / "classic-pxweb-cp1252-2019.csv"
    code, out = cli("population", "import-scb", export)
    assert code == 2
    assert "norrort-cost dataset init DIR" in " ".join(out.split())
