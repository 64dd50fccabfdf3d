from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "ejcms.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from ejcms.cases.selectors import CASE_SEARCH
        from ejcms.search import signals
        from ejcms.search.selectors import case_ids_matching

        signals.connect()
        CASE_SEARCH[:] = [case_ids_matching]
