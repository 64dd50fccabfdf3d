"""`ejcms bench` for search: name search through the real selector (scoped, ranked, highlighted)
for a national user, against the bare trigram query for the same text, on the data in the
database (nothing is written)."""

from __future__ import annotations

import random
from functools import partial

from django.db import connection, transaction

from ejcms.core.bench import Rollback, header, row, timed
from ejcms.core.text import search_key
from ejcms.org.bench import bench_user
from ejcms.org.models import Office
from ejcms.org.roles import Position, Role
from ejcms.search.models import EntryKind, SearchEntry
from ejcms.search.selectors import search


def _bare(pattern: str) -> int:
    """The index query alone: the ids of up to 200 entries containing the pattern."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT 200",
                ['"' + pattern.replace('"', '""') + '"'],
            )
        else:
            cursor.execute(
                "SELECT id FROM search_searchentry WHERE text LIKE %s LIMIT 200",
                ["%" + pattern.replace("%", r"\%").replace("_", r"\_") + "%"],
            )
        return len(cursor.fetchall())


def _queries(count: int, latin: bool) -> list[str]:
    """Parts of real party names: the middle of a Lao name, or a Latin word."""
    rng = random.Random(7)
    names = list(
        SearchEntry.objects.filter(kind=EntryKind.PARTY)
        .order_by("?" if count < 50 else "pk")
        .values_list("title" if not latin else "detail", flat=True)[:2000]
    )
    queries: list[str] = []
    for name in names:
        if latin:
            words = [w for w in name.split(" · ")[0].split() if w.isascii() and len(w) > 3]
            if words:
                queries.append(rng.choice(words))
        else:
            text = name.split(" ", 1)[-1]
            if len(text) >= 6:
                start = rng.randrange(0, len(text) - 4)
                queries.append(text[start : start + rng.randint(4, 6)])
        if len(queries) >= count:
            break
    return queries


def bench_search(count: int = 50) -> list[str]:
    cases = SearchEntry.objects.filter(kind=EntryKind.CASE).count()
    lines = [header("search (selector, ranked)")]
    office = Office.objects.filter(level=Office.Level.CENTRAL).first()
    if office is None or cases == 0:
        return [*lines, "no cases indexed: run `ejcms setup --demo` (or `ejcms search-reindex`)"]
    try:
        with transaction.atomic():
            user = bench_user("bench-dej", office, Role.SUPERVISOR, Position.OTHER)
            for name, latin in (("name search, Lao part", False), ("name search, Latin", True)):
                queries = _queries(count, latin)
                if not queries:
                    continue
                samples = [timed(partial(search, user, q)) for q in queries]
                bare = [timed(partial(_bare, search_key(q))) for q in queries]
                lines.append(row(name, samples, bare))
            raise Rollback
    except Rollback:
        pass
    lines.append(
        f"indexed: {cases} cases, {SearchEntry.objects.count()} entries; target p95 ≤ 100 ms"
    )
    return lines
