"""Starting, meeting and cancelling the statutory deadlines of a case."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ejcms.cases.models import Deadline, EnforcementCase
from ejcms.cases.rules import legal_rule, time_limit_end
from ejcms.cases.workflow import DEADLINES
from ejcms.core.calendar import WorkingCalendar
from ejcms.org.selectors import calendar_for


def case_calendar(case: EnforcementCase) -> WorkingCalendar:
    """Working days where the case is enforced: national holidays and the province's own."""
    return calendar_for(case.office.province_id)


def deadline_start(
    case: EnforcementCase, key: str, *, start: date, calendar: WorkingCalendar, ref: str = ""
) -> Deadline:
    spec = DEADLINES[key]
    rule = legal_rule(key, start)
    return Deadline.objects.create(
        case=case,
        key=key,
        ref=ref,
        bearer=spec.bearer,
        rule=rule,
        started_on=start,
        due_on=time_limit_end(rule, start, calendar),
    )


def deadlines_meet(
    case: EnforcementCase, keys: Iterable[str], *, on: date, ref: str | None = None
) -> list[Deadline]:
    """Mark the open deadlines of these kinds as met on `on` (late when after their due date);
    only those of the act `ref` when it is given."""
    open_qs = Deadline.objects.filter(
        case=case, key__in=list(keys), met_on__isnull=True, cancelled_on__isnull=True
    )
    if ref is not None:
        open_qs = open_qs.filter(ref=ref)
    open_ = list(open_qs)
    for deadline in open_:
        deadline.met_on = on
        deadline.save(update_fields=["met_on"])
    return open_


def deadlines_cancel_open(case: EnforcementCase, *, on: date) -> list[str]:
    """Stop every open deadline (suspension, termination); returns the keys stopped."""
    open_ = Deadline.objects.filter(case=case, met_on__isnull=True, cancelled_on__isnull=True)
    keys = list(open_.values_list("key", flat=True))
    open_.update(cancelled_on=on)
    return keys


def deadline_open(case: EnforcementCase, key: str, ref: str) -> Deadline | None:
    """The running time limit of one act."""
    return (
        Deadline.objects.filter(
            case=case, key=key, ref=ref, met_on__isnull=True, cancelled_on__isnull=True
        )
        .order_by("-pk")
        .first()
    )


def deadline_of(case: EnforcementCase, key: str, ref: str) -> Deadline | None:
    """The latest time limit of one act, running or not."""
    return Deadline.objects.filter(case=case, key=key, ref=ref).order_by("-pk").first()
