"""The audit log page: the changes a record holds, and the rest of its payload."""

from __future__ import annotations

from typing import Any

from django import template

from ejcms.core.models import AuditRecord
from ejcms.org.audit import ShownChange, payload_details, shown_changes

register = template.Library()


@register.filter
def audit_changes(record: AuditRecord) -> list[ShownChange]:
    return shown_changes(record)


@register.filter
def audit_details(record: AuditRecord) -> Any:
    return payload_details(record)
