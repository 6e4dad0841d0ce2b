"""SCB's table metadata and data answers read as SCB recorded them (tests/data/scb/api/)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.loading.scb.apidata import answer_figures
from norrort_cost.loading.scb.fetching import fetch_population
from norrort_cost.loading.scb.tablemeta import MetadataError, table_info
from tests.scb_standin import recorded, serve


def test_tab5557_totals_come_from_its_metadata() -> None:
    """TAB5557: contents 000007ME (Folkmängd), year 2025, Civilstand SC and Alder TotSA
    mandatory, Kon's total TotSa; the selection asks exactly those totals."""
    info = table_info("TAB5557", recorded("TAB5557-sv-metadata.json"))
    assert (info.contents, info.years, info.updated) == (
        "000007ME",
        (2025,),
        "2026-02-24T07:00:00Z",
    )
    found = {v.code: (v.total, v.mandatory) for v in info.others}
    assert found == {"Civilstand": ("SC", True), "Alder": ("TotSA", True), "Kon": ("TotSa", False)}
    assert info.selection(["0114", "0180"], [2025]) == {
        "Region": ["0114", "0180"],
        "Tid": ["2025"],
        "ContentsCode": ["000007ME"],
        "Civilstand": ["SC"],
        "Alder": ["TotSA"],
        "Kon": ["TotSa"],
    }


def test_tab638_has_no_total_for_kon_and_civilstand() -> None:
    """TAB638: BE0101N1, 1968-2024, Alder's total 'tot' (label "totalt ålder"); Kon and
    Civilstand have no total but may be left out, so the selection leaves them out."""
    info = table_info("TAB638", recorded("TAB638-sv-metadata.json"))
    assert (info.contents, info.years[0], info.years[-1]) == ("BE0101N1", 1968, 2024)
    found = {v.code: (v.total, v.mandatory) for v in info.others}
    assert found == {"Civilstand": (None, False), "Alder": ("tot", False), "Kon": (None, False)}
    assert info.selection(["0114", "9999"], [2023]) == {
        "Region": ["0114"],
        "Tid": ["2023"],
        "ContentsCode": ["BE0101N1"],
        "Alder": ["tot"],
    }


def test_a_mandatory_variable_without_total_is_asked_whole() -> None:
    """Were TAB638's Kon mandatory, both its codes would be asked (and summed on reading)."""
    metadata = recorded("TAB638-sv-metadata.json")
    metadata["dimension"]["Kon"]["extension"]["elimination"] = False
    info = table_info("TAB638", metadata)
    assert info.selection(["0114"], [2023])["Kon"] == ["1", "2"]


def test_a_table_without_folkmangd_is_refused() -> None:
    """Metadata whose contents have no Folkmängd: MetadataError naming the table."""
    metadata = recorded("TAB638-sv-metadata.json")
    metadata["dimension"]["ContentsCode"]["category"]["label"]["BE0101N1"] = "Medelålder"
    metadata["dimension"]["ContentsCode"]["extension"]["alternativeText"]["BE0101N1"] = "x"
    with pytest.raises(MetadataError, match="TAB638 has no contents labelled Folkmängd"):
        table_info("TAB638", metadata)


def test_the_recorded_tab638_answer_sums_kon_and_civilstand() -> None:
    """SCB's TAB638 answer by kön x civilstånd (no noise): one figure per region and year,
    the sum of its 8 cells, placed by index values; Nykvarn 1996 is SCB's literal 0."""
    info = table_info("TAB638", recorded("TAB638-sv-metadata.json"))
    answer = recorded("TAB638-sv-6b027e59b71df045.json")
    figures = {(f.region, f.reference_date): f for f in answer_figures(info, answer, "s")}
    assert len(figures) == 12
    assert figures[("0140", date(1996, 12, 31))].inhabitants == 0
    # Södertälje 2001 by hand: Region index 1 of 2, Tid index 5 of 6, 4 x 2 cells between
    index = answer["dimension"]["Region"]["category"]["index"]
    region, stride = index["0181"], 4 * 1 * 2 * 1 * 6
    year = answer["dimension"]["Tid"]["category"]["index"]["2001"]
    cells = [
        answer["value"][region * stride + c * 12 + k * 6 + year] for c in range(4) for k in range(2)
    ]
    assert figures[("0181", date(2001, 12, 31))].inhabitants == sum(cells)
    assert figures[("0181", date(2001, 12, 31))].parts


def test_the_recorded_tab5557_answer_is_published_totals() -> None:
    """SCB's TAB5557 answer: 290 figures, each one published cell, none summed; 0180 999 239."""
    info = table_info("TAB5557", recorded("TAB5557-sv-metadata.json"))
    answer = recorded("TAB5557-sv-ac392dca4f25fab2.json")
    figures = {f.region: f for f in answer_figures(info, answer, "s")}
    assert len(figures) == 290
    assert figures["0180"].inhabitants == 999239
    assert figures["0114"].inhabitants == 50495
    assert not any(f.parts for f in figures.values())


@pytest.mark.parametrize(
    "damage",
    [
        lambda m: m["dimension"].__setitem__("Kon", []),
        lambda m: m["dimension"]["Tid"]["category"].__setitem__("index", {"2023": "x"}),
        lambda m: m["dimension"]["ContentsCode"].__setitem__("category", 7),
        lambda m: m.__setitem__("role", {"time": ["Nowhere"], "metric": ["ContentsCode"]}),
        lambda m: m["dimension"].pop("Region"),
        lambda m: m.__setitem__("dimension", []),
    ],
)
def test_damaged_metadata_is_exit_4_without_a_traceback(
    damage: Callable[[dict[str, Any]], object], data_copy: Path
) -> None:
    """Metadata of an unexpected shape (a proxy's rewrite, another kind of table): exit 4
    naming the table and the --table setting, never a traceback."""
    server_gen = serve()
    server = next(server_gen)
    damage(server.metadata["TAB5557"])
    try:
        result = CliRunner().invoke(
            app,
            ["population", "fetch-scb", "--data-dir", str(data_copy), "--api-url", server.url()],
        )
    finally:
        next(server_gen, None)
    assert result.exit_code == 4, result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert "TAB5557" in result.output


class _Recorded:
    """An exchange that answers the recorded metadata and notes which table is asked data."""

    def __init__(self, metadata: dict[str, dict[str, Any]]) -> None:
        self.metadata_of = metadata
        self.asked: list[tuple[str, list[str]]] = []

    def metadata(self, table: str) -> object:
        return self.metadata_of[table]

    def data(self, table: str, selection: dict[str, list[str]]) -> object:
        self.asked.append((table, selection["Tid"]))
        return recorded("TAB5557-sv-ac392dca4f25fab2.json")


def test_a_year_in_two_tables_comes_from_the_newer_one() -> None:
    """Were 2025 also in TAB638 (updated 2025-02-21), TAB5557 (updated 2026-02-24) would give
    it, whichever order the tables are listed in; 2023 still comes from TAB638 alone."""
    tab638 = recorded("TAB638-sv-metadata.json")
    tab638["dimension"]["Tid"]["category"]["index"]["2025"] = 57
    metadata = {"TAB638": tab638, "TAB5557": recorded("TAB5557-sv-metadata.json")}
    for order in (["TAB638", "TAB5557"], ["TAB5557", "TAB638"]):
        exchange = _Recorded(metadata)
        fetch_population(exchange, order, ["0114"], [2025], date(2026, 12, 7))  # type: ignore[arg-type]
        assert exchange.asked == [("TAB5557", ["2025"])]
