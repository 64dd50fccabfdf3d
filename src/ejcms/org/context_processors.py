from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ejcms.org.audit import AUDIT_READERS
from ejcms.org.models import Office
from ejcms.org.roles import CASE_REGISTRARS, CASE_VIEWERS, REFERENCE_ADMINS, Role
from ejcms.org.selectors import staff_profile


def staff(request: HttpRequest) -> dict[str, Any]:
    """What the navigation needs to know about the user: their profile and what they may open."""
    profile = staff_profile(request.user) if hasattr(request, "user") else None
    role = profile.role if profile else None
    return {
        "staff": profile,
        "nav": {
            "cases": role in CASE_VIEWERS,
            "register": role in CASE_REGISTRARS,
            "office": role in {Role.HEAD, Role.SUPERVISOR, Role.AUDITOR}
            or (
                role in CASE_VIEWERS
                and profile is not None
                and profile.office.level != Office.Level.DISTRICT
            ),
            "reference": role in REFERENCE_ADMINS,
            "audit": role in AUDIT_READERS,
            "cash_book": role in {Role.HEAD, Role.CLERK, Role.AUDITOR, Role.SUPERVISOR},
            "documents": role in CASE_VIEWERS,
            "templates": role == Role.ADMIN
            and profile is not None
            and profile.office.level == Office.Level.CENTRAL,
        },
    }
