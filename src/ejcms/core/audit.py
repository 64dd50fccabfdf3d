"""The audit log: one hash-chained record per service call, written in the service's transaction."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from ejcms.core.models import AuditChain, AuditRecord


def _digest(fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, cls=DjangoJSONEncoder)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record_fields(record: AuditRecord) -> dict[str, Any]:
    return {
        "sequence": record.sequence,
        "at": record.at.isoformat(),
        "actor": record.actor_id,
        "action": record.action,
        "object_type": record.object_type,
        "object_id": record.object_id,
        "payload": record.payload,
        "previous_hash": record.previous_hash,
    }


def audit_write(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    obj: models.Model,
    payload: dict[str, Any] | None = None,
) -> AuditRecord:
    """Append a record. Must run inside the caller's transaction (it locks the chain head)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_write must be called inside transaction.atomic()")
    chain, _created = AuditChain.objects.select_for_update().get_or_create(pk=1)
    # Round-trip the payload through JSON so that the hash is computed on what is stored.
    stored_payload = json.loads(json.dumps(payload or {}, cls=DjangoJSONEncoder))
    record = AuditRecord(
        sequence=chain.length + 1,
        at=timezone.now(),
        actor_id=actor.pk if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        payload=stored_payload,
        previous_hash=chain.last_hash,
    )
    record.hash = _digest(record_fields(record))
    record.save(force_insert=True)
    chain.length = record.sequence
    chain.last_hash = record.hash
    chain.save(update_fields=["length", "last_hash"])
    return record


def audit_verify() -> tuple[int, AuditRecord | None]:
    """Walk the chain; return (records checked, first broken record or None)."""
    previous = ""
    checked = 0
    for record in AuditRecord.objects.order_by("sequence").iterator(chunk_size=2000):
        if record.previous_hash != previous or _digest(record_fields(record)) != record.hash:
            return checked, record
        previous = record.hash
        checked += 1
    return checked, None
