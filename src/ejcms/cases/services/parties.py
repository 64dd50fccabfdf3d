"""Correcting a party's details after registration (a misspelt name, a new address)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ejcms.cases.choices import FINAL_STATES
from ejcms.cases.models import CaseParty, EnforcementCase, Party
from ejcms.cases.selectors import case_write_role
from ejcms.cases.services.intake import PartyData, party_values, validate_party
from ejcms.cases.timeline import event_party_corrected
from ejcms.core.audit import audit_write, changes, snapshot
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.org.roles import Role


def correction_refusal(actor: User, case: EnforcementCase) -> str | None:
    """Why `actor` may not correct the parties of `case` now; None when they may."""
    role = case_write_role(actor, case)
    if role is None:
        return _("You may view this case but not change it.")
    if role == Role.OFFICER and case.assigned_officer_id != actor.pk:
        return _("Only the officer in charge of the case or the head of office may take this step.")
    if case.state in FINAL_STATES:
        return _("The case is closed: its parties can no longer be changed.")
    return None


@transaction.atomic
def party_correct(*, actor: User, case: EnforcementCase, link: CaseParty, data: PartyData) -> Party:
    """Change the details of a party of an open case. The officer in charge, the head and the
    registry clerk of the office may; the audit keeps the values before and after."""
    case = EnforcementCase.objects.select_for_update().get(pk=case.pk)
    refusal = correction_refusal(actor, case)
    if refusal is not None:
        raise AccessDenied(refusal)
    if link.case_id != case.pk:
        raise AccessDenied(_("No such case."), visible=False)
    errors = validate_party(data)
    if errors:
        raise ApplicationError(errors)
    party = Party.objects.select_for_update().get(pk=link.party_id)
    values = party_values(data)
    fields = [field for field in values if field != "search_text"]
    before = snapshot(party, fields)
    for field, value in values.items():
        setattr(party, field, value)
    changed = changes(before, snapshot(party, fields), prefix="party")
    if not changed:
        raise ApplicationError(_("Nothing was changed."))
    party.modified_by = actor
    party.save()
    event_party_corrected(
        case,
        actor=actor,
        on=timezone.localdate(),
        party=party,
        fields=sorted(key.removeprefix("party.") for key in changed),
    )
    audit_write(
        actor=actor,
        action="case.party_correct",
        obj=case,
        payload={"party": party.pk},
        changes=changed,
    )
    return party
