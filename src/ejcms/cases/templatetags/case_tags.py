from __future__ import annotations

from django import template

from ejcms.cases.models import Deadline, EnforcementCase
from ejcms.cases.workflow import DEADLINES
from ejcms.core.text import mask_identity

register = template.Library()


@register.filter
def deadline_label(deadline: Deadline) -> str:
    spec = DEADLINES.get(deadline.key)
    return str(spec.label) if spec else deadline.key


@register.filter
def party_names(case: EnforcementCase, role: str) -> str:
    """The names of a case's parties in one role, from the prefetched links."""
    return ", ".join(link.party.name_lo for link in case.case_parties.all() if link.role == role)


@register.filter
def masked(number: str) -> str:
    """An identity number with all but its last three characters hidden: •••••123."""
    return mask_identity(number)
