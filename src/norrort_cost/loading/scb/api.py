"""Talking to SCB's PxWebApi 2: the two documented endpoints, nothing else.

``GET {base}/tables/{id}/metadata?lang=sv`` and ``POST {base}/tables/{id}/data?lang=sv&
outputFormat=json-stat2`` with ``{"selection": [{"variableCode", "valueCodes"}, ...]}``.
The standard library's urllib: its default proxy handler takes ``HTTPS_PROXY``/
``HTTP_PROXY`` and ``NO_PROXY`` from the environment. One :class:`Exchange` has a total
time limit and a size cap for every answer; HTTP 429 is retried after ``Retry-After`` a
few times; a redirect to another host is refused. Every failure is an
:class:`ScbUnreachableError` (exit code 4) whose hint fits its cause.
"""

from __future__ import annotations

import email.utils
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from http.client import HTTPException, HTTPMessage, HTTPResponse
from typing import IO

from norrort_cost.loading.scb.apierrors import (
    PROXY_HINT,
    ScbUnreachableError,
    detail,
    http_error,
    too_slow,
    unreachable,
)
from norrort_cost.problems import UsageError, said

__all__ = ["Exchange", "ScbUnreachableError", "_detail"]
_detail = detail  # the title of an error answer (tests read it here)

DEFAULT_API_URL = "https://statistikdatabasen.scb.se/api/v2"
API_PATH = "/api/v2"  # where PxWebApi 2 lives on its host
API_URL_ENV = "NORRORT_COST_SCB_API_URL"
TABLES_ENV = "NORRORT_COST_SCB_TABLES"
DEFAULT_TABLES = ("TAB638", "TAB5557")
REQUEST_SECONDS = 20.0  # one request
TOTAL_SECONDS = 90.0  # the whole exchange, retries and waits included
MAX_BYTES = 16 * 1024 * 1024  # an answer for the members is some kilobytes
RETRIES = 3  # after HTTP 429
LONGEST_WAIT = 30.0  # a Retry-After beyond this is not waited for
_CHUNK = 64 * 1024


class _SameHost(urllib.request.HTTPRedirectHandler):
    """Follows a redirect on SCB's own host only; another host is refused."""

    def redirect_request(  # noqa: PLR0913, PLR0917 - urllib's signature
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        here = urllib.parse.urlsplit(req.full_url).hostname
        there = urllib.parse.urlsplit(newurl).hostname
        if there != here:
            fp.close()
            raise ScbUnreachableError(
                said("SCB's API redirected to another host ({host})", host=there or newurl),
                "check the API address (--api-url, scb_api_url); a redirect elsewhere is "
                "often a proxy's or a network's login page",
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass
class Exchange:
    """One conversation with the API at ``base``: a total time limit over all its requests."""

    base: str
    total_seconds: float = TOTAL_SECONDS
    max_bytes: int = MAX_BYTES
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    deadline: float = field(init=False)

    def __post_init__(self) -> None:
        if not self.base.startswith(("http://", "https://")) or not _well_formed(self.base):
            raise UsageError(
                said("{url} is not an http(s) address", url=self.base),
                "set scb_api_url to SCB's API",
            )
        self.base = self.base.rstrip("/").removesuffix("/tables")
        self.deadline = self.clock() + self.total_seconds

    def metadata(self, table: str) -> object:
        """The table's metadata (JSON-stat 2.0 without values).

        An address given without PxWebApi 2's path (``http://host:port``) that answers 404
        is tried once more with ``/api/v2`` added, and kept if that answers.
        """
        try:
            return self._metadata(table)
        except ScbUnreachableError as exc:
            if exc.status != 404 or self.base.endswith(API_PATH):
                raise
            given = self.base
            self.base = given + API_PATH
            try:
                return self._metadata(table)
            except ScbUnreachableError:
                self.base = given
                raise exc from None

    def _metadata(self, table: str) -> object:
        quoted = urllib.parse.quote(table, safe="")
        url = f"{self.base}/tables/{quoted}/metadata?lang=sv"
        return self._json(urllib.request.Request(url))  # noqa: S310 - http(s) checked above

    def data(self, table: str, selection: dict[str, list[str]]) -> object:
        """SCB's JSON-stat 2.0 answer for ``selection`` (variable code -> value codes)."""
        body = {"selection": [{"variableCode": k, "valueCodes": v} for k, v in selection.items()]}
        quoted = urllib.parse.quote(table, safe="")
        url = f"{self.base}/tables/{quoted}/data?lang=sv&outputFormat=json-stat2"
        request = urllib.request.Request(  # noqa: S310 - http(s) checked in __post_init__
            url,
            data=json.dumps(body).encode("utf-8"),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        return self._json(request)

    def _json(self, request: urllib.request.Request) -> object:
        request.add_header("Accept", "application/json")
        for attempt in range(RETRIES + 1):
            status, headers, body = self._send(request)
            if status != 429:
                break
            wait = _retry_after(headers.get("Retry-After"))
            if attempt == RETRIES or wait > min(LONGEST_WAIT, self.deadline - self.clock()):
                raise ScbUnreachableError(
                    said("SCB's API limits the requests (HTTP 429) after {n} tries", n=attempt + 1),
                    "wait a few minutes and run it again; other programs on your network may "
                    "be asking SCB at the same time",
                )
            self.sleep(wait)
        if status >= 300:  # a redirect urllib does not follow (307 on POST) is an error too
            raise http_error(status, body)
        return _parse(body, headers.get("Content-Type", ""))

    def _send(self, request: urllib.request.Request) -> tuple[int, Message, bytes]:
        left = self.deadline - self.clock()
        if left <= 0:
            raise too_slow(self.total_seconds)
        opener = urllib.request.build_opener(_SameHost())
        try:
            with opener.open(request, timeout=min(REQUEST_SECONDS, left)) as answer:
                return answer.status, answer.headers, self._read(answer)
        except urllib.error.HTTPError as exc:
            try:
                return exc.code, exc.headers, self._read(exc)
            finally:
                exc.close()
        except (TimeoutError, urllib.error.URLError, OSError, HTTPException) as exc:
            # HTTPException: an answer that is not HTTP, cut short or with broken framing
            raise unreachable(request.full_url, exc) from None

    def _read(self, answer: HTTPResponse | urllib.error.HTTPError) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while chunk := answer.read(_CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                raise ScbUnreachableError(
                    said("SCB's answer is larger than {mb} MB", mb=self.max_bytes // 2**20),
                    "ask fewer years at a time (--year)",
                )
            if self.clock() > self.deadline:
                raise too_slow(self.total_seconds)
            chunks.append(chunk)
        return b"".join(chunks)


def _well_formed(url: str) -> bool:
    """Whether ``url`` has a host, a valid port if any, and no spaces or control characters."""
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return False
    try:
        parts = urllib.parse.urlsplit(url)
        _ = parts.port  # ValueError when out of range or not a number
    except ValueError:
        return False
    return bool(parts.hostname)


def _retry_after(value: str | None) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); 5 if none."""
    if value is None or not value.strip():
        return 5.0
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 5.0
    return max(0.0, when.timestamp() - time.time())


def _parse(body: bytes, content_type: str) -> object:
    """The JSON of an answer, read within the JSON bounds (a located problem past them)."""
    from norrort_cost.loading.jsontext import JsonLimitError, parse_json
    from norrort_cost.problems import DataError, problem

    try:
        return parse_json(body.decode("utf-8"))
    except JsonLimitError as exc:
        raise DataError(
            [
                problem(
                    exc.code,
                    exc.message,
                    file="SCB's answer",
                    line=exc.line,
                    hint="SCB's API does not answer like this: check --api-url",
                )
            ]
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        kind = content_type.split(";", maxsplit=1)[0].strip() or "no content type"
        raise ScbUnreachableError(
            said("SCB's API answered with {kind}, not JSON", kind=kind), PROXY_HINT
        ) from None
