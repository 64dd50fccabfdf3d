"""Gap-free numbering: the register numbers of cases, receipts and documents."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, models, transaction


def take_next_number(counter: type[models.Model], **key: Any) -> int:
    """The next number of the counter row identified by `key` (created at 0 if missing).

    The row stays locked until the caller's transaction ends: two callers never get the same
    number, and a number taken by a transaction that rolls back is not lost."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_next_number must run inside transaction.atomic()")
    try:
        with transaction.atomic():
            counter._default_manager.get_or_create(**key)
    except IntegrityError:  # created at the same moment by another transaction
        pass
    row = counter._default_manager.select_for_update().get(**key)
    row.last_number += 1  # type: ignore[attr-defined]
    row.save(update_fields=["last_number"])
    return int(row.last_number)  # type: ignore[attr-defined]
