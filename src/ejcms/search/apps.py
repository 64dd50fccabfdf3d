from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "ejcms.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from ejcms.cases.retention import AFTER_ERASE
        from ejcms.cases.selectors import CASE_SEARCH
        from ejcms.search import signals
        from ejcms.search.index import forget_erased
        from ejcms.search.selectors import case_ids_matching

        signals.connect()
        CASE_SEARCH[:] = [case_ids_matching]
        if forget_erased not in AFTER_ERASE:
            AFTER_ERASE.append(forget_erased)
