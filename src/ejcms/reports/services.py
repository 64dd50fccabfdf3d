"""Baseline snapshots: the indicators of a unit and period frozen on the day they are taken."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ejcms.core.audit import audit_write, changes
from ejcms.core.audit import snapshot as audit_snapshot
from ejcms.core.errors import AccessDenied, ApplicationError
from ejcms.org.roles import MATRIX, Action
from ejcms.org.selectors import staff_profile
from ejcms.reports.models import Snapshot
from ejcms.reports.periods import Period
from ejcms.reports.selectors import OFFICER, Indicators, indicators, unit_for
from ejcms.reports.tables import all_tables, key_figures

# Who may freeze a baseline: the heads of offices and the DEJ's supervisors.
SNAPSHOT_TAKERS = MATRIX[Action.STATISTICS_BASELINE]


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return value


def serialize(ind: Indicators) -> dict[str, Any]:
    """The indicators as stored in a snapshot: plain JSON, numbers of the total by key and
    every table as shown."""
    return {
        "figures": {key: _plain(value) for key, _label, value, _kind in key_figures(ind)},
        "tables": [
            {
                "name": table.name,
                "title": table.title,
                "columns": [[c.key, c.label, c.kind] for c in table.columns],
                "rows": [[_plain(v) for v in row] for row in table.rows],
                "total": [_plain(v) for v in table.total] if table.total else None,
            }
            for table in all_tables(ind)
        ],
    }


@transaction.atomic
def snapshot_take(
    *,
    actor: User,
    unit_key: str,
    period: Period,
    label: str,
    standard_days: int,
    today: date | None = None,
) -> Snapshot:
    """Freeze the indicators of the unit `unit_key` over `period` under `label`."""
    profile = staff_profile(actor)
    if profile is None or profile.role not in SNAPSHOT_TAKERS:
        raise AccessDenied(_("Only heads of office and DEJ supervisors may take a baseline."))
    unit = unit_for(actor, unit_key)
    if unit.level == OFFICER:
        raise ApplicationError(
            {"unit": _("A baseline is taken for an office, a province or the country.")}
        )
    label = label.strip()
    if not label:
        raise ApplicationError(
            {"label": _("Give the baseline a name, e.g. “Baseline March 2025”.")}
        )
    today = today or timezone.localdate()
    if period.start > today:
        raise ApplicationError(
            {"period": _("A baseline cannot be taken of a period that has not begun.")}
        )
    if Snapshot.objects.filter(unit_key=unit.key, label=label, withdrawn_at__isnull=True).exists():
        raise ApplicationError({"label": _("This unit already has a baseline with this name.")})
    ind = indicators(unit, period, standard_days=standard_days, today=today)
    snapshot = Snapshot.objects.create(
        label=label,
        unit_key=unit.key,
        unit_name=unit.name,
        standard_days=standard_days,
        start=period.start,
        end=period.end,
        period_label=period.label,
        indicators=serialize(ind),
        taken_by=actor,
    )
    audit_write(
        actor=actor,
        action="reports.snapshot_take",
        obj=snapshot,
        payload={"label": label, "unit": unit.key, "start": period.start, "end": period.end},
    )
    return snapshot


@transaction.atomic
def snapshot_withdraw(*, actor: User, snapshot: Snapshot) -> Snapshot:
    """Withdraw a baseline taken by mistake; it stays on record, marked withdrawn."""
    profile = staff_profile(actor)
    if profile is None or profile.role not in SNAPSHOT_TAKERS:
        raise AccessDenied(_("Only heads of office and DEJ supervisors may withdraw a baseline."))
    snapshot = Snapshot.objects.select_for_update().get(pk=snapshot.pk)
    if snapshot.withdrawn_at is not None:
        raise ApplicationError(_("This baseline is already withdrawn."))
    before = audit_snapshot(snapshot, ["withdrawn_at"])
    snapshot.withdrawn_at = timezone.now()
    snapshot.save(update_fields=["withdrawn_at"])
    audit_write(
        actor=actor,
        action="reports.snapshot_withdraw",
        obj=snapshot,
        payload={},
        changes=changes(before, audit_snapshot(snapshot, ["withdrawn_at"])),
    )
    return snapshot
