from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ejcms.search.index import reindex_all
from ejcms.search.models import SearchEntry


class Command(BaseCommand):
    help = "Rebuild the search index from the cases, the law texts and the Guidelines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Only when the index has no entry yet."
        )
        parser.add_argument(
            "--missing",
            action="store_true",
            help="Only the cases without entries (after a bulk load).",
        )

    def handle(self, *args: Any, if_empty: bool, missing: bool, **options: Any) -> None:
        if if_empty and SearchEntry.objects.exists():
            self.stdout.write("search index: kept")
            return
        self.stdout.write(f"search index: {reindex_all(only_missing=missing)} entries")
