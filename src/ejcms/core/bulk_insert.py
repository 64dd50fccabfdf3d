"""Writing many rows of one table fast, below the ORM: `executemany` on SQLite, `COPY` on
PostgreSQL, with the primary keys given by the caller (so that the rows of other tables can
point at them without reading them back). For generated data and imports of thousands of rows
a second, where `bulk_create` spends most of its time preparing each field of each object.

The caller gives the values of some fields, in order, already of the field's Python type; every
other field takes its default (a field with neither fails at once, naming it). Nothing here
checks the values: they go to the database as they are, inside the caller's transaction.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models.fields.json import JSONField

Converter = Callable[[Any], Any]
T = TypeVar("T")


def _converter(field: models.Field[Any, Any]) -> Converter | None:
    """How a Python value of this field is written (None: as it is)."""
    if isinstance(field, JSONField):
        return lambda value: json.dumps(value, ensure_ascii=False)
    if connection.vendor != "sqlite":
        return None
    if isinstance(field, models.DateTimeField):
        # Generated and imported rows repeat their moments: each is converted once.
        return functools.lru_cache(maxsize=4096)(connection.ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return lambda value: None if value is None else value.isoformat()
    if isinstance(field, models.UUIDField):
        return lambda value: None if value is None else value.hex
    return None


class BulkTable:
    """The rows of one model: `write(rows)` where each row holds the values of `fields`."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]) -> None:
        meta = model._meta
        self.model = model
        given: list[models.Field[Any, Any]] = [meta.get_field(name) for name in fields]  # type: ignore[misc]
        names = {f.name for f in given}
        constants: list[tuple[models.Field[Any, Any], Any]] = []
        for field in meta.concrete_fields:
            if field.name in names:
                continue
            default = field.get_default()
            if default is None and not field.null:
                raise ValueError(f"{model.__name__}.{field.name} has no default: give its value.")
            constants.append((field, field.get_db_prep_save(default, connection)))
        quote = connection.ops.quote_name
        self.columns = ", ".join(quote(str(f.column)) for f in [*given, *(f for f, _ in constants)])
        self.table = quote(meta.db_table)
        self.constants = tuple(value for _, value in constants)
        self.converters = [
            (index, convert)
            for index, field in enumerate(given)
            if (convert := _converter(field)) is not None
        ]
        self.width = len(given) + len(constants)

    def _rows(self, rows: Iterable[Sequence[Any]]) -> Iterable[tuple[Any, ...]]:
        constants, converters = self.constants, self.converters
        for row in rows:
            if converters:
                values = list(row)
                for index, convert in converters:
                    values[index] = convert(values[index])
                yield (*values, *constants)
            else:
                yield (*row, *constants)

    def prepare(self, rows: Iterable[Sequence[Any]]) -> list[tuple[Any, ...]] | bytes:
        """The rows as the database takes them: tuples for SQLite, the text of a COPY for
        PostgreSQL. Needs no connection (a producer process may prepare them)."""
        if connection.vendor == "postgresql":
            return "".join(
                "\t".join(_copy_text(value) for value in row) + "\n" for row in self._rows(rows)
            ).encode()
        return list(self._rows(rows))

    def write(self, rows: Iterable[Sequence[Any]]) -> None:
        self.write_prepared(self.prepare(rows))

    def write_prepared(self, prepared: list[tuple[Any, ...]] | bytes) -> None:
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            marks = ", ".join("?" * self.width)
            sql = f"INSERT INTO {self.table} ({self.columns}) VALUES ({marks})"
            connection.connection.executemany(sql, prepared)
            return
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                sql = f"COPY {self.table} ({self.columns}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    copy.write(prepared)
            return
        raise NotImplementedError(connection.vendor)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value: Any) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).translate(_COPY_ESCAPES)


def next_id(model: type[models.Model]) -> int:
    """The first free primary key of a model's table (ids handed out by the caller)."""
    quote = connection.ops.quote_name
    key = str(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX({quote(key)}), 0) FROM {quote(model._meta.db_table)}")
        return int(cursor.fetchone()[0]) + 1


def reset_sequences(models_: Sequence[type[models.Model]]) -> None:
    """After ids were given by hand: PostgreSQL's sequences continue after the largest (SQLite's
    AUTOINCREMENT follows by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    if not statements:
        return
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def produced(items: Iterator[T], *, in_child: bool) -> Iterator[T]:
    """The items of a generator, made in a forked child process while the caller works on the
    previous one (writing it), so that two cores share the work; in this process when
    `in_child` is false or fork is not available. The child uses no database connection."""
    if not in_child or "fork" not in multiprocessing.get_all_start_methods():
        yield from items
        return
    context = multiprocessing.get_context("fork")
    queue: Any = context.Queue(maxsize=2)

    def produce() -> None:
        try:
            for item in items:
                queue.put(item)
            queue.put(None)
        except BaseException as error:
            queue.put(RuntimeError(f"{type(error).__name__}: {error}"))
            raise

    child = context.Process(target=produce, name="ejcms-bulk-producer", daemon=True)
    child.start()
    try:
        while (item := queue.get()) is not None:
            if isinstance(item, RuntimeError):
                raise item
            yield item
    finally:
        if child.is_alive():
            child.kill()
        child.join()
