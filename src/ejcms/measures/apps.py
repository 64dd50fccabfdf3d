from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "ejcms.measures"
    label = "measures"
    verbose_name = _("Assets and enforcement measures")

    def ready(self) -> None:
        from ejcms.measures import describe

        describe.register()
