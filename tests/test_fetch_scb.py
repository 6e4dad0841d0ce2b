"""`population fetch-scb`: SCB's PxWebApi 2 answers (recorded) served from 127.0.0.1 only."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.loading.scb.api import data_url

SCB = Path(__file__).parent / "data" / "scb"
TAB638_2020 = SCB / "synthetic" / "tab638-2020-jsonstat2.json"  # shaped like SCB's answer
REAL_TAB6471 = SCB / "scb-jsonstat2-TAB6471-manad-lan-alder-kon.json"  # recorded from SCB
runner = CliRunner()


class Recorded(BaseHTTPRequestHandler):
    """Answers every GET with the server's recorded body and status; keeps the paths asked."""

    def do_GET(self) -> None:
        server = self.server
        assert isinstance(server, Server)
        server.asked.append(unquote(self.path))
        self.send_response(server.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(server.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        """Quiet."""


class Server(ThreadingHTTPServer):
    body: bytes = b""
    status: int = 200
    asked: list[str]


@pytest.fixture
def scb() -> Iterator[Server]:
    """A local stand-in for SCB's API on 127.0.0.1, stopped after the test."""
    server = Server(("127.0.0.1", 0), Recorded)
    server.asked = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def url(server: Server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/api/v2"


def fetch(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, ["population", "fetch-scb", *map(str, args)])
    return result.exit_code, result.output


@pytest.fixture
def without_2020(data_copy: Path) -> Path:
    """The dataset copy without its 31 December 2020 figures (what SCB supplies)."""
    population = data_copy / "population.csv"
    lines = population.read_text(encoding="utf-8").splitlines(keepends=True)
    population.write_text("".join(x for x in lines if ",2020-12-31," not in x), encoding="utf-8")
    return data_copy


def test_fetch_adds_the_year_for_every_member(scb: Server, without_2020: Path) -> None:
    """--year 2020: one GET of TAB638 for the 15 kommunkoder; 15 figures added, reported."""
    scb.body = TAB638_2020.read_bytes()
    code, out = fetch("--year", "2020", "--data-dir", without_2020, "--api-url", url(scb))
    assert code == 0, out
    assert "15 added, 0 changed, 0 unchanged" in out
    assert "date: 2020-12-31" in " ".join(out.split())
    [asked] = scb.asked
    assert asked.startswith("/api/v2/tables/TAB638/data?")
    assert "valueCodes[Region]=0114,0115,0117,0123,0125," in asked
    assert "valueCodes[Tid]=2020" in asked
    assert "valueCodes[ContentsCode]=BE0101N1" in asked
    assert "outputFormat=json-stat2" in asked
    text = (without_2020 / "population.csv").read_text(encoding="utf-8")
    assert "0125,2020-12-31,28879,SCB TAB638 (PxWebApi 2)" in text


def test_without_year_asks_for_the_latest(scb: Server, data_copy: Path) -> None:
    """No --year: Tid=top(1); against the embedded 2020 figures all 15 are unchanged."""
    scb.body = TAB638_2020.read_bytes()
    before = (data_copy / "population.csv").read_bytes()
    code, out = fetch("--data-dir", data_copy, "--api-url", url(scb), "--dry-run")
    assert code == 0, out
    assert "valueCodes[Tid]=top(1)" in scb.asked[0]
    assert "0 added, 0 changed, 15 unchanged" in out
    assert (data_copy / "population.csv").read_bytes() == before


def test_the_api_url_is_a_setting(scb: Server, data_copy: Path) -> None:
    """scb_api_url in cooperation.toml is used when no --api-url is given."""
    scb.body = TAB638_2020.read_bytes()
    toml = data_copy / "cooperation.toml"
    toml.write_text(f'scb_api_url = "{url(scb)}"\n' + toml.read_text(encoding="utf-8"))
    code, out = fetch("--data-dir", data_copy, "--dry-run")
    assert code == 0, out
    assert len(scb.asked) == 1


def test_a_recorded_answer_by_county_and_age_is_refused(scb: Server, data_copy: Path) -> None:
    """SCB's real TAB6471 answer (counties x age x kön): exit 1, both reasons, no write."""
    scb.body = REAL_TAB6471.read_bytes()
    before = (data_copy / "population.csv").read_bytes()
    code, out = fetch("--data-dir", data_copy, "--api-url", url(scb))
    assert code == 1
    assert "[age-breakdown]" in out
    assert "[no-municipalities]" in out
    assert (data_copy / "population.csv").read_bytes() == before


def test_an_api_error_answer_exits_4_with_its_title(scb: Server, data_copy: Path) -> None:
    """An HTTP 400 with SCB's problem JSON: exit 4 naming the status and the title."""
    scb.status = 400
    scb.body = json.dumps({"title": "Non-existent value: 2031", "status": 400}).encode()
    code, out = fetch("--year", "2031", "--data-dir", data_copy, "--api-url", url(scb))
    assert code == 4
    assert "400" in out
    assert "Non-existent value: 2031" in out


def test_without_a_network_it_fails_within_seconds(data_copy: Path) -> None:
    """Nothing listening (a closed local port): exit 4 at once, saying what to do instead."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    code, out = fetch("--data-dir", data_copy, "--api-url", f"http://127.0.0.1:{port}/api/v2")
    assert time.monotonic() - started < 3
    assert code == 4
    assert "cannot be reached" in out
    assert "import-scb" in out


def test_the_request_address() -> None:
    """The GET address: table, contents, regions and years, JSON-stat 2 output."""
    assert data_url("https://x/api/v2/", ["0114", "0125"], [2024, 2023]) == (
        "https://x/api/v2/tables/TAB638/data?lang=sv&outputFormat=json-stat2"
        "&valueCodes%5BContentsCode%5D=BE0101N1&valueCodes%5BRegion%5D=0114,0125"
        "&valueCodes%5BTid%5D=2023,2024"
    )
