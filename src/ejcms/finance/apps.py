from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "ejcms.finance"
    label = "finance"
    verbose_name = _("Money")

    def ready(self) -> None:
        from ejcms.finance import hooks, retention

        hooks.register()
        retention.register()
