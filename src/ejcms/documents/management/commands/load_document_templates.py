from typing import Any

from django.core.management.base import BaseCommand

from ejcms.documents.services import templates_load


class Command(BaseCommand):
    help = (
        "Make the packaged Typst templates revision 1 of each kind of document "
        "(repeatable: an existing revision is never changed)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        added = templates_load()
        self.stdout.write(f"document templates: {added} added")
