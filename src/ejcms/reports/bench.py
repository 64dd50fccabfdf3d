"""`ejcms bench` for the statistics: the national dashboard of one year, through the whole
Django stack (the page, as a DEJ supervisor sees it) and through the selector alone, against
the same SQL run bare on a cursor, on the data in the database (nothing is kept)."""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ejcms.cases.models import EnforcementCase
from ejcms.core.bench import Rollback, header, row, timed
from ejcms.org.bench import bench_user
from ejcms.org.models import Office
from ejcms.org.roles import Position, Role
from ejcms.org.two_factor import client_login
from ejcms.reports import periods
from ejcms.reports.selectors import NATIONAL, Unit, indicators


def _bare(statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            cursor.fetchall()


def bench_dashboard(runs: int = 20, year: int | None = None) -> list[str]:
    """The national dashboard of `year` (default: the last full year), `runs` times."""
    year = year or timezone.localdate().year - 1
    period = periods.parse(str(year))
    lines = [header(f"statistics, year {year}")]
    office = Office.objects.filter(level=Office.Level.CENTRAL).first()
    cases = EnforcementCase.objects.count()
    if office is None or cases == 0:
        return [*lines, "no cases: run `ejcms setup --demo` or `ejcms demo --bulk`"]
    unit = Unit(NATIONAL, None, "national")
    with CaptureQueriesContext(connection) as captured:
        indicators(unit, period, today=date(year + 1, 1, 15))
    statements = [query["sql"] for query in captured.captured_queries]
    try:
        with transaction.atomic():
            user = bench_user("bench-stats", office, Role.SUPERVISOR, Position.OTHER)
            client = Client()
            client_login(client, user)

            def page() -> None:
                response = client.get("/statistics/", {"period": period.key}, HTTP_HOST="localhost")
                assert response.status_code == 200, response.status_code

            page()  # the first request logs in and warms the templates
            bare = [timed(lambda: _bare(statements)) for _ in range(runs)]
            selector = [timed(lambda: indicators(unit, period)) for _ in range(runs)]
            pages = [timed(page) for _ in range(runs)]
            lines.append(row("national dashboard (page)", pages, bare))
            lines.append(row("national dashboard (selector)", selector, bare))
            raise Rollback
    except Rollback:
        pass
    lines.append(
        f"{cases} cases; {len(statements)} aggregate queries; bare = the same SQL on a cursor; "
        "target ≤ 300 ms"
    )
    return lines
