import resource
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ejcms.documents.bench import bench_documents
from ejcms.reports.bench import bench_dashboard
from ejcms.search.bench import bench_search


class Command(BaseCommand):
    help = (
        "Benchmark the hot paths on this database and print a table (nothing is kept): "
        "PDFs a second for receipts and seizure minutes; name search; the national dashboard "
        "of a year."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pdfs", type=int, default=40, help="PDFs of each kind to issue.")
        parser.add_argument("--searches", type=int, default=50, help="Queries of each kind.")
        parser.add_argument(
            "--dashboards", type=int, default=20, help="Times the national dashboard is drawn."
        )
        parser.add_argument(
            "--only",
            choices=["documents", "search", "statistics"],
            help="Run one part of the benchmark only.",
        )

    def handle(
        self,
        *args: Any,
        pdfs: int,
        searches: int,
        dashboards: int,
        only: str | None,
        **options: Any,
    ) -> None:
        from django.db import connection

        self.stdout.write(f"ejcms bench · database: {connection.vendor}")
        parts = {
            "documents": lambda: bench_documents(pdfs),
            "search": lambda: bench_search(searches),
            "statistics": lambda: bench_dashboard(dashboards),
        }
        for name, part in parts.items():
            if only in (None, name):
                for line in part():
                    self.stdout.write(line)
                self.stdout.write("")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(f"database size: {_database_mb():.0f} MB · peak memory: {peak:.0f} MB")


def _database_mb() -> float:
    """The size of the database on disk, in MB."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA page_count")
            pages = cursor.fetchone()[0]
            cursor.execute("PRAGMA page_size")
            return float(pages * cursor.fetchone()[0]) / 2**20
        cursor.execute("SELECT pg_database_size(current_database())")
        return float(cursor.fetchone()[0]) / 2**20
