"""API v1, documents of a case: the list of issued and uploaded documents and their download."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ejcms.core.ids import ref
from ejcms.documents.services import attachment_upload, document_issue
from tests.conftest import register

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def case(cast: Any) -> Any:
    """A case of Chanthabouly with its cover sheet issued and the decision scanned."""
    cast.officer  # noqa: B018 - assigned to the case
    case = register(cast.clerk, number="411/ສປ")
    case.cover = document_issue(actor=cast.officer, case=case, kind="case_cover")
    case.scan = attachment_upload(
        actor=cast.officer,
        case=case,
        kind="decision",
        title="ຄຳຕັດສິນ ສະບັບສະແກນ",
        upload=SimpleUploadedFile("ຄຳຕັດສິນ.pdf", SCAN, content_type="application/pdf"),
    )
    return case


def _read(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_the_list_holds_issued_and_uploaded_documents(case: Any, api_client: Any) -> None:
    response = api_client(actions=["documents.read"]).get(
        f"/api/v1/cases/{ref(case.pk)}/documents/"
    )
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()}
    assert set(rows) == {str(case.cover.pk), str(case.scan.pk)}
    cover = rows[str(case.cover.pk)]
    assert cover["source"] == "issued"
    assert cover["kind"] == "case_cover"
    assert cover["register_number"] == case.cover.register_label != ""
    assert cover["date"] == case.cover.issued_on.isoformat()
    assert cover["sha256"] == case.cover.sha256
    assert cover["file"] == f"/api/v1/cases/{ref(case.pk)}/documents/{case.cover.pk}/file/"
    scan = rows[str(case.scan.pk)]
    assert (scan["source"], scan["kind"], scan["title"]) == (
        "uploaded",
        "decision",
        "ຄຳຕັດສິນ ສະບັບສະແກນ",
    )
    assert scan["sha256"] == hashlib.sha256(SCAN).hexdigest()
    assert scan["register_number"] == ""


def test_the_download_is_the_stored_file(case: Any, api_client: Any) -> None:
    api = api_client(actions=["documents.read"])
    listed = {row["id"]: row for row in api.get(f"/api/v1/cases/{ref(case.pk)}/documents/").json()}
    response = api.get(listed[str(case.cover.pk)]["file"])
    assert response.status_code == 200
    content = _read(response)
    assert content.startswith(b"%PDF")
    assert (
        hashlib.sha256(content).hexdigest()
        == case.cover.sha256
        == listed[str(case.cover.pk)]["sha256"]
    )
    assert response["Content-Type"] == "application/pdf"
    expected = f"case_cover-{case.cover.year}-{case.cover.number}.pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
    assert response["ETag"] == f'"{case.cover.sha256}"'
    scan = api.get(listed[str(case.scan.pk)]["file"])
    assert scan.status_code == 200
    assert _read(scan) == SCAN
    assert scan["Content-Disposition"].startswith("attachment;")


def test_a_client_asking_for_pdf_gets_it(case: Any, api_client: Any) -> None:
    api = api_client(actions=["documents.read"])
    url = f"/api/v1/cases/{ref(case.pk)}/documents/{case.cover.pk}/file/"
    response = api.client.get(url, HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert hashlib.sha256(_read(response)).hexdigest() == case.cover.sha256


def test_scope_action_and_unknown_documents(cast: Any, case: Any, api_client: Any) -> None:
    listing = f"/api/v1/cases/{ref(case.pk)}/documents/"
    download = f"{listing}{case.cover.pk}/file/"
    far = api_client(office="0601", actions=["documents.read"])
    assert far.get(listing).status_code == 404
    assert far.get(download).status_code == 404
    refused = api_client(actions=["cases.read"], name="ລະບົບ ຄະດີ")
    assert refused.get(listing).status_code == 403
    assert refused.get(download).status_code == 403
    # A document of another case, named under this case, is not found.
    other = register(cast.clerk, number="412/ສປ")
    elsewhere = document_issue(actor=cast.officer, case=other, kind="case_cover")
    own = api_client(actions=["documents.read"], name="ລະບົບ ເອກະສານ")
    response = own.get(f"{listing}{elsewhere.pk}/file/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert (
        own.get(f"/api/v1/cases/{ref(other.pk)}/documents/{elsewhere.pk}/file/").status_code == 200
    )


def test_the_browser_session_downloads_like_the_page(cast: Any, case: Any) -> None:
    url = f"/api/v1/cases/{ref(case.pk)}/documents/{case.cover.pk}/file/"
    response = cast.client("auditor_district").get(url)
    assert response.status_code == 200
    assert hashlib.sha256(_read(response)).hexdigest() == case.cover.sha256
    assert cast.client("head_province").get(url).status_code == 200
    assert cast.client("outsider_district").get(url).status_code == 404
