"""A stand-in for SCB's PxWebApi 2 on 127.0.0.1, built from SCB's recorded answers.

It serves the two documented endpoints for TAB638 and TAB5557 from ``data/scb/api/`` (see
its SOURCES.md): ``GET /api/v2/tables/{id}/metadata`` answers SCB's recorded metadata;
``POST /api/v2/tables/{id}/data`` checks the selection against that metadata the way SCB
does (RFC 7807 ``{"type", "title", "status"}`` with SCB's titles "Non-existent value" and
"Missing selection for mandantory variable", sic) and answers JSON-stat 2.0 shaped like the
recorded answers: the metadata's labels and extensions for the values asked, variables left
out (where elimination is allowed) dropped, the metadata's ``updated`` and notes.

The cells: TAB5557 2025 are the recorded answer's published totals (all 290 kommuner, read
by ``category.index`` values). TAB638 has no recorded answer for the members: its 2023 cells
are the figures of 31 December 2023 in ../shared/reference/koordination-norrort.md (from
TAB638 by atlas290, summed there over kön and civilstånd), asked as SCB would answer them.
Where a selection asks parts (TAB638's Kon 1/2 or Civilstand), the total is split evenly
over the parts (TAB638 has no noise, so the parts sum to the total).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import product
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

API = Path(__file__).parent / "data" / "scb" / "api"
PREFIX = "/api/v2/tables/"

# 31 December 2023, koordination-norrort.md, "31 December 2021-2025" (TAB638)
MEMBERS_2023 = {
    "0114": 50110, "0115": 35076, "0117": 49282, "0123": 86330, "0125": 28808,
    "0139": 32453, "0160": 76738, "0162": 32419, "0163": 76790, "0183": 55912,
    "0184": 85426, "0186": 48324, "0187": 11817, "0188": 65770, "0191": 52529,
}  # fmt: skip


def recorded(name: str) -> dict[str, Any]:
    """SCB's body inside one of atlas290's wrappers (``{kind, table, ..., response}``)."""
    wrapper = json.loads((API / name).read_text(encoding="utf-8"))
    body: dict[str, Any] = wrapper["response"]
    return body


def codes(dimension: dict[str, Any]) -> list[str]:
    """A variable's codes in SCB's order: by the values of ``category.index``."""
    index = dimension["category"]["index"]
    return sorted(index, key=lambda code: index[code])


def recorded_totals() -> dict[str, dict[tuple[str, str], int]]:
    """Each table's published totals by (kommunkod, year), from the recorded answers."""
    answer = recorded("TAB5557-sv-ac392dca4f25fab2.json")
    assert answer["size"] == [290, 1, 1, 1, 1, 1]
    regions = codes(answer["dimension"]["Region"])
    tab5557 = {(r, "2025"): v for r, v in zip(regions, answer["value"], strict=True)}
    tab638 = {(region, "2023"): value for region, value in MEMBERS_2023.items()}
    return {"TAB638": tab638, "TAB5557": tab5557}


class StandIn(ThreadingHTTPServer):
    """The server: the tables' metadata and cells, canned answers to serve first, a log."""

    metadata: dict[str, dict[str, Any]]
    totals: dict[str, dict[tuple[str, str], int]]
    canned: list[tuple[int, dict[str, str], bytes]]
    asked: list[tuple[str, str, dict[str, list[str]]]]
    delay: float = 0.0
    body: bytes | None = None  # when set, every request is answered 200 with it
    strict: bool = False  # when set, a variable left out is refused even where SCB eliminates

    def url(self) -> str:
        """The base address, as the tool takes it (--api-url)."""
        return f"http://127.0.0.1:{self.server_address[1]}/api/v2"


class Handler(BaseHTTPRequestHandler):
    """SCB's two endpoints, answered from the recorded metadata and cells."""

    server: StandIn

    def do_GET(self) -> None:
        """``/tables/{id}/metadata``: SCB's recorded metadata."""
        path = urlsplit(self.path).path
        self.server.asked.append(("GET", self.path, {}))
        if self._canned():
            return
        table = path.removeprefix(PREFIX).removesuffix("/metadata")
        if not path.endswith("/metadata") or table not in self.server.metadata:
            self._problem(404, "Not found", f"No table with id {table}")
            return
        self._json(200, self.server.metadata[table])

    def do_POST(self) -> None:
        """``/tables/{id}/data``: the selection checked, then JSON-stat 2.0."""
        path = urlsplit(self.path).path
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        selection = {s["variableCode"]: s["valueCodes"] for s in body.get("selection", [])}
        self.server.asked.append(("POST", self.path, selection))
        if self._canned():
            return
        table = path.removeprefix(PREFIX).removesuffix("/data")
        if not path.endswith("/data") or table not in self.server.metadata:
            self._problem(404, "Not found", f"No table with id {table}")
            return
        self._answer(table, selection)

    def _canned(self) -> bool:
        if self.server.delay:
            time.sleep(self.server.delay)
        if self.server.body is not None:
            self.server.canned.append((200, {"Content-Type": "application/json"}, self.server.body))
        if not self.server.canned:
            return False
        status, headers, body = self.server.canned.pop(0)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return True

    def _answer(self, table: str, selection: dict[str, list[str]]) -> None:
        meta = self.server.metadata[table]
        for name, values in selection.items():
            if name not in meta["dimension"]:
                self._problem(400, "Non-existent variable", name)
                return
            unknown = [v for v in values if v not in meta["dimension"][name]["category"]["index"]]
            if unknown:
                self._problem(400, "Non-existent value", f"{name}: {unknown[0]}")
                return
        for name, dimension in meta["dimension"].items():
            eliminated = dimension["extension"]["elimination"] and not self.server.strict
            if not eliminated and name not in selection:
                self._problem(400, "Missing selection for mandantory variable", name)
                return
        self._json(200, jsonstat(meta, selection, self.server.totals[table]))

    def _problem(self, status: int, title: str, detail: str) -> None:
        self._json(
            status,
            {
                "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                "title": title,
                "status": status,
                "detail": detail,
            },
        )

    def _json(self, status: int, data: object) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        """Quiet."""


def jsonstat(
    meta: dict[str, Any], selection: dict[str, list[str]], totals: dict[tuple[str, str], int]
) -> dict[str, Any]:
    """SCB's JSON-stat 2.0 answer to ``selection``, shaped like the recorded answers."""
    ids = [name for name in meta["id"] if name in selection]
    dimension = {}
    for name in ids:
        original = meta["dimension"][name]
        chosen = [c for c in codes(original) if c in selection[name]]
        category: dict[str, Any] = {
            "index": {c: i for i, c in enumerate(chosen)},
            "label": {c: original["category"]["label"][c] for c in chosen},
        }
        if "unit" in original["category"]:
            category["unit"] = {c: original["category"]["unit"][c] for c in chosen}
        dimension[name] = {
            "label": original["label"],
            "category": category,
            "extension": original["extension"],
        }
    order = [list(dimension[name]["category"]["index"]) for name in ids]
    values = [_cell(meta, dict(zip(ids, cell, strict=True)), totals) for cell in product(*order)]
    return {
        "version": "2.0",
        "class": "dataset",
        "label": "Folkmängd efter region, civilstånd, ålder, kön och år",
        "source": meta["source"],
        "updated": meta["updated"],
        "note": meta["note"],
        "role": meta["role"],
        "id": ids,
        "size": [len(codes_) for codes_ in order],
        "dimension": dimension,
        "extension": meta["extension"],
        "value": values,
    }


def _cell(
    meta: dict[str, Any], cell: dict[str, str], totals: dict[tuple[str, str], int]
) -> int | None:
    """The total of the cell's region and year, split evenly over any parts asked."""
    total = totals.get((cell["Region"], cell["Tid"]))
    if total is None:
        return None
    for name, code in cell.items():
        if name in ("Region", "Tid", "ContentsCode"):
            continue
        labels = meta["dimension"][name]["category"]["label"]
        if labels[code].startswith("totalt"):
            continue
        parts = [c for c in codes(meta["dimension"][name]) if not labels[c].startswith("totalt")]
        share, rest = divmod(total, len(parts))
        total = share + (1 if parts.index(code) < rest else 0)
    return total


def serve() -> Iterator[StandIn]:
    """A running stand-in (for a fixture), stopped afterwards."""
    server = StandIn(("127.0.0.1", 0), Handler)
    server.metadata = {
        "TAB638": recorded("TAB638-sv-metadata.json"),
        "TAB5557": recorded("TAB5557-sv-metadata.json"),
    }
    server.totals = recorded_totals()
    server.canned = []
    server.asked = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
