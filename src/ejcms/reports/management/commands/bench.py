import resource
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ejcms.cases.bench import bench_cases
from ejcms.documents.bench import bench_documents
from ejcms.finance.bench import bench_payment
from ejcms.reports.bench import bench_dashboard
from ejcms.reports.bench_import import bench_import
from ejcms.search.bench import bench_search

PARTS = ["pages", "search", "statistics", "intake", "payment", "import", "documents"]


class Command(BaseCommand):
    help = (
        "Benchmark the hot paths on this database and print a table (nothing is kept): the "
        "case list, case page, deadlines and search pages; name search; the national "
        "dashboard of a year; a court decision registered through the API; a payment; PDFs a "
        "second. Each against the same SQL run bare."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--runs", type=int, default=30, help="Requests of each page, intake and payment."
        )
        parser.add_argument("--pdfs", type=int, default=40, help="PDFs of each kind to issue.")
        parser.add_argument(
            "--imports", type=int, default=2000, help="Rows of the register file imported."
        )
        parser.add_argument("--searches", type=int, default=50, help="Queries of each kind.")
        parser.add_argument(
            "--dashboards", type=int, default=20, help="Times the national dashboard is drawn."
        )
        parser.add_argument(
            "--only",
            choices=PARTS,
            help="Run one part of the benchmark only.",
        )

    def handle(
        self,
        *args: Any,
        runs: int,
        pdfs: int,
        imports: int,
        searches: int,
        dashboards: int,
        only: str | None,
        **options: Any,
    ) -> None:
        import logging

        from django.db import connection

        from ejcms.api.bench import bench_intake
        from ejcms.cases.models import EnforcementCase

        self.stdout.write(
            f"ejcms bench · database: {connection.vendor} · "
            f"{EnforcementCase.objects.count()} cases · p50/p95/max in ms; bare = the same SQL "
            "on a cursor; ratio = p50 / bare p50"
        )
        # One line a request, and each login, would bury the table.
        for name in ("ejcms.request", "axes"):
            logging.getLogger(name).setLevel(logging.WARNING)
        parts = {
            "pages": lambda: bench_cases(runs),
            "search": lambda: bench_search(searches),
            "statistics": lambda: bench_dashboard(dashboards),
            "intake": lambda: bench_intake(runs),
            "payment": lambda: bench_payment(runs),
            "import": lambda: bench_import(imports),
            "documents": lambda: bench_documents(pdfs),
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
