"""The statistics in the real browser: the national dashboard draws its charts, drills down to a
district office, and the XLSX exported there holds the same figures as the page."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ejcms.org.models import Office, Province
from tests.conftest import PASSWORD, Cast, seed_reference_data
from tests.e2e.conftest import log_in
from tests.reports.conftest import build_book

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def page_number(text: str) -> Decimal | str:
    """A figure as the Lao page shows it ("1.234,5") as a number; "—" stays as it is."""
    text = text.strip()
    if text == "—":
        return text
    return Decimal(text.replace(".", "").replace(",", "."))


def sheet_number(value: Any) -> Decimal | str:
    if value == "—":
        return value
    return Decimal(str(value))


def test_national_dashboard_drills_to_a_district_and_exports_the_same_figures(
    live_server: Any, page: Any, screenshots: Path
):
    if not Office.objects.exists():
        seed_reference_data()
    book = build_book(Cast())
    book.cast.dej  # noqa: B018
    log_in(page, live_server, "dej", PASSWORD)

    page.goto(f"{live_server.url}/statistics/?period=2025-Q1&standard=365")
    page.wait_for_selector("#key-figures")
    assert page.inner_text('[data-figure="incoming"]') == "5"
    # Chart.js drew the chart of the provinces: the canvas has pixels and a chart object.
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('canvas[data-chart=flow]'))"
    )
    page.screenshot(path=str(screenshots / "23-statistics-national.png"), full_page=True)

    # The table is one click away from its chart.
    page.click("#show-units-table")
    capital = Province.objects.get(code="01")
    page.wait_for_selector(f'a.drill[data-unit="province-{capital.pk}"]', state="visible")
    page.click(f'a.drill[data-unit="province-{capital.pk}"]')
    office = Office.objects.get(code="0101")
    page.click("#show-units-table")
    page.click(f'a.drill[data-unit="office-{office.pk}"]')
    page.wait_for_selector("#key-figures")
    assert office.name in page.inner_text("h1")
    assert page.inner_text('[data-figure="incoming"]') == "3"
    assert page.inner_text('[data-figure="backlog_rate"]') == "33,3"
    page.click("#show-units-table")
    page.wait_for_selector("#table-units", state="visible")
    page.screenshot(path=str(screenshots / "24-statistics-district.png"), full_page=True)

    # The figures of the page's table (officers of the office, and the total) …
    shown = [
        [page_number(cell.inner_text()) for cell in row.query_selector_all("td")]
        for row in page.query_selector_all("#table-units tbody tr, #table-units tfoot tr")
    ]
    with page.expect_download() as download:
        page.click("#export-xlsx")
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    heading = next(i for i, row in enumerate(rows) if row[1] is not None and i > 0)
    exported = [[sheet_number(value) for value in row[1:]] for row in rows[heading + 1 :]]
    # … are the file's, row by row and column by column.
    assert exported == shown
    assert shown[-1][0] == 3  # incoming, the office's total


def test_an_earlier_register_is_checked_row_by_row_and_its_valid_rows_imported(
    live_server: Any, page: Any, screenshots: Path, tmp_path: Path
):
    from tests.reports.test_legacy_import import open_row, row, xlsx

    if not Office.objects.exists():
        seed_reference_data()
    cast = Cast()
    cast.clerk  # noqa: B018
    upload = tmp_path / "ທະບຽນຄະດີ 2020.xlsx"
    upload.write_bytes(
        xlsx([row(1), row(2, court="ສານປະຊາຊົນແຂວງບໍ່ມີ"), row(3, closed_on="01/01/2020"), open_row(4)])
    )
    log_in(page, live_server, "clerk", PASSWORD)
    page.goto(f"{live_server.url}/statistics/import/")
    page.set_input_files('#import-form input[type="file"]', str(upload))
    page.click('#import-form button[type="submit"]')
    page.wait_for_selector("#import-valid")
    # Each problem names its row and column, in Lao.
    assert page.locator('[data-row="4"][data-field="court"]').count() == 1
    assert page.locator('[data-row="5"][data-field="closed_on"]').count() == 1
    page.screenshot(path=str(screenshots / "25-import-report.png"), full_page=True)
    page.click("#import-valid")
    page.wait_for_selector("#import-done")
    assert page.inner_text('[data-count="imported"]') == "2"
