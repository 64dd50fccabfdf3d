from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ejcms.documents.bench import bench_documents
from ejcms.search.bench import bench_search


class Command(BaseCommand):
    help = (
        "Benchmark the hot paths on this database and print a table (nothing is kept): "
        "PDFs a second for receipts and seizure minutes; name search."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pdfs", type=int, default=40, help="PDFs of each kind to issue.")
        parser.add_argument("--searches", type=int, default=50, help="Queries of each kind.")

    def handle(self, *args: Any, pdfs: int, searches: int, **options: Any) -> None:
        from django.db import connection

        self.stdout.write(f"ejcms bench · database: {connection.vendor}")
        for line in bench_documents(pdfs):
            self.stdout.write(line)
        self.stdout.write("")
        for line in bench_search(searches):
            self.stdout.write(line)
