"""`population fetch-scb` against a stand-in built from SCB's recorded answers (127.0.0.1).

The stand-in (:mod:`tests.scb_standin`) serves SCB's real metadata of TAB638 and TAB5557
and answers data requests from the recorded cells, with SCB's error shapes.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.loading.scb import api
from tests.scb_standin import MEMBERS_2023, StandIn, recorded, recorded_totals, serve

runner = CliRunner()
# a JSON-stat 2.0 answer shaped by hand (import-scb's shape case); other tests read it
TAB638_2020 = Path(__file__).parent / "data" / "scb" / "synthetic" / "tab638-2020-jsonstat2.json"
TAB5557_2025 = recorded_totals()["TAB5557"]


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy from the machine's environment between the tool and the stand-in."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("NORRORT_COST_SCB_TABLES", raising=False)
    monkeypatch.delenv("NORRORT_COST_SCB_API_URL", raising=False)


@pytest.fixture
def scb() -> Iterator[StandIn]:
    """The stand-in for SCB's PxWebApi 2, stopped after the test."""
    yield from serve()


@pytest.fixture
def without_2023_2025(data_copy: Path) -> Path:
    """The dataset copy without figures of 31 December 2023 and 2025 (if it has them), so
    that what SCB supplies for those years is added."""
    population = data_copy / "population.csv"
    lines = population.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if line.split(",")[1] not in ("2023-12-31", "2025-12-31")]
    population.write_text("".join(kept), encoding="utf-8")
    return data_copy


def url(server: StandIn) -> str:
    """The stand-in's base address (--api-url)."""
    return server.url()


def fetch(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, ["population", "fetch-scb", *map(str, args)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def fetch_json(*args: str | Path) -> tuple[int, dict[str, Any]]:
    """The exit code and the JSON record on standard output (--format json)."""
    result = runner.invoke(app, ["population", "fetch-scb", *map(str, args), "--format", "json"])
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout)


def population(data: Path) -> str:
    return (data / "population.csv").read_text(encoding="utf-8")


def test_latest_is_2025_from_tab5557_as_published_totals(
    scb: StandIn, without_2023_2025: Path
) -> None:
    """No --year: both tables' metadata read, 2025 (the newest) asked from TAB5557 at the
    totals SC, TotSA, TotSa; Upplands Väsby's published total 50 495 written with its table,
    SCB's update and the day fetched; Stockholm (0180, 999 239) is not a member."""
    code, out = fetch("--data-dir", without_2023_2025, "--api-url", scb.url())
    assert code == 0, out
    assert [a[1].split("?")[0] for a in scb.asked] == [
        "/api/v2/tables/TAB638/metadata",
        "/api/v2/tables/TAB5557/metadata",
        "/api/v2/tables/TAB5557/data",
    ]
    selection = scb.asked[-1][2]
    assert selection["Tid"] == ["2025"]
    assert selection["ContentsCode"] == ["000007ME"]
    assert (selection["Civilstand"], selection["Alder"], selection["Kon"]) == (
        ["SC"],
        ["TotSA"],
        ["TotSa"],
    )
    assert "0180" not in selection["Region"]
    assert "15 added, 0 changed, 0 unchanged" in " ".join(out.split())
    assert "updated 2026-02-24" in out
    text = population(without_2023_2025)
    assert TAB5557_2025[("0114", "2025")] == 50495
    assert (
        "0114,2025-12-31,50495,SCB TAB5557 000007ME totals (updated 2026-02-24) fetched 20" in text
    )
    assert "999239" not in text


def test_2023_comes_from_tab638(scb: StandIn, without_2023_2025: Path) -> None:
    """--year 2023: TAB638 (1968-2024) is asked, Alder at its total 'tot', Kon and
    Civilstand left out for SCB to eliminate; the 15 figures of 31 December 2023."""
    code, out = fetch("--year", "2023", "--data-dir", without_2023_2025, "--api-url", scb.url())
    assert code == 0, out
    method, path, selection = scb.asked[-1]
    assert (method, path.split("?")[0]) == ("POST", "/api/v2/tables/TAB638/data")
    assert "outputFormat=json-stat2" in path
    assert selection["ContentsCode"] == ["BE0101N1"]
    assert selection["Alder"] == ["tot"]
    assert "Kon" not in selection
    assert "Civilstand" not in selection
    text = population(without_2023_2025)
    for kommunkod, inhabitants in MEMBERS_2023.items():
        assert (
            f"{kommunkod},2023-12-31,{inhabitants},SCB TAB638 BE0101N1 (updated 2025-02-21)" in text
        )


def test_2023_from_a_server_that_refuses_elimination(scb: StandIn, without_2023_2025: Path) -> None:
    """A PxWebApi 2 server refusing TAB638's Kon and Civilstand left out (HTTP 400) is asked
    again with all their codes; the parts (no noise before 2025) sum to the 2023 figures."""
    scb.strict = True
    code, out = fetch("--year", "2023", "--data-dir", without_2023_2025, "--api-url", scb.url())
    assert code == 0, out
    _, _, selection = scb.asked[-1]
    assert selection["Kon"] == ["1", "2"]
    assert selection["Civilstand"] == ["OG", "G", "SK", "ÄNKL"]
    text = population(without_2023_2025)
    for kommunkod, inhabitants in MEMBERS_2023.items():
        assert f"{kommunkod},2023-12-31,{inhabitants},SCB TAB638" in text


@pytest.mark.parametrize("suffix", ["", "/", "/api/v2/tables"])
def test_the_api_address_without_its_path(
    scb: StandIn, without_2023_2025: Path, suffix: str
) -> None:
    """--api-url as the host only (http://127.0.0.1:PORT) or with /tables: PxWebApi 2's
    /api/v2 is found, and 2025 is fetched from TAB5557."""
    base = scb.url().removesuffix("/api/v2") + suffix
    code, out = fetch("--data-dir", without_2023_2025, "--api-url", base)
    assert code == 0, out
    assert scb.asked[-1][1].startswith("/api/v2/tables/TAB5557/data")
    assert "0114,2025-12-31,50495,SCB TAB5557" in population(without_2023_2025)


def test_on_the_embedded_dataset_scb_is_asked_before_the_write_is_refused(scb: StandIn) -> None:
    """Without --data-dir: an unpublished year (2026) still names the newest (exit 1), and
    the newest year, whose figures the embedded dataset already holds, is exit 0 with
    nothing to write; only a change to write is refused as read-only (exit 2)."""
    code, out = fetch("--year", "2026", "--api-url", scb.url())
    assert code == 1, out
    assert "the newest year in TAB638, TAB5557 is 2025" in " ".join(out.split())
    code, out = fetch("--api-url", scb.url())
    assert code == 0, out
    assert "0 added, 0 changed, 15 unchanged" in out
    scb.totals["TAB5557"][("0114", "2025")] += 1
    code, out = fetch("--api-url", scb.url())
    assert code == 2, out
    assert "the embedded dataset is read-only" in out


@pytest.mark.parametrize(
    "address",
    ["http://127.0.0.1:8080/api v2", "http://[::1", "http://127.0.0.1:99999/api/v2", "http://"],
)
def test_a_malformed_api_address_is_a_usage_error(data_copy: Path, address: str) -> None:
    """An --api-url with a space, a broken IPv6 host, a port out of range or no host is
    exit 2 naming the address, not a traceback."""
    code, out = fetch("--data-dir", data_copy, "--api-url", address, "--dry-run")
    assert code == 2, out
    assert "is not an http(s) address" in out


def test_the_tables_setting_from_the_environment_may_use_commas(
    scb: StandIn, without_2023_2025: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$NORRORT_COST_SCB_TABLES="TAB638,TAB5557" names both tables: 2025 is fetched."""
    monkeypatch.setenv("NORRORT_COST_SCB_TABLES", "TAB638,TAB5557")
    code, out = fetch("--data-dir", without_2023_2025, "--api-url", scb.url())
    assert code == 0, out
    assert "0114,2025-12-31,50495,SCB TAB5557" in population(without_2023_2025)


def test_two_years_from_two_tables(scb: StandIn, without_2023_2025: Path) -> None:
    """--year 2023 --year 2025: one request to each table; JSON names both tables."""
    code, record = fetch_json(
        "-y", "2023", "-y", "2025", "--data-dir", without_2023_2025, "--api-url", scb.url()
    )
    assert code == 0, record
    assert [(t["table"], t["years"], t["updated"]) for t in record["tables"]] == [
        ("TAB638", [2023], "2025-02-21T07:00:00Z"),
        ("TAB5557", [2025], "2026-02-24T07:00:00Z"),
    ]
    assert len(record["added"]) == 30
    assert record["written"] is True
    added = {(f["kommunkod"], f["reference_date"]): f["inhabitants"] for f in record["added"]}
    assert added[("0186", "2025-12-31")] == TAB5557_2025[("0186", "2025")]
    assert added[("0186", "2023-12-31")] == MEMBERS_2023["0186"]


def test_an_unpublished_year_names_the_newest(scb: StandIn, data_copy: Path) -> None:
    """--year 2026: exit 1, located at SCB's tables, saying 2025 is the newest; no data asked."""
    before = population(data_copy)
    code, out = fetch("--year", "2026", "--data-dir", data_copy, "--api-url", scb.url())
    assert code == 1
    text = " ".join(out.split())
    assert "[year-not-published]" in text
    assert "31 December 2026" in text
    assert "the newest year in TAB638, TAB5557 is 2025" in text
    assert all(method == "GET" for method, _, _ in scb.asked)
    assert population(data_copy) == before


def test_an_unpublished_year_in_swedish(scb: StandIn, data_copy: Path) -> None:
    """The same refusal in Swedish names 2025 as the newest year."""
    result = runner.invoke(
        app,
        ["--lang", "sv", "population", "fetch-scb", "-y", "2026", "--data-dir", str(data_copy),
         "--api-url", scb.url()],
    )  # fmt: skip
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert "har inte publicerat folkmängden den 31 december 2026" in text
    assert "2025" in text


def test_the_tables_are_a_setting(scb: StandIn, data_copy: Path) -> None:
    """scb_tables and scb_api_url in cooperation.toml: with TAB638 alone the newest is 2024."""
    toml = data_copy / "cooperation.toml"
    setting = f'scb_api_url = "{scb.url()}"\nscb_tables = ["TAB638"]\n'
    toml.write_text(setting + toml.read_text(encoding="utf-8"), encoding="utf-8")
    code, out = fetch("-y", "2025", "--data-dir", data_copy)
    assert code == 1
    assert "the newest year in TAB638 is 2024" in " ".join(out.split())


def test_a_table_option_replaces_the_setting(scb: StandIn, data_copy: Path) -> None:
    """--table TAB5557 alone: one metadata request, 2025 fetched."""
    code, out = fetch("--table", "TAB5557", "--data-dir", data_copy, "--api-url", scb.url())
    assert code == 0, out
    assert scb.asked[0][1].split("?")[0] == "/api/v2/tables/TAB5557/metadata"
    assert len(scb.asked) == 2


def test_unchanged_figures_in_json(scb: StandIn, without_2023_2025: Path) -> None:
    """Fetched twice: the second time all 15 are unchanged and nothing is written."""
    assert fetch("--data-dir", without_2023_2025, "--api-url", scb.url())[0] == 0
    code, record = fetch_json("--data-dir", without_2023_2025, "--api-url", scb.url())
    assert code == 0, record
    assert (len(record["added"]), len(record["changed"]), len(record["unchanged"])) == (0, 0, 15)
    assert record["written"] is False


def test_a_mandatory_variable_left_out_gets_scbs_error(scb: StandIn) -> None:
    """The stand-in answers like SCB: TAB5557 without Civilstand is HTTP 400 with SCB's title."""
    exchange = api.Exchange(scb.url())
    selection = {"Region": ["0114"], "Tid": ["2025"], "ContentsCode": ["000007ME"]}
    with pytest.raises(api.ScbUnreachableError) as caught:
        exchange.data("TAB5557", {**selection, "Alder": ["TotSA"]})
    assert "400: Missing selection for mandantory variable" in caught.value.message


def test_too_many_requests_is_retried_after_retry_after(scb: StandIn, data_copy: Path) -> None:
    """HTTP 429 with Retry-After: 1 twice, then the answer: waited, then fetched (exit 0)."""
    problem = json.dumps({"type": "about:blank", "title": "Too Many Requests", "status": 429})
    scb.canned = [(429, {"Retry-After": "1"}, problem.encode())] * 2
    started = time.monotonic()
    code, out = fetch("--data-dir", data_copy, "--api-url", scb.url(), "--dry-run")
    assert code == 0, out
    assert time.monotonic() - started >= 2
    assert len(scb.asked) == 5


def test_too_many_requests_for_ever_is_exit_4(
    scb: StandIn, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP 429 on every try: exit 4 after a few tries, saying SCB limits the requests."""
    monkeypatch.setattr(api, "RETRIES", 2)
    scb.canned = [(429, {"Retry-After": "0"}, b"{}")] * 5
    code, out = fetch("--data-dir", data_copy, "--api-url", scb.url())
    assert code == 4
    assert "limits the requests (HTTP 429) after 3 tries" in " ".join(out.split())
    assert len(scb.asked) == 3


def test_a_server_error_is_exit_4_with_scbs_title(scb: StandIn, data_copy: Path) -> None:
    """HTTP 500 with an RFC 7807 body: exit 4, SCB's title, try again later."""
    body = {"type": "about:blank", "title": "Internal Server Error", "status": 500}
    scb.canned = [(500, {"Content-Type": "application/problem+json"}, json.dumps(body).encode())]
    code, out = fetch("--data-dir", data_copy, "--api-url", scb.url())
    text = " ".join(out.split())
    assert code == 4
    assert "answered 500: Internal Server Error" in text
    assert "try again later" in text


def test_a_login_page_is_exit_4_naming_the_proxy(scb: StandIn, data_copy: Path) -> None:
    """An HTML page (a proxy's or a network's login) with 200: exit 4, not JSON, HTTPS_PROXY."""
    page = b"<html><body><form>Log in to the guest network</form></body></html>"
    scb.canned = [(200, {"Content-Type": "text/html; charset=utf-8"}, page)]
    code, out = fetch("--data-dir", data_copy, "--api-url", scb.url())
    text = " ".join(out.split())
    assert code == 4
    assert "answered with text/html, not JSON" in text
    assert "HTTPS_PROXY" in text


def test_a_time_out_is_exit_4(
    scb: StandIn, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SCB slower than the request's time limit: exit 4, 'did not answer in time', quickly."""
    monkeypatch.setattr(api, "REQUEST_SECONDS", 0.3)
    scb.delay = 1.0
    started = time.monotonic()
    code, out = fetch("--data-dir", data_copy, "--api-url", scb.url())
    assert code == 4
    assert "did not answer in time" in " ".join(out.split())
    assert time.monotonic() - started < 1.5


def test_the_whole_exchange_has_a_time_limit(scb: StandIn) -> None:
    """A clock past the exchange's total limit: the next request is not even sent."""
    now = [0.0]
    exchange = api.Exchange(scb.url(), total_seconds=10, clock=lambda: now[0])
    exchange.metadata("TAB638")
    now[0] = 11.0
    with pytest.raises(api.ScbUnreachableError) as caught:
        exchange.metadata("TAB5557")
    assert "within 10 seconds" in caught.value.message
    assert len(scb.asked) == 1


def test_an_answer_over_the_size_cap_is_refused(scb: StandIn) -> None:
    """An answer larger than the cap: exit-4 error, not read to the end."""
    exchange = api.Exchange(scb.url(), max_bytes=10_000)
    with pytest.raises(api.ScbUnreachableError) as caught:
        exchange.metadata("TAB638")
    assert "larger than" in caught.value.message


def test_a_redirect_to_another_host_is_refused(scb: StandIn, data_copy: Path) -> None:
    """A 302 to another host: exit 4 naming the host; it is never asked."""
    scb.canned = [(302, {"Location": "http://login.example.net/portal"}, b"")]
    code, out = fetch("--data-dir", data_copy, "--api-url", scb.url())
    assert code == 4
    assert "redirected to another host (login.example.net)" in " ".join(out.split())


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


def test_the_proxy_from_the_environment_is_used(
    scb: StandIn, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP_PROXY names the stand-in: SCB's address is asked through it (absolute URL)."""
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{scb.server_address[1]}")
    monkeypatch.setenv("NO_PROXY", "")
    code, out = fetch(
        "--data-dir", data_copy, "--api-url", "http://scb.example/api/v2", "--dry-run"
    )
    assert code == 0, out
    assert scb.asked[0][1].startswith("http://scb.example/api/v2/tables/TAB638/metadata")


def test_no_proxy_bypasses_the_proxy(
    scb: StandIn, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_PROXY=127.0.0.1: the dead proxy in HTTP_PROXY is not used."""
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    code, out = fetch("--data-dir", data_copy, "--api-url", scb.url(), "--dry-run")
    assert code == 0, out


def test_the_recorded_answer_is_read_by_index_values() -> None:
    """The recorded TAB5557 answer's keys are reordered ("1060" first): read by index values,
    Stockholm 0180 is 999 239 and Upplands Väsby 0114 is 50 495."""
    answer = recorded("TAB5557-sv-ac392dca4f25fab2.json")
    assert next(iter(answer["dimension"]["Region"]["category"]["index"])) != "0114"
    assert TAB5557_2025[("0180", "2025")] == 999239
    assert TAB5557_2025[("0114", "2025")] == 50495


def test_an_unknown_table_is_exit_4_naming_the_setting(scb: StandIn, data_copy: Path) -> None:
    """--table TAB9999 (no such table): SCB's 404 title and the hint to check the table ids."""
    code, out = fetch("--table", "TAB9999", "--data-dir", data_copy, "--api-url", url(scb))
    text = " ".join(out.split())
    assert code == 4
    assert "answered 404: Not found" in text
    assert "check the table ids (--table, scb_tables)" in text


def test_an_answer_that_is_not_a_table_is_exit_4(scb: StandIn, data_copy: Path) -> None:
    """Every request answered with a JSON-stat dataset without dimensions (not a table's
    metadata): exit 4 naming TAB638, no traceback."""
    scb.body = b'{"version": "2.0", "class": "dataset", "value": [1]}'
    code, out = fetch("--data-dir", data_copy, "--api-url", url(scb))
    assert code == 4
    assert "TAB638" in out


@pytest.mark.parametrize(
    "answer",
    [
        b"SSH-2.0-OpenSSH_8.9\r\n",  # not HTTP at all
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n",  # broken chunks
        b"HTTP/1.1 200 OK\r\n" + b"X: y\r\n" * 200 + b"\r\n{}",  # too many headers
    ],
)
def test_an_answer_that_is_not_proper_http_is_exit_4(data_copy: Path, answer: bytes) -> None:
    """A server that answers with something other than well-formed HTTP (another protocol,
    broken chunked framing, hundreds of headers) is exit 4 'cannot be reached', no traceback."""
    import threading

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]

        def answer_once() -> None:
            connection, _ = server.accept()
            with connection:
                connection.recv(65536)
                connection.sendall(answer)

        thread = threading.Thread(target=answer_once, daemon=True)
        thread.start()
        code, out = fetch(
            "--data-dir", data_copy, "--api-url", f"http://127.0.0.1:{port}/api/v2", "--dry-run"
        )
        thread.join(timeout=5)
    assert code == 4, out
    assert "cannot be reached" in out
