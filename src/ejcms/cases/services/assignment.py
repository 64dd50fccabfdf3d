"""Who handles a case: automatic assignment to the least-loaded officer, and reassignment."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ejcms.cases.models import EnforcementCase
from ejcms.cases.selectors import case_write_role, open_case_load
from ejcms.cases.timeline import event_assigned, event_reassigned
from ejcms.core.audit import audit_write, changes, snapshot
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.org.roles import Role
from ejcms.org.selectors import officers_of


def least_loaded_officer(case: EnforcementCase) -> tuple[User | None, int | None]:
    """The office's officer with the fewest open cases; ties go to the longest-serving account
    (lowest id), so the choice is the same every time for the same data."""
    officers = [profile.user for profile in officers_of(case.office).order_by("user_id")]
    if not officers:
        return None, None
    load = open_case_load([officer.pk for officer in officers])
    chosen = min(officers, key=lambda officer: (load.get(officer.pk, 0), officer.pk))
    return chosen, load.get(chosen.pk, 0)


def case_assign_automatically(
    *, case: EnforcementCase, actor: User | None, on: date
) -> User | None:
    """Give a new case to the least-loaded officer of its office (None when it has none)."""
    officer, load = least_loaded_officer(case)
    case.assigned_officer = officer
    case.save(update_fields=["assigned_officer", "modified_at"])
    event_assigned(case, actor=actor, officer=officer, on=on, open_cases=load)
    return officer


@transaction.atomic
def case_reassign(
    *, actor: User, case: EnforcementCase, officer: User, reason: str
) -> EnforcementCase:
    """A head of office gives the case to another officer of the same office, with a reason."""
    case = EnforcementCase.objects.select_for_update().get(pk=case.pk)
    if case_write_role(actor, case) != Role.HEAD:
        raise AccessDenied(_("Only the head of the office may reassign a case."))
    if not reason.strip():
        raise ApplicationError({"reason": _("Give the reason for the reassignment.")})
    if not officers_of(case.office).filter(user=officer).exists():
        raise ApplicationError({"officer": _("Choose an active officer of this office.")})
    if case.assigned_officer_id == officer.pk:
        raise ApplicationError({"officer": _("The case is already assigned to this officer.")})
    previous = case.assigned_officer
    before = snapshot(case, ["assigned_officer"])
    case.assigned_officer = officer
    case.modified_by = actor
    case.save(update_fields=["assigned_officer", "modified_by", "modified_at"])
    today = timezone.localdate()
    event_reassigned(
        case, actor=actor, previous=previous, officer=officer, on=today, reason=reason.strip()
    )
    audit_write(
        actor=actor,
        action="case.reassign",
        obj=case,
        payload={
            "from": previous.pk if previous else None,
            "to": officer.pk,
            "reason": reason.strip(),
        },
        changes=changes(before, snapshot(case, ["assigned_officer"])),
    )
    return case
