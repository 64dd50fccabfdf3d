"""Importing an office's earlier register: the template, the check row by row, the import (all or
nothing, repeatable), and who may do it."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from ejcms.cases.choices import (
    CaseSource,
    DecisionKind,
    ObligationKind,
    ObligationStatus,
    Outcome,
    PartyKind,
    PartyRole,
    State,
    TimelineKind,
)
from ejcms.cases.models import EnforcementCase, RegisterCounter
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.models import AuditRecord
from ejcms.core.text import search_key
from ejcms.finance.choices import EntryKind
from ejcms.finance.models import LedgerEntry
from ejcms.org.models import Office
from ejcms.reports.legacy import COLUMNS, template_csv, template_xlsx
from ejcms.reports.legacy_rows import report_lines
from ejcms.reports.legacy_services import legacy_check, legacy_import
from ejcms.reports.models import LegacyImport
from ejcms.search.models import SearchEntry
from tests.conftest import register

pytestmark = [pytest.mark.django_db]

CAPITAL_COURT = "ສານປະຊາຊົນນະຄອນຫຼວງວຽງຈັນ"


def lao(choice: Any) -> str:
    with translation.override("lo"):
        return str(choice.label)


def english(choice: Any) -> str:
    with translation.override("en"):
        return str(choice.label)


def row(number: int, **changes: Any) -> dict[str, Any]:
    """A closed civil case of the capital's court, fully enforced, as an office types it."""
    values: dict[str, Any] = {
        "register_number": number,
        "register_year": 2020,
        "received_on": datetime(2020, 3, 2),  # a real Excel date
        "court": CAPITAL_COURT,
        "decision_number": f"{100 + number}/ສປ",
        "decided_on": "2020-01-15",  # ISO
        "final_on": "14/02/2020",  # day first
        "decision_kind": lao(DecisionKind.CIVIL),
        "creditor_name_lo": "ນາງ ແສງເດືອນ ວົງສາ",
        "creditor_name_latin": "Sengdeuane Vongsa",
        "debtor_name_lo": "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ",
        "debtor_name_latin": "Sisavath Phommachanh",
        "obligation_kind": lao(ObligationKind.PAY_MONEY),
        "amount": 15_000_000,
        "currency": "LAK",
        "status": "ປິດ",
        "closed_on": "20/11/2020",
        "outcome": lao(Outcome.FULLY_ENFORCED),
        "amount_recovered": 15_000_000,
    }
    values.update(changes)
    return values


def open_row(number: int, **changes: Any) -> dict[str, Any]:
    """A case still open: no date closed, no outcome."""
    return row(number, **{"status": "ເປີດ", "closed_on": None, "outcome": None, **changes})


def xlsx(rows: list[dict[str, Any]], headings: tuple[str, ...] = ("lo", "en")) -> bytes:
    """A workbook as the template has it: headings in rows 1–2, the cases from row 3."""
    book = Workbook()
    sheet = book.active
    for language in headings:
        sheet.append([getattr(column, language) for column in COLUMNS])
    for values in rows:
        sheet.append([values.get(column.key) for column in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[dict[str, Any]], headings: tuple[str, ...] = ("lo",)) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for language in headings:
        writer.writerow([getattr(column, language) for column in COLUMNS])
    for values in rows:
        writer.writerow(
            [
                v.strftime("%d/%m/%Y") if isinstance(v, datetime) else ("" if v is None else v)
                for v in (values.get(column.key) for column in COLUMNS)
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def office(code: str = "0101") -> Office:
    return Office.objects.get(code=code)


def problems(batch: LegacyImport) -> set[tuple[int, str]]:
    return {(item["row"], error["field"]) for item in batch.report for error in item["errors"]}


def check(cast: Any, data: bytes, name: str = "register.xlsx") -> LegacyImport:
    return legacy_check(actor=cast.clerk, office=office(), file_name=name, data=data)


# ---------------------------------------------------------------- the template


def test_the_excel_template_has_the_headings_an_example_and_the_explanations(cast):
    response = cast.client("clerk").get(reverse("reports:import_template") + "?format=xlsx")

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    cases, notes, courts = book.worksheets
    rows = list(cases.iter_rows(values_only=True))
    assert list(rows[0]) == [c.lo for c in COLUMNS]
    assert list(rows[1]) == [c.en for c in COLUMNS]
    assert rows[0][0] == "ເລກທີລົງທະບຽນ"
    assert rows[1][0] == "Register number"
    example = dict(zip([c.key for c in COLUMNS], rows[2], strict=True))
    assert example["debtor_name_lo"] == "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ"
    assert example["received_on"] == datetime(2019, 3, 4)  # a real date, not text
    assert example["decision_kind"] == lao(DecisionKind.CIVIL)
    assert cases.column_dimensions["A"].width >= 14
    explained = {r[1]: r for r in notes.iter_rows(values_only=True) if r and r[1]}
    assert "Outcome" in explained
    assert english(Outcome.FULLY_ENFORCED) in explained["Outcome"][6]
    assert lao(Outcome.FULLY_ENFORCED) in explained["Outcome"][5]
    assert CAPITAL_COURT in [r[1] for r in courts.iter_rows(values_only=True)]


def test_the_csv_template_is_utf8_with_a_bom_and_has_both_headings(cast):
    response = cast.client("head").get(reverse("reports:import_template") + "?format=csv")

    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [c.lo for c in COLUMNS]
    assert rows[1] == [c.en for c in COLUMNS]
    assert rows[2][0] == "12"
    assert "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ" in rows[2]


def test_the_template_uploaded_as_it_is_is_refused_for_its_example_row(cast):
    for name, data in (("t.xlsx", template_xlsx()), ("t.csv", template_csv())):
        batch = check(cast, data, name)

        assert problems(batch) == {(3, "")}
        assert batch.valid_rows == 0


# ---------------------------------------------------------------- a clean file


def test_a_clean_file_imports_its_cases_with_their_dates_outcomes_and_money(cast):
    rows = [
        row(1),
        open_row(2, debtor_name_lo="ນາງ ຄຳແພງ ໄຊຍະວົງ", debtor_name_latin="Khamphaeng Xayavong"),
        row(
            3,
            creditor_name_lo="ທະນາຄານ ສົ່ງເສີມກະສິກຳ",
            creditor_name_latin="Agricultural Promotion Bank",
            amount="2.500,50",
            currency="USD",
            outcome=english(Outcome.PARTLY_ENFORCED),
            amount_recovered=1000,
            closed_on=datetime(2021, 6, 30),
        ),
        row(
            7,
            obligation_kind="fine",
            creditor_name_lo=None,
            creditor_name_latin=None,
            amount=2_000_000,
            outcome="impossible",
            amount_recovered=None,
        ),
    ]
    batch = check(cast, xlsx(rows))

    assert batch.report == []
    assert (batch.rows, batch.valid_rows, batch.skipped_rows) == (4, 4, 0)
    assert batch.status == LegacyImport.Status.CHECKED
    assert not EnforcementCase.objects.exists()  # checking imports nothing

    batch = legacy_import(actor=cast.clerk, batch=batch, accept_valid_rows=False)

    assert (batch.status, batch.imported_rows, batch.skipped_rows) == ("imported", 4, 0)
    assert batch.data == []
    cases = {c.register_number: c for c in EnforcementCase.objects.filter(office=office())}
    assert set(cases) == {1, 2, 3, 7}
    closed, opened, partly, fine = cases[1], cases[2], cases[3], cases[7]
    assert {c.source for c in cases.values()} == {CaseSource.LEGACY}
    assert closed.register_label == "1/2020"
    assert closed.received_on == date(2020, 3, 2)
    assert (closed.state, closed.closed_on, closed.outcome) == (
        State.CLOSED,
        date(2020, 11, 20),
        Outcome.FULLY_ENFORCED,
    )
    assert closed.state_since == date(2020, 11, 20)
    assert closed.decision.decided_on == date(2020, 1, 15)
    assert closed.decision.final_on == date(2020, 2, 14)
    assert closed.decision.court.name_lo == CAPITAL_COURT
    assert closed.decision.kind == DecisionKind.CIVIL
    assert (opened.state, opened.state_since, opened.closed_on, opened.outcome) == (
        State.RECEIVED,
        date(2020, 3, 2),
        None,
        "",
    )
    assert partly.outcome == Outcome.PARTLY_ENFORCED
    assert partly.closed_on == date(2021, 6, 30)

    links = {(link.role, link.party.name_lo) for link in partly.case_parties.all()}
    assert links == {
        (PartyRole.CREDITOR, "ທະນາຄານ ສົ່ງເສີມກະສິກຳ"),
        (PartyRole.DEBTOR, "ທ່ານ ສີສະຫວາດ ພົມມະຈັນ"),
    }
    bank = partly.case_parties.get(role=PartyRole.CREDITOR).party
    assert bank.kind == PartyKind.ORGANISATION
    assert bank.search_text == search_key("ທະນາຄານ ສົ່ງເສີມກະສິກຳ Agricultural Promotion Bank")
    assert [link.role for link in fine.case_parties.all()] == [PartyRole.DEBTOR]

    obligation = closed.obligations.get()
    assert (obligation.kind, obligation.amount, obligation.currency, obligation.status) == (
        ObligationKind.PAY_MONEY,
        Decimal("15000000"),
        "LAK",
        ObligationStatus.FULFILLED,
    )
    assert obligation.creditor == closed.case_parties.get(role=PartyRole.CREDITOR).party
    ledger = {
        case_number: sorted(
            (e.kind, e.amount, e.currency, e.on) for e in LedgerEntry.objects.filter(case=case)
        )
        for case_number, case in cases.items()
    }
    assert ledger[1] == [
        (EntryKind.PAYMENT, Decimal("15000000"), "LAK", date(2020, 11, 20)),
        (EntryKind.PRINCIPAL, Decimal("15000000"), "LAK", date(2020, 3, 2)),
    ]
    assert ledger[3] == [
        (EntryKind.PAYMENT, Decimal("1000"), "USD", date(2021, 6, 30)),
        (EntryKind.PRINCIPAL, Decimal("2500.50"), "USD", date(2020, 3, 2)),
    ]
    assert ledger[7] == [(EntryKind.PRINCIPAL, Decimal("2000000"), "LAK", date(2020, 3, 2))]
    assert fine.obligations.get().creditor is None

    event = closed.events.get()
    assert event.kind == TimelineKind.REGISTERED
    assert event.payload == {"register": "1/2020", "source": CaseSource.LEGACY}
    # The search index knows the imported cases (bulk writes send no signal).
    assert SearchEntry.objects.filter(case=opened, title="ນາງ ຄຳແພງ ໄຊຍະວົງ").exists()
    record = AuditRecord.objects.filter(action="reports.legacy_import").get()
    assert record.payload["imported"] == 4
    assert record.payload["sha256"] == batch.sha256


def test_the_register_counter_moves_past_the_imported_numbers(cast):
    cast.officer  # noqa: B018 - an officer to assign the live case to
    rows = [
        row(
            n,
            register_year=2025,
            received_on="10/03/2025",
            decided_on="10/01/2025",
            final_on="14/02/2025",
            closed_on="01/07/2025",
        )
        for n in (4, 9)
    ]
    legacy_import(actor=cast.head, batch=check(cast, xlsx(rows)), accept_valid_rows=False)

    assert RegisterCounter.objects.get(office=office(), year=2025).last_number == 9
    live = register(cast.clerk, received_on=date(2025, 3, 3))
    assert live.register_label == "10/2025"


# ---------------------------------------------------------------- problems


def test_a_file_with_problems_is_reported_row_by_row_and_imports_nothing(cast):
    rows = [
        row(1),  # row 3: correct
        row(2, debtor_name_lo=None),  # row 4
        row(3, received_on="31/02/2020"),  # row 5: no such day
        row(4, closed_on="20/11/2099"),  # row 6: in the future
        row(5, closed_on="01/01/2020"),  # row 7: closed before received
        row(6, decided_on="20/02/2020"),  # row 8: decided after final
        row(7, court="ສານປະຊາຊົນແຂວງບໍ່ມີ"),  # row 9
        row(8, outcome="ຊະນະ"),  # row 10: not an outcome
        row(9, amount="-5"),  # row 11
        row(10, decision_number="77/ສປ"),  # row 12: same number as row 13
        row(10, decision_number="78/ສປ"),  # row 13
        row(11, closed_on=None, outcome=None),  # row 14: closed without date or outcome
        open_row(12, outcome=lao(Outcome.WAIVED)),  # row 15: an outcome for an open case
        row(13, currency="EUR"),  # row 16
        row(14, decision_kind="ຄຳຕັດສິນແປກ"),  # row 17
    ]
    batch = check(cast, xlsx(rows))

    assert problems(batch) == {
        (4, "debtor_name_lo"),
        (5, "received_on"),
        (6, "closed_on"),
        (7, "closed_on"),
        (8, "final_on"),
        (9, "court"),
        (10, "outcome"),
        (11, "amount"),
        (12, "register_number"),
        (13, "register_number"),
        (14, "closed_on"),
        (14, "outcome"),
        (15, "outcome"),
        (16, "currency"),
        (17, "decision_kind"),
    }
    assert (batch.rows, batch.valid_rows) == (15, 1)
    by_row = {item["row"]: item["errors"] for item in batch.report}
    assert by_row[12][0]["code"] == "duplicate"
    assert by_row[12][0]["params"]["rows"] == "13"
    assert by_row[5][0]["message"] == (
        "“31/02/2020” is not a date: write it as 31/03/2025 or 2025-03-31."
    )

    with pytest.raises(ApplicationError):
        legacy_import(actor=cast.clerk, batch=batch, accept_valid_rows=False)
    assert not EnforcementCase.objects.exists()
    batch.refresh_from_db()
    assert batch.status == LegacyImport.Status.CHECKED


def test_numbers_and_amounts_as_offices_write_them(cast):
    rows = [
        row(0, register_number="5/2020", register_year=None),  # row 3: 5/2020
        row(0, register_number="6/2019"),  # row 4: the year column says 2020
        row(7, amount_recovered="0"),  # row 5: nothing recovered
        row(8, amount_recovered=-5),  # row 6
        row(9, amount_recovered=20_000_000),  # row 7: more than the 15.000.000 due
        row(10, register_year=2099),  # row 8
        row(11, amount=1500.5, amount_recovered=None),  # row 9: kip have no decimals
        row(12, obligation_kind="vacate", amount=5, currency=None),  # row 10
        row(14, amount="15.000.000", amount_recovered="15,000,000"),  # row 11: either style
        row(14, register_number="໑໔"),  # row 12: Lao digits, and 14 twice
    ]
    batch = check(cast, xlsx(rows))

    codes = {(item["row"], e["field"], e["code"]) for item in batch.report for e in item["errors"]}
    assert codes == {
        (4, "register_year", "year_mismatch"),
        (6, "amount_recovered", "recovered_negative"),
        (7, "amount_recovered", "recovered_more"),
        (8, "register_year", "year"),
        (9, "amount", "decimals"),
        (10, "amount", "amount_not_money"),
        (10, "amount_recovered", "recovered_not_money"),
        (12, "register_number", "duplicate"),
        (11, "register_number", "duplicate"),
    }
    valid = {r["row"]: r for r in batch.data}
    assert (valid[3]["register_number"], valid[3]["register_year"]) == (5, 2020)
    assert valid[5]["amount_recovered"] is None
    assert batch.report[-1]["errors"][0]["params"]["register"] == "14/2020"


def test_the_report_reads_in_the_language_of_whoever_opens_it(cast):
    batch = check(cast, xlsx([row(1, court="ສານບໍ່ມີ")]))

    with translation.override("en"):
        [line] = report_lines(batch)
        assert (line.row, line.field, line.column) == (3, "court", "Court")
        assert line.message.startswith("No court “ສານບໍ່ມີ”")
    with translation.override("lo"):
        [line] = report_lines(batch)
        assert line.column == "ສານ"


def test_accepting_the_valid_rows_imports_only_them(cast):
    batch = check(cast, xlsx([row(1), row(2, received_on="ມື້ວານ"), open_row(3)]))
    assert problems(batch) == {(4, "received_on")}

    batch = legacy_import(actor=cast.clerk, batch=batch, accept_valid_rows=True)

    assert batch.imported_rows == 2
    assert sorted(EnforcementCase.objects.values_list("register_number", flat=True)) == [1, 3]


def test_importing_the_same_file_twice_creates_no_duplicates(cast):
    data = xlsx([row(1), open_row(2), row(3)])
    legacy_import(actor=cast.clerk, batch=check(cast, data), accept_valid_rows=False)

    again = check(cast, data)

    assert (again.valid_rows, again.skipped_rows, again.report) == (0, 3, [])
    again = legacy_import(actor=cast.clerk, batch=again, accept_valid_rows=False)
    assert (again.imported_rows, again.skipped_rows) == (0, 3)
    assert EnforcementCase.objects.count() == 3

    # A file with one more row brings in only that one.
    more = check(cast, xlsx([row(1), open_row(2), row(3), row(4)]))
    assert (more.valid_rows, more.skipped_rows) == (1, 3)
    more = legacy_import(actor=cast.clerk, batch=more, accept_valid_rows=False)
    assert more.imported_rows == 1
    assert EnforcementCase.objects.count() == 4


def test_a_row_whose_number_another_case_has_is_a_problem(make_case, cast):
    live = make_case(received_on=date(2025, 3, 3))  # 1/2025, decision 125/ສປ
    assert live.register_label == "1/2025"
    dates = {
        "register_year": 2025,
        "received_on": "10/03/2025",
        "decided_on": "10/01/2025",
        "final_on": "14/02/2025",
        "closed_on": "01/07/2025",
    }

    batch = check(cast, xlsx([row(1, decision_number="125/ສປ", **dates), row(2, **dates)]))

    assert problems(batch) == {(3, "register_number")}
    assert batch.report[0]["errors"][0]["code"] == "taken"


def test_a_file_checked_before_another_import_skips_what_that_one_brought_in(cast):
    data = xlsx([row(1), row(2)])
    first, second = check(cast, data), check(cast, data)
    legacy_import(actor=cast.clerk, batch=first, accept_valid_rows=False)

    second = legacy_import(actor=cast.clerk, batch=second, accept_valid_rows=False)

    assert (second.imported_rows, second.skipped_rows) == (0, 2)
    assert EnforcementCase.objects.count() == 2
    with pytest.raises(ApplicationError):
        legacy_import(actor=cast.clerk, batch=second, accept_valid_rows=False)


# ---------------------------------------------------------------- files


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "register.xlsx",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200,
            "This file is not an Excel workbook, although its name ends in .xlsx.",
        ),
        (
            "register.xlsx",
            b"PK\x03\x04 not really a zip",
            "This file is not an Excel workbook, although its name ends in .xlsx.",
        ),
        (
            "register.csv",
            b"MZ\x90\x00\x03\x00\x00\x00",
            "This file is not a CSV text file, although its name ends in .csv.",
        ),
        (
            "register.csv",
            "register,year".encode("utf-16-le"),
            "This file is not a CSV text file, although its name ends in .csv.",
        ),
        ("register.csv", "ເລກທີ,ປີ\n".encode() + b"\xff\xfe\n", "CSV UTF-8"),
        ("register.exe", b"MZ", "Only .xlsx and .csv files can be imported."),
        ("register.pdf", b"%PDF-1.7", "Only .xlsx and .csv files can be imported."),
        ("register.xlsx", b"", "The file is empty."),
        ("register.xls", b"\xd0\xcf\x11\xe0", "Old Excel files (.xls) cannot be read"),
        ("register.csv", b"Register;Year\n1;2020\n", "column headings"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_clearly(cast, name, data, message):
    with translation.override("en"), pytest.raises(ApplicationError) as refused:
        check(cast, data, name)

    assert list(refused.value.message_dict) == ["file"]
    assert message.lower() in refused.value.message_dict["file"][0].lower()
    assert not LegacyImport.objects.exists()


def test_an_exe_renamed_xlsx_is_refused_on_the_page(cast):
    client = cast.client("clerk")
    program = io.BytesIO(b"MZ\x90\x00" + b"\x00" * 500)
    program.name = "ທະບຽນເກົ່າ.xlsx"

    response = client.post(reverse("reports:import"), {"file": program})

    assert response.status_code == 400
    with translation.override("lo"):
        expected = translation.gettext(
            "This file is not an Excel workbook, although its name ends in .xlsx."
        )
    assert expected in response.content.decode()
    assert not LegacyImport.objects.exists()


def test_a_file_too_large_or_too_long_is_refused(cast, monkeypatch):
    from ejcms.reports import legacy

    with translation.override("en"):
        with pytest.raises(ApplicationError, match="10 MB"):
            check(cast, b"x" * (legacy.MAX_BYTES + 1), "big.csv")
        monkeypatch.setattr(legacy, "MAX_ROWS", 2)
        with pytest.raises(ApplicationError, match="more than 2 rows"):
            check(cast, xlsx([row(1), row(2), row(3)]))


def test_a_csv_with_a_bom_and_lao_text_imports(cast):
    decomposed = "ທ່ານ ສົມພອນ ຄໍາມະນີ"  # ໍ + າ typed apart, as old fonts do
    rows = [
        row(1, debtor_name_lo=decomposed, debtor_name_latin="Somphone Khammany"),
        open_row(2, received_on="2020-03-05", obligation_kind=lao(ObligationKind.VACATE)),
    ]
    rows[1].update(amount=None, currency=None, amount_recovered=None)
    data = csv_bytes(rows, headings=("lo", "en"))
    assert data.startswith(b"\xef\xbb\xbf")

    batch = check(cast, data, "ທະບຽນ 2020.csv")
    assert batch.report == []
    legacy_import(actor=cast.clerk, batch=batch, accept_valid_rows=False)

    first = EnforcementCase.objects.get(register_number=1)
    debtor = first.case_parties.get(role=PartyRole.DEBTOR).party
    assert debtor.name_lo == "ທ່ານ ສົມພອນ ຄຳມະນີ"  # stored with the single character ຳ
    assert first.received_on == date(2020, 3, 2)
    vacate = EnforcementCase.objects.get(register_number=2).obligations.get()
    assert (vacate.kind, vacate.amount, vacate.currency) == (ObligationKind.VACATE, None, "")
    assert not LedgerEntry.objects.filter(case__register_number=2).exists()


def test_english_headings_alone_and_excel_date_serials_are_read(cast):
    batch = check(
        cast,
        xlsx([row(1, received_on=43892, outcome="Fully enforced", status="closed")], ("en",)),
    )

    assert batch.report == []
    assert batch.data[0]["received_on"] == "2020-03-02"
    assert batch.data[0]["row"] == 2  # one row of headings


# ---------------------------------------------------------------- who may


def test_only_the_head_or_clerk_of_the_office_imports(cast):
    data = xlsx([row(1)])
    for who in ("officer", "auditor_district", "head_province"):
        with pytest.raises(AccessDenied):
            legacy_check(actor=getattr(cast, who), office=office(), file_name="r.xlsx", data=data)
    with pytest.raises(AccessDenied):
        legacy_check(actor=cast.head_other_district, office=office(), file_name="r.xlsx", data=data)
    batch = check(cast, data)
    with pytest.raises(AccessDenied):
        legacy_import(actor=cast.head_other_district, batch=batch, accept_valid_rows=False)
    assert legacy_import(actor=cast.head, batch=batch, accept_valid_rows=False).imported_rows == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("clerk", 200),
        ("head", 200),
        ("head_province", 200),  # the province sees its districts' imports, read only
        ("dej", 200),
        ("outsider_district", 404),
        ("head_other_district", 404),
        ("outsider_province", 404),
        ("trainer", 404),
    ],
)
def test_the_report_page_is_seen_only_within_the_office_scope(cast, who, status):
    batch = check(cast, xlsx([row(1)]))

    response = cast.client(who).get(reverse("reports:import_detail", args=[batch.pk]))

    assert response.status_code == status


def test_a_user_of_another_office_cannot_import_the_file(cast):
    batch = check(cast, xlsx([row(1)]))
    url = reverse("reports:import_detail", args=[batch.pk])

    assert cast.client("head_other_district").post(url).status_code == 404
    assert cast.client("head_province").post(url).status_code == 403
    assert cast.client("officer").post(url).status_code == 403
    assert not EnforcementCase.objects.exists()


def test_an_officer_sees_the_imports_but_has_no_upload_form(cast):
    check(cast, xlsx([row(1)]))

    page = cast.client("officer").get(reverse("reports:import"))

    assert page.status_code == 200
    assert 'id="import-form"' not in page.content.decode()
    assert "register.xlsx" in page.content.decode()
    program = io.BytesIO(b"x")
    program.name = "r.csv"
    refused = cast.client("officer").post(reverse("reports:import"), {"file": program})
    assert refused.status_code == 403


# ---------------------------------------------------------------- the pages


def test_the_pages_take_a_file_from_upload_to_import(cast):
    client = cast.client("clerk")
    page = client.get(reverse("reports:import"))
    assert page.status_code == 200
    assert 'id="import-form"' in page.content.decode()
    upload = io.BytesIO(xlsx([row(1), row(2, court="ສານບໍ່ມີ"), open_row(3)]))
    upload.name = "ທະບຽນເກົ່າ 2020.xlsx"

    response = client.post(reverse("reports:import"), {"file": upload})

    batch = LegacyImport.objects.get()
    detail = reverse("reports:import_detail", args=[batch.pk])
    assert response.status_code == 302
    assert response["Location"] == detail
    page = client.get(detail)
    html = page.content.decode()
    assert 'data-row="4" data-field="court"' in html
    assert "<td>ສານ</td>" in html  # the column in Lao, as the page is in Lao
    assert 'id="import-valid"' in html
    assert 'id="import-all"' not in html

    done = client.post(detail, {"accept_valid_rows": "1"}, follow=True)

    assert done.status_code == 200
    html = done.content.decode()
    assert 'data-count="imported">2<' in html
    assert 'id="import-done"' in html
    assert EnforcementCase.objects.count() == 2


def test_a_clean_file_offers_the_plain_import_button(cast):
    batch = check(cast, xlsx([row(1)]))
    client = cast.client("head")
    detail = reverse("reports:import_detail", args=[batch.pk])

    html = client.get(detail).content.decode()
    assert 'id="import-all"' in html
    assert 'id="import-valid"' not in html

    client.post(detail, {})
    batch.refresh_from_db()
    assert batch.imported_rows == 1
    assert 'data-count="skipped">0<' in client.get(detail).content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("trainer", 403), ("admin", 403), ("auditor_district", 200)]
)
def test_the_import_page_answers_each_role(cast, who, status):
    client = cast.client(who)

    assert client.get(reverse("reports:import")).status_code == status
    assert client.get(reverse("reports:import_template")).status_code == status


def test_an_unknown_template_format_is_not_found(cast):
    response = cast.client("clerk").get(reverse("reports:import_template") + "?format=pdf")

    assert response.status_code == 404
