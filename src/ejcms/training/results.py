"""Kirkpatrick level 4: the case results of trained officers before and after a training,
beside colleagues of the same office level who were not trained. Aggregate SQL per officer;
not a controlled experiment, and the page says so."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, F, Q, Sum

from ejcms.cases.choices import DeadlineBearer
from ejcms.cases.models import Deadline, TimelineEvent
from ejcms.finance.choices import CHARGE_KINDS, EntryKind
from ejcms.finance.models import LedgerEntry
from ejcms.org.models import StaffProfile
from ejcms.org.roles import Role
from ejcms.training.models import Certificate, Event

WINDOW = timedelta(days=180)


@dataclass
class Indicators:
    officers: int = 0
    resolved: int = 0
    deadlines: int = 0
    on_time: int = 0
    recovered: Decimal = Decimal(0)
    due: Decimal = Decimal(0)

    @property
    def resolved_per_officer(self) -> float | None:
        return self.resolved / self.officers if self.officers else None

    @property
    def on_time_percent(self) -> float | None:
        return 100 * self.on_time / self.deadlines if self.deadlines else None

    @property
    def recovery_percent(self) -> float | None:
        return float(100 * self.recovered / self.due) if self.due else None


def indicators(officer_ids: Iterable[int], start: date, end: date) -> Indicators:
    """Cases terminated in the period, office deadlines due in it (and met on time), money
    received in kip in it against what their cases owe in kip, for these officers' cases."""
    ids = list(officer_ids)
    result = Indicators(officers=len(ids))
    if not ids:
        return result
    result.resolved = TimelineEvent.objects.filter(
        case__assigned_officer__in=ids, transition="terminate", on__range=(start, end)
    ).count()
    deadlines = Deadline.objects.filter(
        case__assigned_officer__in=ids,
        bearer=DeadlineBearer.OFFICE,
        due_on__range=(start, end),
        cancelled_on__isnull=True,
    ).aggregate(n=Count("pk"), met=Count("pk", filter=Q(met_on__lte=F("due_on"))))
    result.deadlines, result.on_time = deadlines["n"], deadlines["met"]
    money = LedgerEntry.objects.filter(case__assigned_officer__in=ids, currency="LAK").aggregate(
        received=Sum("amount", filter=Q(kind=EntryKind.PAYMENT, on__range=(start, end))),
        due=Sum("amount", filter=Q(kind__in=list(CHARGE_KINDS), on__lte=end)),
    )
    result.recovered = money["received"] or Decimal(0)
    result.due = money["due"] or Decimal(0)
    return result


@dataclass
class Comparison:
    before: tuple[date, date]
    after: tuple[date, date]
    trained: tuple[Indicators, Indicators]
    untrained: tuple[Indicators, Indicators]
    after_complete: bool


def event_results(event: Event, today: date) -> Comparison:
    """The trained participants of an event against the untrained officers of the same office
    levels, in the 180 days before the training and the 180 days after it."""
    trained = list(
        event.participants.filter(certificate__isnull=False).values_list("user_id", flat=True)
    )
    levels = set(
        StaffProfile.objects.filter(user_id__in=trained).values_list("office__level", flat=True)
    )
    untrained = list(
        StaffProfile.objects.filter(
            role=Role.OFFICER,
            office__level__in=levels,
            user__is_active=True,
            is_service_account=False,
        )
        .exclude(user_id__in=trained)
        .exclude(user_id__in=Certificate.objects.values("participant__user_id"))
        .values_list("user_id", flat=True)
    )
    before = (event.starts_on - WINDOW, event.starts_on - timedelta(days=1))
    after_end = min(event.ends_on + WINDOW, today)
    after = (event.ends_on + timedelta(days=1), after_end)
    return Comparison(
        before=before,
        after=after,
        trained=(indicators(trained, *before), indicators(trained, *after)),
        untrained=(indicators(untrained, *before), indicators(untrained, *after)),
        after_complete=after_end >= event.ends_on + WINDOW,
    )
