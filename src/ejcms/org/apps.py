from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "ejcms.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from ejcms.core.audit import OFFICE_OF

        OFFICE_OF[:] = [_office_code]


def _office_code(user: Any) -> str:
    """The code of the office the user works in, for the audit log ("" if none)."""
    from ejcms.org.selectors import staff_profile

    profile = staff_profile(user)
    return profile.office.code if profile is not None else ""
