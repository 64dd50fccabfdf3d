"""Official documents in the real browser: the head issues the enforcement order from the case's
documents tab, opens the PDF, issues a correction, and adds the signed scan."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typst

from ejcms.cases.models import EnforcementCase
from ejcms.core.ids import ref
from ejcms.documents.models import Attachment, IssuedDocument
from ejcms.documents.render import TEMPLATES, fonts
from ejcms.org.models import Office
from tests.conftest import PASSWORD, Cast, advance, register, seed_reference_data
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCAN = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def ordered_case(transactional_db: None) -> EnforcementCase:
    if not Office.objects.exists():
        seed_reference_data()
    cast = Cast()
    cast.officer  # noqa: B018
    return advance(register(cast.clerk), cast, "start_compulsory")


def _page_png(document: IssuedDocument, path: Path) -> None:
    """The first page of an issued document as an image, from its revision and its data."""
    pages = typst.compile(  # type: ignore[call-overload]
        document.template.source.encode(),
        root=str(TEMPLATES),
        font_paths=fonts(),
        format="png",
        ppi=80,
        sys_inputs={"data": json.dumps(document.data, ensure_ascii=False)},
    )
    path.write_bytes(pages[0] if isinstance(pages, list) else pages)


def test_issue_open_correct_and_scan(
    live_server: Any, page: Any, ordered_case: EnforcementCase, screenshots: Path, tmp_path: Path
):
    case = ordered_case
    log_in(page, live_server, "head", PASSWORD)
    page.wait_for_selector("text=ໜ້າສະຫຼຸບພາບລວມຂອງຂ້ອຍ")
    page.goto(f"{live_server.url}/cases/{ref(case.pk)}/")
    page.click('#case-tabs [data-tab="documents"]')
    page.wait_for_selector("#document-offers")

    # The steps taken call for the minutes, the enforcement order and the notice.
    for kind in ("voluntary_minutes", "enforcement_order", "notice_to_debtor", "case_cover"):
        assert page.locator(f'[data-issue="{kind}"]').count() == 1, kind
    page.screenshot(path=str(screenshots / "15-documents-offered.png"), full_page=True)

    page.click('[data-issue="enforcement_order"]')
    page.wait_for_selector("#issue-form")
    page.click('#issue-form button[type="submit"]')
    page.wait_for_selector("#document-number")
    document = IssuedDocument.objects.get(kind="enforcement_order")
    assert page.inner_text("#document-number") == document.register_label
    assert page.inner_text("#document-sha256") == document.sha256

    # The PDF opens, byte for byte what was kept.
    href = page.get_attribute("#document-pdf", "href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.headers["content-type"] == "application/pdf"
    assert response.body() == document.file.open("rb").read()
    page.screenshot(path=str(screenshots / "16-document-issued.png"), full_page=True)
    _page_png(document, screenshots / "17-enforcement-order.png")

    # A correction gets the next number and names the one it replaces.
    page.get_by_role("link", name="ອອກເອກະສານແກ້ໄຂ").click()
    page.wait_for_selector("#issue-form")
    page.fill('#issue-form [name="reason"]', "ແກ້ໄຂຊື່ພະນັກງານປະຕິບັດຄຳຕັດສິນຂອງສານ")
    page.click('#issue-form button[type="submit"]')
    page.wait_for_selector("#document-number")
    correction = IssuedDocument.objects.get(replaces=document)
    assert correction.number == document.number + 1
    assert document.register_label in page.inner_text("main")

    # The signed copy of the correction is scanned and kept with the case.
    page.click('#case-tabs [data-tab="documents"]')
    page.wait_for_selector("#upload-form")
    page.select_option('#upload-form select[name="kind"]', "signed")
    page.select_option('#upload-form select[name="document"]', str(correction.pk))
    page.fill('#upload-form input[name="title"]', "ຄຳສັ່ງ ສະບັບລົງລາຍເຊັນ")
    scan = tmp_path / "ຄຳສັ່ງ.pdf"
    scan.write_bytes(SCAN)
    page.set_input_files('#upload-form input[name="file"]', str(scan))
    page.click('#upload-form button[type="submit"]')
    page.wait_for_selector("#attachments")
    attachment = Attachment.objects.get()
    assert attachment.document == correction
    assert "ຄຳສັ່ງ ສະບັບລົງລາຍເຊັນ" in page.inner_text("#attachments")
    assert page.locator("#documents tr[data-document]").count() == 2
