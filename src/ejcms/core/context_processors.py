from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from ejcms import __version__


def ejcms(request: HttpRequest) -> dict[str, Any]:
    return {
        "EJCMS_VERSION": __version__,
        # How long logins stay stopped after too many wrong passwords (for the lockout page).
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
