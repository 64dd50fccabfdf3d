"""The documents part of API v1: the documents issued in a case and the files uploaded to it,
and the download of each, exactly as stored (the same selectors and checks as the documents
tab and its downloads)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import FileResponse, Http404
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from ejcms.cases.models import EnforcementCase
from ejcms.cases.selectors import case_for_user
from ejcms.core.api_actions import ApiAction
from ejcms.core.api_views import ApiView
from ejcms.documents.kinds import KINDS
from ejcms.documents.models import Attachment, IssuedDocument
from ejcms.documents.selectors import (
    attachment_of_case,
    case_attachments,
    case_documents,
    document_of_case,
)

ISSUED, UPLOADED = "issued", "uploaded"


class DocumentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    source = serializers.ChoiceField(
        choices=[(ISSUED, ISSUED), (UPLOADED, UPLOADED)],
        help_text="issued: a PDF made by ejcms from a template; uploaded: a scan added to the case",
    )
    kind = serializers.CharField()
    title = serializers.CharField()
    register_number = serializers.CharField(help_text="the office's register number; issued only")
    date = serializers.DateField()
    language = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    replaces = serializers.UUIDField(allow_null=True)
    replaced_by = serializers.UUIDField(allow_null=True)
    signed_copy_of = serializers.UUIDField(allow_null=True)
    file = serializers.CharField(help_text="the URL that downloads the file")


def _file_url(case: EnforcementCase, document_id: UUID) -> str:
    return reverse("api:v1:case_document_file", args=[case.pk, document_id])


def _replacement(document: IssuedDocument) -> UUID | None:
    try:
        return document.replaced_by.pk
    except IssuedDocument.DoesNotExist:
        return None


def _issued(case: EnforcementCase, document: IssuedDocument) -> dict[str, Any]:
    kind = KINDS.get(document.kind)
    return {
        "id": document.pk,
        "source": ISSUED,
        "kind": document.kind,
        "title": str(kind.title) if kind else document.kind,
        "register_number": document.register_label,
        "date": document.issued_on,
        "language": document.language,
        "content_type": "application/pdf",
        "size": document.size,
        "sha256": document.sha256,
        "replaces": document.replaces_id,
        "replaced_by": _replacement(document),
        "signed_copy_of": None,
        "file": _file_url(case, document.pk),
        "_at": document.issued_at,
    }


def _uploaded(case: EnforcementCase, attachment: Attachment) -> dict[str, Any]:
    return {
        "id": attachment.pk,
        "source": UPLOADED,
        "kind": attachment.kind,
        "title": attachment.title,
        "register_number": "",
        "date": attachment.uploaded_at.date(),
        "language": "",
        "content_type": attachment.content_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "replaces": None,
        "replaced_by": None,
        "signed_copy_of": attachment.document_id,
        "file": _file_url(case, attachment.pk),
        "_at": attachment.uploaded_at,
    }


class CaseDocumentsView(ApiView):
    """The documents of a case, newest first: those issued by the office (with their register
    number and the SHA-256 of the PDF as issued) and the files uploaded to the case."""

    api_action = ApiAction.DOCUMENTS_READ

    @extend_schema(responses=DocumentSerializer(many=True))
    def get(self, request: Request, case_id: int) -> Response:
        case = case_for_user(request.user, case_id)
        rows = [_issued(case, d) for d in case_documents(case)]
        rows += [_uploaded(case, a) for a in case_attachments(case)]
        rows.sort(key=lambda row: row["_at"], reverse=True)
        return Response(DocumentSerializer(rows, many=True).data)


class CaseDocumentFileView(ApiView):
    """The file of a document, byte for byte as stored: an issued PDF (its SHA-256 is the
    document's) or an uploaded scan. Sent as an attachment; the ETag is the SHA-256."""

    api_action = ApiAction.DOCUMENTS_READ

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # A client may ask for application/pdf: the file is not rendered, errors are JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        responses={
            (200, content_type): OpenApiResponse(OpenApiTypes.BINARY, description=description)
            for content_type, description in [
                ("application/pdf", "an issued document, or a scan as PDF"),
                ("image/jpeg", "a scan as JPEG"),
                ("image/png", "a scan as PNG"),
            ]
        }
    )
    def get(self, request: Request, case_id: int, document_id: UUID) -> FileResponse:
        case = case_for_user(request.user, case_id)
        document = document_of_case(case, str(document_id))
        if document is not None:
            if not document.file:
                raise Http404
            name = f"{document.kind}-{document.year}-{document.number}.pdf"
            response = FileResponse(
                document.file.open("rb"),
                as_attachment=True,
                filename=name,
                content_type="application/pdf",
            )
            digest = document.sha256
        else:
            attachment = attachment_of_case(case, str(document_id))
            if attachment is None or not attachment.file:
                raise Http404
            extension = (attachment.file.name or "").rsplit(".", 1)[-1]
            response = FileResponse(
                attachment.file.open("rb"),
                as_attachment=True,
                filename=f"{attachment.pk}.{extension}",
                content_type=attachment.content_type,
            )
            digest = attachment.sha256
        response["ETag"] = f'"{digest}"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-cache"
        return response


urlpatterns = [
    path("cases/<ref:case_id>/documents/", CaseDocumentsView.as_view(), name="case_documents"),
    path(
        "cases/<ref:case_id>/documents/<uuid:document_id>/file/",
        CaseDocumentFileView.as_view(),
        name="case_document_file",
    ),
]
