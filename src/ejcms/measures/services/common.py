"""What every measure service shares: the lock, the permission, dates, the timeline and audit."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from ejcms.cases.choices import ACTIVE_STATES, TimelineKind
from ejcms.cases.models import Deadline, EnforcementCase, Party
from ejcms.cases.permissions import require_act, require_open
from ejcms.cases.rules import legal_rule
from ejcms.cases.services.deadlines import case_calendar, deadline_start
from ejcms.cases.timeline import event_record
from ejcms.cases.workflow import OFFICER_OR_HEAD
from ejcms.core.audit import audit_write, changes, snapshot
from ejcms.core.errors import ApplicationError
from ejcms.core.money import currency_decimals
from ejcms.org.roles import Role


def lock_case(
    actor: User, case_id: int, *, roles: Collection[Role] = OFFICER_OR_HEAD
) -> EnforcementCase:
    """Lock the case row for the transaction, and check that `actor` may act in it now."""
    case = EnforcementCase.objects.select_for_update().select_related("office").get(pk=case_id)
    require_act(actor, case, roles)
    require_open(case, ACTIVE_STATES)
    return case


def check_date(on: date | None, field: str = "on", *, required: bool = True) -> None:
    if on is None:
        if required:
            raise ApplicationError({field: _("Enter the date.")})
        return
    if on > timezone.localdate():
        raise ApplicationError({field: _("The date cannot be in the future.")})


def check_not_before(on: date, earlier: date | None, field: str = "on") -> None:
    if earlier is not None and on < earlier:
        from ejcms.core.formatting import format_date

        raise ApplicationError(
            {field: _("The date cannot be before %(date)s.") % {"date": format_date(earlier)}}
        )


def check_money(amount: Decimal | None, currency: str, field: str = "amount") -> None:
    if amount is None or not amount.is_finite() or amount <= 0:
        raise ApplicationError({field: _("Enter an amount greater than zero.")})
    if not currency:
        raise ApplicationError({"currency": _("Choose the currency.")})
    unit = Decimal(1).scaleb(-currency_decimals(currency))
    if amount != amount.quantize(unit):
        raise ApplicationError(
            {
                field: _("%(currency)s has at most %(places)s decimals.")
                % {"currency": currency, "places": currency_decimals(currency)}
            }
        )


def check_party(case: EnforcementCase, party: Party | None, field: str) -> Party:
    if party is None or not case.case_parties.filter(party=party).exists():
        raise ApplicationError({field: _("Choose a party of this case.")})
    return party


def set_status(obj: Any, status: str, *, prefix: str = "") -> dict[str, list[Any]]:
    """Move an asset, sale or valuation to `status` (and stamp its modification time); returns
    the change for the audit, its key prefixed with `prefix` (e.g. "asset")."""
    before = snapshot(obj, ["status"])
    obj.status = status
    obj.save(update_fields=["status", "modified_at"])
    return changes(before, snapshot(obj, ["status"]), prefix=prefix)


def start_limit(case: EnforcementCase, key: str, on: date, ref: str) -> Deadline:
    """Start the statutory time limit `key` of the act `ref`, counted from `on`."""
    return deadline_start(case, key, start=on, calendar=case_calendar(case), ref=ref)


def rule_value(key: str, on: date) -> tuple[Decimal, str]:
    """A limit and its article, e.g. (30, "59")."""
    rule = legal_rule(key, on)
    return rule.value, rule.article


def record(
    case: EnforcementCase,
    timeline_kind: TimelineKind,
    /,
    *,
    actor: User,
    on: date,
    action: str,
    obj: models.Model,
    note: str = "",
    changes: Mapping[str, Sequence[Any]] | None = None,
    **payload: Any,
) -> None:
    """The timeline entry and the audit record of a measure service, in its transaction;
    `changes` are the fields the act changed, before and after (see core.audit.changes)."""
    data = {"action": action, **{k: _plain(v) for k, v in payload.items()}}
    event_record(case, timeline_kind, actor=actor, on=on, note=note, payload=data)
    audit_write(
        actor=actor,
        action=f"{timeline_kind}.{action}",
        obj=obj,
        payload={"case": case.pk, "on": on, **data},
        changes=changes,
    )


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
