from __future__ import annotations

from django import template

from ejcms.cases.models import Deadline
from ejcms.cases.workflow import DEADLINES

register = template.Library()


@register.filter
def deadline_label(deadline: Deadline) -> str:
    spec = DEADLINES.get(deadline.key)
    return str(spec.label) if spec else deadline.key
