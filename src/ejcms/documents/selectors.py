"""Reads of issued documents, scans and registers, scoped to what the user may see."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from ejcms.cases.models import EnforcementCase
from ejcms.documents.models import Attachment, DocumentBatch, DocumentTemplate, IssuedDocument
from ejcms.org.selectors import AnyUser, office_scope


def case_documents(case: EnforcementCase) -> QuerySet[IssuedDocument]:
    """The documents of a case the caller already may see (from case_for_user)."""
    return (
        IssuedDocument.objects.filter(case=case)
        .select_related("issued_by__staff_profile", "template", "replaces")
        .prefetch_related("replaced_by", "scans")
        .order_by("-issued_at")
    )


def case_attachments(case: EnforcementCase) -> QuerySet[Attachment]:
    return (
        Attachment.objects.filter(case=case)
        .select_related("document", "uploaded_by__staff_profile")
        .order_by("-uploaded_at")
    )


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def document_of_case(case: EnforcementCase, document_id: str) -> IssuedDocument | None:
    key = _uuid(document_id)
    return case_documents(case).filter(pk=key).first() if key else None


def attachment_of_case(case: EnforcementCase, attachment_id: str) -> Attachment | None:
    key = _uuid(attachment_id)
    return case_attachments(case).filter(pk=key).first() if key else None


def documents_visible_to(user: AnyUser) -> QuerySet[IssuedDocument]:
    """Every issued document of the offices the user sees: the registers."""
    return IssuedDocument.objects.filter(office_scope(user).q("office")).select_related(
        "office", "case", "issued_by__staff_profile"
    )


def batches_visible_to(user: AnyUser) -> QuerySet[DocumentBatch]:
    return DocumentBatch.objects.filter(office_scope(user).q("office")).select_related("office")


def template_revisions(kind: str) -> QuerySet[DocumentTemplate]:
    return DocumentTemplate.objects.filter(kind=kind).select_related("created_by__staff_profile")


def step_documents_due(case: EnforcementCase) -> list[tuple[str, str]]:
    """(kind, subject) of the documents the workflow steps taken call for (Transition.document)
    and that have not been issued, in one query."""
    from django.db.models import CharField, Exists, OuterRef, Value
    from django.db.models.functions import Cast, Concat

    from ejcms.cases.choices import TimelineKind
    from ejcms.cases.workflow import TRANSITIONS

    with_document = {name: t.document for name, t in TRANSITIONS.items() if t.document}
    issued = IssuedDocument.objects.filter(case=case, subject=OuterRef("subject_key"))
    events = (
        case.events.filter(kind=TimelineKind.TRANSITION, transition__in=with_document)
        .annotate(subject_key=Concat(Value("event:"), Cast("pk", CharField())))
        .filter(~Exists(issued))
        .order_by("on", "pk")
        .values_list("transition", "subject_key")
    )
    return [(with_document[name], key) for name, key in events]
