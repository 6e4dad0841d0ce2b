"""Payments: Bankgirot's BgMax files read and checked, matched by OCR, statuses and reminders.

The public example file is Bankgirot's own (``tests/data/bgmax/SOURCES.md``); the others
are made to the layout by ``tests/bgmax_files.py``, paying invoices of a fresh register.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.invoicing.bgmax import Payment
from norrort_cost.invoicing.interest import late_interest
from norrort_cost.invoicing.receivables import Booked, Document, match_payments, receivables
from norrort_cost.loading.bgmax import parse_bgmax, read_bgmax
from norrort_cost.problems import DataError
from tests.bgmax_files import Paid, bgmax_file

EXAMPLE = (
    Path(__file__).parent
    / "data"
    / "bgmax"
    / "bankgirot-exempel-ocr-kontroll-checksiffra-langd.txt"
)
runner = CliRunner()
BANKGIRO = "50501055"


def test_bankgirots_example_file_is_read_with_its_deposits_and_payments():
    """Two deposits of 1 900,00 and 8 000,00 kr; a deduction counts negative; names kept."""
    file, _warnings = read_bgmax(EXAMPLE)
    assert [(d.receiver_bankgiro, d.payment_date, d.amount_ore) for d in file.deposits] == [
        ("9912346", date(2004, 5, 25), 190000),
        ("9912346", date(2004, 5, 25), 800000),
    ]
    assert [p.signed_ore for p in file.payments] == [
        100000,
        -50000,
        140000,
        110000,
        120000,
        70000,
        500000,
    ]
    assert file.payments[2].extra_references == ("657866", "658765", "657767", "657965")
    assert file.payments[0].payer_name == "Kalles Plåt AB"
    assert not file.test


def test_a_tab_in_the_example_is_read_as_the_spaces_it_stands_for_with_a_warning():
    """Line 17's tabs give the extra reference 657965 at its place, and a warning says so."""
    _, warnings = read_bgmax(EXAMPLE)
    assert [(w.line, w.code, w.severity) for w in warnings] == [(17, "tab-character", "warning")]


def _spoiled(text: str, old: str, new: str) -> bytes:
    assert old in text
    return text.replace(old, new, 1).encode("latin-1")


def _refused(data: bytes) -> list[tuple[int | None, str]]:
    with pytest.raises(DataError) as caught:
        parse_bgmax(data, "bg.txt")
    return [(p.line, p.code) for p in caught.value.problems]


GOOD = bgmax_file([(BANKGIRO, date(2014, 6, 10), [Paid("123", 1000), Paid("456", 2000)])])


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # the deposit record's count (2 payments) says 3
        ("SEK00000002", "SEK00000003", [(7, "totals-mismatch")]),
        # the deposit record's sum (3 000 öre) says 3 001
        ("000000000000003000SEK", "000000000000003001SEK", [(7, "totals-mismatch")]),
        # the end record counts 3 payments
        ("7000000002", "7000000003", [(8, "totals-mismatch")]),
        # a record type BgMax does not have
        ("26Kommun", "99Kommun", [(4, "unknown-record")]),
        # an amount with a letter in it
        (
            "000000000000001000",
            "00000000000000X000",
            [(3, "malformed-record"), (7, "totals-mismatch")],
        ),
    ],
)
def test_a_file_whose_records_disagree_is_refused_at_the_line(old, new, expected):
    """Counts, sums, record types and digits are all checked; every problem has its line."""
    assert _refused(_spoiled(GOOD, old, new)) == expected


def test_a_payment_outside_a_deposit_and_a_missing_end_are_refused():
    """Records in places the layout does not allow are refused, not skipped."""
    lines = GOOD.split("\r\n")
    without_opening = "\r\n".join(line for line in lines if not line.startswith("05"))
    assert (3, "misplaced-record") in _refused(without_opening.encode("latin-1"))
    cut = "\r\n".join(line for line in lines if not line.startswith("70"))
    assert _refused(cut.encode("latin-1")) == [(7, "misplaced-record")]


def test_a_test_file_and_a_file_that_is_not_bgmax_are_refused():
    """Bankgirot's test files carry no real payments; another file is not read at all."""
    test_file = bgmax_file([(BANKGIRO, date(2014, 6, 10), [Paid("123", 1000)])], test=True)
    assert _refused(test_file.encode("latin-1")) == [(1, "test-file")]
    assert _refused(b"kommunkod;belopp\n0114;1000\n") == [(1, "not-bgmax")]


def test_a_record_longer_than_eighty_characters_is_refused():
    """A record is 80 characters; a longer line is not cut to fit."""
    long = GOOD.replace("26Kommun" + " " * 72, "26Kommun" + " " * 80, 1)
    assert _refused(long.encode("latin-1")) == [(4, "malformed-record")]


def _document(number: str, ocr: str, amount: int, **more: object) -> Document:
    fields: dict[str, object] = {
        "kind": "invoice", "seller": "0186", "kommunkod": "0125", "buyer": "Ekerö kommun",
        "year": 2014, "issue_date": date(2014, 5, 2), "due_date": date(2014, 6, 2),
    }  # fmt: skip
    fields.update(more)
    return Document(number=number, amount_ore=amount, ocr=ocr, **fields)  # type: ignore[arg-type]


def _payment(
    reference: str, amount: int, *, receiver: str = BANKGIRO, extra: tuple[str, ...] = ()
) -> Payment:
    return Payment(
        line=3, kind="payment", receiver_bankgiro=receiver, payment_date=date(2014, 6, 10),
        sender_bankgiro="0", reference=reference, reference_code="2", amount_ore=amount,
        channel="1", bgc_serial="1", extra_references=extra,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("paid", "credited", "status"),
    [(0, 0, "open"), (400, 0, "partly-paid"), (1000, 0, "paid"), (1200, 0, "overpaid"),
     (0, 1000, "credited"), (600, 400, "paid"), (500, 400, "partly-paid")],
)  # fmt: skip
def test_an_invoice_status_follows_from_exact_ore(paid, credited, status):
    """Credit notes count against what remains; paid and remaining are exact öre."""
    invoice = _document("1", "11", 1000)
    documents = [invoice]
    if credited:
        documents.append(_document("2", "22", credited, kind="credit-note", corrects="1"))
    booked = [Booked("1", date(2014, 6, 10), paid, seller="0186")] if paid else []
    [receivable] = receivables(documents, booked).values()
    assert receivable.status == status
    assert receivable.remaining_ore == 1000 - credited - paid


def test_an_open_invoice_after_its_due_date_is_overdue():
    """Overdue is open or partly paid after the due date, as of the day asked."""
    [receivable] = receivables([_document("1", "11", 1000)], []).values()
    assert not receivable.overdue(date(2014, 6, 2))
    assert receivable.overdue(date(2014, 6, 3))
    assert receivable.days_overdue(date(2014, 9, 1)) == 91


def test_payments_are_matched_by_ocr_and_never_by_a_guess():
    """OCR (or an extra reference) matches; the rest keep a reason, with a suggestion."""
    documents = [
        _document("1", "11", 1000),
        _document("2", "22", 500, kommunkod="0114"),
        _document("3", "33", 1000, kind="credit-note", corrects="1"),
    ]
    owed = receivables(documents[:2], [])
    payments = [
        _payment("11", 1000),
        _payment("x", 500, extra=("22",)),
        _payment("99", 500),
        _payment("33", 1000),
        _payment("11", 1000, receiver="1234567"),
        _payment("", 1000),
        _payment("11 22", 1500, extra=("11", "22")),
    ]
    found = match_payments(payments, documents, owed, bankgiros=frozenset({BANKGIRO}), payers={})
    assert [(m.number, m.reason, m.suggestion) for m in found] == [
        ("1", "matched", None),
        ("2", "matched", None),
        (None, "unknown-ocr", "2"),
        (None, "credit-note-ocr", "1"),
        (None, "other-bankgiro", None),
        (None, "no-reference", "1"),
        (None, "several-invoices", "1, 2"),
    ]


def test_an_ocr_padded_with_zeros_or_without_its_leading_zero_still_matches():
    """Bankgirot's reference field is 25 characters: an OCR written there with leading
    zeros (or a bank dropping the invoice OCR's own leading zero) is the same number."""
    documents = [_document("1", "018600000121", 1000)]
    owed = receivables(documents, [])
    payments = [
        _payment("0000000000000018600000121", 1000),
        _payment("18600000121", 1000),
        _payment("0186000001210", 1000),
    ]
    found = match_payments(payments, documents, owed, bankgiros=frozenset({BANKGIRO}), payers={})
    assert [(m.number, m.reason) for m in found] == [
        ("1", "matched"),
        ("1", "matched"),
        (None, "unknown-ocr"),
    ]


def test_a_payment_to_a_wholly_credited_invoice_is_not_booked():
    """The OCR of an invoice whose credit notes took it all is refused as a match."""
    documents = [
        _document("1", "11", 1000),
        _document("2", "22", 1000, kind="credit-note", corrects="1"),
    ]
    owed = receivables(documents, [])
    [found] = match_payments([_payment("11", 1000)], documents, owed,
                             bankgiros=frozenset({BANKGIRO}), payers={})  # fmt: skip
    assert (found.number, found.reason) == (None, "credited-invoice")


def test_late_interest_is_reference_rate_plus_eight_points_per_day_exact_to_the_ore():
    """1 000 000 öre 92 days at 1,0 % + 8 = 9 %: 1 000 000 × 0,09 × 92 ÷ 365 = 22 684,93 öre."""
    rates = {date(2014, 7, 1): Decimal("1.0")}
    result = late_interest(1_000_000, date(2014, 7, 1), date(2014, 10, 1), rates)
    assert (result.days, result.interest_ore) == (92, 22685)


def test_a_payment_lowers_the_base_of_the_interest_from_its_date():
    """Half paid on 17 August: 2 July-16 August (46 days) on all, 17 August-1 October (46
    days, the day of payment among them) on half; exact, rounded once."""
    rates = {date(2014, 7, 1): Decimal("1.0")}
    result = late_interest(1_000_000, date(2014, 7, 1), date(2014, 10, 1), rates,
                           [(date(2014, 8, 17), 500_000)])  # fmt: skip
    assert result.interest_ore == round(1_000_000 * 0.09 * 46 / 365 + 500_000 * 0.09 * 46 / 365)


def test_a_half_year_without_a_reference_rate_gives_no_interest_and_names_it():
    """Never a guessed rate: the missing half-year is named, no amount is given."""
    result = late_interest(1000, date(2014, 6, 2), date(2014, 9, 1), {date(2014, 7, 1): Decimal(1)})
    assert result.interest_ore is None
    assert result.missing_half_years == (date(2014, 1, 1),)


@pytest.fixture
def invoiced(data_copy: Path) -> tuple[Path, dict[str, dict[str, object]]]:
    """A fresh register with the 2014 invoices (issued 2014-07-01, due 2014-07-31)."""
    args = ["invoices", "-y", "2014", "-o", str(data_copy / "out"), "--issue-date", "2014-07-01"]
    result = runner.invoke(app, [*args, "--data-dir", str(data_copy)])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["register", "list", "--data-dir", str(data_copy), "-f", "json"])
    rows = {row["kommunkod"]: row for row in json.loads(listed.stdout)["documents"]}
    return data_copy, rows


def _import(data: Path, text: str, name: str = "bg.txt", *extra: str) -> object:
    path = data.parent / name
    path.write_bytes(text.encode("latin-1"))
    return runner.invoke(app, ["payments", "import", str(path), "--data-dir", str(data),
                               "--date", "2014-08-20", *extra])  # fmt: skip


def _statuses(data: Path, *extra: str) -> dict[str, tuple[str, int, int]]:
    result = runner.invoke(app, ["register", "list", "--data-dir", str(data), "-f", "json",
                                 "--date", "2014-09-01", *extra])  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["documents"]
    return {
        row["kommunkod"]: (row["status"], row["paid_ore"], row["remaining_ore"])
        for row in rows
        if row["kind"] == "invoice"
    }


def test_a_file_pays_invoices_in_full_in_part_and_not_at_all(invoiced):
    """Statuses and remaining amounts exact; an unknown OCR is kept unmatched, not booked."""
    data, rows = invoiced
    text = bgmax_file([(BANKGIRO, date(2014, 7, 25), [
        Paid(str(rows["0114"]["ocr"]), int(rows["0114"]["amount_ore"])),  # in full
        Paid(str(rows["0125"]["ocr"]), 1_000_000),  # in part
        Paid("12345678", 4_075_136),  # an unknown OCR
        Paid(str(rows["0160"]["ocr"]), int(rows["0160"]["amount_ore"]) + 100),  # too much
    ])])  # fmt: skip
    result = _import(data, text)
    assert result.exit_code == 0, result.output
    statuses = _statuses(data)
    assert statuses["0114"] == ("paid", rows["0114"]["amount_ore"], 0)
    assert statuses["0125"] == ("partly-paid", 1_000_000, 2_429_103 - 1_000_000)
    assert statuses["0160"] == ("overpaid", int(rows["0160"]["amount_ore"]) + 100, -100)
    assert statuses["0115"][0] == "open"
    listed = json.loads(runner.invoke(app, ["payments", "list", "--data-dir", str(data),
                                            "-f", "json"]).stdout)["payments"]  # fmt: skip
    assert (listed[0]["reference"], listed[0]["reason"]) == ("12345678", "unknown-ocr")


def test_register_show_and_the_plain_list_give_what_remains_after_a_payment(invoiced):
    """After a part payment, `register show` and `register list` (a table, no --status) give
    the same remaining amount as the JSON: invoiced less credited less paid."""
    data, rows = invoiced
    text = bgmax_file([(BANKGIRO, date(2014, 7, 25), [Paid(str(rows["0125"]["ocr"]), 1_000_000)])])
    assert _import(data, text).exit_code == 0
    number = str(rows["0125"]["number"])
    base = ["--data-dir", str(data), "--lang", "en"]
    shown = runner.invoke(app, ["register", "show", number, *base], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    remaining = next(line for line in shown.stdout.splitlines() if line.startswith("Remaining"))
    assert remaining.split()[-2:] == ["14", "291,03"]
    shown_json = runner.invoke(app, ["register", "show", number, *base, "-f", "json"])
    document = json.loads(shown_json.stdout)["documents"][0]
    assert (document["status"], document["remaining_ore"]) == ("partly-paid", 1_429_103)
    listed = runner.invoke(app, ["register", "list", *base], env={"COLUMNS": "200"})
    line = next(line for line in listed.stdout.splitlines() if "(0125)" in line or " 0125 " in line)
    assert "14\xa0291,03" in line
    assert "24\xa0291,03" in line


def test_an_overdue_invoice_keeps_its_status_and_is_listed_under_it_and_under_overdue(invoiced):
    """Partly paid and late: status partly-paid with overdue true; --status partly-paid and
    --status overdue both list it, --status open does not."""
    data, rows = invoiced
    text = bgmax_file([(BANKGIRO, date(2014, 7, 25), [Paid(str(rows["0125"]["ocr"]), 1000)])])
    assert _import(data, text).exit_code == 0

    def listed(status: str) -> dict[str, dict[str, object]]:
        result = runner.invoke(app, ["register", "list", "--data-dir", str(data), "-f", "json",
                                     "--date", "2014-09-01", "--status", status])  # fmt: skip
        assert result.exit_code == 0, result.output
        return {row["kommunkod"]: row for row in json.loads(result.stdout)["documents"]}

    late = listed("partly-paid")
    assert list(late) == ["0125"]
    assert (late["0125"]["status"], late["0125"]["overdue"]) == ("partly-paid", True)
    assert "0125" in listed("overdue")
    assert "0125" not in listed("open")
    assert listed("open")["0115"]["overdue"] is True


def test_a_file_saved_as_utf8_with_a_byte_order_mark_is_read():
    """An editor's UTF-8 with BOM: the start record is found and Ö in a name kept."""
    text = bgmax_file([(BANKGIRO, date(2014, 7, 25), [Paid("11", 1000, payer="Österåker")])])
    file, _ = parse_bgmax(b"\xef\xbb\xbf" + text.encode("utf-8"), "bom.txt")
    assert [p.payer_name for p in file.payments] == ["Österåker"]


def test_a_latin1_byte_0x85_in_a_name_ends_no_line():
    """0x85 is NEL in Latin-1: it stays in the name instead of splitting the record."""
    text = bgmax_file([(BANKGIRO, date(2014, 7, 25), [Paid("11", 1000, payer="A\x85B")])])
    file, _ = parse_bgmax(text.encode("latin-1"), "nel.txt")
    assert [p.payer_name for p in file.payments] == ["A\x85B"]


def test_two_payments_alike_in_one_file_are_both_booked_and_counted_once_on_reimport(invoiced):
    """Two equal part payments of one invoice with the same serial number: both count;
    importing the file again (re-saved with LF) adds nothing."""
    data, rows = invoiced
    paid = Paid(str(rows["0125"]["ocr"]), 1000, serial="000000000001")
    text = bgmax_file([(BANKGIRO, date(2014, 7, 25), [paid, paid])])
    result = _import(data, text)
    assert result.exit_code == 0, result.output
    assert _statuses(data)["0125"][1] == 2000
    assert _import(data, text.replace("\r\n", "\n"), "lf.txt").exit_code == 0
    assert _statuses(data)["0125"][1] == 2000


def test_register_list_xlsx_gives_paid_and_remaining_as_numbers(invoiced, tmp_path):
    """In the workbook, paid and remaining are numbers like the amount (kronor, exact)."""
    from openpyxl import load_workbook

    data, rows = invoiced
    text = bgmax_file([(BANKGIRO, date(2014, 7, 25), [Paid(str(rows["0125"]["ocr"]), 1001)])])
    assert _import(data, text).exit_code == 0
    out = tmp_path / "register.xlsx"
    result = runner.invoke(app, ["register", "list", "--data-dir", str(data), "-f", "xlsx",
                                 "--date", "2014-09-01", "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    [_note, header, *cells] = list(load_workbook(out).active.values)
    found = {row[header.index("kommunkod")]: row for row in cells}["0125"]
    paid, remaining = found[header.index("paid")], found[header.index("remaining")]
    assert isinstance(paid, float)  # a number, not text
    assert isinstance(remaining, float)
    assert Decimal(str(paid)) == Decimal("10.01")
    assert Decimal(str(remaining)) == Decimal("24281.02")


def test_the_same_file_or_the_same_payment_imported_twice_counts_once(invoiced):
    """A second import of a file changes nothing; a payment repeated in another file neither."""
    data, rows = invoiced
    paid = Paid(str(rows["0125"]["ocr"]), 1_000_000, serial="000000000777")
    text = bgmax_file([(BANKGIRO, date(2014, 7, 25), [paid])])
    assert _import(data, text).exit_code == 0
    again = _import(data, text)
    assert again.exit_code == 0
    assert "already imported" in again.output
    other = bgmax_file([(BANKGIRO, date(2014, 7, 25), [paid])], written="20140616120000000000")
    assert _import(data, other, "other.txt").exit_code == 0
    assert _statuses(data)["0125"][1] == 1_000_000


def test_a_corrupt_file_is_refused_with_its_line_and_records_nothing(invoiced):
    """Exit 1, the line named, and no payment of it in the register."""
    data, rows = invoiced
    text = bgmax_file([(BANKGIRO, date(2014, 7, 25), [Paid(str(rows["0125"]["ocr"]), 1000)])])
    result = _import(data, text.replace("SEK00000001", "SEK00000002"), "bad.txt", "-f", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stderr)["problems"]
    assert [(p["file"], p["line"], p["code"]) for p in problems] == [
        ("bad.txt", 5, "totals-mismatch")
    ]
    assert _statuses(data)["0125"][1] == 0


def test_one_reminder_per_member_with_overdue_invoices_showing_what_remains(invoiced, tmp_path):
    """Reminders list each overdue invoice's remaining amount and the interest at 9 %."""
    from pypdf import PdfReader

    data, rows = invoiced
    paid = [Paid(str(row["ocr"]), int(row["amount_ore"])) for code, row in rows.items()
            if code not in {"0125", "0115"}]  # fmt: skip
    paid.append(Paid(str(rows["0125"]["ocr"]), 1_000_000))
    assert _import(data, bgmax_file([(BANKGIRO, date(2014, 7, 25), paid)])).exit_code == 0
    out = tmp_path / "paminnelser"
    result = runner.invoke(app, ["reminders", "--date", "2014-09-01", "-o", str(out),
                                 "--data-dir", str(data)])  # fmt: skip
    assert result.exit_code == 0, result.output
    written = sorted(path.name for path in out.iterdir())
    assert written == ["paminnelse-2014-09-01-0115-P1.pdf", "paminnelse-2014-09-01-0125-P2.pdf"]
    text = PdfReader(out / written[1]).pages[0].extract_text()
    assert "14 291,03" in text  # 24 291,03 − 10 000,00
    # 1 429 103 öre × 9 % × 32 days ÷ 365 = 11 276,16 öre
    assert "112,76" in text
    again = runner.invoke(app, ["reminders", "--date", "2014-09-01", "-o", str(out),
                                "--data-dir", str(data)])  # fmt: skip
    assert again.exit_code == 2  # refused: nothing is sent twice for one date
    assert "--again" in again.output
    assert sorted(path.name for path in out.iterdir()) == written
    sent = runner.invoke(app, ["reminders", "--date", "2014-09-01", "-o", str(out), "--again",
                               "--data-dir", str(data)])  # fmt: skip
    assert sent.exit_code == 0
    assert len(list(out.iterdir())) == 4


def test_invoices_of_two_managing_municipalities_with_the_same_number_are_kept_apart(data_copy):
    """2017 was invoiced by Lidingö, 2018 by Sollentuna, each series starting at 1: each
    invoice keeps its own amount and payments; the member gets a reminder from each seller
    on the same day (neither taken for the other's), and none again without --again."""
    for year in ("2017", "2018"):
        result = runner.invoke(app, ["invoices", "-y", year, "-o", str(data_copy / year),
                                     "--issue-date", f"{year}-03-01", "-m", "0125",
                                     "--data-dir", str(data_copy)])  # fmt: skip
        assert result.exit_code == 0, result.output

    def invoices() -> list[dict[str, object]]:
        listed = runner.invoke(app, ["register", "list", "--data-dir", str(data_copy), "-f",
                                     "json", "--date", "2019-01-15"])  # fmt: skip
        return [r for r in json.loads(listed.stdout)["documents"] if r["kind"] == "invoice"]

    assert [(row["seller"], row["number"]) for row in invoices()] == [("0186", "1"), ("0163", "1")]
    assert [row["remaining_ore"] for row in invoices()] == [row["amount_ore"] for row in invoices()]
    args = ["reminders", "--date", "2019-01-15", "-o", str(data_copy / "rem"), "-m", "0125",
            "--data-dir", str(data_copy)]  # fmt: skip
    assert runner.invoke(app, args).exit_code == 0
    assert len(list((data_copy / "rem").glob("*.pdf"))) == 2
    assert runner.invoke(app, args).exit_code == 2  # already reminded that day
    assert len(list((data_copy / "rem").glob("*.pdf"))) == 2
    first = invoices()[0]
    text = bgmax_file(
        [(BANKGIRO, date(2018, 5, 2), [Paid(str(first["ocr"]), int(first["amount_ore"]))])]
    )
    assert _import(data_copy, text).exit_code == 0
    assert [row["status"] for row in invoices()] == ["paid", "open"]
