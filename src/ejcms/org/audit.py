"""The audit log as auditors read it: by case, user, office and date, within their scope."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.template.defaultfilters import yesno
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ejcms.core.errors import AccessDenied
from ejcms.core.formatting import format_date
from ejcms.core.models import AuditRecord
from ejcms.core.money import format_amount
from ejcms.org.models import Office, StaffProfile
from ejcms.org.roles import MATRIX, Action
from ejcms.org.selectors import AnyUser, office_scope, staff_profile

# Who reads the audit log: auditors and DEJ supervisors (of what their office sees), and the
# national administrator (all of it).
AUDIT_READERS = MATRIX[Action.AUDIT_READ]


@dataclass(frozen=True)
class AuditFilters:
    case_id: str = ""
    username: str = ""
    office_code: str = ""
    start: date | None = None
    end: date | None = None


def may_read_audit(user: AnyUser) -> bool:
    profile = staff_profile(user)
    return profile is not None and profile.role in AUDIT_READERS


def audit_records_for(user: AnyUser, filters: AuditFilters) -> QuerySet[AuditRecord]:
    """The records the user may read, filtered, newest first. Records of a national scope
    (the DEJ, or a national administrator) include those with no office (logins under an
    unknown name, and records written before offices were recorded)."""
    profile = staff_profile(user)
    if profile is None or profile.role not in AUDIT_READERS:
        raise AccessDenied(visible=False)
    records = AuditRecord.objects.select_related("actor__staff_profile").order_by("-sequence")
    everything = profile.office.level == Office.Level.CENTRAL
    if not everything:
        scope = office_scope(user)
        if scope.nothing:
            # An administrator of a province reads the province's offices.
            province = profile.office.province_id
            codes = Office.objects.filter(province_id=province if province is not None else -1)
        else:
            codes = Office.objects.filter(scope.offices_q())
        records = records.filter(office__in=codes.values("code"))
    if filters.case_id:
        records = records.filter(
            Q(object_type="cases.enforcementcase", object_id=filters.case_id)
            | Q(payload__case=int(filters.case_id) if filters.case_id.isdigit() else -1)
        )
    if filters.username:
        records = records.filter(
            Q(actor__username=filters.username) | Q(payload__username=filters.username)
        )
    if filters.office_code:
        records = records.filter(office=filters.office_code)
    if filters.start:
        records = records.filter(at__date__gte=filters.start)
    if filters.end:
        records = records.filter(at__date__lte=filters.end)
    return records


# --- The changes a record holds, as the auditor reads them ----------------------------------

# What a change may name that is not a field of a model: the balance of a case in one currency
# before and after a correction of its ledger (finance.services.entry_reverse).
CHANGE_LABELS = {
    "balance.due": _("Total charged"),
    "balance.received": _("Received"),
    "balance.overpaid": _("Surplus received"),
    "balance.paid_out": _("Paid out"),
    "balance.refunded": _("Surplus returned"),
    "balance.outstanding": _("Still due"),
}
AMOUNTS = frozenset(CHANGE_LABELS)
NOTHING = "—"


@dataclass(frozen=True)
class ShownChange:
    key: str  # as stored: "state", "asset.status", "sale:7.status"
    label: str  # "Status", "Asset › Status", "Sale 7 › Status"
    before: str
    after: str


def shown_changes(record: AuditRecord) -> list[ShownChange]:
    """The fields an act changed (payload "changes", see core.audit.changes), each with its
    label and its values before and after as the page shows them: a choice by its label, a
    row by its name, a date as a date. A key the page cannot name is shown as stored."""
    payload = record.payload if isinstance(record.payload, dict) else {}
    stored = payload.get("changes")
    if not isinstance(stored, dict):
        return []
    model = _model_of(record.object_type)
    currency = str(payload.get("currency") or "")
    shown = []
    for key, pair in stored.items():
        before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        label, field = _label(model, key)
        shown.append(
            ShownChange(
                key,
                label,
                _value(field, before, key=key, currency=currency),
                _value(field, after, key=key, currency=currency),
            )
        )
    return shown


def payload_details(record: AuditRecord) -> Any:
    """The payload without its changes (shown apart, by `shown_changes`)."""
    payload = record.payload
    if isinstance(payload, dict) and "changes" in payload:
        return {key: value for key, value in payload.items() if key != "changes"}
    return payload


def _model_of(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label) if label else None
    except (LookupError, ValueError):
        return None


@cache
def _models_by_name() -> dict[str, type[models.Model]]:
    found: dict[str, type[models.Model]] = {}
    for model in apps.get_models():
        found.setdefault(model._meta.model_name or "", model)
    return found


def _related(model: type[models.Model] | None, name: str) -> type[models.Model] | None:
    """The model a part of a key names: a relation of `model` ("asset"), else a model by its
    name ("sale" in "sale:7")."""
    if model is not None:
        try:
            related = model._meta.get_field(name).related_model
        except FieldDoesNotExist:
            related = None
        if isinstance(related, type) and issubclass(related, models.Model):
            return related
    return _models_by_name().get(name)


def _label(model: type[models.Model] | None, key: str) -> tuple[str, models.Field[Any, Any] | None]:
    if key in CHANGE_LABELS:
        return str(CHANGE_LABELS[key]), None
    *path, name = key.split(".")
    names = []
    current = model
    for part in path:
        relation, _sep, pk = part.partition(":")
        current = _related(current, relation)
        if current is None:
            return key, None
        names.append(f"{capfirst(current._meta.verbose_name)} {pk}".strip())
    try:
        field = current._meta.get_field(name) if current is not None else None
    except FieldDoesNotExist:
        field = None
    if not isinstance(field, models.Field):
        return key, None
    names.append(str(capfirst(field.verbose_name)))
    return " › ".join(names), field


def _value(field: models.Field[Any, Any] | None, value: Any, *, key: str, currency: str) -> str:
    if value is None or value == "" or value == []:
        return NOTHING
    if key in AMOUNTS or isinstance(field, models.DecimalField):
        return _amount(value, currency)
    if field is None:
        return _plain(value)
    if isinstance(field, models.ForeignKey):
        return _row(field, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return str(yesno(value))
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(str(value))
        if moment is None:
            return str(value)
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        try:
            return format_date(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return _plain(value)


def _amount(value: Any, currency: str) -> str:
    try:
        return format_amount(Decimal(str(value)), currency)
    except (InvalidOperation, ValueError):
        return str(value)


def _row(field: models.ForeignKey[Any, Any], value: Any) -> str:
    """A row named by its id, by what it is called (a member of staff by their name)."""
    related = field.related_model
    if not (isinstance(related, type) and issubclass(related, models.Model)):
        return str(value)
    if issubclass(related, User):
        profile = StaffProfile.objects.filter(user_id=value).first()
        if profile is not None:
            return profile.display_name
    row = related._default_manager.filter(pk=value).first()
    return str(row) if row is not None else str(value)


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return str(yesno(value))
    if isinstance(value, list):
        return ", ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
