from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ejcms.documents.demo import demo_documents


class Command(BaseCommand):
    help = "Issue official documents for the demo cases, as their offices would have."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=40)

    def handle(self, *args: Any, cases: int, **options: Any) -> None:
        count = demo_documents(cases=cases)
        self.stdout.write(f"demo documents: {count} issued")
