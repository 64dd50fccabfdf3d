"""Who may act in a case: the one rule shared by workflow steps, measures and money."""

from __future__ import annotations

from collections.abc import Collection

from django.contrib.auth.models import AnonymousUser, User
from django.utils.translation import gettext as _

from ejcms.cases.choices import FINAL_STATES, State
from ejcms.cases.models import EnforcementCase
from ejcms.cases.selectors import case_write_role
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.org.roles import Role


def act_refusal(
    actor: User | AnonymousUser, case: EnforcementCase, roles: Collection[Role]
) -> str | None:
    """Why `actor` may not act in `case` under one of `roles`; None if they may.

    Only the case's own office writes; an officer acts only in the cases assigned to them."""
    role = case_write_role(actor, case)
    if role is None or role not in roles:
        return _("Your role may not take this step.")
    if role == Role.OFFICER and case.assigned_officer_id != actor.pk:
        return _("Only the officer in charge of the case or the head of office may take this step.")
    return None


def require_act(
    actor: User | AnonymousUser, case: EnforcementCase, roles: Collection[Role]
) -> None:
    refusal = act_refusal(actor, case, roles)
    if refusal:
        raise AccessDenied(refusal)


def require_open(case: EnforcementCase, states: Collection[str] | None = None) -> None:
    """Refuse to act in a closed case, or outside `states` when given."""
    if case.state in FINAL_STATES or (states is not None and case.state not in states):
        raise ApplicationError(
            _("This is not possible while the case is “%(state)s”.")
            % {"state": State(case.state).label}
        )
