from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "ejcms.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from ejcms.api import schema  # noqa: F401 - registers the token's description
        from ejcms.api.services import record_call
        from ejcms.core.api import CALL_HOOKS

        CALL_HOOKS[:] = [record_call]
