from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "ejcms.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from ejcms.api import schema  # noqa: F401 - registers the token's description
        from ejcms.api.services import client_actions, record_call
        from ejcms.core.api import CALL_HOOKS
        from ejcms.core.api_actions import ACTION_SOURCES

        CALL_HOOKS[:] = [record_call]
        ACTION_SOURCES[:] = [client_actions]
