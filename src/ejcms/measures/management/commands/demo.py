from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ejcms.cases.demo import DEMO_PASSWORD
from ejcms.measures.demo import demo_load


class Command(BaseCommand):
    help = "Create demo staff and N realistic cases in every stage (same seed and date, same data)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=120)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--bulk",
            action="store_true",
            help="A national caseload for benchmarks, written with bulk inserts (thousands a "
            "second; cases with parties and obligations, no steps beyond their state).",
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="With --bulk: leave the search index to a later `ejcms search-reindex --missing`.",
        )
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            help="Reference date (default: today).",
        )

    def handle(
        self,
        *args: Any,
        cases: int,
        seed: int,
        as_of: date | None,
        bulk: bool,
        no_index: bool = False,
        **options: Any,
    ) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is refused when EJCMS_ENV=production.")
        if cases < 0:
            raise CommandError("--cases must not be negative.")
        today = timezone.localdate()
        as_of = as_of or today
        if as_of > today:
            raise CommandError("--as-of cannot be in the future.")
        if bulk:
            from django.core.management import call_command

            from ejcms.finance.bulk import bulk_cases

            step = max(cases // 20, 50_000)

            def progress(done: int, seconds: float) -> None:
                if done % step < 5000 or done == cases:
                    self.stdout.write(f"  {done:,} cases · {done / seconds:,.0f} a second")

            written = bulk_cases(cases=cases, seed=seed, as_of=as_of, progress=progress)
            self.stdout.write(
                f"demo (bulk): {written.cases} cases, {written.parties} parties in "
                f"{written.seconds:.0f} s ({written.rate:.0f} cases/s)"
            )
            # Fresh statistics for the query planner: the dashboards' plans depend on them.
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            if no_index:
                return
            # By name: the search index sits to the right of this module.
            call_command("search_reindex", missing=True, stdout=self.stdout)
            return
        result = demo_load(cases=cases, seed=seed, as_of=as_of)
        states = ", ".join(f"{state} {n}" for state, n in sorted(result.by_state.items()))
        self.stdout.write(f"demo: {result.staff} staff, {result.cases} cases ({states})")
        self.stdout.write(
            f"demo logins (password {DEMO_PASSWORD}): officer-0101-1, head-0101, clerk-0101, "
            "head-01 (province), supervisor (DEJ), admin"
        )
