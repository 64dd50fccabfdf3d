"""Documents in a case's retention (cases.retention): issued documents and scans are archived
with their files; on erasure the files are deleted and the data a document was made from, the
scans' titles and names go, while the register numbers, dates, kinds and SHA-256 sums stay (the
register of documents keeps no gap); a person's export lists the case's documents."""

from __future__ import annotations

from typing import Any

from django.db.models.fields.files import FieldFile

from ejcms.cases.models import EnforcementCase, Party
from ejcms.cases.retention import Part, register_part, rows
from ejcms.documents.kinds import KINDS
from ejcms.documents.models import Attachment, IssuedDocument


def _archive(case: EnforcementCase) -> dict[str, list[dict[str, Any]]]:
    return {
        "documents": rows(IssuedDocument.objects.filter(case=case)),
        "attachments": rows(Attachment.objects.filter(case=case)),
    }


def _files(case: EnforcementCase) -> list[FieldFile]:
    documents = IssuedDocument.objects.filter(case=case).exclude(file="")
    attachments = Attachment.objects.filter(case=case).exclude(file="")
    return [d.file for d in documents.order_by("pk")] + [a.file for a in attachments.order_by("pk")]


def _erase(case: EnforcementCase) -> dict[str, int]:
    # The files themselves are deleted by cases.retention once the erasure has committed.
    return {
        "documents": IssuedDocument.objects.filter(case=case).update(data={}, file="", reason=""),
        "attachments": Attachment.objects.filter(case=case).update(
            title="", original_name="", file=""
        ),
    }


def _person(case: EnforcementCase, party: Party) -> dict[str, Any]:
    documents = IssuedDocument.objects.filter(case=case).order_by("issued_on", "issued_at")
    attachments = Attachment.objects.filter(case=case).order_by("uploaded_at")
    return {
        "documents": [
            {
                "kind": document.kind,
                "title": str(KINDS[document.kind].title) if document.kind in KINDS else "",
                "number": document.register_label,
                "issued_on": document.issued_on,
                "language": document.language,
            }
            for document in documents
        ],
        "attachments": [
            {
                "kind": attachment.kind,
                "kind_label": attachment.get_kind_display(),
                "title": attachment.title,
                "uploaded_at": attachment.uploaded_at,
            }
            for attachment in attachments
        ],
    }


def register() -> None:
    register_part(
        Part(app="documents", archive=_archive, files=_files, erase=_erase, person=_person)
    )
