from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "ejcms.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from ejcms.guidelines.services import TARGET_SOURCES

        TARGET_SOURCES.append(_module_targets)


def _module_targets() -> list[tuple[str, str]]:
    """The Train-the-Trainer modules a guideline section may support."""
    from django.utils.translation import gettext as gettext_now

    from ejcms.training.models import Module

    label = gettext_now("Training module")
    return [
        (f"module:{m.code}", f"{label} {m.code}: {m.title}")
        for m in Module.objects.order_by("code")
    ]
