"""`ejcms bench` for an office's daily pages: the case list (filtered, scoped, paginated) of a
district office and of the nation, the case page, the deadline list and the name search page,
each through the whole Django stack and against the same SQL run bare, on the data in the
database (nothing is kept)."""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial

from django.db import transaction
from django.test import Client

from ejcms.cases.choices import State
from ejcms.cases.models import EnforcementCase
from ejcms.core.bench import Rollback, against_bare, header
from ejcms.core.ids import ref
from ejcms.org.bench import bench_client, ok
from ejcms.org.models import Office
from ejcms.org.roles import Position, Role
from ejcms.search.models import EntryKind, SearchEntry

# The busiest district office of the demo data (the capital's first district).
OFFICE = "0101"
Call = Callable[[], object]
OPEN_STATES = [State.RECEIVED, State.VOLUNTARY, State.COMPULSORY, State.SUSPENDED, State.CLOSED]


def _names(rng: random.Random, count: int) -> list[str]:
    """A word of real party names, Lao and Latin in turn."""
    titles = list(
        SearchEntry.objects.filter(kind=EntryKind.PARTY, office__code=OFFICE)
        .order_by("-pk")
        .values_list("title", "detail")[:500]
    )
    words = []
    for index, (lao, latin) in enumerate(titles):
        parts = (latin.split(" · ")[0] if index % 2 else lao).split()
        if len(parts) > 1:
            words.append(rng.choice(parts[1:]))
    return words[:count]


def _lists(client: Client, rng: random.Random, runs: int, pages: int) -> list[Call]:
    """The case list in a state drawn at random, on one of its first `pages` pages."""
    return [
        partial(
            ok,
            client,
            "/cases/",
            {"state": rng.choice(OPEN_STATES), "page": str(rng.randint(1, pages))},
        )
        for _ in range(runs)
    ]


def bench_cases(runs: int = 30) -> list[str]:
    lines = [header("office pages (whole stack)")]
    office = Office.objects.filter(code=OFFICE).first()
    cases = EnforcementCase.objects.filter(office=office)
    total = cases.count()
    if office is None or total == 0:
        return [*lines, f"no cases in office {OFFICE}: run `ejcms demo --bulk --cases N`"]
    rng = random.Random(11)
    ids = list(cases.order_by("-pk").values_list("pk", flat=True)[:2000])
    most: dict[str, int] = {}
    try:
        with transaction.atomic():
            head = bench_client("bench-head", OFFICE, Role.HEAD, Position.HEAD)
            dej = bench_client("bench-dej-cases", "00", Role.SUPERVISOR, Position.OTHER)
            pages: list[tuple[str, list[Call]]] = [
                ("case list, office, filtered", _lists(head, rng, runs, pages=5)),
                ("case list, national", _lists(dej, rng, runs, pages=20)),
                (
                    "case page",
                    [partial(ok, head, f"/cases/{ref(rng.choice(ids))}/") for _ in range(runs)],
                ),
                ("deadline list", [partial(ok, head, "/deadlines/") for _ in range(runs)]),
                (
                    "name search page",
                    [partial(ok, head, "/search/", {"q": q}) for q in _names(rng, runs)],
                ),
            ]
            for name, calls in pages:
                if calls:
                    line, most[name] = against_bare(name, calls)
                    lines.append(line)
            raise Rollback
    except Rollback:
        pass
    queries = ", ".join(f"{name} {n}" for name, n in most.items())
    lines.append(
        f"office {OFFICE}: {total} of {EnforcementCase.objects.count()} cases; "
        f"queries at most: {queries}; target p95 ≤ 50 ms (lists, case page), ≤ 100 ms (search)"
    )
    return lines
