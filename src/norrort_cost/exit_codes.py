"""The exit codes of the command line, each with its meaning: the one table of them.

Scripts may rely on these numbers. The documentation's exit-code page is generated from
this table, and ``tests/test_exit_codes.py`` checks that the errors and commands that exit
with a code use the number listed here and that ``--help`` names each one.
"""

from __future__ import annotations

from typing import Final

OK: Final = 0
DATA_ERROR: Final = 1
USAGE_ERROR: Final = 2
NOT_CONSISTENT: Final = 3
SCB_UNREACHABLE: Final = 4
INTERRUPTED: Final = 130  # 128 + SIGINT
TERMINATED: Final = 143  # 128 + SIGTERM
BROKEN_PIPE: Final = 141  # 128 + SIGPIPE

EXIT_CODES: Final[dict[int, str]] = {
    OK: "success",
    DATA_ERROR: (
        "the input data has problems: every problem is listed (file, line, column, value, "
        "code, hint), and nothing is written"
    ),
    USAGE_ERROR: (
        "usage error: a bad option, a year without budget, an unknown municipality, a "
        "document already issued, output that cannot be written"
    ),
    NOT_CONSISTENT: "`check`: the claimed figure is not consistent with the computed one",
    SCB_UNREACHABLE: (
        "`population fetch-scb`: SCB's API cannot be reached or answers with an error"
    ),
    INTERRUPTED: "interrupted with Ctrl-C (SIGINT); what was not committed is undone",
    BROKEN_PIPE: (
        "stdout is a pipe whose reader has gone (`| head -1`): the command stops quietly, "
        "as a Unix tool stopped by SIGPIPE does"
    ),
    TERMINATED: "stopped by SIGTERM; what was not committed is undone",
}
