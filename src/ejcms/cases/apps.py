from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _rule_targets() -> list[tuple[str, str]]:
    """The legal rules a guideline section may explain (read when its form is shown)."""
    from django.utils.translation import get_language
    from django.utils.translation import gettext as gettext_now

    from ejcms.cases.models import LegalRule

    english = (get_language() or "lo").startswith("en")
    rules = LegalRule.objects.order_by("key", "-effective_from").values_list(
        "key", "title_lo", "title_en"
    )
    latest: dict[str, str] = {}
    for key, title_lo, title_en in rules:
        latest.setdefault(key, title_en if english and title_en else title_lo)
    label = gettext_now("Legal rule")
    return [(f"rule:{key}", f"{label}: {title}") for key, title in latest.items()]


class CasesConfig(AppConfig):
    name = "ejcms.cases"
    label = "cases"
    verbose_name = _("Enforcement cases")

    def ready(self) -> None:
        from ejcms.cases.workflow import TRANSITIONS
        from ejcms.guidelines.services import KNOWN_STEPS, TARGET_SOURCES

        KNOWN_STEPS.update({name: t.label for name, t in TRANSITIONS.items()})
        TARGET_SOURCES.append(_rule_targets)
