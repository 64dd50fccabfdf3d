"""The table `ejcms bench` prints: one line per hot path, its timings against the bare work."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from functools import partial

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext


def timed(call: Callable[[], object]) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


class Rollback(Exception):
    """Raised at the end of a benchmark's transaction so that nothing it wrote is kept."""


def header(title: str, rate: str = "") -> str:
    return (
        f"{title:<28}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        f"{rate:>9}{'bare ms':>10}{'ratio':>8}"
    )


def row(name: str, samples: list[float], bare: list[float], *, rate: bool = False) -> str:
    """p50, p95 and max of `samples` (seconds) in ms, the rate a second when asked, the bare
    work's median and the ratio of the two medians."""
    ordered = sorted(samples)
    p50 = statistics.median(ordered) * 1000
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000
    bare50 = statistics.median(bare) * 1000
    ratio = p50 / bare50 if bare50 else 0.0
    per_second = f"{len(ordered) / sum(ordered):>9.1f}" if rate else f"{'':>9}"
    return (
        f"{name:<28}{len(ordered):>5}{p50:>9.1f}{p95:>9.1f}{ordered[-1] * 1000:>9.1f}"
        f"{per_second}{bare50:>10.1f}{ratio:>8.2f}"
    )


def replay(statements: list[str]) -> None:
    """The SQL a request ran, run again bare on a cursor (the rows fetched, nothing built)."""
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            if cursor.description:
                cursor.fetchall()


def rolled_back(call: Callable[[], object]) -> Callable[[], None]:
    """`call` inside a savepoint that is rolled back: a write measured and then undone."""

    def run() -> None:
        try:
            with transaction.atomic():
                call()
                raise Rollback
        except Rollback:
            pass

    return run


def against_bare(
    name: str, calls: list[Callable[[], object]], *, writes: bool = False
) -> tuple[str, int]:
    """One row of the table: each call timed through the whole stack, then run again with its
    SQL recorded, and that SQL timed bare on a cursor (the database's share of the work).
    Writes are rolled back each time. Returns the row and the most queries one call made."""
    samples: list[float] = []
    bare: list[float] = []
    most = 0
    for call in calls:
        once = rolled_back(call) if writes else call
        samples.append(timed(once))
        with CaptureQueriesContext(connection) as captured:
            once()
        statements = [query["sql"] for query in captured.captured_queries]
        if writes and statements and statements[0].startswith("SAVEPOINT"):
            # The savepoint of `rolled_back` itself is not the request's work.
            own = statements[0].split()[-1]
            statements = [sql for sql in statements if sql.split()[-1] != own]
        most = max(most, len(statements))
        again = partial(replay, statements)
        bare.append(timed(rolled_back(again) if writes else again))
    return row(name, samples, bare), most
