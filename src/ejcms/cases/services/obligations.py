"""Marking a non-money obligation as fulfilled (money obligations are settled by the ledger)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ejcms.cases.choices import MONEY_OBLIGATIONS, ObligationStatus, TimelineKind
from ejcms.cases.models import EnforcementCase, Obligation
from ejcms.cases.permissions import require_act, require_open
from ejcms.cases.timeline import event_record
from ejcms.cases.workflow import OFFICER_OR_HEAD
from ejcms.core.audit import audit_write, changes, snapshot
from ejcms.core.errors import ApplicationError


@transaction.atomic
def obligation_mark_done(*, actor: User, obligation: Obligation, on: date, note: str) -> Obligation:
    """Record that the debtor handed over, vacated, acted or refrained as the decision requires."""
    obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
    case = EnforcementCase.objects.select_related("office").get(pk=obligation.case_id)
    require_act(actor, case, OFFICER_OR_HEAD)
    require_open(case)
    if obligation.kind in MONEY_OBLIGATIONS:
        raise ApplicationError(
            _("A money obligation is settled by the payments recorded in the ledger.")
        )
    if obligation.status != ObligationStatus.OPEN:
        raise ApplicationError(_("This obligation is already settled."))
    if on > timezone.localdate():
        raise ApplicationError({"on": _("The date of the act cannot be in the future.")})
    if not note.strip():
        raise ApplicationError({"note": _("Say how the obligation was fulfilled.")})
    before = snapshot(obligation, ["status"])
    obligation.status = ObligationStatus.FULFILLED
    obligation.modified_by = actor
    obligation.save(update_fields=["status", "modified_by", "modified_at"])
    event_record(
        case,
        TimelineKind.OBLIGATION,
        actor=actor,
        on=on,
        note=note.strip(),
        payload={"obligation": obligation.pk, "kind": obligation.kind},
    )
    audit_write(
        actor=actor,
        action="obligation.fulfilled",
        obj=obligation,
        payload={"on": on, "note": note.strip()},
        changes=changes(before, snapshot(obligation, ["status"])),
    )
    return obligation
