"""The audit log: one hash-chained record per service call, written in the service's transaction."""

from __future__ import annotations

import enum
import hashlib
import json
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from ejcms.core.models import AuditChain, AuditRecord
from ejcms.core.text import mask_identity


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


# --- Changes: the values before and after an edit ------------------------------------------

# Fields whose values the audit never keeps in clear, whatever the row: a change of an identity
# number is recorded, with only its last characters shown (as the case page shows it).
PRIVATE_FIELDS = frozenset({"id_document_number"})


def audit_value(value: Any, field: models.Field[Any, Any] | None = None) -> Any:
    """The JSON form the audit keeps of a value: a row as its id, a choice as its stored value,
    dates in ISO form, a decimal as text (to the places of its field, so 5000 and 5000.00 are
    one value)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, models.Model):
        return audit_value(value.pk)
    if isinstance(value, Decimal):
        if isinstance(field, models.DecimalField) and value.is_finite():
            value = value.quantize(Decimal(1).scaleb(-(field.decimal_places or 0)))
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, Mapping):
        return {str(key): audit_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [audit_value(item) for item in value]
    if isinstance(value, str | int | float):
        return value
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Some fields of a row as the audit keeps them (see `audit_value`): taken before an edit
    and again after it, and compared by `changes`. A foreign key is its id, a many-to-many
    field the sorted ids."""
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if isinstance(field, models.ManyToManyField):
            related = getattr(instance, name)
            values[name] = sorted(related.values_list("pk", flat=True)) if instance.pk else []
        elif isinstance(field, models.ForeignKey):
            values[name] = audit_value(getattr(instance, field.attname))
        elif isinstance(field, models.Field):
            values[name] = audit_value(getattr(instance, name), field)
        else:
            raise ValueError(f"{name} is not a field of {instance._meta.label}")
    return values


def row_key(instance: models.Model) -> str:
    """How a change names a row other than the record's own: "asset:12" (then "asset:12.status")."""
    return f"{instance._meta.model_name}:{instance.pk}"


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _masked(value: Any) -> Any:
    return value if _empty(value) else mask_identity(str(value))


def changes(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    *,
    prefix: str = "",
    private: Collection[str] = (),
) -> dict[str, list[Any]]:
    """The fields whose value differs between two states, as {field: [before, after]}, for
    `audit_write(changes=...)`. A field missing on one side is None there (a row created or
    removed); empty and missing are the same. `prefix` names the row when it is not the record's
    own ("party" gives "party.name_lo"). Identity numbers (PRIVATE_FIELDS, `private`) are
    masked: the record shows that they changed, not what they are."""
    hidden = PRIVATE_FIELDS | set(private)
    found: dict[str, list[Any]] = {}
    for name in dict.fromkeys([*before, *after]):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        old, new = audit_value(old), audit_value(new)
        if old == new or (_empty(old) and _empty(new)):
            continue
        if name.rsplit(".", 1)[-1] in hidden:
            old, new = _masked(old), _masked(new)
        found[f"{prefix}.{name}" if prefix else name] = [old, new]
    return found


def audit_write(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    obj: models.Model | None,
    payload: dict[str, Any] | None = None,
    changes: Mapping[str, Sequence[Any]] | None = None,
) -> AuditRecord:
    """Append a record. Must run inside the caller's transaction (it locks the chain head).
    `obj` is None for an act on no record (a failed login under an unknown name). `changes`,
    from `changes()`, are the fields the act changed with their values before and after: kept
    in the payload under "changes" as {"field": [before, after]}, so the hash covers them; an
    act that changed nothing has no "changes"."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_write must be called inside transaction.atomic()")
    body = dict(payload or {})
    if changes:
        if "changes" in body:
            raise ValueError("the payload already holds 'changes'")
        body["changes"] = {
            str(name): [audit_value(old), audit_value(new)] for name, (old, new) in changes.items()
        }
    chain, _created = AuditChain.objects.select_for_update().get_or_create(pk=1)
    # Round-trip the payload through JSON so that the hash is computed on what is stored.
    stored_payload = json.loads(json.dumps(body, cls=DjangoJSONEncoder))
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
