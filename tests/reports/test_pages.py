"""The statistics pages, exports, PDF report and baselines: who sees what, and that the page,
the CSV, the XLSX and the PDF carry the same figures."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pypdfium2 as pdfium
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.org.models import Office, Province
from ejcms.reports import periods
from ejcms.reports.models import Snapshot
from ejcms.reports.services import snapshot_take
from ejcms.reports.tables import indicator_columns
from tests.documents.conftest import first_page_ink
from tests.reports.conftest import Book

URL = "/statistics/"
Q1 = {"period": "2025-Q1", "standard": "365"}


def province_key(code: str) -> str:
    return f"province-{Province.objects.get(code=code).pk}"


def office_key(code: str) -> str:
    return f"office-{Office.objects.get(code=code).pk}"


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_a_province_head_sees_only_their_province(book: Book) -> None:
    client = book.cast.client("head_province")
    page = client.get(URL, Q1)
    assert page.status_code == 200
    html = page.content.decode()
    capital = Province.objects.get(code="01").name
    assert capital in html
    # The drill-down lists the capital's offices, never another province's.
    assert Office.objects.get(code="0101").name in html
    assert Office.objects.get(code="0601").name not in html
    assert Province.objects.get(code="06").name not in html
    for forbidden in ("national", province_key("06"), office_key("0601")):
        for path in (
            URL,
            reverse("reports:export", args=["units", "csv"]),
            reverse("reports:export", args=["all", "xlsx"]),
            reverse("reports:report_pdf"),
        ):
            assert client.get(path, {**Q1, "unit": forbidden}).status_code == 404, (path, forbidden)
    # Its own districts open.
    assert client.get(URL, {**Q1, "unit": office_key("0102")}).status_code == 200
    # The CSV of its unit holds its offices' rows and the province's total: 4 incoming.
    rows = csv_rows(client.get(reverse("reports:export", args=["units", "csv"]), Q1).content)
    names = [row[0] for row in rows[1:-1]]
    assert Office.objects.get(code="0101").name in names
    assert all(Office.objects.get(code="0601").name != name for name in names)
    assert rows[-1][1] == "4"


def test_a_district_head_sees_only_their_office(book: Book) -> None:
    client = book.cast.client("head")
    page = client.get(URL, Q1)
    assert page.status_code == 200
    for forbidden in ("national", province_key("01"), office_key("0102")):
        assert client.get(URL, {**Q1, "unit": forbidden}).status_code == 404
    # The drill-down goes to the office's officers.
    assert client.get(URL, {**Q1, "unit": f"officer-{book.o1.pk}"}).status_code == 200
    assert (
        client.get(URL, {**Q1, "unit": f"officer-{book.cast.outsider_district.pk}"}).status_code
        == 404
    )


def test_an_officer_sees_their_own_page_only(book: Book) -> None:
    client = book.cast.client("officer")
    page = client.get(URL, Q1)
    assert page.status_code == 200
    assert 'data-figure="incoming">1<' in page.content.decode()  # A3
    assert client.get(URL, {**Q1, "unit": f"officer-{book.o2.pk}"}).status_code == 404
    # Their office's page lists each colleague's figures: for the head, not for them.
    assert client.get(URL, {**Q1, "unit": office_key("0101")}).status_code == 404
    assert client.get(URL, {**Q1, "unit": office_key("0102")}).status_code == 404


def test_who_sees_no_cases_sees_no_statistics(book: Book) -> None:
    assert book.cast.client("trainer").get(URL).status_code == 404


def test_bad_period_and_standard_are_named(book: Book) -> None:
    client = book.cast.client("dej")
    page = client.get(URL, {"period": "2025-Q7", "standard": "5"})
    assert page.status_code == 400
    html = page.content.decode()
    assert "2025-Q7" in html
    assert "3650" in html
    half = client.get(URL, {"from": "2025-01-01"})
    assert half.status_code == 400


def test_exports_agree_with_the_page(book: Book) -> None:
    client = book.cast.client("dej")
    params = {**Q1, "unit": province_key("01")}
    html = client.get(URL, params).content.decode()
    rows = csv_rows(client.get(reverse("reports:export", args=["units", "csv"]), params).content)
    header, total = rows[0], rows[-1]
    with translation.override("lo"):
        assert header[1:] == [column.label for column in indicator_columns()]
    assert total[1:5] == ["4", "4", "4", "4"]
    assert total[5] == "100.0"
    assert f'data-col="incoming">{total[1]}<' in html

    book_xlsx = load_workbook(
        io.BytesIO(client.get(reverse("reports:export", args=["all", "xlsx"]), params).content)
    )
    assert len(book_xlsx.sheetnames) == 4
    units = book_xlsx.worksheets[0]
    values = [[cell.value for cell in row] for row in units.iter_rows()]
    last = values[-1]
    assert last[1:5] == [4, 4, 4, 4]
    assert last[5] == 100
    money = book_xlsx.worksheets[2]
    lak = next(row for row in money.iter_rows(values_only=True) if row[1] == 14080000)
    assert lak[2] == 11000000
    assert lak[3] == pytest.approx(78.1)


def test_the_pdf_report_is_lao_and_carries_the_figures(book: Book) -> None:
    client = book.cast.client("head_province")
    response = client.get(reverse("reports:report_pdf"), Q1)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = pdfium.PdfDocument(response.content)
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    flat = "".join(text.split())
    assert "ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ" in text
    assert Province.objects.get(code="01").name in text
    assert "".join(Office.objects.get(code="0102").name.split()) in flat
    assert "14.080.000" in flat  # the LAK due of the resolved cases, grouped the Lao way
    assert "ກົມຄຸ້ມຄອງການປະຕິບັດຄຳຕັດສິນຂອງສານ" in text  # addressed to the DEJ
    pdf.close()
    assert first_page_ink(response.content) > 5000, "the first page is blank"


def test_a_baseline_is_frozen_and_compared(book: Book) -> None:
    head = book.cast.head_province
    snapshot = snapshot_take(
        actor=head,
        unit_key=province_key("01"),
        period=periods.parse("2025-Q1"),
        label="ຂໍ້ມູນພື້ນຖານ ມີນາ 2025",
        standard_days=365,
        today=date(2025, 4, 10),
    )
    assert snapshot.indicators["figures"]["incoming"] == 4
    assert snapshot.indicators["figures"]["clearance_rate"] == "100.0"
    # Later cases do not change what was frozen.
    book.case("A9", "0101", date(2025, 3, 20))
    snapshot.refresh_from_db()
    assert snapshot.indicators["figures"]["incoming"] == 4
    snapshot.label = "changed"
    with pytest.raises(ValueError, match="never edited"):
        snapshot.save()
    # The comparison page: baseline 4, now (the same quarter, recomputed) 5, change +1.
    page = book.cast.client("head_province").get(
        reverse("reports:snapshot", args=[snapshot.pk]), {"period": "2025-Q1"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    row = html[html.index('data-key="incoming"') :]
    row = row[: row.index("</tr>")]
    cells = [cell.split(">")[-1] for cell in row.split("</td>")[:-1]]
    assert cells == ["4", "5", "+1", "+25,0"]
    # Another province's head cannot open it.
    assert (
        book.cast.client("head_other_province")
        .get(reverse("reports:snapshot", args=[snapshot.pk]))
        .status_code
        == 404
    )


def take(actor: Any, unit_key: str, label: str = "ພື້ນຖານ") -> Snapshot:
    return snapshot_take(
        actor=actor,
        unit_key=unit_key,
        period=periods.parse("2025-Q1"),
        label=label,
        standard_days=365,
        today=date(2025, 4, 10),
    )


def test_baseline_refusals(book: Book) -> None:
    with pytest.raises(AccessDenied):  # an officer does not take baselines
        take(book.cast.officer, office_key("0101"))
    with pytest.raises(AccessDenied):  # nor a head another province's
        take(book.cast.head_province, province_key("06"))
    with pytest.raises(ApplicationError) as empty:
        take(book.cast.head_province, province_key("01"), label="  ")
    assert "label" in empty.value.message_dict
    take(book.cast.head_province, province_key("01"))
    with pytest.raises(ApplicationError):  # the same name twice for the same unit
        take(book.cast.head_province, province_key("01"))
    assert Snapshot.objects.count() == 1


def test_a_baseline_taken_from_the_page(book: Book) -> None:
    client = book.cast.client("head_province")
    response = client.post(
        reverse("reports:snapshots") + "?period=2025-Q1&standard=365",
        {"label": "ພື້ນຖານ ໄຕມາດ 1"},
    )
    snapshot = Snapshot.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:snapshot", args=[snapshot.pk])
    assert snapshot.unit_key == province_key("01")
    assert (snapshot.start, snapshot.end) == (date(2025, 1, 1), date(2025, 3, 31))
    listing = client.get(reverse("reports:snapshots")).content.decode()
    assert "ພື້ນຖານ ໄຕມາດ 1" in listing
    assert (
        "ພື້ນຖານ ໄຕມາດ 1"
        not in book.cast.client("head_other_province")
        .get(reverse("reports:snapshots"))
        .content.decode()
    )
    # Withdrawn, it stays listed, marked.
    client.post(reverse("reports:snapshot_withdraw", args=[snapshot.pk]))
    snapshot.refresh_from_db()
    assert snapshot.withdrawn_at is not None


def test_the_dashboard_costs_the_same_few_queries_however_many_cases(book: Book) -> None:
    client = book.cast.client("dej")

    def queries(params: dict[str, str]) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, params).status_code == 200
        return len(captured.captured_queries)

    national = queries(Q1)
    office = queries({**Q1, "unit": office_key("0101")})
    for number in range(5):
        book.case(f"N{number}", "0102", date(2025, 2, 1 + number), officer=book.o1)
        book.complaint(f"N{number}", date(2025, 3, 1))
    assert queries(Q1) == national
    assert queries({**Q1, "unit": office_key("0101")}) == office
    assert national <= 25


def test_the_bench_draws_the_national_dashboard_and_keeps_nothing(book: Book) -> None:
    out = io.StringIO()
    users = User.objects.count()
    call_command("bench", only="statistics", dashboards=2, stdout=out)
    text = out.getvalue()
    assert "national dashboard (page)" in text
    assert "national dashboard (selector)" in text
    assert "database size:" in text
    assert User.objects.count() == users  # its user was rolled back
