"""Benchmark norrort-cost against baselines measured in the same run; print ratios and targets.

Run it with the interpreter of the environment where norrort-cost is installed:

    python benchmarks/run.py            # 7 runs per measurement, medians
    python benchmarks/run.py --runs 15

Every ratio divides a median time (or memory) of norrort-cost by the median of its baseline,
measured in the same run, interleaved round by round, so that a slow or busy machine slows
both sides alike. Commands run as subprocesses of the installed console script, beside
``sys.executable``. The exit code is 0 when every target is met (skipped steps do not
count), 1 when one is missed, 2 when norrort-cost is not installed here.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
MEMBERS = 290
POOL_COUNTS = (10, 100, 1_000, 10_000)
SEED = 2014


@dataclass
class Verdict:
    """One measured ratio and its target."""

    name: str
    ratio: float
    target: float
    detail: str

    @property
    def passed(self) -> bool:
        """Whether the ratio meets its target."""
        return self.ratio <= self.target

    def line(self) -> str:
        """One row of the report."""
        status = "PASS" if self.passed else "FAIL"
        return (
            f"{self.name:<46} {self.ratio:6.2f}×  target ≤ {self.target:<5} {status}  {self.detail}"
        )


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


def command(*argv: str | Path) -> Callable[[], object]:
    """A callable running ``argv`` to completion, output discarded, failing loudly."""
    args = [str(a) for a in argv]

    def run() -> object:
        return subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)

    return run


def ratio_of(
    name: str,
    target: float,
    candidate: Callable[[], object],
    baseline: Callable[[], object],
    runs: int,
) -> Verdict:
    """Time candidate against baseline and judge the ratio."""
    ours, theirs = race(candidate, baseline, runs)
    return Verdict(name, ours / theirs, target, f"{ours * 1000:.0f} ms vs {theirs * 1000:.0f} ms")


def startup(cli: str, runs: int) -> list[Verdict]:
    """Steps 1 and 2: start-up of --help and of allocate, against bare library imports."""
    return [
        ratio_of(
            "1. norrort-cost --help / minimal typer app",
            1.25,
            command(cli, "--help"),
            command(sys.executable, HERE / "minimal_app.py", "--help"),
            runs,
        ),
        ratio_of(
            "2. allocate --year 2014 --format json / imports",
            1.2,
            command(cli, "allocate", "--year", "2014", "--format", "json"),
            command(sys.executable, "-c", "import typer, pydantic, pandas, rich"),
            runs,
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
    largest, cheapest = per_pool[POOL_COUNTS[-1]], min(per_pool.values())
    spread = ", ".join(f"{n}: {t * 1e6:.2f}" for n, t in per_pool.items())
    verdicts.append(
        Verdict("   linear: µs/pool at 10 000 / lowest", largest / cheapest, 1.5, spread)
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
        Verdict(f"3. bulk {MEMBERS}×{pools:<6} / pandas.read_csv", ours / theirs, 2.0, timing),
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
    """Step 4: invoices for one year (PDF and UBL) against allocate for the same year."""
    with tempfile.TemporaryDirectory() as scratch:
        counter = iter(range(10**6))

        def make_invoices() -> object:
            out = Path(scratch) / f"run-{next(counter)}"
            argv = ("invoices", "--year", "2014", "--out", out, "--issue-date", "2014-05-02")
            return command(cli, *argv, "--format", "pdf,ubl")()

        return [
            ratio_of(
                "4. invoices --year 2014 (PDF+UBL) / allocate",
                3.0,
                make_invoices,
                command(cli, "allocate", "--year", "2014"),
                runs,
            )
        ]


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


def scaling(runs: int) -> list[Verdict]:
    """Step 5: validate and allocate on 4× the rows / on 1× (linear: 4, quadratic: 16)."""
    from norrort_cost import allocate, load_dataset
    from norrort_cost.loading import check_dataset

    with tempfile.TemporaryDirectory() as scratch:
        small = scaling_dataset(Path(scratch) / "small", SCALING_ROWS)
        large = scaling_dataset(Path(scratch) / "large", 4 * SCALING_ROWS)
        rounds = max(3, runs // 2)
        verdicts = [
            ratio_of(
                f"5. validate {4 * SCALING_ROWS} rows / {SCALING_ROWS} rows",
                6.0,
                lambda: check_dataset(large),
                lambda: check_dataset(small),
                rounds,
            )
        ]
        small_data, large_data = load_dataset(small), load_dataset(large)
        verdicts.append(
            ratio_of(
                f"   allocate, {4 * SCALING_ROWS} figures / {SCALING_ROWS}",
                6.0,
                lambda: allocate(large_data, 2014),
                lambda: allocate(small_data, 2014),
                rounds,
            )
        )
    return verdicts


def main(argv: list[str] | None = None) -> int:
    """Run every step, print the report, return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per measurement (median)")
    args = parser.parse_args(argv)
    cli = shutil.which("norrort-cost", path=str(Path(sys.executable).parent))
    if cli is None:
        print(
            f"norrort-cost is not installed beside {sys.executable}; run: pip install '.[bench]'",
            file=sys.stderr,
        )
        return 2
    print(f"norrort-cost benchmark: medians of {args.runs} runs, Python {sys.version.split()[0]}")
    verdicts: list[Verdict] = []
    try:
        steps = (startup, lambda _cli, runs: bulk(runs), invoices, lambda _cli, runs: scaling(runs))
        steps += (__import__("report_bench").report,)  # the committee report: report_bench.py
        for step in steps:
            for verdict in step(cli, args.runs):
                print(verdict.line(), flush=True)
                verdicts.append(verdict)
    except subprocess.CalledProcessError as exc:
        failed_command = " ".join(str(a) for a in exc.cmd)
        print(f"error: {failed_command} exited with {exc.returncode}", file=sys.stderr)
        print(exc.stderr.decode(errors="replace"), file=sys.stderr)
        return 1
    failed = [v.name.strip() for v in verdicts if not v.passed]
    print("all targets met" if not failed else f"targets missed: {len(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
