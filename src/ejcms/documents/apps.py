from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ejcms.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from ejcms.cases.choices import TimelineKind
        from ejcms.cases.timeline import DESCRIBERS
        from ejcms.documents.describe import describe_document

        DESCRIBERS[TimelineKind.DOCUMENT] = describe_document

        from ejcms.cases.views import DOCUMENTS_DUE
        from ejcms.documents.views import documents_due_links

        DOCUMENTS_DUE.append(documents_due_links)

        from ejcms.documents import retention

        retention.register()
