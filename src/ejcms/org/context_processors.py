from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ejcms.org.audit import AUDIT_READERS
from ejcms.org.models import Office
from ejcms.org.roles import CASE_REGISTRARS, CASE_VIEWERS, REFERENCE_ADMINS, Action, Role, may
from ejcms.org.selectors import may_open_office_dashboard, staff_profile
from ejcms.org.two_factor import two_factor_required


def staff(request: HttpRequest) -> dict[str, Any]:
    """What the navigation needs to know about the user: their profile and what they may open."""
    profile = staff_profile(request.user) if hasattr(request, "user") else None
    role = profile.role if profile else None
    user = getattr(request, "user", None)
    return {
        "staff": profile,
        # Logged in with the password, the code still to come: no menu yet.
        "awaiting_code": user is not None
        and hasattr(user, "is_verified")
        and not user.is_verified()
        and two_factor_required(user),
        "nav": {
            "cases": role in CASE_VIEWERS,
            "register": role in CASE_REGISTRARS,
            "office": may_open_office_dashboard(profile),
            "reference": role in REFERENCE_ADMINS,
            "accounts": may(role, Action.ACCOUNTS_ADMIN),
            "audit": role in AUDIT_READERS,
            "cash_book": may(role, Action.CASH_BOOK),
            "documents": role in CASE_VIEWERS,
            "templates": role == Role.ADMIN
            and profile is not None
            and profile.office.level == Office.Level.CENTRAL,
        },
    }
