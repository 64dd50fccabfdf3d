from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "ejcms.cases"
    label = "cases"
    verbose_name = _("Enforcement cases")

    def ready(self) -> None:
        from ejcms.cases.workflow import TRANSITIONS
        from ejcms.guidelines.services import KNOWN_STEPS

        KNOWN_STEPS.update({name: t.label for name, t in TRANSITIONS.items()})
