"""Why SCB's API did not answer with figures: one error (exit code 4) with a hint for its cause.

:mod:`.api` talks to the API; this module words what went wrong: an HTTP status (RFC 7807
problem JSON read for its title), a time limit, a connection that failed and why.
"""

from __future__ import annotations

import urllib.parse

from norrort_cost.problems import UsageError, said

EXIT_UNREACHABLE = 4

PROXY_HINT = (
    "a proxy or a network login page answered instead of SCB: set HTTPS_PROXY (and "
    "NO_PROXY) to your organisation's proxy, or sign in to the network, and try again"
)
NETWORK_HINT = (
    "check the network connection and HTTPS_PROXY, or download the table as a file from "
    "Statistikdatabasen and use 'population import-scb FILE'"
)


class ScbUnreachableError(UsageError):
    """SCB's API could not be reached or did not answer with figures (exit code 4)."""

    exit_code = EXIT_UNREACHABLE
    status: int | None = None  # the HTTP status of an error answer, if there was one


def http_error(status: int, body: bytes) -> ScbUnreachableError:
    error = _status_error(status, body)
    error.status = status
    return error


def _status_error(status: int, body: bytes) -> ScbUnreachableError:
    title = detail(body)
    message = said("SCB's API answered {status}: {title}", status=status, title=title)
    if status >= 500:
        return ScbUnreachableError(message, "SCB's service has a problem: try again later")
    if status in (404, 410):
        return ScbUnreachableError(
            message, "check the table ids (--table, scb_tables) and the API address (--api-url)"
        )
    if status in (401, 403, 407):
        return ScbUnreachableError(message, PROXY_HINT)
    return ScbUnreachableError(
        message, "SCB refused the selection: check the table ids (--table) and the years"
    )


def detail(body: bytes) -> str:
    """The title of an API error answer (RFC 7807 problem JSON), or its first words."""
    from norrort_cost.loading.jsontext import parse_json

    try:
        data = parse_json(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):  # not JSON, or past a limit
        text = body[:120].decode("utf-8", errors="replace").strip()
        return " ".join(text.split()) or said("no details")
    if isinstance(data, dict):
        return str(data.get("title") or data.get("detail") or data)[:200]
    return str(data)[:200]


def too_slow(seconds: float) -> ScbUnreachableError:
    return ScbUnreachableError(
        said("SCB's API did not answer within {seconds} seconds", seconds=int(seconds)),
        "try again later, or download the table from Statistikdatabasen and use "
        "'population import-scb FILE'",
    )


def unreachable(url: str, exc: BaseException) -> ScbUnreachableError:
    reason = getattr(exc, "reason", exc)
    host = urllib.parse.urlsplit(url).netloc
    if isinstance(reason, TimeoutError):
        return ScbUnreachableError(
            said("SCB's API at {host} did not answer in time", host=host), NETWORK_HINT
        )
    return ScbUnreachableError(
        said("SCB's API at {host} cannot be reached: {reason}", host=host, reason=_why(reason)),
        NETWORK_HINT,
    )


def _why(reason: object) -> object:
    """Why a connection failed, in words the catalog can say for the common causes (the
    system's own text, in English, otherwise)."""
    import socket
    import ssl

    if isinstance(reason, ConnectionRefusedError):
        return said("the connection was refused")
    if isinstance(reason, ConnectionResetError):
        return said("the connection was broken off")
    if isinstance(reason, socket.gaierror):
        return said("the host name is not known (no network, or a misspelt address?)")
    if isinstance(reason, ssl.SSLError):
        return said("the secure connection (TLS) could not be set up")
    return reason
