"""Scans uploaded to a case: PDF, JPEG or PNG by content and by name, 10 MB at most, kept
outside the web root and served only to those who may see the case."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ejcms.core.errors import ApplicationError
from ejcms.documents.models import Attachment
from ejcms.documents.services import attachment_upload, document_issue

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _upload(case, cast, name, content, content_type="application/pdf", **extra):
    return attachment_upload(
        actor=cast.officer,
        case=case,
        kind=extra.pop("kind", "decision"),
        title=extra.pop("title", "ຄຳຕັດສິນ ສະບັບສະແກນ"),
        upload=SimpleUploadedFile(name, content, content_type=content_type),
        **extra,
    )


@pytest.mark.django_db
class TestRefused:
    def test_a_pdf_renamed_exe(self, make_case, cast):
        case = make_case()
        with pytest.raises(ApplicationError) as exc:
            _upload(case, cast, "ຄຳຕັດສິນ.exe", PDF, "application/x-msdownload")
        assert "file" in exc.value.message_dict
        assert not Attachment.objects.exists()

    def test_a_program_renamed_pdf(self, make_case, cast):
        case = make_case()
        with pytest.raises(ApplicationError) as exc:
            _upload(case, cast, "ຄຳຕັດສິນ.pdf", EXE, "application/pdf")
        assert "file" in exc.value.message_dict
        assert not Attachment.objects.exists()

    def test_a_file_over_ten_megabytes(self, make_case, cast):
        case = make_case()
        big = PDF + b"0" * (10 * 1024 * 1024)
        with pytest.raises(ApplicationError) as exc:
            _upload(case, cast, "ໃຫຍ່.pdf", big)
        assert "10 MB" in exc.value.message_dict["file"][0]
        assert not Attachment.objects.exists()

    def test_a_png_named_pdf(self, make_case, cast):
        case = make_case()
        with pytest.raises(ApplicationError):
            _upload(case, cast, "scan.pdf", PNG, "application/pdf")

    def test_a_signed_copy_needs_its_document(self, make_case, cast):
        case = make_case()
        with pytest.raises(ApplicationError) as exc:
            _upload(case, cast, "scan.pdf", PDF, kind="signed")
        assert "document" in exc.value.message_dict

    def test_by_another_office(self, make_case, cast):
        case = make_case()
        from ejcms.core.errors import AccessDenied

        with pytest.raises(AccessDenied):
            attachment_upload(
                actor=cast.outsider_district,
                case=case,
                kind="decision",
                title="x",
                upload=SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"),
            )


@pytest.mark.django_db
def test_a_scan_is_kept_outside_the_web_root_and_served_only_within_scope(make_case, cast):
    case = make_case()
    attachment = _upload(case, cast, "ຄຳຕັດສິນ.PDF", PDF)
    assert attachment.content_type == "application/pdf"
    path = Path(attachment.file.path).resolve()
    assert path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.STATIC_ROOT).resolve())
    assert path.read_bytes() == PDF
    url = reverse("documents:attachment", args=[case.pk, attachment.pk])
    response = cast.client("officer").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert cast.client("head_province").get(url).status_code == 200
    for outsider in ("outsider_district", "outsider_province", "head_other_province"):
        assert cast.client(outsider).get(url).status_code == 404, outsider
    # The file's own URL under MEDIA_URL is not served at all.
    media = settings.MEDIA_URL + attachment.file.name
    assert cast.client("officer").get(media).status_code == 404


@pytest.mark.django_db
def test_an_issued_pdf_is_404_for_another_office(make_case, cast):
    case = make_case()
    document = document_issue(actor=cast.officer, case=case, kind="case_cover")
    url = reverse("documents:pdf", args=[case.pk, document.pk])
    response = cast.client("officer").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    for outsider in ("outsider_district", "outsider_province"):
        assert cast.client(outsider).get(url).status_code == 404
        detail = reverse("documents:detail", args=[case.pk, document.pk])
        assert cast.client(outsider).get(detail).status_code == 404


@pytest.mark.django_db
def test_upload_through_the_page_names_the_field(make_case, cast):
    case = make_case()
    client = cast.client("officer")
    url = reverse("documents:upload", args=[case.pk])
    bad = SimpleUploadedFile("ຄຳຕັດສິນ.exe", PDF, content_type="application/octet-stream")
    response = client.post(url, {"kind": "decision", "title": "ສະແກນ", "file": bad})
    assert response.status_code == 400
    page = response.content.decode()
    assert "PDF, JPEG" in page or "PDF" in page
    assert not Attachment.objects.exists()
    good = SimpleUploadedFile("ຄຳຕັດສິນ.pdf", PDF, content_type="application/pdf")
    response = client.post(url, {"kind": "decision", "title": "ສະແກນ", "file": good})
    assert response.status_code == 302
    assert Attachment.objects.get().title == "ສະແກນ"
