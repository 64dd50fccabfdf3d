from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "ejcms.measures"
    label = "measures"
    verbose_name = _("Assets and enforcement measures")

    def ready(self) -> None:
        from ejcms.guidelines.services import KNOWN_STEPS
        from ejcms.measures import describe, retention
        from ejcms.measures.choices import MeasureKind

        describe.register()
        retention.register()
        KNOWN_STEPS.update({f"measure:{kind.value}": kind.label for kind in MeasureKind})
