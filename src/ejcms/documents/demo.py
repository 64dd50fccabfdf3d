"""Demo documents: what the offices of the demo cases would have issued for the steps taken,
the measures ordered and the money received (through the real service)."""

from __future__ import annotations

from ejcms.cases.models import EnforcementCase
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.documents.kinds import KINDS
from ejcms.documents.models import IssuedDocument
from ejcms.documents.services import document_issue
from ejcms.org.models import StaffProfile
from ejcms.org.roles import Role


def demo_documents(*, cases: int = 40) -> int:
    """Issue the documents the first `cases` demo cases call for; returns how many."""
    count = 0
    rows = EnforcementCase.objects.select_related("office").order_by("pk")[:cases]
    for case in rows:
        head = (
            StaffProfile.objects.filter(office_id=case.office_id, role=Role.HEAD)
            .select_related("user")
            .first()
        )
        if head is None:
            continue
        for kind in KINDS.values():
            if kind.key in ("summons", "case_cover"):
                continue
            for subject in kind.subjects(case, None):
                if IssuedDocument.objects.filter(
                    case=case, kind=kind.key, subject=subject.key
                ).exists():
                    continue
                try:
                    on = getattr(subject.obj, "on", None)
                    document_issue(
                        actor=head.user, case=case, kind=kind.key, subject=subject.key, on=on
                    )
                except (ApplicationError, AccessDenied):
                    continue
                count += 1
    return count
