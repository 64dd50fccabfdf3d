"""Complaints against acts of enforcement, to the next higher level (Art. 20, 51, 52, 63).

A party records its complaint with the office that handles the case; the head of that office, or
the head of a higher level that oversees it, records the decision. The statistics count them as
complaints per 100 resolved cases.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ejcms.cases.choices import ComplaintAgainst, ComplaintDecision, PartyRole, TimelineKind
from ejcms.cases.models import Complaint, EnforcementCase
from ejcms.cases.selectors import case_write_role
from ejcms.cases.timeline import event_record
from ejcms.core.audit import audit_write, changes, snapshot
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.core.formatting import format_date
from ejcms.org.roles import Role
from ejcms.org.selectors import office_scope, staff_profile


def complaint_record_refusal(actor: User | AnonymousUser, case: EnforcementCase) -> str | None:
    """Why `actor` may not record a complaint in `case`; None when they may.

    The office that handles the case receives it: its head, its registry clerk and the officer
    in charge. Closed cases too, since a closure order may itself be contested (Art. 51)."""
    role = case_write_role(actor, case)
    if role is None:
        return _("You may view this case but not change it.")
    if role == Role.OFFICER and case.assigned_officer_id != actor.pk:
        return _("Only the officer in charge of the case or the head of office may take this step.")
    return None


def complaint_decide_refusal(actor: User | AnonymousUser, case: EnforcementCase) -> str | None:
    """Why `actor` may not decide the complaints of `case`; None when they may.

    The head of the case's office decides, or the head of a higher level that oversees it (the
    province's division, the DEJ): a complaint goes to the next higher level (Art. 51, 63)."""
    if case.erased_on is not None:
        return _("You may view this case but not change it.")
    profile = staff_profile(actor)
    if (
        profile is None
        or profile.role != Role.HEAD
        or not office_scope(actor).contains(case.office)
    ):
        return _(
            "Only the head of the office, or the head of a higher level, may decide a complaint."
        )
    return None


def _date_errors(
    value: date | None,
    field: str,
    *,
    today: date,
    earliest: date,
    missing: str,
    future: str,
    too_early: str,
) -> dict[str, str]:
    if value is None:
        return {field: missing}
    if value > today:
        return {field: future}
    if value < earliest:
        return {field: too_early % {"date": format_date(earliest)}}
    return {}


@transaction.atomic
def complaint_record(
    *,
    actor: User,
    case: EnforcementCase,
    filed_on: date,
    complainant: str,
    against: str,
    summary: str,
) -> Complaint:
    """Record a complaint a party filed against an act of enforcement in `case`."""
    case = EnforcementCase.objects.select_for_update().select_related("office").get(pk=case.pk)
    refusal = complaint_record_refusal(actor, case)
    if refusal is not None:
        raise AccessDenied(refusal)
    errors = _date_errors(
        filed_on,
        "filed_on",
        today=timezone.localdate(),
        earliest=case.received_on,
        missing=_("Enter the date the complaint was filed."),
        future=_("The date the complaint was filed cannot be in the future."),
        too_early=_(
            "The date the complaint was filed cannot be before the case was received (%(date)s)."
        ),
    )
    if complainant not in PartyRole.values:
        errors["complainant"] = _("Choose who filed the complaint.")
    if against not in ComplaintAgainst.values:
        errors["against"] = _("Choose what the complaint is against.")
    summary = summary.strip()
    if not summary:
        errors["summary"] = _("Write what the complaint says.")
    if errors:
        raise ApplicationError(errors)
    complaint = Complaint.objects.create(
        case=case,
        filed_on=filed_on,
        complainant=complainant,
        against=against,
        summary=summary,
        created_by=actor,
        modified_by=actor,
    )
    payload = {
        "action": "filed",
        "complaint": complaint.pk,
        "complainant": complainant,
        "against": against,
    }
    event_record(case, TimelineKind.COMPLAINT, actor=actor, on=filed_on, payload=payload)
    audit_write(
        actor=actor,
        action="case.complaint_record",
        obj=complaint,
        payload={**payload, "case": case.pk, "filed_on": filed_on, "summary": summary},
    )
    return complaint


@transaction.atomic
def complaint_decide(
    *,
    actor: User,
    complaint: Complaint,
    decided_on: date,
    decision: str,
    note: str,
) -> Complaint:
    """Record the decision on a complaint. A complaint is decided once."""
    # The case first, then the complaint: the order every service of a case locks in.
    case = (
        EnforcementCase.objects.select_for_update()
        .select_related("office")
        .get(pk=complaint.case_id)
    )
    refusal = complaint_decide_refusal(actor, case)
    if refusal is not None:
        raise AccessDenied(refusal)
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.decided_on is not None:
        raise ApplicationError(
            _("This complaint was already decided on %(date)s: %(decision)s.")
            % {
                "date": format_date(complaint.decided_on),
                "decision": complaint.get_decision_display(),
            }
        )
    errors = _date_errors(
        decided_on,
        "decided_on",
        today=timezone.localdate(),
        earliest=complaint.filed_on,
        missing=_("Enter the date of the decision on the complaint."),
        future=_("The date of the decision on the complaint cannot be in the future."),
        too_early=_(
            "The date of the decision on the complaint cannot be before it was filed (%(date)s)."
        ),
    )
    if decision not in ComplaintDecision.values:
        errors["decision"] = _("Choose the decision on the complaint.")
    if errors:
        raise ApplicationError(errors)
    decided = ["decided_on", "decision", "decision_note"]
    before = snapshot(complaint, decided)
    complaint.decided_on = decided_on
    complaint.decision = decision
    complaint.decision_note = note.strip()
    complaint.modified_by = actor
    complaint.save(
        update_fields=["decided_on", "decision", "decision_note", "modified_by", "modified_at"]
    )
    payload = {
        "action": "decided",
        "complaint": complaint.pk,
        "against": complaint.against,
        "decision": decision,
    }
    event_record(
        case,
        TimelineKind.COMPLAINT,
        actor=actor,
        on=decided_on,
        payload=payload,
        note=complaint.decision_note,
    )
    audit_write(
        actor=actor,
        action="case.complaint_decide",
        obj=complaint,
        payload={
            **payload,
            "case": case.pk,
            "decided_on": decided_on,
            "note": complaint.decision_note,
        },
        changes=changes(before, snapshot(complaint, decided)),
    )
    return complaint
