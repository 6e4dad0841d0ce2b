"""One encoding per file: a file that does not fit the encoding found for it is refused at
its first offending line, never read as mojibake.

A CSV mixing UTF-8 and Windows-1252 lines once imported with exit 0 and listed Österåker as
"skipped: Ã–sterÃ¥ker". Each reader that decodes text is given such a file: the dataset's
CSV files and cooperation.toml, and SCB exports as CSV, PC-Axis and JSON-stat.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost import DataError, load_dataset
from norrort_cost.cli import app
from norrort_cost.loading.encoding import decode_checked
from norrort_cost.loading.scb import ColumnChoice, read_export
from tests.copies import awaiting_scb

runner = CliRunner()
SYNTHETIC = Path(__file__).parent / "data" / "scb" / "synthetic"
UTF8 = "0114 Upplands Väsby,47820\n".encode()
CP1252 = "0117 Österåker,45574\n".encode("cp1252")


def codes(data: bytes, name: str = "export.csv") -> list[tuple[int | None, str]]:
    _, _, problems = read_export(data, name, ColumnChoice())
    return [(p.line, p.code) for p in problems]


def test_a_csv_export_with_a_windows_1252_line_among_utf_8_is_refused_at_that_line(
    data_copy, tmp_path
):
    """Line 3 in Windows-1252 after a UTF-8 line 2: import-scb exits 1 naming line 3, and
    no name is shown garbled."""
    path = tmp_path / "export.csv"
    path.write_bytes(b"region,2019\n" + UTF8 + CP1252)
    result = runner.invoke(
        app, ["population", "import-scb", str(path), "--data-dir", str(data_copy)]
    )
    assert result.exit_code == 1
    assert "export.csv:3" in result.output
    assert "mixed-encoding" in result.output
    assert "Ã" not in result.output


def test_utf_8_lines_after_windows_1252_ones_are_refused_at_the_first_utf_8_line():
    """The file's first non-ASCII line decides nothing: UTF-8 found anywhere makes the file
    UTF-8, and the Windows-1252 line is the offending one."""
    assert codes(b"region,2019\n" + CP1252 + UTF8) == [(2, "mixed-encoding")]


def test_a_utf_8_file_with_a_byte_order_mark_and_a_windows_1252_line_is_refused():
    """A byte-order mark says UTF-8: a Windows-1252 line in it is refused, not replaced."""
    assert codes(b"\xef\xbb\xbfregion,2019\n" + UTF8 + CP1252) == [(3, "mixed-encoding")]


def test_a_windows_1252_file_with_a_byte_it_does_not_define_is_refused():
    """0x81 is undefined in Windows-1252: refused at its line, not read as a replacement
    character."""
    assert codes(b"region,2019\n" + CP1252 + b"0114 V\x81sby,47820\n") == [(3, "mixed-encoding")]


def test_a_whole_windows_1252_file_is_read_in_windows_1252():
    """A file all in Windows-1252 (no UTF-8 anywhere) is read right: Österåker's figure."""
    text, problem = decode_checked(b"region,2019\n" + CP1252, "export.csv")
    assert problem is None
    assert "0117 Österåker" in text


def test_a_pcaxis_file_that_declares_utf_8_and_has_a_windows_1252_line_is_refused():
    """CODEPAGE="utf-8" but a Windows-1252 title: refused at that line."""
    text = (SYNTHETIC / "be0101n1-2018-2019.px").read_bytes().decode("cp1252")
    lines = text.encode("utf-8").split(b"\n")
    lines.insert(1, b'CODEPAGE="utf-8";')
    lines[6] = 'TITLE="Folkmängd efter region och år";'.encode("cp1252")
    assert codes(b"\n".join(lines), "export.px") == [(7, "mixed-encoding")]


def test_a_jsonstat_file_with_a_windows_1252_label_among_utf_8_is_refused():
    """JSON is UTF-8: a label in Windows-1252 among UTF-8 ones is refused at its line."""
    document = {
        "version": "2.0",
        "class": "dataset",
        "label": "Folkmängd",
        "id": ["Region"],
        "size": [1],
        "dimension": {"Region": {"category": {"label": {"0117": "Österåker"}}}},
        "value": [45574],
    }
    data = json.dumps(document, ensure_ascii=False, indent=1).encode()
    data = data.replace("Österåker".encode(), "Österåker".encode("cp1252"))
    found = codes(data, "export.json")
    assert [code for _, code in found] == ["mixed-encoding"]
    assert found[0][0] == data[: data.index(b"\xd6")].count(b"\n") + 1


def test_a_dataset_csv_with_a_windows_1252_line_is_refused_at_that_line(data_copy):
    """municipalities.csv in UTF-8 with Österåker's row in Windows-1252: the dataset is
    refused at that row, never loaded with a garbled name."""
    path = data_copy / "municipalities.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("0117"))
    lines[number - 1] = lines[number - 1].encode("cp1252").decode("latin-1")
    path.write_bytes(
        b"".join(
            line.encode("latin-1") if i == number - 1 else line.encode()
            for i, line in enumerate(lines)
        )
    )
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    found = [(p.file, p.line, p.code) for p in caught.value.problems if not awaiting_scb(p)]
    assert found == [("municipalities.csv", number, "mixed-encoding")]


def test_a_settings_file_with_a_windows_1252_line_is_refused(data_copy):
    """cooperation.toml with a Windows-1252 comment among UTF-8 text is refused at it."""
    path = data_copy / "cooperation.toml"
    data = path.read_bytes()
    if not any(b > 127 for b in data):
        data = "# Koordination Norrort – kostnadsfördelning\n".encode() + data
    data += "# Österåker\n".encode("cp1252")
    path.write_bytes(data)
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    found = [(p.file, p.code) for p in caught.value.problems]
    assert ("cooperation.toml", "mixed-encoding") in found
