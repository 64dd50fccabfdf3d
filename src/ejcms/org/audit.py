"""The audit log as auditors read it: by case, user, office and date, within their scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from ejcms.core.errors import AccessDenied
from ejcms.core.models import AuditRecord
from ejcms.org.models import Office
from ejcms.org.roles import Role
from ejcms.org.selectors import AnyUser, office_scope, staff_profile

# Who reads the audit log: auditors and DEJ supervisors (of what their office sees), and the
# national administrator (all of it).
AUDIT_READERS = frozenset({Role.AUDITOR, Role.SUPERVISOR, Role.ADMIN})


@dataclass(frozen=True)
class AuditFilters:
    case_id: str = ""
    username: str = ""
    office_code: str = ""
    start: date | None = None
    end: date | None = None


def may_read_audit(user: AnyUser) -> bool:
    profile = staff_profile(user)
    return profile is not None and profile.role in AUDIT_READERS


def audit_records_for(user: AnyUser, filters: AuditFilters) -> QuerySet[AuditRecord]:
    """The records the user may read, filtered, newest first. Records of a national scope
    (the DEJ, or a national administrator) include those with no office (logins under an
    unknown name, and records written before offices were recorded)."""
    profile = staff_profile(user)
    if profile is None or profile.role not in AUDIT_READERS:
        raise AccessDenied(visible=False)
    records = AuditRecord.objects.select_related("actor__staff_profile").order_by("-sequence")
    everything = profile.office.level == Office.Level.CENTRAL
    if not everything:
        scope = office_scope(user)
        if scope.nothing:
            # An administrator of a province reads the province's offices.
            province = profile.office.province_id
            codes = Office.objects.filter(province_id=province if province is not None else -1)
        else:
            codes = Office.objects.filter(scope.offices_q())
        records = records.filter(office__in=codes.values("code"))
    if filters.case_id:
        records = records.filter(
            Q(object_type="cases.enforcementcase", object_id=filters.case_id)
            | Q(payload__case=int(filters.case_id) if filters.case_id.isdigit() else -1)
        )
    if filters.username:
        records = records.filter(
            Q(actor__username=filters.username) | Q(payload__username=filters.username)
        )
    if filters.office_code:
        records = records.filter(office=filters.office_code)
    if filters.start:
        records = records.filter(at__date__gte=filters.start)
    if filters.end:
        records = records.filter(at__date__lte=filters.end)
    return records
