"""SCB population exports of any size, in the shapes SCB writes them (table TAB638 / BE0101N1).

    python benchmarks/scb_files.py OUT_DIR --years 57 --sexes 3       # about 20 MB per cube
    python benchmarks/scb_files.py OUT_DIR --years 6                  # about 2 MB

Writes, for 290 municipalities (``0114 Upplands Väsby`` style, the real first codes of
Stockholm County among them) × 102 ages (``totalt ålder``, ``0 år`` … ``100+ år``) × kön ×
years:

* ``px``: PC-Axis as Statistikdatabasen saves it (Windows-1252, ``STUB`` region, ålder,
  kön; ``HEADING`` år; one DATA line per stub combination);
* ``json``: JSON-stat 2.0 as PxWebApi 2 answers (``id``, ``size``, ``dimension``,
  ``value`` as a list);
* ``wide.csv``: PxWeb's CSV (region, ålder, kön in the stub; one column per year);
* ``long.csv``: a long table ``region;ålder;kön;år;Folkmängd``;
* ``skipped.csv`` (with ``--skipped-rows N``): a long export of N rows, almost all of them
  regions outside the dataset (districts with codes that are not kommunkoder), then the 15
  members of Koordination Norrort: the shape of a large export filtered down by the import.

Figures are random but deterministic (``--seed``), and the total over ages and sexes is the
sum of its parts, as in SCB's tables.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

MEMBERS = (
    ("0114", "Upplands Väsby"),
    ("0115", "Vallentuna"),
    ("0117", "Österåker"),
    ("0123", "Järfälla"),
    ("0125", "Ekerö"),
    ("0139", "Upplands-Bro"),
    ("0160", "Täby"),
    ("0162", "Danderyd"),
    ("0163", "Sollentuna"),
    ("0183", "Sundbyberg"),
    ("0184", "Solna"),
    ("0186", "Lidingö"),
    ("0187", "Vaxholm"),
    ("0188", "Norrtälje"),
    ("0191", "Sigtuna"),
)
MUNICIPALITIES = 290
AGES = ("totalt ålder", *(f"{a} år" for a in range(100)), "100+ år")
AGE_CODES = ("tot", *(str(a) for a in range(100)), "100+")
SEXES = (("1", "män"), ("2", "kvinnor"), ("1+2", "totalt"))
_SEX_CHOICE = {1: (2,), 2: (0, 1), 3: (0, 1, 2)}  # one kön: the total


def sexes_of(count: int) -> list[tuple[str, str]]:
    """The kön categories of a table with ``count`` of them."""
    return [SEXES[i] for i in _SEX_CHOICE[count]]


def regions() -> list[tuple[str, str]]:
    """290 municipalities: the 15 members, then made-up ones with free kommunkoder."""
    taken = {code for code, _ in MEMBERS}
    others = [f"{c:04d}" for c in range(200, 2600) if f"{c:04d}" not in taken]
    return [*MEMBERS, *((code, f"Kommun {code}") for code in others)][:MUNICIPALITIES]


def cube(years: int, sexes: int, seed: int) -> tuple[list[str], list[list[int]]]:
    """The years and one row of yearly figures per (region, age, sex), SCB's stub order."""
    import numpy as np  # the bench extra's pandas brings it; a cube of millions in seconds

    rng = np.random.default_rng(seed)
    periods = [str(2024 - years + 1 + i) for i in range(years)]
    places = len(regions())
    parts = rng.integers(20, 900, size=(places, len(AGES) - 1, 2, years))
    cells = np.concatenate([parts.sum(axis=1, keepdims=True), parts], axis=1)  # total age first
    kinds = np.concatenate([cells, cells.sum(axis=2, keepdims=True)], axis=2)  # men, women, both
    chosen = kinds[:, :, list(_SEX_CHOICE[sexes]), :]
    return periods, chosen.reshape(-1, years).tolist()


def _quoted(items: Iterator[str] | list[str]) -> str:
    return ",".join(f'"{item}"' for item in items)


def write_px(path: Path, periods: list[str], rows: list[list[int]], sexes: int) -> None:
    """PC-Axis, Windows-1252, as Statistikdatabasen saves TAB638."""
    places = regions()
    head = [
        'CHARSET="ANSI";',
        'AXIS-VERSION="2010";',
        'CODEPAGE="windows-1252";',
        'LANGUAGE="sv";',
        'MATRIX="BE0101N1";',
        'SUBJECT-AREA="Befolkning";',
        'TITLE="Folkmängd efter region, ålder, kön och år";',
        'CONTENTS="Folkmängd";',
        'UNITS="antal";',
        'STUB="region","ålder","kön";',
        'HEADING="år";',
        f'VALUES("region")={_quoted(f"{c} {n}" for c, n in places)};',
        f'VALUES("ålder")={_quoted(AGES)};',
        f'VALUES("kön")={_quoted(label for _, label in sexes_of(sexes))};',
        f'VALUES("år")={_quoted(periods)};',
        f'TIMEVAL("år")=TLIST(A1),{_quoted(periods)};',
        f'CODES("region")={_quoted(c for c, _ in places)};',
        f'CODES("ålder")={_quoted(AGE_CODES)};',
        f'CODES("kön")={_quoted(code for code, _ in sexes_of(sexes))};',
        f'CODES("år")={_quoted(periods)};',
        "DATA=",
    ]
    body = "\n".join(" ".join(map(str, row)) for row in rows)
    path.write_bytes(("\r\n".join(head) + "\r\n" + body + ";\r\n").encode("cp1252"))


def write_jsonstat(path: Path, periods: list[str], rows: list[list[int]], sexes: int) -> None:
    """JSON-stat 2.0 as PxWebApi 2 answers (value in row-major order, time fastest)."""
    places = regions()

    def dimension(label: str, codes: list[str], labels: list[str]) -> dict[str, object]:
        return {
            "label": label,
            "category": {
                "index": {code: i for i, code in enumerate(codes)},
                "label": dict(zip(codes, labels, strict=True)),
            },
        }

    sex_codes = [code for code, _ in sexes_of(sexes)]
    data = {
        "version": "2.0",
        "class": "dataset",
        "label": "Folkmängd efter region, ålder, kön och år",
        "source": "SCB",
        "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
        "id": ["Region", "Alder", "Kon", "ContentsCode", "Tid"],
        "size": [len(places), len(AGES), sexes, 1, len(periods)],
        "dimension": {
            "Region": dimension("region", [c for c, _ in places], [n for _, n in places]),
            "Alder": dimension("ålder", list(AGE_CODES), list(AGES)),
            "Kon": dimension("kön", sex_codes, [label for _, label in sexes_of(sexes)]),
            "ContentsCode": dimension("tabellinnehåll", ["BE0101N1"], ["Folkmängd"]),
            "Tid": dimension("år", periods, periods),
        },
        "value": [value for row in rows for value in row],
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _stub(sexes: int) -> Iterator[tuple[str, str, str]]:
    for code, name in regions():
        for age in AGES:
            for _, sex in sexes_of(sexes):
                yield f"{code} {name}", age, sex


def write_wide_csv(path: Path, periods: list[str], rows: list[list[int]], sexes: int) -> None:
    """PxWeb's CSV: region, ålder, kön, then one column per year (UTF-8 BOM, ``;``)."""
    lines = [";".join(["region", "ålder", "kön", *periods])]
    for (region, age, sex), row in zip(_stub(sexes), rows, strict=True):
        lines.append(";".join([region, age, sex, *map(str, row)]))
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")


def write_long_csv(path: Path, periods: list[str], rows: list[list[int]], sexes: int) -> None:
    """A long table: one line per region, ålder, kön and år."""
    lines = ["region;ålder;kön;år;Folkmängd"]
    for (region, age, sex), row in zip(_stub(sexes), rows, strict=True):
        lines.extend(f"{region};{age};{sex};{p};{v}" for p, v in zip(periods, row, strict=True))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_skipped_csv(path: Path, count: int, seed: int) -> None:
    """``count`` rows of a long export, all but 15 of regions outside the dataset."""
    rng = random.Random(seed)  # noqa: S311 - figures for a benchmark, not secrets
    lines = ["region;år;Folkmängd"]
    lines.extend(
        f"{9000000 + i} Distrikt {i};2019;{rng.randint(100, 90_000)}"
        for i in range(count - len(MEMBERS))
    )
    lines.extend(f"{code} {name};2019;{rng.randint(10_000, 90_000)}" for code, name in MEMBERS)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


WRITERS = {
    "px": write_px,
    "json": write_jsonstat,
    "wide.csv": write_wide_csv,
    "long.csv": write_long_csv,
}


def write_all(
    folder: Path, years: int, sexes: int, seed: int, kinds: tuple[str, ...] = tuple(WRITERS)
) -> dict[str, Path]:
    """Every format of one cube into ``folder``; returns the paths by format."""
    folder.mkdir(parents=True, exist_ok=True)
    periods, rows = cube(years, sexes, seed)
    paths = {}
    for kind in kinds:
        path = folder / f"tab638-{years}y-{sexes}s.{kind}"
        WRITERS[kind](path, periods, rows, sexes)
        paths[kind] = path
    return paths


def main() -> None:
    """Write the files the arguments ask for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--years", type=int, default=6)
    parser.add_argument("--sexes", type=int, default=3, choices=(1, 2, 3))
    parser.add_argument("--seed", type=int, default=2014)
    parser.add_argument("--skipped-rows", type=int, default=0)
    args = parser.parse_args()
    for kind, path in write_all(args.out, args.years, args.sexes, args.seed).items():
        print(f"{kind:<9} {path} {path.stat().st_size / 1e6:.1f} MB")
    if args.skipped_rows:
        path = args.out / f"skipped-{args.skipped_rows}.csv"
        write_skipped_csv(path, args.skipped_rows, args.seed)
        print(f"skipped   {path} {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
