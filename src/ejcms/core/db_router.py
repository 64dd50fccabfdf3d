"""Reads of the statistics on a read replica (EJCMS_DATABASE_REPLICA_URL).

Only code inside ``with use_replica():`` reads from the "replica" database: the statistics
pages, their exports and the API's statistics, which aggregate much and change nothing. Every
other read, and every write, goes to "default", so a page never misses what its user has just
saved because the replica is a moment behind. Without a replica, use_replica() changes nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model

REPLICA = "replica"

_READ_FROM_REPLICA: ContextVar[bool] = ContextVar("ejcms_read_from_replica", default=False)

P = ParamSpec("P")
R = TypeVar("R")


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def use_replica() -> Iterator[None]:
    """Send the reads inside the block to the replica (if there is one)."""
    if not replica_configured():
        yield
        return
    token = _READ_FROM_REPLICA.set(True)
    try:
        yield
    finally:
        _READ_FROM_REPLICA.reset(token)


def replica_reads(view: Callable[P, R]) -> Callable[P, R]:
    """A view whose reads all go to the replica (it must write nothing)."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        with use_replica():
            return view(*args, **kwargs)

    return wrapped


class ReplicaRouter:
    """settings.DATABASE_ROUTERS when EJCMS_DATABASE_REPLICA_URL is set."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        if not _READ_FROM_REPLICA.get():
            return None
        # Inside a transaction of the primary a read belongs to it: it may be about to write
        # what it reads, or read what the transaction wrote.
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None
        return REPLICA

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        # The replica is a copy of the primary: a row read from one may point at a row of the
        # other.
        aliases = {DEFAULT_DB_ALIAS, REPLICA}
        if obj1._state.db in aliases and obj2._state.db in aliases:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == DEFAULT_DB_ALIAS
