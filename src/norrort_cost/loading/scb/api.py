"""Getting population figures from SCB's PxWebApi 2 (JSON-stat 2.0 answers).

One GET of table TAB638 (BE0101N1, "Folkmängden efter region, ... och år"): the contents
BE0101N1 (folkmängd, 31 December), the dataset's kommunkoder as regions, the years asked
for or the latest (``top(1)``); every other variable is left out, so SCB answers with its
total. The answer goes through the same reader as a downloaded JSON-stat file. The
standard library's urllib with a short timeout: without a network it fails at once.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence

from norrort_cost.problems import UsageError, said

DEFAULT_API_URL = "https://statistikdatabasen.scb.se/api/v2"
API_URL_ENV = "NORRORT_COST_SCB_API_URL"
TABLE = "TAB638"
CONTENTS = "BE0101N1"
TIMEOUT_SECONDS = 5.0
EXIT_UNREACHABLE = 4

Fetcher = Callable[[str, float], bytes]


class ScbUnreachableError(UsageError):
    """SCB's API could not be reached or did not answer with figures (exit code 4)."""

    exit_code = EXIT_UNREACHABLE


def data_url(base: str, kommunkoder: Sequence[str], years: Sequence[int]) -> str:
    """The GET address of the population of ``kommunkoder`` in ``years`` (latest if none)."""
    query = {
        "lang": "sv",
        "outputFormat": "json-stat2",
        "valueCodes[ContentsCode]": CONTENTS,
        "valueCodes[Region]": ",".join(kommunkoder),
        "valueCodes[Tid]": ",".join(str(y) for y in sorted(years)) or "top(1)",
    }
    return f"{base.rstrip('/')}/tables/{TABLE}/data?{urllib.parse.urlencode(query, safe='(),')}"


def fetch(url: str, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The body of SCB's answer; ScbUnreachableError (exit 4) saying why there is none."""
    if not url.startswith(("http://", "https://")):
        raise UsageError(
            said("{url} is not an http(s) address", url=url), "set scb_api_url to SCB's API"
        )
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 - http(s) checked above
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 - same
            body: bytes = answer.read()
            return body
    except urllib.error.HTTPError as exc:
        raise ScbUnreachableError(
            f"SCB's API answered {exc.code} {exc.reason}: {_detail(exc.read())}",
            "check the years asked for (SCB publishes a year's figures in the spring after) "
            "and the API address (scb_api_url in cooperation.toml)",
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ScbUnreachableError(
            f"SCB's API at {urllib.parse.urlsplit(url).netloc} cannot be reached: {reason}",
            "check the network connection, or download the table as a file from "
            "Statistikdatabasen and use 'population import-scb FILE'",
        ) from None


def _detail(body: bytes) -> str:
    """The title of an API error answer (RFC 7807 problem JSON), or its first words."""
    from norrort_cost.loading.jsontext import parse_json

    try:
        data = parse_json(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):  # not JSON, or past a limit
        return body[:120].decode("utf-8", errors="replace").strip() or "no details"
    if isinstance(data, dict):
        return str(data.get("title") or data.get("detail") or data)[:200]
    return str(data)[:200]
