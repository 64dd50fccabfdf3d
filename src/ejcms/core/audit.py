"""The audit log: one hash-chained record per service call, written in the service's transaction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
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
    fields: dict[str, Any] = {
        "sequence": record.sequence,
        "at": record.at.isoformat(),
        "actor": record.actor_id,
        "action": record.action,
        "object_type": record.object_type,
        "object_id": record.object_id,
        "payload": record.payload,
        "previous_hash": record.previous_hash,
    }
    # Hashed when present, so the records written before these fields existed still verify.
    for name in ("office", "request_id", "ip"):
        value = getattr(record, name)
        if value:
            fields[name] = value
    return fields


@dataclass(frozen=True)
class RequestContext:
    """Where the current act comes from: the request's id and the client's address."""

    request_id: str = ""
    ip: str | None = None


# Set by core.middleware.RequestContextMiddleware for each request; empty for commands.
REQUEST: ContextVar[RequestContext | None] = ContextVar("ejcms_audit_request", default=None)
NO_REQUEST = RequestContext()

# The office code of an actor, filled in by the org app (which knows the staff profiles).
OFFICE_OF: list[Callable[[Any], str]] = []


def _office_of(actor: User | AnonymousUser | None) -> str:
    if actor is None or not actor.is_authenticated or not OFFICE_OF:
        return ""
    return OFFICE_OF[0](actor)


def audit_write(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    obj: models.Model | None,
    payload: dict[str, Any] | None = None,
) -> AuditRecord:
    """Append a record. Must run inside the caller's transaction (it locks the chain head).
    `obj` is None for an act on no record (a failed login under an unknown name)."""
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
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        payload=stored_payload,
        office=_office_of(actor),
        request_id=(REQUEST.get() or NO_REQUEST).request_id,
        ip=(REQUEST.get() or NO_REQUEST).ip,
        previous_hash=chain.last_hash,
    )
    record.hash = _digest(record_fields(record))
    record.save(force_insert=True)
    chain.length = record.sequence
    chain.last_hash = record.hash
    chain.save(update_fields=["length", "last_hash"])
    return record


@dataclass(frozen=True)
class Verification:
    checked: int
    # The first record found wrong, or None; `problem` says what is wrong.
    broken: AuditRecord | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return not self.problem


def audit_verify() -> Verification:
    """Walk the chain in order. Each record must follow the one before it (sequence and hash),
    hash to what it holds, and the last must be the chain's head: so a record changed, removed
    from the middle or from the end is found."""
    previous = ""
    checked = 0
    for record in AuditRecord.objects.order_by("sequence").iterator(chunk_size=2000):
        if record.sequence != checked + 1:
            return Verification(
                checked, record, f"records {checked + 1}–{record.sequence - 1} are missing"
            )
        if record.previous_hash != previous:
            return Verification(checked, record, "it does not follow the record before it")
        if _digest(record_fields(record)) != record.hash:
            return Verification(checked, record, "its content does not match its hash")
        previous = record.hash
        checked += 1
    head = AuditChain.objects.filter(pk=1).first()
    length, last_hash = (head.length, head.last_hash) if head else (0, "")
    if length != checked or last_hash != previous:
        return Verification(
            checked,
            None,
            f"the chain holds {length} records but {checked} are left: "
            f"records after {checked} were removed",
        )
    return Verification(checked)
