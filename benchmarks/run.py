"""Benchmark norrort-cost against the baselines it competes with, measured in the same run.

Run it with the interpreter of the environment where norrort-cost is installed:

    pip install '.[bench]' && python benchmarks/run.py     # 5 runs per measurement, medians
    python benchmarks/run.py --runs 9 --table docs/benchmark-table.md

Every ratio divides a median of norrort-cost by the median of its baseline, measured in the
same run, interleaved pair by pair, so that a busy machine slows both sides alike. Commands
run as subprocesses (the installed console script beside ``sys.executable``) and are
measured by their own CPU time (user + system) and peak memory (max RSS), read from the
operating system when each child ends (``os.wait4``): no wall-clock noise from the other
processes of a shared machine. Baselines: a one-command typer app (``--help``); the
libraries the command imports (``allocate``); plain fpdf2 writing as many PDFs (invoices);
pandas reading the same file (imports, :mod:`baselines`). Growth is the ratio of the time
(or memory) per item at the largest size to that at the smallest: ~1 or less when linear,
the size ratio when quadratic. The exit code is 0 when every target is met, 1 when one is
missed (each miss named), 2 when norrort-cost is not installed here.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # scb_files, baselines, verdict
from report_bench import compile_package  # noqa: E402 - found beside this script
from verdict import REFERENCE, Verdict  # noqa: E402 - found beside this script, on the path just set

MEMBERS = 290
POOL_COUNTS = (10, 100, 1_000, 10_000)
SEED = 2014


def timed(action: Callable[[], object]) -> float:
    """Seconds one call of ``action`` takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def race(
    candidate: Callable[[], object], baseline: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Median seconds of candidate and baseline, alternating, after one warm-up of each."""
    candidate(), baseline()
    pairs = [(timed(candidate), timed(baseline)) for _ in range(runs)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


@dataclass(frozen=True)
class Usage:
    """What one child process used: CPU seconds (user + system) and peak memory in bytes."""

    cpu: float
    memory: int


_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
sys.stderr.write(f"\\n@usage {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}\\n")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def child(argv: Sequence[str | Path]) -> Usage:
    """Run ``argv`` to completion (output discarded) and read its own CPU time and max RSS.

    A small launcher forks and waits for the command (``os.wait4``): the peak memory the
    kernel reports for a child includes what its parent held when it forked, so the parent
    must be small, not this benchmark with its generated files in memory.
    """
    args = [str(a) for a in argv]
    program = shutil.which(args[0]) or args[0]
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, program, *args[1:]],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    if done.returncode:
        raise subprocess.CalledProcessError(done.returncode, args, stderr=done.stderr)
    cpu, kilobytes = done.stderr.decode(errors="replace").rsplit("@usage ", 1)[1].split()
    return Usage(float(cpu), int(kilobytes) * 1024)


def duel(
    candidate: Callable[[], Sequence[str | Path]],
    baseline: Callable[[], Sequence[str | Path]],
    runs: int,
    *,
    warm: bool = True,
) -> tuple[Usage, Usage]:
    """Medians of CPU time and of peak memory of both commands, run in pairs, warm-up first.

    ``candidate`` and ``baseline`` give the command line of each run (a fresh output each).
    """
    if warm:
        child(candidate()), child(baseline())
    pairs = [(child(candidate()), child(baseline())) for _ in range(runs)]

    def median(side: int) -> Usage:
        return Usage(
            statistics.median(p[side].cpu for p in pairs),
            int(statistics.median(p[side].memory for p in pairs)),
        )

    return median(0), median(1)


def verdict_of(name: str, target: float, ours: Usage, theirs: Usage) -> Verdict:
    """The CPU ratio of a duel against its target."""
    detail = f"{ours.cpu * 1000:.0f} ms vs {theirs.cpu * 1000:.0f} ms CPU"
    return Verdict(name, ours.cpu / theirs.cpu, target, detail)


def startup(cli: str, runs: int) -> list[Verdict]:
    """--help against a one-command typer app; allocate against the libraries it imports.

    ``allocate --format json`` needs typer, pydantic and rich's siblings, nothing heavier:
    its baseline imports typer, pydantic and rich (no pandas, no numpy: it loads neither).
    """
    help_ours, help_theirs = duel(
        lambda: [cli, "--help"], lambda: [sys.executable, HERE / "minimal_app.py", "--help"], runs
    )
    allocate_ours, allocate_theirs = duel(
        lambda: [cli, "allocate", "--year", "2014", "--format", "json"],
        lambda: [sys.executable, HERE / "baselines.py", "imports"],
        runs,
    )
    floor, floor_baseline = duel(
        lambda: [sys.executable, HERE / "options_app.py", "--year", "2014", "--format", "json"],
        lambda: [sys.executable, HERE / "baselines.py", "imports"],
        runs,
    )
    return [
        verdict_of("1. --help / one-command typer app", 1.25, help_ours, help_theirs),
        verdict_of(
            "2. allocate -y 2014 -f json / import typer, pydantic, rich",
            2.0,
            allocate_ours,
            allocate_theirs,
        ),
        verdict_of(
            "reference: typer app with allocate's options, doing nothing / same",
            REFERENCE,
            floor,
            floor_baseline,
        ),
    ]


def synthetic_csv(path: Path, pools: int) -> list[str]:
    """Write ``pools`` rows (pool, total in öre, one weight per member); return member codes.

    Weights are inhabitants × days of membership, as in the single allocation; the member
    columns are in no particular order, so the engine also pays for sorting by kommunkod.
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(SEED)
    codes = [f"{c:04d}" for c in rng.choice(np.arange(114, 2600), MEMBERS, replace=False)]
    inhabitants = rng.integers(2_000, 1_000_000, size=(pools, MEMBERS))
    weights = inhabitants * rng.integers(1, 367, size=(pools, MEMBERS))
    frame = pd.DataFrame(weights, columns=codes)
    frame.insert(0, "total", rng.integers(0, 10**11, size=pools))
    frame.insert(0, "pool", [f"pool-{i:06d}" for i in range(pools)])
    frame.to_csv(path, index=False)
    return codes


def bulk(runs: int) -> list[Verdict]:
    """Step 3: bulk allocation of synthetic pools against pandas.read_csv of the same input."""
    verdicts: list[Verdict] = []
    per_pool: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for pools in POOL_COUNTS:
            path = Path(scratch) / f"pools-{pools}.csv"
            verdicts += bulk_size(path, pools, runs, per_pool)
    largest, smallest = per_pool[POOL_COUNTS[-1]], per_pool[POOL_COUNTS[0]]
    spread = ", ".join(f"{n}: {t * 1e6:.2f}" for n, t in per_pool.items())
    verdicts.append(
        Verdict(
            f"   growth: µs/pool at {POOL_COUNTS[-1]} / at {POOL_COUNTS[0]}",
            largest / smallest,
            1.5,
            spread,
        )
    )
    return verdicts


def bulk_size(path: Path, pools: int, runs: int, per_pool: dict[int, float]) -> list[Verdict]:
    """Time and memory of one size; the time includes taking the arrays out of the frame.

    Peak memory is that of ``allocate_many`` on the frame's columns as numpy arrays (the
    result included); pandas' own copy when it hands out the columns is not counted.
    """
    import pandas as pd

    from norrort_cost import allocate_many

    codes = synthetic_csv(path, pools)
    frame = pd.read_csv(path, dtype={"pool": str})

    def from_frame() -> object:
        return allocate_many(frame["total"].to_numpy(), frame[codes].to_numpy(), codes)

    ours, theirs = race(from_frame, lambda: pd.read_csv(path, dtype={"pool": str}), runs)
    per_pool[pools] = ours / pools
    totals, weights = frame["total"].to_numpy(), frame[codes].to_numpy()
    peak = peak_memory(lambda: allocate_many(totals, weights, codes))
    size = int(frame.memory_usage(deep=True).sum())
    timing = f"{ours * 1000:.1f} ms vs {theirs * 1000:.1f} ms, {ours / pools * 1e6:.2f} µs/pool"
    memory = f"{peak / 2**20:.2f} MiB vs {size / 2**20:.2f} MiB"
    return [
        Verdict(f"5. bulk {MEMBERS}×{pools:<6} / pandas.read_csv", ours / theirs, 2.0, timing),
        Verdict(f"   peak memory, {pools} pools / input frame", peak / size, 3.0, memory),
    ]


def peak_memory(action: Callable[[], object]) -> int:
    """Bytes allocated at the peak of ``action`` (numpy buffers included), beyond the start."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        action()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def invoices(cli: str, runs: int) -> list[Verdict]:
    """14 invoices (PDF + UBL, the register) against plain fpdf2 writing 14 PDFs, same font."""
    with tempfile.TemporaryDirectory() as scratch:
        counter = iter(range(10**6))

        def ours() -> list[str | Path]:
            out = Path(scratch) / f"run-{next(counter)}"
            argv = ["invoices", "--year", "2014", "--output", out, "--issue-date", "2014-05-02"]
            return [cli, *argv, "--format", "pdf,ubl", "--register", out / "register.sqlite"]

        def theirs() -> list[str | Path]:
            out = Path(scratch) / f"fpdf-{next(counter)}"
            return [sys.executable, HERE / "baselines.py", "pdfs", out, "14"]

        mine, baseline = duel(ours, theirs, runs)
        return [verdict_of("3. invoices -y 2014 (PDF+UBL) / fpdf2, 14 PDFs", 1.5, mine, baseline)]


IMPORT_SIZES: dict[str, tuple[tuple[int, int], tuple[int, int], float, str]] = {
    # format: ((years, kön) of the ~2 MB file, of the ~20 MB file), CPU target, baseline
    "px": ((6, 3), (57, 3), 3.0, "px"),
    "json": ((6, 3), (50, 3), 2.0, "json"),
    "wide.csv": ((1, 3), (40, 3), 2.0, "csv"),
    "long.csv": ((2, 1), (18, 1), 2.0, "csv"),
}
MEMORY_TARGET = 2.0
GROWTH_TARGET = 1.5


def imports(cli: str, runs: int, data_dir: Path) -> list[Verdict]:
    """import-scb of every format at ~2 MB and ~20 MB against pandas reading the same file.

    CPU and peak memory against the baseline at each size; growth of CPU and memory per
    cell from the small file to the large one.
    """
    import scb_files

    verdicts: list[Verdict] = []
    with tempfile.TemporaryDirectory() as scratch:
        for kind, (small, large_size, target, baseline) in IMPORT_SIZES.items():
            measured = []
            for years, sexes in (small, large_size):
                path = scb_files.write_all(Path(scratch), years, sexes, SEED, (kind,))[kind]
                cells = MUNICIPALITY_COUNT * AGE_COUNT * sexes * years
                argv = [cli, "population", "import-scb", path, "--data-dir", data_dir, "--dry-run"]
                base = [sys.executable, HERE / "baselines.py", baseline, path]
                large = (years, sexes) == large_size
                pairs = (1 if kind.endswith("csv") else max(2, runs - 1)) if large else runs
                ours, theirs = duel(lambda a=argv: a, lambda b=base: b, pairs, warm=not large)
                megabytes = path.stat().st_size / 1e6
                name = f"4. import-scb {kind} {megabytes:.0f} MB / pandas"
                verdicts.append(verdict_of(name, target, ours, theirs))
                verdicts.append(
                    Verdict(
                        f"   peak memory, {kind} {megabytes:.0f} MB / pandas",
                        ours.memory / theirs.memory,
                        MEMORY_TARGET,
                        f"{ours.memory / 2**20:.0f} MiB vs {theirs.memory / 2**20:.0f} MiB",
                    )
                )
                measured.append((cells, ours))
                path.unlink()
            verdicts.extend(growth(kind, measured))
    return verdicts


MUNICIPALITY_COUNT = 290
AGE_COUNT = 102


def growth(what: str, measured: list[tuple[int, Usage]]) -> list[Verdict]:
    """CPU and memory per item at the largest size over those at the smallest."""
    (few, small), (many, large) = measured[0], measured[-1]
    cpu = (large.cpu / many) / (small.cpu / few)
    memory = (large.memory / many) / (small.memory / few)
    detail = f"{small.cpu:.2f} s at {few}, {large.cpu:.2f} s at {many}"
    return [
        Verdict(f"   growth of CPU per item, {what}", cpu, GROWTH_TARGET, detail),
        Verdict(
            f"   growth of memory per item, {what}",
            memory,
            GROWTH_TARGET,
            f"{small.memory / 2**20:.0f} MiB, {large.memory / 2**20:.0f} MiB",
        ),
    ]


SKIPPED_ROWS = (10_000, 100_000)


def skipped_regions(cli: str, runs: int, data_dir: Path) -> list[Verdict]:
    """import-scb of a long export of districts (all but 15 skipped): linear in its rows."""
    import scb_files

    measured = []
    with tempfile.TemporaryDirectory() as scratch:
        for rows in SKIPPED_ROWS:
            path = Path(scratch) / f"skipped-{rows}.csv"
            scb_files.write_skipped_csv(path, rows, SEED)
            argv = [cli, "population", "import-scb", path, "--data-dir", data_dir, "--dry-run"]
            measured.append((rows, child(argv)))
    [verdict, _] = growth("skipped regions", measured)
    verdict.name = "4. import-scb, all but 15 regions skipped: growth of CPU per row"
    return [verdict]


SCALING_ROWS = 2_500
"""Rows of population.csv and of memberships.csv in the small scaling dataset (×4: large)."""


def organisationsnummer(serial: int) -> str:
    """A valid organisationsnummer 21NNNN-NNNC (municipalities' series), Luhn digit last."""
    digits = f"21{serial:07d}"
    total = 0
    for i, digit in enumerate(int(d) for d in reversed(digits)):
        doubled = digit * 2 if i % 2 == 0 else digit
        total += doubled - 9 if doubled > 9 else doubled
    text = digits + str((10 - total % 10) % 10)
    return f"{text[:6]}-{text[6:]}"


def scaling_dataset(path: Path, rows: int) -> Path:
    """A valid dataset: MEMBERS members, about ``rows`` figures and ``rows`` membership rows.

    Each member has many one-day memberships in the past (what the overlap check must
    compare) and an open one from 2014; figures are daily, plus the 2013 year-end.
    """
    from datetime import date, timedelta

    path.mkdir(parents=True)
    codes = [f"{1000 + i:04d}" for i in range(MEMBERS)]
    per_member = max(1, rows // MEMBERS)
    start = date(1990, 1, 1)
    (path / "cooperation.toml").write_text('name = "Scaling"\n', encoding="utf-8")
    municipalities = [f"{c},Kommun {c},{organisationsnummer(i)}" for i, c in enumerate(codes)]
    figures, periods = [], []
    for code in codes:
        for day in range(per_member):
            on = start + timedelta(days=2 * day)
            figures.append(f"{code},{on},{10_000 + day}")
            periods.append(f"{code},{on},{on}")
        figures.append(f"{code},2013-12-31,20000")
        periods.append(f"{code},2014-01-01,")
    files = {
        "municipalities.csv": ["kommunkod,name,organisationsnummer", *municipalities],
        "population.csv": ["kommunkod,reference_date,inhabitants", *figures],
        "memberships.csv": ["kommunkod,from,to", *periods],
        "budget.csv": ["year,line,amount", "2014,Drift,1000000"],
    }
    for name, lines in files.items():
        (path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


REGISTER_SIZES = (1_171, 9_368)


def register_list(cli: str, runs: int, data_dir: Path) -> list[Verdict]:
    """register list (the table) of a register of 1 171 and of 9 368 documents: growth per row.

    The register is one real run of invoices (14 documents) copied over with new numbers.
    """
    measured = []
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "source.sqlite"
        out = Path(scratch) / "out"
        argv = ["invoices", "-y", "2014", "-o", out, "--issue-date", "2014-05-02", "-f", "ubl"]
        child([cli, *argv, "--register", source, "--data-dir", data_dir])
        for size in REGISTER_SIZES:
            path = Path(scratch) / f"register-{size}.sqlite"
            shutil.copy(source, path)
            with sqlite3.connect(path) as connection:
                _grow(connection, size)
            argv = [cli, "register", "list", "--register", path, "--data-dir", data_dir]
            measured.append((size, child(argv)))
    [verdict, _] = growth("register list", measured)
    verdict.name = "7. register list: growth of CPU per row"
    verdict.detail += f" ({measured[-1][1].cpu / measured[-1][0] * 1e3:.2f} ms/row)"
    return [verdict]


def _grow(connection: sqlite3.Connection, size: int) -> None:
    """Copy the register's documents with fresh numbers until it holds ``size`` of them."""
    columns = [row[1] for row in connection.execute("PRAGMA table_info(documents)")]
    kept = [c for c in columns if c not in ("id", "number", "sequence")]
    rows = connection.execute(f"SELECT {', '.join(kept)} FROM documents").fetchall()  # noqa: S608
    high = connection.execute("SELECT max(sequence) FROM documents").fetchone()[0] or 0
    count = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    marks = ", ".join("?" for _ in range(len(kept) + 2))
    insert = f"INSERT INTO documents ({', '.join(kept)}, number, sequence) VALUES ({marks})"  # noqa: S608
    serial = high
    while count < size:
        for row in rows[: size - count]:
            serial += 1
            connection.execute(insert, (*row, f"B{serial:07d}", serial))
            count += 1


def scaling(runs: int) -> list[Verdict]:
    """validate and allocate on 4× the rows against 1×: growth of time per row."""
    from norrort_cost import allocate, load_dataset
    from norrort_cost.loading import check_dataset

    with tempfile.TemporaryDirectory() as scratch:
        small = scaling_dataset(Path(scratch) / "small", SCALING_ROWS)
        large = scaling_dataset(Path(scratch) / "large", 4 * SCALING_ROWS)
        rounds = max(3, runs // 2)
        big, few = race(lambda: check_dataset(large), lambda: check_dataset(small), rounds)
        detail = f"{few * 1000:.0f} ms at {SCALING_ROWS}, {big * 1000:.0f} ms at {4 * SCALING_ROWS}"
        verdicts = [
            Verdict("6. validate: growth of time per row (×4 rows)", big / 4 / few, 1.5, detail)
        ]
        small_data, large_data = load_dataset(small), load_dataset(large)
        big, few = race(
            lambda: allocate(large_data, 2014), lambda: allocate(small_data, 2014), rounds
        )
        detail = f"{few * 1000:.1f} ms at {SCALING_ROWS}, {big * 1000:.1f} ms at {4 * SCALING_ROWS}"
        verdicts.append(
            Verdict("   allocate: growth of time per figure (×4)", big / 4 / few, 1.5, detail)
        )
    return verdicts


def table(verdicts: list[Verdict], header: str) -> str:
    """The verdicts as a Markdown table; a miss is written MISS in bold."""
    lines = [header, "", "| measure | ratio | target | result | detail |", "|---|---|---|---|---|"]
    for verdict in verdicts:
        status = "met" if verdict.passed else "**MISS**"
        target = f"≤ {verdict.target}"
        if verdict.target == REFERENCE:
            status, target = "reference", "—"
        ratio = f"{verdict.ratio:.2f}×".replace(".", ",")
        name = verdict.name.strip()
        lines.append(f"| {name} | {ratio} | {target} | {status} | {verdict.detail} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run every step, print the report, return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--table", type=Path, help="also write the results as a Markdown table")
    parser.add_argument(
        "--only", action="append", default=[], help="run these steps only (startup, bulk, ...)"
    )
    args = parser.parse_args(argv)
    cli = shutil.which("norrort-cost", path=str(Path(sys.executable).parent))
    if cli is None:
        print(
            f"norrort-cost is not installed beside {sys.executable}; run: pip install '.[bench]'",
            file=sys.stderr,
        )
        return 2
    compile_package()
    started = time.perf_counter()
    header = (
        f"norrort-cost benchmark: medians of {args.runs} paired runs, CPU time, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    )
    print(header, flush=True)
    verdicts: list[Verdict] = []
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch) / "data"
        child([cli, "dataset", "init", data_dir])
        steps: dict[str, Callable[[], list[Verdict]]] = {
            "startup": lambda: startup(cli, args.runs),
            "invoices": lambda: invoices(cli, max(3, args.runs // 2)),
            "imports": lambda: imports(cli, max(3, args.runs // 2), data_dir),
            "skipped": lambda: skipped_regions(cli, args.runs, data_dir),
            "bulk": lambda: bulk(args.runs),
            "scaling": lambda: scaling(args.runs),
            "register": lambda: register_list(cli, args.runs, data_dir),
            # the committee report against the same report drawn with plain fpdf2 (PDF) and
            # against allocate + the same page (HTML): report_bench.py
            "report": lambda: __import__("report_bench").report(cli, args.runs),
        }
        try:
            for name, step in steps.items():
                if args.only and name not in args.only:
                    continue
                for verdict in step():
                    print(verdict.line(), flush=True)
                    verdicts.append(verdict)
        except subprocess.CalledProcessError as exc:
            failed_command = " ".join(str(a) for a in exc.cmd)
            print(f"error: {failed_command} exited with {exc.returncode}", file=sys.stderr)
            print((exc.stderr or b"").decode(errors="replace"), file=sys.stderr)
            return 1
    failed = [v.name.strip() for v in verdicts if not v.passed]
    took = time.perf_counter() - started
    print(f"took {took:.0f} s")
    print(
        "all targets met" if not failed else f"targets missed ({len(failed)}): " + "; ".join(failed)
    )
    if args.table:
        args.table.write_text(table(verdicts, header), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
